"""Saving and autosaving the project, off the GUI thread.

Saving writes a copy of the cells in a worker while editing waits (the rows are renumbered as
the file has them once it is written), asking first before it replaces a user's own workbook;
autosave writes a copy every minute and never stops the user.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from planner.io.provenance import save_losses, written_as
from planner.io.write import write_raw
from ui import autosave, dialogs, i18n
from ui.document import ProjectDocument
from ui.file_jobs import FileJobs
from ui.i18n import tr
from ui.labels import describe_losses
from ui.recent_files import RecentFiles

AUTOSAVE_MS = 60_000


class SaveController(QObject):
    saved = Signal(object)  # the file written, or None when the save failed
    autosaved = Signal(object)  # the autosave written, or None when it failed

    def __init__(self, window, actions, status, jobs: FileJobs, recent: RecentFiles) -> None:
        super().__init__(window)
        self.window = window
        self.status = status
        self.jobs = jobs
        self.recent = recent
        self._after_save: Callable[[], None] | None = None
        self._saving = False  # the project's file is being written (not an autosave)
        actions.save.triggered.connect(lambda: self.save())
        actions.save_as.triggered.connect(lambda: self.save_as())
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()

    @property
    def saving(self) -> bool:
        """The project's cells are being written to its file."""
        return self._saving

    def maybe_save(self, then: Callable[[], None] | None = None) -> bool:
        """True when the current document may be dropped now (clean, or discarded). Save asks
        for a save and returns False; `then` runs once it is written."""
        doc = self.window.doc
        if doc is None or doc.undo.isClean():
            return True
        answer = dialogs.ask_save_changes(self.window, doc.name)
        if answer == dialogs.DISCARD:
            autosave.discard(doc.path, self.window.session)
            return True
        if answer == dialogs.SAVE and self.save():
            self._after_save = then
        return False

    def after_save(self, then: Callable[[], None]) -> None:
        """Run `then` once the save under way has written its file."""
        self._after_save = then

    def save(self) -> bool:
        """Start saving to the document's file (asking first over a user's own workbook);
        False when nothing is written. `saved` says when it is done."""
        doc = self.window.doc
        if doc is None or self.jobs.busy:
            return False
        if doc.path is None:
            return self.save_as()
        if not doc.replaces_freely or written_as(doc.path) is None:
            # the user's own workbook (or ours, edited in Excel since): say what the project
            # format drops before replacing it
            losses = save_losses(doc.raw, doc.path)
            if losses:
                choice = dialogs.ask_replace_workbook(
                    self.window, doc.path.name, describe_losses(losses)
                )
                if choice == dialogs.SAVE_NEW:
                    stem = tr("{name} (project)").format(name=doc.path.stem)
                    return self.save_as(doc.path.with_name(stem + ".xlsx"))
                if choice != dialogs.REPLACE:
                    return False
        return self.save_to(doc.path)

    def save_as(self, suggested: Path | None = None) -> bool:
        doc = self.window.doc
        if doc is None or self.jobs.busy:
            return False
        start = str(suggested or doc.path or Path(doc.name).with_suffix(".xlsx"))
        path = dialogs.save_path(
            self.window, tr("Save project as"), start, tr("Project workbooks (*.xlsx)")
        )
        return bool(path) and self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the cells to `path` in a worker; editing waits until they are written."""
        doc = self.window.doc
        try:
            target = ProjectDocument.target(path)
        except ValueError as exc:
            dialogs.error(self.window, tr("Cannot save"), f"{path}\n\n{exc}")
            return False
        snapshot, generation, old = doc.snapshot(), doc.generation, doc.path
        self._saving = True
        self.window.set_editable(False)
        self.status.start(tr("Saving {name}…").format(name=target.name), busy=True)
        self.jobs.run(
            write_raw,
            lambda _none: self._on_saved(doc, target, generation, old),
            lambda exc: self._on_save_failed(target, exc),
            snapshot,
            target,
        )
        return True

    def _on_saved(self, doc: ProjectDocument, target: Path, generation: int, old) -> None:
        self._saving = False
        self.status.finish()
        self.window.set_editable(True)
        if doc is self.window.doc and doc.generation == generation:
            doc.mark_saved(target)
            self.window.validation.schedule()  # the rows have their saved numbers now
        autosave.discard(old, self.window.session)
        autosave.discard(target, self.window.session)
        self.recent.add(str(target))
        self.window.update_title()
        self.window.show_message(tr("Saved {name}.").format(name=target.name))
        self.saved.emit(target)
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def _on_save_failed(self, target: Path, exc: Exception) -> None:
        self._saving = False
        self.status.finish()
        self.window.set_editable(True)
        self._after_save = None
        dialogs.error(self.window, tr("Cannot save"), f"{target}\n\n{i18n.error_text(exc)}")
        self.saved.emit(None)

    def autosave_now(self) -> None:
        """Write a copy of unsaved changes beside the app's data, in a worker."""
        doc = self.window.doc
        if doc is None or doc.undo.isClean() or self.jobs.busy or self.jobs.closed:
            return
        snapshot, path, session = doc.snapshot(), doc.path, self.window.session

        def failed(exc: Exception) -> None:
            why = i18n.error_text(exc)
            self.window.show_message(tr("Autosave failed: {why}").format(why=why))
            self.autosaved.emit(None)

        try:
            folder = autosave.folder()
            autosave.hold(session)  # the window is alive: its autosave is not offered back
        except OSError as exc:
            failed(exc)
            return
        self.jobs.run(
            autosave.write_to, self.autosaved.emit, failed, folder, snapshot, path, session
        )

    def shutdown(self) -> None:
        """No autosave after this."""
        self.autosave_timer.stop()
