"""The decisions of the model, as index arrays of column numbers (-1: the decision does not
exist, its value is 0). Families read them through `Variables`, never by raw tuple keys.

Qualification timing uses "started by" step variables: started[o, t] = 1 when offer o's
qualification has started in or before period t (monotone). A start in t is
started[o, t] - started[o, t-1]; the offer can deliver in t when started[o, t - lead] = 1.
Every limit on starts (slots, budget, qualifications in progress) is then a difference of two
columns, and fixing a plan's timing fixes a handful of binaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel


# Here, not in readiness (which applies it): the columns below depend on it too, and
# readiness imports Variables, so defining it there made an import cycle.
def least_share(inst: Instance) -> np.ndarray:
    """O x T: the least share a delivering offer holds (min_share or its MOQ), 0 for none."""
    demand = inst.demand[inst.col("c")]
    with np.errstate(divide="ignore", invalid="ignore"):
        moq = np.where(demand > 0, inst.col("min_units")[:, None] / demand, 0.0)
    return np.maximum(float(inst.settings.min_share), moq)


@dataclass
class Variables:
    share: np.ndarray  # O x T: a[o, t], share of the part's demand bought through offer o
    share_ub: np.ndarray  # O x T: its upper bound (capacity, second-source rule)
    started: np.ndarray  # O x T: qualification of o started in or before t (binary)
    onboarded: np.ndarray  # S x T: new supplier s onboarded in or before t (binary)
    gone: np.ndarray  # C x T: the incumbent of part c holds nothing from t on (binary)
    use: np.ndarray  # O x T: offer o holds a share in t (binary; only without no_reversal)
    above: np.ndarray  # P x T x (K-1): the product's share is above tier k's bound (binary)
    trivial: np.ndarray  # O bool: a start decision that costs and limits nothing (see below)
    # filled by the tariff family (planner.optimise.tariff); none until then
    above_foreign: np.ndarray = field(init=False)  # P x T x (K-1): tiers for foreign goods
    is_vn: np.ndarray = field(init=False)  # P x T: the product is of Vietnamese origin (binary)

    def __post_init__(self) -> None:
        self.above_foreign = np.full_like(self.above, -1)
        self.is_vn = np.full(self.above.shape[:2], -1, np.int64)

    def lagged_started(self, lag: np.ndarray | int) -> np.ndarray:
        """O x T: started[o, t - lag[o]] (-1 when t - lag < 0)."""
        return lagged(self.started, lag)


def lagged(index: np.ndarray, lag: np.ndarray | int) -> np.ndarray:
    """N x T: index[n, t - lag[n]] (-1 when t - lag < 0): a decision some periods earlier."""
    N, T = index.shape
    lag = np.broadcast_to(np.asarray(lag, np.int64), (N,))
    t = np.arange(T)[None, :] - lag[:, None]
    out = np.full((N, T), -1, np.int64)
    ok = t >= 0
    rows = np.broadcast_to(np.arange(N)[:, None], (N, T))
    out[ok] = index[rows[ok], t[ok]]
    return out


def add_variables(m: SparseModel, inst: Instance) -> Variables:
    """Only what can be nonzero: shares inside the usable window, starts that can deliver.
    Columns are added in this order: share, started, onboarded, gone, use."""
    share, ub = _share_columns(m, inst)
    startable = _startable(inst)
    trivial = _trivial_starts(inst, startable)
    can_start = startable & ~trivial
    started = _started_columns(m, inst, can_start)
    onboarded = _onboarded_columns(m, inst, can_start | trivial)
    # trivial offers of new suppliers start with the onboarding (the same columns)
    s_of = inst.col("s")
    o_t = np.nonzero(trivial & inst.supplier_is_new[s_of])[0]
    started[o_t] = onboarded[s_of[o_t]]
    gone = _gone_columns(m, inst, can_start | trivial)
    use = _use_columns(m, inst, share)
    # above[p, t, k]: added by the tariff family, which knows which tiers can matter.
    above = np.full((inst.P, inst.T, max(inst.K - 1, 0)), -1, np.int64)
    return Variables(share, ub, started, onboarded, gone, use, above, trivial)


def _share_columns(m: SparseModel, inst: Instance) -> tuple[np.ndarray, np.ndarray]:
    """share (O x T column numbers, from the offer's first ready period) and its upper bounds
    (O x T) from the offer's capacity and the part's second-source rule."""
    share = np.full((inst.O, inst.T), -1, np.int64)
    window = np.arange(inst.T)[None, :] >= inst.first_ready()[:, None]
    demand = inst.demand[inst.col("c")]  # O x T
    with np.errstate(divide="ignore", invalid="ignore"):
        cap_share = np.where(demand > 0, inst.col("cap")[:, None] / demand, 1.0)
    ub = np.clip(np.minimum(cap_share, inst.col("max_share")[:, None]), 0.0, 1.0)
    o_i, t_i = np.nonzero(window)
    share[o_i, t_i] = m.add_vars(o_i.size, 0.0, ub[o_i, t_i], kind="share")
    return share, ub


def _startable(inst: Instance) -> np.ndarray:
    """O bool: a new offer whose qualification can start in time to be of use."""
    return (~inst.col("incumbent")) & (inst.last_start() >= inst.col("earliest"))


def _trivial_starts(inst: Instance, startable: np.ndarray) -> np.ndarray:
    """O bool: a start that costs nothing, needs no slot and forces no least share is no
    decision: such an offer is ready once its supplier is onboarded (facility location's
    structure; OR-Library's instances would otherwise carry a binary per quote)."""
    unlimited = bool(np.isinf(inst.slots).all() and np.isinf(inst.in_progress).all())
    return (
        startable
        & unlimited
        & (inst.col("switching") == 0)
        & (least_share(inst).max(axis=1, initial=0.0) == 0)
    )


def _started_columns(m: SparseModel, inst: Instance, can_start: np.ndarray) -> np.ndarray:
    """started[o, t]: defined from the earliest start to the last useful one; after that it
    keeps its last value (the same column), before it is 0."""
    earliest, last_start = inst.col("earliest"), inst.last_start()
    t_idx = np.arange(inst.T)[None, :]
    started = np.full((inst.O, inst.T), -1, np.int64)
    in_window = can_start[:, None] & (t_idx >= earliest[:, None]) & (t_idx <= last_start[:, None])
    o_i, t_i = np.nonzero(in_window)
    started[o_i, t_i] = m.add_vars(o_i.size, 0, 1, integer=True, kind="started")
    after = can_start[:, None] & (t_idx > last_start[:, None])
    o_a, t_a = np.nonzero(after)
    started[o_a, t_a] = started[o_a, last_start[o_a]]
    return started


def _onboarded_columns(m: SparseModel, inst: Instance, startable: np.ndarray) -> np.ndarray:
    """onboarded[s, t] for new suppliers with a startable offer, from their first earliest
    start."""
    T, S = inst.T, inst.S
    onboarded = np.full((S, T), -1, np.int64)
    offers = np.nonzero(startable)[0]
    if offers.size:
        earliest = inst.col("earliest")
        first = np.full(S, T)
        np.minimum.at(first, inst.col("s")[offers], earliest[offers])
        for s in np.nonzero((first < T) & inst.supplier_is_new)[0]:
            onboarded[s, first[s] :] = m.add_vars(
                T - first[s], 0, 1, integer=True, kind="onboarded"
            )
    return onboarded


def _gone_columns(m: SparseModel, inst: Instance, startable: np.ndarray) -> np.ndarray:
    """gone[c, t]: the incumbent's exit, needed for min_share (its share is 0 or >=
    min_share), from the first period a new offer of the part can deliver."""
    T, C = inst.T, inst.C
    gone = np.full((C, T), -1, np.int64)
    if inst.settings.min_share > 0:
        part_first = np.full(C, T)
        new = np.nonzero(startable)[0]
        np.minimum.at(part_first, inst.col("c")[new], inst.first_ready()[new])
        for c in np.nonzero((part_first < T) & (inst.incumbent_offer >= 0))[0]:
            gone[c, part_first[c] :] = m.add_vars(
                T - part_first[c], 0, 1, integer=True, kind="gone"
            )
    return gone


def _use_columns(m: SparseModel, inst: Instance, share: np.ndarray) -> np.ndarray:
    """use[o, t]: only when shares may fall again (no_reversal off) and min_share applies."""
    settings = inst.settings
    use = np.full((inst.O, inst.T), -1, np.int64)
    if settings.min_share > 0 and not settings.no_reversal:
        o_u, t_u = np.nonzero((share >= 0) & ~inst.col("incumbent")[:, None])
        use[o_u, t_u] = m.add_vars(o_u.size, 0, 1, integer=True, kind="use")
    return use
