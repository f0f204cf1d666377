"""The price of each margin the plan keeps: the plan planned again without it.

A margin below a bound is insurance (a supplier's content slips, a customs finding moves a
share), and a director signs it knowing its price. For each margin set above 0 (the room below
the customer's caps, `cap_margin`; below the legal tariff bounds, `tariff_margin`), the project
is planned again with that margin at 0, starting from the plan itself: the plan meets the looser
limits too, so the plan without the margin never costs more, and the difference is what the
margin costs as planned (both plans checked by planner.verify). The search is the planner's
own, with a quarter of the project's time limit (a work budget, as every search here: the same
price on every run).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pandas as pd

from planner.plan import MARGIN_COLUMNS, Plan, ProgressEvent, StoppedBy
from planner.project import TypedProject

MARGINS = ("cap_margin", "tariff_margin")
PRICE_SHARE = 0.25  # of the project's time limit, for each margin priced


def price_margins(
    project: TypedProject,
    plan: Plan,
    *,
    time_limit_s: float | None = None,
    should_stop: Callable[[], bool] | None = None,
    clock: bool | None = None,
) -> pd.DataFrame:
    """One row per margin above 0 (MARGIN_COLUMNS): the plan's cost, the cost of the plan
    planned without that margin, the difference. Empty when the plan has none to price; a
    row's price is blank when the search was stopped or its plan failed the checker."""
    from planner.optimise import plan_project  # the public entry (tests hold it there)

    settings = project.settings
    if not plan.has_plan or plan.total_cost is None:
        return pd.DataFrame(columns=MARGIN_COLUMNS)
    limit = float(time_limit_s if time_limit_s is not None else settings.time_limit_s)
    rows = []
    for key in MARGINS:
        margin = float(getattr(settings, key))
        if margin <= 0:
            continue
        if should_stop is not None and should_stop():
            break
        loose = (
            dataclasses.replace(settings, cap_margin=0.0)
            if key == "cap_margin"
            else dataclasses.replace(settings, tariff_margin=0.0)
        )
        without = plan_project(
            dataclasses.replace(project, settings=loose),
            time_limit_s=max(1.0, PRICE_SHARE * limit),
            should_stop=should_stop,
            starts=[plan],
            clock=clock,
        )
        if without.stopped_by == StoppedBy.CANCEL:
            break  # a price from a search cut short would understate it
        rows.append(_row(key, margin, plan, without))
    return pd.DataFrame(rows, columns=MARGIN_COLUMNS)


def _row(key: str, margin: float, plan: Plan, without: Plan) -> dict:
    """One margin's price. The best plans' difference lies between this plan's bound less the
    plan without the margin, and this plan less the other's bound (blank without bounds)."""
    cost_with = float(plan.total_cost or 0.0)
    if not (without.has_plan and without.verified and without.total_cost is not None):
        return {"setting": key, "margin": margin, "cost_with": cost_with}
    cost = float(without.total_cost)
    price = cost_with - cost
    # (a bound a rounding above its plan does not move the range past the price)
    low = None if plan.best_bound is None else max(0.0, min(price, plan.best_bound - cost))
    high = None if without.best_bound is None else max(price, cost_with - without.best_bound)
    return {
        "setting": key,
        "margin": margin,
        "cost_with": cost_with,
        "cost_without": cost,
        "price": price,
        "bound_without": without.best_bound,
        "price_low": low,
        "price_high": high,
    }


def with_margin_prices(
    project: TypedProject,
    plan: Plan,
    *,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    **search: Any,
) -> Plan:
    """The plan with its margins priced (Plan.margins), checked again with them: the plan a
    director is shown. `search`: price_margins' time limit, stop and clock. A stopped pricing
    leaves the margins unpriced; the plan is the same."""
    from planner.verify import check_margins

    if not plan.has_plan or not plan.verified:
        return plan
    if on_progress is not None:
        elapsed = plan.solve_seconds
        on_progress(ProgressEvent(elapsed, plan.total_cost, None, None, "pricing", "pricing"))
    prices = price_margins(project, plan, **search)
    priced = dataclasses.replace(plan, margins=prices)
    # the plan passed the checker; only the prices are new. One it cannot confirm is not shown
    return plan if check_margins(project, priced) else priced


def plan_priced(
    project: TypedProject,
    *,
    time_limit_s: float | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Plan:
    """The plan a director is shown (the command line's and the app's): planned, then its
    margins priced."""
    from planner.optimise import plan_project  # the public entry (tests hold it there)

    plan = plan_project(
        project, time_limit_s=time_limit_s, on_progress=on_progress, should_stop=should_stop
    )
    return with_margin_prices(
        project, plan, time_limit_s=time_limit_s, on_progress=on_progress, should_stop=should_stop
    )
