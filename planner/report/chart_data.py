"""What the charts draw, as plain data with their words: the app's views, the printed plan and
the workbook's chart sheet all draw these, and never look anything up themselves."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from planner.plan import Plan
from planner.project import TypedProject
from planner.report import fmt
from planner.report.labels import label


@dataclass
class TierSpan:
    """The tariff thresholds of the general schedule in force over periods first..last."""

    first: int
    last: int
    tiers: list[tuple[float, float]]  # (max_china_share, rate) below 100%
    tier_labels: list[str]
    above_label: str


@dataclass
class ContentChart:
    """Chinese share per product per period, the glide path and the tariff thresholds."""

    periods: list[str]
    series: list[tuple[str, list[float]]]  # (product label, share per period)
    cap: list[float | None]  # china_cap per period, None = no cap
    tiers: list[tuple[float, float]]  # (max_china_share, rate) for every tier below 100%
    top_rate: float = 0.0  # rate of the last tier (content above every threshold)
    tariff_active: list[bool] = field(default_factory=list)
    lang: str = "en"  # the language of the texts below and of the axis' percents
    title: str = ""
    cap_label: str = ""  # legend: the glide path
    threshold_label: str = ""  # legend: a tariff threshold
    tier_labels: list[str] = field(default_factory=list)  # on each threshold: "≤ 40%: tariff 20%"
    above_label: str = ""  # above the highest threshold: "above: tariff 40%"
    # (period index, text): a tariff regime starts here (another schedule in force, or the
    # tariff switched on or off); the chart marks it with a vertical line
    regime_changes: list[tuple[int, str]] = field(default_factory=list)
    # the thresholds per stretch of periods under one schedule (empty: `tiers` everywhere)
    tier_spans: list[TierSpan] = field(default_factory=list)


@dataclass
class GanttRow:
    """One qualification: the part, its new supplier, when it starts, when it can deliver."""

    component_id: str
    description: str
    supplier_id: str
    start: int  # period index
    ready: int | None  # period index; None = after the horizon
    shares: list[float]  # the new supplier's share of the part per period
    share_labels: list[str] = field(default_factory=list)  # the shares as printed ("40%")

    @property
    def name(self) -> str:
        return f"{self.component_id} → {self.supplier_id}"


@dataclass
class GanttChart:
    """Qualifications and ramps: one row per qualification started, in the order they start."""

    periods: list[str]
    rows: list[GanttRow]
    header: str = ""  # over the row names: "Part → Supplier"
    qualification_label: str = ""  # legend
    ramp_label: str = ""  # legend
    empty_label: str = ""  # shown when no part changes supplier
    lang: str = "en"


@dataclass
class ConvergencePoint:
    elapsed_s: float
    best: float | None  # the best plan's cost so far
    bound: float | None  # no plan can cost less than this


@dataclass
class ConvergenceChart:
    """The search's progress: the best plan's cost and the bound over elapsed time, filled
    from the planner's ProgressEvents while it plans (the last point is kept afterwards)."""

    points: list[ConvergencePoint] = field(default_factory=list)
    time_limit_s: float = 0.0
    lang: str = "en"
    currency: str = "USD"
    title: str = ""
    best_label: str = ""
    bound_label: str = ""
    seconds_label: str = ""
    now_s: float = 0.0  # how long the search has run: the last figures hold until then

    def add(self, elapsed_s: float, best: float | None, bound: float | None) -> None:
        """One progress report; a report without figures (a message) adds no point."""
        if best is None and bound is None:
            return
        self.points.append(ConvergencePoint(float(elapsed_s), _num(best), _num(bound)))
        self.now_s = max(self.now_s, float(elapsed_s))

    @property
    def has_points(self) -> bool:
        return bool(self.points)


def convergence_chart(
    time_limit_s: float = 0.0, lang: str = "en", currency: str = "USD", events=()
) -> ConvergenceChart:
    """An empty convergence chart with its words (`events`: ProgressEvents already seen)."""
    chart = ConvergenceChart(
        time_limit_s=float(time_limit_s),
        lang=lang,
        currency=currency,
        title=label("convergence", lang),
        best_label=label("best_cost", lang),
        bound_label=label("bound", lang),
        seconds_label=label("elapsed", lang),
    )
    for event in events:
        chart.add(event.elapsed_s, event.objective, event.bound)
    return chart


def _num(value: object) -> float | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) or math.isinf(x) else x


def schedule_text(name: object, lang: str) -> str:
    """A schedule's name ("all products from 2027-Q1") in `lang`."""
    text = "" if name is None or (isinstance(name, float) and math.isnan(name)) else str(name)
    if lang != "vi":
        return text
    return text.replace("all products", "mọi sản phẩm").replace(" from ", " từ ")


def regime_changes(
    periods: list[str], plan: Plan, active: list[bool], lang: str
) -> list[tuple[int, str]]:
    """Where the tariff regime changes: the schedules in force differ from the period
    before's, or the tariff is switched on or off."""
    content = plan.content
    in_force: dict[str, set[str]] = {}
    if "schedule" in content.columns:
        for period, name in zip(content["period"], content["schedule"], strict=True):
            in_force.setdefault(str(period), set()).add(schedule_text(name, lang))
    out = []
    for i in range(1, len(periods)):
        now, before = in_force.get(periods[i], set()), in_force.get(periods[i - 1], set())
        switched = i < len(active) and active[i] != active[i - 1]
        if now != before or switched:
            new = sorted(now - before)
            text = label("regime_change", lang)
            out.append((i, f"{text}: {new[0]}" if new and not switched else text))
    return out


def _tier_words(tiers: list[tuple[float, float]], top: float, lang: str) -> tuple[list[str], str]:
    labels = [
        label("tariff_line", lang, share=fmt.pct(s, lang), rate=fmt.pct(r, lang)) for s, r in tiers
    ]
    return labels, label("tariff_above", lang, rate=fmt.pct(top, lang))


def tier_spans(periods: list[str], tariffs, lang: str) -> list[TierSpan]:
    """The general schedule's thresholds (for goods of Vietnamese origin, or any) in force in
    each period, joined over the periods where they stay the same."""
    index = {p: i for i, p in enumerate(periods)}
    rows = tariffs.copy()
    for col, default in (("from_period", ""), ("product_id", ""), ("origin", "any")):
        if col not in rows.columns:
            rows[col] = default
        rows[col] = rows[col].fillna(default).astype(str).replace("", default)
    rows = rows[rows["product_id"] == ""]
    start = rows["from_period"].map(lambda p: index.get(p, 0) if p else 0)
    spans: list[TierSpan] = []
    for t in range(len(periods)):
        here = start[start <= t]
        if here.empty:
            continue
        chosen = rows[start == here.max()]
        vn = chosen[chosen["origin"].isin(("any", "VN"))]
        chosen = (vn if not vn.empty else chosen).sort_values("max_china_share")
        pairs = [
            (float(a), float(b))
            for a, b in zip(chosen["max_china_share"], chosen["rate"], strict=True)
        ]
        tiers = [(a, b) for a, b in pairs if a < 1 - 1e-9]
        top = pairs[-1][1] if pairs else 0.0
        if spans and spans[-1].last == t - 1 and spans[-1].tiers == tiers:
            spans[-1].last = t
            continue
        words, above = _tier_words(tiers, top, lang)
        spans.append(TierSpan(t, t, tiers, words, above))
    return spans


def content_chart(project: TypedProject, plan: Plan, lang: str = "en") -> ContentChart:
    periods = project.periods
    names = dict(zip(project["Products"]["product_id"], project["Products"]["name"], strict=False))
    content = plan.content
    shares: dict[str, dict[str, float]] = {}
    for pid, period, share in zip(
        content["product_id"], content["period"], content["china_share"], strict=True
    ):
        shares.setdefault(pid, {})[str(period)] = float(share)
    series = []
    for pid, by_period in shares.items():
        name = str(names.get(pid) or "").strip()
        title = f"{pid} {name}".strip() if name and name != pid else str(pid)
        series.append((title, [by_period.get(p, math.nan) for p in periods]))
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
    return ContentChart(
        periods,
        series,
        cap,
        tiers,
        top,
        active,
        lang=lang,
        title=label("chart_title", lang),
        cap_label=label("glide_path", lang),
        threshold_label=label("tariff_threshold", lang),
        tier_labels=[
            label("tariff_line", lang, share=fmt.pct(s, lang), rate=fmt.pct(r, lang))
            for s, r in tiers
        ],
        above_label=label("tariff_above", lang, rate=fmt.pct(top, lang)),
        regime_changes=regime_changes(list(periods), plan, active, lang),
        tier_spans=tier_spans(list(periods), project["Tariffs"], lang),
    )


def gantt_rows(project: TypedProject, plan: Plan, lang: str = "en") -> list[GanttRow]:
    """One row per qualification started, in the order they start (one pass over the
    allocation: a plan with thousands of switches stays fast)."""
    periods = project.periods
    index = {p: i for i, p in enumerate(periods)}
    comp = project["Components"]
    desc = dict(zip(comp["component_id"], comp["description"], strict=False))
    starts = plan.actions[plan.actions["kind"] == "start_qualification"]
    pairs = set(zip(starts["component_id"], starts["supplier_id"], strict=True))
    alloc = plan.allocation
    by_pair: dict[tuple[object, object], dict[str, float]] = {}
    for c, s, p, share in zip(
        alloc["component_id"], alloc["supplier_id"], alloc["period"], alloc["share"], strict=True
    ):
        if (c, s) in pairs:
            by_pair.setdefault((c, s), {})[str(p)] = float(share)
    rows = []
    for a in starts.itertuples(index=False):
        by_period = by_pair.get((a.component_id, a.supplier_id), {})
        ready = index.get(str(a.ready_period)) if a.ready_period not in ("", None) else None
        d = desc.get(a.component_id)
        shares = [by_period.get(p, 0.0) for p in periods]
        rows.append(
            GanttRow(
                component_id=str(a.component_id),
                description="" if d is None or (isinstance(d, float) and math.isnan(d)) else str(d),
                supplier_id=str(a.supplier_id),
                start=index[str(a.period)],
                ready=ready,
                shares=shares,
                share_labels=[fmt.pct(x, lang, 0) if x > 1e-6 else "" for x in shares],
            )
        )
    return rows


def gantt_chart(project: TypedProject, plan: Plan, lang: str = "en") -> GanttChart:
    return GanttChart(
        periods=list(project.periods),
        rows=gantt_rows(project, plan, lang),
        header=f"{label('component_id', lang)} → {label('supplier_id', lang)}",
        qualification_label=label("qualification", lang),
        ramp_label=label("ramp_share", lang),
        empty_label=label("no_switch", lang),
        lang=lang,
    )
