"""A plan as decisions (shares, start and onboarding periods) and its product figures; the
bridge between the model's columns and everything else (first plan, neighbourhood search,
the plan's tables)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.instance import Instance
from planner.optimise.model import EPS
from planner.optimise.variables import Variables
from planner.plan import BILLING_GUARD

CLEAN = 1e-7  # shares below this are solver noise: 0


@dataclass
class Decisions:
    share: np.ndarray  # O x T
    start: np.ndarray  # O: period the qualification starts, -1 none
    onboard: np.ndarray  # S: period the supplier is onboarded, -1 none

    def copy(self) -> Decisions:
        return Decisions(self.share.copy(), self.start.copy(), self.onboard.copy())


def do_nothing(inst: Instance) -> Decisions:
    """Every part stays with its incumbent."""
    share = np.zeros((inst.O, inst.T))
    inc = inst.incumbent_offer[inst.incumbent_offer >= 0]
    share[inc, :] = 1.0
    return Decisions(share, np.full(inst.O, -1), np.full(inst.S, -1))


def clean_shares(inst: Instance, share: np.ndarray) -> np.ndarray:
    """Clip to [0, 1], drop noise, and make every part's shares add up to exactly one (the
    largest share takes the rounding)."""
    share = np.clip(np.asarray(share, float), 0.0, 1.0)
    share[share < CLEAN] = 0.0
    c_of = inst.col("c")
    totals = np.zeros((inst.C, inst.T))
    np.add.at(totals, c_of, share)
    biggest = np.full((inst.C, inst.T), -1)
    order = np.argsort(share, axis=0, kind="stable")  # per period, ascending
    for t in range(inst.T):  # the last offer of each part in ascending order is its largest
        biggest[c_of[order[:, t]], t] = order[:, t]
    c_i, t_i = np.nonzero((biggest >= 0) & (totals > 0))
    share[biggest[c_i, t_i], t_i] += 1.0 - totals[c_i, t_i]
    return share


def figures(inst: Instance, share: np.ndarray) -> dict[str, np.ndarray]:
    """Per product and period (P x T): Chinese content (USD per unit), the base, the share,
    materials, non-originating value, RVC."""
    price, cs, c_of = inst.col("price"), inst.col("cs"), inst.col("c")
    q = inst.qty[:, c_of]  # P x O
    china = q @ (share * (price * cs)[:, None])
    material = q @ (share * price[:, None])
    nonorig = q @ (share * inst.col("nonorig")[:, None])
    base = material if inst.settings.content_basis == "materials" else inst.fob[:, None] + 0 * china
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base > 0, china / base, 0.0)
    return {
        "china": china,
        "base": base,
        "ratio": ratio,
        "material": material,
        "nonorig": nonorig,
        "rvc": 1.0 - nonorig / inst.fob[:, None],
    }


def planned_tier(inst: Instance, ratio: np.ndarray) -> np.ndarray:
    """P x T: the tier a product pays: the first whose bound, less the safety margin and the
    rounding guard (planner.plan.BILLING_GUARD), holds its share."""
    bounds = inst.tier_bound - inst.margin - BILLING_GUARD
    bounds[:, :, -1] = np.inf  # the last tier takes everything
    return np.argmax(ratio[:, :, None] <= bounds, axis=2)


def to_columns(inst: Instance, v: Variables, n_cols: int, d: Decisions) -> np.ndarray:
    """The plan as a value for every column of the model (a complete warm start)."""
    x = np.zeros(n_cols)
    share = d.share
    mask = v.share >= 0
    x[v.share[mask]] = share[mask]
    T = inst.T
    t = np.arange(T)[None, :]
    started = (d.start[:, None] >= 0) & (t >= d.start[:, None])
    mask = v.started >= 0
    x[v.started[mask]] = started[mask]
    onboarded = (d.onboard[:, None] >= 0) & (t >= d.onboard[:, None])
    mask = v.onboarded >= 0
    x[v.onboarded[mask]] = onboarded[mask]
    inc = inst.incumbent_offer
    c_i, t_i = np.nonzero(v.gone >= 0)
    x[v.gone[c_i, t_i]] = share[inc[c_i], t_i] <= CLEAN
    mask = v.use >= 0
    x[v.use[mask]] = share[mask] > CLEAN
    ratio = figures(inst, share)["ratio"]
    bound = inst.tier_bound - inst.margin - EPS
    p_i, t_i, k_i = np.nonzero(v.above >= 0)
    x[v.above[p_i, t_i, k_i]] = ratio[p_i, t_i] > bound[p_i, t_i, k_i]
    return x


def from_columns(inst: Instance, v: Variables, x: np.ndarray) -> Decisions:
    """Decisions from the model's column values (shares cleaned, binaries rounded)."""
    share = np.zeros((inst.O, inst.T))
    mask = v.share >= 0
    share[mask] = x[v.share[mask]]
    share = clean_shares(inst, share)
    started = np.zeros((inst.O, inst.T), bool)
    mask = v.started >= 0
    started[mask] = x[v.started[mask]] > 0.5
    start = np.where(started.any(axis=1), started.argmax(axis=1), -1)
    onboarded = np.zeros((inst.S, inst.T), bool)
    mask = v.onboarded >= 0
    onboarded[mask] = x[v.onboarded[mask]] > 0.5
    onboard = np.where(onboarded.any(axis=1), onboarded.argmax(axis=1), -1)
    return Decisions(share, start, onboard)
