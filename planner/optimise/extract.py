"""From decision arrays (shares, starts, onboardings) to the plan's tidy tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.instance import Instance
from planner.plan import Plan, Status


def tier_of(share: float, tier_share: np.ndarray) -> int:
    """Index of the first tier whose bound is at least the share (bounds inclusive)."""
    return int(min(np.searchsorted(tier_share, share - 1e-9, side="left"), len(tier_share) - 1))


def evaluate(inst: Instance, share: np.ndarray) -> dict[str, np.ndarray]:
    """Per product and period: Chinese content, base, non-originating value, tariff."""
    price = inst.offers["price"].to_numpy()
    cs = inst.offers["cs"].to_numpy()
    c_of = inst.offers["c"].to_numpy()
    q = inst.qty[:, c_of]  # P x O
    china = q @ (share * (price * cs)[:, None])  # P x T, USD per unit
    material = q @ (share * price[:, None])
    nonorig = q @ (share * inst.offers["nonorig"].to_numpy()[:, None])
    base = material if inst.settings.content_basis == "materials" else inst.fob[:, None] + 0 * china
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base > 0, china / base, 0.0)
    tiers = np.vectorize(lambda r: tier_of(r, inst.tier_share))(ratio) if ratio.size else ratio
    rate = inst.tier_rate[tiers.astype(int)] if ratio.size else ratio
    tariff = rate * (inst.fob * inst.us_share)[:, None] * inst.volume * inst.tariff_active
    return {
        "china": china,
        "ratio": ratio,
        "material": material,
        "nonorig": nonorig,
        "tier": tiers,
        "rate": rate,
        "tariff": tariff,
    }


def build_plan(
    inst: Instance,
    share: np.ndarray,
    start: np.ndarray,
    onboard: np.ndarray,
    status: Status,
    bound: float | None,
    seconds: float,
    backend: str,
) -> Plan:
    T, periods = inst.T, inst.periods
    offers = inst.offers
    price = offers["price"].to_numpy()
    c_of = offers["c"].to_numpy()
    share = np.where(np.abs(share) < 1e-9, 0.0, share)
    units = share * inst.demand[c_of]
    cost = units * price[:, None]
    o_idx, t_idx = np.nonzero(share > 1e-9)
    allocation = pd.DataFrame(
        {
            "component_id": offers["component_id"].to_numpy()[o_idx],
            "supplier_id": offers["supplier_id"].to_numpy()[o_idx],
            "period": np.asarray(periods, dtype=object)[t_idx],
            "share": share[o_idx, t_idx],
            "units": units[o_idx, t_idx],
            "unit_price": price[o_idx],
            "cost": cost[o_idx, t_idx],
            "is_incumbent": offers["incumbent"].to_numpy()[o_idx],
        }
    )

    actions = []
    switching = offers["switching"].to_numpy()
    for s, t in zip(*np.nonzero(onboard), strict=True):
        actions.append(
            (
                periods[t],
                "onboard",
                "",
                inst.suppliers[s],
                float(inst.supplier_onboarding[s]),
                "",
                np.nan,
                np.nan,
            )
        )
    for o, t in zip(*np.nonzero(start), strict=True):
        ready = t + int(offers["lead"].iat[o])
        actions.append(
            (
                periods[t],
                "start_qualification",
                offers["component_id"].iat[o],
                offers["supplier_id"].iat[o],
                float(switching[o]),
                periods[ready] if ready < T else "",
                np.nan,
                np.nan,
            )
        )
    for o in range(inst.O):
        before = 1.0 if offers["incumbent"].iat[o] else 0.0
        for t in range(T):
            now = share[o, t]
            if abs(now - before) > 1e-6:
                actions.append(
                    (
                        periods[t],
                        "ramp",
                        offers["component_id"].iat[o],
                        offers["supplier_id"].iat[o],
                        0.0,
                        "",
                        before,
                        now,
                    )
                )
            before = now
    order = {"onboard": 0, "start_qualification": 1, "ramp": 2}
    actions_df = pd.DataFrame(
        actions,
        columns=[
            "period",
            "kind",
            "component_id",
            "supplier_id",
            "one_time_cost",
            "ready_period",
            "share_from",
            "share_to",
        ],
    )
    actions_df["_t"] = actions_df["period"].map({p: i for i, p in enumerate(periods)})
    actions_df["_k"] = actions_df["kind"].map(order)
    actions_df = (
        actions_df.sort_values(["_t", "_k", "component_id", "supplier_id"])
        .drop(columns=["_t", "_k"])
        .reset_index(drop=True)
    )

    ev = evaluate(inst, share)
    one_time = (start * switching[:, None]).sum(axis=0) + (
        onboard * inst.supplier_onboarding[:, None]
    ).sum(axis=0)
    material = cost.sum(axis=0)
    tariff = ev["tariff"].sum(axis=0)
    periods_df = pd.DataFrame(
        {
            "period": periods,
            "material_cost": material,
            "one_time_cost": one_time,
            "tariff_cost": tariff,
            "total_cost": material + one_time + tariff,
            "budget": inst.budget,
            "budget_used": one_time,
            "qualification_slots": inst.slots,
            "slots_used": start.sum(axis=0).astype(float),
        }
    )
    rows = []
    for p, pid in enumerate(inst.products):
        for t in range(T):
            rows.append(
                (
                    pid,
                    periods[t],
                    ev["china"][p, t],
                    ev["ratio"][p, t],
                    inst.china_cap[t],
                    1 - ev["nonorig"][p, t] / inst.fob[p],
                    int(ev["tier"][p, t]) + 1,
                    ev["rate"][p, t],
                    ev["tariff"][p, t],
                )
            )
    content = pd.DataFrame(
        rows,
        columns=[
            "product_id",
            "period",
            "china_content_usd",
            "china_share",
            "cap",
            "rvc",
            "tariff_tier",
            "tariff_rate",
            "tariff_cost",
        ],
    )
    s_of = offers["s"].to_numpy()
    load = np.zeros((inst.S, T))
    np.add.at(load, s_of, units)
    used = np.nonzero(load.sum(axis=1) > 0)[0]
    supplier_load = pd.DataFrame(
        {
            "supplier_id": [inst.suppliers[s] for s in used for _ in range(T)],
            "period": [periods[t] for _ in used for t in range(T)],
            "units": load[used].ravel(),
            "capacity": np.repeat(inst.supplier_cap[used], T),
        }
    )
    total = float(periods_df["total_cost"].sum())
    gap = None
    if bound is not None and np.isfinite(bound) and total > 0:
        gap = max(0.0, (total - bound) / abs(total))
    return Plan(
        status=status,
        total_cost=total,
        best_bound=bound,
        gap=gap,
        solve_seconds=seconds,
        actions=actions_df,
        allocation=allocation,
        periods=periods_df,
        content=content,
        supplier_load=supplier_load,
        backend=backend,
    )


def do_nothing(inst: Instance) -> tuple[np.ndarray, float, float]:
    """Share array of the incumbents-only plan, its total cost and its tariffs."""
    share = np.zeros((inst.O, inst.T))
    inc = inst.incumbent_offer[inst.incumbent_offer >= 0]
    share[inc, :] = 1.0
    ev = evaluate(inst, share)
    price = inst.offers["price"].to_numpy()
    c_of = inst.offers["c"].to_numpy()
    material = float((share * inst.demand[c_of] * price[:, None]).sum())
    return share, material + float(ev["tariff"].sum()), float(ev["tariff"].sum())
