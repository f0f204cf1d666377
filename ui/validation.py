"""Checking the project while the user edits: a quarter of a second after the last change, the
validator runs in a worker process on a copy of the cells (seconds for 10,000 parts; in a
thread it would hold up the GUI's own Python calls), and its problems are shown when it is
done, unless the cells changed meanwhile (then it checks again)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from planner.validate import Validation, validate
from ui.document import ProjectDocument
from ui.workers import ProcessCall, wait_for

DELAY_MS = 250


class ValidationController(QObject):
    checked = Signal()  # the document's problems are those of its cells as they are now

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc: ProjectDocument | None = None
        self.worker: ProcessCall | None = None
        self._checked_generation = -1
        self._waiting: list[Callable[[Validation], None]] = []
        self.closed = False  # the window closed: no more checks
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self._start)

    def set_document(self, doc: ProjectDocument) -> None:
        """A new document comes checked (when opened); later changes are checked here."""
        self.doc = doc
        self.timer.stop()
        self._waiting.clear()
        self._checked_generation = doc.generation
        doc.undo.indexChanged.connect(self.schedule)
        doc.rows_changed.connect(self.schedule)

    @property
    def current(self) -> bool:
        """True when the document's problems are those of its cells now."""
        return self.doc is not None and self._checked_generation == self.doc.generation

    def schedule(self, *_: object) -> None:
        self.timer.start()

    def validate_now(self) -> Validation | None:
        """Check on this thread, now (before planning a small project, and in tests)."""
        if self.doc is None:
            return None
        self.timer.stop()
        validation = self.doc.revalidate()
        self._checked_generation = self.doc.generation
        self.checked.emit()
        return validation

    def when_checked(self, then: Callable[[Validation], None]) -> None:
        """Call `then` with the document's validation once it is current (now if it is)."""
        if self.current and self.doc is not None and self.doc.validation is not None:
            then(self.doc.validation)
            return
        self._waiting.append(then)
        if self.worker is None:
            self.timer.stop()
            self._start()

    def _start(self) -> None:
        doc = self.doc
        if doc is None or self.worker is not None or self.closed:
            return  # a check is running: the one that follows sees the latest cells
        generation, snapshot = doc.generation, doc.snapshot()
        worker = ProcessCall(validate, snapshot, parent=self)
        worker.done.connect(lambda v, w=worker: self._on_done(w, doc, generation, v))
        worker.failed.connect(lambda _exc, w=worker: self._on_done(w, doc, generation, None))
        worker.finished.connect(worker.deleteLater)
        self.worker = worker
        worker.start()

    def _on_done(
        self,
        worker: ProcessCall,
        doc: ProjectDocument,
        generation: int,
        validation: Validation | None,
    ) -> None:
        if worker is self.worker:
            self.worker = None
        if doc is not self.doc:
            return  # another document was opened meanwhile
        if validation is None:
            return  # the validator never raises on bad data; a crash must not loop
        if generation != doc.generation:
            self._start()  # the cells changed while checking: check them again
            return
        doc.set_validation(validation)
        self._checked_generation = generation
        self.checked.emit()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(validation)

    def shutdown(self) -> None:
        self.closed = True
        self.timer.stop()
        wait_for(self)
