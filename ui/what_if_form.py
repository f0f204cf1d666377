"""The what-if form: the common what-ifs (a tariff preset, budgets, a late supplier, lost
capacity, a product's volume) written as rows of the Scenarios sheet, into the scenario chosen
in the list or a new one named after the what-if (base chosen). One undo step each."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
)

from planner.io.parse import clean_text
from planner.presets import PRESETS
from planner.scenarios import whatif as wi
from planner.scenarios.overrides import BASE
from ui import i18n
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.scenario_list import ScenarioList

TARIFF, BUDGET, LEAD, CAPACITY, VOLUME = "tariff", "budget", "lead", "capacity", "volume"


class WhatIfForm(QGroupBox):
    def __init__(self, doc: ProjectDocument, scenarios: ScenarioList, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.scenarios = doc, scenarios
        self.kind = QComboBox()
        self.kind.setObjectName("whatIfKind")
        self.target = QLabel()
        self.target.setObjectName("whatIfTarget")
        self.target.setWordWrap(True)
        self.preset = QComboBox()
        self.preset.setObjectName("whatIfPreset")
        self.percent = QDoubleSpinBox()
        self.percent.setObjectName("whatIfPercent")
        self.percent.setRange(-100, 1000)
        self.percent.setDecimals(1)
        self.percent.setSuffix(" %")
        self.percent.setValue(-20)
        self.supplier = QComboBox()
        self.supplier.setObjectName("whatIfSupplier")
        self.periods = QSpinBox()
        self.periods.setObjectName("whatIfPeriods")
        self.periods.setRange(1, 12)
        self.periods.setValue(2)
        self.product = QComboBox()
        self.product.setObjectName("whatIfProduct")
        self.apply = QPushButton()
        self.apply.setObjectName("addWhatIf")
        self.apply.clicked.connect(self.add_what_if)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._form_rows = {
            "kind": self.kind,
            TARIFF: self.preset,
            "percent": self.percent,
            "supplier": self.supplier,
            LEAD: self.periods,
            VOLUME: self.product,
        }
        for w in self._form_rows.values():
            self.form.addRow(QLabel(), w)
        self.form.addRow(self.target)
        self.form.addRow(self.apply)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_fields())
        scenarios.selected.connect(self.show_target)

    def refresh(self) -> None:
        """The suppliers and products to choose from, as the project has them now."""
        for box, sheet, key in (
            (self.supplier, "Suppliers", "supplier_id"),
            (self.product, "Products", "product_id"),
        ):
            kept = box.currentData()
            box.blockSignals(True)
            box.clear()
            for value in self.doc.frame(sheet).get(key, []):
                if clean_text(value):
                    box.addItem(clean_text(value), clean_text(value))
            box.setCurrentIndex(max(0, box.findData(kept)))
            box.blockSignals(False)

    def show_fields(self) -> None:
        kind = self.kind.currentData()
        shown = {
            TARIFF: {TARIFF},
            BUDGET: {"percent"},
            LEAD: {"supplier", LEAD},
            CAPACITY: {"supplier", "percent"},
            VOLUME: {VOLUME, "percent"},
        }.get(kind, set())
        for key, w in self._form_rows.items():
            visible = key == "kind" or key in shown
            self.form.setRowVisible(w, visible)
        if kind == CAPACITY and self.percent.value() < 0:
            self.percent.setValue(-self.percent.value())
        self.show_target()

    def show_target(self) -> None:
        name = self.scenarios.current()
        if name is None or name == BASE:
            self.target.setText(tr("Adds a new scenario named after the what-if."))
        else:
            self.target.setText(tr("Adds rows to the scenario {name}.").format(name=name))

    def what_if_rows(self, scenario: str) -> list[dict]:
        kind = self.kind.currentData()
        pct = self.percent.value()
        frame = self.doc.frame
        if kind == TARIFF:
            tiers = list(frame("Tariffs").get("max_china_share", []))
            return wi.tariff_rows(scenario, self.preset.currentData(), tiers)
        if kind == BUDGET:
            return wi.budget_rows(scenario, pct)
        if kind == LEAD:
            return wi.lead_rows(scenario, self.supplier.currentData(), self.periods.value())
        if kind == CAPACITY:
            return wi.capacity_rows(scenario, self.supplier.currentData(), pct, frame("Offers"))
        return wi.volume_rows(scenario, self.product.currentData(), pct, frame("Volumes"))

    def _what_if_name(self) -> str:
        kind, pct = self.kind.currentData(), self.percent.value()
        signed = f"{pct:+g}%"
        if kind == TARIFF:
            return self.preset.currentText()
        if kind == BUDGET:
            return tr("Budgets {change}").format(change=signed)
        if kind == LEAD:
            return tr("{supplier} {n} periods late").format(
                supplier=self.supplier.currentData(), n=self.periods.value()
            )
        if kind == CAPACITY:
            return tr("{supplier} capacity -{pct}%").format(
                supplier=self.supplier.currentData(), pct=f"{abs(pct):g}"
            )
        return tr("{product} volume {change}").format(
            product=self.product.currentData(), change=signed
        )

    def add_what_if(self) -> str | None:
        """Write the what-if's rows: into the scenario selected, or a new one (base chosen)."""
        if self.kind.currentData() in (LEAD, CAPACITY) and not self.supplier.currentData():
            return None
        if self.kind.currentData() == VOLUME and not self.product.currentData():
            return None
        name = self.scenarios.current()
        if name is None or name == BASE:
            name = wi.free_name(self.scenarios.names(), self._what_if_name())
        rows = self.what_if_rows(name)
        self.scenarios.push_rows(
            rows, tr("Add the what-if {what}").format(what=self._what_if_name())
        )
        self.scenarios.select(name)
        return name

    def retranslate(self) -> None:
        self.setTitle(tr("What if…"))
        kind = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for key, text in (
            (TARIFF, tr("Tariffs follow a preset")),
            (BUDGET, tr("One-time budgets change by a percent")),
            (LEAD, tr("A supplier's qualification is late")),
            (CAPACITY, tr("A supplier loses capacity")),
            (VOLUME, tr("A product's volume changes by a percent")),
        ):
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.blockSignals(False)
        preset = self.preset.currentData()
        self.preset.clear()
        for p in PRESETS:
            self.preset.addItem(p.name.get(i18n.current()), p.key)
        self.preset.setCurrentIndex(max(0, self.preset.findData(preset)))
        labels = {
            "kind": tr("What changes"),
            TARIFF: tr("Tariff preset"),
            "percent": tr("Change (percent)"),
            "supplier": tr("Supplier"),
            LEAD: tr("Periods late"),
            VOLUME: tr("Product"),
        }
        for key, w in self._form_rows.items():
            self.form.labelForField(w).setText(labels[key])
        self.apply.setText(tr("Add the what-if"))
