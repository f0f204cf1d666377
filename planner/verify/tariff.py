"""Tariff tiers: the schedule in force for a product in a period, its tiers for goods of an
origin, and the tier a Chinese share falls in."""

from __future__ import annotations

import pandas as pd

from planner.plan import BILLING_GUARD
from planner.verify.inputs import Input


def schedule(inp: Input, product: str, t: int) -> tuple[str, pd.DataFrame]:
    """The schedule in force for a product in period t: its own rows from their from_period
    on, the general rows (blank product) before that; its name and rows."""
    rows = inp.tariffs
    start = rows["from_period"].replace("", inp.periods[0]).map(inp.index)
    for owner in (product, ""):
        mine = rows[(rows["product_id"] == owner) & (start <= t)]
        if not mine.empty:
            at = int(start[mine.index].max())
            chosen = rows[(rows["product_id"] == owner) & (start == at)]
            return f"{owner or 'all products'} from {inp.periods[at]}", chosen
    return "", rows.iloc[0:0]


def tiers(rows: pd.DataFrame, origin: str) -> list[tuple[float, float]]:
    """(bound, rate) ascending of the rows that apply to goods of that origin."""
    chosen = rows[rows["origin"].isin(("any", origin))]
    if chosen.empty:
        chosen = rows
    chosen = chosen.sort_values("max_china_share")
    return list(zip(chosen["max_china_share"], chosen["rate"], strict=True))


def tier_index(tiers: list[tuple[float, float]], ratio: float, margin: float) -> int:
    """The first tier whose bound the share stays under with the margin and the rounding
    guard (the plan counts on a tier only then); the last tier otherwise."""
    last = len(tiers) - 1
    return next(
        (i for i, (b, _) in enumerate(tiers) if i == last or ratio <= b - margin - BILLING_GUARD),
        last,
    )
