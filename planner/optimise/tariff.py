"""Tariff tiers: a product whose Chinese share is above tier k's bound (less the safety margin)
pays a higher tier. above[p, t, k] = 1 when the share may exceed bound_k - margin, nested so
that above k+1 implies above k; the tariff is rate_0 plus the rises of the tiers passed, times
FOB x US share x units. Rates must not fall (validated), so the objective keeps `above` at 0
whenever the share allows it.

The big-M of each row is the largest share the product can have in that period (its dearest
usable offers, and never more than its cap), so the LP relaxation stays tight; a tier that can
never be passed gets no binary, and one that is always passed is a constant."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.content import cap_bound, product_offers, share_rows
from planner.optimise.model import EPS, SparseModel
from planner.optimise.variables import Variables


def share_range(inst: Instance, p: int, t: int, bound: float) -> tuple[float, float]:
    """Least and largest value of the row's left side for product p in period t (fob basis:
    the Chinese share; materials basis: Chinese content less bound x materials, over FOB)."""
    p_all, o_all = product_offers(inst)
    o = o_all[p_all == p]
    o = o[inst.first_ready()[o] <= t]
    c = inst.col("c")[o]
    unit = inst.qty[p, c] * inst.col("price")[o] / inst.fob[p]
    cs = inst.col("cs")[o]
    coef = unit * (cs - bound) if inst.settings.content_basis == "materials" else unit * cs
    lo = np.full(inst.C, np.inf)
    hi = np.full(inst.C, -np.inf)
    np.minimum.at(lo, c, coef)
    np.maximum.at(hi, c, coef)
    used = np.isfinite(lo)
    return float(lo[used].sum()), float(hi[used].sum())


def tier_bounds(inst: Instance) -> np.ndarray:
    """P x T x K: the share the model holds a product under to use tier k."""
    return inst.tier_bound - inst.margin - EPS


def add_tariff_tiers(m: SparseModel, inst: Instance, v: Variables) -> None:
    base = inst.tariff_base()
    rises = np.diff(inst.tier_rate, axis=2)  # P x T x (K-1)
    bounds = tier_bounds(inst)
    caps = cap_bound(inst)
    materials = inst.settings.content_basis == "materials"
    offset = float((inst.tier_rate[:, :, 0] * base).sum())
    todo: list[tuple[int, int, int, float]] = []  # (p, t, k, big-M)
    for p in range(inst.P):
        for t in range(inst.T):
            if base[p, t] <= 0:
                continue
            for k in range(inst.K - 1):
                if rises[p, t, k] <= 0:
                    continue
                b = bounds[p, t, k]
                lo, hi = share_range(inst, p, t, b)
                rhs = 0.0 if materials else b
                if not np.isnan(caps[t]):  # the cap row holds the share below cap - margin
                    if materials:
                        hi = min(hi, _materials_cap_room(inst, p, t, caps[t], b))
                    else:
                        hi = min(hi, caps[t])
                if hi <= rhs:
                    continue  # never above: no cost
                if lo > rhs:
                    offset += float(rises[p, t, k] * base[p, t])  # always above
                    continue
                todo.append((p, t, k, hi - rhs))
    m.objective_offset += offset
    if not todo:
        return
    cols = m.add_vars(len(todo), 0, 1, integer=True, kind="above")
    pt = np.array([(p, t) for p, t, _, _ in todo])
    ks = np.array([k for _, _, k, _ in todo])
    big = np.array([b for *_, b in todo])
    v.above[pt[:, 0], pt[:, 1], ks] = cols
    m.add_cost(cols, rises[pt[:, 0], pt[:, 1], ks] * base[pt[:, 0], pt[:, 1]])
    rows, rcols, vals, rhs = share_rows(inst, v, pt, bounds[pt[:, 0], pt[:, 1], ks])
    n = len(todo)
    m.add_rows(
        "tariff_tier",
        np.concatenate([rows, np.arange(n)]),
        np.concatenate([rcols, cols]),
        np.concatenate([vals, -big]),
        np.full(n, -np.inf),
        rhs,
        product=pt[:, 0],
        period=pt[:, 1],
        tier=ks,
    )
    # above the next tier implies above this one (both must exist)
    nxt = v.above[:, :, 1:]
    cur = v.above[:, :, :-1]
    p_i, t_i, k_i = np.nonzero((nxt >= 0) & (cur >= 0))
    n = p_i.size
    m.add_rows(
        "tariff_nesting",
        np.repeat(np.arange(n), 2),
        np.stack([nxt[p_i, t_i, k_i], cur[p_i, t_i, k_i]], 1),
        np.tile([1.0, -1.0], n),
        np.full(n, -np.inf),
        0.0,
        product=p_i,
        period=t_i,
        tier=k_i,
    )


def _materials_cap_room(inst: Instance, p: int, t: int, cap: float, b: float) -> float:
    """Materials basis: under the cap, content - b x materials <= (cap - b) x materials."""
    if cap <= b:
        return 0.0
    _, most_materials = _material_range(inst, p, t)
    return (cap - b) * most_materials


def _material_range(inst: Instance, p: int, t: int) -> tuple[float, float]:
    p_all, o_all = product_offers(inst)
    o = o_all[p_all == p]
    o = o[inst.first_ready()[o] <= t]
    c = inst.col("c")[o]
    unit = inst.qty[p, c] * inst.col("price")[o] / inst.fob[p]
    lo = np.full(inst.C, np.inf)
    hi = np.full(inst.C, -np.inf)
    np.minimum.at(lo, c, unit)
    np.maximum.at(hi, c, unit)
    used = np.isfinite(lo)
    return float(lo[used].sum()), float(hi[used].sum())
