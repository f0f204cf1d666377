"""The window's actions, menus and toolbar, with their shortcuts and (translated) texts.

The actions only exist here; the controllers connect them to what they do (files, planning,
exports), so each job lives in one place and this module holds no behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from ui.i18n import tr


class WindowActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

        def make(name: str, shortcut=None, checkable: bool = False) -> QAction:
            action = QAction(window)
            action.setObjectName(name)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.setCheckable(checkable)
            window.addAction(action)
            return action

        self.new = make("actionNew", QKeySequence.New)
        self.open = make("actionOpen", QKeySequence.Open)
        self.sample = make("actionSample")
        self.guide = make("actionGuide", QKeySequence.HelpContents)
        self.open_csv = make("actionOpenCsv")
        self.save = make("actionSave", QKeySequence.Save)
        self.save_as = make("actionSaveAs", QKeySequence.SaveAs)
        self.export_excel = make("actionExportExcel", "Ctrl+E")
        self.print_preview = make("actionPrintPreview", "Ctrl+P")
        self.export_pdf = make("actionExportPdf", "Ctrl+Shift+P")
        self.quit = make("actionQuit", QKeySequence.Quit)
        self.undo = make("actionUndo", QKeySequence.Undo)
        self.redo = make("actionRedo", QKeySequence.Redo)
        self.add_row = make("actionAddRow", "Ctrl+Shift+=")
        self.delete_rows = make("actionDeleteRows", "Ctrl+-")
        self.plan = make("actionPlan", "F5")
        self.cancel = make("actionCancel", "Esc")
        self.approve = make("actionApprove")
        self.record_event = make("actionRecordEvent")  # a row of the Actuals sheet
        self.replan = make("actionReplan")  # the rest planned again from what happened
        self.show_vnd = make("actionShowVnd", None, True)
        self.language_en = make("actionLanguageEn", None, True)
        self.language_vi = make("actionLanguageVi", None, True)
        self.about = make("actionAbout")
        self.open_logs = make("actionOpenLogFolder")
        group = QActionGroup(self)
        group.addAction(self.language_en)
        group.addAction(self.language_vi)
        self.cancel.setEnabled(False)
        self.approve.setEnabled(False)
        self.replan.setEnabled(False)
        self.exports = (self.export_excel, self.print_preview, self.export_pdf)
        for action in self.exports:
            action.setEnabled(False)
        self.quit.triggered.connect(window.close)

    def build_menus(self, problems: QDockWidget) -> None:
        """The menu bar (with an empty Open recent menu for the file controller) and toolbar."""
        bar = self.window.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_recent = QMenu(self.window)
        self.menu_recent.setObjectName("menuRecent")
        self.menu_file.addActions([self.new, self.open, self.open_csv, self.sample])
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.save, self.save_as])
        self.menu_file.addSeparator()
        self.menu_file.addActions(list(self.exports))
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.undo, self.redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.add_row, self.delete_rows])
        self.menu_plan = bar.addMenu("")
        self.menu_plan.addActions([self.plan, self.cancel])
        self.menu_plan.addSeparator()
        self.menu_plan.addAction(self.approve)
        self.menu_plan.addSeparator()
        self.menu_plan.addActions([self.record_event, self.replan])
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.show_vnd)
        self.problems_toggle = problems.toggleViewAction()
        self.menu_view.addAction(self.problems_toggle)
        self.menu_language = bar.addMenu("")
        self.menu_language.addActions([self.language_en, self.language_vi])
        self.menu_help = bar.addMenu("")
        self.menu_help.addActions([self.guide, self.sample])
        self.menu_help.addSeparator()
        self.menu_help.addActions([self.open_logs, self.about])

        self.toolbar = QToolBar(self.window)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        groups = [
            [self.open, self.save],
            [self.undo, self.redo],
            [self.plan, self.cancel],
            list(self.exports),
        ]
        for k, group in enumerate(groups):
            if k:
                self.toolbar.addSeparator()
            self.toolbar.addActions(group)
        self.window.addToolBar(self.toolbar)

    def set_plan_ready(self, ready: bool) -> None:
        """Exports are offered once there is a checked plan."""
        for action in self.exports:
            action.setEnabled(ready)

    def set_undo_texts(self, undo: str, redo: str) -> None:
        self.undo.setText(tr("Undo {what}").format(what=undo) if undo else tr("Undo"))
        self.redo.setText(tr("Redo {what}").format(what=redo) if redo else tr("Redo"))
        self.undo.setIconText(tr("Undo"))
        self.redo.setIconText(tr("Redo"))

    def retranslate(self, lang: str) -> None:
        self.language_en.setChecked(lang == "en")
        self.language_vi.setChecked(lang == "vi")
        texts = {
            self.new: tr("&New project"),
            self.open: tr("&Open…"),
            self.sample: tr("Open the &sample project"),
            self.guide: tr("User &guide"),
            self.open_csv: tr("Open a CSV &folder…"),
            self.save: tr("&Save"),
            self.save_as: tr("Save &as…"),
            self.export_excel: tr("&Export plan to Excel…"),
            self.print_preview: tr("Print pre&view…"),
            self.export_pdf: tr("Export phase plan to &PDF…"),
            self.quit: tr("&Quit"),
            self.add_row: tr("&Add row"),
            self.delete_rows: tr("&Delete rows"),
            self.plan: tr("&Plan", "verb"),
            self.cancel: tr("&Cancel planning"),
            self.approve: tr("&Approve this plan…"),
            self.record_event: tr("&Record an event…"),
            self.replan: tr("Re-plan from &actuals…"),
            self.show_vnd: tr("Show money in &VND"),
            self.language_en: "English",
            self.language_vi: "Tiếng Việt",
            self.about: tr("&About"),
            self.open_logs: tr("Open the &log folder"),
        }
        for action, text in texts.items():
            action.setText(text)
        icon_texts = {
            self.plan: tr("Plan", "verb"),
            self.cancel: tr("Cancel"),
            self.export_excel: tr("Export Excel"),
            self.print_preview: tr("Print preview"),
            self.export_pdf: tr("Export PDF"),
            self.open: tr("Open"),
            self.save: tr("Save"),
        }
        for action, text in icon_texts.items():
            action.setIconText(text)
        self.show_vnd.setToolTip(tr("Uses the exchange rate set on the Settings & tariffs page."))
        self.menu_file.setTitle(tr("&File"))
        self.menu_recent.setTitle(tr("Open &recent"))
        self.menu_edit.setTitle(tr("&Edit"))
        self.menu_plan.setTitle(tr("&Plan"))
        self.menu_view.setTitle(tr("&View"))
        self.menu_language.setTitle(tr("&Language"))
        self.menu_help.setTitle(tr("&Help"))
        self.problems_toggle.setText(tr("Problems"))
        self.toolbar.setWindowTitle(tr("Main toolbar"))
