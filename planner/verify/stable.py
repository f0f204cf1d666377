"""Stable awards (the no_reversal setting): an offer once ready holds at least its least share,
an offer's share never falls and a supplier today's never rises again."""

from __future__ import annotations

from planner.verify.common import TOL, cells
from planner.verify.view import PlanView


def check_ready_offers_used(view: PlanView) -> list[str]:
    """With stable awards, an offer qualified and ready holds at least its least share."""
    if not view.stable:
        return []
    delivering = ~view.incumbent[:, None] & (view.t_idx >= view.ready[:, None]) & view.now
    unused = delivering & (view.sh < view.least - TOL)
    return [
        f"{view.names[i]} is qualified and ready in {view.periods[t]} but holds less than its "
        "least share"
        for i, t in cells(unused)
    ]


def check_no_reversal(view: PlanView) -> list[str]:
    """With stable awards, shares move one way: an offer's up, a supplier today's down."""
    if not view.stable:
        return []
    inc = view.incumbent[:, None]
    falls = [
        f"{view.names[i]} falls in {view.periods[t]} after it has risen (no reversals)"
        for i, t in cells(~inc & (view.rise < -TOL))
    ]
    rises = [
        f"{view.names[i]} rises again in {view.periods[t]} after it has fallen (no reversals)"
        for i, t in cells(inc & (view.rise > TOL))
    ]
    return falls + rises
