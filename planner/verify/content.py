"""Chinese content and origin, per product and period: the Chinese share of FOB (or of
materials) within the glide path's cap less the safety margin, the Vietnamese value content
(RVC) at least the minimum, and from both the origin, the tariff tier and the duty."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from planner.plan import BILLING_GUARD
from planner.verify import tariff
from planner.verify.common import TOL, column
from planner.verify.view import PlanView


class ProductPeriod(NamedTuple):
    """One product in one period, recomputed from the plan's shares."""

    product: str
    period: str
    t: int
    china: float  # Chinese content, USD a unit
    ratio: float  # the Chinese share the cap and the tiers read
    rvc: float
    tier: int  # from 1
    rate: float
    bound: float  # of the tier
    tariff: float  # after pass-through
    cap: float
    limited: bool  # the limits apply: units to make, in a period that has not happened
    schedule: str
    origin: str
    full: float  # the duty before pass-through
    at_stake: float  # the duty borne more above the billed tier's bound (0 at the top)
    us_value: float  # FOB value shipped to the US


def recompute_content(view: PlanView) -> list[ProductPeriod]:
    """Every product's content, origin and duty, product by product, period by period."""
    return [row for p in view.inp.products.index for row in _product_rows(view, p)]


def _product_rows(view: PlanView, p: str) -> list[ProductPeriod]:
    inp = view.inp
    china, ratio, rvc = _content(view, p)
    vol = inp.volume.loc[p].to_numpy(float)
    billed = _billed_base(view, p, vol)
    by_rvc = column(inp.products, "origin_rule", "process").get(p, "process") == "rvc"
    products = inp.products
    us_value = float(products.loc[p, "fob_price"]) * float(products.loc[p, "us_share"]) * vol
    rows = []
    for t, per in enumerate(view.periods):
        origin = _origin(view, by_rvc, rvc[t])
        name, rates = tariff.schedule(inp, p, t)
        tiers = tariff.tiers(rates, origin) or [(1.0, 0.0)]
        k = tariff.tier_index(tiers, ratio[t], view.tariff_margin)
        bound, rate = tiers[k]
        full = rate * billed[t]
        above = tiers[k + 1][1] if k + 1 < len(tiers) and bound < 1.0 - 1e-12 else rate
        limited = vol[t] > 0 and not view.past[t]  # what was bought in the past is a fact
        rows.append(
            ProductPeriod(
                product=p,
                period=per,
                t=t,
                china=china[t],
                ratio=ratio[t],
                rvc=rvc[t],
                tier=k + 1,
                rate=rate,
                bound=bound,
                tariff=full * inp.pass_through,
                cap=inp.cap[t],
                limited=limited,
                schedule=name,
                origin=origin,
                full=full,
                at_stake=(above - rate) * billed[t] * inp.pass_through,
                us_value=us_value[t],
            )
        )
    return rows


def _content(view: PlanView, p: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A unit's Chinese content (USD), Chinese share and RVC, by period. Goods made in
    Vietnam count their Chinese content as non-originating, any other goods all of it."""
    inp, T = view.inp, view.T
    price, cs = view.price, view.terms["cs"].to_numpy(float)
    nonorig_unit = np.where(view.made_in_vn, price * cs, price)
    q = inp.bom[inp.bom["product_id"] == p].set_index("component_id")["qty_per_unit"]
    qty = q.reindex(view.share.index.get_level_values(0)).fillna(0.0).to_numpy()[:, None]
    china = (qty * view.sh * (price * cs)[:, None]).sum(axis=0)
    material = (qty * view.sh * price[:, None]).sum(axis=0)
    nonorig = (qty * view.sh * nonorig_unit[:, None]).sum(axis=0)
    fob = float(inp.products.loc[p, "fob_price"])
    base = material if inp.settings.content_basis == "materials" else np.full(T, fob)
    ratio = np.divide(china, base, out=np.zeros(T), where=base > 0)
    return china, ratio, 1.0 - nonorig / fob


def _billed_base(view: PlanView, p: str, vol: np.ndarray) -> np.ndarray:
    """The FOB value shipped to the US by period while the tariff is active (none for a
    product exempt from it)."""
    products = view.inp.products
    exempt = bool(column(products, "tariff_exempt", False).get(p, False))
    fob = float(products.loc[p, "fob_price"])
    billed = fob * float(products.loc[p, "us_share"]) * vol * view.inp.active
    return billed * (0.0 if exempt else 1.0)


def _origin(view: PlanView, by_rvc: bool, rvc: float) -> str:
    """Made here, or (origin_rule rvc) an RVC at the threshold with the rounding guard."""
    least = view.inp.origin_rvc_min if view.inp.origin_rvc_min is not None else 0.0
    return "VN" if (not by_rvc or rvc >= least + BILLING_GUARD) else "not VN"


def above_cap(view: PlanView, row: ProductPeriod) -> str | None:
    """The Chinese share is within the glide path's cap less the cap margin."""
    cap, margin = row.cap, view.cap_margin
    if row.limited and not math.isnan(cap) and row.ratio > cap - margin + 1e-9:
        what = f"the cap {cap:.2%}" + (f" less the {margin:.2%} margin" if margin else "")
        return f"{row.product} {row.period}: Chinese share {row.ratio:.4%} is above {what}"
    return None


def short_of_rvc(view: PlanView, row: ProductPeriod) -> str | None:
    """The Vietnamese value content is at least the minimum the settings ask."""
    least = view.inp.settings.rvc_min
    if row.limited and least is not None and row.rvc < least - TOL:
        return (
            f"{row.product} {row.period}: Vietnamese value content {row.rvc:.2%} is below "
            f"{least:.2%}"
        )
    return None


def _each_row(view: PlanView, rows: list[ProductPeriod], *rules) -> list[str]:
    found = (rule(view, row) for row in rows for rule in rules)
    return [text for text in found if text]


def check_china_cap(view: PlanView, rows: list[ProductPeriod]) -> list[str]:
    return _each_row(view, rows, above_cap)


def check_rvc(view: PlanView, rows: list[ProductPeriod]) -> list[str]:
    return _each_row(view, rows, short_of_rvc)


def check_content_limits(view: PlanView, rows: list[ProductPeriod]) -> list[str]:
    """Cap and RVC, product by product and period by period."""
    return _each_row(view, rows, above_cap, short_of_rvc)
