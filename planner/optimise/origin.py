"""Rules of origin: when rvc_min is set, non-originating material value stays within
(1 - rvc_min) x FOB for every product and period (a Vietnamese part counts by its Chinese
share, a foreign part by its whole price)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.content import product_terms
from planner.optimise.model import SparseModel, Variables


def add_rules_of_origin(m: SparseModel, inst: Instance, v: Variables) -> None:
    rvc = inst.settings.rvc_min
    if rvc is None:
        return
    nonorig = inst.offers["nonorig"].to_numpy()
    rows, cols, vals, ub, n = [], [], [], [], 0
    for p in range(inst.P):
        for t in range(inst.T):
            if inst.volume[p, t] <= 0:
                continue
            c, val = product_terms(inst, v, p, t, nonorig)
            rows += [n] * len(c)
            cols += list(c)
            vals += list(val)
            ub.append((1 - rvc) * inst.fob[p])
            n += 1
    m.add_rows("rules_of_origin", rows, cols, vals, np.full(n, -np.inf), np.asarray(ub))
