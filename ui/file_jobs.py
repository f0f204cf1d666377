"""The worker processes that read and write the project's files, as one set: a save waits for
a file being read, an autosave for a save, and the window waits for all of them on closing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ui.workers import ProcessCall, wait_for


class FileJobs(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._running: set[ProcessCall] = set()
        self.closed = False  # the window closed: no more work

    @property
    def busy(self) -> bool:
        """A file is being read or written."""
        return bool(self._running)

    def run(
        self, function: Callable, done: Callable, failed: Callable, *args: object
    ) -> ProcessCall:
        """`function(*args)` in a worker process (see ui/workers.py); `done(result)` or
        `failed(exc)` runs on the GUI thread once the work is over."""
        if self.closed:
            raise RuntimeError("the window is closed")
        worker = ProcessCall(function, *args, parent=self)

        def answered(handle: Callable, result: object) -> None:
            self._running.discard(worker)  # its work is over (the thread only returns now)
            handle(result)

        worker.done.connect(lambda result: answered(done, result))
        worker.failed.connect(lambda exc: answered(failed, exc))
        worker.finished.connect(worker.deleteLater)
        self._running.add(worker)
        worker.start()
        return worker

    def shutdown(self) -> None:
        """Wait for the file being read or written."""
        wait_for(self)

    def close(self) -> None:
        self.closed = True
        self.shutdown()
