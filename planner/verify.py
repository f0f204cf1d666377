"""The independent checker: every limit and every cost of a plan, recomputed from the input.

It reads only the typed project and the plan's own tables (allocation and actions), and shares
no code with the optimiser, so a modelling mistake shows up as a violation here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject

TOL = 1e-6


@dataclass
class Check:
    violations: list[str] = field(default_factory=list)
    total_cost: float = 0.0
    material_cost: float = 0.0
    one_time_cost: float = 0.0
    tariff_cost: float = 0.0
    china_share: dict[tuple[str, str], float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations


def _close(a: float, b: float, scale: float = 1.0) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(scale), abs(a), abs(b))


def verify_plan(project: TypedProject, plan: Plan) -> Check:
    """Recompute the plan's limits and costs; list every violation in plain words."""
    chk = Check()
    bad = chk.violations.append
    t = project.tables
    periods = project.periods
    index = {p: i for i, p in enumerate(periods)}
    comps = t["Components"].set_index("component_id")
    products = t["Products"].set_index("product_id")

    # Units built and parts needed per period.
    volume = {
        (p, q): float(products.loc[p, "units_per_period"]) for p in products.index for q in periods
    }
    for row in t["Volumes"].itertuples(index=False):
        volume[(row.product_id, row.period)] = float(row.units)
    bom: dict[str, dict[str, float]] = defaultdict(dict)
    for row in t["BOM"].itertuples(index=False):
        bom[row.product_id][row.component_id] = bom[row.product_id].get(
            row.component_id, 0.0
        ) + float(row.qty_per_unit)
    need = defaultdict(float)
    for p, parts in bom.items():
        for c, q in parts.items():
            for period in periods:
                need[(c, period)] += q * volume[(p, period)]
    used_parts = {c for parts in bom.values() for c in parts}

    # Who may supply what, at which terms.
    suppliers = t["Suppliers"].drop_duplicates("supplier_id").set_index("supplier_id")
    terms: dict[tuple[str, str], dict] = {}
    for c in used_parts:
        r = comps.loc[c]
        if r["current_supplier"]:
            terms[(c, r["current_supplier"])] = {
                "price": float(r["current_unit_price"]),
                "cs": float(r["current_china_share"]),
                "incumbent": True,
                "lead": 0,
                "switching": 0.0,
                "ramp": 1.0,
                "earliest": 0,
                "cap": math.inf,
            }
    for o in t["Offers"].itertuples(index=False):
        if o.component_id in used_parts and not bool(comps.loc[o.component_id, "locked"]):
            terms[(o.component_id, o.supplier_id)] = {
                "price": float(o.unit_price),
                "cs": float(o.china_share),
                "incumbent": False,
                "lead": int(o.lead_periods),
                "switching": float(o.switching_cost),
                "ramp": float(o.max_ramp),
                "earliest": index.get(o.earliest_period, 0),
                "cap": float(o.capacity_per_period),
            }

    # Shares.
    share: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0] * len(periods))
    for row in plan.allocation.itertuples(index=False):
        key = (row.component_id, row.supplier_id)
        if key not in terms:
            bad(
                f"{row.component_id} is bought from {row.supplier_id} in {row.period}, "
                "which neither supplies it today nor quoted for it (or the part is locked)"
            )
            continue
        if row.period not in index:
            bad(f"allocation names an unknown period {row.period}")
            continue
        if row.share < -TOL or row.share > 1 + TOL:
            bad(
                f"{row.component_id}/{row.supplier_id} {row.period}: share {row.share} outside 0..1"
            )
        share[key][index[row.period]] += float(row.share)
    by_part: dict[str, list[tuple[str, list[float]]]] = defaultdict(list)
    for (c, s), values in share.items():
        by_part[c].append((s, values))
    for c in used_parts:
        for i, period in enumerate(periods):
            total = sum(v[i] for _, v in by_part[c])
            if not _close(total, 1.0):
                bad(f"{c} {period}: shares add up to {total:.6f}, not 100%")

    # Qualification starts and onboarding from the actions.
    actions = plan.actions
    starts: dict[tuple[str, str], list[int]] = defaultdict(list)
    onboard: dict[str, list[int]] = defaultdict(list)
    for a in actions.itertuples(index=False):
        if a.kind == "start_qualification":
            starts[(a.component_id, a.supplier_id)].append(index[a.period])
        elif a.kind == "onboard":
            onboard[a.supplier_id].append(index[a.period])
    incumbents = set(comps["current_supplier"]) - {""}
    for key, ts in starts.items():
        if key not in terms or terms[key]["incumbent"]:
            bad(f"qualification of {key[0]} with {key[1]} has no offer behind it")
            continue
        if len(ts) > 1:
            bad(f"qualification of {key[0]} with {key[1]} starts {len(ts)} times")
        if min(ts) < terms[key]["earliest"]:
            bad(f"qualification of {key[0]} with {key[1]} starts before its earliest period")
        s = key[1]
        if s not in incumbents and (not onboard.get(s) or min(onboard[s]) > min(ts)):
            bad(f"{s} starts qualifying {key[0]} in {periods[min(ts)]} before it is onboarded")
    for s, ts in onboard.items():
        if len(ts) > 1:
            bad(f"{s} is onboarded {len(ts)} times")

    # Readiness, ramps, capacities.
    drop = float(project.settings.incumbent_max_drop)
    supplier_units = defaultdict(float)
    for key, values in share.items():
        c, s = key
        term = terms[key]
        before = 1.0 if term["incumbent"] else 0.0
        ready_from = (
            0
            if term["incumbent"]
            else (min(starts[key]) + term["lead"] if starts.get(key) else len(periods))
        )
        for i, value in enumerate(values):
            if value > TOL and i < ready_from:
                bad(f"{c}/{s} delivers in {periods[i]} before its qualification is complete")
            if term["incumbent"] and before - value > drop + TOL:
                bad(
                    f"{c}: incumbent {s} falls from {before:.0%} to {value:.0%} in "
                    f"{periods[i]}, more than {drop:.0%}"
                )
            if not term["incumbent"] and value - before > term["ramp"] + TOL:
                bad(
                    f"{c}/{s} rises from {before:.0%} to {value:.0%} in {periods[i]}, more "
                    f"than its ramp of {term['ramp']:.0%}"
                )
            units = value * need[(c, periods[i])]
            if units > term["cap"] * (1 + TOL) + TOL:
                bad(f"{c}/{s} {periods[i]}: {units:,.0f} units exceed the offer's capacity")
            supplier_units[(s, i)] += units
            before = value
    for (s, i), units in supplier_units.items():
        cap = float(suppliers.loc[s, "capacity_per_period"]) if s in suppliers.index else math.inf
        if units > cap * (1 + TOL) + TOL:
            bad(f"{s} {periods[i]}: {units:,.0f} units exceed its capacity of {cap:,.0f}")

    # Budget and qualification slots.
    per = t["Periods"].set_index("period")
    one_time = [0.0] * len(periods)
    slots = [0] * len(periods)
    for key, ts in starts.items():
        if key in terms:
            for i in ts:
                one_time[i] += terms[key]["switching"]
                slots[i] += 1
    for s, ts in onboard.items():
        cost = float(suppliers.loc[s, "onboarding_cost"]) if s in suppliers.index else 0.0
        for i in ts:
            one_time[i] += cost
    for i, period in enumerate(periods):
        budget = float(per.loc[period, "budget"])
        if one_time[i] > budget * (1 + TOL) + TOL:
            bad(f"{period}: one-time spending {one_time[i]:,.0f} exceeds the budget {budget:,.0f}")
        limit = float(per.loc[period, "max_new_qualifications"])
        if slots[i] > limit + TOL:
            bad(f"{period}: {slots[i]} qualifications start, more than {limit:.0f}")

    # Content, tariffs, rules of origin, costs.
    tariffs = t["Tariffs"].sort_values("max_china_share")
    tiers = list(zip(tariffs["max_china_share"], tariffs["rate"], strict=True))
    rvc_min = project.settings.rvc_min
    country = suppliers["country"].to_dict()
    material_total = 0.0
    tariff_total = 0.0
    # A share within TOL above a tier's bound may be billed at either tier: the solver's
    # arithmetic cannot tell them apart. The true rule (strict) is what the checker reports.
    tariff_lenient = 0.0
    for i, period in enumerate(periods):
        for (c, s), values in share.items():
            material_total += values[i] * need[(c, period)] * terms[(c, s)]["price"]
        for p in products.index:
            china = material = nonorig = 0.0
            for c, q in bom[p].items():
                for s, values in by_part[c]:
                    if values[i] == 0:
                        continue
                    term = terms[(c, s)]
                    china += q * values[i] * term["price"] * term["cs"]
                    material += q * values[i] * term["price"]
                    inside = country.get(s) == "VN"
                    nonorig += q * values[i] * term["price"] * (term["cs"] if inside else 1.0)
            fob = float(products.loc[p, "fob_price"])
            base = material if project.settings.content_basis == "materials" else fob
            ratio = china / base if base > 0 else 0.0
            chk.china_share[(p, period)] = ratio
            cap = float(per.loc[period, "china_cap"])
            if not math.isnan(cap) and ratio > cap + TOL and volume[(p, period)] > 0:
                bad(f"{p} {period}: Chinese share {ratio:.2%} is above the cap {cap:.2%}")
            if rvc_min is not None and volume[(p, period)] > 0:
                rvc = 1 - nonorig / fob
                if rvc < rvc_min - TOL:
                    bad(f"{p} {period}: Vietnamese value content {rvc:.2%} is below {rvc_min:.2%}")
            if bool(per.loc[period, "tariff_active"]):
                billed = fob * float(products.loc[p, "us_share"]) * volume[(p, period)]
                strict = next((r for bound, r in tiers if ratio <= bound), tiers[-1][1])
                lenient = next((r for bound, r in tiers if ratio <= bound + TOL), tiers[-1][1])
                tariff_total += strict * billed
                tariff_lenient += lenient * billed
    chk.material_cost = material_total
    chk.one_time_cost = sum(one_time)
    chk.tariff_cost = tariff_total
    chk.total_cost = material_total + chk.one_time_cost + tariff_total
    lenient_total = material_total + chk.one_time_cost + tariff_lenient
    if (
        plan.total_cost is not None
        and not _close(plan.total_cost, chk.total_cost, chk.total_cost)
        and not _close(plan.total_cost, lenient_total, lenient_total)
    ):
        bad(
            f"the plan states a total cost of {plan.total_cost:,.2f} but it recomputes to "
            f"{chk.total_cost:,.2f}"
        )
    return chk


def verify_frame(project: TypedProject, plan: Plan) -> pd.DataFrame:
    """Violations as a table, for the app's panel."""
    return pd.DataFrame({"violation": verify_plan(project, plan).violations})
