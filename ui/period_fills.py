"""Quick fills for every period of the Periods sheet: a glide path of Chinese share caps, and
the same one-time budget and qualification slots per period. A fill asks before it replaces
values the project already has, and is one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QPushButton, QSpinBox

from planner.io import parse
from planner.presets import glide_path
from ui import dialogs, i18n
from ui.commands import SetCells
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.labels import column_label


class PeriodFillsBox(QGroupBox):
    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
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
        self.form = QFormLayout(self)
        for w in (self.cap_from, self.cap_to, self.hold, self.fill_path, self.budget):
            self.form.addRow(QLabel(), w)
        self.form.addRow(QLabel(), self.slots)
        self.form.addRow(QLabel(), self.fill_limits)
        self.fill_path.clicked.connect(self.fill_glide_path)
        self.fill_limits.clicked.connect(self.fill_budget_and_slots)

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

    def retranslate(self) -> None:
        self.setTitle(tr("Glide path, budgets and slots for every period"))
        labels = [
            tr("Chinese share cap, first period"),
            tr("Chinese share cap, last period"),
            tr("Periods to hold the first cap"),
            "",
            tr("One-time budget per period ({currency})").format(currency=i18n.project_currency()),
            tr("Qualification slots per period"),
            "",
        ]
        for k, text in enumerate(labels):
            self.form.itemAt(k, QFormLayout.LabelRole).widget().setText(text)
        self.fill_path.setText(tr("Fill the glide path into Periods"))
        self.fill_limits.setText(tr("Fill budgets and slots into Periods"))
