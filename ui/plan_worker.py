"""Planning off the GUI thread and out of the GUI process: a ProcessCall (ui/workers.py) of
ui.plan_child.plan_and_report, which relays the search's progress by signal and keeps the plan
and its report.

The result (`plan`, `report` or `error`) is read when QThread.finished fires, so whoever reacts
to the end sees a thread that has really ended. Cancel asks the child to stop with its best
plan (the solver hands it back within a second); `kill` ends the child and its solver.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from planner.plan import Plan
from planner.project import TypedProject
from planner.report.plan_report import PlanReport
from ui.plan_child import plan_and_report
from ui.workers import ProcessCall, failure


class PlanWorker(ProcessCall):
    def __init__(
        self,
        project: TypedProject,
        time_limit_s: float,
        lang: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(plan_and_report, project, time_limit_s, lang, parent=parent)

    def cancel(self) -> None:
        """Stop at the solver's next check: the best plan found so far is returned."""
        self.stop()

    @property
    def plan(self) -> Plan | None:
        return self.outcome.value[0] if self.outcome is not None and self.outcome.ok else None

    @property
    def report(self) -> PlanReport | None:
        return self.outcome.value[1] if self.outcome is not None and self.outcome.ok else None

    @property
    def error(self) -> str | None:
        """Why there is no plan: a line, then the detail after a blank line."""
        if self.outcome is None or self.outcome.ok:
            return None
        if self.outcome.detail:  # the exception, with its traceback in the child
            return self.outcome.detail
        return str(failure(self.outcome, "The planning process"))
