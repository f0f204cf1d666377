"""Record what happened while the plan ran: one event of the Actuals sheet (planner.record.
actuals) through a form, appended to the sheet as one undoable edit.

The lists come from the project's own sheets and follow the event: a qualification names a
part and a supplier with an offer for it, an award the part's incumbent too, an onboarding a
supplier only, a late supplier any supplier with offers (a part only to delay that one). The
value's label says what it is for the event (the share bought, the periods late); the sheet's
check reads it as every other cell.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.io.parse import ParseError, clean_text
from planner.record.actuals import NEEDS_PART, USES_VALUE, event_value
from ui import i18n
from ui.commands import AddRows
from ui.document import ProjectDocument
from ui.i18n import tr

SHEET = "Actuals"


def event_titles() -> dict[str, str]:
    """Each event's code as the form lists it, in the app's language."""
    return {
        "onboarded": tr("Supplier onboarded"),
        "qualification_started": tr("Qualification started"),
        "qualification_done": tr("Qualification done"),
        "qualification_failed": tr("Qualification failed"),
        "award": tr("Award (share bought)"),
        "supplier_late": tr("Supplier late"),
    }


def _ids(doc: ProjectDocument, sheet: str, column: str) -> list[str]:
    """The ids a sheet's column holds, in order, once each, blanks left out."""
    frame = doc.frame(sheet)
    if column not in frame.columns:
        return []
    return list(dict.fromkeys(v for v in (clean_text(c) for c in frame[column]) if v))


class ActualsForm(QDialog):
    """One event: its kind, period, part, supplier, value and note."""

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actualsForm")
        self.doc = doc
        offers = doc.frame("Offers")
        comps = doc.frame("Components")
        pairs = zip(
            (clean_text(c) for c in offers.get("component_id", [])),
            (clean_text(s) for s in offers.get("supplier_id", [])),
            strict=True,
        )
        self.offered = [(c, s) for c, s in pairs if c and s]
        self.incumbent = {
            clean_text(c): clean_text(s)
            for c, s in zip(
                comps.get("component_id", []), comps.get("current_supplier", []), strict=True
            )
        }
        # the event's combo is `kind`: `event` would hide QObject.event, which Qt calls
        self.kind = self._combo("actualsEvent")
        for code, title in event_titles().items():
            self.kind.addItem(title, code)
        self.period = self._combo("actualsPeriod")
        for period in _ids(doc, "Periods", "period"):
            self.period.addItem(period, period)
        self.part = self._combo("actualsPart")
        self.supplier = self._combo("actualsSupplier")
        self.value = QLineEdit()
        self.value.setObjectName("actualsValue")
        self.note = QLineEdit()
        self.note.setObjectName("actualsNote")
        self.message = QLabel()
        self.message.setObjectName("actualsMessage")
        self.message.setWordWrap(True)
        self._layout()
        self.kind.currentIndexChanged.connect(self._event_changed)
        self.part.currentIndexChanged.connect(self._fill_suppliers)
        self._event_changed()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        return combo

    def _layout(self) -> None:
        self.labels = {key: QLabel() for key in ("event", "period", "part", "supplier", "note")}
        self.value_label = QLabel()
        form = QFormLayout()
        form.addRow(self.labels["event"], self.kind)
        form.addRow(self.labels["period"], self.period)
        form.addRow(self.labels["part"], self.part)
        form.addRow(self.labels["supplier"], self.supplier)
        form.addRow(self.value_label, self.value)
        form.addRow(self.labels["note"], self.note)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("OK"), QDialogButtonBox.AcceptRole)
        self.ok.setObjectName("actualsOk")
        buttons.addButton(tr("Cancel"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setWindowTitle(tr("Record an event"))
        self.labels["event"].setText(tr("Event"))
        self.labels["period"].setText(tr("Period"))
        self.labels["part"].setText(tr("Part"))
        self.labels["supplier"].setText(tr("Supplier"))
        self.labels["note"].setText(tr("Note"))

    # the lists follow the event --------------------------------------------------------------
    @property
    def code(self) -> str:
        return str(self.kind.currentData() or "")

    def _event_changed(self) -> None:
        code = self.code
        self.part.blockSignals(True)
        self.part.clear()
        if code == "supplier_late":
            self.part.addItem(tr("(every part it is qualifying)"), "")
        if code == "award":
            parts = _ids(self.doc, "Components", "component_id")
        elif code != "onboarded":
            parts = list(dict.fromkeys(c for c, _ in self.offered))
        else:
            parts = []
        for part in parts:
            self.part.addItem(part, part)
        self.part.setEnabled(code != "onboarded")
        self.part.blockSignals(False)
        uses = code in USES_VALUE
        self.value.setEnabled(uses)
        if not uses:
            self.value.clear()
        self.value_label.setText(
            tr("Share bought") if code == "award" else tr("Periods late") if uses else tr("Value")
        )
        self.value.setPlaceholderText("60%" if code == "award" else "1" if uses else "")
        self._fill_suppliers()

    def _fill_suppliers(self) -> None:
        """The suppliers the event can name for the part chosen."""
        code, part = self.code, str(self.part.currentData() or "")
        if code == "onboarded":
            incumbents = set(self.incumbent.values())
            names = [s for s in _ids(self.doc, "Suppliers", "supplier_id") if s not in incumbents]
        elif part:
            names = [s for c, s in self.offered if c == part]
            if code == "award" and self.incumbent.get(part):
                names.insert(0, self.incumbent[part])
        else:
            names = [s for _, s in self.offered]
        self.supplier.clear()
        for name in dict.fromkeys(names):
            self.supplier.addItem(name, name)

    # the row ---------------------------------------------------------------------------------
    def row(self) -> dict[str, object]:
        """The Actuals row the form holds (cells as typed: the sheet's check reads them)."""
        code = self.code
        part = self.part.currentData() if code != "onboarded" else None
        return {
            "period": self.period.currentData(),
            "event": code,
            "component_id": part or None,
            "supplier_id": self.supplier.currentData(),
            "value": self.value.text().strip() or None,
            "note": self.note.text().strip() or None,
        }

    def problem(self) -> str:
        """What stops the row being recorded, in the app's language ('' when nothing)."""
        row = self.row()
        if not row["period"] or not row["supplier_id"]:
            return tr("Choose a period and a supplier.")
        if self.code in NEEDS_PART and not row["component_id"]:
            return tr("Choose a part.")
        if self.code in USES_VALUE and row["value"] is None:
            return self.value_label.text() + ": " + tr("required.")
        try:
            event_value(self.code, row["value"])
        except ParseError as exc:
            return exc.reason.get(i18n.current())
        return ""

    def accept(self) -> None:
        """Append the row to the Actuals sheet as one undoable edit, then close."""
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        command = AddRows(self.doc, SHEET, [self.row()], tr("record an event"))
        self.doc.undo.push(command)
        super().accept()
