"""The cheapest plan for each level of ambition, the price of each extra point of
localisation, and per part the duty on Chinese content at which localising it pays.

A sweep scales the glide path so that it ends at each final Chinese-share target (a project
without caps gets the target in its last period) and plans every variant in parallel
(planner.scenarios.run)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from planner.instance import build_instance
from planner.plan import ProgressEvent
from planner.project import TypedProject
from planner.scenarios.run import ScenarioResult, plan_scenarios

CURVE_COLUMNS = [
    "final_share",  # the target the glide path ends at
    "scenario",
    "status",
    "total_cost",
    "china_share_last",  # the highest product's share in the last period
    "price_per_point",  # extra cost per point below the previous (looser) target
]


def targets(spec: str) -> list[float]:
    """'0.45:0.25:0.05' or '45%:25%:5%' -> [0.45, 0.40, ..., 0.25] (either direction)."""
    parts = [p.strip().rstrip("%") for p in spec.split(":")]
    if len(parts) != 3:
        raise ValueError("expected FROM:TO:STEP, e.g. 0.45:0.25:0.05")
    values = [float(p) for p in parts]
    if any(v > 1 for v in values):
        values = [v / 100 for v in values]
    start, stop, step = values
    step = abs(step)
    if step <= 0:
        raise ValueError("STEP must be positive")
    n = math.floor(abs(stop - start) / step + 1e-9) + 1
    sign = -1 if stop < start else 1
    return [round(start + sign * i * step, 6) for i in range(n)]


def with_final_share(project: TypedProject, final: float) -> TypedProject:
    """The project with its glide path scaled to end at `final` (caps never above 100%)."""
    periods = project.tables["Periods"].copy()
    caps = periods["china_cap"].to_numpy(float)
    known = ~np.isnan(caps)
    if known.any() and caps[known][-1] > 0:
        scaled = np.where(known, np.minimum(caps * final / caps[known][-1], 1.0), np.nan)
    else:
        scaled = np.full(caps.shape, np.nan)
        scaled[-1] = final
    periods["china_cap"] = scaled
    tables = dict(project.tables)
    tables["Periods"] = periods
    return dataclasses.replace(project, tables=tables)


def sweep(
    project: TypedProject,
    finals: list[float],
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    on_progress: Callable[[str, ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[pd.DataFrame, dict[str, ScenarioResult]]:
    """The trade-off curve: one plan per final target, loosest first."""
    finals = sorted(finals, reverse=True)
    prepared = {
        _name(f): ScenarioResult(_name(f), project=with_final_share(project, f)) for f in finals
    }
    results = plan_scenarios(
        None,
        list(prepared),
        time_limit=time_limit,
        workers=workers,
        on_progress=on_progress,
        should_stop=should_stop,
        prepared=prepared,
    )
    rows = []
    previous = None
    for final in finals:
        name = _name(final)
        plan = results[name].plan
        ok = plan is not None and plan.has_plan
        cost = plan.total_cost if ok else None
        last = max(plan.summary["china_share_last"].values()) if ok else None
        price = None
        if ok and previous is not None:
            points = (previous[1] - last) * 100
            price = (cost - previous[0]) / points if points > 1e-9 else None
        rows.append((final, name, plan.status.value if plan else "invalid", cost, last, price))
        if ok:
            previous = (cost, last)
    return pd.DataFrame(rows, columns=CURVE_COLUMNS), results


def _name(final: float) -> str:
    return f"final {final:.1%}"


def break_even(project: TypedProject) -> pd.DataFrame:
    """Per part with an offer of less Chinese content: the duty on Chinese content at which
    moving it pays over the horizon, (premium x units + one-time cost) / (Chinese content
    removed x units), for its best offer; lowest first."""
    inst = build_instance(project)
    price, cs, c_of = inst.col("price"), inst.col("cs"), inst.col("c")
    china = price * cs
    units = inst.demand.sum(axis=1)
    rows = []
    for o in np.nonzero(~inst.col("incumbent"))[0]:
        c = c_of[o]
        inc = inst.incumbent_offer[c]
        if inc < 0 or units[c] <= 0:
            continue
        removed = (china[inc] - china[o]) * units[c]
        if removed <= 0:
            continue
        cost = (price[o] - price[inc]) * units[c] + inst.col("switching")[o]
        rows.append(
            (
                inst.components[c],
                inst.col("supplier_id")[o],
                price[o] - price[inc],
                china[inc] - china[o],
                max(cost, 0.0) / removed,
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "component_id",
            "supplier_id",
            "premium_per_unit",
            "china_removed_per_unit",
            "break_even_rate",
        ],
    )
    best = frame.sort_values(["break_even_rate", "component_id"]).drop_duplicates("component_id")
    return best.reset_index(drop=True)
