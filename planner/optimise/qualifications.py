"""Engineering capacity and onboarding: at most max_new_qualifications starts per period; at
most max_qualifications_in_progress qualifications running at once (one started in t with lead
L runs in t..t+L-1, in t alone when L is 0); a new supplier is onboarded once, in or before
the period of its first start."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables, lagged


def start_terms(v: Variables, lag: np.ndarray | int, weight: np.ndarray | float = 1.0):
    """(row t, column, value) triplets of sum_o weight[o] * (started[o, t] - started[o, t-lag])."""
    n_offers = v.started.shape[0]
    now = v.started
    before = v.lagged_started(lag)
    weight = np.broadcast_to(np.asarray(weight, float), (n_offers,))
    o_i, t_i = np.nonzero(now >= 0)
    rows = np.concatenate([t_i, t_i])
    cols = np.concatenate([now[o_i, t_i], before[o_i, t_i]])
    vals = np.concatenate([weight[o_i], -weight[o_i]])
    return rows, cols, vals


def add_qualification_slots(m: SparseModel, inst: Instance, v: Variables) -> None:
    T = inst.T
    rows, cols, vals = start_terms(v, 1)
    limited = np.isfinite(inst.slots)
    keep = limited[rows]
    index = np.cumsum(limited) - 1
    m.add_rows(
        "qualification_slots",
        index[rows[keep]],
        cols[keep],
        vals[keep],
        np.full(int(limited.sum()), -np.inf),
        inst.slots[limited],
        period=np.arange(T)[limited],
    )

    limited = np.isfinite(inst.in_progress)
    if limited.any():
        running = np.maximum(inst.col("lead"), 1)
        rows, cols, vals = start_terms(v, running)
        keep = limited[rows]
        index = np.cumsum(limited) - 1
        m.add_rows(
            "qualifications_in_progress",
            index[rows[keep]],
            cols[keep],
            vals[keep],
            np.full(int(limited.sum()), -np.inf),
            inst.in_progress[limited],
            period=np.arange(T)[limited],
        )


def add_onboarding(m: SparseModel, inst: Instance, v: Variables) -> None:
    # started[o, t] <= onboarded[s, t] for offers of new suppliers
    s_of = inst.col("s")
    real = inst.supplier_is_new[s_of] & ~v.trivial  # trivial starts are the onboarding itself
    o_i, t_i = np.nonzero((v.started >= 0) & real[:, None])
    n = o_i.size
    m.add_rows(
        "onboard_before_start",
        np.repeat(np.arange(n), 2),
        np.stack([v.started[o_i, t_i], v.onboarded[s_of[o_i], t_i]], 1),
        np.tile([1.0, -1.0], n),
        np.full(n, -np.inf),
        0.0,
        offer=o_i,
        supplier=s_of[o_i],
        period=t_i,
    )
    # onboarded never falls
    prev = lagged(v.onboarded, 1)
    s_i, t_i = np.nonzero((v.onboarded >= 0) & (prev >= 0))
    n = s_i.size
    m.add_rows(
        "onboard_once",
        np.repeat(np.arange(n), 2),
        np.stack([v.onboarded[s_i, t_i], prev[s_i, t_i]], 1),
        np.tile([1.0, -1.0], n),
        np.zeros(n),
        np.inf,
        supplier=s_i,
        period=t_i,
    )
