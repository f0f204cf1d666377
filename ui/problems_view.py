"""The Problems panel: every validation problem with severity, sheet, row, column and sentence.
Double-click (or Enter) jumps to the cell."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from planner.problems import ERROR, WARNING, Problem
from ui import i18n
from ui.i18n import tr
from ui.labels import column_label, sheet_label

ORDER = {ERROR: 0, WARNING: 1}
SIZE_SAMPLE = 100  # rows whose texts size a column


class ProblemsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = sorted(problems, key=lambda p: ORDER.get(p.severity, 2))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole or orientation != Qt.Horizontal:
            return None
        return (tr("Severity"), tr("Sheet"), tr("Row"), tr("Column"), tr("Problem"))[section]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        p = self.problems[index.row()]
        j = index.column()
        if role == Qt.DisplayRole:
            if j == 0:
                return {ERROR: tr("error"), WARNING: tr("warning")}.get(p.severity, tr("note"))
            if j == 1:
                return sheet_label(p.sheet) if p.sheet else ""
            if j == 2:
                return "" if p.row is None else str(p.row)
            if j == 3:
                return column_label(p.column) if p.column else ""
            return p.message.get(i18n.current())
        if role == Qt.ForegroundRole and j == 0:
            return {ERROR: QColor("#B00020"), WARNING: QColor("#8A6100")}.get(
                p.severity, QColor("#555555")
            )
        if role == Qt.ToolTipRole and j == 4:
            return p.message.get(i18n.current())
        return None


class ProblemsView(QTableView):
    go_to = Signal(str, object, object)  # sheet, row label or None, column or None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsView")
        self.problems_model = ProblemsModel(self)
        self.setModel(self.problems_model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        self.activated.connect(self._activate)
        self.doubleClicked.connect(self._activate)

    def sizeHint(self) -> QSize:
        return QSize(900, 100)  # a few rows: the tables above get the room

    def set_problems(self, problems: list[Problem]) -> None:
        self.problems_model.set_problems(problems)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The short columns as wide as their texts in the first rows (Qt's resize to contents
        would ask every role of a thousand rows through Python after every check)."""
        model, header = self.problems_model, self.horizontalHeader()
        cells, heads = self.fontMetrics(), header.fontMetrics()
        rows = min(SIZE_SAMPLE, model.rowCount())
        for j in range(4):
            width = heads.horizontalAdvance(str(model.headerData(j, Qt.Horizontal))) + 24
            for i in range(rows):
                text = model.data(model.index(i, j)) or ""
                width = max(width, cells.horizontalAdvance(text) + 16)
            header.resizeSection(j, min(width, 260))

    def _activate(self, index) -> None:
        p = self.problems_model.problems[index.row()]
        if p.sheet:
            self.go_to.emit(p.sheet, p.row, p.column)

    def retranslate(self) -> None:
        self.set_problems(self.problems_model.problems)
