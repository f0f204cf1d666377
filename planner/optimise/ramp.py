"""Ramps and stable awards: a new supplier's share rises by at most max_ramp per period; an
incumbent's falls by at most its part's incumbent_max_drop (it holds 100% before the first
period). With no_reversal, a new supplier's share never falls and an incumbent's never rises
again. With min_share, an incumbent holds 0 or at least min_share: `gone` marks its exit."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables, lagged


def _steps(v: Variables, offers: np.ndarray, T: int):
    """(o, t, this column, previous column) for every existing share of `offers`."""
    prev = lagged(v.share, 1)
    mask = (v.share >= 0) & offers[:, None]
    o_i, t_i = np.nonzero(mask)
    return o_i, t_i, v.share[o_i, t_i], prev[o_i, t_i]


def add_ramp(m: SparseModel, inst: Instance, v: Variables) -> None:
    _add_ramp_up(m, inst, v)
    _add_incumbent_drop(m, inst, v)
    _add_incumbent_exit(m, inst, v)


def _add_ramp_up(m: SparseModel, inst: Instance, v: Variables) -> None:
    """New offers: 0 <= a[o, t] - a[o, t-1] <= max_ramp (the lower bound with no_reversal)."""
    stable = bool(inst.settings.no_reversal)
    max_ramp = inst.col("max_ramp")
    o_i, t_i, now, before = _steps(v, ~inst.col("incumbent"), inst.T)
    keep = (max_ramp[o_i] < 1) | (stable & (before >= 0))
    o_i, t_i, now, before = o_i[keep], t_i[keep], now[keep], before[keep]
    n = o_i.size
    m.add_rows(
        "ramp_up",
        np.repeat(np.arange(n), 2),
        np.stack([now, before], 1),
        np.tile([1.0, -1.0], n),
        np.where(stable & (before >= 0), 0.0, -np.inf),
        np.where(max_ramp[o_i] < 1, max_ramp[o_i], np.inf),
        offer=o_i,
        period=t_i,
    )


def _add_incumbent_drop(m: SparseModel, inst: Instance, v: Variables) -> None:
    """Incumbents: -drop <= a[o0, t] - a[o0, t-1] <= 0 (the upper bound with no_reversal),
    with a[o0, -1] = 1."""
    stable = bool(inst.settings.no_reversal)
    drop = inst.col("drop")
    o_i, t_i, now, before = _steps(v, inst.col("incumbent"), inst.T)
    keep = (drop[o_i] < 1) | stable
    o_i, t_i, now, before = o_i[keep], t_i[keep], now[keep], before[keep]
    first = t_i == 0  # a[o0, 0] - 1 in [-drop, 0]
    n = o_i.size
    lo = np.where(first, 1.0 - drop[o_i], -drop[o_i])
    hi = np.where(first, 1.0, 0.0) if stable else np.full(n, np.inf)
    m.add_rows(
        "incumbent_drop",
        np.repeat(np.arange(n), 2),
        np.stack([now, before], 1),
        np.tile([1.0, -1.0], n),
        lo,
        hi,
        offer=o_i,
        period=t_i,
        component=inst.col("c")[o_i],
    )


def _add_incumbent_exit(m: SparseModel, inst: Instance, v: Variables) -> None:
    """The incumbent's exit: a[o0, t] <= 1 - gone[c, t] and a[o0, t] >= min_share (1 - gone);
    with no_reversal, once gone, gone for good."""
    ms = float(inst.settings.min_share)
    c_i, t_i = np.nonzero(v.gone >= 0)
    if not c_i.size:
        return
    inc = v.share[inst.incumbent_offer[c_i], t_i]
    gone = v.gone[c_i, t_i]
    n = c_i.size
    pairs = np.repeat(np.arange(n), 2)
    labels = {"component": c_i, "period": t_i, "offer": inst.incumbent_offer[c_i]}
    m.add_rows(
        "incumbent_exit", pairs, np.stack([inc, gone], 1), 1.0, np.full(n, -np.inf), 1.0, **labels
    )
    m.add_rows(
        "incumbent_least_share",
        pairs,
        np.stack([inc, gone], 1),
        np.tile([1.0, ms], n),
        np.full(n, ms),
        np.inf,
        **labels,
    )
    if bool(inst.settings.no_reversal):  # once gone, gone for good
        prev = lagged(v.gone, 1)[c_i, t_i]
        keep = prev >= 0
        k = int(keep.sum())
        m.add_rows(
            "incumbent_gone_for_good",
            np.repeat(np.arange(k), 2),
            np.stack([gone[keep], prev[keep]], 1),
            np.tile([1.0, -1.0], k),
            np.zeros(k),
            np.inf,
            component=c_i[keep],
            period=t_i[keep],
        )
