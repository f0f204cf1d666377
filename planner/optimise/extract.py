"""From decisions (shares, starts, onboardings) to the plan's tidy tables.

Units are whole: each part's demand in a period is rounded to whole units and split among its
suppliers by their shares (largest remainder), so a buyer can place every order as shown and
the units add up to the demand. Material cost is units x price; the shares stay the decision,
and the Chinese share, tiers and caps are computed from them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.instance import VN, Instance
from planner.optimise.decisions import Billing, Decisions, billing, figures
from planner.plan import (
    ACTION_COLUMNS,
    ALLOCATION_COLUMNS,
    CONTENT_COLUMNS,
    LOAD_COLUMNS,
    PERIOD_COLUMNS,
    Plan,
    Status,
)


def whole_units(inst: Instance, share: np.ndarray) -> np.ndarray:
    """O x T whole units: per part and period, the rounded demand split by largest remainder."""
    c_of = inst.col("c")
    demand = np.rint(inst.demand)[c_of]  # O x T, whole
    raw = share * demand
    units = np.floor(raw + 1e-9)
    short = np.zeros((inst.C, inst.T))
    np.add.at(short, c_of, units)
    short = np.rint(inst.demand) - short  # units still to place per part and period
    frac = np.where(share > 0, raw - units, -1.0)
    for t in range(inst.T):
        need = short[:, t]
        if not (need > 0).any():
            continue
        order = np.lexsort((-frac[:, t], c_of))  # by part, largest remainder first
        rank = np.empty(inst.O, np.int64)
        first = np.searchsorted(c_of[order], c_of[order])
        rank[order] = np.arange(inst.O) - first
        take = (rank < need[c_of]) & (share[:, t] > 0)
        units[take, t] += 1
    _within_capacity(inst, share, raw, units)
    return units


def _within_capacity(inst: Instance, share, raw, units) -> None:
    """Rounding a part up at a supplier that is full would order a few units beyond its
    capacity: move each such unit to another supplier of the same part that was rounded down
    and has room (the part's total stays its demand)."""
    c_of, s_of = inst.col("c"), inst.col("s")
    offer_cap = inst.col("cap")
    for t in range(inst.T):
        for _ in range(10 * inst.O):
            load = np.bincount(s_of, weights=units[:, t], minlength=inst.S)
            full = load > inst.supplier_cap + 1e-9
            over = (units[:, t] > offer_cap + 1e-9) | full[s_of]
            up = np.nonzero(over & (units[:, t] > raw[:, t] + 1e-9))[0]
            if up.size == 0:
                break
            moved = False
            for o in up:
                room = (
                    (c_of == c_of[o])
                    & (share[:, t] > 0)
                    & (units[:, t] < raw[:, t] - 1e-9)
                    & (units[:, t] + 1 <= offer_cap + 1e-9)
                    & (load[s_of] + 1 <= inst.supplier_cap[s_of] + 1e-9)
                )
                room[o] = False
                if room.any():
                    other = int(np.nonzero(room)[0][0])
                    units[o, t] -= 1
                    units[other, t] += 1
                    moved = True
                    break
            if not moved:
                break


def build_plan(
    inst: Instance,
    d: Decisions,
    status: Status,
    bound: float | None,
    seconds: float,
    backend: str,
) -> Plan:
    """The plan's tables from decisions: whole units, actions, costs per period, content."""
    units = whole_units(inst, d.share)
    cost = units * inst.col("price")[:, None]
    # figures and billing once: the periods' tariff and the content table read the same bill
    fig = figures(inst, d.share)
    bill = billing(inst, fig)
    periods_df = _periods_table(inst, d, cost, bill.tariff)
    total = float(periods_df["total_cost"].sum())
    return Plan(
        status=status,
        total_cost=total,
        best_bound=bound,
        gap=_gap(total, bound),
        solve_seconds=seconds,
        actions=_actions_table(inst, d),
        allocation=_allocation_table(inst, d.share, units, cost),
        periods=periods_df,
        content=_content_table(inst, fig, bill),
        supplier_load=_load_table(inst, units, cost, d.share),
        backend=backend,
    )


def _gap(total: float, bound: float | None) -> float | None:
    """Relative gap to the solver's bound; None without a finite bound or a cost."""
    if bound is not None and np.isfinite(bound) and total > 0:
        return max(0.0, (total - bound) / abs(total))
    return None


def _allocation_table(
    inst: Instance, share: np.ndarray, units: np.ndarray, cost: np.ndarray
) -> pd.DataFrame:
    """One row per offer and period with a share."""
    price = inst.col("price")
    o_idx, t_idx = np.nonzero(share > 0)
    return pd.DataFrame(
        {
            "component_id": inst.col("component_id")[o_idx],
            "supplier_id": inst.col("supplier_id")[o_idx],
            "period": np.asarray(inst.periods, dtype=object)[t_idx],
            "share": share[o_idx, t_idx],
            "units": units[o_idx, t_idx],
            "unit_price": price[o_idx],
            "cost": cost[o_idx, t_idx],
            "is_incumbent": inst.col("incumbent")[o_idx],
            "origin": inst.col("origin")[o_idx],
        }
    )[ALLOCATION_COLUMNS]


# An action row, as ACTION_COLUMNS: period, kind, component_id, supplier_id, one_time_cost,
# ready_period, share_from, share_to
Action = tuple[str, str, str, str, float, str, float, float]
ACTION_ORDER = {"onboard": 0, "start_qualification": 1, "ramp": 2}  # within a period


def _actions_table(inst: Instance, d: Decisions) -> pd.DataFrame:
    """Onboardings, qualification starts and share changes, by period then kind."""
    actions = [*_onboard_actions(inst, d), *_start_actions(inst, d), *_ramp_actions(inst, d)]
    periods = inst.periods
    frame = pd.DataFrame(actions, columns=ACTION_COLUMNS)
    frame["_t"] = frame["period"].map({p: i for i, p in enumerate(periods)})
    frame["_k"] = frame["kind"].map(ACTION_ORDER)
    return (
        frame.sort_values(["_t", "_k", "component_id", "supplier_id"], kind="stable")
        .drop(columns=["_t", "_k"])
        .reset_index(drop=True)
    )


def _onboard_actions(inst: Instance, d: Decisions) -> list[Action]:
    return [
        (
            inst.periods[d.onboard[s]],
            "onboard",
            "",
            inst.suppliers[s],
            float(inst.supplier_onboarding[s]),
            "",
            np.nan,
            np.nan,
        )
        for s in np.nonzero(d.onboard >= 0)[0]
    ]


def _start_actions(inst: Instance, d: Decisions) -> list[Action]:
    """Qualification starts, each with the period it is ready in ("" beyond the horizon)."""
    offers, periods = inst.offers, inst.periods
    switching, lead = inst.col("switching"), inst.col("lead")
    actions: list[Action] = []
    for o in np.nonzero(d.start >= 0)[0].tolist():
        t = int(d.start[o])
        ready = t + int(lead[o])
        actions.append(
            (
                periods[t],
                "start_qualification",
                offers["component_id"].iat[o],
                offers["supplier_id"].iat[o],
                float(switching[o]),
                periods[ready] if ready < inst.T else "",
                np.nan,
                np.nan,
            )
        )
    return actions


def _ramp_actions(inst: Instance, d: Decisions) -> list[Action]:
    """Every change of share from the period before (before the first: the incumbent's)."""
    offers, share = inst.offers, d.share
    before = np.column_stack([inst.col("incumbent").astype(float), share[:, :-1]])
    o_r, t_r = np.nonzero(np.abs(share - before) > 1e-6)
    return [
        (
            inst.periods[t],
            "ramp",
            offers["component_id"].iat[o],
            offers["supplier_id"].iat[o],
            0.0,
            "",
            float(before[o, t]),
            float(share[o, t]),
        )
        for o, t in zip(o_r.tolist(), t_r.tolist(), strict=True)
    ]


def _started_in(inst: Instance, d: Decisions) -> np.ndarray:
    """O x T: offer o's qualification starts in period t."""
    started = np.zeros((inst.O, inst.T), bool)
    started[np.nonzero(d.start >= 0)[0], d.start[d.start >= 0]] = True
    return started


def _one_time_cost(inst: Instance, d: Decisions, started: np.ndarray) -> np.ndarray:
    """Per period: switching costs of the starts plus onboarding costs of new suppliers."""
    one_time = (started * inst.col("switching")[:, None]).sum(axis=0)
    boarded = np.zeros((inst.S, inst.T), bool)
    boarded[np.nonzero(d.onboard >= 0)[0], d.onboard[d.onboard >= 0]] = True
    return one_time + (boarded * inst.supplier_onboarding[:, None]).sum(axis=0)


def _in_progress(inst: Instance, d: Decisions) -> np.ndarray:
    """Per period: qualifications running (a start counts for its lead, at least one period)."""
    T, lead = inst.T, inst.col("lead")
    running = np.zeros(T)
    for o in np.nonzero(d.start >= 0)[0].tolist():
        t0 = int(d.start[o])
        running[t0 : min(T, t0 + max(int(lead[o]), 1))] += 1
    return running


def _vn_spend_share(inst: Instance, cost: np.ndarray) -> np.ndarray:
    """Per period: the share of material spend with Vietnamese offers (0 with no spend)."""
    material = cost.sum(axis=0)
    vn = inst.col("origin") == VN
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(material > 0, cost[vn].sum(axis=0) / material, 0.0)


def _periods_table(
    inst: Instance, d: Decisions, cost: np.ndarray, tariff: np.ndarray
) -> pd.DataFrame:
    """Costs and the use of each per-period limit (budget, slots, in progress)."""
    started = _started_in(inst, d)
    one_time = _one_time_cost(inst, d, started)
    material = cost.sum(axis=0)
    return pd.DataFrame(
        {
            "period": inst.periods,
            "material_cost": material,
            "one_time_cost": one_time,
            "tariff_cost": tariff.sum(axis=0),
            "total_cost": material + one_time + tariff.sum(axis=0),
            "budget": inst.budget,
            "budget_used": one_time,
            "qualification_slots": inst.slots,
            "slots_used": started.sum(axis=0).astype(float),
            "in_progress_limit": inst.in_progress,
            "in_progress": _in_progress(inst, d),
            "vn_spend_share": _vn_spend_share(inst, cost),
        }
    )[PERIOD_COLUMNS]


def _content_table(inst: Instance, fig: dict[str, np.ndarray], bill: Billing) -> pd.DataFrame:
    """Per product and period: Chinese content against the cap, origin and the tariff tier."""
    T, periods = inst.T, inst.periods
    cap = np.broadcast_to(inst.china_cap, (inst.P, T))
    with np.errstate(invalid="ignore"):
        cap_margin = cap - fig["ratio"]
    last = bill.bound >= 1.0 - 1e-12  # the top tier: no bound above to keep away from
    full = bill.rate * inst.duty_base()  # before pass-through
    return pd.DataFrame(
        {
            "product_id": np.repeat(inst.products, T),
            "period": np.tile(periods, inst.P),
            "china_content_usd": fig["china"].ravel(),
            "china_share": fig["ratio"].ravel(),
            "cap": cap.ravel(),
            "cap_margin": cap_margin.ravel(),
            "rvc": fig["rvc"].ravel(),
            "schedule": inst.schedule.ravel(),
            "origin": np.where(bill.vn, "VN", "not VN").ravel(),
            "tariff_tier": (bill.tier + 1).ravel(),
            "tariff_rate": bill.rate.ravel(),
            "tier_bound": bill.bound.ravel(),
            "tier_margin": np.where(last, np.nan, bill.bound - fig["ratio"]).ravel(),
            "tariff_full": full.ravel(),
            "tariff_cost": bill.tariff.ravel(),
            # what a slip over the billed tier's bound would add to the duty the factory bears
            "duty_at_stake": np.where(
                last, 0.0, (bill.next_rate - bill.rate) * inst.tariff_base()
            ).ravel(),
            "us_value": (inst.fob * inst.us_share)[:, None].repeat(T, axis=1).ravel()
            * inst.volume.ravel(),
        }
    )[CONTENT_COLUMNS]


def _load_table(
    inst: Instance, units: np.ndarray, cost: np.ndarray, share: np.ndarray
) -> pd.DataFrame:
    """Per supplier and period: units against its capacity (stated and usable), its material
    spend and share of the period's spend, the parts it supplies (concentration)."""
    T, s_of = inst.T, inst.col("s")
    load = np.zeros((inst.S, T))
    np.add.at(load, s_of, units)
    spend = np.zeros((inst.S, T))
    np.add.at(spend, s_of, cost)
    parts = np.zeros((inst.S, T))
    np.add.at(parts, s_of, (share > 0).astype(float))
    total = cost.sum(axis=0)
    used = np.nonzero(load.sum(axis=1) > 0)[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        spend_share = np.where(total > 0, spend[used] / total, 0.0)
    return pd.DataFrame(
        {
            "supplier_id": np.repeat(np.asarray(inst.suppliers, dtype=object)[used], T),
            "period": np.tile(inst.periods, used.size),
            "units": load[used].ravel(),
            "capacity": np.repeat(inst.supplier_declared[used], T),
            "usable": np.repeat(inst.supplier_cap[used], T),
            "country": np.repeat(inst.supplier_country[used], T),
            "is_new": np.repeat(inst.supplier_is_new[used], T),
            "parts": parts[used].ravel(),
            "spend": spend[used].ravel(),
            "spend_share": spend_share.ravel(),
        }
    )[LOAD_COLUMNS]


def plan_cost(inst: Instance, d: Decisions) -> float:
    """Total cost of decisions (material at whole units + one-time + tariff), fast."""
    units = np.rint(inst.demand)[inst.col("c")] * d.share  # whole-unit rounding is < 1 unit
    material = float((units * inst.col("price")[:, None]).sum())
    one_time = float(inst.col("switching")[d.start >= 0].sum())
    one_time += float(inst.supplier_onboarding[d.onboard >= 0].sum())
    tariff = float(billing(inst, figures(inst, d.share)).tariff.sum())
    return material + one_time + tariff
