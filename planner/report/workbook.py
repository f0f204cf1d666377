"""The plan workbook: the inputs as planned (it reopens as a project) plus formatted plan sheets.

The plan sheets' names never match an input sheet or its synonyms, so the project reader
ignores them (with a note) when the workbook is opened again as a project.
"""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl.chart import LineChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.io.marks import PLAN, mark, plan_sheet_names
from planner.io.read import RawProject
from planner.io.write import (
    HEADER_FILL,
    HEADER_FONT,
    atomic_save,
    build_workbook,
    print_setup,
    set_cell,
    typed_frames,
    write_records,
)
from planner.plan import Plan
from planner.project import TypedProject
from planner.record.workbook import plan_frame
from planner.report import tables as tb
from planner.report.chart_data import ContentChart
from planner.report.labels import label
from planner.report.plan_report import PlanReport, build_report
from planner.report.signoff import SignOff
from planner.report.tables import Table, UnverifiedPlan, require_verified

__all__ = ["UnverifiedPlan", "plan_sheet_names", "write_plan_workbook"]

# "_)" leaves a bracket's width after a figure, so a right-aligned number does not run into
# the left-aligned text of the next column
FORMATS = {
    tb.MONEY: "#,##0_);-#,##0_)",
    tb.SHARE: "0.0%_)",
    tb.GAP: "0.00%_)",
    tb.UNITS: "#,##0_);-#,##0_)",
    tb.PRICE: "#,##0.0000_);-#,##0.0000_)",
    tb.COUNT: "0_)",
    tb.DECIMAL: "#,##0.00_);-#,##0.00_)",
}
BINDING_FILL = PatternFill("solid", fgColor="FCE4D6")
BINDING_FONT = Font(bold=True, color="9C3A00")
MUTED = Font(color="808080", italic=True)
CHART_SHEET = "chart"


def _header(ws: Worksheet, labels: list[str]) -> None:
    for j, text in enumerate(labels, start=1):
        cell = set_cell(ws, 1, j, text)  # product names head the chart's columns: text only
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 30


def _column_label(col: tb.Column, currency: str) -> str:
    return f"{col.label} ({currency})" if col.kind == tb.MONEY else col.label


def _write_table(wb: Workbook, table: Table, lang: str, currency: str) -> Worksheet:
    ws = wb.create_sheet(table.title)
    _header(ws, [_column_label(c, currency) for c in table.columns])
    widths = [len(_column_label(c, currency)) for c in table.columns]
    kinds = table.row_kinds  # the summary: each row has its own format
    # records, not named tuples: a column key such as "units:2027-Q1" is no identifier
    for i, values in enumerate(table.frame.to_dict("records"), start=2):
        for j, col in enumerate(table.columns, start=1):
            value = values[col.key]
            kind = values["format"] if kinds is not None and col.key == "value" else col.kind
            if isinstance(value, float) and math.isinf(value):
                value = label("unlimited", lang)  # a blank would read as "none"
            elif isinstance(value, bool):
                value = label("yes" if value else "no", lang)
            set_cell(ws, i, j, value)
            cell = ws.cell(row=i, column=j)
            if kind in FORMATS and isinstance(value, int | float):
                cell.number_format = FORMATS[kind]
            elif isinstance(value, str) and kind != tb.TEXT:
                cell.font = MUTED
                cell.alignment = Alignment(horizontal="right")
            if isinstance(value, str) and len(value) > 60:  # wrap, not overflow off the page
                for k in range(1, len(table.columns) + 1):
                    ws.cell(row=i, column=k).alignment = Alignment(vertical="top")
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                # readers do not grow rows on their own; about 55 characters fit a line
                ws.row_dimensions[i].height = 15 * math.ceil(len(value) / 55)
            shown = tb.format_value(value, kind, lang) if not isinstance(value, str) else value
            widths[j - 1] = max(widths[j - 1], len(shown) + 2)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(9, min(60, w + 1))
    n = len(table.frame)
    last = get_column_letter(len(table.columns))
    ws.freeze_panes = "B2" if len(table.columns) >= 6 else "A2"
    if n:
        ws.auto_filter.ref = f"A1:{last}{n + 1}"
    keys = [c.key for c in table.columns]
    for b in table.bindings:
        v = get_column_letter(keys.index(b.value) + 1)
        lim = get_column_letter(keys.index(b.limit) + 1)
        # a live rule, so the highlight follows if the analyst edits a figure
        rule = FormulaRule(
            formula=[f"AND(ISNUMBER(${lim}2),${v}2>=${lim}2-0.000001*MAX(1,ABS(${lim}2)))"],
            fill=BINDING_FILL,
            font=BINDING_FONT,
        )
        if n:
            ws.conditional_formatting.add(f"{v}2:{v}{n + 1}", rule)
    print_setup(ws, landscape=len(table.columns) > 5)
    return ws


def _decision_sheet(wb: Workbook, report: PlanReport, lang: str) -> None:
    """The sheet the workbook opens on: the plan's name and the decision in plain words (the
    printed plan's first page), one paragraph a row, wrapped to print on A4."""
    ws = wb.create_sheet(label("sheet_decision", lang), 0)
    ws.column_dimensions["A"].width = 110
    title = set_cell(ws, 1, 1, report.plan_name)
    title.font = Font(bold=True, size=14)
    for i, paragraph in enumerate(report.decision, start=3):
        cell = set_cell(ws, i, 1, paragraph)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        # readers do not grow rows on their own; about 120 characters fit a line of this width
        ws.row_dimensions[i].height = 15 * max(1, math.ceil(len(paragraph) / 120))
    print_setup(ws, landscape=False, one_page=False)
    ws.print_title_rows = None


def _changes_sheet(wb: Workbook, report: PlanReport, lang: str, currency: str) -> Worksheet:
    """What changed since the last approved version: the headline, then each change table
    under its title (the rows the screen and the paper show); without a diff, why there is
    nothing to compare."""
    ws = wb.create_sheet(label("sheet_changes", lang))
    changes = report.changes
    old = changes.old_name if changes is not None else ""
    title = set_cell(ws, 1, 1, label("changes_title", lang, old=old) if old else report.plan_name)
    title.font = Font(bold=True, size=14)
    lines = changes.headline if changes is not None else [label("not_approved", lang)]
    row = 3
    for text in lines:
        set_cell(ws, row, 1, text)
        row += 1
    widths: dict[int, int] = {1: 12}
    for table in changes.tables.values() if changes is not None else []:
        row += 1
        set_cell(ws, row, 1, table.title).font = Font(bold=True, size=12)
        row += 1
        row = _block(ws, table, row, lang, currency, widths) + 1
    for j, w in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = max(9, min(60, w))
    print_setup(ws, landscape=True, one_page=False)
    ws.print_title_rows = None
    return ws


def _block(
    ws: Worksheet, table: Table, row: int, lang: str, currency: str, widths: dict[int, int]
) -> int:
    """A table written from `row` down (a header row, then its rows); the row after it."""
    for j, col in enumerate(table.columns, start=1):
        cell = set_cell(ws, row, j, _column_label(col, currency))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        widths[j] = max(widths.get(j, 0), min(len(col.label), 24) + 2)
    for values in table.frame.to_dict("records"):
        row += 1
        for j, col in enumerate(table.columns, start=1):
            value = values[col.key]
            if isinstance(value, float) and math.isinf(value):
                value = label("unlimited", lang)
            cell = set_cell(ws, row, j, value)
            if col.kind in FORMATS and isinstance(value, int | float):
                cell.number_format = FORMATS[col.kind]
            if isinstance(value, str) and len(value) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                ws.row_dimensions[row].height = 15 * math.ceil(len(value) / 55)
            shown = value if isinstance(value, str) else tb.format_value(value, col.kind, lang)
            widths[j] = max(widths.get(j, 0), len(shown) + 2)
    return row + 1


def _summary_units(ws: Worksheet, table: Table, lang: str, currency: str) -> None:
    """The summary's rows hold figures of several kinds: a third column names each money
    row's currency (the headers of the other sheets name it in their titles)."""
    cell = set_cell(ws, 1, 3, label("currency", lang))
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for i, kind in enumerate(table.row_kinds or [], start=2):
        if kind == tb.MONEY:
            set_cell(ws, i, 3, currency)
    ws.column_dimensions["C"].width = 9


def _summary_note(ws: Worksheet, lang: str) -> None:
    row = ws.max_row + 2
    # merged and wrapped: a long overflowing line would shrink the printed page to fit it
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = 45
    note = (
        "Tô cam: giới hạn đã chạm (dùng hết ngân sách, hết số phê duyệt, đầy công suất, "
        "tỷ lệ TQ bằng trần). Xem các sheet KH - Chi phí theo kỳ, KH - Tải nhà cung cấp, "
        "KH - Hàm lượng TQ."
        if lang == "vi"
        else "Orange cells mark a limit that binds (budget fully used, all qualification slots "
        "used, capacity at its limit, Chinese share at the cap): see the sheets Plan periods, "
        "Plan suppliers and Plan content."
    )
    ws.cell(row=row, column=1, value=note).font = MUTED


def _chart_sheet(wb: Workbook, data: ContentChart, lang: str) -> None:
    """A wide table (period x product share, cap, thresholds) and a native Excel line chart."""
    ws = wb.create_sheet(label(f"sheet_{CHART_SHEET}", lang))
    names = [name for name, _ in data.series] + [data.cap_label, *data.tier_labels]
    _header(ws, [label("period", lang), *names])
    for i, period in enumerate(data.periods):
        r = i + 2
        set_cell(ws, r, 1, period)
        values = [vs[i] for _, vs in data.series] + [data.cap[i]] + [s for s, _ in data.tiers]
        for j, v in enumerate(values, start=2):
            if v is not None and not (isinstance(v, float) and math.isnan(v)):
                ws.cell(row=r, column=j, value=float(v)).number_format = FORMATS[tb.SHARE]
    ws.column_dimensions["A"].width = 12
    for j in range(2, len(names) + 2):
        ws.column_dimensions[get_column_letter(j)].width = max(12, min(28, len(names[j - 2]) + 2))
    ws.freeze_panes = "B2"
    n = len(data.periods)
    if not n:
        return
    chart = LineChart()
    chart.title = data.title
    chart.y_axis.title = label("china_share", lang)
    chart.x_axis.title = label("period", lang)
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.x_axis.delete = False  # recent Excel hides axes unless told
    chart.y_axis.delete = False
    chart.height, chart.width = 10, 22
    chart.legend.position = "b"
    chart.add_data(
        Reference(ws, min_col=2, max_col=len(names) + 1, min_row=1, max_row=n + 1),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    n_products = len(data.series)
    for k, series in enumerate(chart.series):
        series.smooth = False
        line = series.graphicalProperties.line
        if k == n_products:  # the glide path
            line.solidFill = "C00000"
            line.width = 38100
        elif k > n_products:  # tariff thresholds
            line.solidFill = "7F7F7F"
            line.dashStyle = "dash"
            line.width = 12700
        else:
            line.width = 28575
    ws.add_chart(chart, f"A{n + 3}")  # below the table: both print on one landscape page
    print_setup(ws, landscape=True, one_page=True)


def write_plan_workbook(
    project: TypedProject,
    plan: Plan,
    path: Path,
    raw: RawProject | None = None,
    lang: str = "en",
    report: PlanReport | None = None,
    comparison=None,
    signoff: SignOff | None = None,
) -> None:
    """Write the inputs (the raw cells if given, else the typed tables) and the plan sheets:
    the tables of `report` (built here when not given, with `signoff`: its diff fills the
    "Plan changes" sheet), which the screen and paper show too.

    Raises UnverifiedPlan for a plan that did not pass the independent checker."""
    require_verified(plan)
    if report is None or report.lang != lang:
        report = build_report(project, plan, lang, story=False, signoff=signoff)
    if raw is not None:  # the inputs as the user named them, so the file reads as theirs
        wb = build_workbook(raw.sheets, False, raw.source_names, raw.original_headers)
    else:
        wb = build_workbook(typed_frames(project), annotate=False)
    if raw is not None:  # the project's approved versions go with it
        write_records(wb, raw.records, lang)
    # the plan's own decisions, so that it can be compared or approved later (planner.record)
    write_records(wb, {"plan": plan_frame(plan)}, lang, keys=("plan",))
    currency = project.settings.currency
    _decision_sheet(wb, report, lang)
    position = 1
    for table in report.tables.values():
        ws = _write_table(wb, table, lang, currency)
        wb.move_sheet(ws, offset=position - wb.index(ws))  # plan sheets first: Summary opens
        position += 1
        if table.key == "summary":
            _summary_units(ws, table, lang, currency)
            _summary_note(ws, lang)
            # what changed since the last approved version, beside the summary
            ws = _changes_sheet(wb, report, lang, currency)
            wb.move_sheet(ws, offset=position - wb.index(ws))
            position += 1
    _chart_sheet(wb, report.content, lang)
    wb.move_sheet(wb.worksheets[-1], offset=position - (len(wb.worksheets) - 1))
    if comparison is not None:  # scenarios compared (planner.scenarios.view.ComparisonView)
        comparison.write_sheet(wb, position + 1)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    wb.active = 0
    wb.worksheets[0].sheet_view.tabSelected = True
    mark(wb, PLAN)
    atomic_save(wb, Path(path))
