"""The window's left column and the pages it shows: a table per sheet, the scenario form and
the plan. A page shows the open document once it is first shown (nine tables at once would
hold the window up); the sheet tables are made once and given each document's sheet, the
scenario form is made again for each document."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from planner import schema
from planner.io.read import RawProject
from ui import i18n
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.labels import sheet_label
from ui.scenario_panel import ScenarioPanel
from ui.sheet_model import SheetModel
from ui.sheet_view import SheetPanel

SCENARIO, PLAN = "__scenario__", "__plan__"
SCENARIOS = "__scenarios__"  # the what-ifs planned side by side (ui/scenarios_page.py)
RECORD = "__record__"  # approved versions and what changed (ui/record_page.py)
PER_DOCUMENT = (SCENARIO, SCENARIOS, RECORD)  # pages made again for each document


SCENARIOS_TABS = {
    "scenarios": 0,
    "whatif": 0,
    "compare": 1,
    "comparison": 1,
    "curve": 2,
    "tradeoff": 2,
}


class Built(dict):
    """The pages of the open document built so far, by key; asking for another builds it."""

    def __init__(self, build) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str):
        self[key] = page = self._build(key)
        return page


class Pages(QObject):
    def __init__(self, nav: QListWidget, stack: QStackedWidget, plan: QWidget, parent) -> None:
        super().__init__(parent)
        self.nav, self.stack, self.plan = nav, stack, plan
        self.doc: ProjectDocument | None = None
        self.built = Built(self._build)
        self.tables: dict[str, SheetPanel] = {}  # made on first use, kept
        self._placeholders: dict[str, QWidget] = {}
        self._blank = ProjectDocument(RawProject())  # what a table holds between documents
        self.on_table_made = lambda panel: None  # the window hears its tables' messages
        for key in [*(sheet.name for sheet in schema.SHEETS), *PER_DOCUMENT]:
            self.stack.addWidget(self._placeholder(key))
        self.stack.addWidget(plan)
        nav.currentRowChanged.connect(self._on_nav_current_row_changed)

    def set_document(self, doc: ProjectDocument) -> None:
        self.doc = doc
        current = self.nav.currentRow()
        old = self.built
        self.built = Built(self._build)
        for key in PER_DOCUMENT:
            page = old.get(key)
            if page is None:
                continue
            if hasattr(page, "shutdown"):
                page.shutdown()  # its workers end before it goes
            self.stack.insertWidget(self.stack.indexOf(page), self._placeholder(key))
            self.stack.removeWidget(page)
            page.deleteLater()
        for panel in self.tables.values():
            panel.set_model(SheetModel(self._blank, panel.sheet))  # the old cells let go
        self.rebuild_nav()
        self.nav.setCurrentRow(max(0, current))
        self._on_nav_current_row_changed(self.nav.currentRow())

    def page(self, key: str) -> QWidget:
        """The page of a sheet, the scenario or the plan, built on first use."""
        return self.plan if key == PLAN else self.built[key]

    def _placeholder(self, key: str) -> QWidget:
        self._placeholders[key] = QWidget()
        return self._placeholders[key]

    def _build(self, key: str) -> QWidget:
        assert self.doc is not None
        panel = self.tables.get(key)
        if panel is not None:
            panel.set_model(SheetModel(self.doc, key))
            return panel
        if key == SCENARIO:
            widget: QWidget = ScenarioPanel(self.doc)
        elif key == SCENARIOS:
            from ui.scenarios_page import ScenariosPage

            widget = ScenariosPage(self.parent(), self.doc)
        elif key == RECORD:
            from ui.record_page import RecordPage

            widget = RecordPage(self.parent())
        else:
            widget = self.tables[key] = SheetPanel(SheetModel(self.doc, key))
            self.on_table_made(widget)
        placeholder = self._placeholders.pop(key)
        current = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(self.stack.indexOf(placeholder), widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if current:
            self.stack.setCurrentWidget(widget)
        return widget

    # the left column ---------------------------------------------------------------------------
    def rebuild_nav(self) -> None:
        row = self.nav.currentRow()
        self.nav.blockSignals(True)
        self.nav.clear()
        for sheet in schema.SHEETS:
            item = QListWidgetItem(self._nav_text(sheet.name))
            item.setData(Qt.UserRole, sheet.name)
            self.nav.addItem(item)
        for key, text in (
            (SCENARIO, tr("Settings & tariffs")),
            (SCENARIOS, tr("What-if scenarios")),
            (PLAN, tr("Plan")),
            (RECORD, tr("Plan of record")),
        ):
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, key)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.nav.addItem(item)
        self.nav.blockSignals(False)
        if row >= 0:
            self.nav.setCurrentRow(row)

    def update_counts(self) -> None:
        """The sheets' row counts in the left column."""
        for row, sheet in enumerate(schema.SHEETS):
            self.nav.item(row).setText(self._nav_text(sheet.name))

    def _nav_text(self, sheet: str) -> str:
        n = len(self.doc.frame(sheet)) if self.doc else 0
        return f"{sheet_label(sheet)} ({n})"

    def _on_nav_current_row_changed(self, row: int) -> None:
        if 0 <= row < self.nav.count() and self.doc is not None:
            self.stack.setCurrentWidget(self.page(self.nav.item(row).data(Qt.UserRole)))

    def show(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.UserRole) == key:
                self.nav.setCurrentRow(row)
                return

    def show_named(self, name: str) -> None:
        """A sheet name, 'scenario', 'plan' or a plan tab ('gantt', 'content'...); once there is
        a plan, a plan tab wins over the sheet of the same name ('suppliers': the load)."""
        lowered = name.lower()
        sheets = {s.name.lower(): s.name for s in schema.SHEETS if s.name != "Scenarios"}
        panel = self.plan.panel  # type: ignore[attr-defined]
        planned = panel.report is not None and lowered in [key for _, key in panel.pages]
        if lowered in sheets and not planned:
            self.show(sheets[lowered])
        elif lowered in ("scenario", "settings"):
            self.show(SCENARIO)
        elif lowered in SCENARIOS_TABS:  # the Scenarios page (the sheet: its first tab)
            self.show(SCENARIOS)
            self.page(SCENARIOS).tabs.setCurrentIndex(SCENARIOS_TABS[lowered])  # type: ignore[attr-defined]
        else:
            self.show(PLAN)
            panel.show_page(lowered)

    def comparison(self):
        """The scenarios' comparison shown, in the app's language, if any (for the workbook)."""
        page = self.built.get(SCENARIOS)
        view = getattr(page, "view", None)
        return view if view is not None and view.lang == i18n.current() else None

    def shutdown(self) -> None:
        """The window closes: the pages' workers end."""
        for page in self.built.values():
            if hasattr(page, "shutdown"):
                page.shutdown()

    def retranslate(self) -> None:
        self.rebuild_nav()
        for page in self.built.values():
            page.retranslate()  # type: ignore[attr-defined]
