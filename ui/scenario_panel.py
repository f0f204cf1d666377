"""Scenario settings as a form: objective, time limit, content basis, RVC, tariff presets, and
quick fills for the glide path, budgets and qualification slots. Every change is an undo step
on the same sheets the tables show (Settings, Tariffs, Periods)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.io import parse
from planner.presets import PRESET_BY_KEY, PRESETS, glide_path
from ui import dialogs, i18n
from ui.commands import AddRows, ReplaceSheet, SetCells
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.labels import column_label

OWN_TIERS = ""  # the preset box's item for tiers that are no preset's

SPEC = {s.key: s for s in schema.SETTING_SPECS}


def _setting_row(doc: ProjectDocument, key: str) -> int | None:
    """Position of the Settings row holding `key` (under any of its spellings)."""
    frame = doc.frame("Settings")
    if "key" not in frame.columns:
        return None
    names = {schema.normalise_header(n) for n in (key, *SPEC[key].synonyms)}
    for pos, typed in enumerate(frame["key"]):
        if schema.normalise_header(parse.clean_text(typed)) in names:
            return pos
    return None


def setting_value(doc: ProjectDocument, key: str) -> object:
    pos = _setting_row(doc, key)
    if pos is None:
        return SPEC[key].default
    value = doc.frame("Settings")["value"].iloc[pos]
    return SPEC[key].default if parse.is_blank(value) else value


def set_setting(doc: ProjectDocument, key: str, value: object, text: str) -> None:
    pos = _setting_row(doc, key)
    if pos is None:
        doc.undo.push(AddRows(doc, "Settings", [{"key": key, "value": value}], text))
        return
    old = doc.frame("Settings")["value"].iloc[pos]
    if old == value or (parse.is_blank(old) and parse.is_blank(value)):
        return
    doc.undo.push(SetCells(doc, "Settings", [(pos, "value", old, value)], text))


def _number(value: object, default: float) -> float:
    try:
        return float(parse.parse_number(value))
    except (parse.ParseError, TypeError, ValueError):
        return default


def _share(value: object, default: float) -> float:
    try:
        return float(parse.parse_share(value)[0])
    except (parse.ParseError, TypeError, ValueError):
        return default


class ScenarioPanel(QScrollArea):
    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPanel")
        self.setWidgetResizable(True)
        self.doc = doc
        body = QWidget()
        self.setWidget(body)
        self._loading = False

        # the plan and how it is judged
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
        self.plan_box = QGroupBox()
        self.plan_form = QFormLayout(self.plan_box)
        self.plan_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._plan_rows = [self.name, self.objective, self.time_limit, self.basis, self.rvc]
        for w in (*self._plan_rows, self.drop, self.fx):
            self.plan_form.addRow(QLabel(), w)

        # tariffs
        self.tariff_box = QGroupBox()
        self.preset = QComboBox()
        self.preset.setObjectName("tariffPreset")
        self.apply_preset = QPushButton()
        self.apply_preset.setObjectName("applyTariffPreset")
        self.preset_source = QLabel()
        self.preset_source.setWordWrap(True)
        self.preset_source.setStyleSheet("color: #555555;")
        row = QHBoxLayout()
        row.addWidget(self.preset, 1)
        row.addWidget(self.apply_preset)
        self.current_tiers = QLabel()
        self.current_tiers.setObjectName("currentTariffs")
        self.current_tiers.setWordWrap(True)
        tariff_layout = QVBoxLayout(self.tariff_box)
        tariff_layout.addWidget(self.current_tiers)
        tariff_layout.addLayout(row)
        tariff_layout.addWidget(self.preset_source)

        # glide path, budgets, slots
        self.path_box = QGroupBox()
        self.cap_from = QDoubleSpinBox()
        self.cap_from.setObjectName("glideFrom")
        self.cap_to = QDoubleSpinBox()
        self.cap_to.setObjectName("glideTo")
        for w in (self.cap_from, self.cap_to):
            w.setRange(0, 100)
            w.setDecimals(1)
            w.setSuffix(" %")
        self.cap_from.setValue(60)
        self.cap_to.setValue(30)
        self.hold = QSpinBox()
        self.hold.setObjectName("glideHold")
        self.hold.setRange(0, 40)
        self.fill_path = QPushButton()
        self.fill_path.setObjectName("fillGlidePath")
        self.budget = QDoubleSpinBox()
        self.budget.setObjectName("fillBudget")
        self.budget.setRange(0, 1e12)
        self.budget.setDecimals(0)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setSingleStep(10000)
        self.budget.setValue(100000)
        self.slots = QSpinBox()
        self.slots.setObjectName("fillSlots")
        self.slots.setRange(0, 10000)
        self.slots.setValue(5)
        self.fill_limits = QPushButton()
        self.fill_limits.setObjectName("fillLimits")
        self.path_form = QFormLayout(self.path_box)
        for w in (self.cap_from, self.cap_to, self.hold, self.fill_path, self.budget):
            self.path_form.addRow(QLabel(), w)
        self.path_form.addRow(QLabel(), self.slots)
        self.path_form.addRow(QLabel(), self.fill_limits)

        layout = QVBoxLayout(body)
        layout.addWidget(self.plan_box)
        layout.addWidget(self.tariff_box)
        layout.addWidget(self.path_box)
        layout.addStretch(1)
        body.setMaximumWidth(900)

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
        self.preset.currentIndexChanged.connect(self._show_source)
        self.apply_preset.clicked.connect(self.apply_tariff_preset)
        self.fill_path.clicked.connect(self.fill_glide_path)
        self.fill_limits.clicked.connect(self.fill_budget_and_slots)
        doc.cells_changed.connect(self._sheet_changed)
        doc.rows_changed.connect(self._sheet_changed)
        self.retranslate()

    def _sheet_changed(self, sheet: str, *_: object) -> None:
        if sheet == "Settings":
            self.load()
        elif sheet == "Tariffs":
            self._show_tiers()

    def _show_tiers(self) -> None:
        """What the Tariffs sheet holds now (a preset replaces it)."""
        frame = self.doc.frame("Tariffs")
        tiers = []
        for share, rate in zip(frame["max_china_share"], frame["rate"], strict=False):
            s, r = _share(share, float("nan")), _share(rate, float("nan"))
            if s == s and r == r:  # both numbers
                tiers.append(
                    tr("up to {share}: {rate}").format(
                        share=i18n.pct(s, None), rate=i18n.pct(r, None)
                    )
                )
        text = "; ".join(tiers) if tiers else tr("none")
        self.current_tiers.setText(tr("In the Tariffs sheet now: {tiers}").format(tiers=text))
        # the box shows what the sheet holds: a preset only when its tiers are the sheet's
        matching = self._matching_preset()
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(max(0, self.preset.findData(matching or OWN_TIERS)))
        self.preset.blockSignals(False)
        self._show_source()

    def _matching_preset(self) -> str | None:
        """The preset whose rows the Tariffs sheet holds, if any (shares, rates, origins and
        the periods a schedule starts from, in any order)."""
        frame = self.doc.frame("Tariffs")
        periods = [str(p) for p in self.doc.frame("Periods")["period"] if str(p)]

        def column(name: str) -> list[object]:
            return list(frame[name]) if name in frame.columns else [None] * len(frame)

        def row(share: object, rate: object, origin: object, start: object, product: object):
            if not parse.is_blank(product):
                return None  # a product's own schedule: no preset has one
            text = "" if parse.is_blank(origin) else str(origin).strip()
            return (
                round(_share(share, float("nan")), 9),
                round(_share(rate, float("nan")), 9),
                text or "any",
                "" if parse.is_blank(start) else str(start).strip(),
            )

        cells = zip(
            column("max_china_share"),
            column("rate"),
            column("origin"),
            column("from_period"),
            column("product_id"),
            strict=True,
        )
        sheet = [row(*c) for c in cells]
        if None in sheet:
            return None
        for preset in PRESETS:
            rows = [
                row(r["max_china_share"], r["rate"], r["origin"], r["from_period"], None)
                for r in preset.rows(periods)
            ]
            if sorted(rows) == sorted(sheet):  # type: ignore[type-var]
                return preset.key
        return None

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
            self.time_limit.setValue(int(_number(setting_value(self.doc, "time_limit_s"), 60)))
            self.basis.setCurrentIndex(
                max(0, self.basis.findData(str(setting_value(self.doc, "content_basis"))))
            )
            rvc = setting_value(self.doc, "rvc_min")
            self.rvc.setValue(0 if parse.is_blank(rvc) else 100 * _share(rvc, 0))
            self.drop.setValue(100 * _share(setting_value(self.doc, "incumbent_max_drop"), 1))
            fx = setting_value(self.doc, "fx_vnd_per_usd")
            self.fx.setValue(0 if parse.is_blank(fx) else _number(fx, 0))
        finally:
            self._loading = False

    def apply_tariff_preset(self) -> None:
        if self.preset.currentData() not in PRESET_BY_KEY:
            return  # the sheet's own tiers: nothing to apply
        preset = PRESET_BY_KEY[self.preset.currentData()]
        periods = [str(p) for p in self.doc.frame("Periods")["period"] if str(p)]
        self.doc.undo.push(
            ReplaceSheet(
                self.doc,
                "Tariffs",
                preset.rows(periods),
                tr("Apply the tariff preset: {name}").format(name=preset.name.get(i18n.current())),
            )
        )

    def _replaces_own(self, columns: list[str], values: dict[str, list[object]]) -> bool:
        """True when filling would change values the project already has, and the user says so
        is fine (a fill never overwrites the project's own budgets without asking)."""
        frame = self.doc.frame("Periods")
        own = [
            c
            for c in columns
            if any(
                not parse.is_blank(old) and old != new
                for old, new in zip(frame[c], values[c], strict=False)
            )
        ]
        if not own:
            return True
        names = ", ".join(column_label(c) for c in own)
        return dialogs.ask_yes_no(
            self,
            tr("Replace the project's own values?"),
            tr("The Periods sheet already has values in: {names}. Replace them?").format(
                names=names
            ),
        )

    def _period_column(self, column: str, values: list[object], text: str) -> None:
        frame = self.doc.frame("Periods")
        changes = [
            (pos, column, frame[column].iloc[pos], value)
            for pos, value in enumerate(values)
            if frame[column].iloc[pos] != value
        ]
        if changes:
            self.doc.undo.push(SetCells(self.doc, "Periods", changes, text))

    def fill_glide_path(self) -> None:
        n = len(self.doc.frame("Periods"))
        caps = glide_path(
            n, self.cap_from.value() / 100, self.cap_to.value() / 100, self.hold.value()
        )
        if self._replaces_own(["china_cap"], {"china_cap": caps}):
            self._period_column("china_cap", caps, tr("Fill the glide path"))

    def fill_budget_and_slots(self) -> None:
        n = len(self.doc.frame("Periods"))
        values = {
            "budget": [self.budget.value()] * n,
            "max_new_qualifications": [self.slots.value()] * n,
        }
        if not self._replaces_own(list(values), values):
            return
        self.doc.undo.beginMacro(tr("Fill budgets and qualification slots"))
        self._period_column("budget", values["budget"], tr("Fill budgets"))
        self._period_column(
            "max_new_qualifications",
            values["max_new_qualifications"],
            tr("Fill qualification slots"),
        )
        self.doc.undo.endMacro()

    def _show_source(self) -> None:
        key = self.preset.currentData()
        self.apply_preset.setEnabled(key in PRESET_BY_KEY)
        if key == OWN_TIERS:
            self.preset_source.setText(
                tr("The Tariffs sheet holds its own tiers; choose a preset to replace them.")
            )
        elif key in PRESET_BY_KEY:
            preset = PRESET_BY_KEY[key]
            tiers = "; ".join(
                tr("up to {share}: {rate}").format(share=i18n.pct(s, None), rate=i18n.pct(r, None))
                + ("" if origin == "any" else f" ({origin})")
                for s, r, origin in preset.tiers
            )
            lang = i18n.current()
            self.preset_source.setText(
                f"{tiers}\n{preset.status.get(lang)} {preset.source.get(lang)}"
            )

    def retranslate(self) -> None:
        lang = i18n.current()
        self.plan_box.setTitle(tr("The plan"))
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
            self.plan_form.itemAt(k, QFormLayout.LabelRole).widget().setText(text)
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
        self.tariff_box.setTitle(tr("Tariff on US-bound units"))
        current = self.preset.currentData()
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(tr("The Tariffs sheet's own tiers"), OWN_TIERS)
        for p in PRESETS:
            self.preset.addItem(p.name.get(lang), p.key)
        self.preset.setCurrentIndex(max(0, self.preset.findData(current)))
        self.preset.blockSignals(False)
        self.apply_preset.setText(tr("Apply to the Tariffs sheet"))
        self._show_tiers()
        self._show_source()
        self.path_box.setTitle(tr("Glide path, budgets and slots for every period"))
        path_labels = [
            tr("Chinese share cap, first period"),
            tr("Chinese share cap, last period"),
            tr("Periods to hold the first cap"),
            "",
            tr("One-time budget per period (USD)"),
            tr("Qualification slots per period"),
            "",
        ]
        for k, text in enumerate(path_labels):
            self.path_form.itemAt(k, QFormLayout.LabelRole).widget().setText(text)
        self.fill_path.setText(tr("Fill the glide path into Periods"))
        self.fill_limits.setText(tr("Fill budgets and slots into Periods"))
        self.load()
        self.plan_box.setAlignment(Qt.AlignLeft)
