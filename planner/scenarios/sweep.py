"""The cheapest plan for each level of ambition, the price of each extra point of
localisation, and per part the duty on Chinese content at which localising it pays.

What a target means: the whole glide path is scaled so that its last period's cap equals the
target, earlier quarters in proportion (a cap of 50% then 45% swept to a 40% target becomes
44.4% then 40%; no cap above 100%); a project without caps gets the target in its last
period only. Every variant is planned in parallel (planner.scenarios.run).

The curve is monotone by construction: a tighter target's plan meets every looser target, so
once the targets are planned, a looser target dearer than a tighter one (or than the plan
shown) is planned again from those plans (planner.scenarios.warm.cheaper_from: no search,
verified). Its cost never rises as the target loosens (to the tie-breaks' cents)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from planner.instance import build_instance
from planner.io.parse import ParseError, parse_share
from planner.plan import Plan, ProgressEvent
from planner.project import TypedProject
from planner.report import fmt
from planner.scenarios.run import ScenarioResult, plan_scenarios
from planner.scenarios.warm import cheaper, cheaper_from, money_text
from planner.text import Text, t

CURVE_COLUMNS = [
    "final_share",  # the target the glide path ends at
    "scenario",
    "status",
    "total_cost",
    "china_share_last",  # the highest product's share in the last period
    "price_per_point",  # extra cost per point below the previous (looser) target
    "best_bound",  # no plan of the target costs less (None: no bound)
    "gap",  # the plan's cost above that bound, a share of its cost
    "stopped_by",  # what ended the search: optimal | work | clock | cancel
    "explanation",  # a Text: why the target has no plan (which limit, by how much) or notes
]
SHOWN = "the plan shown"


MAX_TARGETS = 200  # each target is a whole plan: 200 at 60 s is hours already


class TargetError(ValueError):
    """Targets that cannot be swept, said in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def targets(spec: str) -> list[float]:
    """'0.45:0.25:0.05', '45%:25%:5%' or '0,45:0,25:0,05' -> [0.45, 0.40, ..., 0.25] (either
    direction). Three fractions of 1, or three percents written with %, never a mix (45:0.25:5
    is refused, not read as 45%, 0.25% and 5%); numbers as the workbook reads them (a
    decimal comma too); FROM and TO within 0..100%, STEP above 0; at most MAX_TARGETS
    targets. Anything else is a TargetError that says why."""
    parts = _target_parts(spec)
    values = [_target_number(part) for part in parts]
    percent = _same_units(spec, parts)
    _check_range(parts, values, percent)
    start, stop, step = values
    _check_count(spec, parts[2], start, stop, step)
    n = math.floor(abs(stop - start) / step + 1e-9) + 1
    sign = -1 if stop < start else 1
    return [round(start + sign * i * step, 6) for i in range(n)]


_EXAMPLE = ("0.45:0.25:0.05 or 45%:25%:5%", "0,45:0,25:0,05 hoặc 45%:25%:5%")


def _target_parts(spec: str) -> list[str]:
    """FROM, TO and STEP as written (stripped); refused unless there are three, none blank."""
    parts = [p.strip() for p in str(spec).split(":")]
    if len(parts) != 3 or not all(parts):
        raise TargetError(
            t(
                "'{s}' is not FROM:TO:STEP; write for example {e}.",
                "'{s}' không có dạng TỪ:ĐẾN:BƯỚC; hãy ghi ví dụ {e_vi}.",
                s=spec,
                e=_EXAMPLE[0],
                e_vi=_EXAMPLE[1],
            )
        )
    return parts


def _target_number(part: str) -> float:
    """One part read as the workbook reads a share (so inf and nan are refused there)."""
    try:
        return parse_share(part)[0]
    except ParseError:
        raise TargetError(
            t(
                "'{p}' is not a number; write for example {e}.",
                "'{p}' không phải là số; hãy ghi ví dụ {e_vi}.",
                p=part,
                e=_EXAMPLE[0],
                e_vi=_EXAMPLE[1],
            )
        ) from None


def _same_units(spec: str, parts: list[str]) -> list[bool]:
    """Which parts are percents; refused when some are and some are not (45%:0.25:5% must
    not be read as 45%, 0.25% and 5%)."""
    percent = [p.endswith("%") for p in parts]
    if any(percent) and not all(percent):
        raise TargetError(
            t(
                "'{s}' mixes percents and fractions: write all three with % (45%:25%:5%) or "
                "none (0.45:0.25:0.05).",
                "'{s}' lẫn phần trăm với phân số: hãy ghi cả ba với % (45%:25%:5%) hoặc không "
                "có % (0,45:0,25:0,05).",
                s=spec,
            )
        )
    return percent


def _outside(part: str) -> TargetError:
    return TargetError(
        t(
            "{p} is not a Chinese share a plan can end at: give targets from 0 to 100%.",
            "{p} không phải tỷ lệ TQ mà kế hoạch có thể đạt: hãy ghi mục tiêu từ 0 đến 100%.",
            p=part,
        )
    )


def _check_range(parts: list[str], values: list[float], percent: list[bool]) -> None:
    """FROM and TO within 0..100%, STEP above 0. The order of the checks decides which
    message a spec with several faults gets: a negative FROM or TO, then a bare number above
    1 (45:25:5 is a percent without %), then a percent above 100%, then STEP."""
    ends = ((parts[0], values[0]), (parts[1], values[1]))
    for part, value in ends:
        if value < 0:
            raise _outside(part)
    for part, value in zip(parts, values, strict=True):
        if not any(percent) and value > 1:
            raise TargetError(
                t(
                    "{p} is above 1: a target is a fraction of 1 (0.45) or a percent written "
                    "with % (45%), all three the same way.",
                    "{p} lớn hơn 1: mục tiêu là phân số của 1 (0,45) hoặc phần trăm có dấu % "
                    "(45%), cả ba cùng một cách.",
                    p=part,
                )
            )
    for part, value in ends:
        if value > 1:
            raise _outside(part)
    if values[2] <= 0:
        raise TargetError(
            t(
                "STEP must be above 0 (it is {p}).",
                "BƯỚC phải lớn hơn 0 (đang là {p}).",
                p=parts[2],
            )
        )


def _check_count(spec: str, step_text: str, start: float, stop: float, step: float) -> None:
    """Refuse a STEP so small the count overflows, or more than MAX_TARGETS targets (each
    is a whole plan)."""
    count = abs(stop - start) / step + 1
    if not math.isfinite(count):
        raise TargetError(
            t(
                "STEP {p} is too small: take a larger STEP.",
                "BƯỚC {p} quá nhỏ: hãy chọn BƯỚC lớn hơn.",
                p=step_text,
            )
        )
    if count > MAX_TARGETS + 1e-6:
        raise TargetError(
            t(
                "{s} would plan {n:,} targets, each a whole plan; at most {m} can be swept at "
                "once: take a larger STEP.",
                "{s} sẽ lập {n:,} mục tiêu, mỗi mục tiêu là một kế hoạch; mỗi lần chỉ quét tối "
                "đa {m}: hãy chọn BƯỚC lớn hơn.",
                s=spec,
                n=math.floor(count),
                m=MAX_TARGETS,
            )
        )


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
    shown: Plan | None = None,
    clock: bool | None = None,
) -> tuple[pd.DataFrame, dict[str, ScenarioResult]]:
    """The trade-off curve: one plan per final target, loosest first. `shown`: the project's
    plan as shown (when current), a start for every target it meets. A stop keeps the plans
    as they are (the curve is then not made monotone)."""
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
        clock=clock,
    )
    if should_stop is None or not should_stop():
        limit = float(time_limit if time_limit is not None else project.settings.time_limit_s)
        monotone(results, finals, shown, limit, clock, project.settings.currency)
    rows = []
    previous: tuple[float, float] | None = None  # the last planned target's cost and share
    for final in finals:
        name = _name(final)
        plan = results[name].plan
        planned = plan if plan is not None and plan.has_plan else None
        cost = planned.total_cost if planned is not None else None
        figures = planned.summary if planned is not None else None
        last = max(figures.china_share_last.values()) if figures is not None else None
        price = None
        if cost is not None and last is not None and previous is not None:
            points = (previous[1] - last) * 100
            price = (cost - previous[0]) / points if points > 1e-9 else None
        rows.append(
            (
                final,
                name,
                plan.status.value if plan else "invalid",
                cost,
                last,
                price,
                planned.best_bound if planned is not None else None,
                planned.gap if planned is not None else None,
                (plan.stopped_by.value or None) if plan is not None else None,
                _why(plan),
            )
        )
        if cost is not None and last is not None:  # a plan (with its summary)
            previous = (cost, last)
    return pd.DataFrame(rows, columns=CURVE_COLUMNS), results


def monotone(
    results: dict[str, ScenarioResult],
    finals: list[float],
    shown: Plan | None,
    time_limit: float,
    clock: bool | None = None,
    currency: str = "USD",
) -> list[str]:
    """Make the planned curve's cost never rise as the target loosens: from the tightest
    target to the loosest, a target dearer than a tighter target's plan or the plan shown
    (or without a plan for want of time) is planned again from those plans that meet it
    (greedy, verified: seconds). The names planned again."""
    changed = []
    finals = sorted(finals, reverse=True)  # loosest first
    for i in reversed(range(len(finals))):
        name = _name(finals[i])
        r = results[name]
        if r.project is None or r.plan is None:
            continue
        own = r.plan.total_cost if r.plan.has_plan else None
        if not r.plan.has_plan and r.plan.status.value != "no_plan":
            continue  # proven infeasible (no tighter plan can meet it) or an error
        starts: dict[str, Plan] = {}
        for f in finals[i + 1 :]:
            tighter = results[_name(f)].plan
            if tighter is not None and tighter.has_plan and cheaper(tighter.total_cost, own):
                starts[_name(f)] = tighter
        if shown is not None and shown.has_plan and cheaper(shown.total_cost, own):
            starts[SHOWN] = shown
        if not starts:
            continue
        found = cheaper_from(r.project, r.plan, starts, time_limit=time_limit, clock=clock)
        if found is None:
            continue
        plan, source = found
        cost = plan.total_cost or 0.0  # a verified plan: it has its cost
        plan.explanation.append(_planned_from(source, finals, own, cost, currency))
        r.plan = plan
        changed.append(name)
    return changed


def _planned_from(
    source: str | None, finals: list[float], own: float | None, cost: float, currency: str
) -> Text:
    """The line on a target's plan that another plan made cheaper."""
    if source is None:
        return t(
            "Planned again from the tighter targets' plans (verified): cheaper than this "
            "target's own search.",
            "Lập lại từ kế hoạch của các mục tiêu chặt hơn (đã kiểm tra): rẻ hơn kết quả tìm "
            "kiếm riêng của mục tiêu này.",
        )
    if source == SHOWN:
        what = t("the plan shown", "kế hoạch đang hiển thị")
    else:
        final = next(f for f in finals if _name(f) == source)
        what = t(
            "the plan for the {p} target",
            "kế hoạch cho mục tiêu {p_vi}",
            p=fmt.pct(final, "en", 1),
            p_vi=fmt.pct(final, "vi", 1),
        )
    if own is None:
        return t(
            "This target's own search found no plan in time; {w} meets it, so this plan "
            "starts from it (verified).",
            "Tìm kiếm riêng của mục tiêu này không kịp tìm được kế hoạch; {w_vi} đáp ứng mục "
            "tiêu nên kế hoạch này bắt đầu từ đó (đã kiểm tra).",
            w=what.en,
            w_vi=what.vi,
        )
    saving = money_text(own - cost, currency)
    return t(
        "{W} also meets this target and costs {s} less than this target's own search found: "
        "this plan starts from it (verified).",
        "{W_vi} cũng đáp ứng mục tiêu này và rẻ hơn {s_vi} so với kết quả tìm kiếm riêng của "
        "mục tiêu: kế hoạch này bắt đầu từ đó (đã kiểm tra).",
        W=what.en[:1].upper() + what.en[1:],
        W_vi=what.vi[:1].upper() + what.vi[1:],
        s=saving.en,
        s_vi=saving.vi,
    )


def _why(plan: Plan | None) -> Text | None:
    """A target's line: why it has no plan (the explanation `locplan plan` prints: which
    limit, by how much), or the notes on its plan. A target without a plan always says why."""
    if plan is None:
        return NO_REASON
    joined = _joined(plan.explanation)
    if joined is None and not plan.has_plan:
        return NO_REASON
    return joined


NO_REASON = t(
    "No plan meets this target, and no single limit could be named as the cause: plan the "
    "project with this final cap (`locplan plan`) to see what it misses.",
    "Không có kế hoạch nào đạt mục tiêu này và không xác định được giới hạn nào là nguyên "
    "nhân: hãy lập kế hoạch dự án với trần cuối này (`locplan plan`) để xem còn thiếu gì.",
)


def _joined(lines: list[Text]) -> Text | None:
    if not lines:
        return None
    return Text(" ".join(x.en for x in lines), " ".join(x.vi for x in lines))


def curve_json(curve: pd.DataFrame, lang: str = "en") -> list[dict]:
    """The curve's rows as `locplan sweep --json` prints them (blanks as None, the
    explanation in `lang`)."""
    rows = []
    for record in curve.to_dict("records"):
        row = {}
        for key, value in record.items():
            if isinstance(value, Text):
                value = value.get(lang)
            elif isinstance(value, float) and value != value:
                value = None
            row[key] = value
        rows.append(row)
    return rows


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
