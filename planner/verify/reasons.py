"""The reasons' figures (plan.reasons): one row per qualification, its start and ready period,
its one-time cost (its supplier's onboarding with the first of its parts) and its premium over
the horizon against the incumbent's price. The duty each keeps off and the limits' worth are
what-ifs (a plan without it, an LP's marginal value): not recomputed."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.verify.common import differs
from planner.verify.inputs import Input
from planner.verify.view import by_period, first_periods, known_offers


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
    return compare_reasons(plan, inp, awards)
