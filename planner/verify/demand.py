"""Demand: every part's demand is met by real offers, its shares add up to all of it and its
units to its rounded demand, split among its suppliers as the shares say."""

from __future__ import annotations

import numpy as np

from planner.verify.common import TOL, cells
from planner.verify.view import PlanView, known_offers


def check_known(view: PlanView) -> list[str]:
    """The allocation buys only from a part's supplier today or an offer, in the horizon."""
    out = []
    alloc = view.plan.allocation
    known = known_offers(alloc, view.inp)
    unknown = alloc.loc[~known, ["component_id", "supplier_id", "period"]]
    for c, sup, per in unknown.itertuples(index=False):
        out.append(
            f"{c} is bought from {sup} in {per}, which neither supplies it today nor quoted for "
            "it (or the part is locked)"
        )
    periods = alloc.loc[known, "period"]
    strange = periods[~periods.isin(view.index)]
    if len(strange):
        out.append(f"allocation names unknown periods {sorted(set(strange))}")
    return out


def check_shares(view: PlanView) -> list[str]:
    """Each share is between 0 and 100%, and each part's shares add up to 100% a period."""
    out = []
    if ((view.sh < -TOL) | (view.sh > 1 + TOL)).any():
        out.append("a share is outside 0..100%")
    parts = sorted(view.inp.used_parts)
    totals = view.share.groupby(level=0).sum().reindex(parts).fillna(0.0)
    for c, row in totals.iterrows():
        for per, value in row.items():
            if abs(value - 1.0) > TOL:
                out.append(f"{c} {per}: shares add up to {value:.6f}, not 100%")
    return out


def check_whole_units(view: PlanView) -> list[str]:
    """Whole units: each part's rounded demand split among its suppliers by their shares."""
    out = []
    un = view.un
    if (np.abs(un - np.rint(un)) > 1e-9).any():
        out.append("the allocation shows fractions of a unit")
    if (np.abs(un - view.sh * np.rint(view.need)) >= 1.0 + 1e-9).any():
        out.append("the allocation's units do not follow its shares")
    need = view.inp.need
    placed = view.units.groupby(level=0).sum().reindex(need.index).fillna(0.0)
    short = np.abs(placed.to_numpy() - np.rint(need.to_numpy())) > 0.5
    for i, t in cells(short):
        out.append(f"{need.index[i]} {view.periods[t]}: units placed do not add up to the demand")
    return out
