"""Change capacity: at most max_new_qualifications starts per period; a new supplier is
onboarded once, in or before the period of its first start."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel, Variables


def add_qualification_slots(m: SparseModel, inst: Instance, v: Variables) -> None:
    limited = [t for t in range(inst.T) if np.isfinite(inst.slots[t])]
    rows, cols = [], []
    for n, t in enumerate(limited):
        starts = v.start[:, t]
        starts = starts[starts >= 0]
        rows += [n] * starts.size
        cols += list(starts)
    m.add_rows(
        "qualification_slots", rows, cols, 1.0, np.full(len(limited), -np.inf), inst.slots[limited]
    )


def add_onboarding(m: SparseModel, inst: Instance, v: Variables) -> None:
    s_of = inst.offers["s"].to_numpy()
    rows, cols, vals, n = [], [], [], 0
    for o, t in zip(*np.nonzero(v.start >= 0), strict=True):
        s = s_of[o]
        if not inst.supplier_is_new[s]:
            continue
        boards = v.onboard[s, : t + 1]
        boards = boards[boards >= 0]
        rows += [n] * (1 + boards.size)
        cols += [v.start[o, t], *boards]
        vals += [1.0] + [-1.0] * boards.size
        n += 1
    m.add_rows("onboard_before_start", rows, cols, vals, np.full(n, -np.inf), 0.0)
    s_idx, t_idx = np.nonzero(v.onboard >= 0)
    once = np.unique(s_idx, return_inverse=True)[1]
    m.add_rows(
        "onboard_once",
        once,
        v.onboard[s_idx, t_idx],
        1.0,
        np.full(once.max() + 1 if once.size else 0, -np.inf),
        1.0,
    )
