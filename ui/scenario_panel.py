"""The "Settings & tariffs" page: the plan's settings (ui/settings_form.py), the tariff presets
(ui/tariff_box.py) and quick fills for the glide path, budgets and qualification slots
(ui/period_fills.py). Every change is an undo step on the same sheets the tables show
(Settings, Tariffs, Periods)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.document import ProjectDocument
from ui.period_fills import PeriodFillsBox
from ui.settings_form import SettingsForm
from ui.tariff_box import TariffPresetBox


class ScenarioPanel(QScrollArea):
    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPanel")
        self.setWidgetResizable(True)
        self.doc = doc
        body = QWidget()
        self.setWidget(body)
        self.settings = SettingsForm(doc)
        self.tariffs = TariffPresetBox(doc)
        self.fills = PeriodFillsBox(doc)
        layout = QVBoxLayout(body)
        layout.addWidget(self.settings)
        layout.addWidget(self.tariffs)
        layout.addWidget(self.fills)
        layout.addStretch(1)
        body.setMaximumWidth(900)
        self.retranslate()

    def retranslate(self) -> None:
        self.settings.retranslate()
        self.tariffs.retranslate()
        self.fills.retranslate()
        self.settings.load()
        self.settings.setAlignment(Qt.AlignLeft)
