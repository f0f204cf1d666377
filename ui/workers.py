"""Running a plain function off the GUI thread and out of the GUI process (planner.jobs: a
child forked from a warm server), reporting its progress, its result or its exception by
signal (`progress`, `done` or `failed`, then QThread.finished). The one Qt adapter of the
app's child processes: file reads, checks, exports, plans and scenarios all run through it.

Why a process and not a thread: while a thread of the app runs Python (checking a project,
writing a workbook), the GUI thread waits for the interpreter lock before each of the
thousands of Python calls a repaint makes (a model's data(), rowCount()...), and openpyxl
holds the lock for whole sorts of hundreds of thousands of cells. Measured on the sample, a
check in a thread stalled the window for as long as it ran. A child has its own lock; this
thread only writes the job to it and reads the answer.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from planner import jobs

# what the server imports once for every child it forks (a second or two each then saves)
WARM = (
    "planner.validate",
    "planner.io.read",
    "planner.io.write",
    "planner.report.workbook",
    "ui.open_project",
    "ui.printing",
)
NICE = 5  # a child's priority below the window's: the window stays quick on two cores
ChildError = jobs.ChildError


def warm() -> None:
    """Start the server now (the app starts), so that the first child is quick."""
    jobs.warm(WARM)


def wait_for(owner: QObject, ms: int = 60_000) -> None:
    """Wait for every worker thread `owner` started (a QThread destroyed while it runs ends
    the app); they hand their answer over and return quickly once their child is done."""
    for thread in owner.findChildren(QThread):
        thread.wait(ms)


def failure(outcome: jobs.Outcome, what: str = "The worker process") -> BaseException:
    """Why a call gave no result, as an exception the window can show."""
    if outcome.kind == jobs.ERROR and isinstance(outcome.value, BaseException):
        return outcome.value
    if outcome.kind == jobs.MEMORY:
        return MemoryError(f"{what} ran out of memory.")
    return ChildError(f"{what} ended unexpectedly (exit code {outcome.code}).\n\n{outcome.stderr}")


class ProcessCall(QThread):
    """`function(*args, **kwargs)` in a child process; the function must be importable by
    name (a module-level function) and its arguments and result must pickle. A function that
    takes `should_stop` can be asked to end early with what it has (`stop`); one that takes
    `on_progress` reports by the `progress` signal. `outcome` is kept for whoever reacts to
    QThread.finished."""

    done = Signal(object)
    failed = Signal(object)  # the exception
    progress = Signal(object)

    def __init__(
        self,
        function: Callable,
        *args: object,
        parent: QObject | None = None,
        grace_s: float | None = None,
        **kwargs: object,
    ) -> None:
        """`grace_s`: once stopped, how long the function may take before it is killed."""
        super().__init__(parent)
        self.call = jobs.ChildCall(
            function,
            args,
            kwargs,
            nice=NICE,
            on_progress=self.progress.emit,
            grace_s=grace_s,
        )
        self.outcome: jobs.Outcome | None = None

    def stop(self) -> None:
        """Ask a stoppable function to end early with what it has (its answer still comes)."""
        self.call.stop()

    def kill(self) -> None:
        """End the child and what it started now."""
        self.call.kill()

    def run(self) -> None:
        try:
            outcome = self.call.run()
        except (OSError, EOFError, pickle.PickleError) as exc:
            outcome = jobs.Outcome(jobs.ERROR, exc)
        self.outcome = outcome
        if outcome.ok:
            self.done.emit(outcome.value)
        else:
            self.failed.emit(failure(outcome))
