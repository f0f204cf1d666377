"""Capacity: an offer's own limit is a bound on its share (set with the variables); a
supplier's limit covers all its parts in units per period, incumbent parts included."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel, Variables


def add_supplier_capacity(m: SparseModel, inst: Instance, v: Variables) -> None:
    s_of = inst.offers["s"].to_numpy()
    c_of = inst.offers["c"].to_numpy()
    limited = np.nonzero(np.isfinite(inst.supplier_cap))[0]
    rows, cols, vals, ub, n = [], [], [], [], 0
    for s in limited:
        offers = np.nonzero(s_of == s)[0]
        for t in range(inst.T):
            used = offers[v.share[offers, t] >= 0]
            if used.size == 0:
                continue
            rows += [n] * used.size
            cols += list(v.share[used, t])
            vals += list(inst.demand[c_of[used], t])
            ub.append(inst.supplier_cap[s])
            n += 1
    m.add_rows("supplier_capacity", rows, cols, vals, np.full(n, -np.inf), np.asarray(ub))
