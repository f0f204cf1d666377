"""Readiness: a new offer delivers only from `lead` periods after its qualification started,
and each qualification starts at most once. Locked parts have no candidate offers at all
(the instance leaves them out), and incumbents are ready from the start."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel, Variables


def add_readiness(m: SparseModel, inst: Instance, v: Variables) -> None:
    lead = inst.offers["lead"].to_numpy()
    rows, cols, vals, n = [], [], [], 0
    for o in np.nonzero(~inst.offers["incumbent"].to_numpy())[0]:
        for t in np.nonzero(v.share[o] >= 0)[0]:
            starts = v.start[o, : t - lead[o] + 1]
            starts = starts[starts >= 0]
            rows += [n] * (1 + starts.size)
            cols += [v.share[o, t], *starts]
            vals += [1.0] + [-1.0] * starts.size
            n += 1
    m.add_rows("readiness", rows, cols, vals, np.full(n, -np.inf), 0.0)

    # A qualification starts at most once.
    o_idx, t_idx = np.nonzero(v.start >= 0)
    once_rows = np.unique(o_idx, return_inverse=True)[1]
    m.add_rows(
        "start_once",
        once_rows,
        v.start[o_idx, t_idx],
        1.0,
        np.full(once_rows.max() + 1 if once_rows.size else 0, -np.inf),
        1.0,
    )
