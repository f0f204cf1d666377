"""Plan > Record an event…: the form lists what the event can name, appends one row to the
Actuals sheet as one undoable edit, and the sheet's page shows it."""

from __future__ import annotations

from planner.io.parse import clean_text
from tests.ui.conftest import SAMPLE, open_and_wait
from ui.actuals_form import ActualsForm


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, (combo.objectName(), data)
    combo.setCurrentIndex(index)


def test_record_a_late_supplier_and_undo_it(qtbot, window):
    open_and_wait(qtbot, window, SAMPLE)
    doc = window.doc
    assert len(doc.frame("Actuals")) == 0
    offers = doc.frame("Offers")
    part, supplier = (
        clean_text(offers["component_id"].iloc[0]),
        clean_text(offers["supplier_id"].iloc[0]),
    )
    seen = {}

    def fill(dialog) -> bool:
        assert isinstance(dialog, ActualsForm) and dialog.objectName() == "actualsForm"
        seen["form"] = dialog
        _choose(dialog.kind, "supplier_late")
        assert dialog.value_label.text() == "Periods late" and dialog.value.isEnabled()
        assert dialog.part.itemData(0) == ""  # every part of the supplier, or one
        _choose(dialog.period, "2027-Q2")
        _choose(dialog.part, part)
        suppliers = [dialog.supplier.itemData(i) for i in range(dialog.supplier.count())]
        assert supplier in suppliers
        assert set(suppliers) <= set(offers.loc[offers["component_id"] == part, "supplier_id"])
        _choose(dialog.supplier, supplier)
        dialog.value.setText("0")
        dialog.accept()  # refused: 0 periods late
        assert "1 or more" in dialog.message.text()
        dialog.value.setText("2")
        dialog.note.setText("samples late")
        dialog.accept()
        return dialog.result() == ActualsForm.Accepted

    window.run_dialog = fill
    window.actions.record_event.trigger()
    rows = doc.frame("Actuals")
    assert len(rows) == 1
    assert rows.iloc[0].to_dict() == {
        "period": "2027-Q2",
        "event": "supplier_late",
        "component_id": part,
        "supplier_id": supplier,
        "value": "2",
        "note": "samples late",
    }
    assert window.isWindowModified()
    assert window.pages.stack.currentWidget() is window.panels["Actuals"]
    doc.revalidate()
    assert doc.validation.ok, [p.format() for p in doc.validation.errors]
    assert doc.validation.project.tables["Actuals"]["value"].tolist() == [2.0]
    doc.undo.undo()
    assert len(doc.frame("Actuals")) == 0


def test_the_lists_follow_the_event(qtbot, window):
    open_and_wait(qtbot, window, SAMPLE)
    form = ActualsForm(window.doc, window)
    qtbot.addWidget(form)
    _choose(form.kind, "onboarded")
    assert not form.part.isEnabled() and not form.value.isEnabled()
    comps = window.doc.frame("Components")
    incumbents = {clean_text(s) for s in comps["current_supplier"]}
    listed = {form.supplier.itemData(i) for i in range(form.supplier.count())}
    assert listed and not listed & incumbents  # only new suppliers are onboarded
    _choose(form.kind, "award")
    assert form.value_label.text() == "Share bought"
    part = clean_text(comps["component_id"].iloc[0])
    _choose(form.part, part)
    incumbent = clean_text(comps["current_supplier"].iloc[0])
    assert form.supplier.itemData(0) == incumbent
    assert form.windowTitle() == "Record an event"
