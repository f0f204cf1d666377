"""Ramps: an offer's share rises by at most its ramp a period, and a supplier today's falls by
at most its part's (or the setting's) drop."""

from __future__ import annotations

from planner.verify.common import TOL, cells
from planner.verify.view import PlanView


def check_ramps(view: PlanView) -> list[str]:
    """An offer's share rises at most by its ramp a period."""
    ramp = view.terms["ramp"].to_numpy(float)
    steep = ~view.incumbent[:, None] & (view.rise > ramp[:, None] + TOL)
    return [
        f"{view.names[i]} rises from {view.before[i, t]:.0%} to {view.sh[i, t]:.0%} in "
        f"{view.periods[t]}, more than its ramp of {ramp[i]:.0%}"
        for i, t in cells(steep)
    ]


def check_incumbent_drop(view: PlanView) -> list[str]:
    """A supplier today loses at most its drop of the part a period."""
    drop = view.terms["drop"].to_numpy(float)
    steep = view.incumbent[:, None] & (-view.rise > drop[:, None] + TOL)
    out = []
    for i, t in cells(steep):
        part, sup = view.share.index[i]
        out.append(
            f"{part}: incumbent {sup} falls from {view.before[i, t]:.0%} to {view.sh[i, t]:.0%} "
            f"in {view.periods[t]}, more than {drop[i]:.0%}"
        )
    return out
