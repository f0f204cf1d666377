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
    """Only what can be nonzero: shares inside the usable window, starts that can deliver."""
    O, T, S, P, C = inst.O, inst.T, inst.S, inst.P, inst.C  # noqa: E741 - the model's names
    incumbent = inst.col("incumbent")
    first_ready = inst.first_ready()
    earliest = inst.col("earliest")
    last_start = inst.last_start()
    c_of = inst.col("c")
    s_of = inst.col("s")
    settings = inst.settings

    # Shares: upper bounds from the offer's capacity and the part's second-source rule.
    share = np.full((O, T), -1, np.int64)
    t_idx = np.arange(T)[None, :]
    window = t_idx >= first_ready[:, None]
    demand = inst.demand[c_of]  # O x T
    with np.errstate(divide="ignore", invalid="ignore"):
        cap_share = np.where(demand > 0, inst.col("cap")[:, None] / demand, 1.0)
    ub = np.clip(np.minimum(cap_share, inst.col("max_share")[:, None]), 0.0, 1.0)
    o_i, t_i = np.nonzero(window)
    share[o_i, t_i] = m.add_vars(o_i.size, 0.0, ub[o_i, t_i], kind="share")

    # started[o, t]: defined from the earliest start to the last useful one; after that it
    # keeps its last value (the same column), before it is 0.
    started = np.full((O, T), -1, np.int64)
    can_start = (~incumbent) & (last_start >= earliest)
    # A start that costs nothing, needs no slot and forces no least share is no decision:
    # such an offer is ready once its supplier is onboarded (facility location's structure;
    # OR-Library's instances would otherwise carry a binary per quote).
    unlimited = bool(np.isinf(inst.slots).all() and np.isinf(inst.in_progress).all())
    trivial = (
        can_start
        & unlimited
        & (inst.col("switching") == 0)
        & (least_share(inst).max(axis=1, initial=0.0) == 0)
    )
    can_start = can_start & ~trivial
    in_window = can_start[:, None] & (t_idx >= earliest[:, None]) & (t_idx <= last_start[:, None])
    o_i, t_i = np.nonzero(in_window)
    started[o_i, t_i] = m.add_vars(o_i.size, 0, 1, integer=True, kind="started")
    after = can_start[:, None] & (t_idx > last_start[:, None])
    o_a, t_a = np.nonzero(after)
    started[o_a, t_a] = started[o_a, last_start[o_a]]

    # onboarded[s, t] for new suppliers with a startable offer, from their first earliest start.
    onboarded = np.full((S, T), -1, np.int64)
    startable = np.nonzero(can_start | trivial)[0]
    if startable.size:
        first = np.full(S, T)
        np.minimum.at(first, s_of[startable], earliest[startable])
        for s in np.nonzero((first < T) & inst.supplier_is_new)[0]:
            onboarded[s, first[s] :] = m.add_vars(
                T - first[s], 0, 1, integer=True, kind="onboarded"
            )

    # trivial offers of new suppliers start with the onboarding (the same columns)
    o_t = np.nonzero(trivial & inst.supplier_is_new[s_of])[0]
    started[o_t] = onboarded[s_of[o_t]]

    # gone[c, t]: the incumbent's exit, needed for min_share (its share is 0 or >= min_share),
    # from the first period a new offer of the part can deliver.
    gone = np.full((C, T), -1, np.int64)
    if settings.min_share > 0:
        part_first = np.full(C, T)
        new = np.nonzero(can_start | trivial)[0]
        np.minimum.at(part_first, c_of[new], first_ready[new])
        for c in np.nonzero((part_first < T) & (inst.incumbent_offer >= 0))[0]:
            gone[c, part_first[c] :] = m.add_vars(
                T - part_first[c], 0, 1, integer=True, kind="gone"
            )

    # use[o, t]: only when shares may fall again (no_reversal off) and min_share applies.
    use = np.full((O, T), -1, np.int64)
    if settings.min_share > 0 and not settings.no_reversal:
        o_u, t_u = np.nonzero((share >= 0) & ~incumbent[:, None])
        use[o_u, t_u] = m.add_vars(o_u.size, 0, 1, integer=True, kind="use")

    # above[p, t, k]: added by the tariff family, which knows which tiers can matter.
    above = np.full((P, T, max(inst.K - 1, 0)), -1, np.int64)
    return Variables(share, ub, started, onboarded, gone, use, above, trivial)
