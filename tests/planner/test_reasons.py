"""The reasons why, on the tiny project of test_optimise_families: each switch says which
limit needs it and when, and what it costs against what it brings; binding limits are priced."""

from __future__ import annotations

import copy
import math

import pytest

from planner.project import INF
from tests.planner.test_optimise_families import solved, tiny


def only_reason(plan):
    assert len(plan.reasons) == 1, plan.reasons
    return plan.reasons.iloc[0]


def test_a_switch_that_keeps_the_low_tariff_says_so():
    plan = solved(tiny())
    why = only_reason(plan)
    assert why["needed_for"] == "tariff" and why["needed_period"] == "2027-Q1"
    # without it both periods pay 50% instead of 10% of 10,000: 8,000 more duty
    assert why["tariff_saved"] == pytest.approx(8_000)
    assert why["premium"] == pytest.approx(2 * 100 * 0.2 * 5, rel=1e-3)
    assert "40% tariff threshold" in why["reason_en"] and "X" in why["reason_en"]
    assert "ngưỡng thuế 40%" in why["reason_vi"]


def test_a_switch_for_the_glide_path_names_the_cap_and_the_lead():
    plan = solved(
        tiny(
            offer={"lead_periods": 1},
            periods={"china_cap": [math.nan, 0.3]},
            n_periods=2,
        )
    )
    why = only_reason(plan)
    assert why["needed_for"] == "cap" and why["needed_period"] == "2027-Q2"
    assert "30% cap on X in 2027-Q2" in why["reason_en"] and "lead 1 quarter" in why["reason_en"]


def test_a_cheaper_quote_is_taken_for_its_price():
    plan = solved(tiny(offer={"unit_price": 40.0}))
    why = only_reason(plan)
    assert why["needed_for"] in ("price", "tariff")
    assert why["premium"] < 0


def test_a_binding_budget_is_priced():
    # the Q1 budget keeps the switch to Q2: more budget in Q1 would save the Q1 tariff
    plan = solved(tiny(offer={"switching_cost": 3000.0}, periods={"budget": [1000.0, INF]}))
    limits = plan.limits
    row = limits[(limits["family"] == "budget") & (limits["period"] == "2027-Q1")]
    assert len(row) == 1 and row.iloc[0]["value"] > 0
    assert "2027-Q1" in row.iloc[0]["text_en"] and "at least" in row.iloc[0]["text_en"]
    assert "ngân sách" in row.iloc[0]["text_vi"]


def test_a_binding_cap_is_priced_exactly():
    plan = solved(tiny(periods={"china_cap": [0.2, 0.2]}))
    caps = plan.limits[plan.limits["family"] == "china_cap"]
    # one point more cap lets 2% less be bought locally: 100 units x 2% x $5 = $10 a period
    assert len(caps) == 2
    assert caps["value"].tolist() == pytest.approx([10.0, 10.0], rel=1e-3)


def test_the_checker_recomputes_the_reasons_figures():
    from planner.verify import check_reasons, verify_plan

    project = tiny(supplier={"onboarding_cost": 700.0})
    plan = solved(project)
    why = only_reason(plan)
    assert why["one_time_cost"] == pytest.approx(
        float(project["Offers"]["switching_cost"].iloc[0]) + 700.0
    )
    for column, wrong in (("premium", why["premium"] + 50), ("one_time_cost", 1.0)):
        bad = plan.reasons.copy()
        bad.loc[0, column] = wrong
        plan_wrong = copy.copy(plan)
        plan_wrong.reasons = bad
        violations = verify_plan(project, plan_wrong).violations
        assert any("reason" in v for v in violations), (column, violations)
        assert check_reasons(project, plan_wrong)  # as the planner asks once it explains
    assert check_reasons(project, plan) == []
    missing = copy.copy(plan)
    missing.reasons = plan.reasons.iloc[0:0]
    assert any("reasons" in v for v in check_reasons(project, missing))
