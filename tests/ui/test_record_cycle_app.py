"""The plan of record's cycle in the app, on the sample: plan and approve v1, reopen it (shown
without planning, checked), record a late supplier and a failed qualification with the form,
re-plan through 2027-Q2, approve v2, see what changed on the Plan of record page, and export
the plan with its changes."""

from __future__ import annotations

import shutil

import openpyxl

from planner.io.read import read_project
from planner.record.workbook import record_of
from tests.ui.conftest import SAMPLE, open_and_wait
from tests.ui.test_plan_of_record_app import approve_as, reopen
from tests.ui.test_planning import plan_and_wait
from ui import dialogs
from ui.actuals_form import ActualsForm
from ui.pages import RECORD
from ui.replan_dialog import ReplanDialog

EVENTS = [
    ("2027-Q1", "qualification_started", "LED-IR-CT", "TW-NEIHU-SEMI", "", "as planned"),
    ("2027-Q2", "supplier_late", "LED-IR-CT", "TW-NEIHU-SEMI", "1", "samples late"),
    ("2027-Q2", "qualification_failed", "CAM-RGB-16M", "KR-SEOGWANG-OPTO", "", "image quality"),
]


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, (combo.objectName(), data)
    combo.setCurrentIndex(index)


def record_event(window, period, event, part, supplier, value, note) -> None:
    def fill(dialog) -> bool:
        assert isinstance(dialog, ActualsForm)
        _choose(dialog.kind, event)
        _choose(dialog.period, period)
        _choose(dialog.part, part)
        _choose(dialog.supplier, supplier)
        if value:
            dialog.value.setText(value)
        dialog.note.setText(note)
        dialog.accept()
        return dialog.result() == ActualsForm.Accepted

    window.run_dialog = fill
    window.actions.record_event.trigger()


def test_the_plan_of_record_cycle_in_the_app(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_replace_workbook", lambda *a, **k: dialogs.REPLACE)
    failures = []
    monkeypatch.setattr(dialogs, "error", lambda *a, **k: failures.append(a[1:]))
    book = shutil.copy(SAMPLE, tmp_path / "project.xlsx")
    wb = openpyxl.load_workbook(book)
    settings = wb["Settings"]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "time_limit_s":
            row[1].value = 10  # the plan the sample's re-plan test starts from
    wb.save(book)
    open_and_wait(qtbot, window, book)
    v1 = plan_and_wait(qtbot, window)
    approve_as(qtbot, window, "Director Lan", "phase 1")

    standing = reopen(qtbot, window, book)
    assert standing.current and window.planning.plan.backend == "record"
    assert abs(window.planning.plan.total_cost - v1.total_cost) < 0.01

    for event in EVENTS:
        record_event(window, *event)
    assert len(window.doc.frame("Actuals")) == 3
    assert window.actions.replan.isEnabled()

    def choose(dialog) -> bool:
        assert isinstance(dialog, ReplanDialog)
        dialog.through.setCurrentText("2027-Q2")
        dialog.limit.setValue(15)
        return True

    window.run_dialog = choose
    with qtbot.waitSignal(window.records.replan_finished, timeout=180_000) as ended:
        window.actions.replan.trigger()
    assert ended.args[0] is not None
    plan = window.planning.plan
    assert plan.verified and plan.summary.kept_until == "2027-Q2"
    banner = window.plan_page.record.text()
    assert "Re-planned from what happened through 2027-Q2" in banner and "$48,000" in banner
    assert window.actions.approve.isEnabled()
    approve_as(qtbot, window, "Director Lan", "after Q2")
    record = record_of(read_project(book))
    assert [v.number for v in record.versions] == [1, 2]
    assert record.latest.through == "2027-Q2" and record.latest.sunk_cost == 48_000

    # the Plan of record page: v2 against v1
    window.pages.show(RECORD)
    page = window.pages.page(RECORD)
    page.refresh()
    assert page.versions.model.rowCount() == 2
    _choose(page.new, 2)
    _choose(page.old, 1)
    with qtbot.waitSignal(page.compared, timeout=120_000):
        page.compare.click()
    parts = page.views["changes_parts"].model
    cells = [parts.index(i, 0).data() for i in range(parts.rowCount())]
    assert "CAM-RGB-16M" in cells and "LED-IR-CT" in cells
    assert "$48,000" in page.headline.text()

    # the exported workbook has what changed since v1 (the plan shown is v2 itself)
    out = tmp_path / "plan.xlsx"
    with qtbot.waitSignal(window.exports.finished, timeout=120_000) as written:
        assert window.exports.write_excel(out)
    assert written.args == [out, True], failures
    sheet = openpyxl.load_workbook(out, read_only=True)["Plan changes"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "CAM-RGB-16M" in cells
