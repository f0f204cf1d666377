"""Column mapping: when a file's headers are not recognised, the user says which sheet is which
and what each column holds, from a preview of the first rows. Required fields are marked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.io.mapping import guess, header_row
from planner.io.read import ColumnMapping, Grid
from ui.i18n import tr
from ui.labels import column_label, sheet_label

PREVIEW_ROWS = 8


def _text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


class SheetPage(QWidget):
    """One source sheet: which project sheet it holds, and a drop-down per column."""

    changed = Signal()  # the sheet or a column's choice changed

    def __init__(self, title: str, grid: Grid, mapping: ColumnMapping, parent=None) -> None:
        super().__init__(parent)
        self.title, self.grid = title, grid
        self.sheet_box = QComboBox(self)
        self.sheet_box.setObjectName(f"mapSheet_{title}")
        self.sheet_box.addItem(tr("(not used)"), None)
        for sheet in schema.SHEETS:
            self.sheet_box.addItem(f"{sheet_label(sheet.name)} ({sheet.name})", sheet.name)
        target = mapping.sheets.get(title)
        self.sheet_box.setCurrentIndex(max(0, self.sheet_box.findData(target)))
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName(f"mapPreview_{title}")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("This sheet holds:"), self))
        top.addWidget(self.sheet_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        self.boxes: list[tuple[str, QComboBox]] = []
        self._given = mapping.columns.get(target or "", {})
        self.sheet_box.currentIndexChanged.connect(self._rebuild)
        self._rebuild()
        self.sheet_box.currentIndexChanged.connect(self.changed)

    @property
    def target(self) -> str | None:
        return self.sheet_box.currentData()

    def _rebuild(self) -> None:
        sheet = schema.SHEET_BY_NAME.get(self.target or "")
        given = self._given if sheet is not None else {}
        i = header_row(self.grid, sheet, given) if self.grid else 0
        header = [_text(c) for c in self.grid[i]] if i < len(self.grid) else []
        rows = [r for r in self.grid[i + 1 :] if r][:PREVIEW_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(len(rows) + 1)
        self.table.setHorizontalHeaderLabels(header)
        self.table.setVerticalHeaderLabels(
            [tr("Reads as")] + [str(i + 2 + k) for k in range(len(rows))]
        )
        self.boxes = []
        for j, text in enumerate(header):
            box = QComboBox(self.table)
            box.setObjectName(f"map_{self.title}_{j}")
            box.addItem(tr("(ignore)"), None)
            if sheet is not None:
                for col in sheet.columns:
                    star = " *" if col.required else ""
                    box.addItem(f"{column_label(col.name)}{star} ({col.name})", col.name)
                chosen = given.get(text) if text in given else None
                if text not in given:
                    col = schema.match_column(sheet, text)
                    chosen = col.name if col else None
                box.setCurrentIndex(max(0, box.findData(chosen)))
            box.setEnabled(bool(text) and sheet is not None)
            box.currentIndexChanged.connect(self._update_missing)
            box.currentIndexChanged.connect(self.changed)
            self.table.setCellWidget(0, j, box)
            self.boxes.append((text, box))
            for k, row in enumerate(rows, start=1):
                item = QTableWidgetItem(_text(row[j]) if j < len(row) else "")
                item.setFlags(Qt.ItemIsEnabled)
                self.table.setItem(k, j, item)
        self.table.resizeColumnsToContents()
        for j in range(len(header)):
            self.table.setColumnWidth(j, max(self.table.columnWidth(j), 190))
        self._update_missing()

    def focus_column(self, header: str) -> None:
        """Scroll the preview to a column and select it: the one the user should look at."""
        for j, (text, _) in enumerate(self.boxes):
            if text == header:
                self.table.scrollToItem(self.table.item(1, j) or self.table.item(0, j))
                self.table.selectColumn(j)
                return

    def columns(self) -> dict[str, str | None]:
        return {text: box.currentData() for text, box in self.boxes if text}

    def missing_required(self) -> list[str]:
        sheet = schema.SHEET_BY_NAME.get(self.target or "")
        if sheet is None:
            return []
        chosen = set(self.columns().values())
        return [c.name for c in sheet.columns if c.required and c.name not in chosen]

    def _update_missing(self) -> None:
        missing = self.missing_required()
        if missing:
            names = ", ".join(f"{column_label(c)} ({c})" for c in missing)
            self.missing.setText(tr("Required and not yet chosen: {names}").format(names=names))
            self.missing.setStyleSheet("color: #B00020;")
        elif self.target:
            self.missing.setText(tr("Every required column is chosen."))
            self.missing.setStyleSheet("color: #1B5E20;")
        else:
            self.missing.setText(tr("This sheet will be ignored."))
            self.missing.setStyleSheet("")


class MappingDialog(QDialog):
    """Say which sheet is which and what each column holds; returns a ColumnMapping."""

    def __init__(
        self,
        grids: list[tuple[str, Grid]],
        mapping: ColumnMapping | None = None,
        gaps: dict[str, list[str]] | None = None,
        parent=None,
        start_sheet: str | None = None,
        doubts: list[tuple[str, str, str]] | None = None,
    ) -> None:
        """doubts: (workbook sheet, header, sentence) for each column read in doubt: the
        sentences are shown and the first such column of the start sheet is scrolled to."""
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.setWindowTitle(tr("Match the columns"))
        self.resize(980, 560)
        start = guess(grids, mapping)
        intro = QLabel(self)
        intro.setWordWrap(True)
        text = tr(
            "Some sheets or columns of this file were not recognised. For each sheet, choose "
            "what it holds and what each column means. Required columns are marked *. "
            "Your answer is remembered for files with the same headers."
        )
        if gaps:
            lacking = "; ".join(
                sheet_label(s) + (": " + ", ".join(cols) if cols else "")
                for s, cols in gaps.items()
            )
            text += "\n" + tr("Not found: {what}").format(what=lacking)
        for _, _, sentence in doubts or []:
            text += "\n• " + sentence
        intro.setText(text)
        self.tabs = QTabWidget(self)
        self.pages: list[SheetPage] = []
        for title, grid in grids:
            page = SheetPage(title, grid, start, self.tabs)
            self.pages.append(page)
            self.tabs.addTab(page, title)
            if page.target is None:
                self.tabs.tabBar().setTabTextColor(self.tabs.count() - 1, QColor("#777777"))
            if title == start_sheet:  # the sheet that needs the user's eye
                self.tabs.setCurrentWidget(page)
                headers = [h for sheet, h, _ in doubts or [] if sheet == title and h]
                if headers:
                    page.focus_column(headers[0])
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(tr("Read with these columns"), QDialogButtonBox.AcceptRole)
        ok.setObjectName("mappingAccept")
        font = QFont(ok.font())
        font.setBold(True)
        ok.setFont(font)
        self.ok = ok
        buttons.addButton(tr("Cancel"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # why the answer cannot be read yet: a required column of a chosen sheet is unchosen
        self.blocked = QLabel(self)
        self.blocked.setObjectName("mappingBlocked")
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet("color: #B00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.blocked)
        layout.addWidget(buttons)
        for page in self.pages:
            page.changed.connect(self._update_ok)
        self._update_ok()

    def unchosen(self) -> list[tuple[str, list[str]]]:
        """(workbook sheet, required columns not chosen) of each sheet that lacks some."""
        return [(p.title, p.missing_required()) for p in self.pages if p.missing_required()]

    def _update_ok(self) -> None:
        """Reading is allowed only when every chosen sheet has its required columns: a
        column left out would fail every row of the sheet."""
        lacking = self.unchosen()
        self.ok.setEnabled(not lacking)
        if not lacking:
            self.blocked.clear()
            self.blocked.hide()
            self.ok.setToolTip("")
            return
        what = "; ".join(
            f"{title}: " + ", ".join(f"{column_label(c)} ({c})" for c in columns)
            for title, columns in lacking
        )
        text = tr(
            "Choose a column for every required field (marked *) before reading, or set the "
            "sheet to (not used); Cancel opens the file as it was read. Not chosen: {what}"
        ).format(what=what)
        self.blocked.setText(text)
        self.blocked.show()
        self.ok.setToolTip(text)

    def accept(self) -> None:
        if self.unchosen():  # Enter on a disabled default button must not read either
            return
        super().accept()

    def mapping(self) -> ColumnMapping:
        out = ColumnMapping(sheets={}, columns={})
        for page in self.pages:
            out.sheets[page.title] = page.target  # None: the user says it is not used
            if page.target is not None:
                out.columns[page.target] = page.columns()
        return out
