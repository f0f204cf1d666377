"""Scenarios in the app (issue 12): the list's edits as undo steps, the what-if form's rows,
planning scenarios side by side with the comparison (differences tinted, an infeasible
scenario explained in its column), the Comparison sheet of the plan workbook, the trade-off
curve and a stress test of the plan shown."""

from __future__ import annotations

import copy

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import SMALL, open_and_wait, write_book
from ui.scenario_models import DIFFERS

LIMIT = 4  # seconds per scenario: the small project plans in well under one


@pytest.fixture
def scen_path(tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["no tariff", "Tariffs", "", "rate", 0],
        ["impossible", "Periods", "2027-Q1", "china_cap", 0.01],
    ]
    return write_book(sheets, tmp_path / "scen.xlsx")


def page_of(window):
    window.show_page_named("scenarios")
    page = window.stack.currentWidget()
    assert page.objectName() == "scenariosPage"
    return page


def rows(window):
    frame = window.doc.frame("Scenarios")
    return [
        [frame[c].iloc[i] for c in ("scenario", "sheet", "row_id", "column", "value")]
        for i in range(len(frame))
    ]


def test_add_duplicate_rename_delete_are_undoable(qtbot, window, scen_path, monkeypatch):
    open_and_wait(qtbot, window, scen_path)
    page = page_of(window)
    assert page.scenarios.names() == ["base", "no tariff", "impossible"]
    assert page.scenarios.list.item(0).text().startswith("base")
    undo = window.doc.undo

    added = page.scenarios.add_scenario()
    assert added == "New scenario" and page.scenarios.names()[-1] == "New scenario"
    assert page.scenarios.list.count() == 4 and page.scenarios.current() == "New scenario"

    page.scenarios.select("no tariff")
    copy_name = page.scenarios.duplicate_scenario()
    assert copy_name == "no tariff (copy)"
    assert ["no tariff (copy)", "Tariffs", None, "rate", 0] in rows(window)

    monkeypatch.setattr(page.scenarios, "ask_name", lambda *a: "zero duty")
    page.scenarios.select("no tariff")
    assert page.scenarios.rename_scenario()
    assert "zero duty" in page.scenarios.names() and "no tariff" not in page.scenarios.names()

    page.scenarios.select("impossible")
    assert page.scenarios.delete_scenario()
    assert "impossible" not in page.scenarios.names()
    assert undo.undoText() == "Delete the scenario impossible"

    undo.undo()  # the delete
    assert "impossible" in page.scenarios.names()
    undo.undo()  # the rename
    assert "no tariff" in page.scenarios.names() and "zero duty" not in page.scenarios.names()
    undo.undo()
    undo.undo()
    assert page.scenarios.names() == ["base", "no tariff", "impossible"]
    page.scenarios.select("base")
    assert not page.scenarios.delete_scenario() and not page.scenarios.rename_scenario()


def test_what_if_form_writes_override_rows(qtbot, window, scen_path):
    open_and_wait(qtbot, window, scen_path)
    page = page_of(window)
    before = len(rows(window))
    page.scenarios.select("base")  # a new scenario named after the what-if
    page.what_if.kind.setCurrentIndex(page.what_if.kind.findData("budget"))
    page.what_if.percent.setValue(-20)
    assert page.what_if.add_what_if() == "Budgets -20%"
    page.what_if.kind.setCurrentIndex(page.what_if.kind.findData("lead"))
    page.what_if.supplier.setCurrentIndex(page.what_if.supplier.findData("BN-PCB"))
    page.what_if.periods.setValue(2)
    page.what_if.add_what_if()  # into the scenario selected: Budgets -20%
    page.what_if.kind.setCurrentIndex(page.what_if.kind.findData("capacity"))
    page.what_if.percent.setValue(30)
    page.what_if.add_what_if()
    page.scenarios.select("base")
    page.what_if.kind.setCurrentIndex(page.what_if.kind.findData("volume"))
    page.what_if.product.setCurrentIndex(page.what_if.product.findData("VR1"))
    page.what_if.percent.setValue(15)
    assert page.what_if.add_what_if() == "VR1 volume +15%"
    page.scenarios.select("base")
    page.what_if.kind.setCurrentIndex(page.what_if.kind.findData("tariff"))
    page.what_if.preset.setCurrentIndex(page.what_if.preset.findData("reciprocal_2025"))
    tariff = page.what_if.add_what_if()
    new = rows(window)[before:]
    assert new == [
        ["Budgets -20%", "Periods", "", "budget", "*0.8"],
        ["Budgets -20%", "Offers", "*/BN-PCB", "lead_periods", "+2"],
        ["Budgets -20%", "Suppliers", "BN-PCB", "capacity_per_period", "*0.7"],
        ["VR1 volume +15%", "Products", "VR1", "units_per_period", "*1.15"],
        [tariff, "Tariffs", "", "rate", 0.46],
    ]
    assert page.sheet.table.table.sheet_model.rowCount() == before + 5  # the sheet, editable
    # every row the form wrote is a valid override: no problem reported once checked
    qtbot.waitUntil(lambda: window.validation.scenarios_current, timeout=60_000)
    assert page.sheet.problems.problems_model.rowCount() == 0


def test_bad_override_is_shown_with_its_row_and_column(qtbot, window, tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["typo", "Offers", "*/NOBODY", "lead_periods", "+1"],
    ]
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "bad.xlsx"))
    page = page_of(window)
    model = page.sheet.problems.problems_model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=60_000)
    p = model.problems[0]
    assert (p.sheet, p.row, p.column) == ("Scenarios", 2, "row_id")


def test_plan_scenarios_side_by_side_and_export(qtbot, window, scen_path, tmp_path):
    open_and_wait(qtbot, window, scen_path)
    page = page_of(window)
    with qtbot.waitSignal(page.compare.compared, timeout=120_000) as done:
        assert page.plan_scenarios(time_limit=LIMIT)
        assert page.compare.plan_all.isEnabled() is False  # the window goes on while they plan
        assert set(page.compare.run_rows) == {"base", "no tariff", "impossible"}
    view = done.args[0]
    assert view.names == ["base", "no tariff", "impossible"]
    summary = page.compare.compare_models["summary"]
    headers = [summary.headerData(j, Qt.Horizontal) for j in range(summary.columnCount())]
    assert headers[1:] == ["base", "no tariff", "impossible"]
    labels = [summary.index(i, 0).data() for i in range(summary.rowCount())]
    tariff = labels.index("Tariff borne")
    assert summary.index(tariff, 2).data() == "$0"
    assert summary.index(tariff, 2).data(Qt.BackgroundRole) == DIFFERS  # differs from base
    assert summary.index(tariff, 1).data(Qt.BackgroundRole) != DIFFERS
    assert summary.index(labels.index("Status"), 3).data() == "no plan"
    why = summary.index(labels.index("Why no plan"), 3).data()
    assert "2027-Q1" in why
    assert page.compare.run_rows["impossible"].text.text() == "no plan"

    # printable: the comparison as its own A4 document, painted like the phase plan
    from planner.scenarios.view import comparison_story
    from ui.printing import write_story_pdf

    assert page.compare.print_button.isEnabled()
    assert write_story_pdf(comparison_story(view, "scen.xlsx"), tmp_path / "cmp.pdf") >= 1

    # the plan workbook gets a Comparison sheet
    from tests.ui.test_planning import plan_and_wait

    plan_and_wait(qtbot, window)
    out = tmp_path / "plan.xlsx"
    with qtbot.waitSignal(window.exports.finished, timeout=120_000):
        window.exports.write_excel(out)
    wb = openpyxl.load_workbook(out)
    assert "Comparison" in wb.sheetnames
    cells = [c for r in wb["Comparison"].iter_rows(values_only=True) for c in r if c]
    assert "no tariff" in cells and "Why no plan" in cells


def test_trade_off_curve_has_a_point_per_target(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    page = page_of(window)
    curve = page.curve
    curve.start_at.setValue(50)
    curve.stop_at.setValue(40)
    curve.step.setValue(5)
    curve.limit.setValue(LIMIT)
    assert curve.finals() == [0.5, 0.45, 0.4]
    assert curve.start()
    qtbot.waitUntil(lambda: curve.curve is not None, timeout=120_000)
    assert curve.points_model.rowCount() == 3
    assert len(curve.chart.points) == len(curve.curve.planned) >= 2
    row = curve.chart.points[-1][2]
    curve.chart.choose(row)
    assert curve.points_model.rows[row][0] in curve.point.text()
    assert curve.break_model.rowCount() >= 1  # the break-even table


def test_cancelling_the_curve_still_shows_its_points(qtbot, window, small_path):
    """Cancel asks the curve to stop, it does not kill it: the answer still comes, a point per
    target (those not planned yet say so), and the curve can be planned again."""
    open_and_wait(qtbot, window, small_path)
    curve = page_of(window).curve
    curve.start_at.setValue(50)
    curve.stop_at.setValue(40)
    curve.step.setValue(5)
    curve.limit.setValue(600)  # only the Cancel ends it in time
    assert curve.start()
    qtbot.mouseClick(curve.cancel, Qt.LeftButton)
    assert not curve.cancel.isEnabled()
    qtbot.waitUntil(lambda: curve.curve is not None, timeout=120_000)
    assert curve.points_model.rowCount() == 3
    assert set(curve.curve.points["status"]) <= {"optimal", "feasible", "no_plan"}
    qtbot.waitUntil(lambda: curve.run.isEnabled(), timeout=60_000)


def test_stress_test_replans_the_plan(qtbot, window, small_path):
    from tests.ui.test_planning import plan_and_wait
    from ui.stress_dialog import StressDialog

    open_and_wait(qtbot, window, small_path)
    plan_and_wait(qtbot, window)
    dialog = StressDialog(window)
    dialog.supplier.setCurrentIndex(dialog.supplier.findData("BN-PCB"))
    dialog.slip.setValue(1)
    dialog.until.setCurrentIndex(0)
    dialog.limit.setValue(LIMIT)
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=120_000)
    assert dialog.view.names[0] == "Plan as it is"
    assert dialog.models["summary"].columnCount() == 3
    assert dialog.status.text()
    # Cancel ends a replan at once, says so, and leaves the plan shown as it was
    shown = window.planning.plan
    qtbot.waitUntil(lambda: dialog.run.isEnabled(), timeout=60_000)
    assert not dialog.cancel.isEnabled()
    assert dialog.start() and dialog.cancel.isEnabled()
    qtbot.mouseClick(dialog.cancel, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.run.isEnabled(), timeout=60_000)
    assert dialog.status.text() == "Stress test cancelled; the plan shown is unchanged."
    assert window.planning.plan is shown and not dialog.cancel.isEnabled()
    dialog.close()
