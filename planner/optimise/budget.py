"""Budget: switching costs of qualifications started in a period plus onboarding costs of
suppliers onboarded in it stay within that period's one-time budget."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel, Variables


def one_time_terms(inst: Instance, v: Variables, t: int) -> tuple[list[int], list[float]]:
    switching = inst.offers["switching"].to_numpy()
    starts = np.nonzero(v.start[:, t] >= 0)[0]
    boards = np.nonzero(v.onboard[:, t] >= 0)[0]
    cols = list(v.start[starts, t]) + list(v.onboard[boards, t])
    vals = list(switching[starts]) + list(inst.supplier_onboarding[boards])
    return cols, vals


def add_budget(m: SparseModel, inst: Instance, v: Variables) -> None:
    rows, cols, vals, ub = [], [], [], []
    for t in range(inst.T):
        if not np.isfinite(inst.budget[t]):
            continue
        c, val = one_time_terms(inst, v, t)
        rows += [len(ub)] * len(c)
        cols += c
        vals += val
        ub.append(inst.budget[t])
    m.add_rows("budget", rows, cols, vals, np.full(len(ub), -np.inf), np.asarray(ub))
