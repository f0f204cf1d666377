"""The second wave's rules (DESIGN.md section 7, issue 14), each on the tiny project of
test_optimise_families with a hand-computed optimum, a case the rule makes infeasible, and a
plan the checker must refuse when the rule is broken.

Reminder of the tiny project: material 5,000 + 500 a per period (a = local share), tariff
5,000 per period above a 40% Chinese share (a < 0.2) and 1,000 at or below it.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from planner.optimise import plan_project
from planner.plan import Status
from planner.project import INF
from planner.verify import verify_plan
from tests.planner.test_optimise_families import local_share, solved, tiny

THREE = ["2027-Q1", "2027-Q2", "2027-Q3"]


def infeasible(project) -> list[str]:
    plan = plan_project(project, time_limit_s=20)
    assert plan.status == Status.INFEASIBLE, plan.status
    return [x.en for x in plan.explanation]


def shares(plan, supplier: str = "VN1") -> list[float]:
    return [local_share(plan, p) if supplier == "VN1" else 0.0 for p in plan.periods["period"]]


# no_reversal -----------------------------------------------------------------------------


def test_no_reversal_keeps_the_award_through_a_quarter_without_tariff():
    # The tariff lapses in Q2: without the rule the local share would drop to 0 there and
    # come back in Q3 (17,200); with it (the default) it stays at 20%: 17,300.
    periods = {"tariff_active": [True, False, True]}
    free = solved(tiny(periods=periods, n_periods=3, settings={"no_reversal": False}))
    assert free.total_cost == pytest.approx(17_200, abs=0.1)
    assert local_share(free, "2027-Q2") == 0.0
    stable = solved(tiny(periods=periods, n_periods=3))
    assert stable.total_cost == pytest.approx(17_300, abs=0.1)
    assert local_share(stable, "2027-Q2") == pytest.approx(0.2, abs=1e-4)


def test_no_reversal_makes_a_shrinking_capacity_infeasible():
    # 30 local units a quarter; volume 100 then 300: the 20% needed under the Q1 cap would have
    # to fall to 10% in Q2. Without the rule it may.
    base = {
        "offer": {"capacity_per_period": 30.0},
        "periods": {"china_cap": [0.4, math.nan]},
    }
    project = tiny(**base)
    project.tables["Volumes"] = pd.DataFrame(
        {"product_id": ["X", "X"], "period": ["2027-Q1", "2027-Q2"], "units": [100.0, 300.0]}
    )
    infeasible(project)
    relaxed = tiny(**base, settings={"no_reversal": False})
    relaxed.tables["Volumes"] = project.tables["Volumes"]
    assert solved(relaxed).status == Status.OPTIMAL


def test_checker_refuses_a_reversal():
    project = tiny(periods={"tariff_active": [True, False, True]}, n_periods=3)
    plan = solved(project)
    bad = _with_shares(project, plan, {"2027-Q2": 0.1})
    assert any("falls in 2027-Q2" in v for v in verify_plan(project, bad).violations)


# min_share and MOQ -----------------------------------------------------------------------


def test_min_share_rounds_an_award_up():
    plan = solved(tiny(settings={"min_share": 0.3}))
    assert plan.total_cost == pytest.approx(2 * (5_150 + 1_000), abs=0.1)
    assert local_share(plan, "2027-Q1") == pytest.approx(0.3)


def test_min_share_applies_to_the_incumbent_too():
    # a 1.5% cap needs 97% local; the incumbent may not keep a 3% sliver: 100% local
    capped = {"china_cap": [0.015, 0.015]}
    assert solved(tiny(periods=capped)).total_cost == pytest.approx(2 * (5_500 + 1_000))
    free = solved(tiny(periods=capped, settings={"min_share": 0.0}))
    assert free.total_cost == pytest.approx(2 * (5_485 + 1_000), abs=0.1)


def test_min_share_with_too_little_capacity_is_infeasible():
    project = tiny(
        offer={"capacity_per_period": 25.0},
        periods={"china_cap": [0.4, 0.4]},
        settings={"min_share": 0.3},
    )
    infeasible(project)


def test_moq_in_units():
    plan = solved(tiny(offer={"min_units": 30.0}))
    assert plan.total_cost == pytest.approx(2 * (5_150 + 1_000), abs=0.1)


def test_checker_refuses_a_sliver():
    project = tiny()
    plan = solved(project)
    bad = _with_shares(project, plan, {"2027-Q1": 0.02, "2027-Q2": 0.02})
    assert any("below the least allowed" in v for v in verify_plan(project, bad).violations)


# Second source ----------------------------------------------------------------------------


def test_second_source_caps_a_new_supplier():
    project = tiny(settings={"objective": "min_china"})
    project.tables["Components"]["max_supplier_share"] = [0.7]
    plan = solved(project)
    assert local_share(plan, "2027-Q2") == pytest.approx(0.7)


def test_second_source_with_a_zero_cap_is_infeasible():
    project = tiny(periods={"china_cap": [0.0, 0.0]})
    project.tables["Components"]["max_supplier_share"] = [0.7]
    infeasible(project)


# Safety margin ----------------------------------------------------------------------------


def test_margin_keeps_the_share_below_the_tier_bound():
    # 2 points of margin: the low tier needs a share of at most 38%, so 24% local
    plan = solved(tiny(settings={"tariff_margin": 0.02}))
    assert plan.total_cost == pytest.approx(2 * (5_120 + 1_000), abs=0.1)
    assert plan.content["tier_margin"].min() >= 0.02 - 1e-9


def test_margin_below_a_cap_can_make_it_infeasible():
    text = infeasible(tiny(periods={"china_cap": [0.01, 0.01]}, settings={"cap_margin": 0.02}))
    assert any("margin" in line for line in text)


def test_within_the_margin_is_billed_at_the_higher_tier():
    # a plan at 39% with a 2-point margin pays the 50% rate: the plan does not count on 10%
    project = tiny(settings={"tariff_margin": 0.02})
    plan = solved(tiny(settings={"tariff_margin": 0.0}))
    check = verify_plan(project, plan)
    assert any("tier" in v for v in check.violations)


# Qualifications in progress -------------------------------------------------------------


def test_qualifications_in_progress_count_their_whole_lead():
    # lead 2: a start in Q1 runs in Q1 and Q2. With one qualification allowed at once it
    # starts in Q1 and delivers from Q3; with none allowed in Q2 it can never run.
    four = [f"2027-Q{i}" for i in range(1, 5)]
    plan = solved(
        tiny(
            offer={"lead_periods": 2},
            periods={"max_qualifications_in_progress": [1.0] * 4},
            n_periods=4,
        )
    )
    assert plan.total_cost == pytest.approx(2 * 10_000 + 2 * 6_100, abs=0.1)
    assert plan.periods["in_progress"].tolist() == [1, 1, 0, 0]
    blocked = solved(
        tiny(
            offer={"lead_periods": 2},
            periods={"max_qualifications_in_progress": [1.0, 0.0, 1.0, 1.0]},
            n_periods=4,
        )
    )
    assert blocked.total_cost == pytest.approx(40_000)
    assert four[0] in blocked.periods["period"].tolist()


def test_qualifications_in_progress_short_is_named():
    text = infeasible(
        tiny(
            offer={"lead_periods": 1},
            periods={"max_qualifications_in_progress": [0.0, 0.0], "china_cap": [math.nan, 0.3]},
        )
    )
    assert any("in parallel" in line for line in text)


# Origin: one definition for model and checker ---------------------------------------------


def test_origin_country_decides_the_value_content():
    # rvc 70% needs 40% local when the local part is made in Vietnam; made in Japan and sold
    # by a Vietnamese distributor, it counts as foreign and the rule cannot be met
    assert solved(tiny(settings={"rvc_min": 0.7})).total_cost == pytest.approx(
        2 * (5_200 + 1_000), abs=0.1
    )
    infeasible(tiny(offer={"origin_country": "JP"}, settings={"rvc_min": 0.7}))


def test_incumbent_origin_is_its_current_country_for_model_and_checker():
    # bought through a Chinese trading house (supplier CN1) but made in Vietnam: the part is
    # originating (its Chinese share still counts as content)
    project = tiny(settings={"rvc_min": 0.6})
    project.tables["Components"]["current_country"] = ["VN"]
    project.tables["Components"]["current_china_share"] = [0.2]
    plan = solved(project)
    assert plan.content["rvc"].min() == pytest.approx(1 - 0.2 * 50 / 100)
    assert verify_plan(project, plan).ok


# Ties: same plan twice, and the sensible one ---------------------------------------------


def test_equal_quotes_give_one_qualification_and_the_same_plan_twice():
    project = tiny(
        supplier={
            "supplier_id": ["CN1", "VN1", "VN2"],
            "name": ["", "", ""],
            "country": ["CN", "VN", "VN"],
            "province": ["", "", ""],
            "onboarding_cost": [0.0, 0.0, 0.0],
            "capacity_per_period": [INF, INF, INF],
        }
    )
    twin = project.tables["Offers"].iloc[0].copy()
    twin["supplier_id"] = "VN2"
    project.tables["Offers"] = pd.concat(
        [project.tables["Offers"], twin.to_frame().T], ignore_index=True
    )
    a, b = solved(project), solved(project)
    pd.testing.assert_frame_equal(a.allocation, b.allocation)
    assert (a.actions["kind"] == "start_qualification").sum() == 1


# helpers ----------------------------------------------------------------------------------


def _with_shares(project, plan, local: dict[str, float]):
    """The plan with the local share set per period (the incumbent takes the rest)."""
    alloc = plan.allocation.copy()
    for period, value in local.items():
        rows = alloc["period"] == period
        alloc.loc[rows & (alloc["supplier_id"] == "VN1"), "share"] = value
        alloc.loc[rows & (alloc["supplier_id"] == "CN1"), "share"] = 1 - value
        for sup in ("VN1", "CN1"):
            r = rows & (alloc["supplier_id"] == sup)
            alloc.loc[r, "units"] = (alloc.loc[r, "share"] * 100).round()
            alloc.loc[r, "cost"] = alloc.loc[r, "units"] * alloc.loc[r, "unit_price"]
    return dataclasses.replace(plan, allocation=alloc)
