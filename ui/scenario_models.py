"""Table models of the scenario views: one comparison table (planner.scenarios.view) with
the cells that differ from the base in bold on a tint, and plain rows of text (the trade-off
curve, the break-even rates)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics

from planner.scenarios.view import CompareTable

DIFFERS = QColor("#FCE4D6")
NO_PLAN = QColor("#F2F2F2")


class CompareModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table: CompareTable | None = None
        self.no_plan: set[int] = set()  # columns of scenarios without a plan

    def set_table(self, table: CompareTable | None, no_plan: set[int] | None = None) -> None:
        self.beginResetModel()
        self.table, self.no_plan = table, set(no_plan or ())
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.cells)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self.table is None or role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self.table.headers[section]
        return None

    def differs(self, row: int, column: int) -> bool:
        return self.table is not None and (row, column) in self.table.differs

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        i, j = index.row(), index.column()
        text = self.table.cells[i][j]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return text
        label = j < self.table.label_columns
        if role == Qt.FontRole and (self.differs(i, j) or (label and self.table.key == "summary")):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.BackgroundRole:
            if self.differs(i, j):
                return DIFFERS
            if j in self.no_plan:
                return NO_PLAN
        if role == Qt.TextAlignmentRole:
            numeric = not label and self.table.kinds[i] != "text" and self.table.key != "parts"
            horizontal = Qt.AlignRight if numeric else Qt.AlignLeft
            return int(horizontal | Qt.AlignTop)
        return None


class RowsModel(QAbstractTableModel):
    """Rows of text under headers; columns from `numeric_from` on (up to `numeric_to`, if
    given) are right-aligned."""

    def __init__(self, parent=None, numeric_from: int = 1, numeric_to: int | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.numeric_from = numeric_from
        self.numeric_to = numeric_to
        self.bold_row: int | None = None

    def set_rows(self, headers: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.headers, self.rows = headers, rows
        self.endResetModel()

    def set_bold_row(self, row: int | None) -> None:
        self.bold_row = row
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1)
            )

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.TextAlignmentRole and self.numeric_from <= index.column() < (
            self.numeric_to if self.numeric_to is not None else len(self.headers)
        ):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole and index.row() == self.bold_row:
            font = QFont()
            font.setBold(True)
            return font
        return None


def fit_columns(view, most: int = 320, sample: int = 30) -> None:
    """Columns as wide as their header and first `sample` rows (bold, as tinted cells are), at
    most `most` pixels. Rows grow to their wrapped text only in a view that wraps (a short
    table: Qt measures every cell of every row through Python)."""
    header = view.horizontalHeader()
    bold = view.font()
    bold.setBold(True)
    fm = QFontMetrics(bold)
    model = view.model()
    for j in range(model.columnCount()):
        width = fm.horizontalAdvance(str(model.headerData(j, Qt.Horizontal))) + 24
        for i in range(min(sample, model.rowCount())):
            text = str(model.index(i, j).data() or "")
            width = max(width, min(fm.horizontalAdvance(text) + 20, most))
        header.resizeSection(j, min(width, most))
    if view.wordWrap():
        view.resizeRowsToContents()
