"""The plan of record in the app: approve the plan shown, and on reopening the project it is
shown at once, priced without planning and checked; an input changed since says so."""

from __future__ import annotations

import openpyxl

from planner.io.read import read_project
from planner.record.workbook import record_of
from tests.ui.conftest import open_and_wait
from tests.ui.test_planning import plan_and_wait
from ui import dialogs


def approve_as(qtbot, window, name: str, note: str = "") -> None:
    def fill(dialog) -> bool:
        dialog.by.setText(name)
        dialog.note.setPlainText(note)
        dialog.accept()
        return True

    window.run_dialog = fill
    with qtbot.waitSignal(window.saves.saved, timeout=60_000) as saved:
        window.actions.approve.trigger()
    assert saved.args[0] is not None


def reopen(qtbot, window, path):
    with qtbot.waitSignal(window.records.shown, timeout=60_000) as shown:
        open_and_wait(qtbot, window, path)
    return shown.args[0]


def test_approve_then_reopen_shows_the_plan_of_record_without_planning(
    qtbot, window, small_path, monkeypatch
):
    monkeypatch.setattr(dialogs, "ask_replace_workbook", lambda *a, **k: dialogs.REPLACE)
    open_and_wait(qtbot, window, small_path)
    assert not window.actions.approve.isEnabled()  # nothing planned yet
    plan = plan_and_wait(qtbot, window)
    assert window.actions.approve.isEnabled()
    approve_as(qtbot, window, "Director Lan", "phase 1 as discussed")
    assert not window.actions.approve.isEnabled()  # it is the plan of record now
    banner = window.plan_page.record
    assert banner.isVisible() and "version 1" in banner.text()
    record = record_of(read_project(small_path))
    assert record.latest.approved_by == "Director Lan"
    assert record.latest.note == "phase 1 as discussed"

    planned = []
    window.plan_finished.connect(planned.append)
    standing = reopen(qtbot, window, small_path)
    assert planned == []  # shown without planning
    assert standing is not None and standing.current and standing.version.number == 1
    shown = window.planning.plan
    assert shown.verified and shown.backend == "record"
    assert abs(shown.total_cost - plan.total_cost) < 1e-6
    assert window.stack.currentWidget() is window.plan_page
    assert "version 1" in window.plan_page.record.text()
    assert "Director Lan" in window.plan_page.record.text()
    assert window.actions.export_excel.isEnabled()
    assert window.actions.replan.isEnabled() and not window.actions.approve.isEnabled()

    # an input changed outside the app: the plan of record is out of date, the row named
    wb = openpyxl.load_workbook(small_path)
    wb["Offers"]["C2"] = 5.25
    wb.save(small_path)
    standing = reopen(qtbot, window, small_path)
    assert not standing.current
    text = window.plan_page.record.text()
    assert "Out of date against its inputs" in text and "Offers row 2" in text
    assert window.plan_page.record_out_of_date
