"""Each constraint family on a tiny project whose optimum is known by hand, with a feasible and
an infeasible case, checked by the independent checker.

The base case: one product (FOB $100, all shipped to the US, 100 units a period, 2 periods),
one part bought today at $50 from China (Chinese share of FOB 50%), tariff 10% up to a 40%
Chinese share and 50% above it, and one Vietnamese quote at $55 with no Chinese content.
Doing nothing costs 2 x (5,000 material + 5,000 tariff) = 20,000. The best plan buys 20% of
the part locally from the first period: Chinese share 40%, so 2 x (5,100 + 1,000) = 12,200.
(The model holds every share 0.001 points inside its bound, so shares read 20.002%.)
"""

from __future__ import annotations

import dataclasses
import itertools
import math

import pandas as pd
import pytest

from planner.optimise import plan_project
from planner.orlib import location_project
from planner.plan import Status
from planner.project import INF, Settings, TypedProject
from planner.verify import verify_plan


def tiny(
    offer: dict | None = None,
    periods: dict | None = None,
    supplier: dict | None = None,
    settings: dict | None = None,
    n_periods: int = 2,
) -> TypedProject:
    offer_row = {
        "component_id": "P1",
        "supplier_id": "VN1",
        "unit_price": 55.0,
        "china_share": 0.0,
        "lead_periods": 0,
        "switching_cost": 0.0,
        "max_ramp": 1.0,
        "earliest_period": "2027-Q1",
        "capacity_per_period": INF,
        **(offer or {}),
    }
    labels = [f"2027-Q{i + 1}" for i in range(n_periods)]
    per = {
        "period": labels,
        "budget": [INF] * n_periods,
        "max_new_qualifications": [INF] * n_periods,
        "china_cap": [math.nan] * n_periods,
        "tariff_active": [True] * n_periods,
        **(periods or {}),
    }
    sup = {
        "supplier_id": ["CN1", "VN1"],
        "name": ["", ""],
        "country": ["CN", "VN"],
        "province": ["", "Bắc Ninh"],
        "onboarding_cost": [0.0, 0.0],
        "capacity_per_period": [INF, INF],
        **(supplier or {}),
    }
    return TypedProject(
        tables={
            "Components": pd.DataFrame(
                {
                    "component_id": ["P1"],
                    "description": [""],
                    "category": [""],
                    "hs_code": [""],
                    "qty_per_unit": [math.nan],
                    "current_supplier": ["CN1"],
                    "current_country": ["CN"],
                    "current_unit_price": [50.0],
                    "current_china_share": [1.0],
                    "locked": [False],
                }
            ),
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
                {"product_id": ["X"], "component_id": ["P1"], "qty_per_unit": [1.0]}
            ),
            "Suppliers": pd.DataFrame(sup),
            "Offers": pd.DataFrame([offer_row]),
            "Periods": pd.DataFrame(per),
            "Volumes": pd.DataFrame({"product_id": [], "period": [], "units": []}),
            "Tariffs": pd.DataFrame({"max_china_share": [0.4, 1.0], "rate": [0.1, 0.5]}),
        },
        # the figures below are worked out with no margin below the tariff bound, a
        # supplier's whole capacity usable and no cap on one supplier's share of spend
        settings=Settings(
            **{
                "tariff_margin": 0.0,
                "max_utilisation": 1.0,
                "max_supplier_spend_share": 1.0,
                **(settings or {}),
            }
        ),
    )


def solved(project: TypedProject):
    plan = plan_project(project, time_limit_s=20)
    assert plan.verified, plan.violations
    assert plan.status == Status.OPTIMAL
    assert verify_plan(project, plan).ok
    return plan


def local_share(plan, period):
    rows = plan.allocation[
        (plan.allocation["supplier_id"] == "VN1") & (plan.allocation["period"] == period)
    ]
    return float(rows["share"].sum())


def test_tariff_tier_binds():
    plan = solved(tiny())
    assert plan.total_cost == pytest.approx(12_200)
    assert local_share(plan, "2027-Q1") == pytest.approx(0.2, abs=1e-4)
    assert plan.summary.do_nothing_cost == pytest.approx(20_000)
    assert plan.content["tariff_rate"].tolist() == [0.1, 0.1]


def test_no_offer_means_doing_nothing():
    project = tiny()
    project.tables["Offers"] = project.tables["Offers"].iloc[0:0]
    assert solved(project).total_cost == pytest.approx(20_000)


def test_lead_time_binds():
    plan = solved(tiny(offer={"lead_periods": 1}))
    assert plan.total_cost == pytest.approx(10_000 + 6_100)
    starts = plan.actions[plan.actions["kind"] == "start_qualification"]
    assert starts[["period", "ready_period"]].values.tolist() == [["2027-Q1", "2027-Q2"]]


# Ramps of 15% a quarter: the 20% needed in Q2 takes 5% already in Q1, which costs $25 more
# there (still the high tariff): 10,025 + 6,100 (plus a hair for the 0.001-point inside).
RAMPED = 10_025 + 6_100


def test_incumbent_ramp_down_binds():
    plan = solved(tiny(settings={"incumbent_max_drop": 0.15}))
    assert plan.total_cost == pytest.approx(RAMPED, abs=0.1)
    assert local_share(plan, "2027-Q1") == pytest.approx(0.05, abs=1e-4)


def test_incumbent_drop_of_one_part_overrides_the_setting():
    project = tiny()
    project.tables["Components"]["incumbent_max_drop"] = [0.15]
    assert solved(project).total_cost == pytest.approx(RAMPED, abs=0.1)


def test_new_supplier_ramp_up_binds():
    plan = solved(tiny(offer={"max_ramp": 0.15}))
    assert plan.total_cost == pytest.approx(RAMPED, abs=0.1)


def test_ramp_too_slow_for_the_cap_is_infeasible():
    plan = plan_project(tiny(offer={"max_ramp": 0.1}, periods={"china_cap": [0.45, 0.3]}))
    assert plan.status == Status.INFEASIBLE


def test_budget_binds():
    plan = solved(tiny(offer={"switching_cost": 3000.0}, periods={"budget": [1000.0, INF]}))
    assert plan.total_cost == pytest.approx(10_000 + 6_100 + 3_000)


def test_qualification_slots_bind():
    plan = solved(tiny(periods={"max_new_qualifications": [0.0, 1.0]}))
    assert plan.total_cost == pytest.approx(10_000 + 6_100)


def test_offer_capacity_binds():
    assert solved(tiny(offer={"capacity_per_period": 10.0})).total_cost == pytest.approx(20_000)


def test_supplier_capacity_binds():
    plan = solved(tiny(supplier={"capacity_per_period": [INF, 10.0]}))
    assert plan.total_cost == pytest.approx(20_000)


def test_onboarding_cost_counts_once():
    plan = solved(tiny(supplier={"onboarding_cost": [0.0, 500.0]}))
    assert plan.total_cost == pytest.approx(12_700)
    assert (plan.actions["kind"] == "onboard").sum() == 1


def test_china_cap_binds():
    plan = solved(tiny(periods={"china_cap": [0.2, 0.2]}))
    assert plan.total_cost == pytest.approx(2 * (5_300 + 1_000))


def test_china_cap_on_materials_basis():
    # 50% of materials: 50 a0 <= 0.5 (50 a0 + 55 (1 - a0)) -> a0 <= 0.5238
    plan = solved(tiny(periods={"china_cap": [0.5, 0.5]}, settings={"content_basis": "materials"}))
    share = plan.content["china_share"].tolist()
    assert all(s <= 0.5 + 1e-6 for s in share)


def test_rules_of_origin_bind():
    plan = solved(tiny(settings={"rvc_min": 0.7}))
    assert plan.total_cost == pytest.approx(2 * (5_200 + 1_000))
    assert plan.content["rvc"].min() >= 0.7 - 1e-6


def test_min_china_objective():
    plan = solved(tiny(settings={"objective": "min_china"}))
    assert local_share(plan, "2027-Q1") == pytest.approx(1.0)
    assert plan.total_cost == pytest.approx(2 * (5_500 + 1_000))


def test_locked_part_keeps_its_incumbent():
    project = tiny()
    project.tables["Components"]["locked"] = [True]
    assert solved(project).total_cost == pytest.approx(20_000)


# Infeasible projects are explained in procurement terms ---------------------------------


def test_cap_before_any_local_part_is_ready():
    plan = plan_project(
        tiny(offer={"lead_periods": 1}, periods={"china_cap": [0.3, 0.3]}), time_limit_s=20
    )
    assert plan.status == Status.INFEASIBLE
    text = " ".join(x.en for x in plan.explanation)
    assert "2027-Q1" in text and "30% Chinese-content cap cannot be met for X" in text
    assert "ready in 2027-Q2" in text
    assert all(x.vi and x.vi != x.en for x in plan.explanation)


def test_budget_short_is_quantified():
    plan = plan_project(
        tiny(
            offer={"switching_cost": 3000.0},
            periods={"budget": [1000.0, 1000.0], "china_cap": [0.3, 0.3]},
        ),
        time_limit_s=20,
    )
    assert plan.status == Status.INFEASIBLE
    text = " ".join(x.en for x in plan.explanation)
    assert "2027-Q1: the one-time budget is short by $2,000" in text


def test_slots_short_is_named():
    plan = plan_project(
        tiny(periods={"max_new_qualifications": [0.0, 0.0], "china_cap": [0.3, 0.3]}),
        time_limit_s=20,
    )
    assert plan.status == Status.INFEASIBLE
    assert any("qualification slot" in x.en for x in plan.explanation)


# The checker catches what a wrong plan would hide ------------------------------------------


def test_checker_catches_tampering():
    project = tiny()
    plan = solved(project)
    bad = dataclasses.replace(plan, allocation=plan.allocation.copy())
    bad.allocation.loc[bad.allocation["supplier_id"] == "VN1", "share"] = 0.5
    violations = verify_plan(project, bad).violations
    assert any("add up to" in v for v in violations)
    cheap = dataclasses.replace(plan, total_cost=plan.total_cost - 100)
    assert any("recomputes" in v for v in verify_plan(project, cheap).violations)
    early = tiny(offer={"lead_periods": 1})
    assert any(
        "before its qualification is complete" in v for v in verify_plan(early, plan).violations
    )
    capped = tiny(periods={"china_cap": [0.2, 0.2]})
    assert any("above the cap" in v for v in verify_plan(capped, plan).violations)


def test_same_project_same_plan():
    a, b = solved(tiny(offer={"lead_periods": 1})), solved(tiny(offer={"lead_periods": 1}))
    pd.testing.assert_frame_equal(a.allocation, b.allocation)
    assert a.total_cost == b.total_cost


# Classic supplier selection: fixed onboarding costs, capacities, one period ---------------


def facility_location(fixed, capacity, cost, demand) -> TypedProject:
    """Parts = customers (no incumbent), suppliers = facilities, one period, no tariff."""
    ids = ([f"C{j}" for j in range(len(demand))], [f"F{i}" for i in range(len(fixed))])
    return location_project(fixed, capacity, cost, demand, ids=ids)


def brute_force(fixed, capacity, cost, demand) -> float:
    """Optimum over every set of open suppliers (the transport part is an LP: split freely)."""
    from scipy.optimize import linprog

    best = math.inf
    n, m = len(fixed), len(demand)
    for opened in itertools.product([0, 1], repeat=n):
        idx = [i for i in range(n) if opened[i]]
        if not idx:
            continue
        c = [cost[i][j] * demand[j] for i in idx for j in range(m)]
        a_eq = [[1.0 if j2 == j else 0.0 for _ in idx for j2 in range(m)] for j in range(m)]
        a_ub = [[demand[j] if i2 == i else 0.0 for i2 in idx for j in range(m)] for i in idx]
        res = linprog(
            c,
            A_ub=a_ub,
            b_ub=[capacity[i] for i in idx],
            A_eq=a_eq,
            b_eq=[1.0] * m,
            bounds=(0, 1),
            method="highs",
        )
        if res.status == 0:
            best = min(best, res.fun + sum(fixed[i] for i in idx))
    return best


def random_location(seed: int):
    """Fixed costs and capacities of 5 suppliers, unit costs to and demands of 8 parts."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n, m = 5, 8
    fixed = rng.integers(50, 200, n).tolist()
    capacity = rng.integers(20, 60, n).tolist()
    demand = rng.integers(5, 20, m).tolist()
    cost = rng.integers(1, 20, (n, m)).tolist()
    return fixed, capacity, cost, demand


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_capacitated_supplier_selection_matches_brute_force(seed):
    fixed, capacity, cost, demand = random_location(seed)
    plan = solved(facility_location(fixed, capacity, cost, demand))
    assert plan.total_cost == pytest.approx(brute_force(fixed, capacity, cost, demand), rel=1e-6)


@pytest.mark.parametrize("seed", [1, 2])
def test_kernel_search_finds_the_brute_force_optimum(seed, monkeypatch):
    """The path OR-Library's capa takes (a whole model with a very large LP), forced on a
    small project: the plan is verified and costs what the best set of suppliers costs."""
    from planner.optimise import search

    monkeypatch.setattr(search, "LARGE_LP", 0)
    fixed, capacity, cost, demand = random_location(seed)
    plan = plan_project(facility_location(fixed, capacity, cost, demand), time_limit_s=20)
    assert plan.verified, plan.violations
    assert plan.backend == "highs (kernel search)"
    assert plan.total_cost == pytest.approx(brute_force(fixed, capacity, cost, demand), rel=1e-6)


def test_textbook_uncapacitated_example():
    """Three sites, four customers: F0 alone 85, F2 alone 89, F1 alone 170; opening F0 and F2
    is optimal at 20 + 25 + 2 + 3 + 4 + 2 = 56."""
    fixed = [20, 150, 25]
    cost = [[2, 3, 30, 30], [5, 5, 5, 5], [30, 30, 4, 2]]
    plan = solved(facility_location(fixed, [INF] * 3, cost, [1, 1, 1, 1]))
    assert plan.total_cost == pytest.approx(56)
    assert sorted(plan.actions.loc[plan.actions["kind"] == "onboard", "supplier_id"]) == [
        "F0",
        "F2",
    ]
