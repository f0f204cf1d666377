"""A sheet's editor: filter box, sortable table, copy/paste of cell ranges with Excel (TSV),
add and delete rows. Each paste, delete or row change is one undo step."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from ui.commands import AddRows, RemoveRows
from ui.i18n import tr
from ui.labels import sheet_label
from ui.sheet_model import SORT_ROLE, SheetModel, display_value

MAX_PASTE_CELLS = 200_000  # a paste beyond this is refused: it would freeze the window


def to_tsv(rows: list[list[str]]) -> str:
    """Cells as Excel copies them: tabs between, newlines after; tabs/newlines in a cell quoted."""

    def cell(s: str) -> str:
        if any(ch in s for ch in '\t\n"'):
            return '"' + s.replace('"', '""') + '"'
        return s

    return "".join("\t".join(cell(c) for c in row) + "\n" for row in rows)


def copy_selection(view: QTableView, with_header: bool = False) -> None:
    """The selected block of a table, as shown (view order), to the clipboard as TSV; cells of
    the block that are not selected stay blank. `with_header`: the header row too when every
    row is selected (as after Ctrl+A)."""
    model = view.model()
    indexes = view.selectionModel().selectedIndexes()
    if not indexes:
        return
    rows = sorted({i.row() for i in indexes})
    cols = range(min(i.column() for i in indexes), max(i.column() for i in indexes) + 1)
    picked = {(i.row(), i.column()) for i in indexes}

    def shown(r: int, c: int) -> str:
        value = model.index(r, c).data() if (r, c) in picked else None
        return "" if value is None else str(value)

    grid = [[shown(r, c) for c in cols] for r in range(rows[0], rows[-1] + 1)]
    if with_header and len(rows) == model.rowCount():
        grid.insert(0, [str(model.headerData(c, Qt.Horizontal)).replace("\n", " ") for c in cols])
    QGuiApplication.clipboard().setText(to_tsv(grid))


def from_tsv(text: str) -> list[list[str]]:
    """Excel's clipboard text back into cells (quoted cells may hold tabs and newlines)."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n, quoted = 0, len(text), False
    at_start = True
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"' and i + 1 < n and text[i + 1] == '"':
                cell.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and at_start:
            quoted = True
        elif ch == "\t":
            row.append("".join(cell))
            cell, at_start = [], True
            i += 1
            continue
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_start = [], [], True
            i += 1
            continue
        else:
            cell.append(ch)
        at_start = False
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


class SheetTable(QTableView):
    message = Signal(str)

    def __init__(self, model: SheetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet_model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.setModel(self.proxy)
        # file order until the user sorts: without the indicator cleared first, enabling
        # sorting sorts by the first column (minutes through Python for 10,000 rows)
        self.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # one height for every row: Qt then lays out 10,000 rows without asking each one
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self._bind(model)

    def set_model(self, model: SheetModel) -> None:
        """Show another document's sheet in this table (cheaper than a new table)."""
        old = self.sheet_model
        old.modelReset.disconnect(self.fit_columns)
        old.message.disconnect(self.message)
        self.sheet_model = model
        self._bind(model)

    def _bind(self, model: SheetModel) -> None:
        self.proxy.setSourceModel(model)
        model.modelReset.connect(self.fit_columns)
        model.message.connect(self.message)
        self.fit_columns()

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        # the header's own font (bold on some styles) and room for the sort arrow
        title_metrics = header.fontMetrics()
        for j in range(self.sheet_model.columnCount()):
            title = str(self.sheet_model.headerData(j, Qt.Horizontal))
            width = title_metrics.horizontalAdvance(title) + 36
            for i in range(min(50, self.sheet_model.rowCount())):  # a sample, not every row
                value = self.sheet_model.value(i, j)
                text = display_value(value, self.sheet_model.kind(j), grouped=True)
                width = max(width, metrics.horizontalAdvance(text) + 16)
            # long descriptions get a tooltip's worth, not the screen: the figures stay in view
            cap = 230 if self.sheet_model.kind(j) == schema.TEXT else 320
            header.resizeSection(j, min(width, cap))

    # positions in the sheet (source model) of the selection ------------------------------
    def selected_cells(self) -> list[tuple[int, int]]:
        cells = []
        for index in self.selectionModel().selectedIndexes():
            source = self.proxy.mapToSource(index)
            cells.append((source.row(), source.column()))
        return cells

    def selected_rows(self) -> list[int]:
        return sorted({r for r, _ in self.selected_cells()})

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Copy):
            self.copy()
        elif event.matches(QKeySequence.Paste):
            self.paste()
        elif event.matches(QKeySequence.Delete) or event.key() == Qt.Key_Backspace:
            self.clear_cells()
        else:
            super().keyPressEvent(event)

    def copy(self) -> None:
        """The selected block (view order, so what the user sees) as TSV for Excel."""
        copy_selection(self)

    def paste(self) -> None:
        """Cells from the clipboard from the current cell down and right; rows are added when
        the paste runs past the end. One undo step."""
        grid = from_tsv(QGuiApplication.clipboard().text())
        if not grid:
            return
        if sum(len(r) for r in grid) > MAX_PASTE_CELLS:
            self.message.emit(tr("The clipboard holds too many cells to paste here."))
            return
        model = self.sheet_model
        current = self.currentIndex()
        start_view_row = current.row() if current.isValid() else self.proxy.rowCount()
        start_col = current.column() if current.isValid() else 0
        width = model.columnCount()
        cells: list[tuple[int, int, object]] = []
        extra: list[dict[str, object]] = []
        for k, values in enumerate(grid):
            view_row = start_view_row + k
            if view_row < self.proxy.rowCount():
                pos = self.proxy.mapToSource(self.proxy.index(view_row, 0)).row()
                for m, text in enumerate(values):
                    if start_col + m < width:
                        cells.append((pos, start_col + m, text))
            else:
                extra.append(
                    {
                        model.column_name(start_col + m): text
                        for m, text in enumerate(values)
                        if start_col + m < width and text != ""
                    }
                )
        doc = model.doc
        doc.undo.beginMacro(tr("Paste into {sheet}").format(sheet=sheet_label(model.sheet)))
        if extra:
            first_new = len(model.frame)
            doc.undo.push(AddRows(doc, model.sheet, [{} for _ in extra], tr("Add rows")))
            for k, row in enumerate(extra):
                for name, text in row.items():
                    cells.append((first_new + k, list(model.frame.columns).index(name), text))
        model.set_texts(cells, tr("Paste"))
        doc.undo.endMacro()

    def clear_cells(self) -> None:
        cells = [(r, c, "") for r, c in self.selected_cells()]
        if cells:
            self.sheet_model.set_texts(
                cells,
                tr("Clear cells in {sheet}").format(sheet=sheet_label(self.sheet_model.sheet)),
            )

    def add_row(self) -> None:
        model = self.sheet_model
        model.doc.undo.push(
            AddRows(
                model.doc,
                model.sheet,
                [{}],
                tr("Add a row to {sheet}").format(sheet=sheet_label(model.sheet)),
            )
        )
        self.proxy.invalidate()
        last = model.rowCount() - 1
        view = self.proxy.mapFromSource(model.index(last, 0))
        self.setCurrentIndex(view)
        self.scrollTo(view)

    def delete_rows(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        model = self.sheet_model
        model.doc.undo.push(
            RemoveRows(
                model.doc,
                model.sheet,
                rows,
                tr("Delete {n} rows from {sheet}").format(
                    n=len(rows), sheet=sheet_label(model.sheet)
                ),
            )
        )

    def go_to(self, row_label: int | None, column: str | None) -> bool:
        """Select the cell a problem names (clears a filter that hides it)."""
        model = self.sheet_model
        pos = model.position_of(row_label) if row_label is not None else None
        cols = [str(c) for c in model.frame.columns]
        j = cols.index(column) if column in cols else 0
        if pos is None:
            if column in cols:
                self.selectColumn(self.proxy.mapFromSource(model.index(0, j)).column())
            return False
        view = self.proxy.mapFromSource(model.index(pos, j))
        if not view.isValid():
            self.proxy.setFilterFixedString("")
            view = self.proxy.mapFromSource(model.index(pos, j))
        self.setCurrentIndex(view)
        self.selectionModel().select(view, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(view, QAbstractItemView.PositionAtCenter)
        self.setFocus()
        return True


class SheetPanel(QWidget):
    """Filter, add and delete buttons above the table."""

    def __init__(self, model: SheetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = SheetTable(model, self)
        self.table.setObjectName(f"table{model.sheet}")
        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"filter{model.sheet}")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.count = QLabel(self)
        self.add = QPushButton(self)
        self.add.setObjectName(f"addRow{model.sheet}")
        self.add.clicked.connect(self.table.add_row)
        self.remove = QPushButton(self)
        self.remove.setObjectName(f"deleteRows{model.sheet}")
        self.remove.clicked.connect(self.table.delete_rows)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.add)
        bar.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        for signal in (
            self.table.proxy.modelReset,
            self.table.proxy.layoutChanged,
            self.filter.textChanged,
        ):
            signal.connect(self.update_count)
        self.retranslate()

    @property
    def sheet(self) -> str:
        return self.table.sheet_model.sheet

    def set_model(self, model: SheetModel) -> None:
        """Another document's sheet: the filter starts empty again."""
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self.table.proxy.setFilterFixedString("")
        self.table.set_model(model)
        self.update_count()

    def update_count(self) -> None:
        shown, total = self.table.proxy.rowCount(), self.table.sheet_model.rowCount()
        if shown == total:
            self.count.setText(tr("{n} rows").format(n=total))
        else:
            self.count.setText(tr("{shown} of {n} rows").format(shown=shown, n=total))

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(tr("Filter rows (any column)…"))
        self.add.setText(tr("Add row"))
        self.remove.setText(tr("Delete rows"))
        self.table.sheet_model.retranslate()
        self.update_count()
