"""Readiness: a new offer delivers only from `lead` periods after its qualification started;
once it delivers it holds at least its least share (min_share, or its MOQ in units), so no
qualification is paid for and left unused and no award is a sliver. A qualification starts
at most once (started[o, t] never falls)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables, least_share


def add_readiness(m: SparseModel, inst: Instance, v: Variables) -> None:
    """The family's rows, in this order: start_once, readiness, then least_share (with
    no_reversal) or use_upper, least_share and use_ready (without)."""
    _start_once(m, v)
    o_i, t_i, ready = _readiness(m, inst, v)
    if inst.settings.no_reversal:
        _least_share_once_ready(m, inst, v, o_i, t_i, ready)
    else:
        _use_rows(m, inst, v, ready)


def _start_once(m: SparseModel, v: Variables) -> None:
    """started never falls: started[o, t] >= started[o, t-1] (trivial starts are onboardings,
    which the onboarding family keeps from falling)."""
    prev = v.lagged_started(1)
    o_i, t_i = np.nonzero(
        (v.started >= 0) & (prev >= 0) & (v.started != prev) & ~v.trivial[:, None]
    )
    n = o_i.size
    m.add_rows(
        "start_once",
        np.repeat(np.arange(n), 2),
        np.stack([v.started[o_i, t_i], prev[o_i, t_i]], 1),
        np.tile([1.0, -1.0], n),
        np.zeros(n),
        np.inf,
        offer=o_i,
        period=t_i,
    )


def _readiness(
    m: SparseModel, inst: Instance, v: Variables
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """a[o, t] <= ub[o, t] * started[o, t - lead] for new offers. Returns the (offer, period)
    pairs given a row and ready (O x T: started[o, t - lead]), which the least share reuses."""
    new = ~inst.col("incumbent")
    ready = v.lagged_started(inst.col("lead"))
    # a trivial offer of a supplier already on the books is ready within its window
    always = v.trivial & ~inst.supplier_is_new[inst.col("s")]
    o_i, t_i = np.nonzero((v.share >= 0) & (new & ~always)[:, None])
    n = o_i.size
    m.add_rows(
        "readiness",
        np.repeat(np.arange(n), 2),
        np.stack([v.share[o_i, t_i], ready[o_i, t_i]], 1),
        np.stack([np.ones(n), -v.share_ub[o_i, t_i]], 1),
        np.full(n, -np.inf),
        0.0,
        offer=o_i,
        period=t_i,
    )
    return o_i, t_i, ready


def _least_share_once_ready(
    m: SparseModel,
    inst: Instance,
    v: Variables,
    o_i: np.ndarray,
    t_i: np.ndarray,
    ready: np.ndarray,
) -> None:
    """With no_reversal: once ready, at least the least share,
    a[o, t] >= lo[o, t] * started[o, t - lead], on the readiness rows' pairs."""
    lo = least_share(inst)
    keep = lo[o_i, t_i] > 0
    o_l, t_l = o_i[keep], t_i[keep]
    n = o_l.size
    m.add_rows(
        "least_share",
        np.repeat(np.arange(n), 2),
        np.stack([v.share[o_l, t_l], ready[o_l, t_l]], 1),
        np.stack([np.ones(n), -lo[o_l, t_l]], 1),
        np.zeros(n),
        np.inf,
        offer=o_l,
        period=t_l,
    )


def _use_rows(m: SparseModel, inst: Instance, v: Variables, ready: np.ndarray) -> None:
    """Shares may fall again: use[o, t] says whether the offer holds a share in t; a share
    needs use (upper), use needs the least share and readiness."""
    lo = least_share(inst)
    o_u, t_u = np.nonzero(v.use >= 0)
    n = o_u.size
    pairs = np.repeat(np.arange(n), 2)
    m.add_rows(
        "use_upper",
        pairs,
        np.stack([v.share[o_u, t_u], v.use[o_u, t_u]], 1),
        np.stack([np.ones(n), -v.share_ub[o_u, t_u]], 1),
        np.full(n, -np.inf),
        0.0,
        offer=o_u,
        period=t_u,
    )
    m.add_rows(
        "least_share",
        pairs,
        np.stack([v.share[o_u, t_u], v.use[o_u, t_u]], 1),
        np.stack([np.ones(n), -lo[o_u, t_u]], 1),
        np.zeros(n),
        np.inf,
        offer=o_u,
        period=t_u,
    )
    m.add_rows(
        "use_ready",
        pairs,
        np.stack([v.use[o_u, t_u], ready[o_u, t_u]], 1),
        np.tile([1.0, -1.0], n),
        np.full(n, -np.inf),
        0.0,
        offer=o_u,
        period=t_u,
    )
