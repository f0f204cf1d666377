"""Demand: every part's demand is fully bought in every period (its shares sum to one)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables


def add_demand(m: SparseModel, inst: Instance, v: Variables) -> None:
    T, C = inst.T, inst.C
    o_idx, t_idx = np.nonzero(v.share >= 0)
    rows = inst.col("c")[o_idx] * T + t_idx  # one row per (part, period)
    m.add_rows(
        "demand",
        rows,
        v.share[o_idx, t_idx],
        1.0,
        np.ones(C * T),
        1.0,
        component=np.repeat(np.arange(C), T),
        period=np.tile(np.arange(T), C),
    )
