"""Tariff tiers: a product whose Chinese share is above tier k's bound pays a higher tier.
above[p, t, k] = 1 when the share exceeds max_china_share[k] (bounds inclusive), nested so
that above k+1 implies above k; the tariff is rate_0 plus the rises of the tiers passed."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.content import china_per_unit, content_rows
from planner.optimise.model import SparseModel, Variables


def tariff_base(inst: Instance) -> np.ndarray:
    """USD of tariff per unit of rate: FOB x US share x units, P x T (0 when inactive)."""
    return (inst.fob * inst.us_share)[:, None] * inst.volume * inst.tariff_active[None, :]


def add_tariff_tiers(m: SparseModel, inst: Instance, v: Variables) -> None:
    K1 = v.above.shape[2]
    if K1 == 0:
        return
    max_cc = np.array(
        [(inst.qty[p, inst.offers["c"]] * china_per_unit(inst)).sum() for p in range(inst.P)]
    )
    rows, cols, vals, ub, n = [], [], [], [], 0
    nest_rows, nest_cols, nest_vals, nn = [], [], [], 0
    for p in range(inst.P):
        for t in range(inst.T):
            for k in range(K1):
                z = v.above[p, t, k]
                if z < 0:
                    continue
                c, val, rhs = content_rows(inst, v, p, t, inst.tier_share[k])
                big = (
                    max(max_cc[p] - (0 if inst.settings.content_basis == "materials" else rhs), 0.0)
                    + 1.0
                )
                rows += [n] * (len(c) + 1)
                cols += [*c, z]
                vals += [*val, -big]
                ub.append(rhs)
                n += 1
                if k + 1 < K1:  # above the next tier implies above this one
                    nest_rows += [nn, nn]
                    nest_cols += [v.above[p, t, k + 1], z]
                    nest_vals += [1.0, -1.0]
                    nn += 1
    m.add_rows("tariff_tier", rows, cols, vals, np.full(n, -np.inf), np.asarray(ub))
    m.add_rows("tariff_nesting", nest_rows, nest_cols, nest_vals, np.full(nn, -np.inf), 0.0)
