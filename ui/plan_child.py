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


def approved(record, project, plan, by: str, note: str, through: str = "", sunk: float = 0.0):
    """`record` with `plan` as its next version (planner.record.store.approve); a re-plan
    says through which period it kept what happened, and what it no longer counts."""
    from planner.record.store import approve

    return approve(record, project, plan, by, note, through=through, sunk_cost=sunk)


def replan_for_screen(
    project,
    record,
    through: str,
    time_limit_s: float,
    lang: str,
    should_stop: Callable[[], bool] | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
):
    """The rest re-planned from what happened through `through` (planner.replanning.replan),
    from the plan of record's latest version, and the report of its plan when it has one."""
    from planner.record.store import as_plan
    from planner.replanning.replan import replan

    given = as_plan(record.decisions_of(record.latest.number))
    result = replan(
        project,
        given,
        through,
        time_limit_s=time_limit_s,
        should_stop=should_stop,
        on_progress=on_progress,
        settled=record.latest.through,
    )
    plan = result.plan
    shown = result.project if result.project is not None else project
    report = report_for_screen(shown, plan, lang) if plan.has_plan and plan.verified else None
    return result, report


def compare_for_screen(
    project, record, old: int, new: int | None, plan, shown_name: str, lang, shown=None
):
    """What changed from version `old` to version `new` (None: to `plan`, the plan shown,
    of the project `shown`: a re-plan's copy), the versions priced in `project`, as the app
    shows it (planner.report.changes.ChangeReport)."""
    from planner.replanning.compare import Side, compared, version_side
    from planner.report.changes import change_report

    a = version_side(project, record, old)
    b = (
        version_side(project, record, new)
        if new is not None
        else Side(shown_name, plan, shown or project, a.events)
    )
    return change_report(b.project, compared(a, b), lang)


def export_with_record(
    write, project, plan, record, scenarios, *args, base=None, replanned=None, **kwargs
):
    """Run an exporter (the plan workbook, the PDF, the preview's story) with the sign-off
    context of `plan` against the plan of record `record` (None: nothing approved yet) and,
    when scenarios were planned, the alternatives it was chosen from. `base`: the project as
    the user has it, when `project` is a re-plan's copy (the versions are priced in it);
    `replanned`: that re-plan's (through, sunk), when it is not approved yet."""
    from planner.replanning.signoff import signoff_for

    alternatives = chosen = None
    if scenarios is not None and len(scenarios.planned) > 1:  # a ComparisonView shown
        alternatives, chosen = scenarios.alternatives(), scenarios.names[0]
    signoff = signoff_for(
        project, plan, record, alternatives, chosen, base=base, replanned=replanned
    )
    return write(project, plan, *args, signoff=signoff, **kwargs)
