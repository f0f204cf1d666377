"""The Scenarios page, three tabs: the project's scenarios (ui/scenario_list.py) with the
what-if form (ui/what_if_form.py) and the Scenarios sheet with its problems
(ui/scenario_sheet.py); planning the chosen scenarios side by side and their comparison
(ui/scenario_compare.py); the trade-off curve (ui/tradeoff_view.py). Every edit is an undo step
on the Scenarios sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from planner.scenarios.overrides import SHEET
from planner.scenarios.view import ComparisonView
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.scenario_compare import ScenarioCompare
from ui.scenario_list import ScenarioList
from ui.scenario_sheet import ScenarioSheet
from ui.tradeoff_view import TradeOffPanel
from ui.what_if_form import WhatIfForm


class ScenariosPage(QWidget):
    def __init__(self, window, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("scenariosPage")
        self.window_, self.doc = window, doc
        self.scenarios = ScenarioList(window, doc)
        self.what_if = WhatIfForm(doc, self.scenarios)
        self.sheet = ScenarioSheet(window, doc)
        self.compare = ScenarioCompare(window, doc, self.scenarios.chosen)
        self.curve = TradeOffPanel(self._project, plan_of=self.compare.shown_plan)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("scenariosTabs")
        self.tabs.addTab(self._edit_tab(), "")
        self.tabs.addTab(self.compare, "")
        self.tabs.addTab(self.curve, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.sheet.wanted.connect(lambda: self.tabs.setCurrentIndex(0))
        self.compare.started.connect(lambda: self.tabs.setCurrentIndex(1))
        doc.cells_changed.connect(self._sheet_changed)
        doc.rows_changed.connect(self._sheet_changed)
        self.retranslate()
        self.refresh()

    def _edit_tab(self) -> QWidget:
        """The list and the what-if form above, the sheet and its problems below."""
        top = QWidget()
        th = QHBoxLayout(top)
        th.setContentsMargins(0, 0, 0, 0)
        th.addWidget(self.scenarios, 2)
        th.addWidget(self.what_if, 3)
        split = QSplitter(Qt.Vertical)
        split.addWidget(top)
        split.addWidget(self.sheet)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        return split

    def _project(self):
        v = self.doc.validation
        return v.project if v is not None and v.ok else None

    @property
    def view(self) -> ComparisonView | None:
        """The comparison shown, if any (the plan workbook writes it as a sheet)."""
        return self.compare.view

    def plan_scenarios(
        self, names: list[str] | None = None, time_limit: float | None = None
    ) -> bool:
        return self.compare.plan_scenarios(names, time_limit)

    def refresh(self) -> None:
        self.scenarios.refresh()
        self.what_if.refresh()

    def _sheet_changed(self, sheet: str, *_: object) -> None:
        if sheet in (SHEET, "Suppliers", "Products"):
            self.refresh()

    def shutdown(self) -> None:
        self.sheet.shutdown()
        self.compare.shutdown()
        self.curve.shutdown()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, tr("Scenarios and what-ifs"))
        self.tabs.setTabText(1, tr("Plan and compare"))
        self.tabs.setTabText(2, tr("Trade-off curve"))
        self.scenarios.retranslate()
        self.what_if.retranslate()
        self.sheet.retranslate()
        self.compare.retranslate()
        self.refresh()
        self.what_if.show_fields()
        self.curve.retranslate()
        self.compare.translate_view()
