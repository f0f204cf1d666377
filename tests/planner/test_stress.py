"""Stress tests that keep facts as facts: what a plan did up to the chosen period (its starts,
onboardings and awards, the money it spent) is kept and not checked again against the
scenario's limits of those periods; a qualification started then that is still running counts
in the later ones; a plan that meets every later limit is never called infeasible; and
`locplan stress` on the command line.

The tiny project: one product (FOB $100, all to the US, 100 units a period, four quarters)
with two parts bought from China at $30 (30% of FOB each, 60% in all). The cap is 45% in
2027-Q2 and 25% in 2027-Q4; Vietnamese quotes at $33 with no Chinese content: P1 from VN1
(1 quarter to qualify) and P2 from VN2 (2 quarters), $20,000 each to start. P1 must start in
Q1 to be ready for Q2's cap; P2 must start by Q2 for Q4's, and the Q1 budget of $25,000 has
room for one start only: the plan starts P1 in Q1 and P2 in Q2, whatever the search.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math

import numpy as np
import pandas as pd
import pytest

from planner.cli import main
from planner.instance import build_instance
from planner.io.read import read_project
from planner.optimise import backend as solver
from planner.optimise import plan_project
from planner.optimise.build import build_model
from planner.optimise.commitments import Commitments
from planner.optimise.decisions import to_columns
from planner.optimise.firstplan import first_plan
from planner.plan import Status
from planner.project import INF, Settings, TypedProject
from planner.scenarios import prepare, stress_test
from planner.scenarios.overrides import scenario_names
from planner.verify import verify_plan
from tests.planner.conftest import SMALL, write_book

PERIODS = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]
SAMPLE = "sample_data/vr_headset_bac_ninh.xlsx"


def two_parts(periods: dict | None = None, settings: dict | None = None, supplier=None):
    part = {
        "description": "",
        "category": "",
        "hs_code": "",
        "qty_per_unit": math.nan,
        "current_supplier": "CN1",
        "current_country": "CN",
        "current_unit_price": 30.0,
        "current_china_share": 1.0,
        "locked": False,
    }
    offer = {
        "unit_price": 33.0,
        "china_share": 0.0,
        "switching_cost": 20_000.0,
        "max_ramp": 1.0,
        "earliest_period": "2027-Q1",
        "capacity_per_period": INF,
    }
    return TypedProject(
        tables={
            "Components": pd.DataFrame([{"component_id": c, **part} for c in ("P1", "P2")]),
            "Products": pd.DataFrame(
                {
                    "product_id": ["X"],
                    "name": [""],
                    "fob_price": [100.0],
                    "us_share": [1.0],
                    "units_per_period": [100.0],
                }
            ),
            "BOM": pd.DataFrame(
                {"product_id": ["X", "X"], "component_id": ["P1", "P2"], "qty_per_unit": [1.0] * 2}
            ),
            "Suppliers": pd.DataFrame(
                {
                    "supplier_id": ["CN1", "VN1", "VN2"],
                    "name": [""] * 3,
                    "country": ["CN", "VN", "VN"],
                    "province": [""] * 3,
                    "onboarding_cost": [0.0] * 3,
                    "capacity_per_period": [INF] * 3,
                    **(supplier or {}),
                }
            ),
            "Offers": pd.DataFrame(
                [
                    {"component_id": "P1", "supplier_id": "VN1", "lead_periods": 1, **offer},
                    {"component_id": "P2", "supplier_id": "VN2", "lead_periods": 2, **offer},
                ]
            ),
            "Periods": pd.DataFrame(
                {
                    "period": PERIODS,
                    "budget": [25_000.0, 100_000.0, 100_000.0, 100_000.0],
                    "max_new_qualifications": [INF] * 4,
                    "china_cap": [math.nan, 0.45, math.nan, 0.25],
                    "tariff_active": [True] * 4,
                    "max_qualifications_in_progress": [INF] * 4,
                    **(periods or {}),
                }
            ),
            "Volumes": pd.DataFrame({"product_id": [], "period": [], "units": []}),
            "Tariffs": pd.DataFrame({"max_china_share": [1.0], "rate": [0.0]}),
        },
        # worked out by hand with a supplier's whole capacity usable and no spend limit
        settings=Settings(
            **{"max_utilisation": 1.0, "max_supplier_spend_share": 1.0, **(settings or {})}
        ),
    )


def starts(plan) -> dict[tuple[str, str], str]:
    acts = plan.actions[plan.actions["kind"] == "start_qualification"]
    return {
        (c, s): p
        for c, s, p in zip(acts["component_id"], acts["supplier_id"], acts["period"], strict=True)
    }


def awards(plan, last: str) -> dict[tuple[str, str, str], float]:
    alloc = plan.allocation[plan.allocation["period"] <= last]
    return {
        (c, s, p): round(float(v), 9)
        for c, s, p, v in alloc[["component_id", "supplier_id", "period", "share"]].itertuples(
            index=False
        )
    }


def stressed(base_project, scenario, until, limit=10):
    """The base plan, the stress test's commitments and the replanned scenario."""
    base = plan_project(base_project, time_limit_s=limit)
    assert base.verified, base.violations
    assert starts(base) == {("P1", "VN1"): "2027-Q1", ("P2", "VN2"): "2027-Q2"}
    commitments = Commitments.from_plan(base, scenario.periods, until)
    return base, commitments, plan_project(scenario, time_limit_s=limit, commitments=commitments)


def checked_with(project, commitments, plan):
    """The independent checker, told what was kept (plain data, no optimiser)."""
    inst = build_instance(project)
    _, v = build_model(inst)
    return verify_plan(project, plan, commitments.kept(inst, v))


@pytest.mark.parametrize("until", ["2027-Q1", "2027-Q2"])
def test_a_budget_cut_does_not_reach_back_into_money_spent(until):
    """Half the budget: the $20,000 spent on P1 in Q1 is more than Q1's cut budget of
    $12,500, but it was spent: the stress keeps it and plans the rest within the cut."""
    base_project = two_parts()
    cut = two_parts(periods={"budget": [12_500.0, 50_000.0, 50_000.0, 50_000.0]})
    base, commitments, plan = stressed(base_project, cut, until)
    assert plan.has_plan, (plan.explanation, plan.violations)
    assert starts(plan) == starts(base)  # P2's $20,000 fits Q2's $50,000
    assert awards(plan, until) == awards(base, until)
    q1 = plan.periods.set_index("period").loc["2027-Q1"]
    assert q1["budget_used"] == 20_000 and q1["budget"] == 12_500
    # the checker sees the overspend unless it is told it happened
    plain = verify_plan(cut, plan)
    assert any(
        "2027-Q1: one-time spending 20,000 exceeds the budget 12,500" in v for v in plain.violations
    )
    assert checked_with(cut, commitments, plan).ok


def test_a_later_budget_cut_still_binds():
    """The periods after the kept ones keep their (cut) limits: with Q2's budget below P2's
    $20,000, P2 cannot start in time for Q4's cap."""
    cut = two_parts(periods={"budget": [12_500.0, 10_000.0, 100_000.0, 100_000.0]})
    _, _, plan = stressed(two_parts(), cut, "2027-Q1")
    assert plan.status == Status.INFEASIBLE
    assert any("2027-Q2" in line.en for line in plan.explanation), plan.explanation


def test_qualifications_started_in_the_past_count_while_they_run():
    """P2 started in Q2 qualifies through Q3. With no room for a qualification in progress
    in Q3 it cannot be kept: infeasible, naming Q3. With room for one, as the plan ran, the
    stress keeps it."""
    none = [INF, INF, 0.0, INF]
    _, _, plan = stressed(
        two_parts(), two_parts({"max_qualifications_in_progress": none}), "2027-Q2"
    )
    assert plan.status == Status.INFEASIBLE
    assert any("2027-Q3" in line.en and "at once" in line.en for line in plan.explanation), [
        line.en for line in plan.explanation
    ]
    one = two_parts({"max_qualifications_in_progress": [1.0] * 4})
    _, commitments, plan = stressed(two_parts(), one, "2027-Q2")
    assert plan.has_plan, (plan.explanation, plan.violations)
    assert plan.periods["in_progress"].tolist() == [1, 1, 1, 0]
    assert checked_with(one, commitments, plan).ok


def test_awards_of_the_past_are_kept_past_a_new_capacity():
    """VN1 can make only 40 units a quarter in the scenario, but it delivered 50 or more in
    Q2 (kept); from Q3 on it holds at most 40 and P2 makes up for it."""
    settings = {"no_reversal": False}
    small = two_parts(settings=settings, supplier={"capacity_per_period": [INF, 40.0, INF]})
    base, commitments, plan = stressed(two_parts(settings=settings), small, "2027-Q2")
    assert plan.has_plan, (plan.explanation, plan.violations)
    assert awards(plan, "2027-Q2") == awards(base, "2027-Q2")
    load = plan.supplier_load.set_index(["supplier_id", "period"])["units"]
    assert load[("VN1", "2027-Q2")] >= 50
    assert load[("VN1", "2027-Q3")] <= 40 and load[("VN1", "2027-Q4")] <= 40
    assert checked_with(small, commitments, plan).ok
    assert not verify_plan(small, plan).ok  # Q2's 50 units are over the new capacity


def test_a_tighter_cap_in_the_past_is_no_limit():
    """The scenario's cap of 30% in Q2 was not met by what was bought then (45%): a fact.
    The look-ahead plan keeps it and meets every later limit; so does the replanned one."""
    tight = two_parts(periods={"china_cap": [math.nan, 0.30, math.nan, 0.25]})
    base, commitments, plan = stressed(two_parts(), tight, "2027-Q2")
    inst = build_instance(tight)
    m, v = build_model(inst)
    a = commitments.apply(inst, m, v, m.arrays())
    shares = commitments.kept_shares(inst, v.share >= 0)
    d, ok = first_plan(inst, commitments.forced(inst), 2, shares)
    assert ok and solver.feasible(a, to_columns(inst, v, a.n_cols, d))
    assert plan.has_plan, (plan.explanation, plan.violations)
    assert awards(plan, "2027-Q2") == awards(base, "2027-Q2")
    assert checked_with(tight, commitments, plan).ok


def test_the_checker_holds_the_facts():
    """A plan that moves a kept start, starts something else in the past or changes a kept
    award fails the checker."""
    project = two_parts()
    base = plan_project(project, time_limit_s=10)
    commitments = Commitments.from_plan(base, PERIODS, "2027-Q2")
    inst = build_instance(project)
    kept = commitments.kept(inst, build_model(inst)[1])
    assert verify_plan(project, base, kept).ok
    moved = dataclasses.replace(kept, starts={("P1", "VN1"): "2027-Q2", ("P2", "VN2"): "2027-Q2"})
    assert not verify_plan(project, base, moved).ok
    other = dataclasses.replace(
        kept, awards={k: (0.9 if k[1] == "VN1" else 0.1) for k in kept.awards}
    )
    assert any("awarded then" in v for v in verify_plan(project, base, other).violations)


def test_the_first_plan_counts_the_qualifications_still_running():
    """The cause of "2 more qualifications would have to run at once than the 14": the first
    plan of a stress test did not count the kept qualifications still running after the kept
    period, so it broke the later in-progress limit and was repaired. On the sample with the
    look-ahead plan kept to 2027-Q1 it ran 15 at once in 2027-Q2 (limit 14); now it meets
    every limit of the model, with the kept facts."""
    raw = read_project(SAMPLE)
    base = plan_project(prepare(raw, "base").project, time_limit_s=10, backend="greedy")
    assert base.verified
    scenario = prepare(raw, "Flat 10% (Section 122)").project
    inst = build_instance(scenario)
    m, v = build_model(inst)
    commitments = Commitments.from_plan(base, scenario.periods, "2027-Q1")
    a = commitments.apply(inst, m, v, m.arrays())
    shares = commitments.kept_shares(inst, v.share >= 0)
    boarded = list(commitments.boarded(inst, v.onboarded).items())
    d, ok = first_plan(inst, commitments.forced(inst), 1, shares, boarded)
    assert ok and solver.feasible(a, to_columns(inst, v, a.n_cols, d))
    assert np.allclose(d.share[:, :1], shares)


def test_an_optimum_bought_with_a_tolerance_proves_nothing(monkeypatch):
    """The relaxation that called the sample's flat-tariff stress infeasible: SCIP held a
    demand slack at -4e-8 (inside its tolerance), which at 1e12 a unit paid for two more
    qualifications in progress (2 x 20,000) and reported the sum, -200,000, as proven optimal.
    An optimum below what its slacks cost is no proof (and no slack is negative)."""
    from planner.optimise import explain
    from planner.optimise.deadline import Deadline

    project = two_parts()
    inst = build_instance(project)
    m, v = build_model(inst)
    a = m.arrays()
    fam = explain.elastic(m, v, a).labels["family"].to_numpy()

    def fake(inst, v, soft, start, deadline, until, gap, since=0.0):
        x = start.copy()
        x[a.n_cols + np.nonzero(fam == "demand")[0][:6]] = -4e-8
        x[a.n_cols + np.nonzero(fam == "budget")[0][0]] = 40_000.0
        return x, float(soft.cost @ x), True

    monkeypatch.setattr(explain, "search", fake)
    relaxation = explain.relax(inst, m, v, a, None, Deadline(5.0), until=1.0)
    assert not relaxation.proven
    assert (relaxation.slack >= 0).all()


@pytest.mark.parametrize("scenario", ["Budget -20%", "Flat 10% (Section 122)"])
def test_the_sample_stresses_keep_the_plan_to_2027_q2(scenario):
    """The sample's base plan kept to 2027-Q2: the budget cut used to fail the checker on the
    money spent in Q1, the flat tariff was called infeasible; both give verified plans that
    keep the plan's facts."""
    raw = read_project(SAMPLE)
    assert scenario in scenario_names(raw)
    base = plan_project(prepare(raw, "base").project, time_limit_s=10, backend="greedy")
    result = stress_test(raw, scenario, base, "2027-Q2", time_limit=20)
    plan = result.plan
    assert plan.has_plan, ([line.en for line in plan.explanation], plan.violations)
    assert plan.summary.kept_until == "2027-Q2"
    kept = {k: p for k, p in starts(base).items() if p <= "2027-Q2"}
    assert {k: p for k, p in starts(plan).items() if p <= "2027-Q2"} == kept
    assert awards(plan, "2027-Q2") == pytest.approx(awards(base, "2027-Q2"))


def book(tmp_path):
    """The small workbook with a cap that moves the controllers' board by Q4 (the plan
    starts it in some quarter, costing $30,000) and a scenario that halves every budget."""
    sheets = copy.deepcopy(SMALL)
    sheets["Periods"][4][3] = 0.22
    sheets["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["half budget", "Periods", "", "budget", "*0.5"],
    ]
    return write_book(sheets, tmp_path / "stress.xlsx")


def test_stress_from_the_command_line(tmp_path, capsys):
    path = book(tmp_path)
    base = plan_project(prepare(read_project(path), "base").project, time_limit_s=10)
    started = starts(base)
    assert started
    until = min(started.values())  # $30,000 spent then: more than the halved $25,000
    out = tmp_path / "stressed.xlsx"
    args = ["stress", str(path), "--scenario", "half budget", "--keep-until", until]
    assert main([*args, "--time-limit", "10", "--json", "-o", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] in ("optimal", "feasible") and data["verified"]
    assert data["kept_until"] == until and data["scenario"] == "half budget"
    assert data["base"]["status"] in ("optimal", "feasible")
    assert {"total_cost", "best_bound", "gap", "summary"} <= set(data)
    assert data["summary"]["one_time_cost"] >= 30_000
    assert out.exists()
    assert main(["stress", str(path), "--scenario", "nope", "--keep-until", until]) == 2
    assert "no scenario named nope" in capsys.readouterr().err
    assert main(["stress", str(path), "--scenario", "half budget", "--keep-until", "2031"]) == 2
    assert "no period named 2031" in capsys.readouterr().err
    assert main(["stress", str(path), "--scenario", "half budget"]) == 2  # no period given


def test_a_stress_that_finds_a_cheaper_plan_of_the_project_says_so():
    """The look-ahead plan stressed by a supplier's slip (which only tightens the project):
    the replanned plan meets every limit of the project itself and costs less there than the
    plan stressed, so it is offered as the project's better plan, with a line saying why."""
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "sample_data" / "vr_headset_bac_ninh.xlsx"
    raw = read_project(sample)
    base = prepare(raw, "base").project
    quick = plan_project(base, backend="greedy")
    late = "Kinh Bắc PCB two quarters late"
    result = stress_test(raw, late, quick, "2027-Q1", time_limit=8)
    assert result.ok
    better = result.improved_base
    assert better is not None and better.has_plan
    assert better.total_cost < quick.total_cost
    assert verify_plan(base, better).ok
    assert late in better.explanation[-1].en
