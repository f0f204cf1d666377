"""Capacity: an offer's own limit and a part's second-source rule are bounds on its share (set
with the variables); a supplier's limit covers all its parts in units per period, incumbent
parts included."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables


def add_supplier_capacity(m: SparseModel, inst: Instance, v: Variables) -> None:
    T = inst.T
    s_of, c_of = inst.col("s"), inst.col("c")
    limited = np.isfinite(inst.supplier_cap)
    rank = np.cumsum(limited) - 1  # row block of each limited supplier
    o_i, t_i = np.nonzero((v.share >= 0) & limited[s_of][:, None])
    if o_i.size == 0:
        return
    rows = rank[s_of[o_i]] * T + t_i
    sups = np.nonzero(limited)[0]
    # rows with no share (a supplier not delivering yet) are dropped by the backend as empty
    m.add_rows(
        "supplier_capacity",
        rows,
        v.share[o_i, t_i],
        inst.demand[c_of[o_i], t_i],
        np.full(sups.size * T, -np.inf),
        np.repeat(inst.supplier_cap[sups], T),
        supplier=np.repeat(sups, T),
        period=np.tile(np.arange(T), sups.size),
    )
