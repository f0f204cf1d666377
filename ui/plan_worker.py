"""Planning off the GUI thread: a QThread runs planner.optimise.plan_project (a plain function
taking progress and cancel callbacks, tested without any GUI) and reports by signals."""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QObject, QThread, Signal

from planner.optimise import plan_project
from planner.plan import Plan, ProgressEvent
from planner.project import TypedProject


class PlanWorker(QThread):
    """Runs the plan; its result (`plan` or `error`) is read when QThread.finished fires, so
    whoever reacts to the end sees a thread that has really ended (no race with `finished`)."""

    progress = Signal(object)  # ProgressEvent

    def __init__(
        self, project: TypedProject, time_limit_s: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.time_limit_s = time_limit_s
        self._stop = threading.Event()
        self.plan: Plan | None = None
        self.error: str | None = None

    def cancel(self) -> None:
        """Stop at the next check: the best plan found so far is returned."""
        self._stop.set()

    def _on_progress(self, event: ProgressEvent) -> None:
        self.progress.emit(event)

    def run(self) -> None:
        try:
            plan: Plan = plan_project(
                self.project,
                time_limit_s=self.time_limit_s,
                on_progress=self._on_progress,
                should_stop=self._stop.is_set,
            )
        except Exception as exc:  # a failed plan is a message, never a crash
            detail = "".join(traceback.format_exception(exc))
            self.error = f"{type(exc).__name__}: {exc}\n\n{detail}"
            return
        self.plan = plan
