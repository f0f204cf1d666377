"""Ramp: a new supplier's share rises by at most max_ramp per period; an incumbent's share
falls by at most incumbent_max_drop per period (it holds 100% before the first period)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel, Variables


def add_ramp(m: SparseModel, inst: Instance, v: Variables) -> None:
    T = inst.T
    incumbent = inst.offers["incumbent"].to_numpy()
    max_ramp = inst.offers["max_ramp"].to_numpy()
    drop = float(inst.settings.incumbent_max_drop)

    rows, cols, vals, ub, n = [], [], [], [], 0
    for o in np.nonzero(~incumbent)[0]:
        if max_ramp[o] >= 1:
            continue
        for t in np.nonzero(v.share[o] >= 0)[0]:
            prev = v.share[o, t - 1] if t > 0 else -1
            rows += [n, n]
            cols += [v.share[o, t], prev]
            vals += [1.0, -1.0]
            ub.append(max_ramp[o])
            n += 1
    m.add_rows("ramp_up", rows, cols, vals, np.full(n, -np.inf), np.asarray(ub))

    if drop < 1:
        rows, cols, vals, lb, n = [], [], [], [], 0
        for o in np.nonzero(incumbent)[0]:
            for t in range(T):
                # a[o0, t] - a[o0, t-1] >= -drop, with a[o0, -1] = 1
                rows += [n, n] if t > 0 else [n]
                cols += [v.share[o, t], v.share[o, t - 1]] if t > 0 else [v.share[o, t]]
                vals += [1.0, -1.0] if t > 0 else [1.0]
                lb.append(-drop if t > 0 else 1.0 - drop)
                n += 1
        m.add_rows("incumbent_drop", rows, cols, vals, np.asarray(lb), np.inf)
