"""Capacity: an offer delivers at most its capacity a period, and a supplier at most its own
over all the parts it supplies."""

from __future__ import annotations

import math

from planner.verify.common import TOL, cells
from planner.verify.view import PlanView


def check_offer_capacity(view: PlanView) -> list[str]:
    """Each offer's units a period are within the offer's capacity."""
    cap = view.terms["cap"].to_numpy(float)[:, None]
    over = (view.un > cap * (1 + TOL) + TOL) & view.now
    return [
        f"{view.names[i]} {view.periods[t]}: {view.un[i, t]:,.0f} units exceed the offer's capacity"
        for i, t in cells(over)
    ]


def check_supplier_capacity(view: PlanView) -> list[str]:
    """Each supplier's units a period, over all its parts, are within its capacity."""
    units = view.supplier_units
    caps = view.inp.suppliers["capacity_per_period"].astype(float)
    cap = caps.reindex(units.index).fillna(math.inf)
    over = (units.to_numpy() > cap.to_numpy()[:, None] * (1 + TOL) + TOL) & view.now
    return [
        f"{units.index[i]} {view.periods[t]}: {units.iat[i, t]:,.0f} units exceed its capacity "
        f"of {cap.iat[i]:,.0f}"
        for i, t in cells(over)
    ]
