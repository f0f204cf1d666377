"""Every reason replayed: the figures a sentence states are recomputed here by moving the plan's
own decisions (a switch taken away, a start moved a quarter later) and pricing them, and the
limits it says are full are read off the periods table; the Why column's duty kept off adds up
to the duty the plan saves. On tiny projects whose answer is known by hand
(test_optimise_families.tiny) and on the sample."""

from __future__ import annotations

import copy
import math
import re

import numpy as np
import pytest

from planner.instance import build_instance
from planner.optimise.decisions import billing, figures, from_plan
from planner.optimise.extract import plan_cost
from planner.project import INF
from planner.validate import check_file
from planner.verify import check_reasons, verify_plan
from tests.planner.test_optimise_families import solved, tiny

SAMPLE = "sample_data/vr_headset_bac_ninh.xlsx"
LATER = re.compile(
    r"Starting it a quarter later \((?P<p>[^)]+)\) would cost "
    r"(?:(?P<same>the same)|\$(?P<x>[\d,.]+) (?P<dir>more|less))"
)
WITHOUT = re.compile(r"without it the plan pays \$(?P<x>[\d,]+) more duty")
CAP = re.compile(r"Needed for the (?P<c>\d+)% cap on (?P<p>[^;]+) in (?P<w>\d{4}-Q\d)")


def offer_of(inst, component, supplier) -> int:
    keys = zip(inst.col("component_id"), inst.col("supplier_id"), strict=True)
    return next(o for o, key in enumerate(keys) if key == (component, supplier))


def moved_later(inst, d, o):
    """The test's own move: start a quarter later, the share of the first quarter it was ready
    in back to the part's supplier today."""
    later = d.copy()
    later.start[o] += 1
    ready = int(d.start[o] + inst.col("lead")[o])
    inc = inst.incumbent_offer[inst.col("c")[o]]
    if ready < inst.T:
        later.share[inc, ready] += later.share[o, ready]
        later.share[o, ready] = 0.0
    return later


def without(inst, d, o):
    """The plan with the switch taken away: its shares back to the part's supplier today."""
    gone = d.copy()
    inc = inst.incumbent_offer[inst.col("c")[o]]
    gone.share[inc] += gone.share[o]
    gone.share[o] = 0.0
    gone.start[o] = -1
    return gone


def stated_later(text: str) -> float:
    """The cost of starting a quarter later the sentence states (negative: less)."""
    m = LATER.search(text)
    assert m, text
    if m["same"]:
        return 0.0
    return float(m["x"].replace(",", "")) * (1 if m["dir"] == "more" else -1)


def replay(project, plan) -> int:
    """Replay every sentence of the plan's reasons; the count of claims replayed."""
    inst = build_instance(project)
    d = from_plan(inst, plan)
    assert d is not None
    base = plan_cost(inst, d)
    periods = plan.periods.set_index("period")
    claims = 0
    for r in plan.reasons.itertuples(index=False):
        o = offer_of(inst, r.component_id, r.supplier_id)
        text = r.reason_en
        assert "costs no more" not in text and "(s)" not in text, text
        if "a quarter later" in text:
            cost = plan_cost(inst, moved_later(inst, d, o)) - base
            assert stated_later(text) == pytest.approx(cost, abs=0.01), text
            claims += 1 + _limit_claim(text, periods, inst, o, d)
        if m := WITHOUT.search(text):
            fig = figures(inst, without(inst, d, o).share)
            more = (
                billing(inst, fig).tariff.sum() - billing(inst, figures(inst, d.share)).tariff.sum()
            )
            assert float(m["x"].replace(",", "")) == pytest.approx(more, abs=0.5), text
            claims += 1
        if m := CAP.search(text):
            ratio = figures(inst, without(inst, d, o).share)["ratio"]
            t = inst.periods.index(m["w"])
            for p in m["p"].split(", "):
                # the cap the plan without it breaks, less the cap margin
                cap = inst.china_cap[t] - inst.cap_margin
                assert ratio[inst.products.index(p), t] > cap, text
            assert round(inst.china_cap[t] * 100) == int(m["c"])
            claims += 1
    return claims


def _limit_claim(text, periods, inst, o, d) -> int:
    """A limit the later start breaks, read off the periods table (and the offer's terms)."""
    if m := re.search(r"in progress in (\S+) is reached \((\d+) of (\d+) running\)", text):
        row = periods.loc[m[1]]
        assert row["in_progress"] == row["in_progress_limit"] == int(m[2]) == int(m[3])
        return 1
    if m := re.search(r"qualification slots of (\S+) are full \((\d+) of (\d+) used\)", text):
        row = periods.loc[m[1]]
        assert row["slots_used"] == row["qualification_slots"] == int(m[2]) == int(m[3])
        return 1
    if m := re.search(r"budget of (\S+) is too short", text):
        row = periods.loc[m[1]]
        assert row["budget_used"] + inst.col("switching")[o] > row["budget"]
        return 1
    if m := re.search(r"could not rise that fast \(at most (\d+)% of the part", text):
        ramp = float(inst.col("max_ramp")[o])
        assert round(ramp * 100) == int(m[1])
        later = moved_later(inst, d, o)
        assert (np.diff(later.share[o]) > ramp + 1e-9).any() or later.share[o, 0] > ramp
        return 1
    return 0


def test_a_start_kept_early_by_full_slots_says_so_and_what_later_costs():
    # the cap binds only in Q3, but no qualification may start in Q2 or Q3: it starts in Q1;
    # the quote is cheaper than the part bought today, so starting later costs more
    project = tiny(
        offer={"unit_price": 45.0, "max_ramp": 0.5},
        periods={
            "china_cap": [math.nan, math.nan, 0.3],
            "max_new_qualifications": [INF, 0.0, 0.0],
            "tariff_active": [False] * 3,
        },
        n_periods=3,
    )
    plan = solved(project)
    why = plan.reasons.iloc[0]
    assert why["period"] == "2027-Q1" and why["needed_period"] == "2027-Q3"
    text = why["reason_en"]
    assert "qualification slots of 2027-Q2 are full (0 of 0 used)" in text
    # Q1's share (50%, the ramp) bought at $45 instead of $50: 100 x 50% x $5 = $250 more
    assert stated_later(text) == pytest.approx(250.0)
    assert "lượt phê duyệt của 2027-Q2 đã hết" in why["reason_vi"]
    assert replay(project, plan) == 3


def test_a_start_kept_early_by_its_ramp_says_so():
    # 40% local needed in Q3 for the 30% cap, rising at most 25% a quarter: it starts in Q2
    project = tiny(
        offer={"max_ramp": 0.25},
        periods={"china_cap": [math.nan, math.nan, 0.3], "tariff_active": [False] * 3},
        n_periods=3,
    )
    plan = solved(project)
    why = plan.reasons.iloc[0]
    assert why["period"] == "2027-Q2" and why["needed_for"] == "cap"
    assert "could not rise that fast (at most 25% of the part a quarter)" in why["reason_en"]
    # starting in Q3 saves Q2's premium: 100 x 15% x $5 (the share just rounds above 15%)
    assert stated_later(why["reason_en"]) == pytest.approx(-75.0, abs=0.1)
    assert replay(project, plan) == 3


def test_the_tiny_tariff_reason_replays():
    project = tiny()
    plan = solved(project)
    assert replay(project, plan) == 1
    saved = plan.summary.do_nothing_tariff - plan.summary.tariff_cost
    assert plan.reasons["tariff_saved"].sum() == pytest.approx(saved) == pytest.approx(8_000)


@pytest.fixture(scope="module")
def sample():
    project = check_file(SAMPLE).project
    from planner.optimise import plan_project

    plan = plan_project(project, time_limit_s=20, clock=False)
    assert plan.verified and not plan.reasons.empty
    return project, plan


def test_the_sample_duty_kept_off_adds_up_to_the_duty_saved(sample):
    _, plan = sample
    saved = plan.summary.do_nothing_tariff - plan.summary.tariff_cost
    assert saved > 1_000_000
    assert plan.reasons["tariff_saved"].sum() == pytest.approx(saved, rel=1e-9)
    # a part whose switch removes no Chinese content keeps no duty off
    assert (plan.reasons["tariff_saved"] >= -0.01).all()


def test_the_sample_reasons_replay(sample):
    project, plan = sample
    assert replay(project, plan) >= len(plan.reasons)
    assert plan.reasons["reason_en"].str.contains("a quarter later").any()


def test_the_checker_refuses_a_misstated_duty_kept_off(sample):
    project, plan = sample
    assert check_reasons(project, plan) == []
    rows = plan.reasons
    big = rows["tariff_saved"].to_numpy()
    i, j = int(np.argmax(big)), int(np.argmin(big))
    swapped = rows.copy()
    swapped.loc[i, "tariff_saved"], swapped.loc[j, "tariff_saved"] = big[j], big[i]
    whole = rows.copy()
    whole["tariff_saved"] = big.max()  # each credited with a whole tier: not the duty saved
    for bad, says in ((swapped, "keeps"), (whole, "adds up to")):
        wrong = copy.copy(plan)
        wrong.reasons = bad
        found = check_reasons(project, wrong)
        assert any(says in v for v in found), found
        assert any("duty" in v for v in verify_plan(project, wrong).violations)
