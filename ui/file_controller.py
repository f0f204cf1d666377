"""Opening, saving and autosaving the project, all off the GUI thread.

Opening reads the file's cells in a worker, asks for a column mapping when the headers are not
recognised, then assembles and checks the project in a worker too; only the finished document
reaches the window. Saving writes a copy of the cells in a worker while editing waits (the
rows are renumbered as the file has them once it is written); autosave writes a copy every
minute and never stops the user.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from planner.io.guard import RefusedFile
from planner.io.mapping import DOUBTS
from planner.io.provenance import save_losses, written_as
from planner.io.read import ColumnMapping, RawProject
from planner.io.write import write_raw
from ui import autosave, dialogs, i18n
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.labels import describe_losses
from ui.mapping_dialog import MappingDialog
from ui.open_project import Opened, open_project, prepare
from ui.recent_files import RecentFiles
from ui.workers import ProcessCall, wait_for

AUTOSAVE_MS = 60_000


def doubt_lines(raw: RawProject) -> list[tuple[str, str, str]]:
    """(workbook sheet, header, sentence) of each doubt the column dialog should show."""
    lang = i18n.current()
    return [
        (
            raw.source_names.get(p.sheet or "", p.sheet or ""),
            raw.original_headers.get(p.sheet or "", {}).get(p.column or "", p.column or ""),
            p.message.get(lang),
        )
        for p in raw.notes
        if p.code in DOUBTS
    ]


class FileController(QObject):
    project_loaded = Signal()  # a file was opened, or could not be (the message was shown)
    saved = Signal(object)  # the file written, or None when the save failed
    autosaved = Signal(object)  # the autosave written, or None when it failed

    def __init__(self, window, actions, status) -> None:
        super().__init__(window)
        self.window = window
        self.status = status
        self.loader: ProcessCall | None = None  # reading a file
        self.writer: ProcessCall | None = None  # writing one (a save or an autosave)
        self._running: set[ProcessCall] = set()
        self.closed = False  # the window closed: no more work
        self._source = Path()  # the file being opened
        self._after_save: Callable[[], None] | None = None
        self._saving = False  # the writer writes the project's file (not an autosave)
        self.recent = RecentFiles(actions.menu_recent, self)
        self.recent.chosen.connect(lambda path: self.open_path(path))
        actions.open.triggered.connect(lambda: self.open_dialog())
        actions.open_csv.triggered.connect(lambda: self.open_csv_dialog())
        actions.save.triggered.connect(lambda: self.save())
        actions.save_as.triggered.connect(lambda: self.save_as())
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()

    @property
    def saving(self) -> bool:
        """The project's cells are being written to its file."""
        return self._saving and self.writer is not None

    @property
    def busy(self) -> bool:
        """A file is being read or written."""
        return bool(self._running)

    def _run(self, function, done, failed, *args) -> ProcessCall:
        """`function(*args)` in a worker process (see ui/workers.py)."""
        if self.closed:
            raise RuntimeError("the window is closed")
        worker = ProcessCall(function, *args, parent=self)

        def answered(handle, result) -> None:
            self._ended(worker)  # its work is over (the thread only returns now)
            handle(result)

        worker.done.connect(lambda result: answered(done, result))
        worker.failed.connect(lambda exc: answered(failed, exc))
        worker.finished.connect(worker.deleteLater)
        self._running.add(worker)
        worker.start()
        return worker

    def _ended(self, worker: ProcessCall) -> None:
        self._running.discard(worker)
        if worker is self.loader:
            self.loader = None
        if worker is self.writer:
            self.writer = None

    # opening ---------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        files = self.recent.files()
        path = dialogs.open_project_path(self.window, str(Path(files[0]).parent) if files else "")
        if path:
            self.open_path(path)

    def open_csv_dialog(self) -> None:
        folder = dialogs.open_csv_folder(self.window)
        if folder:
            encoding = str(QSettings().value("csvEncoding", "")) or None  # None: automatic
            self.open_path(folder, encoding=encoding)

    def open_path(
        self, path: str | Path, mapping: ColumnMapping | None = None, encoding: str | None = None
    ) -> None:
        """Read the file's cells in a worker; the project opens when they are checked."""
        if not self.maybe_save(then=lambda: self.open_path(path, mapping, encoding)):
            return
        self.window.planning.stop()  # a plan of the document being replaced never lands
        self._load(Path(path), mapping, encoding, self._install_opened)

    def recover(self, rec: autosave.Recovery, otherwise: Callable[[], None] | None = None) -> None:
        """Open an autosave: the cells recovered, the original file name kept, marked unsaved.
        One that cannot be read is set aside and said so, then `otherwise()` runs (the app
        opens the file it was given)."""

        def install(doc: ProjectDocument) -> None:
            doc.path = rec.original if rec.original else None
            self.window.install(doc)
            doc.undo.resetClean()  # never clean: the user decides whether to save it
            self.window.update_title()
            autosave.discard_recovery(rec)
            self.window.show_message(tr("Recovered the unsaved changes."))
            self.project_loaded.emit()

        def failed(exc: Exception) -> None:
            self.status.finish()
            where = autosave.set_aside(rec.workbook, rec.workbook.with_suffix(".json"))
            name = rec.original.name if rec.original else tr("an untitled project")
            dialogs.error(
                self.window,
                tr("Cannot recover"),
                tr("The copy of {name} saved automatically cannot be read: {why}").format(
                    name=name, why=i18n.error_text(exc)
                ),
                str(where or ""),
            )
            self.project_loaded.emit()
            if otherwise is not None:
                otherwise()

        self.window.planning.stop()
        self._load(rec.workbook, None, None, install, remember=False, failed=failed)

    def open_cells(self, path: Path, grids) -> None:
        """Open cells already read from `path` as a file's are once read (the same dialog,
        check and verdict), checked on this thread: for tests and small projects only."""
        self._load(Path(path), None, None, self._install_opened, cells=grids)

    def _load(
        self, path, mapping, encoding, install, remember: bool = True, failed=None, cells=None
    ) -> None:
        """Read and check the file in a worker process, ask for a mapping if its headers need
        one, then hand the document to `install`."""
        self.window.show_message(tr("Opening {name}…").format(name=path.name))
        self.status.start(tr("Opening {name}…").format(name=path.name), busy=True)
        settings = QSettings()
        settings.beginGroup("mappings")
        remembered = {k: str(settings.value(k)) for k in settings.childKeys()} if remember else {}
        settings.endGroup()
        failed = failed or (lambda exc: self._on_open_failed(path, exc))

        def opened(result: Opened) -> None:
            if result.validation is not None:
                self.status.finish()
                target = path if path.suffix.lower() == ".xlsx" else None
                doc = ProjectDocument(
                    result.raw, target, result.mapping, encoding, validation=result.validation
                )
                QTimer.singleShot(0, self, lambda: install(doc))  # a repaint in between
                return
            # headers to map: ask, then check what the answer gives
            grids, answer = result.grids or [], result.mapping
            dialog = MappingDialog(
                grids,
                answer,
                result.gaps,
                self.window,
                result.start_sheet,
                doubt_lines(result.raw),
            )
            if self.window.run_dialog(dialog):
                answer = dialog.mapping()
                QSettings().setValue(f"mappings/{result.key}", answer.to_json())
            if cells is not None:
                opened(prepare(grids, answer, path))
            else:
                self.loader = self._run(prepare, opened, failed, grids, answer, path)

        self._source = path
        if cells is not None:
            opened(prepare(cells, None, path, "", True))
            return
        self.loader = self._run(open_project, opened, failed, path, encoding, mapping, remembered)

    def _install_opened(self, doc: ProjectDocument) -> None:
        self.window.install(doc)
        source = self._source
        if source.is_file():
            self.recent.add(str(source))
        if doc.path is None and source.is_file():  # .xls, .ods, .csv: saving writes a new .xlsx
            self.window.show_message(
                tr("Opened {name}. Saving writes a project workbook (.xlsx) beside it.").format(
                    name=source.name
                )
            )
        else:
            self.window.show_message(tr("Opened {name}.").format(name=source.name))
        self.project_loaded.emit()

    def _on_open_failed(self, path: Path, exc: Exception) -> None:
        self.status.finish()
        if isinstance(exc, RefusedFile):
            text = i18n.error_text(exc)
        else:
            text = f"{type(exc).__name__}: {exc}"
        dialogs.error(self.window, tr("Cannot open the file"), f"{path.name}\n\n{text}")
        self.project_loaded.emit()

    # saving ----------------------------------------------------------------------------------
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
        if doc is None or self.busy:
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
        if doc is None or self.busy:
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
        self.writer = self._run(
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
        if doc is None or doc.undo.isClean() or self.busy or self.closed:
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
        self.writer = self._run(
            autosave.write_to, self.autosaved.emit, failed, folder, snapshot, path, session
        )

    def shutdown(self) -> None:
        """Wait for the file being read or written; nothing starts after this."""
        self.autosave_timer.stop()
        wait_for(self)

    def close(self) -> None:
        self.closed = True
        self.shutdown()
