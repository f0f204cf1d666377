"""The plan's settings as a form: plan name, objective, time limit, content basis, least RVC,
an incumbent's largest fall, the stable-award rules (no reversal, least share, margin), the
share of the tariff the factory bears, exchange rate. Every change is an undo step on the Settings
sheet; the form shows the sheet again after each edit there (or an undo)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
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


def _percent(name: str, top: float = 100) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setRange(0, top)
    box.setDecimals(1)
    box.setSuffix(" %")
    return box


# (setting, object name, default) of the share settings shown as percents
SHARES = (
    ("min_share", "settingMinShare", 0.05),
    ("threshold_margin", "settingThresholdMargin", 0.0),
    ("tariff_pass_through", "settingPassThrough", 1.0),
)


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
        self.no_reversal = QCheckBox()
        self.no_reversal.setObjectName("settingNoReversal")
        self.shares = {
            key: _percent(name, 20 if key == "threshold_margin" else 100) for key, name, _ in SHARES
        }
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
            self.no_reversal,
            *self.shares.values(),
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
        self.no_reversal.toggled.connect(
            lambda on: self._set(
                "no_reversal", "yes" if on else "no", tr("Set whether awards may reverse")
            )
        )
        undo_texts = {
            "min_share": tr("Set the least share of an award"),
            "threshold_margin": tr("Set the margin below caps and tiers"),
            "tariff_pass_through": tr("Set the share of the tariff borne"),
        }
        for key, box in self.shares.items():
            box.editingFinished.connect(
                lambda k=key, b=box: self._set(k, b.value() / 100, undo_texts[k])
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
            reversal = setting_value(self.doc, "no_reversal")
            self.no_reversal.setChecked(True if parse.is_blank(reversal) else _yes(reversal))
            for key, _name, default in SHARES:
                self.shares[key].setValue(100 * share(setting_value(self.doc, key), default))
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
            tr("Stable awards: no share reverses"),
            tr("Least share of an award (0 = any)"),
            tr("Margin below every cap and tariff bound"),
            tr("Share of the US tariff the factory bears"),
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


def _yes(value: object) -> bool:
    try:
        return parse.parse_bool(value)
    except ValueError:
        return True  # unreadable: the default (the Problems panel names the cell)
