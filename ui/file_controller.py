"""Opening a project off the GUI thread (saving is ui/save_controller.py).

Opening reads the file's cells in a worker, asks for a column mapping when the headers are not
recognised, then assembles and checks the project in a worker too; only the finished document
reaches the window. An autosave is recovered the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from planner.io.guard import RefusedFile
from planner.io.mapping import DOUBTS
from planner.io.read import ColumnMapping, RawProject
from ui import autosave, dialogs, i18n
from ui.document import ProjectDocument
from ui.file_jobs import FileJobs
from ui.i18n import tr
from ui.mapping_dialog import MappingDialog
from ui.open_project import Opened, open_project, prepare
from ui.recent_files import RecentFiles
from ui.save_controller import SaveController


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

    def __init__(self, window, actions, status) -> None:
        super().__init__(window)
        self.window = window
        self.status = status
        self.jobs = FileJobs(self)
        self._source = Path()  # the file being opened
        self.recent = RecentFiles(actions.menu_recent, self)
        self.recent.chosen.connect(lambda path: self.open_path(path))
        actions.open.triggered.connect(lambda: self.open_dialog())
        actions.open_csv.triggered.connect(lambda: self.open_csv_dialog())
        self.saves = SaveController(window, actions, status, self.jobs, self.recent)

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
        if not self.saves.maybe_save(then=lambda: self.open_path(path, mapping, encoding)):
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
                self.jobs.run(prepare, opened, failed, grids, answer, path)

        self._source = path
        if cells is not None:
            opened(prepare(cells, None, path, "", True))
            return
        self.jobs.run(open_project, opened, failed, path, encoding, mapping, remembered)

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

    def shutdown(self) -> None:
        """Wait for the file being read or written; no autosave starts after this."""
        self.saves.shutdown()
        self.jobs.shutdown()

    def close(self) -> None:
        self.saves.shutdown()
        self.jobs.close()
