"""Capacity: an offer delivers at most its capacity a period, and a supplier at most its own
over all the parts it supplies."""

from __future__ import annotations

import math

import numpy as np

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
    """Each supplier's units a period, over all its parts, are within its capacity; a new
    supplier's within `max_utilisation` of it (not the incumbent of any part)."""
    units = view.supplier_units
    caps = view.inp.suppliers["capacity_per_period"].astype(float)
    cap = caps.reindex(units.index).fillna(math.inf)
    most = float(getattr(view.inp.settings, "max_utilisation", 1.0))
    new = ~units.index.isin(list(view.inp.incumbent_suppliers))
    usable = np.where(new, cap.to_numpy() * most, cap.to_numpy())
    over = (units.to_numpy() > usable[:, None] * (1 + TOL) + TOL) & view.now
    return [
        f"{units.index[i]} {view.periods[t]}: {units.iat[i, t]:,.0f} units exceed "
        + (
            f"{most:.0%} of its capacity of {cap.iat[i]:,.0f}"
            if new[i] and most < 1
            else f"its capacity of {cap.iat[i]:,.0f}"
        )
        for i, t in cells(over)
    ]
