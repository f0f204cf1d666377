"""Capacity: an offer delivers at most its capacity a period, and a supplier at most its own
over all the parts it supplies."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

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
    known = view.usable_capacity.reindex(units.index)
    cap = known["stated"].fillna(math.inf)
    new = known["new"].fillna(False).to_numpy(bool)
    usable = known["usable"].fillna(math.inf).to_numpy()
    most = float(getattr(view.inp.settings, "max_utilisation", 1.0))
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


def check_spend_shares(view: PlanView) -> list[str]:
    """No new supplier, and no country but Vietnam and China, holds more than its share of a
    quarter's material spend, counted against that spend at every part's cheapest quote (a
    country above it with today's suppliers: at most what it has today)."""
    inp, s = view.inp, view.inp.settings
    terms = inp.terms
    cheapest = terms.groupby(level=0)["price"].min()
    floor = (inp.need.mul(cheapest.reindex(inp.need.index).fillna(0.0), axis=0)).sum().to_numpy()
    suppliers = view.share.index.get_level_values(1)
    spend = pd.DataFrame(view.un * view.price[:, None], index=suppliers)
    slack = pd.Series(view.price, index=suppliers)  # whole units: half a unit an offer
    out = []
    most = getattr(s, "max_supplier_spend_share", None)
    if most is not None and most < 1:
        new = ~suppliers.isin(list(inp.incumbent_suppliers))
        out += _over(view, spend[new], slack[new], float(most) * floor, "new supplier")
    most = getattr(s, "max_country_spend_share", None)
    if most is not None and most < 1:
        country = inp.suppliers["country"].reindex(suppliers).fillna("").to_numpy()
        keep = ~np.isin(country, ["VN", "CN", ""])
        by_country = spend[keep].set_axis(country[keep])
        today = _today_by_country(view)
        limits = {k: np.maximum(float(most) * floor, today.get(k, 0.0)) for k in set(country[keep])}
        out += _over(view, by_country, slack[keep].set_axis(country[keep]), limits, "country")
    return out


def _over(view: PlanView, spend: pd.DataFrame, slack: pd.Series, limit, what: str) -> list[str]:
    """Groups (the index) whose spend a period exceeds their limit (an array for every group,
    or a dict by group), beyond the rounding to whole units."""
    total = spend.groupby(level=0).sum()
    tol = slack.groupby(level=0).sum()
    out = []
    for name, row in total.iterrows():
        cap = limit[name] if isinstance(limit, dict) else limit
        for t in np.nonzero((row.to_numpy() > cap + tol[name] + TOL) & view.now[0])[0].tolist():
            out.append(
                f"{name} {view.periods[t]}: spend {row.iat[t]:,.0f} is above the {what}'s "
                f"limit of {cap[t]:,.0f}"
            )
    return out


def _today_by_country(view: PlanView) -> dict[str, np.ndarray]:
    """Per country: a quarter's spend with today's suppliers (the do-nothing plan)."""
    inp = view.inp
    inc = inp.terms[inp.terms["incumbent"].astype(bool)]
    parts = inc.index.get_level_values(0)
    country = inp.suppliers["country"].reindex(inc.index.get_level_values(1)).fillna("")
    spend = inp.need.reindex(parts).fillna(0.0).mul(inc["price"].to_numpy(), axis=0)
    return {
        k: v.to_numpy()
        for k, v in spend.set_axis(country.to_numpy()).groupby(level=0).sum().iterrows()
    }
