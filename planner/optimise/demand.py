"""Demand: every part's demand is fully bought in every period (shares sum to one)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel, Variables


def add_demand(m: SparseModel, inst: Instance, v: Variables) -> None:
    T = inst.T
    c = inst.offers["c"].to_numpy()
    o_idx, t_idx = np.nonzero(v.share >= 0)
    rows = c[o_idx] * T + t_idx  # one row per (part, period)
    m.add_rows("demand", rows, v.share[o_idx, t_idx], 1.0, np.ones(inst.C * T), 1.0)
