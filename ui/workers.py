"""A QThread that runs one plain function (reading a file, writing an export) off the GUI
thread and reports its result or its exception by signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal


class CallWorker(QThread):
    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, function: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.function = function

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as exc:  # reported to the window, never raised in the thread
            self.failed.emit(exc)
            return
        self.done.emit(result)
