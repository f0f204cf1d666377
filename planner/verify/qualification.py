"""Qualification: a qualification starts once, with an offer behind it, not before the offer's
earliest period and not before its supplier is onboarded (a supplier today needs none); a
supplier is onboarded once; an offer delivers only once its lead time has run."""

from __future__ import annotations

from planner.verify.common import TOL, cells
from planner.verify.view import PlanView


def check_starts(view: PlanView) -> list[str]:
    """Each qualification started has an offer behind it, starts once and not before the
    offer's earliest period."""
    out = []
    acts = view.plan.actions
    starts = acts[acts["kind"] == "start_qualification"]
    for (c, sup), grp in starts.groupby(["component_id", "supplier_id"]):
        if not view.has_offer((c, sup)):
            out.append(f"qualification of {c} with {sup} has no offer behind it")
            continue
        if len(grp) > 1:
            out.append(f"qualification of {c} with {sup} starts {len(grp)} times")
        t0 = view.start_at[(c, sup)]
        if t0 < int(view.term[(c, sup)]["earliest"]) and not view.past[t0]:
            out.append(f"qualification of {c} with {sup} starts before its earliest period")
    return out


def check_onboarding(view: PlanView) -> list[str]:
    """Each supplier is onboarded once, and a new supplier before it starts qualifying a
    part."""
    out = []
    acts = view.plan.actions
    for sup, grp in acts[acts["kind"] == "onboard"].groupby("supplier_id"):
        if len(grp) > 1:
            out.append(f"{sup} is onboarded {len(grp)} times")
    for (c, sup), t0 in view.start_at.items():
        new = sup not in view.inp.incumbent_suppliers
        if new and view.board_at.get(sup, view.T) > t0 and not view.past[t0]:
            out.append(f"{sup} starts qualifying {c} in {view.periods[t0]} before it is onboarded")
    return out


def check_readiness(view: PlanView) -> list[str]:
    """An offer delivers only from the period its qualification is complete."""
    early = (view.sh > TOL) & (view.t_idx < view.ready[:, None]) & view.now
    return [
        f"{view.names[i]} delivers in {view.periods[t]} before its qualification is complete"
        for i, t in cells(early)
    ]
