"""Money figures and the plan's own tables, recomputed: the allocation's prices and costs, the
per-period table, the content table and its tariff details, the supplier load, the summary and
the total. A figure the plan shows that the checker does not recompute to is a violation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planner.verify.common import MONEY, Check, differs
from planner.verify.content import ProductPeriod
from planner.verify.view import PlanView


def material_by_period(view: PlanView) -> np.ndarray:
    return (view.un * view.price[:, None]).sum(axis=0)


def tariff_by_period(view: PlanView, rows: list[ProductPeriod]) -> np.ndarray:
    total = np.zeros(view.T)
    for row in rows:
        total[row.t] += row.tariff
    return total


def compare_allocation(view: PlanView) -> list[str]:
    """Each allocation row's cost is its units at its price, and its price the quoted one."""
    alloc = view.plan.allocation
    if alloc.empty:
        return []
    out = []
    cost = alloc["units"].to_numpy(float) * alloc["unit_price"].to_numpy(float)
    if (np.abs(cost - alloc["cost"].to_numpy(float)) > 1e-6 * np.maximum(1, cost) + 0.01).any():
        out.append("an allocation cost is not units x price")
    quoted = dict(zip(view.share.index, view.price, strict=True))
    keys = zip(alloc["component_id"], alloc["supplier_id"], strict=True)
    listed = [quoted.get(key) for key in keys]
    if any(v is None or differs(v, u) for v, u in zip(listed, alloc["unit_price"], strict=True)):
        out.append("an allocation price is not the quoted price")
    return out


def compare_periods(view: PlanView, rows: list[ProductPeriod]) -> list[str]:
    """Each figure of the per-period table the plan shows, period by period."""
    table = view.plan.periods.set_index("period").reindex(view.periods)
    out = []
    for column, values in _period_figures(view, rows).items():
        if column not in table.columns:
            continue
        shown = table[column].to_numpy(float)
        for t, per in enumerate(view.periods):
            a, b = shown[t], float(values[t])
            if math.isinf(a) and math.isinf(b):
                continue
            if differs(a, b):
                out.append(f"{per}: the plan shows {column} {a:,.4f} but it recomputes to {b:,.4f}")
    return out


def _period_figures(view: PlanView, rows: list[ProductPeriod]) -> dict[str, np.ndarray]:
    inp = view.inp
    material = material_by_period(view)
    one_time, tariff = view.one_time, tariff_by_period(view, rows)
    vn = (view.un * view.price[:, None])[view.made_in_vn].sum(axis=0)
    return {
        "material_cost": material,
        "one_time_cost": one_time,
        "budget_used": one_time,
        "tariff_cost": tariff,
        "total_cost": material + one_time + tariff,
        "slots_used": view.starts_by_period,
        "in_progress": view.in_progress,
        "vn_spend_share": np.divide(vn, material, out=np.zeros_like(vn), where=material > 0),
        "budget": inp.budget,
        "qualification_slots": inp.slots,
        "in_progress_limit": inp.running,
    }


def compare_content(view: PlanView, rows: list[ProductPeriod]) -> list[str]:
    """The content table: each product and period's figures as recomputed, and the safety
    margin below the cap held (in the periods that have not happened)."""
    table = view.plan.content.set_index(["product_id", "period"])
    out = []
    for row in rows:
        where = f"{row.product} {row.period}:"
        if (row.product, row.period) not in table.index:
            out.append(f"{where} missing from the content table")
            continue
        shown = table.loc[(row.product, row.period)]
        found = [rule(shown, row) for rule in _CONTENT_FIGURES] + [_thin_margin(view, row)]
        out += [f"{where} {text}" for text in found if text]
    return out


def _share_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    if abs(float(r["china_share"]) - row.ratio) > 1e-9 or differs(
        r["china_content_usd"], row.china
    ):
        return f"the Chinese share shown differs from the recomputed {row.ratio:.4%}"
    return None


def _tier_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    if int(r["tariff_tier"]) != row.tier or differs(r["tariff_rate"], row.rate):
        return f"tier {int(r['tariff_tier'])} is shown, but the share puts it in tier {row.tier}"
    return None


def _tariff_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    if differs(r["tariff_cost"], row.tariff):
        return f"tariff {float(r['tariff_cost']):,.2f} shown, {row.tariff:,.2f} recomputed"
    return None


def _rvc_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    if abs(float(r["rvc"]) - row.rvc) > 1e-9:
        return f"RVC shown differs from the recomputed {row.rvc:.2%}"
    return None


def _bound_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    bound = r.get("tier_bound")
    if "tier_bound" in r and not pd.isna(bound) and abs(bound - row.bound) > 1e-9:
        return f"tier bound {float(bound):.2%} shown, {row.bound:.2%} in force"
    return None


def _tier_margin_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    margin = r.get("tier_margin")
    stated = "tier_margin" in r and not pd.isna(margin)
    if stated and abs(float(margin) - (row.bound - row.ratio)) > 1e-9:
        return "the margin to the tier bound is misstated"
    return None


def _cap_margin_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    stated = "cap_margin" in r and not math.isnan(row.cap)
    if stated and abs(float(r["cap_margin"]) - (row.cap - row.ratio)) > 1e-9:
        return "the margin to the cap is misstated"
    return None


def _stake_shown(r: pd.Series, row: ProductPeriod) -> str | None:
    """What a slip over the bound would cost and what a customer cap guards, as shown."""
    if "duty_at_stake" in r and differs(r["duty_at_stake"], row.at_stake):
        return (
            f"duty at stake {float(r['duty_at_stake']):,.2f} shown, {row.at_stake:,.2f} recomputed"
        )
    if "us_value" in r and differs(r["us_value"], row.us_value):
        return f"US-bound value {float(r['us_value']):,.2f} shown, {row.us_value:,.2f} recomputed"
    return None


_CONTENT_FIGURES = (
    _share_shown,
    _tier_shown,
    _tariff_shown,
    _rvc_shown,
    _bound_shown,
    _tier_margin_shown,
    _cap_margin_shown,
    _stake_shown,
)


def _thin_margin(view: PlanView, row: ProductPeriod) -> str | None:
    """The margin below the cap is held, where a cap applies and the period has not
    happened."""
    margin, cap = view.cap_margin, row.cap
    capped = margin and not math.isnan(cap) and not view.past[row.t]
    if capped and cap - row.ratio < margin - 1e-9:
        return f"holds less than the {margin:.2%} safety margin below the cap"
    return None


def compare_tariff_details(view: PlanView, rows: list[ProductPeriod]) -> list[str]:
    """The schedule in force, the origin and the duty before pass-through, as shown."""
    table = view.plan.content.set_index(["product_id", "period"])
    out = []
    for row in rows:
        if (row.product, row.period) not in table.index:
            continue
        r = table.loc[(row.product, row.period)]
        where = f"{row.product} {row.period}:"
        if "schedule" in r and r["schedule"] != row.schedule:
            out.append(f"{where} schedule '{r['schedule']}' shown, '{row.schedule}' in force")
        if "origin" in r and r["origin"] != row.origin:
            out.append(f"{where} origin {r['origin']} shown, {row.origin} recomputed")
        if "tariff_full" in r and differs(r["tariff_full"], row.full):
            out.append(
                f"{where} duty {float(r['tariff_full']):,.2f} shown, {row.full:,.2f} recomputed"
            )
    return out


def compare_load(view: PlanView) -> list[str]:
    """The supplier load shown is the allocation's units by supplier."""
    load = view.plan.supplier_load
    if load.empty:
        return []
    units = view.supplier_units
    shown = load.pivot_table(index="supplier_id", columns="period", values="units", aggfunc="sum")
    shown = shown.reindex(index=units.index, columns=view.periods).fillna(0.0)
    if (np.abs(shown.to_numpy() - units.to_numpy()) > 0.5).any():
        return ["the supplier load differs from the allocation"]
    return _compare_usable(view, load) + _compare_spend(view, load)


def _compare_usable(view: PlanView, load: pd.DataFrame) -> list[str]:
    """The capacity the plan may use, as shown: a new supplier's max_utilisation of what it
    states, any other supplier's all of it."""
    if "usable" not in load.columns:
        return []
    known = view.usable_capacity["usable"]
    out = []
    for r in load.drop_duplicates("supplier_id").itertuples(index=False):
        usable = float(known.get(r.supplier_id, math.inf))
        if not (math.isinf(usable) and math.isinf(float(r.usable))) and differs(r.usable, usable):
            out.append(f"{r.supplier_id}: usable capacity {float(r.usable):,.0f} shown")
    return out


def _compare_spend(view: PlanView, load: pd.DataFrame) -> list[str]:
    """Each supplier's spend, its share of the period's spend and its parts, as shown, from
    the allocation's units at the quoted prices."""
    if "spend" not in load.columns:
        return []
    spend = (view.un * view.price[:, None]).astype(float)
    sup = view.share.index.get_level_values(1)
    by_sup = pd.DataFrame(spend, index=sup, columns=view.periods).groupby(level=0).sum()
    parts = pd.DataFrame(view.sh > 0, index=sup, columns=view.periods).groupby(level=0).sum()
    total = spend.sum(axis=0)
    out = []
    for r in load.itertuples(index=False):
        if r.supplier_id not in by_sup.index or r.period not in by_sup.columns:
            continue
        t = view.index[r.period]
        expected = float(by_sup.at[r.supplier_id, r.period])
        share = expected / total[t] if total[t] > 0 else 0.0
        if differs(r.spend, expected) or abs(float(r.spend_share) - share) > 1e-6:
            out.append(f"{r.supplier_id} {r.period}: spend shown differs from the allocation")
        elif int(r.parts) != int(parts.at[r.supplier_id, r.period]):
            out.append(f"{r.supplier_id} {r.period}: {int(r.parts)} parts shown")
    return out


def totals(view: PlanView, rows: list[ProductPeriod], chk: Check) -> None:
    """The plan's costs over the horizon, recomputed, into `chk`."""
    chk.material_cost = float(material_by_period(view).sum())
    chk.one_time_cost = float(view.one_time.sum())
    chk.tariff_cost = float(tariff_by_period(view, rows).sum())
    chk.total_cost = chk.material_cost + chk.one_time_cost + chk.tariff_cost
    chk.china_share.update({(row.product, row.period): float(row.ratio) for row in rows})


def compare_summary(view: PlanView, rows: list[ProductPeriod], chk: Check) -> list[str]:
    """The summary's figures: the costs, the parts switched, the suppliers onboarded, the
    Vietnamese share of spend and the Chinese share of each product first and last."""
    summary = view.plan.summary.to_dict() if view.plan.summary is not None else {}
    out = []
    for key, value in _summary_figures(view, chk).items():
        if key in summary and summary[key] is not None and differs(summary[key], value):
            out.append(f"the summary's {key} {summary[key]:,.4f} recomputes to {value:,.4f}")
    shares = {(row.product, row.period): row.ratio for row in rows}
    for key, period in (
        ("china_share_first", view.periods[0]),
        ("china_share_last", view.periods[-1]),
    ):
        for p, value in (summary.get(key) or {}).items():
            if abs(float(value) - shares[(p, period)]) > 1e-9:
                out.append(f"the summary's Chinese share of {p} in {period} is misstated")
    return out


def _summary_figures(view: PlanView, chk: Check) -> dict[str, float]:
    expected = {
        "total_cost": chk.total_cost,
        "material_cost": chk.material_cost,
        "one_time_cost": chk.one_time_cost,
        "tariff_cost": chk.tariff_cost,
        "parts_switched": len({c for c, _ in view.start_at}),
        "suppliers_onboarded": len(view.board_at),
    }
    spend = view.un * view.price[:, None]
    if spend.sum() > 0:
        expected["vn_spend_share"] = float(spend[view.made_in_vn].sum() / spend.sum())
    return expected


def compare_total(view: PlanView, chk: Check) -> list[str]:
    """The total cost the plan states."""
    stated = view.plan.total_cost
    if stated is not None and differs(stated, chk.total_cost):
        return [
            f"the plan states a total cost of {stated:,.2f} but it recomputes to "
            f"{chk.total_cost:,.2f}"
        ]
    return []


def compare_margins(view: PlanView, chk: Check) -> list[str]:
    """The price of each margin: the margin the settings keep, the plan's own cost, and the
    price the difference of the two costs (the plan without a margin never costs more: it
    starts from this plan)."""
    out = []
    for r in view.plan.margins.itertuples(index=False):
        setting = float(getattr(view.inp.settings, str(r.setting), math.nan))
        if abs(float(r.margin) - setting) > 1e-12:
            out.append(f"the {r.setting} priced is {r.margin:.2%}, the settings keep {setting:.2%}")
        if differs(r.cost_with, chk.total_cost):
            out.append(f"the {r.setting} price starts from a cost of {r.cost_with:,.2f}")
        if pd.isna(r.cost_without) != pd.isna(r.price):
            out.append(f"the {r.setting} price is stated without both costs")
        elif not pd.isna(r.price):
            if differs(r.price, r.cost_with - r.cost_without):
                out.append(f"the {r.setting} price {r.price:,.2f} is not the difference of costs")
            if r.cost_without > r.cost_with + MONEY * abs(r.cost_with) + 0.01:
                out.append(f"the plan without the {r.setting} costs more than the plan with it")
            out += _price_range(view, r)
    return out


def _price_range(view: PlanView, r) -> list[str]:
    """The range of a margin's price, from this plan's bound and the other plan's."""
    out = []
    bound = view.plan.best_bound
    if not pd.isna(r.price_low) and (
        bound is None or differs(r.price_low, max(0.0, min(r.price, bound - r.cost_without)))
    ):
        out.append(f"the {r.setting} price's low end is not this plan's bound less the other plan")
    if not pd.isna(r.price_high) and (
        pd.isna(r.bound_without)
        or differs(r.price_high, max(r.price, r.cost_with - r.bound_without))
    ):
        out.append(f"the {r.setting} price's high end is not this plan less the other's bound")
    return out
