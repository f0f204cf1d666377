"""What the app's planning child runs (through ui.workers.ProcessCall): plan, then build the
report the screen shows. No Qt here: the child has the engine only."""

from __future__ import annotations

from collections.abc import Callable

from planner.plan import Plan, ProgressEvent
from planner.report.plan_report import PlanReport


def report_for_screen(project, plan, lang: str):
    """The plan's report as the app shows it (with its search index), in `lang`."""
    from planner.report.plan_report import build_report

    return build_report(project, plan, lang, story=False).index_for_search()


def plan_and_report(
    project,
    time_limit_s: float,
    lang: str,
    should_stop: Callable[[], bool] | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
) -> tuple[Plan, PlanReport | None]:
    """Plan, price its margins, then build the report the screen shows (with its search
    index)."""
    from planner.optimise.margins import plan_priced

    plan = plan_priced(
        project, time_limit_s=time_limit_s, on_progress=on_progress, should_stop=should_stop
    )
    return plan, report_for_screen(project, plan, lang) if plan.has_plan else None


def record_and_report(project, record, lang: str):
    """The plan of record priced in the project as it is (planner.replanning.restore), and
    its report when it passed the checker."""
    from planner.replanning.restore import plan_of_record

    standing = plan_of_record(project, record)
    plan = standing.plan
    return standing, report_for_screen(project, plan, lang) if plan.verified else None


def approved(record, project, plan, by: str, note: str):
    """`record` with `plan` as its next version (planner.record.store.approve)."""
    from planner.record.store import approve

    return approve(record, project, plan, by, note)


def compare_for_screen(project, record, old: int, new: int | None, plan, shown_name: str, lang):
    """What changed from version `old` to version `new` (None: to `plan`, the plan shown),
    as the app shows it (planner.report.changes.ChangeReport)."""
    from planner.replanning.compare import Side, compared, version_side
    from planner.report.changes import change_report

    a = version_side(project, record, old)
    b = (
        version_side(project, record, new)
        if new is not None
        else Side(shown_name, plan, project, a.events)
    )
    return change_report(project, compared(a, b), lang)
