"""What the charts draw, as plain data: the app's views and the printed plan share it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from planner.plan import Plan
from planner.project import TypedProject


@dataclass
class ContentChart:
    """Chinese share per product per period, the glide path and the tariff thresholds."""

    periods: list[str]
    series: list[tuple[str, list[float]]]  # (product label, share per period)
    cap: list[float | None]  # china_cap per period, None = no cap
    tiers: list[tuple[float, float]]  # (max_china_share, rate) for every tier below 100%
    top_rate: float = 0.0  # rate of the last tier (content above every threshold)
    tariff_active: list[bool] = field(default_factory=list)


@dataclass
class GanttRow:
    """One qualification: the part, its new supplier, when it starts, when it can deliver."""

    component_id: str
    description: str
    supplier_id: str
    start: int  # period index
    ready: int | None  # period index; None = after the horizon
    shares: list[float]  # the new supplier's share of the part per period


def _num(value: object) -> float | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) or math.isinf(x) else x


def content_chart(project: TypedProject, plan: Plan) -> ContentChart:
    periods = project.periods
    names = dict(zip(project["Products"]["product_id"], project["Products"]["name"], strict=False))
    content = plan.content
    series = []
    for pid in dict.fromkeys(content["product_id"]):
        rows = content[content["product_id"] == pid].set_index("period")["china_share"]
        name = str(names.get(pid) or "").strip()
        label = f"{pid} {name}".strip() if name and name != pid else str(pid)
        series.append((label, [float(rows.get(p, math.nan)) for p in periods]))
    per = project["Periods"]
    cap = [_num(v) for v in per["china_cap"]]
    tariffs = project["Tariffs"].sort_values("max_china_share")
    tiers = [
        (float(s), float(r))
        for s, r in zip(tariffs["max_china_share"], tariffs["rate"], strict=True)
        if float(s) < 1 - 1e-9
    ]
    top = float(tariffs["rate"].iloc[-1]) if len(tariffs) else 0.0
    active = [bool(v) for v in per["tariff_active"]]
    return ContentChart(periods, series, cap, tiers, top, active)


def gantt_rows(project: TypedProject, plan: Plan) -> list[GanttRow]:
    """One row per qualification started, in the order they start."""
    periods = project.periods
    index = {p: i for i, p in enumerate(periods)}
    desc = dict(
        zip(
            project["Components"]["component_id"],
            project["Components"]["description"],
            strict=False,
        )
    )
    alloc = plan.allocation
    starts = plan.actions[plan.actions["kind"] == "start_qualification"]
    rows = []
    for a in starts.itertuples(index=False):
        mine = alloc[
            (alloc["component_id"] == a.component_id) & (alloc["supplier_id"] == a.supplier_id)
        ]
        by_period = dict(zip(mine["period"], mine["share"], strict=True))
        ready = index.get(str(a.ready_period)) if a.ready_period not in ("", None) else None
        d = desc.get(a.component_id)
        rows.append(
            GanttRow(
                component_id=str(a.component_id),
                description="" if d is None or (isinstance(d, float) and math.isnan(d)) else str(d),
                supplier_id=str(a.supplier_id),
                start=index[str(a.period)],
                ready=ready,
                shares=[float(by_period.get(p, 0.0)) for p in periods],
            )
        )
    return rows
