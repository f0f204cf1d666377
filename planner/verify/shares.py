"""Shares of a part: an offer that delivers holds at least its least share (the setting's, or
its minimum units of the part's demand), and at most the part's second-source limit."""

from __future__ import annotations

from planner.verify.common import TOL, cells
from planner.verify.view import PlanView


def check_least_share(view: PlanView) -> list[str]:
    """A share held is no sliver: an offer's at least its least share, a supplier today's at
    least the setting's least share."""
    sh, inc = view.sh, view.incumbent[:, None]
    held = (sh > TOL) & view.now
    sliver = held & (sh < view.least - TOL) & ~inc
    sliver |= held & (sh < view.min_share - TOL) & inc
    return [
        f"{view.names[i]} {view.periods[t]}: a share of {sh[i, t]:.2%} is below the least allowed"
        for i, t in cells(sliver)
    ]


def check_second_source(view: PlanView) -> list[str]:
    """An offer takes at most the part's largest share for one supplier."""
    max_share = view.terms["max_share"].to_numpy(float)[:, None]
    over = ~view.incumbent[:, None] & (view.sh > max_share + TOL) & view.now
    return [
        f"{view.names[i]} takes {view.sh[i, t]:.0%} in {view.periods[t]}, more than the part's "
        "second-source limit"
        for i, t in cells(over)
    ]
