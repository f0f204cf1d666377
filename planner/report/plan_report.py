"""Everything the plan shows, built once from a verified plan: the tables the screen and the
workbook show, the chart data, and the printed phase plan's story made from the same tables.

Screen, workbook and paper read this one object, so they agree by construction. It is plain
data (it pickles), so the app builds it off the GUI thread, beside the solver.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.io.marks import PLAN_SHEETS
from planner.plan import Plan
from planner.project import TypedProject
from planner.report import awards
from planner.report import tables as tb
from planner.report.certainty import certainty
from planner.report.changes import ChangeReport, change_blocks, change_report
from planner.report.chart_data import ContentChart, GanttChart, content_chart, gantt_chart
from planner.report.decision import decision
from planner.report.phase_plan import date_text, phase_plan
from planner.report.signoff import SignOff, signoff_page
from planner.report.story import Story

SCREEN_TABLES = (
    "summary",
    "phases",
    "periods",
    "why",
    "limits",
    "allocation",
    "suppliers",
    "content",
    "awards",
    "margins",
    "countries",
)


@dataclass
class PlanReport:
    lang: str
    currency: str
    plan_name: str
    headline: dict[str, float | None]  # the figures a manager reads first (tables.headline)
    tables: dict[str, tb.Table]  # summary, phases, periods, allocation, suppliers, content, ...
    content: ContentChart
    gantt: GanttChart
    story: Story | None  # the printed phase plan (None: not asked for, e.g. for the screen)
    fx_vnd_per_usd: float | None = None  # for showing money in VND (the project's rate)
    decision: list[str] = field(default_factory=list)  # the plan in plain words (decision.py)
    certainty: str = ""  # proven, or how much may remain and why the search ended
    # table key -> each row's cells as shown, joined and case-folded: what a filter searches
    search: dict[str, list[str]] = field(default_factory=dict)
    # table key -> its emphasised cells (Table.emphasis), made once beside the search index
    marks: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # what changed since the last approved version (a sign-off with a diff), else None
    changes: ChangeReport | None = None

    def table(self, key: str) -> tb.Table:
        return self.tables[key]

    def index_for_search(self, keys: tuple[str, ...] = SCREEN_TABLES) -> PlanReport:
        """Fill `search` and `marks` for the tables a screen shows (seconds for 10,000 parts:
        done where the report is built, off the GUI thread)."""
        for key in keys:
            rows = self.tables[key].display(self.lang, self.currency)
            self.search[key] = ["\t".join(cells).casefold() for cells in rows]
            self.marks[key] = self.tables[key].emphasis()
        return self


def build_report(
    project: TypedProject,
    plan: Plan,
    lang: str = "en",
    day: dt.date | None = None,
    story: bool = True,
    signoff: SignOff | None = None,
) -> PlanReport:
    """The plan's tables, charts and (with `story`) printed story in `lang`; `day` dates the
    document. The printed plan opens with a sign-off page (its version, the last approved
    version and, when `signoff` carries a diff, what changed since: then the report has the
    change tables and the workbook and paper show them). Raises UnverifiedPlan unless the plan
    passed the independent checker."""
    tb.require_verified(plan)
    made = [
        *tb.all_tables(project, plan, lang),
        *awards.award_tables(project, plan, lang),
    ]
    order = list(PLAN_SHEETS)  # the workbook's order: the award pack after the summary
    tables = {t.key: t for t in sorted(made, key=lambda t: order.index(t.key))}
    content = content_chart(project, plan, lang)
    gantt = gantt_chart(project, plan, lang)
    headline = tb.headline(project, plan)
    words = decision(project, plan, lang)
    diff = signoff.diff if signoff is not None else None
    changes = change_report(project, diff, lang) if diff is not None else None
    printed = (
        _story(
            project, plan, tables, (content, gantt), lang, day or dt.date.today(), signoff, changes
        )
        if story
        else None
    )
    return PlanReport(
        lang=lang,
        currency=project.settings.currency,
        plan_name=project.settings.plan_name,
        headline=headline,
        tables=tables,
        content=content,
        gantt=gantt,
        story=printed,
        fx_vnd_per_usd=project.settings.fx_vnd_per_usd,
        decision=words,
        certainty=certainty(plan, float(project.settings.mip_gap), project.settings.currency, lang),
        changes=changes,
    )


def _story(
    project: TypedProject,
    plan: Plan,
    tables: dict[str, tb.Table],
    charts: tuple[ContentChart, GanttChart],
    lang: str,
    day: dt.date,
    signoff: SignOff | None,
    changes: ChangeReport | None,
) -> Story:
    """The printed plan: the sign-off page first (the decision there, its risks listed with
    their money instead of in a paragraph), what changed after the reasons."""
    words = decision(project, plan, lang, risks=False)
    opening = signoff_page(
        project, plan, tables, words, lang, date_text(day, lang), signoff, changes
    )
    currency = project.settings.currency
    section = change_blocks(changes, lang, currency) if changes is not None else None
    return phase_plan(project, tables, *charts, lang, day, words, opening, section)


__all__ = ["SCREEN_TABLES", "PlanReport", "build_report"]
