"""The Scenarios sheet as an editable table, with its problems: each scenario is validated in
a worker a moment after the sheet changes; a problem's link goes to its cell."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.scenarios.jobs import scenario_problems
from planner.scenarios.overrides import SHEET
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.problems_view import ProblemsView
from ui.sheet_model import SheetModel
from ui.sheet_view import SheetPanel
from ui.workers import ProcessCall

CHECK_DELAY_MS = 400


class ScenarioSheet(QWidget):
    wanted = Signal()  # a problem's link goes to the sheet: show this widget

    def __init__(self, window, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.window_, self.doc = window, doc
        self.checker: ProcessCall | None = None
        self.closed = False  # shut down: no more workers
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
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check)

    def check(self) -> None:
        """The scenarios' problems, checked in a worker (each scenario is validated)."""
        if self.closed:
            return
        if self.checker is not None:
            self.check_timer.start()  # again once this one is done
            return
        call = ProcessCall(scenario_problems, self.doc.snapshot(), parent=self)
        call.done.connect(self.problems.set_problems)
        call.finished.connect(lambda c=call: self._checked(c))
        self.checker = call
        call.start()

    def _checked(self, call: ProcessCall) -> None:
        call.deleteLater()
        self.checker = None

    def _go_to(self, sheet: str, row: object, column: object) -> None:
        if sheet == SHEET:
            self.wanted.emit()
            self.table.table.go_to(
                row if isinstance(row, int) else None, column if isinstance(column, str) else None
            )
        else:
            self.window_.go_to_cell(sheet, row, column)

    def shutdown(self) -> None:
        self.closed = True
        self.check_timer.stop()
        if self.checker is not None:
            self.checker.kill()
            self.checker.wait(10_000)

    def retranslate(self) -> None:
        self.title.setText(
            tr(
                "The Scenarios sheet: each row changes one cell of the base project in one "
                "scenario (a value, +x to add, *x to multiply). Edit it like any sheet."
            )
        )
        self.table.retranslate()
        self.problems.retranslate()
