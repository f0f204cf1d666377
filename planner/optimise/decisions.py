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
LINE_TOL = 1e-9  # a share this close above a tier's line is on it (rounding)


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


def vietnamese_origin(inst: Instance, rvc: np.ndarray) -> np.ndarray:
    """P x T: the product is of Vietnamese origin: by process, or by an RVC at least
    origin_rvc_min (with the rounding guard) where its origin_rule is rvc."""
    r = inst.origin_rvc_min
    by_rvc = inst.origin_by_rvc[:, None]
    reached = rvc >= (r if r is not None else 0.0) + BILLING_GUARD
    return ~by_rvc | reached


@dataclass
class Billing:
    """The tariff each product pays in each period (P x T arrays)."""

    vn: np.ndarray  # of Vietnamese origin
    tier: np.ndarray  # index within its origin's tiers
    rate: np.ndarray
    bound: np.ndarray  # the billed tier's bound
    tariff: np.ndarray  # USD the factory bears
    next_rate: np.ndarray  # the rate of the tier above the billed one (its own at the top)


def billing(inst: Instance, fig: dict[str, np.ndarray]) -> Billing:
    """The tier a product pays: within the tiers for its origin, the first whose bound, less
    the safety margin and the rounding guard (planner.plan.BILLING_GUARD), holds its share."""
    vn = vietnamese_origin(inst, fig["rvc"])
    bound_all = np.where(vn[:, :, None], inst.tier_bound, inst.foreign_bound)
    rate_all = np.where(vn[:, :, None], inst.tier_rate, inst.foreign_rate)
    limits = bound_all - inst.tariff_margin - BILLING_GUARD
    limits[:, :, -1] = np.inf  # the last tier takes everything
    tier = np.argmax(fig["ratio"][:, :, None] <= limits, axis=2)
    p_i, t_i = np.indices(tier.shape)
    rate = rate_all[p_i, t_i, tier]
    above = rate_all[p_i, t_i, np.minimum(tier + 1, rate_all.shape[2] - 1)]
    return Billing(vn, tier, rate, bound_all[p_i, t_i, tier], rate * inst.tariff_base(), above)


def planned_tier(inst: Instance, ratio: np.ndarray, rvc: np.ndarray | None = None) -> np.ndarray:
    """P x T: the billed tier index (see billing); origin from `rvc` when given."""
    if rvc is None:
        rvc = np.ones_like(ratio)
    return billing(inst, {"ratio": ratio, "rvc": rvc}).tier


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
    fig = figures(inst, share)
    ratio = fig["ratio"]
    # origin as the model holds it: Vietnamese only with the RVC EPS above the threshold
    r = inst.origin_rvc_min if inst.origin_rvc_min is not None else 0.0
    vn = ~inst.origin_by_rvc[:, None] | (fig["rvc"] >= r + EPS - LINE_TOL)
    p_i, t_i = np.nonzero(v.is_vn >= 0)
    x[v.is_vn[p_i, t_i]] = vn[p_i, t_i]
    for above, bounds, active in (
        (v.above, inst.tier_bound, vn),
        (v.above_foreign, inst.foreign_bound, ~vn),
    ):
        # a share the solver left on the line (0.39999 against 0.4 less EPS) is below it: the
        # rows hold it within their tolerance, and billing it the higher tier would price
        # the plan millions above its cost
        limit = bounds - inst.tariff_margin - EPS + LINE_TOL
        p_i, t_i, k_i = np.nonzero(above >= 0)
        x[above[p_i, t_i, k_i]] = active[p_i, t_i] & (ratio[p_i, t_i] > limit[p_i, t_i, k_i])
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
    # a trivial start is no decision: it happens when the offer first delivers
    used = share > 0
    first_use = np.where(used.any(axis=1), used.argmax(axis=1), -1)
    derived = np.maximum(first_use - inst.col("lead"), inst.col("earliest"))
    start = np.where(v.trivial, np.where(first_use >= 0, derived, -1), start)
    onboarded = np.zeros((inst.S, inst.T), bool)
    mask = v.onboarded >= 0
    onboarded[mask] = x[v.onboarded[mask]] > 0.5
    onboard = np.where(onboarded.any(axis=1), onboarded.argmax(axis=1), -1)
    return Decisions(share, start, onboard)


def offer_index(inst: Instance, quoted_only: bool = False) -> dict[tuple[str, str], int]:
    """(part, supplier) -> offer index (without the incumbents' offers when `quoted_only`)."""
    return {
        (c, s): o
        for o, (c, s, inc) in enumerate(
            zip(
                inst.col("component_id"),
                inst.col("supplier_id"),
                inst.col("incumbent"),
                strict=True,
            )
        )
        if not (quoted_only and inc)
    }


def from_plan(inst: Instance, plan) -> Decisions | None:
    """Another plan's decisions (e.g. the base plan's, for one of its scenarios) as decisions
    of this instance, matched by part, supplier and period; None when a share of it has no
    offer here. Whether they meet this instance's limits: see `start_columns`."""
    index = offer_index(inst)
    period = {p: i for i, p in enumerate(inst.periods)}
    supplier = {s: i for i, s in enumerate(inst.suppliers)}
    alloc = plan.allocation
    share = np.zeros((inst.O, inst.T))
    for c, s, p, value in zip(
        alloc["component_id"], alloc["supplier_id"], alloc["period"], alloc["share"], strict=True
    ):
        if p not in period:
            continue
        if (c, s) not in index:
            if float(value) > CLEAN:
                return None
            continue
        share[index[(c, s)], period[p]] = float(value)
    d = do_nothing(inst)
    covered = np.zeros((inst.C, inst.T))
    np.add.at(covered, inst.col("c"), share)
    if (np.abs(covered - 1.0) > 1e-6).any():
        return None  # a part or period the plan does not cover
    d.share = clean_shares(inst, share)
    acts = plan.actions
    for c, s, p in acts.loc[
        acts["kind"] == "start_qualification", ["component_id", "supplier_id", "period"]
    ].itertuples(index=False):
        if (c, s) in index and p in period:
            d.start[index[(c, s)]] = period[p]
    for s, p in acts.loc[acts["kind"] == "onboard", ["supplier_id", "period"]].itertuples(
        index=False
    ):
        if s in supplier and p in period:
            d.onboard[supplier[s]] = period[p]
    return d


def start_columns(inst: Instance, v: Variables, a, plan) -> np.ndarray | None:
    """Another plan as a complete warm start of the model `a` of this instance: its columns
    when it maps in (from_plan) and meets every limit of `a`, else None."""
    from planner.optimise.backend import feasible

    d = from_plan(inst, plan) if plan is not None and plan.has_plan else None
    if d is None:
        return None
    x = to_columns(inst, v, a.n_cols, d)
    return x if feasible(a, x) else None
