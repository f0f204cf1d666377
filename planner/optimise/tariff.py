"""Tariff tiers, by schedule, product and origin.

A product's Chinese share decides its tier within the tiers for its origin: above[p, t, k] = 1
when the share may exceed tier k's bound less the safety margin, nested so that above k+1
implies above k; the tariff is rate_0 plus the rises of the tiers passed, times FOB x US share x
units x pass-through (planner.instance.tariff_base). Rates must not fall (validated), so the
objective keeps `above` at 0 whenever the share allows it.

A product whose origin_rule is rvc is of Vietnamese origin in a period only when its RVC
reaches origin_rvc_min; where the tiers for foreign goods differ, a binary vn[p, t] chooses
the origin (like a tier): the Vietnamese tiers apply when it is 1 (and then the RVC must be
reached), the foreign ones when it is 0 (and then the RVC must be below the threshold, as
the law would say). Each group's `above` is only allowed while its origin is chosen.

The big-M of each row is the largest share the product can have in that period (its dearest
usable offers, and never more than its cap), so the LP relaxation stays tight; a tier that can
never be passed gets no binary, and one that is always passed is a constant."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.content import cap_bound, product_offers, share_rows
from planner.optimise.model import EPS, SparseModel
from planner.optimise.variables import Variables


def share_range(inst: Instance, p: int, t: int, bound: float, unit=None) -> tuple[float, float]:
    """Least and largest value of the row's left side for product p in period t (fob basis:
    the Chinese share; materials basis: Chinese content less bound x materials, over FOB;
    with `unit` per offer, that quantity over FOB instead)."""
    p_all, o_all = product_offers(inst)
    o = o_all[p_all == p]
    o = o[inst.first_ready()[o] <= t]
    c = inst.col("c")[o]
    q = inst.qty[p, c] / inst.fob[p]
    if unit is not None:
        coef = q * unit[o]
    elif inst.settings.content_basis == "materials":
        coef = q * inst.col("price")[o] * (inst.col("cs")[o] - bound)
    else:
        coef = q * inst.col("price")[o] * inst.col("cs")[o]
    lo = np.full(inst.C, np.inf)
    hi = np.full(inst.C, -np.inf)
    np.minimum.at(lo, c, coef)
    np.maximum.at(hi, c, coef)
    used = np.isfinite(lo)
    return float(lo[used].sum()), float(hi[used].sum())


def tier_bounds(inst: Instance) -> np.ndarray:
    """P x T x K: the share the model holds a product under to use tier k (Vietnamese goods)."""
    return inst.tier_bound - inst.tariff_margin - EPS


def add_tariff_tiers(m: SparseModel, inst: Instance, v: Variables) -> None:
    base = inst.tariff_base()
    matters = inst.origin_matters()
    p_v, t_v = np.nonzero(matters)
    if p_v.size:
        cols = m.add_vars(p_v.size, 0, 1, integer=True, kind="above")
        v.is_vn[p_v, t_v] = cols
        _add_origin_rows(m, inst, v, p_v, t_v)
    for group in ("VN", "foreign"):
        _add_group(m, inst, v, base, matters, group)


def _add_group(m, inst, v, base, matters, group: str) -> None:
    """The tiers of one origin group. Vietnamese goods: every product, active unless its vn
    binary says foreign; foreign goods: only where the origin matters, active when vn = 0."""
    vn = group == "VN"
    rates = inst.tier_rate if vn else inst.foreign_rate
    bounds = (inst.tier_bound if vn else inst.foreign_bound) - inst.tariff_margin - EPS
    rises = np.diff(rates, axis=2)
    caps = cap_bound(inst)
    todo: list[tuple[int, int, int, float]] = []
    for p in range(inst.P):
        for t in range(inst.T):
            if base[p, t] <= 0 or (not vn and not matters[p, t]):
                continue
            switch = v.is_vn[p, t]  # -1: the origin is fixed (Vietnamese)
            _charge_base_rate(m, switch, rates[p, t, 0] * base[p, t], vn)
            for k in range(inst.K - 1):
                if rises[p, t, k] <= 0:
                    continue
                under, over = _room_around(inst, p, t, bounds[p, t, k], caps[t])
                if over <= 0:
                    continue  # never above: no cost
                if under > 0 and switch < 0:
                    m.objective_offset += float(rises[p, t, k] * base[p, t])  # always above
                    continue
                todo.append((p, t, k, over))  # the row's big-M
    if todo:
        _add_tier_rows(m, inst, v, group, todo, bounds, rises, base)
        above = v.above if vn else v.above_foreign
        _add_nesting(m, above)


def _charge_base_rate(m, switch: int, cost: float, vn: bool) -> None:
    """The group's base rate: always for a fixed origin, else with its origin's binary."""
    if switch < 0:
        m.objective_offset += float(cost)
    elif vn:
        m.add_cost([switch], cost)
    else:
        m.objective_offset += float(cost)
        m.add_cost([switch], -cost)


def _room_around(inst, p: int, t: int, bound: float, cap: float) -> tuple[float, float]:
    """How far the row's left side may reach below and above its right side for product p in
    period t and a tier `bound` (the largest within the cap, which its own row holds): the
    least less the right side, and the largest less it."""
    materials = inst.settings.content_basis == "materials"
    lo, hi = share_range(inst, p, t, bound)
    rhs = 0.0 if materials else bound
    if not np.isnan(cap):  # the cap row holds the share below cap - margin
        hi = min(hi, _materials_cap_room(inst, p, t, cap, bound) if materials else cap)
    return lo - rhs, hi - rhs


def _add_tier_rows(m, inst, v, group: str, todo, bounds, rises, base) -> None:
    """A binary per (product, period, tier) in `todo`, at the tier's rise: the share <= the
    bound + big-M x binary, void while the group's origin is not chosen."""
    vn = group == "VN"
    above = v.above if vn else v.above_foreign
    cols = m.add_vars(len(todo), 0, 1, integer=True, kind="above")
    pt = np.array([(p, t) for p, t, _, _ in todo])
    ks = np.array([k for _, _, k, _ in todo])
    big = np.array([b for *_, b in todo])
    above[pt[:, 0], pt[:, 1], ks] = cols
    m.add_cost(cols, rises[pt[:, 0], pt[:, 1], ks] * base[pt[:, 0], pt[:, 1]])
    rows, rcols, vals, rhs = share_rows(inst, v, pt, bounds[pt[:, 0], pt[:, 1], ks])
    n = len(todo)
    # an inactive group's rows are void: + big x (1 - active) on the right-hand side
    switch = v.is_vn[pt[:, 0], pt[:, 1]]
    has = switch >= 0
    extra_cols = switch[has]
    extra_rows = np.arange(n)[has]
    # VN active when vn = 1: share <= b + big a + big (1 - vn)  ->  + big vn <= b + big
    # foreign active when vn = 0: share <= b + big a + big vn  ->  - big vn <= b
    extra_vals = big[has] if vn else -big[has]
    rhs = rhs + np.where(has & vn, big, 0.0)
    m.add_rows(
        "tariff_tier" if vn else "tariff_tier_foreign",
        np.concatenate([rows, np.arange(n), extra_rows]),
        np.concatenate([rcols, cols, extra_cols]),
        np.concatenate([vals, -big, extra_vals]),
        np.full(n, -np.inf),
        rhs,
        product=pt[:, 0],
        period=pt[:, 1],
        tier=ks,
    )
    # a group's tiers are only passed while its origin holds: above <= vn (or 1 - vn)
    if has.any():
        k_rows = np.arange(int(has.sum()))
        m.add_rows(
            "tariff_origin_group",
            np.concatenate([k_rows, k_rows]),
            np.concatenate([cols[has], extra_cols]),
            np.concatenate([np.ones(has.sum()), np.full(has.sum(), -1.0 if vn else 1.0)]),
            np.full(has.sum(), -np.inf),
            0.0 if vn else 1.0,
            product=pt[has, 0],
            period=pt[has, 1],
            tier=ks[has],
        )


def _add_nesting(m, above: np.ndarray) -> None:
    """Above the next tier implies above this one (both must exist)."""
    nxt, cur = above[:, :, 1:], above[:, :, :-1]
    p_i, t_i, k_i = np.nonzero((nxt >= 0) & (cur >= 0))
    n = p_i.size
    m.add_rows(
        "tariff_nesting",
        np.repeat(np.arange(n), 2),
        np.stack([nxt[p_i, t_i, k_i], cur[p_i, t_i, k_i]], 1),
        np.tile([1.0, -1.0], n),
        np.full(n, -np.inf),
        0.0,
        product=p_i,
        period=t_i,
        tier=k_i,
    )


def _add_origin_rows(m, inst, v, p_v, t_v) -> None:
    """vn = 1 only with RVC >= origin_rvc_min (+ the rounding guard); vn = 0 only below it:
    non-originating value over FOB <= 1 - r - EPS + M (1 - vn), and >= 1 - r - M' vn."""
    r = float(inst.origin_rvc_min or 0.0)
    nonorig = inst.col("nonorig")
    pt = np.stack([p_v, t_v], 1)
    for sense in ("vn", "foreign"):
        rows, cols, vals, rhs_list, lbs = [], [], [], [], []
        for i, (p, t) in enumerate(pt):
            o, coef = _product_terms(inst, v, p, t, nonorig)
            lo, hi = share_range(inst, p, t, 0.0, unit=nonorig)
            limit = 1.0 - r
            switch = v.is_vn[p, t]
            if sense == "vn":  # coef.a + M vn <= limit - EPS + M
                big = max(hi - (limit - EPS), 0.0)
                rows += [i] * (o.size + 1)
                cols += [*o, switch]
                vals += [*coef, big]
                rhs_list.append(limit - EPS + big)
                lbs.append(-np.inf)
            else:  # coef.a + M' vn >= limit
                big = max(limit - lo, 0.0)
                rows += [i] * (o.size + 1)
                cols += [*o, switch]
                vals += [*coef, big]
                rhs_list.append(np.inf)
                lbs.append(limit)
        m.add_rows(
            "origin_vn" if sense == "vn" else "origin_foreign",
            rows,
            cols,
            vals,
            np.asarray(lbs),
            np.asarray(rhs_list),
            product=p_v,
            period=t_v,
        )


def _product_terms(inst, v, p: int, t: int, unit: np.ndarray):
    """Columns and coefficients of sum over the product's offers of q unit / FOB x a[o, t]."""
    p_all, o_all = product_offers(inst)
    o = o_all[p_all == p]
    col = v.share[o, t]
    ok = col >= 0
    o, col = o[ok], col[ok]
    return col, inst.qty[p, inst.col("c")[o]] * unit[o] / inst.fob[p]


def _materials_cap_room(inst: Instance, p: int, t: int, cap: float, b: float) -> float:
    """Materials basis: under the cap, content - b x materials <= (cap - b) x materials."""
    if cap <= b:
        return 0.0
    _, most = share_range(inst, p, t, 0.0, unit=inst.col("price"))
    return (cap - b) * most
