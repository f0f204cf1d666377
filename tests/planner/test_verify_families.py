"""Each family of the independent checker alone: a tiny plan that meets the family's rule
passes its checker, and the same plan broken in that one way fails it with the message a user
reads.

The tiny project (tests.planner.test_optimise_families.tiny, four quarters): one product X
(FOB $100, 100 units a quarter, all to the US) of one part P1, bought today from CN1 in China
at $50; VN1 in Vietnam quotes $55 with no Chinese content. The plan, written by hand (no
optimiser): VN1 is onboarded ($500) and starts qualifying P1 ($1,000) in Q1, is ready in Q2
(one quarter's lead time) and takes 50% of P1 in Q2 and all of it from Q3.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from planner.optimise import plan_project
from planner.plan import ACTION_COLUMNS, ALLOCATION_COLUMNS, Plan, Status
from planner.project import TypedProject
from planner.verify import (
    Kept,
    capacity,
    demand,
    figures,
    kept,
    limits,
    qualification,
    ramps,
    shares,
    stable,
    tariff,
    verify_plan,
)
from planner.verify.checker import RULES
from planner.verify.content import check_china_cap, check_rvc, recompute_content
from planner.verify.view import PlanView
from tests.planner.test_optimise_families import tiny

Q1, Q2, Q3, Q4 = "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"
LOCAL = (0.0, 0.5, 1.0, 1.0)  # VN1's share of P1 by quarter


def project(
    offer: dict | None = None,
    periods: dict | None = None,
    supplier: dict | None = None,
    settings: dict | None = None,
) -> TypedProject:
    offer = {"lead_periods": 1, "switching_cost": 1_000.0, **(offer or {})}
    supplier = {"onboarding_cost": [0.0, 500.0], **(supplier or {})}
    return tiny(offer, periods, supplier, settings, n_periods=4)


def plan(local=LOCAL, starts=((Q1, "VN1"),), onboards=((Q1, "VN1"),)) -> Plan:
    """The plan with VN1 holding `local` of P1 by quarter and CN1 the rest."""
    rows = []
    for per, share in zip((Q1, Q2, Q3, Q4), local, strict=True):
        for sup, part, price, here in (("CN1", 1 - share, 50.0, "CN"), ("VN1", share, 55.0, "VN")):
            if part > 0:
                units = round(part * 100)
                cost = units * price
                rows.append(("P1", sup, per, part, float(units), price, cost, sup == "CN1", here))
    actions = [
        (per, "start_qualification", "P1", sup, 1_000.0, "", 0.0, 0.0) for per, sup in starts
    ]
    actions += [(per, "onboard", "", sup, 500.0, "", 0.0, 0.0) for per, sup in onboards]
    return Plan(
        Status.FEASIBLE,
        allocation=pd.DataFrame(rows, columns=ALLOCATION_COLUMNS),
        actions=pd.DataFrame(actions, columns=ACTION_COLUMNS),
    )


def view(p: TypedProject | None = None, pl: Plan | None = None, kept_: Kept | None = None):
    """The plan read the checker's way (by default the plan above on the tiny project)."""
    return PlanView(project() if p is None else p, plan() if pl is None else pl, kept_)


def test_the_plan_meets_every_rule():
    assert [text for rule in RULES for text in rule(view())] == []


# Demand and shares ---------------------------------------------------------------------------


def test_demand_only_real_offers_in_the_horizon():
    assert demand.check_known(view()) == []
    strange = plan()
    strange.allocation.loc[1, "supplier_id"] = "XX1"
    strange.allocation.loc[2, "period"] = "2031-Q1"
    assert demand.check_known(view(pl=strange)) == [
        "P1 is bought from XX1 in 2027-Q2, which neither supplies it today nor quoted for it "
        "(or the part is locked)",
        "allocation names unknown periods ['2031-Q1']",
    ]


def test_demand_shares_add_up_to_all_of_it():
    assert demand.check_shares(view()) == []
    short = plan()
    short.allocation.loc[short.allocation["period"] == Q3, "share"] = 0.9
    assert demand.check_shares(view(pl=short)) == [
        "P1 2027-Q3: shares add up to 0.900000, not 100%"
    ]


def test_demand_units_are_whole_and_add_up():
    assert demand.check_whole_units(view()) == []
    off = plan()
    off.allocation.loc[off.allocation["period"] == Q4, "units"] = 97.0
    assert demand.check_whole_units(view(pl=off)) == [
        "the allocation's units do not follow its shares",
        "P1 2027-Q4: units placed do not add up to the demand",
    ]


# Qualification: offer behind it, earliest period, onboarding, lead time ----------------------


def test_qualification_starts_once_not_before_the_earliest_period():
    assert qualification.check_starts(view()) == []
    late = project(offer={"earliest_period": Q2})
    assert qualification.check_starts(view(late)) == [
        "qualification of P1 with VN1 starts before its earliest period"
    ]
    twice = plan(starts=((Q1, "VN1"), (Q2, "VN1"), (Q1, "CN1")))
    assert qualification.check_starts(view(pl=twice)) == [
        "qualification of P1 with CN1 has no offer behind it",
        "qualification of P1 with VN1 starts 2 times",
    ]


def test_qualification_needs_the_supplier_onboarded_first():
    assert qualification.check_onboarding(view()) == []
    assert qualification.check_onboarding(view(pl=plan(onboards=((Q2, "VN1"),)))) == [
        "VN1 starts qualifying P1 in 2027-Q1 before it is onboarded"
    ]
    assert qualification.check_onboarding(view(pl=plan(onboards=((Q1, "VN1"),) * 2))) == [
        "VN1 is onboarded 2 times"
    ]


def test_lead_time_before_delivery():
    assert qualification.check_readiness(view()) == []
    slow = project(offer={"lead_periods": 2})
    assert qualification.check_readiness(view(slow)) == [
        "P1/VN1 delivers in 2027-Q2 before its qualification is complete"
    ]


# A stress test's facts -------------------------------------------------------------------------

KEPT = Kept(
    until=Q2,
    starts={("P1", "VN1"): Q1},
    onboards={"VN1": Q1},
    awards={("P1", "CN1", Q1): 1.0, ("P1", "CN1", Q2): 0.5, ("P1", "VN1", Q2): 0.5},
    parts=frozenset({("P1", Q1), ("P1", Q2)}),
)


def test_kept_facts_stay_as_they_happened():
    assert kept.check_kept(view(kept_=KEPT)) == []
    assert kept.check_kept(view()) == []  # no stress test, nothing kept
    other = plan(local=(0.0, 0.4, 1.0, 1.0), starts=((Q2, "VN1"),))
    assert kept.check_kept(view(pl=other, kept_=KEPT)) == [
        "the qualification of P1 with VN1 started in 2027-Q1 is not kept",
        "P1 with VN1 starts qualifying in 2027-Q2, which has happened",
        "P1/CN1 holds 60.0000% in 2027-Q2, not the 50.0000% it was awarded then",
        "P1/VN1 holds 40.0000% in 2027-Q2, not the 50.0000% it was awarded then",
    ]


# Least share (least orders) and the second-source limit ----------------------------------------


def test_least_share_and_least_order():
    assert shares.check_least_share(view()) == []
    sliver = plan(local=(0.0, 0.02, 1.0, 1.0))
    assert shares.check_least_share(view(pl=sliver)) == [
        "P1/VN1 2027-Q2: a share of 2.00% is below the least allowed"
    ]
    moq = project(offer={"min_units": 60.0})  # 50 units in Q2 are below the offer's 60
    assert shares.check_least_share(view(moq)) == [
        "P1/VN1 2027-Q2: a share of 50.00% is below the least allowed"
    ]


def test_second_source_limit():
    assert shares.check_second_source(view()) == []
    limited = project()
    limited.tables["Components"]["max_supplier_share"] = 0.6
    assert shares.check_second_source(view(limited)) == [
        "P1/VN1 takes 100% in 2027-Q3, more than the part's second-source limit",
        "P1/VN1 takes 100% in 2027-Q4, more than the part's second-source limit",
    ]
    assert shares.check_second_source(view(limited, plan(local=(0.0, 0.5, 0.6, 0.6)))) == []


# Ramps and the incumbent's drop ----------------------------------------------------------------


def test_ramp_up():
    assert ramps.check_ramps(view()) == []
    assert ramps.check_ramps(view(project(offer={"max_ramp": 0.4}))) == [
        "P1/VN1 rises from 0% to 50% in 2027-Q2, more than its ramp of 40%",
        "P1/VN1 rises from 50% to 100% in 2027-Q3, more than its ramp of 40%",
    ]


def test_incumbent_drop():
    assert ramps.check_incumbent_drop(view()) == []
    assert ramps.check_incumbent_drop(view(project(settings={"incumbent_max_drop": 0.4}))) == [
        "P1: incumbent CN1 falls from 100% to 50% in 2027-Q2, more than 40%",
        "P1: incumbent CN1 falls from 50% to 0% in 2027-Q3, more than 40%",
    ]


# Stable awards (no reversals) ------------------------------------------------------------------


def test_no_reversal():
    back = plan(local=(0.0, 0.5, 1.0, 0.8))
    assert stable.check_no_reversal(view(pl=back)) == [
        "P1/VN1 falls in 2027-Q4 after it has risen (no reversals)",
        "P1/CN1 rises again in 2027-Q4 after it has fallen (no reversals)",
    ]
    assert stable.check_no_reversal(view(project(settings={"no_reversal": False}), back)) == []
    assert stable.check_no_reversal(view()) == []


def test_a_ready_offer_holds_its_least_share():
    assert stable.check_ready_offers_used(view()) == []
    idle = plan(local=(0.0, 0.0, 0.5, 1.0))  # ready in Q2, used from Q3
    assert stable.check_ready_offers_used(view(pl=idle)) == [
        "P1/VN1 is qualified and ready in 2027-Q2 but holds less than its least share"
    ]
    loose = project(settings={"no_reversal": False})
    assert stable.check_ready_offers_used(view(loose, idle)) == []


# Capacity --------------------------------------------------------------------------------------


def test_offer_capacity():
    assert capacity.check_offer_capacity(view(project(offer={"capacity_per_period": 100.0}))) == []
    assert capacity.check_offer_capacity(view(project(offer={"capacity_per_period": 60.0}))) == [
        "P1/VN1 2027-Q3: 100 units exceed the offer's capacity",
        "P1/VN1 2027-Q4: 100 units exceed the offer's capacity",
    ]


def test_supplier_capacity():
    roomy = project(supplier={"capacity_per_period": [math.inf, 100.0]})
    assert capacity.check_supplier_capacity(view(roomy)) == []
    tight = project(supplier={"capacity_per_period": [math.inf, 60.0]})
    assert capacity.check_supplier_capacity(view(tight)) == [
        "VN1 2027-Q3: 100 units exceed its capacity of 60",
        "VN1 2027-Q4: 100 units exceed its capacity of 60",
    ]


# Budget, qualification slots and qualifications in progress ------------------------------------


def test_budget():
    assert limits.check_budget(view(project(periods={"budget": [1_500.0] * 4}))) == []
    short = project(periods={"budget": [1_000.0] * 4})
    assert limits.check_budget(view(short)) == [
        "2027-Q1: one-time spending 1,500 exceeds the budget 1,000"
    ]
    # a stress test spent Q1's budget: it is a fact, not checked again
    assert limits.check_budget(view(short, kept_=KEPT)) == []


def test_qualification_slots_and_in_progress():
    slots = {"max_new_qualifications": [1.0] * 4, "max_qualifications_in_progress": [1.0] * 4}
    assert limits.check_qualification_slots(view(project(periods=slots))) == []
    none = {"max_new_qualifications": [0.0] * 4, "max_qualifications_in_progress": [0.0] * 4}
    assert limits.check_qualification_slots(view(project(periods=none))) == [
        "2027-Q1: 1 qualifications start, more than 0",
        "2027-Q1: 1 qualifications run at once, more than 0",
    ]


def test_period_limits_are_told_period_by_period():
    none = {
        "budget": [0.0] * 4,
        "max_new_qualifications": [0.0] * 4,
        "max_qualifications_in_progress": [0.0] * 4,
    }
    slow = project(offer={"lead_periods": 2}, periods=none)  # runs in Q1 and Q2
    assert limits.check_period_limits(view(slow)) == [
        "2027-Q1: one-time spending 1,500 exceeds the budget 0",
        "2027-Q1: 1 qualifications start, more than 0",
        "2027-Q1: 1 qualifications run at once, more than 0",
        "2027-Q2: 1 qualifications run at once, more than 0",
    ]


# Chinese content: the glide path's cap and its margin, RVC and origin, tariff tiers ------------


def content(p: TypedProject, pl: Plan | None = None):
    v = view(p, pl)
    return v, recompute_content(v)


def test_china_cap_and_margin():
    # X's Chinese share: P1 from CN1 is all Chinese, $50 of $100 FOB: 50%, 25%, 0%, 0%
    v, rows = content(project(periods={"china_cap": [math.nan, 0.3, 0.3, 0.3]}))
    assert [round(r.ratio, 6) for r in rows] == [0.5, 0.25, 0.0, 0.0]
    assert check_china_cap(v, rows) == []
    v, rows = content(project(periods={"china_cap": [math.nan, 0.2, 0.2, 0.2]}))
    assert check_china_cap(v, rows) == ["X 2027-Q2: Chinese share 25.0000% is above the cap 20.00%"]
    margin = project(periods={"china_cap": [math.nan, 0.3, 0.3, 0.3]}, settings={"cap_margin": 0.1})
    assert check_china_cap(*content(margin)) == [
        "X 2027-Q2: Chinese share 25.0000% is above the cap 30.00% less the 10.00% margin"
    ]


def test_rvc_minimum_and_origin():
    # X's Vietnamese value content: what is not bought from China, 50%, 75%, 100%, 100%
    v, rows = content(project(settings={"rvc_min": 0.5}))
    assert [round(r.rvc, 6) for r in rows] == [0.5, 0.75, 1.0, 1.0]
    assert check_rvc(v, rows) == []
    assert check_rvc(*content(project(settings={"rvc_min": 0.6}))) == [
        "X 2027-Q1: Vietnamese value content 50.00% is below 60.00%"
    ]
    by_rvc = project(settings={"origin_rvc_min": 0.6})
    by_rvc.tables["Products"]["origin_rule"] = "rvc"
    assert [r.origin for r in content(by_rvc)[1]] == ["not VN", "VN", "VN", "VN"]


def test_tariff_tiers():
    # 10% up to a Chinese share of 40%, 50% above; X ships $10,000 of FOB a quarter to the US
    _, rows = content(project())
    assert [(r.tier, r.rate, r.tariff) for r in rows] == [
        (2, 0.5, 5_000.0),
        (1, 0.1, 1_000.0),
        (1, 0.1, 1_000.0),
        (1, 0.1, 1_000.0),
    ]
    # with a 20-point margin, 25% is not safely under the 40% bound
    _, rows = content(project(settings={"tariff_margin": 0.2}))
    assert [r.tier for r in rows] == [2, 2, 1, 1]
    assert tariff.tier_index([(0.4, 0.1), (1.0, 0.5)], 0.4, 0.0) == 1  # the rounding guard


def test_a_product_schedule_from_its_period():
    p = project()
    p.tables["Tariffs"] = pd.DataFrame(
        {
            "max_china_share": [0.4, 1.0, 1.0],
            "rate": [0.1, 0.5, 0.25],
            "from_period": ["", "", Q3],
            "product_id": ["", "", "X"],
        }
    )
    _, rows = content(p)
    assert [r.schedule for r in rows] == ["all products from 2027-Q1"] * 2 + ["X from 2027-Q3"] * 2
    assert [r.rate for r in rows] == [0.5, 0.1, 0.25, 0.25]


# Money figures: every figure the plan shows, recomputed ---------------------------------------


@pytest.fixture(scope="module")
def solved():
    """The optimiser's plan of the tiny project, with every table it shows."""
    p = tiny(n_periods=2)
    pl = plan_project(p, time_limit_s=20)
    assert pl.verified, pl.violations
    return p, pl


def tampered(pl: Plan, table: str, column: str, value) -> Plan:
    frame = getattr(pl, table).copy()
    frame.loc[frame.index[0], column] = value
    return dataclasses.replace(pl, **{table: frame})


def test_figures_of_the_allocation(solved):
    p, pl = solved
    assert figures.compare_allocation(PlanView(p, pl)) == []
    assert figures.compare_allocation(PlanView(p, tampered(pl, "allocation", "cost", 1.0))) == [
        "an allocation cost is not units x price"
    ]


def test_figures_by_period(solved):
    p, pl = solved
    v = PlanView(p, pl)
    assert figures.compare_periods(v, recompute_content(v)) == []
    wrong = PlanView(p, tampered(pl, "periods", "tariff_cost", 99.0))
    assert figures.compare_periods(wrong, recompute_content(wrong)) == [
        "2027-Q1: the plan shows tariff_cost 99.0000 but it recomputes to 1,000.0000"
    ]


def test_figures_of_the_content_table(solved):
    p, pl = solved
    v = PlanView(p, pl)
    assert figures.compare_content(v, recompute_content(v)) == []
    assert figures.compare_tariff_details(v, recompute_content(v)) == []
    wrong = PlanView(p, tampered(pl, "content", "tariff_tier", 2))
    assert figures.compare_content(wrong, recompute_content(wrong)) == [
        "X 2027-Q1: tier 2 is shown, but the share puts it in tier 1"
    ]
    wrong = PlanView(p, tampered(pl, "content", "origin", "not VN"))
    assert figures.compare_tariff_details(wrong, recompute_content(wrong)) == [
        "X 2027-Q1: origin not VN shown, VN recomputed"
    ]


def test_figures_of_the_load_summary_and_total(solved):
    p, pl = solved
    assert verify_plan(p, pl).ok
    assert figures.compare_load(PlanView(p, tampered(pl, "supplier_load", "units", 1.0))) == [
        "the supplier load differs from the allocation"
    ]
    chk = verify_plan(p, pl)
    assert chk.total_cost == pytest.approx(12_200, abs=1)
    cheap = dataclasses.replace(pl, total_cost=12_000.0)
    assert figures.compare_total(PlanView(p, cheap), chk) == [
        f"the plan states a total cost of 12,000.00 but it recomputes to {chk.total_cost:,.2f}"
    ]
    summary = dataclasses.replace(
        pl, summary=dataclasses.replace(pl.summary, suppliers_onboarded=3)
    )
    v = PlanView(p, summary)
    assert figures.compare_summary(v, recompute_content(v), chk) == [
        "the summary's suppliers_onboarded 3.0000 recomputes to 1.0000"
    ]
