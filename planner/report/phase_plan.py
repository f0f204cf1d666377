"""The printed phase plan for management, composed as a story from the plan's tables.

Cover (the decision in plain words, headline figures, assumptions); the Chinese-content chart
and the costs per period; what the binding limits are worth; one section per phase (suppliers
onboarded, qualifications started with their reason, ramps); the Gantt; the allocation by part
and period; an appendix with the solver's terms. Each printed table is a selection of a planner.report table,
so the paper shows the figures the screen and the workbook show.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from planner.project import TypedProject
from planner.report import story as st
from planner.report import tables as tb
from planner.report.chart_data import ContentChart, GanttChart
from planner.report.labels import label

CHART_MM = 95.0
# at most this many period columns fit a portrait page with the part and supplier readable:
# a longer horizon gets one allocation table per stretch of periods
PERIODS_PER_TABLE = 8
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SHARE_SHOWN = 1e-6  # a smaller share is no allocation


def date_text(day: dt.date, lang: str) -> str:
    if lang == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # not strftime: locale-free


def grid(
    table: tb.Table,
    lang: str,
    currency: str,
    hints: dict[str, dict] | None = None,
    **options,
) -> st.Grid:
    """A planner.report table as printed: its cells formatted, its emphasis kept. `hints`
    gives a column's layout (keep, wrap, grow) by key; numbers are right-aligned."""
    hints = hints or {}
    columns = [
        st.GridColumn(c.label, **{"numeric": c.kind != tb.TEXT, **hints.get(c.key, {})})
        for c in table.columns
    ]
    return st.Grid(
        columns,
        table.display(lang, currency),
        table.emphasis(),
        source=table.key,
        **options,
    )


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _bands(parts: list[str]) -> list[bool]:
    """Shade by part, so a part's rows (its suppliers) read as one group."""
    band, shade = [], False
    for k, part in enumerate(parts):
        if k and part != parts[k - 1]:
            shade = not shade
        band.append(shade)
    return band


# The sections ------------------------------------------------------------------------------


def _cover(
    project: TypedProject,
    tables: dict[str, tb.Table],
    lang: str,
    day: str,
    decision: list[str],
    opening: list[st.Block] | None = None,
) -> list[st.Block]:
    """The title and the decision, then the headline figures; after a sign-off page
    (`opening`), which has the title and the decision, the headline figures on a new page."""
    currency = project.settings.currency
    summary = tables["summary"]
    keys = summary.frame["key"]
    # the name is the title already; the solver's terms go to the appendix
    shown = summary.where((keys != "plan_name") & ~keys.isin(tb.SOLVER_KEYS))
    top: list[st.Block] = [
        st.Paragraph(label("phase_plan", lang), st.TITLE, 4),
        st.Paragraph(project.settings.plan_name, st.SUBTITLE, 3),
        st.Paragraph(day, st.DATE, 10),
        st.Heading(label("decision", lang), keep_with_next=60),
        *[st.Paragraph(text, st.BODY, 5) for text in decision],
    ]
    if opening is not None:
        top = [*opening, st.PageBreak()]
    return [
        *top,
        st.Heading(label("headline", lang)),
        grid(
            shown,
            lang,
            currency,
            {"value": {"numeric": True}},  # figures, each row in its own format
            caption=label("headline", lang),
            width_fraction=0.82,
        ),
    ]


def _assumptions(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> list[st.Block]:
    currency = project.settings.currency
    return [
        st.Heading(label("assumptions", lang)),
        # the items read on one line where they can: the values wrap instead
        grid(
            tables["assumptions"],
            lang,
            currency,
            {"item": {"keep": True}},
            caption=label("assumptions", lang),
        ),
        st.Spacer(10),
    ]


def _chart_and_periods(
    project: TypedProject, tables: dict[str, tb.Table], chart: ContentChart, lang: str
) -> list[st.Block]:
    periods = tables["periods"]
    return [
        st.PageBreak(),
        st.Heading(label("content_chart", lang), keep_with_next=CHART_MM * 72 / 25.4),
        st.ChartBlock(chart, CHART_MM),
        st.Spacer(12),
        grid(
            periods,
            lang,
            project.settings.currency,
            {c.key: {"grow": 1.0} for c in periods.columns},
            title=label("periods_title", lang),
        ),
    ]


def _buffers(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> list[st.Block]:
    """The plan's buffers and its concentration: what each margin below a bound costs, and
    each country's share of a quarter's material spend."""
    currency = project.settings.currency
    blocks: list[st.Block] = [st.Heading(label("buffers_title", lang), keep_with_next=80)]
    margins = tables["margins"]
    if not margins.frame.empty:
        blocks += [
            grid(margins, lang, currency, title=label("margins_caption", lang)),
            st.Spacer(8),
        ]
    countries = tables["countries"]
    blocks.append(
        grid(
            countries,
            lang,
            currency,
            {"country": {"keep": True}},
            title=label("countries_caption", lang),
        )
    )
    return blocks


def _why(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> list[st.Block]:
    """What each binding limit is worth (each switch's own reason is printed in its phase)."""
    limits = tables["limits"]
    blocks: list[st.Block] = [st.Heading(label("why_title", lang), keep_with_next=80)]
    why = tables["why"].frame
    if not why.empty:
        order = {p: i for i, p in enumerate(project.periods)}
        groups = []
        for need, rows in why.groupby("need", sort=False):
            first = min(rows["needed_period"].astype(str), key=lambda p: order.get(p, 1 << 30))
            groups.append(
                (
                    tb.need_label(need, lang),
                    len(rows),
                    float(rows["one_time_cost"].sum()),
                    float(rows["premium"].sum()),
                    first,
                )
            )
        frame = pd.DataFrame(
            groups, columns=["needed_for", "switches", "one_time_cost", "premium", "needed_period"]
        )
        columns = [
            tb.Column("needed_for", label("needed_for", lang)),
            tb.Column("switches", label("switches", lang), tb.COUNT),
            tb.Column("one_time_cost", label("one_time_cost", lang), tb.MONEY),
            tb.Column("premium", label("premium", lang), tb.MONEY),
            tb.Column("needed_period", label("needed_period", lang)),
        ]
        table = tb.Table("why", label("by_reason_title", lang), columns, frame)
        blocks += [
            grid(table, lang, project.settings.currency, title=label("by_reason_title", lang)),
            st.Paragraph(label("why_note", lang), st.SMALL_NOTE, 8),
        ]
    if limits.frame.empty:
        return [*blocks, st.Paragraph(label("no_limits", lang), st.BODY, 4)]
    keep = [
        c
        for c in limits.columns
        if c.key in ("family", "period", "product_id", "supplier_id", "unit", "limit_value")
    ]
    shown = tb.Table(limits.key, limits.title, keep, limits.frame)
    hints = {"limit_value": {"keep": True}, "period": {"keep": True}}
    blocks.append(
        grid(
            shown,
            lang,
            project.settings.currency,
            hints,
            title=label("limits_title", lang),
            caption=label("limits_title", lang),
        )
    )
    return blocks


def _appendix(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> list[st.Block]:
    """The solver's terms (bound, gap, solver, time), for whoever asks how sure the plan is."""
    summary = tables["summary"]
    shown = summary.where(summary.frame["key"].isin(tb.SOLVER_KEYS))
    return [
        st.PageBreak(),
        st.Heading(label("appendix", lang)),
        st.Paragraph(label("appendix_note", lang), st.NOTE, 6),
        grid(
            shown,
            lang,
            project.settings.currency,
            {"value": {"numeric": True}},
            caption=label("appendix", lang),
            width_fraction=0.82,
        ),
    ]


def content_pivot(project: TypedProject, content: tb.Table, lang: str) -> list[tb.Table]:
    """Per product: its Chinese share, cap, RVC, origin and tariff rate, a column per period
    (PERIODS_PER_TABLE at most per table), the cells as the content table shows them."""
    periods = list(project.periods)
    cells = content.display(lang, project.settings.currency)
    keys = [c.key for c in content.columns]
    at = {k: keys.index(k) for k in keys}
    by = {(row[at["product_id"]], row[at["period"]]): row for row in cells}
    products = list(dict.fromkeys(row[at["product_id"]] for row in cells))
    items = ["china_share", "cap", "rvc", "origin", "tariff_rate"]
    title = label("content_title", lang)
    chunks = [
        periods[i : i + PERIODS_PER_TABLE] for i in range(0, len(periods), PERIODS_PER_TABLE)
    ] or [periods]
    out = []
    for chunk in chunks:
        rows = [
            [p, label(item, lang), *[by.get((p, t), [""] * len(keys))[at[item]] for t in chunk]]
            for p in products
            for item in items
        ]
        columns = [
            tb.Column("product_id", label("product_id", lang)),
            tb.Column("item", label("item", lang)),
            *[tb.Column(f"p{i}", t) for i, t in enumerate(chunk)],  # cells already text
        ]
        caption = title if len(chunks) == 1 else f"{title} · {chunk[0]} – {chunk[-1]}"
        frame = pd.DataFrame(rows, columns=[c.key for c in columns])
        out.append(tb.Table("content", caption, columns, frame))
    return out


def _content(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> list[st.Block]:
    blocks: list[st.Block] = []
    for table in content_pivot(project, tables["content"], lang):
        hints: dict[str, dict] = {"product_id": {"keep": True}, "item": {"grow": 1.0}}
        hints.update({c.key: {"numeric": True} for c in table.columns[2:]})
        band = _bands(list(table.frame["product_id"]))
        blocks += [
            st.Spacer(8),
            grid(
                table,
                lang,
                project.settings.currency,
                hints,
                title=table.title,
                caption=table.title,
                band=band,
            ),
        ]
    return blocks


def _phase_table(
    phases: tb.Table,
    lang: str,
    mask: pd.Series,
    spec: list[tuple[str, str, str]],
    extra: dict[str, pd.Series],
    order: list[str] | None = None,
    ascending: list[bool] | None = None,
) -> tb.Table:
    """Some actions of the phases table, with columns (key, label key, kind) and lookups."""
    frame = phases.frame[mask.to_numpy()].copy()
    for key, series in extra.items():
        frame[key] = series.loc[frame.index]
    if order:
        frame = frame.sort_values(order, ascending=ascending, kind="stable")
    columns = [tb.Column(key, label(word, lang), kind) for key, word, kind in spec]
    return tb.Table("phases", phases.title, columns, frame.reset_index(drop=True))


# The sections of a phase: (title key, action, columns (key, label key, kind), sort columns,
# ascending).
_PHASE_SECTIONS = [
    (
        "onboards",
        "onboard",
        [
            ("supplier_id", "supplier_id", tb.TEXT),
            ("supplier_name", "supplier_name", tb.TEXT),
            ("country", "country", tb.TEXT),
            ("one_time_cost", "one_time_cost", tb.MONEY),
        ],
        None,
        None,
    ),
    (
        "starts",
        "start_qualification",
        [
            ("component_id", "component_id", tb.TEXT),
            ("description", "description", tb.TEXT),
            ("supplier_id", "new_supplier", tb.TEXT),
            ("one_time_cost", "one_time_cost", tb.MONEY),
            ("ready_period", "ready_period", tb.TEXT),
            ("reason", "reason", tb.TEXT),
        ],
        ["_order"],
        [True],
    ),
    (
        "ramps",
        "ramp",
        [
            ("component_id", "component_id", tb.TEXT),
            ("description", "description", tb.TEXT),
            ("supplier_id", "supplier_id", tb.TEXT),
            ("share_from", "share_from", tb.PERCENT),
            ("share_to", "share_to", tb.PERCENT),
        ],
        ["_order", "share_to"],
        [True, False],
    ),
]


def _phases(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> list[st.Block]:
    """A section per period: its budget and slots used, then the suppliers it onboards, the
    qualifications it starts (with their reasons) and the shares that move."""
    lookups = _phase_lookups(project, tables)
    limits = {str(r.period): r for r in tables["periods"].frame.itertuples(index=False)}
    blocks: list[st.Block] = [st.PageBreak()]
    for n, period in enumerate(project.periods, 1):
        heading = f"{label('phase', lang)} {n} · {period}"
        blocks.append(st.Heading(heading, keep_with_next=60))
        row = limits.get(period)
        if row is not None:
            line = _limits_used(row, lang, project.settings.currency)
            blocks.append(st.Paragraph(line, st.NOTE, 5))
        blocks += _phase_sections(project, tables["phases"], lookups, period, heading, lang)
    return blocks


def _phase_lookups(project: TypedProject, tables: dict[str, tb.Table]) -> dict[str, pd.Series]:
    """For each action of the phases table: its supplier's name and country, its part's
    description and place in the Components sheet, and the reason its qualification starts."""
    frame = tables["phases"].frame
    sup = project["Suppliers"].drop_duplicates("supplier_id").set_index("supplier_id")
    comp = project["Components"].drop_duplicates("component_id").set_index("component_id")
    order = {c: i for i, c in enumerate(project["Components"]["component_id"])}
    why = tables["why"].frame
    reason_of = {
        (str(c), str(sp), str(p)): str(r)
        for c, sp, p, r in zip(
            why["component_id"], why["supplier_id"], why["period"], why["reason"], strict=True
        )
    }
    keys = zip(frame["component_id"], frame["supplier_id"], frame["period"], strict=True)
    return {
        "supplier_name": frame["supplier_id"].map(sup["name"]).map(_text),
        "country": frame["supplier_id"].map(sup["country"]).map(_text),
        "description": frame["component_id"].map(comp["description"]).map(_text),
        "_order": frame["component_id"].map(order),
        "reason": pd.Series(
            [reason_of.get((str(c), str(sp), str(p)), "") for c, sp, p in keys],
            index=frame.index,
        ),
    }


def _limits_used(row, lang: str, currency: str) -> str:
    """The budget and the qualification slots a period uses, of its limits."""

    def money(v: object) -> str:
        return tb.format_value(v, tb.MONEY, lang, currency)

    def count(v: object) -> str:
        return tb.format_value(v, tb.COUNT, lang)

    return (
        f"{label('budget_used', lang)}: {money(row.budget_used)} / {money(row.budget)}"
        f"     ·     {label('slots_used', lang)}: "
        f"{count(row.slots_used)} / {count(row.qualification_slots)}"
    )


def _phase_sections(
    project: TypedProject,
    phases: tb.Table,
    lookups: dict[str, pd.Series],
    period: str,
    heading: str,
    lang: str,
) -> list[st.Block]:
    """One period's onboardings, starts and ramps, a grid each (or a line saying there are
    none)."""
    frame = phases.frame
    here = frame["period"].astype(str) == period
    if not here.any():
        return [st.Paragraph(label("nothing_this_phase", lang), st.BODY, 4)]
    blocks: list[st.Block] = []
    for title_key, action, spec, order_by, ascending in _PHASE_SECTIONS:
        mask = here & (frame["action"] == action)
        if not mask.any():
            continue
        table = _phase_table(phases, lang, mask, spec, lookups, order_by, ascending)
        title = label(title_key, lang)
        band = _bands(list(table.frame["component_id"])) if action == "ramp" else None
        blocks.append(
            grid(
                table,
                lang,
                project.settings.currency,
                _section_hints(action),
                title=title,
                caption=f"{heading} · {title}",
                band=band,
            )
        )
    return blocks


def _section_hints(action: str) -> dict[str, dict]:
    """How a section's grid lays out its columns: ids kept whole; a ramp's description on one
    line; a start's reason given the room."""
    hints: dict[str, dict] = {"component_id": {"keep": True}, "supplier_id": {"keep": True}}
    if action == "ramp":
        hints["description"] = {"wrap": False}
    if action == "start_qualification":  # the reason takes the room
        hints["description"] = {"grow": 0.35}
        hints["reason"] = {"grow": 1.0}
    return hints


def _gantt(gantt: GanttChart, lang: str) -> list[st.Block]:
    title = label("gantt", lang)
    return [
        st.PageBreak(),
        st.Heading(title, keep_with_next=0),
        st.GanttBlock(gantt, f"{title} {label('continued', lang)}"),
    ]


def allocation_tables(
    project: TypedProject, allocation: tb.Table, lang: str
) -> list[tuple[str, tb.Table, list[bool]]]:
    """The allocation pivoted: a row per part and supplier that has some share, a column per
    period (PERIODS_PER_TABLE at most per table); (caption, table, shaded rows) per stretch."""
    title = label("allocation_title", lang)
    periods = list(project.periods)
    order = {c: i for i, c in enumerate(project["Components"]["component_id"])}
    frame = allocation.frame
    shares: dict[tuple[str, str], dict[str, float]] = {}
    incumbent: set[tuple[str, str]] = set()
    for c, s, p, share, inc in zip(
        frame["component_id"],
        frame["supplier_id"],
        frame["period"],
        frame["share"],
        frame["is_incumbent"],
        strict=True,
    ):
        key = (str(c), str(s))
        shares.setdefault(key, {})[str(p)] = float(share)
        if bool(inc):
            incumbent.add(key)
    keys = [k for k, v in shares.items() if any(x > SHARE_SHOWN for x in v.values())]

    def first_period(key: tuple[str, str]) -> int:
        return next((i for i, p in enumerate(periods) if shares[key].get(p, 0) > SHARE_SHOWN), 0)

    keys.sort(key=lambda k: (order.get(k[0], math.inf), k not in incumbent, first_period(k), k[1]))
    chunks = [
        periods[i : i + PERIODS_PER_TABLE] for i in range(0, len(periods), PERIODS_PER_TABLE)
    ] or [periods]
    out = []
    for chunk in chunks:
        caption = title if len(chunks) == 1 else f"{title} · {chunk[0]} – {chunk[-1]}"
        here = [k for k in keys if any(shares[k].get(p, 0.0) > SHARE_SHOWN for p in chunk)]
        rows = []
        for part, supplier in here:
            mine = shares[(part, supplier)]
            mark = "\u00a0*" if (part, supplier) in incumbent else ""  # the star never wraps
            cells = [mine[p] if mine.get(p, 0.0) > SHARE_SHOWN else None for p in chunk]
            rows.append([part, supplier + mark, *cells])
        # no description column: with the periods it would be shortened to a few letters
        columns = [
            tb.Column("component_id", label("component_id", lang)),
            tb.Column("supplier_id", label("supplier_id", lang)),
            *[tb.Column(f"p{i}", p, tb.PERCENT) for i, p in enumerate(chunk)],
        ]
        table = tb.Table(
            "allocation", caption, columns, pd.DataFrame(rows, columns=[c.key for c in columns])
        )
        out.append((caption, table, _bands([part for part, _ in here])))
    return out


def _allocation(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> list[st.Block]:
    blocks: list[st.Block] = [st.PageBreak()]
    hints = {"component_id": {"keep": True}, "supplier_id": {"keep": True}}
    for n, (caption, table, band) in enumerate(
        allocation_tables(project, tables["allocation"], lang)
    ):
        blocks.append(st.Heading(caption, keep_with_next=60))
        if n == 0:
            blocks.append(st.Paragraph(label("allocation_note", lang), st.SMALL_NOTE, 5))
        blocks.append(
            grid(table, lang, project.settings.currency, hints, caption=caption, band=band)
        )
    return blocks


def phase_plan(
    project: TypedProject,
    tables: dict[str, tb.Table],
    content: ContentChart,
    gantt: GanttChart,
    lang: str,
    day: dt.date,
    decision: list[str] | None = None,
    opening: list[st.Block] | None = None,
    changes: list[st.Block] | None = None,
) -> st.Story:
    """The story of the printed phase plan, from the report's tables and charts: the decision
    in plain words first (or the sign-off page, `opening`, made by signoff.py), then the
    figures, the reasons, what changed since the last approved version (`changes`, made by
    changes.py), a section per phase; the solver's terms in an appendix."""
    when = date_text(day, lang)
    name = project.settings.plan_name
    blocks = [
        *_cover(project, tables, lang, when, decision or [], opening),
        *_assumptions(project, tables, lang),
        *_why(project, tables, lang),
        *(changes or []),
        *_chart_and_periods(project, tables, content, lang),
        *_content(project, tables, lang),
        *_buffers(project, tables, lang),
        *_phases(project, tables, lang),
        *_gantt(gantt, lang),
        *_allocation(project, tables, lang),
        *_appendix(project, tables, lang),
    ]
    return st.Story(
        title=name,
        blocks=blocks,
        name=label("phase_plan", lang),
        creator=label("app_name", "en"),
        page_header=f"{label('app_name', lang)} · {name}",
        page_footer=label("generated", lang, date=when),
        page_number=label("page", lang),
        continued=label("continued", lang),
        lang=lang,
    )


__all__ = ["CHART_MM", "PERIODS_PER_TABLE", "allocation_tables", "date_text", "phase_plan"]
