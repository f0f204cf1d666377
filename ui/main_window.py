"""The main window: the project's sheets, the scenario, the plan; the Problems panel below.

Long work (reading a file, planning) runs in QThreads; the window only starts it and renders
the result. Every number shown comes from planner/.
"""

from __future__ import annotations

import copy
import json
import tempfile
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from planner import schema
from planner.io.guard import RefusedFile
from planner.io.mapping import (
    DOUBTS,
    first_sheet_to_map,
    layout_key,
    mapping_doubts,
    mapping_gaps,
)
from planner.io.provenance import save_losses, written_as
from planner.io.read import ColumnMapping, RawProject, assemble, load_cells, read_project
from planner.io.write import write_template
from planner.plan import Plan, ProgressEvent
from planner.problems import ERROR, WARNING
from planner.project import TypedProject
from planner.report.workbook import write_plan_workbook
from ui import autosave, dialogs, i18n
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.labels import describe_losses, sheet_label
from ui.mapping_dialog import MappingDialog
from ui.plan_views import PlanPanel
from ui.plan_worker import PlanWorker
from ui.problems_view import ProblemsView
from ui.scenario_panel import ScenarioPanel
from ui.sheet_model import SheetModel
from ui.sheet_view import SheetPanel
from ui.stale_plan import PlanPage
from ui.workers import CallWorker

MAX_RECENT = 8
AUTOSAVE_MS = 60_000
SCENARIO, PLAN = "__scenario__", "__plan__"


SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"


def sample_path(lang: str) -> Path:
    """The sample factory, in the app's language."""
    name = "vr_headset_bac_ninh_vi.xlsx" if lang == "vi" else "vr_headset_bac_ninh.xlsx"
    return SAMPLES / name


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


def empty_project() -> RawProject:
    return RawProject()


OPENABLE = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")


def dropped_project(mime) -> Path | None:
    """The one local workbook, CSV file or CSV folder a drag carries, else None."""
    urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.is_dir() or path.suffix.lower() in OPENABLE else None


class MainWindow(QMainWindow):
    project_loaded = Signal()
    plan_finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = uuid.uuid4().hex[:8]
        self.doc: ProjectDocument | None = None
        self.plan: Plan | None = None
        self.plan_project: TypedProject | None = None
        self.plan_raw: RawProject | None = None
        self.worker: PlanWorker | None = None
        self.loader: CallWorker | None = None
        self.panels: dict[str, SheetPanel] = {}
        self._plan_started = 0.0
        self._plan_limit = 60.0
        self._build_actions()
        self._build_widgets()
        self._build_menus()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self.validate_timer = QTimer(self)
        self.validate_timer.setSingleShot(True)
        self.validate_timer.setInterval(250)
        self.validate_timer.timeout.connect(self._revalidate)
        self.install(ProjectDocument(empty_project()))
        self.retranslate()
        self.resize(1280, 760)
        self.setAcceptDrops(True)

    # construction ----------------------------------------------------------------------------
    def _action(self, name: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.actionNew = a("actionNew", lambda: self.new_project(), QKeySequence.New)
        self.actionOpen = a("actionOpen", lambda: self.open_dialog(), QKeySequence.Open)
        self.actionSample = a("actionSample", lambda: self.open_sample())
        self.actionGuide = a("actionGuide", lambda: self.show_guide(), QKeySequence.HelpContents)
        self.actionOpenCsv = a("actionOpenCsv", lambda: self.open_csv_dialog())
        self.actionSave = a("actionSave", lambda: self.save(), QKeySequence.Save)
        self.actionSaveAs = a("actionSaveAs", lambda: self.save_as(), QKeySequence.SaveAs)
        self.actionExportExcel = a("actionExportExcel", lambda: self.export_excel(), "Ctrl+E")
        self.actionPrintPreview = a("actionPrintPreview", lambda: self.print_preview(), "Ctrl+P")
        self.actionExportPdf = a("actionExportPdf", lambda: self.export_pdf(), "Ctrl+Shift+P")
        self.actionQuit = a("actionQuit", self.close, QKeySequence.Quit)
        self.actionUndo = a(
            "actionUndo", lambda: self.doc and self.doc.undo.undo(), QKeySequence.Undo
        )
        self.actionRedo = a(
            "actionRedo", lambda: self.doc and self.doc.undo.redo(), QKeySequence.Redo
        )
        self.actionAddRow = a("actionAddRow", lambda: self._sheet_call("add_row"), "Ctrl+Shift+=")
        self.actionDeleteRows = a(
            "actionDeleteRows", lambda: self._sheet_call("delete_rows"), "Ctrl+-"
        )
        self.actionPlan = a("actionPlan", lambda: self.start_plan(), "F5")
        self.actionCancel = a("actionCancel", lambda: self.cancel_plan(), "Esc")
        self.actionShowVnd = a("actionShowVnd", lambda on: self.plan_panel.set_vnd(on), None, True)
        self.actionLanguageEn = a("actionLanguageEn", lambda: self.set_language("en"), None, True)
        self.actionLanguageVi = a("actionLanguageVi", lambda: self.set_language("vi"), None, True)
        self.actionAbout = a("actionAbout", lambda: self.about())
        group = QActionGroup(self)
        group.addAction(self.actionLanguageEn)
        group.addAction(self.actionLanguageVi)
        self.actionCancel.setEnabled(False)
        for action in (self.actionExportExcel, self.actionPrintPreview, self.actionExportPdf):
            action.setEnabled(False)

    def _build_widgets(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(260)
        self.nav.setMinimumWidth(170)
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 8px; }")
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.plan_panel = PlanPanel()
        self.plan_panel.setObjectName("planPanel")
        self.plan_page = PlanPage(self.plan_panel)
        self._plan_index: int | None = None  # the undo position the plan was made at
        split = QSplitter(Qt.Horizontal)
        split.setObjectName("mainSplitter")
        self.splitter = split
        split.addWidget(self.nav)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([180, 1100])
        self.setCentralWidget(split)
        self.nav.currentRowChanged.connect(self._show_page)

        self.problems = ProblemsView()
        self.problems.go_to.connect(self.go_to_cell)
        self.problems_dock = QDockWidget(self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.problems_dock.setFeatures(
            QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
        )
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems_dock)
        self.resizeDocks([self.problems_dock], [170], Qt.Vertical)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        for action in (
            self.actionOpen,
            self.actionSave,
            None,
            self.actionUndo,
            self.actionRedo,
            None,
            self.actionPlan,
            self.actionCancel,
            None,
            self.actionExportExcel,
            self.actionPrintPreview,
            self.actionExportPdf,
        ):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

        self.progress = QProgressBar()
        self.progress.setObjectName("planProgress")
        self.progress.setMaximumWidth(260)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.progress_text = QLabel()
        self.progress_text.setObjectName("planProgressText")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel_plan)
        self.cancel_button.hide()
        self.state_label = QLabel()
        self.state_label.setObjectName("projectState")
        self.state_label.linkActivated.connect(self._state_link)
        bar = self.statusBar()
        bar.addWidget(self.state_label, 1)
        bar.addPermanentWidget(self.progress_text)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_recent = QMenu(self)
        self.menu_recent.setObjectName("menuRecent")
        for action in (self.actionNew, self.actionOpen, self.actionOpenCsv, self.actionSample):
            self.menu_file.addAction(action)
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        for action in (self.actionSave, self.actionSaveAs):
            self.menu_file.addAction(action)
        self.menu_file.addSeparator()
        for action in (self.actionExportExcel, self.actionPrintPreview, self.actionExportPdf):
            self.menu_file.addAction(action)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.actionQuit)
        self.menu_edit = bar.addMenu("")
        for action in (self.actionUndo, self.actionRedo):
            self.menu_edit.addAction(action)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.actionAddRow)
        self.menu_edit.addAction(self.actionDeleteRows)
        self.menu_plan = bar.addMenu("")
        self.menu_plan.addAction(self.actionPlan)
        self.menu_plan.addAction(self.actionCancel)
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.actionShowVnd)
        self.menu_view.addAction(self.problems_dock.toggleViewAction())
        self.menu_language = bar.addMenu("")
        self.menu_language.addAction(self.actionLanguageEn)
        self.menu_language.addAction(self.actionLanguageVi)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.actionGuide)
        self.menu_help.addAction(self.actionSample)
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.actionAbout)
        self._rebuild_recent()

    # the document ----------------------------------------------------------------------------
    def install(self, doc: ProjectDocument) -> None:
        """Show a (new) document: one editor per sheet, the scenario form, a fresh plan page."""
        old = self.doc
        self.doc = doc
        doc.setParent(self)
        current = self.nav.currentRow()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            if widget is not self.plan_page:
                widget.deleteLater()
        self.panels = {}
        for sheet in schema.SHEETS:
            panel = SheetPanel(SheetModel(doc, sheet.name))
            panel.table.message.connect(self.show_message)
            self.panels[sheet.name] = panel
            self.stack.addWidget(panel)
        self.scenario = ScenarioPanel(doc)
        self.stack.addWidget(self.scenario)
        self.stack.addWidget(self.plan_page)
        self._rebuild_nav()
        self.nav.setCurrentRow(max(0, current))
        doc.undo.cleanChanged.connect(self._update_title)
        doc.undo.canUndoChanged.connect(self.actionUndo.setEnabled)
        doc.undo.canRedoChanged.connect(self.actionRedo.setEnabled)
        doc.undo.undoTextChanged.connect(self._update_undo_texts)
        doc.undo.redoTextChanged.connect(self._update_undo_texts)
        doc.undo.indexChanged.connect(self._schedule_validation)
        doc.undo.indexChanged.connect(self._check_stale)
        doc.validated.connect(self._show_problems)
        self.actionUndo.setEnabled(False)
        self.actionRedo.setEnabled(False)
        self._set_plan(None, None, None)
        self._show_problems()
        self._update_title()
        self._update_undo_texts()
        if old is not None and old is not doc:
            old.deleteLater()

    def _rebuild_nav(self) -> None:
        row = self.nav.currentRow()
        self.nav.blockSignals(True)
        self.nav.clear()
        for sheet in schema.SHEETS:
            item = QListWidgetItem(self._nav_text(sheet.name))
            item.setData(Qt.UserRole, sheet.name)
            self.nav.addItem(item)
        for key, text in ((SCENARIO, tr("Scenario")), (PLAN, tr("Plan"))):
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, key)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.nav.addItem(item)
        self.nav.blockSignals(False)
        if row >= 0:
            self.nav.setCurrentRow(row)

    def _nav_text(self, sheet: str) -> str:
        n = len(self.doc.frame(sheet)) if self.doc else 0
        return f"{sheet_label(sheet)} ({n})"

    def _show_page(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.UserRole) == key:
                self.nav.setCurrentRow(row)
                return

    def show_page_named(self, name: str) -> None:
        """A sheet name, 'scenario', 'plan' or a plan tab ('gantt', 'content'...); once there is
        a plan, a plan tab wins over the sheet of the same name ('suppliers': the load)."""
        lowered = name.lower()
        sheets = {s.name.lower(): s.name for s in schema.SHEETS}
        tabs = [key for _, key in self.plan_panel._pages]
        if lowered in sheets and not (self.plan is not None and lowered in tabs):
            self.show_page(sheets[lowered])
        elif lowered == "scenario":
            self.show_page(SCENARIO)
        else:
            self.show_page(PLAN)
            keys = [key for _, key in self.plan_panel._pages]
            if lowered in keys:
                self.plan_panel.tabs.setCurrentIndex(keys.index(lowered))

    def _sheet_call(self, method: str) -> None:
        widget = self.stack.currentWidget()
        if isinstance(widget, SheetPanel):
            getattr(widget.table, method)()

    def _schedule_validation(self, *_: object) -> None:
        self.validate_timer.start()

    def _revalidate(self) -> None:
        if self.doc is not None:
            self.doc.revalidate()
            for row, sheet in enumerate(schema.SHEETS):
                self.nav.item(row).setText(self._nav_text(sheet.name))

    def _show_problems(self) -> None:
        if self.doc is None:
            return
        # a new, empty project is a start, not a list of errors
        problems = [] if self.doc.is_empty else self.doc.problems
        self.problems.set_problems(problems)
        errors = sum(p.severity == ERROR for p in problems)
        warnings = sum(p.severity == WARNING for p in problems)
        self.problems_dock.setWindowTitle(i18n.problem_counts(errors, warnings))
        running = self.worker is not None and self.worker.isRunning()
        self.actionPlan.setEnabled(self.doc.can_plan and not running)
        if self.doc.is_empty:
            self.state_label.setText(
                tr(
                    "A new project: <a href='open'>open a workbook</a>, "
                    "<a href='sample'>open the sample project</a> or fill in the sheets on the "
                    "left. <a href='guide'>User guide</a>"
                )
            )
        elif errors:
            self.state_label.setText(
                tr("Fix the errors to plan (double-click one to go to its cell).")
            )
        elif self.doc.can_plan:
            self.state_label.setText(tr("Ready to plan."))

    def _update_title(self) -> None:
        if self.doc is None:
            return
        app_name = tr("Supplier Localization Planner")
        self.setWindowTitle(f"{self.doc.name}[*] — {app_name}")
        self.setWindowModified(not self.doc.undo.isClean())

    def _update_undo_texts(self, *_: object) -> None:
        undo = self.doc.undo.undoText() if self.doc else ""
        redo = self.doc.undo.redoText() if self.doc else ""
        self.actionUndo.setText(tr("Undo {what}").format(what=undo) if undo else tr("Undo"))
        self.actionRedo.setText(tr("Redo {what}").format(what=redo) if redo else tr("Redo"))
        self.actionUndo.setIconText(tr("Undo"))
        self.actionRedo.setIconText(tr("Redo"))

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def go_to_cell(self, sheet: str, row: object, column: object) -> None:
        panel = self.panels.get(sheet)
        if panel is None:
            return
        self.show_page(sheet)
        panel.table.go_to(
            row if isinstance(row, int) else None, column if isinstance(column, str) else None
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_docks_sized", False):
            self._docks_sized = True  # a few rows of problems; the tables get the room
            self.resizeDocks([self.problems_dock], [115], Qt.Vertical)

    # opening ---------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        if self.doc is None or self.doc.undo.isClean():
            return True
        answer = dialogs.ask_save_changes(self, self.doc.name)
        if answer == dialogs.SAVE:
            return self.save()
        if answer == dialogs.DISCARD:
            autosave.discard(self.doc.path, self.session)
            return True
        return False

    def open_dialog(self) -> None:
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else ""
        path = dialogs.open_project_path(self, start)
        if path:
            self.open_path(path)

    def open_csv_dialog(self) -> None:
        folder = dialogs.open_csv_folder(self)
        if folder:
            self.open_path(folder, encoding=self.ask_encoding())

    def ask_encoding(self) -> str | None:
        """CSV encoding: automatic (UTF-8, UTF-8 with BOM, then Windows-1258) unless chosen."""
        value = QSettings().value("csvEncoding", "")
        return str(value) or None

    def open_path(
        self, path: str | Path, mapping: ColumnMapping | None = None, encoding: str | None = None
    ) -> None:
        """Read the file's cells in a worker thread, then assemble them on the GUI thread."""
        if not self.maybe_save():
            return
        path = Path(path)
        self.show_message(tr("Opening {name}…").format(name=path.name))
        QApplication.setOverrideCursor(Qt.BusyCursor)
        self.loader = CallWorker(lambda: load_cells(path, encoding), self)
        self.loader.done.connect(lambda grids: self._opened(path, grids, mapping, encoding))
        self.loader.failed.connect(lambda exc: self._open_failed(path, exc))
        self.loader.start()

    def _open_failed(self, path: Path, exc: Exception) -> None:
        QApplication.restoreOverrideCursor()
        if isinstance(exc, RefusedFile):
            text = exc.message_vi if i18n.current() == "vi" else exc.message_en
        else:
            text = f"{type(exc).__name__}: {exc}"
        dialogs.error(self, tr("Cannot open the file"), f"{path.name}\n\n{text}")
        self.project_loaded.emit()

    def _opened(
        self,
        path: Path,
        grids: list,
        mapping: ColumnMapping | None,
        encoding: str | None,
    ) -> None:
        QApplication.restoreOverrideCursor()
        key = layout_key(grids)
        settings = QSettings()
        if mapping is None:
            remembered = settings.value(f"mappings/{key}", "")
            if remembered:
                try:
                    data = json.loads(str(remembered))
                    mapping = ColumnMapping(data.get("sheets", {}), data.get("columns", {}))
                except ValueError:
                    mapping = None
        raw = assemble(grids, mapping, path)
        gaps = mapping_gaps(raw)
        # a missing sheet or column, or one that looks like a field but was not read: ask
        if (gaps or mapping_doubts(raw)) and grids:
            dialog = MappingDialog(
                grids, mapping, gaps, self, first_sheet_to_map(raw, grids), doubt_lines(raw)
            )
            if self.run_dialog(dialog):
                mapping = dialog.mapping()
                settings.setValue(f"mappings/{key}", mapping.to_json())
                raw = assemble(grids, mapping, path)
        target = path if path.suffix.lower() == ".xlsx" else None
        doc = ProjectDocument(raw, target, mapping, encoding)
        self.install(doc)
        if path.is_file():
            self.add_recent(str(path))
        if target is None and path.is_file():  # .xls, .ods, .csv: saving writes a new .xlsx
            self.show_message(
                tr("Opened {name}. Saving writes a project workbook (.xlsx) beside it.").format(
                    name=path.name
                )
            )
        else:
            self.show_message(tr("Opened {name}.").format(name=path.name))
        self.project_loaded.emit()

    def run_dialog(self, dialog) -> bool:
        """Modal dialogs go through here (tests replace it)."""
        return bool(dialog.exec())

    def recover(self, rec: autosave.Recovery) -> None:
        """Open an autosave: the cells recovered, the original file name kept, marked unsaved."""

        raw = read_project(rec.workbook)
        doc = ProjectDocument(raw, rec.original if rec.original else None)
        self.install(doc)
        doc.undo.resetClean()  # never clean: the user decides whether to save it
        self._update_title()
        autosave.discard_recovery(rec)
        self.show_message(tr("Recovered the unsaved changes."))

    # saving ----------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.path is None:
            return self.save_as()
        if not self.doc.replaces_freely or written_as(self.doc.path) is None:
            # the user's own workbook: say what the project format drops before replacing it
            losses = save_losses(self.doc.raw, self.doc.path)
            if losses:
                choice = dialogs.ask_replace_workbook(
                    self, self.doc.path.name, describe_losses(losses)
                )
                if choice == dialogs.SAVE_NEW:
                    stem = tr("{name} (project)").format(name=self.doc.path.stem)
                    return self.save_as(self.doc.path.with_name(stem + ".xlsx"))
                if choice != dialogs.REPLACE:
                    return False
        return self._save_to(self.doc.path)

    def save_as(self, suggested: Path | None = None) -> bool:
        if self.doc is None:
            return False
        start = str(suggested or self.doc.path or Path(self.doc.name).with_suffix(".xlsx"))
        path = dialogs.save_path(
            self, tr("Save project as"), start, tr("Project workbooks (*.xlsx)")
        )
        return bool(path) and self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        assert self.doc is not None
        old = self.doc.path
        try:
            saved = self.doc.save(path)
        except (OSError, ValueError, RefusedFile) as exc:
            dialogs.error(self, tr("Cannot save"), f"{path}\n\n{i18n.error_text(exc)}")
            return False
        autosave.discard(old, self.session)
        autosave.discard(saved, self.session)
        self.add_recent(str(saved))
        self._update_title()
        self.show_message(tr("Saved {name}.").format(name=saved.name))
        return True

    def autosave_now(self) -> None:
        if self.doc is None or self.doc.undo.isClean():
            return
        try:
            autosave.write(self.doc.raw, self.doc.path, self.session)
        except (OSError, RefusedFile) as exc:
            self.show_message(tr("Autosave failed: {why}").format(why=i18n.error_text(exc)))

    # recent files ----------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = QSettings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        QSettings().setValue("recentFiles", files[:MAX_RECENT])
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.menu_recent.clear()
        files = self.recent_files()
        for k, path in enumerate(files, start=1):
            action = self.menu_recent.addAction(f"&{k} {Path(path).name}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        self.menu_recent.setEnabled(bool(files))

    # planning --------------------------------------------------------------------------------
    def start_plan(self) -> None:
        if self.doc is None or (self.worker is not None and self.worker.isRunning()):
            return
        self.validate_timer.stop()
        validation = self.doc.revalidate()
        if not validation.ok or validation.project is None:
            self.problems_dock.show()
            self.show_message(tr("The project has errors: fix them first (see Problems)."))
            return
        project = validation.project
        self._plan_index = self.doc.undo.index()
        self.plan_raw = RawProject(
            sheets={k: v.copy() for k, v in self.doc.raw.sheets.items()},
            header_rows=dict(self.doc.raw.header_rows),
            source_names=dict(self.doc.raw.source_names),
            original_headers=copy.deepcopy(self.doc.raw.original_headers),
        )
        self._plan_limit = float(project.settings.time_limit_s)
        self._plan_started = time.monotonic()
        self.worker = PlanWorker(project, self._plan_limit, self)
        self.worker.progress.connect(self._on_progress)
        # one handler at the very end: the thread has finished, so the window's state (progress
        # hidden, actions enabled) is final before plan_finished is emitted
        self.worker.finished.connect(lambda w=self.worker, p=project: self._plan_stopped(w, p))
        self.actionPlan.setEnabled(False)
        self.actionCancel.setEnabled(True)
        self.cancel_button.show()
        self.progress.setValue(0)
        self.progress.show()
        self.progress_text.setText(tr("Planning…"))
        self.tick = QTimer(self)
        self.tick.setInterval(250)
        self.tick.timeout.connect(self._tick)
        self.tick.start()
        self.worker.start()

    def cancel_plan(self) -> None:
        if self.worker is not None and self.worker.isRunning():
            self.worker.cancel()
            self.progress_text.setText(tr("Stopping: keeping the best plan found…"))
            self.actionCancel.setEnabled(False)

    def _tick(self) -> None:
        elapsed = time.monotonic() - self._plan_started
        self.progress.setValue(int(1000 * min(1.0, elapsed / max(1.0, self._plan_limit))))
        self.progress.setFormat(
            tr("{elapsed} s of {limit} s").format(elapsed=int(elapsed), limit=int(self._plan_limit))
        )

    def _on_progress(self, event: ProgressEvent) -> None:
        parts = []
        if event.objective is not None:
            parts.append(tr("best {cost}").format(cost=i18n.money(event.objective)))
        if event.bound is not None:
            parts.append(tr("bound {bound}").format(bound=i18n.money(event.bound)))
        if event.gap is not None:
            parts.append(tr("gap {gap}").format(gap=i18n.pct(event.gap, 2)))
        if parts:
            self.progress_text.setText(" · ".join(parts))

    def _plan_stopped(self, worker: PlanWorker, project: TypedProject) -> None:
        """The worker thread has ended: settle the window, show the result, then announce it."""
        if hasattr(self, "tick"):
            self.tick.stop()
        self.progress.hide()
        self.cancel_button.hide()
        self.actionCancel.setEnabled(False)
        self.actionPlan.setEnabled(self.doc is not None and self.doc.can_plan)
        plan = worker.plan
        if plan is not None:
            self._set_plan(project, plan, self.plan_raw)
            if plan.has_plan:
                status = tr("optimal") if plan.status.value == "optimal" else tr("feasible")
                self.show_message(tr("Plan ready: {status}.").format(status=status))
                self._show_planned_in()
            else:
                self.show_message(tr("No plan: see the explanation on the Plan page."))
                self.progress_text.setText("")
            self.show_page(PLAN)
        else:
            self.progress_text.setText("")
            head, _, detail = (worker.error or "").partition("\n\n")
            dialogs.error(self, tr("Planning failed"), head, detail)
        self.plan_finished.emit(plan)

    def _set_plan(
        self, project: TypedProject | None, plan: Plan | None, raw: RawProject | None
    ) -> None:
        self.plan, self.plan_project, self.plan_raw = plan, project, raw
        self._check_stale()
        if project is None or plan is None:
            self.plan_panel.clear()
        elif plan.has_plan:
            self.plan_panel.show_plan(project, plan)
        else:
            self.plan_panel.show_failure(project, plan)
        ready = plan is not None and plan.has_plan
        for action in (self.actionExportExcel, self.actionPrintPreview, self.actionExportPdf):
            action.setEnabled(ready)

    def _show_planned_in(self) -> None:
        """'Planned in 3.2 s.', in the language of the moment."""
        running = self.worker is not None and self.worker.isRunning()
        if self.plan is not None and self.plan.has_plan and not running:
            seconds = i18n.number(self.plan.solve_seconds, 1)
            self.progress_text.setText(tr("Planned in {s} s.").format(s=seconds))

    def _check_stale(self, *_: object) -> None:
        """The plan is out of date once the project has moved from where it was planned (an
        undo back to that point makes it current again)."""
        stale = (
            self.plan is not None
            and self.doc is not None
            and self.doc.undo.index() != self._plan_index
        )
        self.plan_page.set_stale(stale)

    @property
    def plan_is_stale(self) -> bool:
        return self.plan_page.stale

    # exports ---------------------------------------------------------------------------------
    def _plan_ready(self) -> bool:
        if self.plan is None or self.plan_project is None or not self.plan.has_plan:
            self.show_message(tr("There is no checked plan to export yet."))
            return False
        if self.plan_is_stale and not dialogs.ask_yes_no(
            self,
            tr("The plan is out of date"),
            tr(
                "The project was edited after this plan was made, so the plan does not show "
                "the project as it is now. Write the out-of-date plan anyway?"
            ),
        ):
            self.show_message(tr("Not written: press Plan (F5) to plan the project as it is."))
            return False
        return True

    def _default_name(self, suffix: str) -> str:
        base = self.doc.path or Path.home() / self.doc.name if self.doc else Path("plan")
        return str(Path(base).with_name(Path(base).stem + "-plan" + suffix))

    def export_excel(self) -> None:
        if not self._plan_ready():
            return
        path = dialogs.save_path(
            self,
            tr("Export the plan to Excel"),
            self._default_name(".xlsx"),
            tr("Excel workbooks (*.xlsx)"),
        )
        if path:
            self.write_excel(Path(path))

    def write_excel(self, path: Path) -> bool:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            write_plan_workbook(
                self.plan_project, self.plan, path, raw=self.plan_raw, lang=i18n.current()
            )
        except (OSError, ValueError, RefusedFile) as exc:
            dialogs.error(self, tr("Cannot export"), f"{path}\n\n{i18n.error_text(exc)}")
            return False
        self.show_message(tr("Exported the plan to {name}.").format(name=path.name))
        return True

    def export_pdf(self) -> None:
        if not self._plan_ready():
            return
        path = dialogs.save_path(
            self,
            tr("Export the phase plan to PDF"),
            self._default_name(".pdf"),
            tr("PDF documents (*.pdf)"),
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> bool:
        from ui.printing import write_plan_pdf

        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_plan_pdf(self.plan_project, self.plan, path, lang=i18n.current())
        except (OSError, ValueError, RefusedFile) as exc:
            dialogs.error(self, tr("Cannot export"), f"{path}\n\n{i18n.error_text(exc)}")
            return False
        self.show_message(tr("Wrote the phase plan to {name}.").format(name=path.name))
        return True

    def print_preview(self) -> None:
        if not self._plan_ready():
            return
        from ui.printing import print_preview

        print_preview(self, self.plan_project, self.plan, i18n.current())

    def _state_link(self, link: str) -> None:
        {"open": self.open_dialog, "sample": self.open_sample, "guide": self.show_guide}[link]()

    def new_project(self) -> None:
        """A fresh project from the annotated template: every sheet, nothing filled in."""
        if not self.maybe_save():
            return
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "template.xlsx"
            write_template(template)
            raw = read_project(template)
        raw.path, raw.notes, raw.unused_sheets = None, [], []
        self.install(ProjectDocument(raw))
        self.show_page("Components")
        self.show_message(tr("New project: fill in the sheets, then Plan (F5)."))

    def open_sample(self) -> None:
        self.open_path(sample_path(i18n.current()))

    def show_guide(self) -> None:
        from ui.guide import GuideDialog

        self.run_dialog(GuideDialog(self))

    def about(self) -> None:
        dialogs.info(
            self,
            tr("About"),
            tr(
                "Supplier Localization Planner plans a phased switch of parts to local suppliers, "
                "quarter by quarter, within budget, qualification slots, capacity and a glide "
                "path of Chinese content."
            ),
        )

    # language --------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        lang = i18n.current()
        self.actionLanguageEn.setChecked(lang == "en")
        self.actionLanguageVi.setChecked(lang == "vi")
        texts = {
            self.actionNew: tr("&New project"),
            self.actionOpen: tr("&Open…"),
            self.actionSample: tr("Open the &sample project"),
            self.actionGuide: tr("User &guide"),
            self.actionOpenCsv: tr("Open a CSV &folder…"),
            self.actionSave: tr("&Save"),
            self.actionSaveAs: tr("Save &as…"),
            self.actionExportExcel: tr("&Export plan to Excel…"),
            self.actionPrintPreview: tr("Print pre&view…"),
            self.actionExportPdf: tr("Export phase plan to &PDF…"),
            self.actionQuit: tr("&Quit"),
            self.actionAddRow: tr("&Add row"),
            self.actionDeleteRows: tr("&Delete rows"),
            self.actionPlan: tr("&Plan", "verb"),
            self.actionCancel: tr("&Cancel planning"),
            self.actionShowVnd: tr("Show money in &VND"),
            self.actionLanguageEn: "English",
            self.actionLanguageVi: "Tiếng Việt",
            self.actionAbout: tr("&About"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.actionPlan.setIconText(tr("Plan", "verb"))
        self.actionCancel.setIconText(tr("Cancel"))
        self.actionExportExcel.setIconText(tr("Export Excel"))
        self.actionPrintPreview.setIconText(tr("Print preview"))
        self.actionExportPdf.setIconText(tr("Export PDF"))
        self.actionOpen.setIconText(tr("Open"))
        self.actionSave.setIconText(tr("Save"))
        self.actionShowVnd.setToolTip(tr("Uses the exchange rate in the scenario settings."))
        self.menu_file.setTitle(tr("&File"))
        self.menu_recent.setTitle(tr("Open &recent"))
        self.menu_edit.setTitle(tr("&Edit"))
        self.menu_plan.setTitle(tr("&Plan"))
        self.menu_view.setTitle(tr("&View"))
        self.menu_language.setTitle(tr("&Language"))
        self.menu_help.setTitle(tr("&Help"))
        self.problems_dock.toggleViewAction().setText(tr("Problems"))
        self.cancel_button.setText(tr("Cancel"))
        self.toolbar.setWindowTitle(tr("Main toolbar"))
        self._update_undo_texts()
        self._update_title()
        self._rebuild_nav()
        for panel in self.panels.values():
            panel.retranslate()
        self.scenario.retranslate()
        self.problems.retranslate()
        self.plan_panel.retranslate()
        self.plan_page.retranslate()
        self._show_planned_in()
        self._show_problems()

    # closing ---------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.worker is not None and self.worker.isRunning():
            self.worker.cancel()
            self.worker.wait(10_000)
        if self.doc is not None:
            autosave.discard(self.doc.path, self.session)
        autosave.end_session(self.session)
        self.save_layout()
        event.accept()

    # the window's size and layout, remembered ------------------------------------------------
    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())

    def restore_layout(self) -> bool:
        """The size, docks and splitter as the user left them; False when there is none yet."""
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if not geometry:
            return False
        self.restoreGeometry(geometry)
        state, splitter = settings.value("window/state"), settings.value("window/splitter")
        if state:
            self.restoreState(state)
        if splitter:
            self.splitter.restoreState(splitter)
        self._docks_sized = True  # the user's own dock size, not the default
        return True

    # drag and drop -----------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if dropped_project(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        path = dropped_project(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_path(path))  # after the drop has finished

    def placeholder(self) -> QWidget:  # pragma: no cover - kept for Designer-like previews
        return QWidget()
