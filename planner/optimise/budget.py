"""Budget: switching costs of qualifications started in a period plus onboarding costs of
suppliers onboarded in it stay within that period's one-time budget."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.optimise.qualifications import start_terms
from planner.optimise.variables import Variables, lagged


def one_time_terms(inst: Instance, v: Variables):
    """(row t, column, value) triplets of the one-time spending in each period t."""
    rows, cols, vals = start_terms(v, 1, inst.col("switching"))
    prev = lagged(v.onboarded, 1)
    s_i, t_i = np.nonzero(v.onboarded >= 0)
    cost = inst.supplier_onboarding[s_i]
    rows = np.concatenate([rows, t_i, t_i])
    cols = np.concatenate([cols, v.onboarded[s_i, t_i], prev[s_i, t_i]])
    vals = np.concatenate([vals, cost, -cost])
    return rows, cols, vals


def add_budget(m: SparseModel, inst: Instance, v: Variables) -> None:
    limited = np.isfinite(inst.budget)
    rows, cols, vals = one_time_terms(inst, v)
    keep = limited[rows]
    index = np.cumsum(limited) - 1
    m.add_rows(
        "budget",
        index[rows[keep]],
        cols[keep],
        vals[keep],
        np.full(int(limited.sum()), -np.inf),
        inst.budget[limited],
        period=np.arange(inst.T)[limited],
    )
