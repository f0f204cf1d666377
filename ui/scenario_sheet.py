"""The Scenarios sheet as an editable table, with its problems: the document's problems of
the Scenarios sheet (checked after every change, ui/validation.py), the same ones the Problems
panel lists; a problem's link goes to its cell."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.scenarios.overrides import SHEET
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.problems_view import ProblemsView
from ui.sheet_model import SheetModel
from ui.sheet_view import SheetPanel


class ScenarioSheet(QWidget):
    wanted = Signal()  # a problem's link goes to the sheet: show this widget

    def __init__(self, window, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.window_, self.doc = window, doc
        self.table = SheetPanel(SheetModel(doc, SHEET))
        self.table.table.message.connect(window.show_message)
        self.problems = ProblemsView()
        self.problems.setObjectName("scenarioProblems")
        self.problems.go_to.connect(self._go_to)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.problems, 1)
        doc.validated.connect(self.show_problems)
        self.show_problems()

    def show_problems(self) -> None:
        """The Scenarios sheet's problems, as the Problems panel has them."""
        self.problems.set_problems([p for p in self.doc.problems if p.sheet == SHEET])

    def _go_to(self, sheet: str, row: object, column: object) -> None:
        if sheet == SHEET:
            self.wanted.emit()
            self.table.table.go_to(
                row if isinstance(row, int) else None, column if isinstance(column, str) else None
            )
        else:
            self.window_.go_to_cell(sheet, row, column)

    def shutdown(self) -> None:
        """Nothing runs here: the checks are the window's (ui/validation.py)."""

    def retranslate(self) -> None:
        self.title.setText(
            tr(
                "The Scenarios sheet: each row changes one cell of the base project in one "
                "scenario (a value, +x to add, *x to multiply). Edit it like any sheet."
            )
        )
        self.table.retranslate()
        self.problems.retranslate()
