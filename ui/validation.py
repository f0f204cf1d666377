"""Checking the project while the user edits: a quarter of a second after the last change, the
validator runs in a worker process on a copy of the cells (seconds for 10,000 parts; in a
thread it would hold up the GUI's own Python calls), and its problems are shown when it is
done, unless the cells changed meanwhile (then it checks again).

Then the Scenarios sheet is checked (planner.scenarios.check_scenarios: each scenario
materialised and validated), in a worker of its own so that planning the base never waits
for it; its problems join the document's, so the Problems panel and the Scenarios page show
one list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from planner.scenarios.jobs import scenario_problems
from planner.scenarios.overrides import SHEET
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
        self.scenario_worker: ProcessCall | None = None
        self._scenarios_generation = -1  # the cells the scenario problems shown are of
        self._scenarios_again = False  # cells changed while the scenarios were checked
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
        self._scenarios_generation = -1
        doc.undo.indexChanged.connect(self.schedule)
        doc.rows_changed.connect(self.schedule)
        self.check_scenarios()

    @property
    def current(self) -> bool:
        """True when the document's problems are those of its cells now."""
        return self.doc is not None and self._checked_generation == self.doc.generation

    @property
    def scenarios_current(self) -> bool:
        """True when the document's scenario problems are those of its cells now."""
        return (
            self.doc is not None
            and self.scenario_worker is None
            and self._scenarios_generation == self.doc.generation
        )

    def schedule(self, *_: object) -> None:
        self.timer.start()

    def check_scenarios(self) -> None:
        """Check the Scenarios sheet of the cells as they are now, in a worker (a sheet
        without rows has no problems: said at once)."""
        doc = self.doc
        if doc is None or self.closed:
            return
        if self.scenario_worker is not None:
            self._scenarios_again = True  # once this one is done
            return
        frame = doc.raw.sheets.get(SHEET)
        if frame is None or len(frame) == 0:
            self._scenarios_generation = doc.generation
            if doc.scenario_problems:
                doc.set_scenario_problems([])
            return
        generation = doc.generation
        deep = doc.validation is not None and doc.validation.ok
        worker = ProcessCall(scenario_problems, doc.snapshot(), deep, parent=self)
        worker.done.connect(lambda ps, w=worker: self._scenarios_done(w, doc, generation, ps))
        worker.failed.connect(lambda _exc, w=worker: self._scenarios_done(w, doc, generation, None))
        worker.finished.connect(worker.deleteLater)
        self.scenario_worker = worker
        worker.start()

    def _scenarios_done(self, worker: ProcessCall, doc, generation: int, problems) -> None:
        if worker is self.scenario_worker:
            self.scenario_worker = None
        if doc is not self.doc:
            return
        if problems is not None and generation == doc.generation:
            self._scenarios_generation = generation
            doc.set_scenario_problems(problems)
        if self._scenarios_again or generation != doc.generation:
            self._scenarios_again = False
            if self.current:  # else the validation that follows checks them
                self.check_scenarios()

    def validate_now(self) -> Validation | None:
        """Check on this thread, now (before planning a small project, and in tests)."""
        if self.doc is None:
            return None
        self.timer.stop()
        validation = self.doc.revalidate()
        self._checked_generation = self.doc.generation
        self.checked.emit()
        self.check_scenarios()
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
        self.check_scenarios()

    def shutdown(self) -> None:
        self.closed = True
        self.timer.stop()
        wait_for(self)
