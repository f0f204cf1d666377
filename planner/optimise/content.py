"""Content glide path: each product's Chinese content (USD per unit) stays within the
period's cap times its base (the FOB price, or its material cost per unit)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel, Variables


def product_terms(inst: Instance, v: Variables, p: int, t: int, per_unit: np.ndarray):
    """Columns and coefficients of sum_c q[p, c] sum_o per_unit[o] * a[o, t]."""
    c_of = inst.offers["c"].to_numpy()
    offers = np.nonzero((v.share[:, t] >= 0) & (inst.qty[p, c_of] > 0))[0]
    return v.share[offers, t], inst.qty[p, c_of[offers]] * per_unit[offers]


def china_per_unit(inst: Instance) -> np.ndarray:
    return (inst.offers["price"] * inst.offers["cs"]).to_numpy()


def content_rows(inst: Instance, v: Variables, p: int, t: int, share: float):
    """CC[p, t] - share * base[p, t] as (cols, vals, constant on the right-hand side)."""
    cols, vals = product_terms(inst, v, p, t, china_per_unit(inst))
    if inst.settings.content_basis == "materials":
        mcols, mvals = product_terms(inst, v, p, t, inst.offers["price"].to_numpy())
        return np.concatenate([cols, mcols]), np.concatenate([vals, -share * mvals]), 0.0
    return cols, vals, share * inst.fob[p]


def add_content_cap(m: SparseModel, inst: Instance, v: Variables) -> None:
    rows, cols, vals, ub, n = [], [], [], [], 0
    for t in range(inst.T):
        if np.isnan(inst.china_cap[t]):
            continue
        for p in range(inst.P):
            if inst.volume[p, t] <= 0:
                continue
            c, val, rhs = content_rows(inst, v, p, t, inst.china_cap[t])
            rows += [n] * len(c)
            cols += list(c)
            vals += list(val)
            ub.append(rhs)
            n += 1
    m.add_rows("china_cap", rows, cols, vals, np.full(n, -np.inf), np.asarray(ub))
