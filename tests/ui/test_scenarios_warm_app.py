"""One plan, the same everywhere, in the app: editing the Scenarios sheet leaves the plan
current, the comparison's base is the plan shown (not planned again), a cheaper scenario plan
that meets the base becomes the plan shown, and the trade-off curve says what a target means
and why a target has no plan."""

from __future__ import annotations

import copy

from tests.ui.conftest import SMALL, open_and_wait, write_book
from tests.ui.test_planning import plan_and_wait
from tests.ui.test_scenarios_page import LIMIT, page_of


def test_editing_the_scenarios_sheet_leaves_the_plan_current(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    plan_and_wait(qtbot, window)
    page = page_of(window)
    assert not window.planning.stale
    page.scenarios.add_scenario()  # an undo step on the Scenarios sheet
    page.scenarios.duplicate_scenario()
    assert not window.planning.stale and window.plan_page.banner.isHidden()
    model = window.panels["Offers"].table.sheet_model
    model.setData(model.index(0, list(model.frame.columns).index("unit_price")), "5")
    assert window.planning.stale  # an input of the base: out of date
    window.actions.undo.trigger()
    assert not window.planning.stale
    window.actions.undo.trigger()  # undoing a Scenarios step: still current
    assert not window.planning.stale


def test_the_comparison_starts_from_the_plan_shown(qtbot, window, tmp_path):
    """The base is the plan shown (not planned again); every column reads its difference
    from it against both gaps, and why."""
    sheets = copy.deepcopy(SMALL)
    sheets["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["flat", "Tariffs", "", "rate", 0.1],
    ]
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "shown.xlsx"))
    shown = plan_and_wait(qtbot, window)
    assert shown.has_plan and shown.status.value == "optimal"
    page = page_of(window)
    assert page.compare.shown_plan() is shown
    with qtbot.waitSignal(page.compare.compared, timeout=120_000) as done:
        assert page.plan_scenarios(time_limit=LIMIT)
    assert page.compare.runner.results["base"].plan is shown  # not planned again
    assert window.planning.plan is shown
    view = done.args[0]
    assert view.names == ["base", "flat"]
    cells = {r[0]: r[1:] for r in view.table("summary").cells}
    assert cells["Difference from the base"][1].startswith("−$")
    assert cells["Why it differs"][1].startswith("Mostly the duty")
    assert "Optimality gap" in cells
    # out of date, the plan shown is no base: the comparison plans the base itself
    model = window.panels["Offers"].table.sheet_model
    model.setData(model.index(0, list(model.frame.columns).index("unit_price")), "5")
    assert page.compare.shown_plan() is None


def test_a_cheaper_scenario_plan_becomes_the_plan_shown(qtbot, window, tmp_path):
    """The plan shown moves the board though the base does not need it (a plan of a tighter
    variant, meeting every limit of the base, put in place as the plan shown): the scenario's
    plan meets the base and costs less there, so it becomes the plan shown, saying why."""
    from planner.io.read import read_project
    from planner.optimise import plan_project
    from planner.scenarios import prepare

    sheets = copy.deepcopy(SMALL)
    sheets["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["forced", "Periods", "2027-Q4", "china_cap", 0.22],
        ["flat", "Tariffs", "", "rate", 0.1],
    ]
    path = write_book(sheets, tmp_path / "cheaper.xlsx")
    open_and_wait(qtbot, window, path)
    plan_and_wait(qtbot, window)
    planning = window.planning
    forced = plan_project(
        prepare(read_project(path), "forced").project, time_limit_s=LIMIT, clock=False
    )
    assert forced.total_cost > planning.plan.total_cost  # the premise: the move costs
    planning.plan = forced  # as if shown: of the same project, meeting all its limits
    page = page_of(window)
    with qtbot.waitSignal(page.compare.compared, timeout=120_000):
        assert page.plan_scenarios(["flat"], time_limit=LIMIT)
    base = page.compare.runner.results["base"].plan
    assert base is not forced and base.total_cost < forced.total_cost
    qtbot.waitUntil(lambda: planning.plan is base, timeout=60_000)
    assert planning.ready and not planning.stale
    assert any("'flat'" in line.en for line in base.explanation)


def test_the_curve_says_what_a_target_means_and_why_one_has_no_plan(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    curve = page_of(window).curve
    assert "last period" in curve.caption.text() and "in proportion" in curve.caption.text()
    curve.start_at.setValue(45)
    curve.stop_at.setValue(1)
    curve.step.setValue(44)
    curve.limit.setValue(LIMIT)
    assert curve.finals() == [0.45, 0.01]
    assert curve.start()
    qtbot.waitUntil(lambda: curve.curve is not None, timeout=120_000)
    model = curve.points_model
    assert model.columnCount() == 6
    why = model.rows[1][5]
    assert curve.curve.points["status"].iloc[1] == "infeasible" and "cap" in why
    curve.show_point(1)
    assert why in curve.point.text()
