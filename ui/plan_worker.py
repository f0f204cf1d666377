"""Planning off the GUI thread and out of the GUI process: a QThread starts the planning child
(ui/plan_child.py), relays its progress by signal and keeps its result.

The result (`plan`, `report` or `error`) is read when QThread.finished fires, so whoever reacts
to the end sees a thread that has really ended. Cancel asks the child to stop with its best
plan (the solver hands it back within a second); `kill` ends the child and its solver.
"""

from __future__ import annotations

import contextlib
import pickle
import tempfile

from PySide6.QtCore import QObject, QThread, Signal

from planner.plan import Plan
from planner.project import TypedProject
from planner.report.plan_report import PlanReport
from ui import child as child_process
from ui.plan_child import MAIN


class PlanWorker(QThread):
    progress = Signal(object)  # ProgressEvent

    def __init__(
        self,
        project: TypedProject,
        time_limit_s: float,
        lang: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.time_limit_s = time_limit_s
        self.lang = lang
        self.plan: Plan | None = None
        self.report: PlanReport | None = None
        self.error: str | None = None
        self._child: child_process.Worker | None = None
        self._stop = child_process.StopLine()

    def cancel(self) -> None:
        """Stop at the solver's next check: the best plan found so far is returned."""
        self._stop.ask()

    def kill(self) -> None:
        """End the child and its solver now (the window closes)."""
        if self._child is not None:
            self._child.kill()

    def run(self) -> None:
        with tempfile.TemporaryFile() as errors:
            child = child_process.spawn(MAIN, errors)
            self._child = child
            try:
                child_process.send(
                    child.stdin, "plan", (self.project, self.time_limit_s, self.lang)
                )
                self._stop.job_sent(child)
                while (message := child_process.receive(child.stdout)) is not None:
                    kind, payload = message
                    if kind == "progress":
                        self.progress.emit(payload)
                    elif kind == "plan":
                        self.plan = payload  # type: ignore[assignment]
                    elif kind == "report":
                        self.report = payload  # type: ignore[assignment]
                    elif kind == "error":
                        self.error = str(payload)
            except (OSError, EOFError, pickle.UnpicklingError) as exc:
                self.error = f"{type(exc).__name__}: {exc}"
            finally:
                with contextlib.suppress(OSError):
                    child.stdin.close()
                code = child.wait()
            if self.plan is None and self.error is None:
                errors.seek(0)
                tail = errors.read()[-4000:].decode("utf-8", errors="replace")
                self.error = (
                    f"The planning process ended unexpectedly (exit code {code}).\n\n{tail}"
                )
