"""One plan, the same everywhere: what-ifs start from the plan shown (the base is not planned
again, every scenario starts from it, and a cheaper scenario plan that meets the base becomes
the base plan), a trade-off curve whose cost never rises as the target loosens, and a
comparison that reads the planner's uncertainty and says why each scenario differs.

Every assertion holds by construction (warm starts, greedy re-plans from feasible plans),
whatever a time-limited search reached; plans are made with clock=False."""

from __future__ import annotations

import dataclasses
import itertools
import json

import pytest

from planner.cli import main
from planner.generate import generate_project
from planner.io.read import read_project
from planner.optimise import plan_project
from planner.scenarios import BASE, compare, plan_scenarios, prepare, sweep
from planner.scenarios.compare import difference
from planner.scenarios.run import ScenarioResult
from planner.scenarios.sweep import _name, curve_json, monotone, with_final_share
from planner.scenarios.view import build_view
from planner.scenarios.warm import costs_in, settle
from tests.planner.test_scenarios import book

LIMIT = 10  # seconds: the small project is planned to optimality in about one
CENTS = 1.0  # the tie-breaks (a cent a qualification) may leave a plan this much dearer


def project_of(raw, name):
    result = prepare(raw, name)
    assert result.project is not None, [p.format() for p in result.problems]
    return result.project


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """The small project with a cap that makes the controllers' board move by 2027-Q4, its
    scenarios, and its base plan (optimal)."""
    raw = read_project(
        book(
            tmp_path_factory.mktemp("moved"),
            [
                ["dearer", "Offers", "*/BN-PCB", "unit_price", "*1.1"],
                ["flat", "Tariffs", "", "rate", "0.1"],
                ["tight", "Periods", "2027-Q3", "china_cap", "0.3"],  # only tightens
            ],
            caps=[None, None, None, 0.22],
        )
    )
    plan = plan_project(project_of(raw, BASE), time_limit_s=LIMIT, clock=False)
    assert plan.has_plan
    results = plan_scenarios(
        raw, [BASE, "dearer", "flat", "tight"], time_limit=LIMIT, base_plan=plan, clock=False
    )
    return raw, plan, results


def test_scenarios_start_from_the_plan_shown(moved):
    raw, plan, results = moved
    assert results[BASE].plan is plan  # not planned again (no scenario plan is cheaper there)
    tight = results["tight"].plan
    assert tight.has_plan and tight.verified
    # the base plan meets every limit of the tighter scenario: its plan never costs more
    assert costs_in(project_of(raw, "tight"), {BASE: plan})
    assert tight.total_cost <= plan.total_cost + CENTS
    for name in ("dearer", "flat"):
        assert results[name].plan.has_plan and results[name].plan.verified


def test_a_cheaper_scenario_plan_becomes_the_base_plan(tmp_path):
    """The plan shown moves the board although the base does not need it; the flat-tariff
    scenario's plan (which does not move it) meets every limit of the base and costs less
    there: the base plan becomes that plan, verified, and says so in both languages."""
    raw = read_project(
        book(
            tmp_path,
            [
                ["forced", "Periods", "2027-Q4", "china_cap", "0.22"],
                ["flat", "Tariffs", "", "rate", "0.1"],
            ],
        )
    )
    shown = plan_project(project_of(raw, "forced"), time_limit_s=LIMIT, clock=False)
    assert shown.has_plan and costs_in(project_of(raw, BASE), {"shown": shown})  # meets the base
    results = plan_scenarios(raw, [BASE, "flat"], time_limit=LIMIT, base_plan=shown, clock=False)
    flat = results["flat"].plan
    priced = costs_in(project_of(raw, BASE), {"flat": flat})
    assert priced and priced["flat"] < shown.total_cost - CENTS  # the premise, checked
    base = results[BASE].plan
    assert base is not shown and base.has_plan and base.verified
    assert base.total_cost <= priced["flat"] + CENTS < shown.total_cost
    line = base.explanation[-1]
    assert "'flat'" in line.en and "meets every limit of the base" in line.en
    assert "'flat'" in line.vi and "đáp ứng mọi giới hạn của base" in line.vi
    data = compare(results).to_json()["scenarios"][0]
    assert data["explanation"][-1] == line.en
    view = build_view(compare(results), "vi")
    notes = next(r for r in view.table("summary").cells if r[0] == "Ghi chú")
    assert line.vi in notes[1]


def test_without_the_plan_shown_a_dearer_scenario_is_planned_from_the_base_plan(tmp_path):
    """Planned side by side (no plan shown), a scenario left dearer than the base plan that
    meets its limits is planned again from it."""
    raw = read_project(
        book(
            tmp_path,
            [
                ["forced", "Periods", "2027-Q4", "china_cap", "0.22"],
                ["loose", "Periods", "2027-Q4", "china_cap", "0.44"],
            ],
        )
    )
    base = plan_project(project_of(raw, BASE), time_limit_s=LIMIT, clock=False)
    dear = plan_project(project_of(raw, "forced"), time_limit_s=LIMIT, clock=False)
    assert dear.total_cost > base.total_cost + CENTS  # the premise: the forced move costs
    results = {
        BASE: ScenarioResult(BASE, plan=base, project=project_of(raw, BASE)),
        "loose": ScenarioResult("loose", plan=dear, project=project_of(raw, "loose")),
    }
    assert settle(results, time_limit=LIMIT, clock=False) == ["loose"]
    plan = results["loose"].plan
    assert plan.has_plan and plan.verified
    assert plan.total_cost <= base.total_cost + CENTS
    assert "base plan meets every limit of this scenario" in plan.explanation[-1].en
    assert results[BASE].plan is base


@pytest.fixture(scope="module")
def hard():
    return generate_project(30, seed=4, family="hard")


def test_the_curve_never_rises_as_the_target_loosens(hard):
    finals = [0.45, 0.41, 0.405, 0.40, 0.30]
    curve, results = sweep(hard, finals, time_limit=5, workers=2, clock=False)
    assert list(curve["final_share"]) == sorted(finals, reverse=True)  # loosest first
    planned = curve[curve["status"].isin(["optimal", "feasible"])]
    assert len(planned) >= 2
    costs = list(planned["total_cost"])
    assert all(a <= b + CENTS for a, b in itertools.pairwise(costs)), costs  # loosest first
    for name in planned["scenario"]:
        assert results[name].plan.verified
    # the JSON rows carry the search's figures and, for a target without a plan, why
    rows = curve_json(curve, "en")
    assert {"best_bound", "gap", "stopped_by", "explanation"} <= set(rows[0])
    for row in rows:
        if row["status"] not in ("optimal", "feasible"):
            assert row["explanation"], row  # which limit, by how much
    last = rows[-1]
    assert last["status"] == "infeasible" and "cap" in last["explanation"]
    assert "%" in last["explanation"]
    assert curve_json(curve, "vi")[-1]["explanation"] != last["explanation"]


def test_a_looser_target_dearer_than_a_tighter_plan_is_planned_from_it(hard):
    """Built so: the looser target's plan is the look-ahead plan alone, dearer than the
    tighter target's searched plan, which meets the looser target: it is planned again from
    that plan, verified, and says so."""
    tight = plan_project(with_final_share(hard, 0.40), time_limit_s=LIMIT, clock=False)
    loose_project = with_final_share(hard, 0.5)
    loose = plan_project(loose_project, time_limit_s=LIMIT, backend="greedy", clock=False)
    assert tight.has_plan and loose.has_plan
    assert loose.total_cost > tight.total_cost + CENTS  # the premise
    results = {
        _name(0.5): ScenarioResult(_name(0.5), plan=loose, project=loose_project),
        _name(0.4): ScenarioResult(_name(0.4), plan=tight, project=with_final_share(hard, 0.40)),
    }
    assert monotone(results, [0.5, 0.4], None, LIMIT, clock=False) == [_name(0.5)]
    again = results[_name(0.5)].plan
    assert again.has_plan and again.verified
    assert again.total_cost <= tight.total_cost + CENTS
    assert "40.0% target" in again.explanation[-1].en
    assert "mục tiêu 40,0%" in again.explanation[-1].vi
    # the plan shown is a start too: a looser target never costs more than it
    results[_name(0.5)].plan = loose
    shown = plan_project(hard, time_limit_s=LIMIT, clock=False)  # its last cap: 40.1%
    assert monotone(results, [0.5, 0.4], shown, LIMIT, clock=False) == [_name(0.5)]
    again = results[_name(0.5)].plan
    assert again.total_cost <= min(tight.total_cost, shown.total_cost) + CENTS


def test_a_difference_within_the_planners_uncertainty_is_marked(moved):
    _, plan, results = moved
    flat = results["flat"].plan
    exact = difference(plan, flat)
    assert exact.delta == pytest.approx(flat.total_cost - plan.total_cost)
    assert exact.delta < 0 and not exact.within
    # the same plans with gaps wide enough to hide the difference
    loose_base = dataclasses.replace(plan, gap=0.1)
    loose_flat = dataclasses.replace(flat, gap=0.1)
    noisy = difference(loose_base, loose_flat)
    assert noisy.uncertainty == pytest.approx(0.1 * plan.total_cost + 0.1 * flat.total_cost)
    assert abs(noisy.delta) < noisy.uncertainty and noisy.within
    assert noisy.reason.en.startswith("Within the planner's uncertainty")
    assert noisy.reason.vi.startswith("Trong sai số của bộ tối ưu")
    # just wider than the gaps: marked no more
    small = difference(dataclasses.replace(plan, gap=0.001), dataclasses.replace(flat, gap=0.001))
    assert not small.within and not small.reason.en.startswith("Within")
    # in the view: the difference, both gaps, the mark
    noisy_results = dict(results)
    noisy_results[BASE] = dataclasses.replace(results[BASE], plan=loose_base)
    noisy_results["flat"] = dataclasses.replace(results["flat"], plan=loose_flat)
    view = build_view(compare(noisy_results), "en")
    cells = {r[0]: r[1:] for r in view.table("summary").cells}
    column = view.names.index("flat")
    assert "within the planner's uncertainty" in cells["Difference from the base"][column]
    assert cells["Optimality gap"][0] == "10.00%" and cells["Optimality gap"][column] == "10.00%"
    vi = build_view(compare(noisy_results), "vi")
    cells = {r[0]: r[1:] for r in vi.table("summary").cells}
    assert "trong sai số của bộ tối ưu" in cells["Chênh lệch so với base"][column]


def test_each_scenario_says_why_it_differs(moved):
    _, _, results = moved
    comparison = compare(results)
    dearer = comparison.differences["dearer"]
    assert dearer.change == "material" and dearer.amount > 0
    assert "PCB-01" in dearer.drivers and dearer.periods
    assert dearer.reason.en.startswith("Mostly material, +$")
    assert "PCB-01" in dearer.reason.en and dearer.periods[0] in dearer.reason.en
    assert dearer.reason.vi.startswith("Chủ yếu do vật tư, +")
    flat = comparison.differences["flat"]
    assert flat.change == "tariff" and flat.amount < 0
    assert set(flat.drivers) <= {"VR1", "CT1"} and flat.drivers
    assert flat.reason.en.startswith("Mostly the duty, −$")
    assert flat.reason.vi.startswith("Chủ yếu do thuế, −")
    assert BASE not in comparison.differences
    view = build_view(comparison, "en")
    why = next(r for r in view.table("summary").cells if r[0] == "Why it differs")
    assert why[view.names.index("dearer") + 1] == dearer.reason.en


def test_the_json_keys(moved, tmp_path, capsys):
    _, plan, results = moved
    data = compare(results).to_json("vi")["scenarios"]
    keys = {
        "best_bound",
        "gap",
        "stopped_by",
        "difference_from_base",
        "uncertainty",
        "within_uncertainty",
        "reason",
    }
    assert all(keys <= set(d) for d in data)
    base, dearer = data[0], data[1]
    assert base["gap"] == plan.gap and base["stopped_by"] == plan.stopped_by
    assert base["best_bound"] == plan.best_bound and base["difference_from_base"] is None
    assert dearer["difference_from_base"] > 0 and dearer["reason"].startswith("Chủ yếu")
    assert dearer["within_uncertainty"] is False
    json.dumps(data, ensure_ascii=False)  # plain data
    # the command line prints them, and a target without a plan says why
    path = book(tmp_path, [["flat", "Tariffs", "", "rate", "0.1"]], name="cli.xlsx")
    assert main(["compare", str(path), "--time-limit", str(LIMIT), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)["scenarios"]
    assert keys <= set(printed[1]) and printed[1]["reason"].startswith("Mostly the duty")
    assert main(["compare", str(path), "--time-limit", str(LIMIT)]) == 0
    assert "flat: -$" in capsys.readouterr().out
    args = ["sweep", str(path), "--final-share", "0.45:0.01:0.44", "--time-limit", str(LIMIT)]
    main([*args, "--json"])
    curve = json.loads(capsys.readouterr().out)["curve"]
    assert {"best_bound", "gap", "stopped_by", "explanation"} <= set(curve[0])
    assert curve[-1]["status"] == "infeasible" and "cap" in curve[-1]["explanation"]
    main(args)
    assert curve[-1]["explanation"] in capsys.readouterr().out
