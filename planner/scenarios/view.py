"""Scenarios side by side as the screen, the workbook's Comparison sheet and the printed
comparison show them: plain tables of formatted cells (and the raw values, for Excel), with
the cells that differ from the first column (the base) marked.

Built from planner.scenarios.compare.Comparison; nothing here plans or looks anything up."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from planner.report import fmt
from planner.report import story as st
from planner.report.labels import label
from planner.scenarios.compare import SUMMARY_ROWS, WITHIN, Comparison
from planner.text import t

PLANNED = ("optimal", "feasible")
TOLERANCE = {"money": 0.5, "share": 0.0005, "count": 0.5}
SHEET_TITLE = {"en": "Comparison", "vi": "So sánh"}
# the rows that read each scenario's difference against the planner's uncertainty
DIFFERENCE = t("Difference from the base", "Chênh lệch so với base")
GAP = t("Optimality gap", "Sai số tối ưu")
WHY_DIFFERS = t("Why it differs", "Lý do chênh lệch")
NOTES = t("Notes", "Ghi chú")


@dataclass
class CompareTable:
    key: str  # summary | shares | parts
    title: str
    headers: list[str]  # the label columns, then one per scenario
    label_columns: int
    cells: list[list[str]]  # formatted
    values: list[list[object]]  # raw (numbers as numbers) for the workbook
    kinds: list[str]  # per row: money | share | count | text
    differs: set[tuple[int, int]] = field(default_factory=set)  # (row, column)


@dataclass
class ComparisonView:
    names: list[str]
    statuses: dict[str, str]  # scenario -> status key (optimal, infeasible...)
    explanations: dict[str, str]  # scenario -> why it has no plan (empty when it has one)
    tables: list[CompareTable]
    lang: str = "en"
    currency: str = "USD"
    notes: dict[str, str] = field(default_factory=dict)  # a planned scenario's plan's notes

    def write_sheet(self, wb, index: int | None = None):
        """The Comparison sheet in a workbook (planner.report.workbook calls this)."""
        return write_comparison_sheet(wb, self, index)

    def table(self, key: str) -> CompareTable:
        return next(t for t in self.tables if t.key == key)

    @property
    def planned(self) -> list[str]:
        return [n for n in self.names if self.statuses.get(n) in PLANNED]

    def alternatives(self) -> pd.DataFrame:
        """One row per scenario planned with its headline money (the sign-off page's
        alternatives, planner.report.signoff.ALTERNATIVE_COLUMNS)."""
        summary = self.table("summary")
        rows = {key: summary.values[i] for i, (key, _, _) in enumerate(SUMMARY_ROWS)}
        out = []
        for j, name in enumerate(self.names, start=1):
            out.append(
                {
                    "scenario": name,
                    "total_cost": rows["total_cost"][j],
                    "one_time_cost": rows["one_time_cost"][j],
                    "tariff_cost": rows["tariff_cost"][j],
                    "china_share_last": None,
                    "verified": self.statuses.get(name) in PLANNED,
                }
            )
        return pd.DataFrame(out)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _format(value: object, kind: str, lang: str, currency: str) -> str:
    if _blank(value):
        return "–"
    if kind == "money":
        return fmt.money(value, lang, currency)
    if kind == "share":
        return fmt.pct(value, lang, 1)
    if kind == "gap":
        return fmt.pct(value, lang, 2)
    if kind == "count":
        return fmt.number(value, lang)
    return str(value)


def _differs(value: object, base: object, kind: str) -> bool:
    if _blank(value) and _blank(base):
        return False
    if _blank(value) or _blank(base):
        return True
    if kind in TOLERANCE:
        return abs(float(value) - float(base)) > TOLERANCE[kind]  # type: ignore[arg-type]
    return str(value) != str(base)


def status_text(status: str, lang: str) -> str:
    return label(f"status_{status}", lang)


def build_view(comparison: Comparison, lang: str = "en", currency: str = "USD") -> ComparisonView:
    names = comparison.names
    statuses = {n: str(comparison.summary.loc["status", n]) for n in names}
    explanations, notes = _scenario_lines(comparison, statuses, lang)
    tables = [
        _summary_table(comparison, explanations, notes, lang, currency),
        _shares_table(comparison, lang, currency),
        _parts_table(comparison, statuses, lang),
    ]
    return ComparisonView(names, statuses, explanations, tables, lang, currency, notes)


def _scenario_lines(
    comparison: Comparison, statuses: dict[str, str], lang: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Per scenario, its explanations and problems as one line: why it has no plan (when it
    has none) or the notes on its plan (when it has one); the other is left empty."""
    explanations, notes = {}, {}
    for n in comparison.names:
        lines = [x.get(lang) for x in comparison.explanations.get(n, [])]
        lines += [p.format(lang) for p in comparison.problems.get(n, [])]
        explanations[n] = "" if statuses[n] in PLANNED else " ".join(lines)
        notes[n] = " ".join(lines) if statuses[n] in PLANNED else ""
    return explanations, notes


def _summary_table(
    comparison: Comparison,
    explanations: dict[str, str],
    notes: dict[str, str],
    lang: str,
    currency: str,
) -> CompareTable:
    """The headline figures, then the differences from the base, then the notes and the
    reasons a scenario has no plan (each row only when some scenario has one)."""
    names = comparison.names
    cells: list[list[str]] = []
    values: list[list[object]] = []
    kinds: list[str] = []
    differs: set[tuple[int, int]] = set()
    for key, text, kind in SUMMARY_ROWS:
        i = len(cells)
        raw = [comparison.summary.loc[key, n] for n in names]
        if key == "status":
            shown = [status_text(v, lang) for v in raw]
            raw = shown
        else:
            shown = [_format(v, kind, lang, currency) for v in raw]
            raw = [None if _blank(v) else float(v) for v in raw]
        cells.append([text.get(lang), *shown])
        values.append([text.get(lang), *raw])
        kinds.append(kind)
        for j in range(1, len(names)):
            if _differs(raw[j], raw[0], kind):
                differs.add((i, 1 + j))
    _difference_rows(comparison, lang, currency, cells, values, kinds)
    for title, by_name in (
        (NOTES.get(lang), notes),
        (label("cmp_explanation", lang), explanations),
    ):
        if any(by_name.values()):
            row = [by_name[n] for n in names]
            cells.append([title, *row])
            values.append([title, *row])
            kinds.append("text")
    return CompareTable(
        "summary",
        label("cmp_summary", lang),
        [label("item", lang), *names],
        1,
        cells,
        values,
        kinds,
        differs,
    )


def _shares_table(comparison: Comparison, lang: str, currency: str) -> CompareTable:
    """The Chinese share and the regional value content per product and period."""
    names = comparison.names
    frame = comparison.shares
    cells: list[list[str]] = []
    values: list[list[object]] = []
    kinds: list[str] = []
    differs: set[tuple[int, int]] = set()
    for i, r in enumerate(frame.itertuples(index=False)):
        d = dict(zip(frame.columns, r, strict=True))
        measure = label("cmp_china" if d["measure"] == "china" else "cmp_rvc", lang)
        raw = [None if _blank(d.get(n)) else float(d[n]) for n in names]
        cells.append(
            [str(d["product_id"]), str(d["period"]), measure]
            + [_format(v, "share", lang, currency) for v in raw]
        )
        values.append([str(d["product_id"]), str(d["period"]), measure, *raw])
        kinds.append("share")
        for j in range(1, len(names)):
            if raw[j] is not None and raw[0] is not None and _differs(raw[j], raw[0], "share"):
                differs.add((i, 3 + j))
    return CompareTable(
        "shares",
        label("cmp_shares", lang),
        [label("product_id", lang), label("period", lang), label("cmp_measure", lang), *names],
        3,
        cells,
        values,
        kinds,
        differs,
    )


def _parts_table(comparison: Comparison, statuses: dict[str, str], lang: str) -> CompareTable:
    """Per part, where it moves (supplier and quarter) in each scenario; a scenario without
    a plan shows a dash, and only planned scenarios are marked as differing."""
    names = comparison.names
    parts = comparison.parts
    cells: list[list[str]] = []
    values: list[list[object]] = []
    kinds: list[str] = []
    differs: set[tuple[int, int]] = set()
    for i in range(len(parts)):
        row = [str(parts["component_id"].iloc[i])]
        for j, n in enumerate(names):
            row.append(_moves_cell(str(parts[n].iloc[i] or ""), statuses[n], lang))
            if j and statuses[n] in PLANNED and bool(comparison.differs[n].iloc[i]):
                differs.add((i, 1 + j))
        cells.append(row)
        values.append(list(row))
        kinds.append("text")
    return CompareTable(
        "parts",
        label("cmp_parts", lang),
        [label("component_id", lang), *names],
        1,
        cells,
        values,
        kinds,
        differs,
    )


def _moves_cell(moves_text: str, status: str, lang: str) -> str:
    """One scenario's moves of a part ('S2 from Q3; ...') in words."""
    if status not in PLANNED:
        return "–"
    if not moves_text:
        return label("cmp_stays", lang)
    return "; ".join(
        label("cmp_from", lang, supplier=s, period=p)
        for s, _, p in (m.partition(" from ") for m in moves_text.split("; "))
    )


def _difference_rows(
    comparison: Comparison, lang: str, currency: str, cells: list, values: list, kinds: list
) -> None:
    """Each scenario's difference from the base (marked when within the planner's
    uncertainty), both plans' gaps, and the reason for the difference."""
    names = comparison.names
    if not comparison.differences:
        return
    diffs = [comparison.differences.get(n) for n in names]
    shown = []
    for d in diffs:
        if d is None:
            shown.append("–")
            continue
        text = fmt.money(d.delta, lang, currency)
        text = ("+" + text) if d.delta > 0 else text
        shown.append(f"{text} ({WITHIN.get(lang)})" if d.within else text)
    cells.append([DIFFERENCE.get(lang), *shown])
    values.append([DIFFERENCE.get(lang), *[None if d is None else d.delta for d in diffs]])
    kinds.append("money")
    found: list[Any] = [
        comparison.summary.loc["gap", n] if _planned(comparison, n) else None for n in names
    ]
    gaps = [None if _blank(g) else float(g) for g in found]
    cells.append([GAP.get(lang), *[_format(g, "gap", lang, currency) for g in gaps]])
    values.append([GAP.get(lang), *gaps])
    kinds.append("gap")
    why = ["" if d is None else d.reason.get(lang) for d in diffs]
    cells.append([WHY_DIFFERS.get(lang), *why])
    values.append([WHY_DIFFERS.get(lang), *why])
    kinds.append("text")


def _planned(comparison: Comparison, name: str) -> bool:
    return str(comparison.summary.loc["status", name]) in PLANNED


def compare_results(results: dict, lang: str = "en") -> ComparisonView:
    """The view of planned ScenarioResults (run in a worker: it reads every plan)."""
    from planner.scenarios.compare import compare

    currency = "USD"
    for r in results.values():
        if r.project is not None:
            currency = r.project.settings.currency
            break
    return build_view(compare(results), lang, currency)


# paper -----------------------------------------------------------------------------------------
def comparison_story(view: ComparisonView, project_name: str = "") -> st.Story:
    """The comparison as an A4 document (painted by the app's printing backend)."""
    lang = view.lang
    title = label("comparison_title", lang)
    blocks: list[st.Block] = [
        st.Paragraph(title, st.TITLE),
        st.Paragraph(", ".join(view.names), st.SUBTITLE),
        st.Paragraph(label("cmp_note", lang), st.NOTE),
    ]
    for table in view.tables:
        if not table.cells:
            continue
        columns = [
            st.GridColumn(h, numeric=False, keep=(k < table.label_columns))
            for k, h in enumerate(table.headers)
        ]
        for k in range(table.label_columns, len(columns)):
            numeric = table.key != "parts" and table.key != "summary"
            columns[k] = st.GridColumn(table.headers[k], numeric=numeric)
        blocks.append(
            st.Grid(
                columns,
                [list(r) for r in table.cells],
                {cell: "differs" for cell in table.differs},
                title=table.title,
                source=f"comparison_{table.key}",
            )
        )
    return st.Story(
        title=f"{title}{' · ' + project_name if project_name else ''}",
        blocks=blocks,
        name=label("comparison", lang),
        creator=label("app_name", lang),
        page_header=title,
        page_footer=label("generated", lang, date=date.today().isoformat()),
        page_number=label("page", lang),
        continued=label("continued", lang),
        lang=lang,
    )


# Excel -----------------------------------------------------------------------------------------
EXCEL_FORMATS = {
    "money": "#,##0_);-#,##0_)",
    "share": "0.0%_)",
    "gap": "0.00%_)",
    "count": "0_)",
}


def write_comparison_sheet(wb, view: ComparisonView, index: int | None = None):
    """The Comparison sheet: the three tables one under the other, differences in bold on a
    tint."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from planner.io.write import set_cell

    ws = wb.create_sheet(SHEET_TITLE.get(view.lang, "Comparison"), index)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    differ_fill = PatternFill("solid", fgColor="FCE4D6")
    r = 1
    set_cell(ws, r, 1, label("comparison_title", view.lang)).font = Font(bold=True, size=14)
    r += 1
    set_cell(ws, r, 1, label("cmp_note", view.lang)).font = Font(italic=True, color="808080")
    r += 2
    widths: dict[int, int] = {}
    for table in view.tables:
        set_cell(ws, r, 1, table.title).font = Font(bold=True, size=12)
        r += 1
        for j, h in enumerate(table.headers, start=1):  # scenario names: the user's text
            cell = set_cell(ws, r, j, h)
            cell.font, cell.fill = bold, header_fill
            widths[j] = max(widths.get(j, 8), len(str(h)) + 2)
        r += 1
        for i, (row, kind) in enumerate(zip(table.values, table.kinds, strict=True)):
            for j, value in enumerate(row, start=1):
                cell = set_cell(ws, r, j, value)  # text that looks like a formula stays text
                if j > table.label_columns and isinstance(value, float):
                    cell.number_format = EXCEL_FORMATS.get(kind, "General")
                if (i, j - 1) in table.differs:
                    cell.font, cell.fill = bold, differ_fill
                if kind == "text" and j > table.label_columns:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[j] = min(60, max(widths.get(j, 8), len(str(value or "")) + 2))
            r += 1
        r += 1
    for j, w in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = w
    return ws
