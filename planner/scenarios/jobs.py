"""The scenario work the app hands to a worker process, as plain functions (picklable data in
and out): check and prepare the scenarios, the trade-off curve with its break-even table, a
stress test of an existing plan. The planning itself is planner.scenarios.run.plan_in_child,
one child process per scenario."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from planner.io.read import RawProject
from planner.plan import Plan
from planner.problems import Problem
from planner.project import TypedProject
from planner.report import fmt
from planner.report.labels import label
from planner.scenarios.compare import compare
from planner.scenarios.overrides import SHEET, read_scenarios, scenario_names
from planner.scenarios.run import ScenarioResult, check_scenarios, prepare, stress_test
from planner.scenarios.sweep import break_even, sweep
from planner.scenarios.view import ComparisonView, build_view, compare_results
from planner.scenarios.warm import settle
from planner.text import Text


def scenario_problems(raw: RawProject, deep: bool = True) -> list[Problem]:
    """Every problem of the scenarios' rows (the Scenarios sheet's row and column named);
    `deep`: each scenario's project validated too (when the base project has no error)."""
    return check_scenarios(raw, deep)


def prepare_all(raw: RawProject, names: list[str]) -> dict[str, ScenarioResult]:
    """Each named scenario materialised and checked: with its project, or with its problems
    (the Scenarios sheet read once for all of them)."""
    rows = read_scenarios(raw)
    return {n: prepare(raw, n, rows) for n in names}


def with_rows(raw: RawProject, rows: list[dict]) -> RawProject:
    """The project with `rows` appended to its Scenarios sheet (a copy)."""
    sheets = {k: v.copy() for k, v in raw.sheets.items()}
    frame = sheets.get(SHEET)
    columns = ["scenario", "sheet", "row_id", "column", "value"]
    if frame is None:
        frame = pd.DataFrame(columns=columns, dtype=object)
    start = (int(frame.index[-1]) + 1) if len(frame) else 2
    extra = pd.DataFrame(
        [[r.get(c) for c in frame.columns] for r in rows],
        columns=frame.columns,
        index=range(start, start + len(rows)),
        dtype=object,
    )
    sheets[SHEET] = pd.concat([frame, extra]) if len(frame) else extra
    return RawProject(
        sheets=sheets,
        header_rows=dict(raw.header_rows),
        source_names=dict(raw.source_names),
        original_headers=dict(raw.original_headers),
        path=raw.path,
    )


def settle_and_compare(
    results: dict[str, ScenarioResult],
    lang: str,
    time_limit: float | None = None,
    base_given: bool = False,
) -> tuple[ComparisonView, dict[str, Plan]]:
    """Once every scenario is planned: the plans settled against the base plan
    (planner.scenarios.warm.settle: a cheaper scenario plan that meets the base becomes the
    base plan), then the comparison; with the plans that changed, by name."""
    changed = settle(results, time_limit=time_limit, base_given=base_given)
    plans = {n: results[n].plan for n in changed}  # each changed to a plan
    return compare_results(results, lang), {n: p for n, p in plans.items() if p is not None}


# the trade-off curve ---------------------------------------------------------------------------
@dataclass
class Curve:
    """One point per final target (loosest first) and the break-even rate per part."""

    points: pd.DataFrame  # planner.scenarios.sweep.CURVE_COLUMNS
    break_even: pd.DataFrame
    currency: str = "USD"
    headline: dict[str, object] = field(default_factory=dict)

    @property
    def planned(self) -> pd.DataFrame:
        return self.points[self.points["status"].isin(["optimal", "feasible"])]


def trade_off(
    project: TypedProject,
    finals: list[float],
    time_limit: float,
    should_stop: Callable[[], bool] | None = None,
    shown: Plan | None = None,
) -> Curve:
    """The cheapest plan for each final Chinese-share target (planned in parallel, the cost
    never rising as the target loosens) and the break-even tariff rate per part. `shown`:
    the plan shown, when current (a start for every target it meets). A stop ends every plan
    being made with the best found so far; a target still waiting for its turn gets none."""
    points, _ = sweep(project, finals, time_limit=time_limit, should_stop=should_stop, shown=shown)
    return Curve(points, break_even(project), project.settings.currency)


def curve_rows(curve: Curve, lang: str) -> list[list[str]]:
    """The curve as a table: target, status, total cost, last Chinese share, price of a point,
    and why a target has no plan (or how its plan was made)."""
    from planner.scenarios.view import status_text

    rows = []
    for r in curve.points.itertuples(index=False):
        why = getattr(r, "explanation", None)
        rows.append(
            [
                fmt.pct(r.final_share, lang, 1),
                status_text(r.status, lang),
                fmt.money(r.total_cost, lang, curve.currency),
                fmt.pct(r.china_share_last, lang, 1),
                fmt.money(r.price_per_point, lang, curve.currency),
                why.get(lang) if isinstance(why, Text) else "",
            ]
        )
    return rows


def break_even_rows(curve: Curve, lang: str) -> list[list[str]]:
    rows = []
    for r in curve.break_even.itertuples(index=False):
        rows.append(
            [
                str(r.component_id),
                str(r.supplier_id),
                fmt.money(r.premium_per_unit, lang, curve.currency, 4),
                fmt.money(r.china_removed_per_unit, lang, curve.currency, 4),
                fmt.pct(r.break_even_rate, lang, 1),
            ]
        )
    return rows


# stress test -----------------------------------------------------------------------------------
STRESS = "stress test"


def stress(
    raw: RawProject,
    rows: list[dict],
    plan: Plan,
    project: TypedProject,
    until: str,
    time_limit: float,
    lang: str,
) -> tuple[ComparisonView, Plan | None]:
    """Replan the project under the shock `rows` (what-if rows of one scenario), keeping what
    `plan` started up to `until`; the plan and the replanned one side by side, and the better
    plan of the project the shock revealed (its plan meets every limit of the project and
    costs less than `plan`), or None."""
    name = str(rows[0]["scenario"]) if rows else STRESS
    shocked = with_rows(raw, rows)
    result = stress_test(shocked, name, plan, until, time_limit=time_limit)
    mine = label("cmp_current_plan", lang)
    # the shocked plan meets the project's limits and costs less: the plan shown was not the
    # best, and the comparison is against the better one (its note says so)
    current = ScenarioResult(mine, plan=result.improved_base or plan, project=project)
    view = build_view(compare({mine: current, name: result}), lang, project.settings.currency)
    return view, result.improved_base


__all__ = [
    "Curve",
    "break_even_rows",
    "curve_rows",
    "prepare_all",
    "scenario_names",
    "scenario_problems",
    "settle_and_compare",
    "stress",
    "trade_off",
    "with_rows",
]
