"""The main window: the project's sheets, the scenario, the plan; the Problems panel below.

The window lays out the views and shows the open document; controllers do the jobs: files
(ui/file_controller.py), checking (ui/validation.py), planning (ui/plan_controller.py) and
exports (ui/export_controller.py), with the actions and menus in ui/actions.py. Long work runs
off the GUI thread; every number shown comes from planner/.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from planner import schema
from planner.io.read import RawProject
from planner.problems import ERROR, WARNING
from ui import autosave, i18n, workers
from ui.actions import WindowActions
from ui.document import ProjectDocument
from ui.export_controller import ExportController
from ui.file_controller import FileController
from ui.i18n import tr
from ui.pages import PLAN, SCENARIO, Built, Pages
from ui.plan_controller import PlanController
from ui.plan_views import PlanPanel
from ui.problems_view import ProblemsView
from ui.record_controller import RecordController
from ui.scenario_panel import ScenarioPanel
from ui.sheet_view import SheetPanel
from ui.stale_plan import PlanPage
from ui.start_points import StartPoints
from ui.task_status import TaskStatus
from ui.validation import ValidationController
from ui.workers import wait_for

OPENABLE = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")


def dropped_project(mime) -> Path | None:
    """The one local workbook, CSV file or CSV folder a drag carries, else None."""
    urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.is_dir() or path.suffix.lower() in OPENABLE else None


class MainWindow(QMainWindow):
    SCENARIO, PLAN = SCENARIO, PLAN
    project_loaded = Signal()
    plan_finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        workers.warm()  # the fork server imports the engine while the window is built
        self.session = uuid.uuid4().hex[:8]
        self.doc: ProjectDocument | None = None
        self.actions = WindowActions(self)
        self._build_widgets()
        self.actions.build_menus(self.problems_dock)
        bar = self.statusBar()
        self.state_label = QLabel()
        self.state_label.setObjectName("projectState")
        bar.addWidget(self.state_label, 1)
        self.tasks = TaskStatus(bar, "task")  # files and exports
        self.plan_status = TaskStatus(bar, "plan", cancellable=True)
        # a status bar that grows when a progress bar shows would resize every page of the
        # window, and each of its tables would measure its rows again
        bar.setFixedHeight(max(bar.sizeHint().height(), self.plan_status.height_needed()))
        self.validation = ValidationController(self)
        self.validation.checked.connect(self._on_checked)
        self.files = FileController(self, self.actions, self.tasks)
        self.saves = self.files.saves
        self.start = StartPoints(self, self.actions)
        self.state_label.linkActivated.connect(self.start.follow)
        self.planning = PlanController(self, self.actions, self.plan_status, self.plan_panel)
        self.exports = ExportController(self, self.actions, self.planning, self.tasks)
        self.records = RecordController(self, self.actions, self.planning)
        self.files.project_loaded.connect(self.project_loaded)
        self.planning.finished.connect(self.plan_finished)
        self._connect_actions()
        self.install(ProjectDocument(RawProject()))
        self.retranslate()
        self.resize(1280, 760)
        self.setAcceptDrops(True)

    # construction ----------------------------------------------------------------------------
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
        self.plan_page = PlanPage(self.plan_panel)  # the panel under its out-of-date banner
        split = QSplitter(Qt.Horizontal)
        split.setObjectName("mainSplitter")
        self.splitter = split
        split.addWidget(self.nav)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([180, 1100])
        self.setCentralWidget(split)
        self.pages = Pages(self.nav, self.stack, self.plan_page, self)
        self.pages.on_table_made = lambda panel: panel.table.message.connect(self.show_message)

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

    def _connect_actions(self) -> None:
        a = self.actions
        a.undo.triggered.connect(lambda: self.doc and self.doc.undo.undo())
        a.redo.triggered.connect(lambda: self.doc and self.doc.undo.redo())
        a.add_row.triggered.connect(lambda: self._sheet_call("add_row"))
        a.delete_rows.triggered.connect(lambda: self._sheet_call("delete_rows"))
        a.language_en.triggered.connect(lambda: self.set_language("en"))
        a.language_vi.triggered.connect(lambda: self.set_language("vi"))
        a.record_event.triggered.connect(self.record_event)

    # the document ----------------------------------------------------------------------------
    def install(self, doc: ProjectDocument) -> None:
        """Show a (new) document: one editor per sheet, the scenario form, a fresh plan page.
        A plan still running for the document it replaces is stopped and never shown."""
        self.planning.stop()
        # the new pages paint in the event loop's next pass, not in this one: building them
        # and their first paint together held the window for up to 130 ms on the sample
        self.centralWidget().setUpdatesEnabled(False)
        QTimer.singleShot(0, self, self._resume_painting)
        old = self.doc
        self.doc = doc
        doc.setParent(self)
        self.pages.set_document(doc)
        doc.undo.cleanChanged.connect(self.update_title)
        doc.undo.canUndoChanged.connect(self.actions.undo.setEnabled)
        doc.undo.canRedoChanged.connect(self.actions.redo.setEnabled)
        doc.undo.undoTextChanged.connect(self._update_undo_texts)
        doc.undo.redoTextChanged.connect(self._update_undo_texts)
        doc.validated.connect(self.show_problems)
        doc.undo.indexChanged.connect(self.planning.check_stale)
        self.validation.set_document(doc)
        self.actions.undo.setEnabled(False)
        self.actions.redo.setEnabled(False)
        self.planning.set_plan(None, None)
        self.show_problems()
        self.update_title()
        self._update_undo_texts()
        if old is not None and old is not doc:
            old.deleteLater()

    def _resume_painting(self) -> None:
        self.centralWidget().setUpdatesEnabled(True)

    def set_editable(self, on: bool) -> None:
        """Editing waits while the cells are being saved (the file must hold what is shown)."""
        self.stack.setEnabled(on)
        for action in (self.actions.add_row, self.actions.delete_rows):
            action.setEnabled(on)
        self.actions.undo.setEnabled(on and self.doc is not None and self.doc.undo.canUndo())
        self.actions.redo.setEnabled(on and self.doc is not None and self.doc.undo.canRedo())

    @property
    def panels(self) -> Built:
        """The open document's pages built so far (a sheet's table is built when asked for)."""
        return self.pages.built

    @property
    def scenario(self) -> ScenarioPanel:
        return self.pages.page(SCENARIO)  # type: ignore[return-value]

    def show_page(self, key: str) -> None:
        self.pages.show(key)

    def show_page_named(self, name: str) -> None:
        """A sheet name, 'scenario', 'plan' or a plan tab ('gantt', 'content'...)."""
        self.pages.show_named(name)

    def _sheet_call(self, method: str) -> None:
        widget = self.stack.currentWidget()
        if isinstance(widget, SheetPanel):
            getattr(widget.table, method)()

    def _on_checked(self) -> None:
        self.pages.update_counts()

    def show_problems(self) -> None:
        if self.doc is None:
            return
        project = self.doc.validation.project if self.doc.validation is not None else None
        if project is not None and project.settings.currency != i18n.project_currency():
            # money on every page and in every header in the project's own currency
            i18n.set_currency(project.settings.currency)
            self.retranslate()
            return
        # a new, empty project is a start, not a list of errors
        problems = [] if self.doc.is_empty else self.doc.problems
        self.problems.set_problems(problems)
        errors = sum(p.severity == ERROR for p in problems)
        warnings = sum(p.severity == WARNING for p in problems)
        self.problems_dock.setWindowTitle(i18n.problem_counts(errors, warnings))
        self.actions.plan.setEnabled(self.doc.can_plan and not self.planning.running)
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

    def update_title(self) -> None:
        if self.doc is None:
            return
        app_name = tr("Supplier Localization Planner")
        self.setWindowTitle(f"{self.doc.name}[*] — {app_name}")
        self.setWindowModified(not self.doc.undo.isClean())

    def _update_undo_texts(self, *_: object) -> None:
        undo = self.doc.undo.undoText() if self.doc else ""
        redo = self.doc.undo.redoText() if self.doc else ""
        self.actions.set_undo_texts(undo, redo)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def go_to_cell(self, sheet: str, row: object, column: object) -> None:
        if sheet not in {s.name for s in schema.SHEETS}:
            return
        panel = self.panels[sheet]
        self.show_page(sheet)
        panel.table.go_to(
            row if isinstance(row, int) else None, column if isinstance(column, str) else None
        )

    def record_event(self) -> None:
        """Plan > Record an event…: one row of the Actuals sheet, through the form."""
        from ui.actuals_form import ActualsForm

        if self.doc is not None and self.run_dialog(ActualsForm(self.doc, self)):
            self.show_page("Actuals")

    def run_dialog(self, dialog) -> bool:
        """Modal dialogs go through here (tests replace it)."""
        return bool(dialog.exec())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_docks_sized", False):
            self._docks_sized = True  # a few rows of problems; the tables get the room
            self.resizeDocks([self.problems_dock], [115], Qt.Vertical)

    # language --------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.retranslate()
        self.planning.translate()

    def retranslate(self) -> None:
        self.actions.retranslate(i18n.current())
        self.tasks.retranslate()
        self.plan_status.retranslate()
        self._update_undo_texts()
        self.update_title()
        self.pages.retranslate()
        self.problems.retranslate()
        self.plan_panel.retranslate()
        self.plan_page.retranslate()
        self.records.retranslate()
        self.planning.show_planned_in()
        self.show_problems()

    # closing ---------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self.saves.saving:  # close once the file is written (or say why it is not)
            self.saves.after_save(self.close)
            event.ignore()
            return
        if not self.saves.maybe_save(then=self.close):
            event.ignore()
            return
        self.planning.shutdown()
        workers.wait_for(self.records)
        self.pages.shutdown()
        self.validation.shutdown()
        self.files.close()
        wait_for(self.exports)
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
        QTimer.singleShot(0, lambda: self.files.open_path(path))  # after the drop has finished
