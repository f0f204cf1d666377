"""The "pool" family of generated projects: built to unlike the families the planner was tuned
on. A large pool of local suppliers (a third of the part count) with capacities, about 2.2
quotes a part, each with its own ramp, earliest period, least order and capacity; some parts
capped to a second source; budgets, qualification slots and qualifications in progress that
change each quarter; stable awards on or off by seed; and a glide path that binds.

A plan always exists: a witness plan is built first (the least-Chinese quote of the parts
that gain most, started as slots and room allow, ramped as fast as the rules let it) and
every limit is set from it with room to spare, the cap a little above what the witness
reaches. The optimiser must find its own, cheaper plan within those limits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.generate import CATEGORIES, FOREIGN, VN_NAME_PARTS, VN_PROVINCES, generate_project
from planner.project import INF, Settings, TypedProject

DROP = 0.5  # incumbent_max_drop
CAP_ROOM = 0.12  # the cap sits this far from the witness's content towards today's


def generate_pool(n_components: int, seed: int = 1, n_periods: int = 8) -> TypedProject:
    """A pool-family project (see above): the easy family's parts, products and incumbents,
    a new supplier pool, quotes and limits set from a witness plan."""
    base = generate_project(n_components, seed=seed, n_periods=n_periods, family="easy")
    # One random stream, drawn from in this order (the projects of a seed depend on it).
    rng = np.random.default_rng([seed, 2026])
    tables = base.tables
    comps = tables["Components"].copy()
    products = tables["Products"]
    periods = tables["Periods"]["period"].tolist()
    T, n = len(periods), len(comps)
    per_pos = {p: i for i, p in enumerate(periods)}
    qty, demand = _demand(tables, comps, periods)
    pool = _draw_pool(rng, n)
    quotes = _draw_quotes(rng, comps, pool, demand, periods)
    second_source = rng.random(n) < 0.15
    max_share = np.where(second_source, rng.choice([0.6, 0.7], n), np.nan)
    comps["max_supplier_share"] = max_share
    slots, room = _draw_slots_and_room(rng, quotes, T)
    price = comps["current_unit_price"].to_numpy(float)
    unit_now = price * comps["current_china_share"].to_numpy(float)  # Chinese content today
    witness = _Witness.of(
        quotes, _witness(quotes, demand, unit_now, max_share, slots, room, T, per_pos), T
    )
    capacity = _draw_capacities(rng, witness, pool, demand)
    caps, threshold = _glide_path(products, qty, unit_now, quotes, witness, T)
    periods_df = pd.DataFrame(
        {
            "period": periods,
            "budget": _budgets(witness, quotes, pool, T),
            "max_new_qualifications": slots,
            "max_qualifications_in_progress": room,
            "china_cap": caps,
            "tariff_active": [True] * T,
        }
    )
    stable = bool(rng.random() < 0.5)
    return TypedProject(
        tables={
            **tables,
            "Components": comps,
            "Suppliers": _suppliers(tables["Suppliers"], comps, pool, capacity),
            "Offers": quotes.drop(columns=["_part", "_supplier"]),
            "Periods": periods_df,
            "Tariffs": pd.DataFrame({"max_china_share": [threshold, 1.0], "rate": [0.2, 0.4]}),
        },
        settings=Settings(
            plan_name=f"Generated factory, pool family ({n} parts, seed {seed})",
            incumbent_max_drop=DROP,
            no_reversal=stable,
            fx_vnd_per_usd=26000.0,
            tariff_margin=0.0,  # the family as defined (planner.generate)
            max_utilisation=1.0,
            max_supplier_spend_share=1.0,
        ),
    )


def _demand(tables: dict, comps: pd.DataFrame, periods: list[str]):
    """qty[p, c], each product's units of each part, and demand[c, t], each part's units by
    period."""
    products, bom, volumes = tables["Products"], tables["BOM"], tables["Volumes"]
    comp_pos = {c: i for i, c in enumerate(comps["component_id"])}
    prod_pos = {p: i for i, p in enumerate(products["product_id"])}
    per_pos = {p: i for i, p in enumerate(periods)}
    units = np.zeros((len(products), len(periods)))
    for p, per, u in zip(volumes["product_id"], volumes["period"], volumes["units"], strict=True):
        units[prod_pos[p], per_pos[per]] = u
    qty = np.zeros((len(products), len(comps)))
    for p, c, q in zip(bom["product_id"], bom["component_id"], bom["qty_per_unit"], strict=True):
        qty[prod_pos[p], comp_pos[c]] += q
    return qty, qty.T @ units  # n x T


def _draw_pool(rng: np.random.Generator, n: int) -> list[tuple]:
    """A third of the part count, each supplier of one category: (id, name, country,
    province, onboarding cost, category)."""
    pool = []
    for j in range(max(6, n // 3)):
        foreign = rng.random() < 0.12
        if foreign:
            country, province = FOREIGN[j % len(FOREIGN)]
            sid = f"{country}-P{j + 1:05d}"
            name = f"{country} Components {j + 1}"
        else:
            country, province = "VN", VN_PROVINCES[j % len(VN_PROVINCES)]
            sid = f"VN-P{j + 1:05d}"
            name = f"Công ty {VN_NAME_PARTS[j % len(VN_NAME_PARTS)]} {j + 1}"
        onboarding = float(rng.choice([4000, 8000, 15000, 25000, 40000]))
        pool.append((sid, name, country, province, onboarding, int(rng.integers(len(CATEGORIES)))))
    return pool


def _draw_quotes(rng, comps: pd.DataFrame, pool: list[tuple], demand, periods) -> pd.DataFrame:
    """About 2.2 quotes a quoted part (1 + Poisson(1.2), at most 5), from makers of its
    category first; `_part` and `_supplier` name each quote's part row and pool supplier."""
    by_cat: dict[int, list[int]] = {}
    for j, row in enumerate(pool):
        by_cat.setdefault(row[5], []).append(j)
    cat_of_part = [
        next(k for k, cat in enumerate(CATEGORIES) if cat.name == name)
        for name in comps["category"]
    ]
    price = comps["current_unit_price"].to_numpy(float)
    quotable = ~comps["locked"].to_numpy(bool) & (comps["current_country"].to_numpy() != "VN")
    offers = []
    for i in np.nonzero(quotable)[0]:
        if rng.random() > 0.92:
            continue
        cat = CATEGORIES[cat_of_part[i]]
        k = min(1 + int(rng.poisson(1.2)), 5)
        own = by_cat.get(cat_of_part[i], [])
        chosen = list(rng.choice(own, size=min(k, len(own)), replace=False)) if own else []
        if len(chosen) < k:  # a small pool: makers of other categories quote too
            others = np.setdiff1d(np.arange(len(pool)), chosen)
            chosen += list(rng.choice(others, size=k - len(chosen), replace=False))
        for j in chosen:
            quote = _draw_quote(rng, cat, pool[j][2], price[i], demand[i], periods)
            part = comps["component_id"].iat[i]
            offers.append(
                {
                    "component_id": part,
                    "supplier_id": pool[j][0],
                    **quote,
                    "_part": i,
                    "_supplier": j,
                }
            )
    return pd.DataFrame(offers)


def _draw_quote(rng, cat, country: str, price: float, demand: np.ndarray, periods) -> dict:
    """One quote's terms: price, Chinese content, lead, tooling, ramp, earliest period,
    capacity and least order."""
    premium = rng.uniform(*cat.premium) * (0.7 if country != "VN" else 1.0)
    sub = rng.uniform(*cat.sub_china) * 0.7 if country == "VN" else rng.uniform(0, 0.2)
    least = float(round(0.02 * demand.min(), -1)) if rng.random() < 0.3 else 0.0
    cap = float(round(demand.max() * rng.uniform(0.6, 1.5), -1)) if rng.random() < 0.5 else INF
    return {
        "unit_price": round(price * (1 + premium), 6),
        "china_share": round(float(sub), 2),
        "lead_periods": int(rng.integers(cat.lead[0], cat.lead[1] + 1)),
        "switching_cost": float(round(rng.uniform(*cat.tooling), -2)),
        "max_ramp": float(rng.choice([0.25, 0.34, 0.5, 1.0])),
        "earliest_period": periods[int(rng.choice([0, 0, 1, 2, 3]))],
        "capacity_per_period": cap,
        "min_units": least,
    }


def _draw_slots_and_room(rng, quotes: pd.DataFrame, T: int) -> tuple[np.ndarray, np.ndarray]:
    """Qualification slots and room for those in progress, varying by quarter."""
    n_quoted = int(quotes["_part"].nunique()) if len(quotes) else 0
    mean_slots = max(2.0, 0.07 * n_quoted)
    slots = np.maximum(1, np.round(mean_slots * rng.uniform(0.6, 1.4, T))).astype(float)
    room = np.maximum(2, np.round(2.2 * slots)).astype(float)
    return slots, room


@dataclass
class _Witness:
    """The witness plan as arrays: every quote's part and pool supplier, the quotes it uses
    (`chosen`), their shares by period, and the period each of them starts."""

    part: np.ndarray
    supplier: np.ndarray
    chosen: np.ndarray
    shares: np.ndarray
    start: dict[int, int]

    @classmethod
    def of(cls, quotes: pd.DataFrame, witness: dict, T: int) -> _Witness:
        chosen = np.array(list(witness["share"]), dtype=int)
        return cls(
            part=quotes["_part"].to_numpy(int),
            supplier=quotes["_supplier"].to_numpy(int),
            chosen=chosen,
            shares=np.array([witness["share"][o] for o in chosen]).reshape(len(chosen), T),
            start=witness["start"],
        )


def _budgets(witness: _Witness, quotes: pd.DataFrame, pool: list[tuple], T: int) -> np.ndarray:
    """The witness's one-time spending by period, with a tenth to spare (a floor where it
    spends little), in thousands."""
    switching = quotes["switching_cost"].to_numpy(float)
    onboarded: set[int] = set()
    spend = np.zeros(T)
    for o, start in sorted(witness.start.items(), key=lambda kv: kv[1]):
        spend[start] += switching[o]
        if witness.supplier[o] not in onboarded:
            onboarded.add(witness.supplier[o])
            spend[start] += pool[witness.supplier[o]][4]
    floor = 0.3 * spend.mean() if spend.any() else 10_000.0
    return np.ceil(np.maximum(spend * 1.1, floor) / 1000.0) * 1000.0


def _draw_capacities(rng, witness: _Witness, pool: list[tuple], demand) -> np.ndarray:
    """A supplier holds what the witness gives it, with a quarter to spare; one the witness
    does not use has no limit or a little over half the demand it quotes for."""
    part, supplier, chosen = witness.part, witness.supplier, witness.chosen
    n_pool = len(pool)
    load = np.zeros((n_pool, demand.shape[1]))
    np.add.at(load, supplier[chosen], witness.shares * demand[part[chosen]])
    quoted = np.zeros(n_pool)
    np.add.at(quoted, supplier, demand[part].max(axis=1))
    return np.where(
        load.max(axis=1) > 0,
        np.ceil(np.maximum(load.max(axis=1) * 1.25, 0.5 * quoted) / 100.0) * 100.0,
        np.where(rng.random(n_pool) < 0.5, INF, np.ceil(0.6 * quoted / 100.0) * 100.0 + 100.0),
    )


def _glide_path(products, qty, unit_now, quotes, witness: _Witness, T: int):
    """Caps from the third period at the witness's content per product, a little towards
    today's, never rising; and the tier threshold between today's and the last cap."""
    part, chosen = witness.part, witness.chosen
    quote_unit = (quotes["unit_price"] * quotes["china_share"]).to_numpy(float)
    unit = np.repeat(unit_now[:, None], T, axis=1)  # part x period
    np.add.at(unit, part[chosen], witness.shares * (quote_unit - unit_now[part])[chosen][:, None])
    fob = products["fob_price"].to_numpy(float)
    content = qty @ unit / fob[:, None]
    today = qty @ unit_now / fob
    caps = [math.nan] * T
    for t in range(2, T):
        cap = float(np.max(content[:, t] + CAP_ROOM * (today - content[:, t])))
        caps[t] = math.ceil(cap * 1000.0) / 1000.0 + 0.001
    for t in range(3, T):
        caps[t] = min(caps[t], caps[t - 1])
    threshold = round(float((max(today) + caps[-1]) / 2), 2)
    return caps, threshold


def _suppliers(suppliers: pd.DataFrame, comps, pool: list[tuple], capacity) -> pd.DataFrame:
    """The incumbents still in use and the pool."""
    return pd.concat(
        [
            suppliers[suppliers["supplier_id"].isin(comps["current_supplier"])],
            pd.DataFrame(
                {
                    "supplier_id": [r[0] for r in pool],
                    "name": [r[1] for r in pool],
                    "country": [r[2] for r in pool],
                    "province": [r[3] for r in pool],
                    "onboarding_cost": [r[4] for r in pool],
                    "capacity_per_period": capacity,
                }
            ),
        ],
        ignore_index=True,
    )


def _witness(quotes, demand, unit_now, max_share, slots, room, T: int, per_pos) -> dict:
    """A plan that meets every rule: per part its least-Chinese quote that can deliver, parts
    that gain most first, each started in the first period with a slot and room for its whole
    lead, its share rising by the slower of its ramp and the incumbent's drop up to what its
    capacity and the part's second-source rule allow. Returns {start: {offer: period},
    share: {offer: shares by period}}."""
    if quotes.empty:
        return {"start": {}, "share": {}}
    unit = (quotes["unit_price"] * quotes["china_share"]).to_numpy()
    part = quotes["_part"].to_numpy(int)
    ready = quotes["earliest_period"].map(per_pos).to_numpy(int) + quotes["lead_periods"].to_numpy(
        int
    )
    gain = (unit_now[part] - unit) * demand[part].sum(axis=1)
    best: dict[int, int] = {}
    for o in np.argsort(-gain, kind="stable"):
        if gain[o] <= 0 or ready[o] >= T or part[o] in best:
            continue
        best[part[o]] = int(o)
    used = np.zeros(T)
    running = np.zeros(T)
    start: dict[int, int] = {}
    share: dict[int, np.ndarray] = {}
    for o in sorted(best.values(), key=lambda o: -gain[o]):
        q = quotes.iloc[o]
        lead = int(q["lead_periods"])
        first = per_pos[q["earliest_period"]]
        for t in range(first, T - lead):
            span = slice(t, min(t + max(lead, 1), T))
            if used[t] < slots[t] and (running[span] < room[span]).all():
                used[t] += 1
                running[span] += 1
                start[o] = t
                break
        if o not in start:
            continue
        i = part[o]
        cap = q["capacity_per_period"]
        most = min(1.0, cap / demand[i].max()) if math.isfinite(cap) else 1.0
        if not math.isnan(max_share[i]):
            most = min(most, max_share[i])
        if 0.95 < most < 1.0:
            most = 0.95  # the incumbent keeps 0 or at least min_share
        step = min(float(q["max_ramp"]), DROP)
        path = np.zeros(T)
        level = 0.0
        for t in range(start[o] + lead, T):
            level = min(most, level + step)
            path[t] = level
        share[o] = path
    return {"start": start, "share": share}
