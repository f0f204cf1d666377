"""One QAbstractTableModel adapter per project sheet, over the document's raw frame.

Edits are converted to the column's type with the planner's own parsers (so "1.234,5", "30%",
"có" and "Trung Quốc" mean what they mean in a workbook). Text that does not parse is kept as
typed, never lost: the validator then names the problem in the Problems panel.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from planner import schema
from planner.io import parse
from planner.problems import ERROR, WARNING
from ui import i18n
from ui.commands import SetCells
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.labels import column_help, column_label, sheet_label

SORT_ROLE = Qt.UserRole + 1
# Qt calls data() several times per cell per repaint: roles, flags and alignments are plain
# ints made once here (PySide's enum arithmetic runs Python code on every call)
DISPLAY, EDIT, ALIGN, BACKGROUND, TOOLTIP = (
    int(r)
    for r in (
        Qt.DisplayRole,
        Qt.EditRole,
        Qt.TextAlignmentRole,
        Qt.BackgroundRole,
        Qt.ToolTipRole,
    )
)
ROLES = frozenset({DISPLAY, EDIT, int(SORT_ROLE), ALIGN, BACKGROUND, TOOLTIP})
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)
EDITABLE = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable
ERROR_TINT = QColor("#F8D0D3")
WARNING_TINT = QColor("#FFF0C2")

Index = QModelIndex | QPersistentModelIndex


def _is_blank(value: object) -> bool:
    return parse.is_blank(value)


def display_value(value: object, kind: str | None, grouped: bool = False) -> str:
    """A stored cell as the user reads it (`grouped`: with thousands separators, 1,234,567 or
    1.234.567 in Vietnamese) or edits it (plain digits), in the current language."""
    if _is_blank(value):
        return ""
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, int | float) and not isinstance(value, bool):
        x = float(value)
        if not math.isfinite(x):
            return str(value)
        if kind == schema.SHARE and 0 <= x <= 1:
            text = f"{100 * x:.6g}%"
        elif x.is_integer() and abs(x) < 1e15:
            text = f"{int(x)}"
        else:
            text = f"{x:.10g}"
        return _localised(text, grouped)
    return str(value)


def _localised(text: str, grouped: bool) -> str:
    """'1234567.5' -> '1,234,567.5' (grouped), in Vietnamese '1.234.567,5'."""
    whole, dot, fraction = text.partition(".")
    if grouped and "e" not in text and whole.lstrip("-").isdigit():
        sign = "-" if whole.startswith("-") else ""
        whole = sign + f"{int(whole.lstrip('-')):,}"
    if i18n.current() == "vi":
        whole, dot = whole.replace(",", "."), "," if dot else ""
    return whole + dot + fraction


def convert(kind: str | None, text: object) -> tuple[object, str | None]:
    """Typed text -> the value to store, and a message when it does not parse (kept as text)."""
    if not isinstance(text, str):
        return text, None
    s = text.strip()
    if not s:
        return None, None
    lang = i18n.current()
    decimal = "," if lang == "vi" else "."  # '3,400' typed where the app shows 3,4 is 3.4
    try:
        if kind in (schema.NUMBER, schema.INTEGER):
            number = parse.parse_number(s, decimal)
            if kind == schema.INTEGER and float(number).is_integer():
                return int(number), None
            return (int(number) if float(number).is_integer() else number), None
        if kind == schema.SHARE:
            value, _percent = parse.parse_share(s, decimal)
            return value, None
        if kind == schema.BOOL:
            return parse.parse_bool(s), None
        if kind == schema.COUNTRY:
            return parse.parse_country(s), None
    except parse.ParseError as exc:
        return s, exc.reason.get(lang)
    return s, None


class SheetModel(QAbstractTableModel):
    """The cells of one sheet; edits become undo commands on the document's stack."""

    message = Signal(str)  # why a typed value could not be read (it is kept as typed)

    def __init__(self, doc: ProjectDocument, sheet: str, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.sheet = sheet
        self.spec = schema.SHEET_BY_NAME[sheet]
        self.last_message: str | None = None
        self._problems: dict[tuple[int, str | None], tuple[str, list[str]]] = {}
        # the frame's columns as lists, its labels, names and kinds: a view asks for
        # thousands of cells per repaint, and pandas' per-cell access is slow
        self._columns: dict[int, list] = {}
        self._shape: tuple[list[int], list[str], list[str | None]] | None = None
        doc.cells_changed.connect(self._on_cells)
        doc.rows_changed.connect(self._on_rows)
        doc.validated.connect(self._on_validated)
        self._on_validated()

    # structure -------------------------------------------------------------------------------
    @property
    def frame(self):
        return self.doc.frame(self.sheet)

    def _cached(self) -> tuple[list[int], list[str], list[str | None]]:
        if self._shape is None:
            frame = self.frame
            names = [str(c) for c in frame.columns]
            known = self.spec.column_names
            kinds = [self.spec.column(n).kind if n in known else None for n in names]
            self._shape = ([int(x) for x in frame.index], names, kinds)
        return self._shape

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        # Qt's own index() asks rowCount() and columnCount() first: through Python, for every
        # cell and role a repaint shows
        labels, names, _kinds = self._cached()
        if parent.isValid() or not (0 <= row < len(labels) and 0 <= column < len(names)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cached()[0])

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cached()[1])

    def column_name(self, j: int) -> str:
        return self._cached()[1][j]

    def kind(self, j: int) -> str | None:
        return self._cached()[2][j]

    def row_label(self, i: int) -> int:
        return self._cached()[0][i]

    def position_of(self, row_label: int) -> int | None:
        try:
            return int(self.frame.index.get_loc(row_label))
        except KeyError:
            return None

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if role != DISPLAY and role != TOOLTIP:
            return None
        if orientation == Qt.Horizontal:
            if section >= self.columnCount():
                return None
            name = self.column_name(section)
            known = name in self.spec.column_names
            if role == DISPLAY:
                text = column_label(name)
                if known and self.spec.column(name).required:
                    text += " *"
                return text
            return column_help(self.sheet, name)
        if role == DISPLAY:
            labels = self._cached()[0]
            return str(labels[section]) if section < len(labels) else None
        return None

    # cells -----------------------------------------------------------------------------------
    def value(self, i: int, j: int) -> object:
        column = self._columns.get(j)
        if column is None:
            column = self._columns[j] = self.frame.iloc[:, j].tolist()
        return column[i]

    def data(self, index: Index, role=Qt.DisplayRole):
        if not index.isValid() or role not in ROLES:
            return None  # the roles a delegate asks for that no cell uses: no lookup
        i, j = index.row(), index.column()
        if role in (BACKGROUND, TOOLTIP):
            found = self._problem(i, j) if self._problems else None
            if found is None:
                return None
            severity, messages = found
            if role == TOOLTIP:
                return "\n".join(messages)
            return ERROR_TINT if severity == ERROR else WARNING_TINT
        value = self.value(i, j)
        if role == DISPLAY:
            return display_value(value, self.kind(j), grouped=True)
        if role == EDIT:
            return display_value(value, self.kind(j))
        if role == ALIGN:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return RIGHT
            return LEFT
        if isinstance(value, int | float) and not isinstance(value, bool):  # SORT_ROLE
            return float(value) if not _is_blank(value) else -math.inf
        return display_value(value, self.kind(j)).casefold()

    def _problem(self, i: int, j: int) -> tuple[str, list[str]] | None:
        label = self.row_label(i)
        cell = self._problems.get((label, self.column_name(j)))
        row = self._problems.get((label, None))
        if cell and row:
            return (ERROR if ERROR in (cell[0], row[0]) else WARNING, cell[1] + row[1])
        return cell or row

    def flags(self, index: Index):
        return EDITABLE if index.isValid() else Qt.NoItemFlags

    def setData(self, index: Index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid():
            return False
        return self.set_texts([(index.row(), index.column(), value)], self.edit_text(index))

    def edit_text(self, index: Index) -> str:
        return tr("Edit {sheet} row {row}, {column}").format(
            sheet=sheet_label(self.sheet),
            row=self.row_label(index.row()),
            column=column_label(self.column_name(index.column())),
        )

    def set_texts(self, cells: list[tuple[int, int, object]], text: str) -> bool:
        """Convert typed texts and push one undo step for all of them."""
        changes, messages = [], []
        for i, j, typed in cells:
            new, message = convert(self.kind(j), typed)
            if message:
                messages.append(f"{column_label(self.column_name(j))}: {message}")
            old = self.value(i, j)
            if _same(old, new):
                continue
            changes.append((i, self.column_name(j), old, new))
        self.last_message = "; ".join(messages[:3]) or None
        if self.last_message:
            self.message.emit(self.last_message)
        if not changes:
            return False
        self.doc.undo.push(SetCells(self.doc, self.sheet, changes, text))
        return True

    # document signals ------------------------------------------------------------------------
    def _on_cells(self, sheet: str, r0: int, r1: int, c0: int, c1: int) -> None:
        if sheet == self.sheet:
            for j in range(c0, c1 + 1):
                self._columns.pop(j, None)
            self.dataChanged.emit(self.index(r0, c0), self.index(r1, c1))

    def _on_rows(self, sheet: str) -> None:
        if sheet == self.sheet:
            self.beginResetModel()
            self._columns.clear()
            self._shape = None
            self.endResetModel()

    def _on_validated(self) -> None:
        lang = i18n.current()
        found: dict[tuple[int, str | None], tuple[str, list[str]]] = {}
        for p in self.doc.problems:
            if p.sheet != self.sheet or p.row is None or p.severity not in (ERROR, WARNING):
                continue
            key = (p.row, p.column)
            severity, messages = found.get(key, (WARNING, []))
            if p.severity == ERROR:
                severity = ERROR
            found[key] = (severity, [*messages, p.message.get(lang)])
        # repaint only the rows whose problems changed: a whole-sheet dataChanged makes the
        # proxy and the view ask thousands of rows again after every check
        old = self._problems
        changed = {row for row, _ in found.keys() ^ old.keys()}
        changed |= {k[0] for k in found.keys() & old.keys() if found[k] != old[k]}
        self._problems = found
        if not changed or not self.columnCount():
            return
        positions = [p for p in (self.position_of(row) for row in changed) if p is not None]
        if positions:
            self.dataChanged.emit(
                self.index(min(positions), 0),
                self.index(max(positions), self.columnCount() - 1),
                [Qt.BackgroundRole, Qt.ToolTipRole],
            )

    def retranslate(self) -> None:
        self._on_validated()
        self.headerDataChanged.emit(Qt.Horizontal, 0, max(0, self.columnCount() - 1))


def _same(a: object, b: object) -> bool:
    if _is_blank(a) and _is_blank(b):
        return True
    if type(a) is not type(b) and not (
        isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool)
    ):
        return False
    return a == b
