"""The two margins and their price, on the tiny project of test_optimise_families (one part
bought from China at $50, a Vietnamese quote at $55; 10% duty up to a 40% Chinese share, 50%
above it; 100 units of a $100 product a quarter, all to the US, two quarters).

Without a margin the plan buys 20% locally (share 40%): 2 x (5,100 + 1,000) = 12,200. With 2
points below the tariff bound it buys 24% (share 38%): 2 x (5,120 + 1,000) = 12,240, so the
margin costs $40, and a slip over the bound would cost (50% - 10%) x $10,000 = $4,000 a quarter.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from planner.optimise.margins import price_margins, with_margin_prices
from planner.verify import verify_plan
from tests.planner.test_optimise_families import solved, tiny


def test_the_tariff_margin_is_kept_and_priced():
    project = tiny(settings={"tariff_margin": 0.02})
    plan = with_margin_prices(project, solved(project), time_limit_s=10)
    assert plan.total_cost == pytest.approx(12_240, abs=0.1)
    assert plan.content["tier_margin"].min() >= 0.02
    (row,) = plan.margins.itertuples()
    assert (row.setting, row.margin) == ("tariff_margin", 0.02)
    assert row.cost_without == pytest.approx(12_200, abs=0.1)
    assert row.price == pytest.approx(40, abs=0.1)
    assert row.price_low <= row.price <= row.price_high
    assert verify_plan(project, plan).ok


def test_what_a_slip_over_the_bound_would_cost_is_shown_and_checked():
    project = tiny(settings={"tariff_margin": 0.02})
    plan = solved(project)
    assert plan.content["duty_at_stake"].tolist() == pytest.approx([4_000, 4_000])
    assert plan.content["us_value"].tolist() == pytest.approx([10_000, 10_000])
    plan.content.loc[0, "duty_at_stake"] = 400.0
    assert any("duty at stake" in v for v in verify_plan(project, plan).violations)


def test_an_exempt_product_has_no_duty_at_stake_and_its_margin_costs_nothing():
    project = tiny(settings={"tariff_margin": 0.02})
    project.tables["Products"]["tariff_exempt"] = [True]
    plan = solved(project)
    assert plan.total_cost == pytest.approx(10_000)  # nothing to switch for
    assert plan.content["duty_at_stake"].tolist() == [0.0, 0.0]
    (row,) = price_margins(project, plan, time_limit_s=5).itertuples()
    assert row.price == pytest.approx(0, abs=0.01)


def test_the_cap_margin_is_the_customer_caps_own():
    # a customer cap of 30% and 5 points kept below it: 25% share, 50% bought locally
    project = tiny(periods={"china_cap": [0.3, 0.3]}, settings={"cap_margin": 0.05})
    plan = with_margin_prices(project, solved(project), time_limit_s=10)
    assert plan.content["cap_margin"].min() >= 0.05 - 1e-9
    assert plan.total_cost == pytest.approx(2 * (5_250 + 1_000), abs=0.1)
    (row,) = plan.margins.itertuples()
    assert row.setting == "cap_margin"
    assert row.price == pytest.approx(2 * 10 * 5, abs=0.1)  # 10 units more at $5, twice


def test_no_margin_no_price():
    project = tiny(settings={"tariff_margin": 0.0})
    assert price_margins(project, solved(project)).empty


def test_the_checker_refuses_a_misstated_price():
    project = tiny(settings={"tariff_margin": 0.02})
    plan = with_margin_prices(project, solved(project), time_limit_s=10)
    wrong = plan.margins.copy()
    wrong.loc[0, "price"] = 4.0
    found = verify_plan(project, dataclasses.replace(plan, margins=wrong)).violations
    assert any("not the difference" in v for v in found)
    wrong = plan.margins.copy()
    wrong.loc[0, "margin"] = 0.01
    found = verify_plan(project, dataclasses.replace(plan, margins=wrong)).violations
    assert any("the settings keep" in v for v in found)


def test_a_margin_that_cannot_be_kept_makes_the_plan_infeasible():
    # a 1% cap with 2 points kept below it: no share can be below -1%
    project = tiny(periods={"china_cap": [0.01, 0.01]}, settings={"cap_margin": 0.02})
    from planner.optimise import plan_project

    plan = plan_project(project, time_limit_s=5)
    assert not plan.has_plan
    assert not math.isnan(project.settings.cap_margin)


def test_a_price_without_the_other_plans_bound_has_no_high_end():
    # a short search may end without a bound: the price stands, its range's high end is blank
    project = tiny(settings={"tariff_margin": 0.02})
    plan = with_margin_prices(project, solved(project), time_limit_s=10)
    blank = plan.margins.astype(object)
    blank.loc[0, "bound_without"] = None
    blank.loc[0, "price_high"] = None
    assert verify_plan(project, dataclasses.replace(plan, margins=blank)).ok
    blank.loc[0, "price_high"] = 99.0  # a high end with no bound to come from
    found = verify_plan(project, dataclasses.replace(plan, margins=blank)).violations
    assert any("high end" in v for v in found)
