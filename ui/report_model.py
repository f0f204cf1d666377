"""One plan table (planner.report.tables.Table) as a read-only Qt model, fast at any size.

A plan of 10,000 parts has an allocation of some 80,000 rows, so nothing here walks every row
through Qt: cells are formatted when a view asks for them, sorting is one numpy argsort, and
the filter searches the row texts the report indexed off the GUI thread.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from planner.report import tables as tb
from ui import i18n
from ui.i18n import tr

BINDING_TINT = QColor("#FCE4D6")
SHOWN_ROLES = {Qt.TextAlignmentRole, Qt.BackgroundRole, Qt.ToolTipRole}
Index = QModelIndex | QPersistentModelIndex


def two_lines(label: str, longest: int = 14) -> str:
    """A long header on two balanced lines, so money columns are as narrow as their figures."""
    if len(label) <= longest or " " not in label:
        return label
    middle = len(label) / 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1 :]


class ReportModel(QAbstractTableModel):
    """Rows are shown in `_order` (table rows after the filter and the sort)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table: tb.Table | None = None
        self.currency = "USD"
        self.fx: float | None = None
        self._values: dict[int, list[object]] = {}  # a column's values, made when first shown
        self._row_kinds: list[str] | None = None
        self._binding: set[tuple[int, int]] = set()
        self._search: list[str] | None = None
        self._order = np.zeros(0, dtype=np.int64)
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_table(
        self,
        table: tb.Table | None,
        currency: str = "USD",
        fx: float | None = None,
        search: list[str] | None = None,
        emphasis: dict[tuple[int, int], str] | None = None,
    ) -> None:
        """Show `table`; `search` holds its rows' texts for the filter and `emphasis` its
        marked cells (both made with the report, else here)."""
        self.beginResetModel()
        self.table, self.currency, self.fx, self._search = table, currency, fx, search
        self._values = {}
        self._row_kinds = table.row_kinds if table is not None else None
        if emphasis is None:
            emphasis = table.emphasis() if table is not None else {}
        self._binding = {cell for cell, why in emphasis.items() if why == tb.BINDING}
        self._sort = None
        self._order = self._rows()
        self.endResetModel()

    def set_money(self, currency: str, fx: float | None) -> None:
        """Money in the project's currency, or in VND at `fx` per USD."""
        self.currency, self.fx = currency, fx
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
        self.headerDataChanged.emit(Qt.Horizontal, 0, max(0, self.columnCount() - 1))

    # filter and sort ---------------------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.casefold().strip()
        self._order = self._rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if self.table is None:
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if column >= 0 else None
        self._order = self._rows()
        self.layoutChanged.emit()

    def _rows(self) -> np.ndarray:
        n = 0 if self.table is None else len(self.table.frame)
        rows = np.arange(n, dtype=np.int64)
        if self._filter and n:
            if self._search is None:  # a small table without an index: made here, once
                cells = self.table.display(i18n.current(), self.currency)  # type: ignore[union-attr]
                self._search = ["\t".join(r).casefold() for r in cells]
            needle = self._filter
            rows = np.fromiter(
                (i for i, text in enumerate(self._search) if needle in text), dtype=np.int64
            )
        if self._sort is not None and len(rows):
            column, order = self._sort
            keys = self._sort_keys(column)[rows]
            picked = np.argsort(keys, kind="stable")
            if order == Qt.DescendingOrder:
                picked = picked[::-1]
            rows = rows[picked]
        return rows

    def _column(self, j: int) -> list[object]:
        values = self._values.get(j)
        if values is None:
            assert self.table is not None
            values = self._values[j] = self.table.frame[self.table.columns[j].key].tolist()
        return values

    def _sort_keys(self, j: int) -> np.ndarray:
        values = pd.Series(self._column(j), dtype=object)
        numbers = pd.to_numeric(values, errors="coerce")
        is_bool = values.map(lambda v: isinstance(v, bool | np.bool_))
        if numbers.notna().any() and not is_bool.any():
            return numbers.fillna(-math.inf).to_numpy(dtype=float)
        return values.map(lambda v: "" if v is None else str(v).casefold()).to_numpy(dtype=str)

    # the model -----------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        # Qt's own index() asks rowCount() and columnCount() through Python for every cell
        if parent.isValid() or not (0 <= row < len(self._order) and 0 <= column < self._width):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._width

    @property
    def _width(self) -> int:
        return 0 if self.table is None else len(self.table.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self.table is None or role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            col = self.table.columns[section]
            shown = self.currency if not self.fx else "VND"
            label = f"{col.label} ({shown})" if col.kind == tb.MONEY else col.label
            return two_lines(label)
        return str(section + 1)

    def _kind(self, i: int, j: int) -> str:
        assert self.table is not None
        col = self.table.columns[j]
        if self._row_kinds is not None and col.key == "value":
            return self._row_kinds[i]
        return col.kind

    def text(self, row: int, j: int) -> str:
        """The cell at view row `row`, column `j`, as shown."""
        i = int(self._order[row])
        value, kind = self._column(j)[i], self._kind(i, j)
        if kind == tb.MONEY and self.fx and isinstance(value, int | float):
            if math.isinf(value):
                return tb.format_value(value, kind, i18n.current())
            return i18n.money(value, "VND", self.fx)
        return tb.format_value(value, kind, i18n.current(), self.currency)

    def data(self, index: Index, role=Qt.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        if role == Qt.DisplayRole:
            return self.text(index.row(), index.column())
        if role not in SHOWN_ROLES:
            return None  # the other roles a delegate asks for, answered without a lookup
        i, j = int(self._order[index.row()]), index.column()
        value = self._column(j)[i]
        kind = self._kind(i, j)
        if role == Qt.TextAlignmentRole:
            if kind != tb.TEXT and isinstance(value, int | float):
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        if role == Qt.BackgroundRole and (i, j) in self._binding:
            return BINDING_TINT
        if role == Qt.ToolTipRole and (i, j) in self._binding:
            return tr("This limit binds: it is fully used in this period.")
        if role == Qt.ToolTipRole and isinstance(value, str) and len(value) > 60:
            return value  # a sentence (a reason) wider than its column
        return None
