"""Scenarios inside the project (issue 12): overrides of the base project's cells, named
problems, plans equal to planning the materialised variant alone, the comparison, the sweep,
and the command line."""

from __future__ import annotations

import copy
import json

import pandas as pd
import pytest

from planner.cli import main
from planner.io.read import read_project
from planner.optimise import plan_project
from planner.scenarios import (
    break_even,
    check_scenarios,
    compare,
    materialise,
    plan_scenarios,
    prepare,
    scenario_names,
    stress_test,
    sweep,
    targets,
)
from planner.validate import validate
from tests.planner.conftest import SMALL, write_book


def book(tmp_path, rows, name="scen.xlsx", caps=None):
    sheets = copy.deepcopy(SMALL)
    for i, cap in enumerate(caps or []):
        sheets["Periods"][1 + i][3] = cap
    sheets["Scenarios"] = [["scenario", "sheet", "row_id", "column", "value"], *rows]
    return write_book(sheets, tmp_path / name)


def typed(raw, name):
    made = materialise(raw, name)
    assert not made.problems, [p.format() for p in made.problems]
    assert made.raw is not None
    checked = validate(made.raw)
    assert checked.ok, [p.format() for p in checked.problems]
    return checked.project


def test_overrides_replace_add_multiply_and_add_settings(tmp_path):
    raw = read_project(
        book(
            tmp_path,
            [
                ["cheap", "Offers", "PCB-01/BN-PCB", "unit_price", "4.5"],
                ["cheap", "Offers", "*/HP-PLA", "lead_periods", "+1"],
                ["cheap", "Periods", "", "budget", "*0.8"],
                ["cheap", "Periods", "2027-Q4", "china_cap", "0.4"],
                ["cheap", "Settings", "threshold_margin", "value", "2%"],
                ["cheap", "Tariffs", "0.4", "rate", "25%"],
                ["cheap", "Products", "VR1", "tariff_exempt", "có"],
                ["flat", "Tariffs", "", "rate", "0.1"],
            ],
        )
    )
    assert scenario_names(raw) == ["base", "cheap", "flat"]
    base, cheap = typed(raw, "base"), typed(raw, "cheap")
    offers = cheap["Offers"].set_index(["component_id", "supplier_id"])
    assert offers.loc[("PCB-01", "BN-PCB"), "unit_price"] == 4.5
    assert offers.loc[("HSG-01", "HP-PLA"), "lead_periods"] == 3
    budgets = cheap["Periods"]["budget"].tolist()
    assert budgets[:3] == [40_000, 40_000, 40_000] and budgets[3] == float("inf")  # no limit
    assert cheap["Periods"]["china_cap"].iloc[3] == pytest.approx(0.4)
    # the former key sets both margins
    assert (cheap.settings.cap_margin, cheap.settings.tariff_margin) == pytest.approx((0.02, 0.02))
    assert cheap["Tariffs"]["rate"].tolist() == [0.25, 0.4]
    assert cheap["Products"]["tariff_exempt"].tolist() == [True, False]
    assert typed(raw, "flat")["Tariffs"]["rate"].tolist() == [0.1, 0.1]
    # the base is untouched
    assert base["Tariffs"]["rate"].tolist() == [0.2, 0.4]
    assert (base.settings.cap_margin, base.settings.tariff_margin) == (0.0, 0.02)


def test_bad_overrides_are_named_by_row_and_column(tmp_path, capsys):
    raw = read_project(
        book(
            tmp_path,
            [
                ["a", "Nowhere", "", "x", "1"],  # row 2: unknown sheet
                ["a", "Offers", "PCB-01/NOBODY", "unit_price", "4"],  # row 3: unknown row
                ["a", "Offers", "PCB-01/BN-PCB", "colour", "red"],  # row 4: unknown column
                ["a", "Periods", "2027-Q1", "budget", "lots"],  # row 5: not a number
                ["a", "Offers", "*/BN-PCB", "supplier_id", "*2"],  # row 6: * on a text
                ["a", "Offers", "*/BN-PCB", "unit_price", "-3"],  # row 7: negative price
            ],
        )
    )
    problems = {(p.row, p.column) for p in check_scenarios(raw)}
    assert {
        (2, "sheet"),
        (3, "row_id"),
        (4, "column"),
        (5, "value"),
        (6, "value"),
        (7, "value"),
    } <= problems
    assert all(p.sheet == "Scenarios" for p in check_scenarios(raw))
    # a bad override stops its own scenario, not the base plan: check names every row and
    # still says the project can be planned (the app gives the same verdict)
    assert main(["check", str(tmp_path / "scen.xlsx")]) == 0
    printed = capsys.readouterr().out
    assert all(f"row {row}" in printed for row in range(2, 8)), printed
    assert prepare(raw, "a").problems and prepare(raw, "a").project is None


def test_a_scenario_plans_like_its_materialised_variant(tmp_path):
    raw = read_project(book(tmp_path, [["flat", "Tariffs", "", "rate", "0.1"]]))
    results = plan_scenarios(raw, ["base", "flat"], time_limit=20, workers=2)
    alone = plan_project(typed(raw, "flat"), time_limit_s=20)
    assert results["flat"].plan.verified and alone.verified
    assert results["flat"].plan.total_cost == pytest.approx(alone.total_cost)
    pd.testing.assert_frame_equal(results["flat"].plan.allocation, alone.allocation)
    comparison = compare(results)
    data = comparison.to_json()["scenarios"]
    assert [d["scenario"] for d in data] == ["base", "flat"]
    assert data[1]["tariff_cost"] < data[0]["tariff_cost"]
    assert set(data[0]["china_share_last"]) == {"VR1", "CT1"}


def test_an_infeasible_scenario_shows_its_explanation_not_an_error(tmp_path):
    raw = read_project(book(tmp_path, [["tight", "Periods", "2027-Q1", "china_cap", "0.01"]]))
    results = plan_scenarios(raw, ["base", "tight"], time_limit=20)
    comparison = compare(results)
    assert comparison.summary.loc["status", "tight"] == "infeasible"
    assert any("cap" in x.en for x in comparison.explanations["tight"])
    assert comparison.to_json()["scenarios"][1]["total_cost"] is None


def test_sweep_gives_a_curve_and_break_even_rates(tmp_path):
    project = typed(read_project(book(tmp_path, [])), "base")
    assert targets("45%:35%:5%") == [0.45, 0.4, 0.35]
    curve, _ = sweep(project, [0.45, 0.35, 0.3], time_limit=15)
    feasible = curve[curve["total_cost"].notna()]
    assert len(feasible) >= 2
    assert feasible["total_cost"].is_monotonic_increasing  # more ambition costs more
    assert (feasible["china_share_last"] <= feasible["final_share"] + 1e-9).all()
    rates = break_even(project)
    assert set(rates["component_id"]) <= {"PCB-01", "HSG-01"}
    assert (rates["break_even_rate"] >= 0).all()


def test_a_stopped_curve_keeps_the_plans_it_has(tmp_path):
    """Cancel once the first target has a plan: that target keeps its best plan (verified),
    the one still waiting for its turn gets none, and nothing is an error."""
    import threading

    from planner.generate import generate_project
    from planner.plan import Status

    project = generate_project(120, seed=3)  # SCIP's root alone runs over 10 s on it
    stop = threading.Event()
    curve, results = sweep(
        project,
        [0.6, 0.55],
        time_limit=120,
        workers=1,
        on_progress=lambda name, event: stop.set(),  # the first plan is in
        should_stop=stop.is_set,
    )
    first, waiting = (results[name].plan for name in curve["scenario"])
    assert first.has_plan and first.verified and first.status == Status.FEASIBLE
    assert waiting.status == Status.NO_PLAN and not waiting.has_plan
    assert list(curve["status"]) == ["feasible", "no_plan"]
    assert curve["total_cost"].iloc[0] == pytest.approx(first.total_cost)


def test_compare_and_sweep_from_the_command_line(tmp_path, capsys):
    path = book(tmp_path, [["flat", "Tariffs", "", "rate", "0.1"]])
    assert main(["compare", str(path), "--time-limit", "10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["scenario"] for s in data["scenarios"]] == ["base", "flat"]
    assert all(s["status"] in ("optimal", "feasible") for s in data["scenarios"])
    assert main(["compare", str(path), "--scenarios", "nope"]) == 2
    assert (
        main(["sweep", str(path), "--final-share", "0.45:0.4:0.05", "--json", "--time-limit", "10"])
        == 0
    )
    curve = json.loads(capsys.readouterr().out)["curve"]
    assert [round(c["final_share"], 2) for c in curve] == [0.45, 0.4]
    assert main(["sweep", str(path), "--final-share", "bad"]) == 2


def test_the_sample_ships_four_scenarios():
    raw = read_project("sample_data/vr_headset_bac_ninh.xlsx")
    names = scenario_names(raw)
    assert len(names) == 5 and names[0] == "base"
    assert not check_scenarios(raw)
    for name in names[1:]:
        assert prepare(raw, name).project is not None, name
    vi = read_project("sample_data/vr_headset_bac_ninh_vi.xlsx")
    # the same four, named in Vietnamese
    assert len(scenario_names(vi)) == len(names) and not check_scenarios(vi)


def test_stress_test_keeps_what_has_started(tmp_path):
    """The local board maker raises its price after the plan has started qualifying it: the
    replanned scenario keeps that start (it happened), starts nothing new in the past, and
    shows what the shock costs. A slip that makes the cap unreachable is explained."""
    raw = read_project(
        book(
            tmp_path,
            [
                ["dearer", "Offers", "*/BN-PCB", "unit_price", "*1.1"],
                ["late", "Offers", "*/BN-PCB", "lead_periods", "+2"],
            ],
            "stress.xlsx",
            caps=[None, None, None, 0.22],  # the controllers' board must move by Q4
        )
    )
    base = prepare(raw, "base").project
    plan = plan_project(base, time_limit_s=20)
    starts = plan.actions[plan.actions["kind"] == "start_qualification"]
    first = starts.iloc[0]
    result = stress_test(raw, "dearer", plan, first["period"], time_limit=20)
    assert result.plan.verified, result.plan.explanation
    new = result.plan.actions[result.plan.actions["kind"] == "start_qualification"]
    same = (new["component_id"] == first["component_id"]) & (
        new["supplier_id"] == first["supplier_id"]
    )
    assert new[same]["period"].tolist() == [first["period"]]
    assert (new["period"] >= first["period"]).all()
    assert result.plan.total_cost > plan.total_cost
    late = stress_test(raw, "late", plan, first["period"], time_limit=20)
    assert late.plan.status.value == "infeasible"
    assert any("2027-Q4" in x.en for x in late.plan.explanation)


def test_scenario_amounts_are_read_one_way(tmp_path):
    """`*x` is a plain factor, `+x` on a share is in the share's own unit, `%` only where typed
    (red-team S01: `*1.5` on the tariff rates was read as x1.5%)."""
    raw = read_project(
        book(
            tmp_path,
            [
                ["times", "Tariffs", "", "rate", "*1.5"],
                ["times", "Periods", "2027-Q3", "china_cap", "*1,2"],
                ["pct", "Tariffs", "", "rate", "*150%"],
                ["pct", "Periods", "2027-Q3", "china_cap", "+2%"],
                ["plus", "Periods", "2027-Q3", "china_cap", "+0.02"],
                ["too much", "Periods", "2027-Q3", "china_cap", "+2"],
                ["price pct", "Offers", "*/BN-PCB", "unit_price", "+10%"],
            ],
        )
    )
    for name in ("times", "pct"):
        project = typed(raw, name)
        assert project.tables["Tariffs"]["rate"].tolist() == pytest.approx([0.3, 0.6])
    caps = {n: typed(raw, n).tables["Periods"]["china_cap"].tolist()[2] for n in ("times", "pct")}
    assert caps == pytest.approx({"times": 0.6, "pct": 0.52})
    assert typed(raw, "plus").tables["Periods"]["china_cap"].tolist()[2] == pytest.approx(0.52)
    # a share above 100% and a percent added to a price are refused at the Scenarios row
    for name in ("too much", "price pct"):
        problems = prepare(raw, name).problems
        assert any(p.is_error and p.sheet == "Scenarios" for p in problems), name
