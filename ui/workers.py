"""Running a plain function off the GUI thread and out of the GUI process, reporting its result
or its exception by signal (`done` or `failed`, then QThread.finished).

Why a process and not a thread: while a thread of the app runs Python (checking a project,
writing a workbook), the GUI thread waits for the interpreter lock before each of the
thousands of Python calls a repaint makes (a model's data(), rowCount()...), and openpyxl
holds the lock for whole sorts of hundreds of thousands of cells. Measured on the sample, a
check in a thread stalled the window for as long as it ran. A child (ui/child.py) has its own
lock; this thread only writes the job to it and reads the answer.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from ui import child as child_process


def wait_for(owner: QObject, ms: int = 60_000) -> None:
    """Wait for every worker thread `owner` started (a QThread destroyed while it runs ends
    the app); they hand their answer over and return quickly once their child is done."""
    for thread in owner.findChildren(QThread):
        thread.wait(ms)


class ChildError(RuntimeError):
    """The child failed with an exception that could not come back as itself."""


class ProcessCall(QThread):
    """`function(*args, **kwargs)` in a child Python; the function must be importable by name
    (a module-level function) and its arguments and result must pickle."""

    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(
        self,
        function: Callable,
        *args: object,
        parent: QObject | None = None,
        stoppable: bool = False,
        **kwargs: object,
    ) -> None:
        """`stoppable`: the function takes `should_stop` (see ui.child.call_main), and `stop`
        asks it to end early with what it has."""
        super().__init__(parent)
        self.job = (function, args, kwargs)
        self.stoppable = stoppable
        self._child: child_process.Worker | None = None
        self._stop = child_process.StopLine()

    def stop(self) -> None:
        """Ask a stoppable function to end early with what it has (its answer still comes)."""
        self._stop.ask()

    def kill(self) -> None:
        if self._child is not None:
            self._child.kill()

    def run(self) -> None:
        try:
            outcome = self._call()
        except (OSError, EOFError, pickle.PickleError) as exc:
            outcome = ("error", exc)
        kind, payload = outcome
        if kind == "result":
            self.done.emit(payload)
        else:
            self.failed.emit(payload if isinstance(payload, Exception) else ChildError(payload))

    def _call(self) -> tuple[str, object]:
        with tempfile.TemporaryFile() as errors:
            child = self._child = child_process.spawn(child_process.CALL, errors)
            try:
                child_process.send(child.stdin, "call", (*self.job, self.stoppable))
                if self.stoppable:
                    self._stop.job_sent(child)
                else:
                    child.stdin.close()
                message = child_process.receive(child.stdout)
            finally:
                code = child.wait()
            if message is not None:
                return message
            errors.seek(0)
            tail = errors.read()[-4000:].decode("utf-8", errors="replace")
            return "error", f"The worker process ended unexpectedly (exit code {code}).\n\n{tail}"
