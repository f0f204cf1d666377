"""Content glide path: each product's Chinese content stays within the period's cap, less the
safety margin, as a share of its base (the FOB price, or its material cost per unit)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import EPS, SparseModel
from planner.optimise.variables import Variables


def product_offers(inst: Instance) -> tuple[np.ndarray, np.ndarray]:
    """(p, o) pairs: offer o supplies a part that product p uses."""
    p_i, o_i = np.nonzero(inst.qty[:, inst.col("c")] > 0)
    return p_i, o_i


def share_rows(inst: Instance, v: Variables, pt: np.ndarray, bound: np.ndarray):
    """Triplets of rows sum_o coef * a[o, t] <= rhs, one per (p, t) in `pt` (R x 2), meaning
    "the Chinese share of p in t is at most bound[r]", in share units (divided by FOB).

    fob basis: coef = q price cs / FOB, rhs = bound; materials basis: coef = q price (cs -
    bound) / FOB, rhs = 0. Returns rows, columns, values, rhs."""
    p_all, o_all = product_offers(inst)
    price, cs, c_of = inst.col("price"), inst.col("cs"), inst.col("c")
    materials = inst.settings.content_basis == "materials"
    by_p = [o_all[p_all == p] for p in range(inst.P)]
    rows, cols, vals = [], [], []
    for r, (p, t) in enumerate(pt):
        o = by_p[p]
        col = v.share[o, t]
        ok = col >= 0
        o, col = o[ok], col[ok]
        unit = inst.qty[p, c_of[o]] * price[o] / inst.fob[p]
        coef = unit * (cs[o] - bound[r]) if materials else unit * cs[o]
        rows.append(np.full(o.size, r))
        cols.append(col)
        vals.append(coef)
    rhs = np.zeros(len(pt)) if materials else np.asarray(bound, float)
    if not rows:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0), rhs
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals), rhs


def capped(inst: Instance) -> np.ndarray:
    """(p, t) pairs under a cap, R x 2."""
    t_ok = ~np.isnan(inst.china_cap)
    p_i, t_i = np.nonzero(t_ok[None, :] & (inst.volume > 0))
    return np.stack([p_i, t_i], 1)


def cap_bound(inst: Instance) -> np.ndarray:
    """T: the share the model holds each product under (cap - cap margin - EPS)."""
    return inst.china_cap - inst.cap_margin - EPS


def add_content_cap(m: SparseModel, inst: Instance, v: Variables) -> None:
    pt = capped(inst)
    bound = cap_bound(inst)[pt[:, 1]] if len(pt) else np.zeros(0)
    rows, cols, vals, rhs = share_rows(inst, v, pt, bound)
    m.add_rows(
        "china_cap",
        rows,
        cols,
        vals,
        np.full(len(pt), -np.inf),
        rhs,
        product=pt[:, 0] if len(pt) else np.zeros(0, int),
        period=pt[:, 1] if len(pt) else np.zeros(0, int),
    )
