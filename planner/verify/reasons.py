"""The reasons' figures (plan.reasons): one row per qualification, its start and ready period,
its one-time cost (its supplier's onboarding with the first of its parts), its premium over
the horizon against the incumbent's price, and its share of the duty the plan keeps off
against doing nothing (the allocation, recomputed here the checker's own way; the shares add
up to the duty saved). The limits' worth are what-ifs (an LP's marginal value): not
recomputed."""

from __future__ import annotations

import copy
from typing import NamedTuple

import numpy as np
import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.verify.common import differs
from planner.verify.content import ProductPeriod, recompute_content
from planner.verify.inputs import Input
from planner.verify.view import PlanView, by_period, first_periods, known_offers


class Awards(NamedTuple):
    """What the reasons are checked against: the shares by (part, supplier) row and period,
    each row's part demand and price, and the periods of the starts and onboardings."""

    keys: pd.Index
    sh: np.ndarray
    need: np.ndarray
    price: np.ndarray
    start_at: dict[tuple[str, str], int]
    board_at: dict[str, int]


def compare_reasons(plan: Plan, inp: Input, awards: Awards) -> list[str]:
    """Each reason's start, ready period and premium, and the onboarding they count."""
    reasons = plan.reasons
    if reasons is None or reasons.empty:
        return []  # not explained (yet): the planner explains a verified plan, then checks this
    listed = list(zip(reasons["component_id"], reasons["supplier_id"], strict=True))
    if sorted(listed) != sorted(awards.start_at):
        return ["the reasons do not list each qualification started exactly once"]
    term = inp.terms[["switching", "lead"]].to_dict("index")
    base_price = _incumbent_prices(inp)
    out = []
    paid: dict[str, float] = {}
    for r in reasons.itertuples(index=False):
        key = (r.component_id, r.supplier_id)
        out += _reason_findings(r, inp, awards, term[key], base_price.get(key[0]))
        extra = float(r.one_time_cost) - float(term[key]["switching"])
        paid[key[1]] = paid.get(key[1], 0.0) + extra
    return out + _onboarding_findings(paid, inp, awards.board_at)


def _reason_findings(r, inp: Input, awards: Awards, term: dict, base: float | None) -> list[str]:
    """One reason's start and ready period, and its premium over the incumbent's price
    `base` (none: the part had no supplier)."""
    periods, T = inp.periods, len(inp.periods)
    key = (r.component_id, r.supplier_id)
    out = []
    t0 = awards.start_at[key]
    lead = int(term["lead"])
    ready = periods[t0 + lead] if t0 + lead < T else ""
    if r.period != periods[t0] or str(r.ready_period or "") != ready:
        out.append(f"the reason for {key[0]} with {key[1]} states another start or ready period")
    i = awards.keys.get_loc(key) if key in awards.keys else None
    if i is None:
        return out
    units = awards.sh[i] * awards.need[i]
    premium = (units * (awards.price[i] - (0.0 if base is None else base))).sum()
    if differs(r.premium, premium):
        out.append(
            f"the reason for {key[0]} with {key[1]} states a premium of {r.premium:,.2f}, "
            f"recomputed {premium:,.2f}"
        )
    return out


def _incumbent_prices(inp: Input) -> dict[str, float]:
    held = inp.terms[inp.terms["incumbent"].astype(bool)]
    parts = held.index.get_level_values(0)
    return dict(zip(parts, held["price"].astype(float), strict=True))


def _onboarding_findings(paid: dict[str, float], inp: Input, board_at: dict) -> list[str]:
    """The reasons count each supplier's onboarding once, with one of its parts."""
    onboarding = inp.suppliers["onboarding_cost"]
    out = []
    for sup, extra in paid.items():
        cost = onboarding.get(sup, 0.0) if sup in board_at else 0.0
        cost = 0.0 if pd.isna(cost) else float(cost)
        if differs(extra, cost):
            out.append(f"the reasons count {extra:,.2f} of onboarding for {sup}, not {cost:,.2f}")
    return out


def compare_duty_kept(view: PlanView, rows: list[ProductPeriod]) -> list[str]:
    """Each reason's duty kept off is its share of the duty the plan saves against doing
    nothing, allocated by the rule of docs/model.md (per product and period, in proportion to
    the Chinese content each switch removes, the way the duty moved; else the non-originating
    value; else equally among the switches the product uses), and the shares add up to the
    duty saved."""
    reasons = view.plan.reasons
    if reasons is None or reasons.empty:
        return []
    saved = _duty_saved(view, rows)
    expected = _allocate(view, saved)
    out = []
    for r in reasons.itertuples(index=False):
        want = expected.get((r.component_id, r.supplier_id), 0.0)
        if differs(r.tariff_saved, want):
            out.append(
                f"the reason for {r.component_id} with {r.supplier_id} keeps "
                f"{r.tariff_saved:,.2f} of duty off, recomputed {want:,.2f}"
            )
    total, duty = float(reasons["tariff_saved"].sum()), float(saved.sum())
    if differs(total, duty):
        out.append(f"the duty kept off adds up to {total:,.2f}, the plan saves {duty:,.2f}")
    return out


def _duty_saved(view: PlanView, rows: list[ProductPeriod]) -> np.ndarray:
    """Products x periods: the duty doing nothing pays less the plan's (every part bought
    from its supplier today, recomputed as any plan is)."""
    inp = view.inp
    held = inp.terms[inp.terms["incumbent"].astype(bool)].index
    parts = [(c, s) for c, s in held if c in inp.need.index]
    alloc = pd.DataFrame(
        [(c, s, per, 1.0, float(inp.need.loc[c, per])) for c, s in parts for per in view.periods],
        columns=["component_id", "supplier_id", "period", "share", "units"],
    )
    nothing = copy.copy(view.plan)
    nothing.allocation = alloc
    nothing.actions = view.plan.actions.iloc[0:0]
    base = recompute_content(PlanView(view.project, nothing))
    products = list(inp.products.index)
    saved = np.zeros((len(products), view.T))
    for row, sign in [(r, 1.0) for r in base] + [(r, -1.0) for r in rows]:
        saved[products.index(row.product), row.t] += sign * row.tariff
    return saved


def _allocate(view: PlanView, saved: np.ndarray) -> dict[tuple[str, str], float]:
    """The duty saved in each product and period split among the switches (see
    compare_duty_kept)."""
    inp = view.inp
    keys = [k for k in view.start_at if k in view.share.index]
    terms = inp.terms
    made_vn = terms["origin"] == "VN"
    china = terms["price"] * terms["cs"]
    nonorig = china.where(made_vn, terms["price"])
    weights = []  # per level: switches x products x periods
    for unit in (china, nonorig):
        ref_of = unit[terms["incumbent"].astype(bool)].droplevel(1)
        weights.append(
            np.array(
                [_moved(view, key, float(ref_of.get(key[0], 0.0) - unit[key])) for key in keys]
            )
        )
    weights.append(np.array([_moved(view, key, 1.0, used=True) for key in keys]))
    out = dict.fromkeys(keys, 0.0)
    if not keys:
        return out
    for p, k in zip(*np.nonzero(saved), strict=True):
        for level, weight in enumerate(weights):
            w = weight[:, p, k] * (1.0 if level == 2 else np.sign(saved[p, k]))
            w = np.where(w > 0, w, 0.0)
            if w.sum() > 0:
                for key, part in zip(keys, saved[p, k] * w / w.sum(), strict=True):
                    out[key] += float(part)
                break
    return out


def _moved(view: PlanView, key: tuple[str, str], per_unit: float, used: bool = False):
    """Products x periods: a switch's part per product unit x its share x `per_unit` (with
    `used`: its part per product unit where it holds a share)."""
    bom = view.inp.bom
    mine = bom[bom["component_id"] == key[0]].set_index("product_id")["qty_per_unit"]
    qty = mine.reindex(view.inp.products.index).fillna(0.0).to_numpy(float)[:, None]
    share = view.sh[view.share.index.get_loc(key)][None, :]
    return qty * ((share > 0).astype(float) if used else share * per_unit)


def check_reasons(project: TypedProject, plan: Plan) -> list[str]:
    """The reasons' figures against the plan (the planner adds the reasons to a verified plan,
    then asks this); the violations in plain words."""
    unexplained = plan.reasons is None or plan.reasons.empty
    if unexplained and not (plan.actions["kind"] == "start_qualification").any():
        return []
    inp = Input(project)
    alloc = plan.allocation[known_offers(plan.allocation, inp)]
    share = by_period(alloc, "share", inp.periods)
    terms = inp.terms.reindex(share.index)
    start_at, board_at = first_periods(plan.actions, inp.index)
    if unexplained:
        return ["the reasons do not list each qualification started exactly once"]
    need = inp.need.reindex(share.index.get_level_values(0)).to_numpy(float)
    price = terms["price"].to_numpy(float)
    awards = Awards(share.index, share.to_numpy(), need, price, start_at, board_at)
    view = PlanView(project, plan)
    return compare_reasons(plan, inp, awards) + compare_duty_kept(view, recompute_content(view))
