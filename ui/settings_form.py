"""The plan's settings as a form: plan name, objective, time limit, content basis, least RVC,
an incumbent's largest fall, exchange rate. Every change is an undo step on the Settings
sheet; the form shows the sheet again after each edit there (or an undo)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from planner.io import parse
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.settings_cells import number, set_setting, setting_value, share


class SettingsForm(QGroupBox):
    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._loading = False
        self.name = QLineEdit()
        self.name.setObjectName("settingPlanName")
        self.objective = QComboBox()
        self.objective.setObjectName("settingObjective")
        self.time_limit = QSpinBox()
        self.time_limit.setObjectName("settingTimeLimit")
        self.time_limit.setRange(1, 86400)
        self.basis = QComboBox()
        self.basis.setObjectName("settingContentBasis")
        self.rvc = QDoubleSpinBox()
        self.rvc.setObjectName("settingRvcMin")
        self.rvc.setRange(0, 100)
        self.rvc.setDecimals(1)
        self.rvc.setSuffix(" %")
        self.drop = QDoubleSpinBox()
        self.drop.setObjectName("settingIncumbentDrop")
        self.drop.setRange(0, 100)
        self.drop.setDecimals(1)
        self.drop.setSuffix(" %")
        self.fx = QDoubleSpinBox()
        self.fx.setObjectName("settingFx")
        self.fx.setRange(0, 1_000_000)
        self.fx.setDecimals(0)
        self.fx.setGroupSeparatorShown(True)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for w in (
            self.name,
            self.objective,
            self.time_limit,
            self.basis,
            self.rvc,
            self.drop,
            self.fx,
        ):
            self.form.addRow(QLabel(), w)

        self.name.editingFinished.connect(
            lambda: self._set("plan_name", self.name.text().strip(), tr("Set the plan name"))
        )
        self.objective.activated.connect(
            lambda: self._set("objective", self.objective.currentData(), tr("Set the objective"))
        )
        self.time_limit.editingFinished.connect(
            lambda: self._set("time_limit_s", self.time_limit.value(), tr("Set the time limit"))
        )
        self.basis.activated.connect(
            lambda: self._set(
                "content_basis", self.basis.currentData(), tr("Set the content basis")
            )
        )
        self.rvc.editingFinished.connect(
            lambda: self._set("rvc_min", self.rvc.value() / 100 or None, tr("Set the least RVC"))
        )
        self.drop.editingFinished.connect(
            lambda: self._set(
                "incumbent_max_drop",
                self.drop.value() / 100,
                tr("Set the incumbent's largest fall"),
            )
        )
        self.fx.editingFinished.connect(
            lambda: self._set(
                "fx_vnd_per_usd", self.fx.value() or None, tr("Set the exchange rate")
            )
        )
        doc.cells_changed.connect(self._sheet_changed)
        doc.rows_changed.connect(self._sheet_changed)

    def _sheet_changed(self, sheet: str, *_: object) -> None:
        if sheet == "Settings":
            self.load()

    def _set(self, key: str, value: object, text: str) -> None:
        if not self._loading:
            set_setting(self.doc, key, value, text)

    def load(self) -> None:
        """Show the Settings sheet's values (after opening, undo, or an edit in the table)."""
        self._loading = True
        try:
            self.name.setText(str(setting_value(self.doc, "plan_name") or ""))
            self.objective.setCurrentIndex(
                max(0, self.objective.findData(str(setting_value(self.doc, "objective"))))
            )
            self.time_limit.setValue(int(number(setting_value(self.doc, "time_limit_s"), 60)))
            self.basis.setCurrentIndex(
                max(0, self.basis.findData(str(setting_value(self.doc, "content_basis"))))
            )
            rvc = setting_value(self.doc, "rvc_min")
            self.rvc.setValue(0 if parse.is_blank(rvc) else 100 * share(rvc, 0))
            self.drop.setValue(100 * share(setting_value(self.doc, "incumbent_max_drop"), 1))
            fx = setting_value(self.doc, "fx_vnd_per_usd")
            self.fx.setValue(0 if parse.is_blank(fx) else number(fx, 0))
        finally:
            self._loading = False

    def retranslate(self) -> None:
        self.setTitle(tr("The plan"))
        labels = [
            tr("Plan name"),
            tr("Objective"),
            tr("Time limit (seconds)"),
            tr("Chinese share measured on"),
            tr("Least regional value content (0 = none)"),
            tr("Largest fall of an incumbent's share per period"),
            tr("Exchange rate (VND per USD, 0 = none)"),
        ]
        for k, text in enumerate(labels):
            self.form.itemAt(k, QFormLayout.LabelRole).widget().setText(text)
        for box, items in (
            (
                self.objective,
                [
                    ("min_cost", tr("Least total cost")),
                    ("min_china", tr("Least Chinese content, then least cost")),
                ],
            ),
            (self.basis, [("fob", tr("FOB price")), ("materials", tr("Material cost"))]),
        ):
            box.blockSignals(True)
            box.clear()
            for key, text in items:
                box.addItem(text, key)
            box.blockSignals(False)
