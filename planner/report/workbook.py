"""The plan workbook: the inputs as planned (it reopens as a project) plus the plan sheets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planner.io.read import RawProject
from planner.io.write import (
    HEADER_FILL,
    HEADER_FONT,
    atomic_save,
    build_workbook,
    set_cell,
    typed_frames,
)
from planner.plan import Plan
from planner.project import TypedProject

# Sheet names chosen so the project reader ignores them (no sheet synonym matches).
PLAN_SHEETS = (
    "Plan summary",
    "Plan phases",
    "Plan allocation",
    "Plan supplier load",
    "Plan content",
)
MONEY = "#,##0"
SHARE = "0.0%"


class UnverifiedPlan(ValueError):
    """Only a plan that passed the independent checker is exported."""


def _sheet(wb, title: str, frame: pd.DataFrame, formats: dict[str, str]) -> None:
    ws = wb.create_sheet(title)
    for j, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=1, column=j, value=str(name))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(j)].width = max(12, min(36, len(str(name)) + 4))
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            set_cell(ws, i, j, value)
            fmt = formats.get(frame.columns[j - 1])
            if fmt:
                ws.cell(row=i, column=j).number_format = fmt
    ws.freeze_panes = "A2"
    if len(frame.columns) and len(frame):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"


def write_plan_workbook(
    project: TypedProject, plan: Plan, path: Path, raw: RawProject | None = None, lang: str = "en"
) -> None:
    """Write inputs and plan sheets; refuses a plan the checker did not pass."""
    if not plan.has_plan:
        raise UnverifiedPlan("only a verified plan can be exported")
    frames = raw.sheets if raw is not None else typed_frames(project)
    wb = build_workbook(frames, annotate=False)
    summary = pd.DataFrame(
        [(k, v) for k, v in plan.summary.items() if not isinstance(v, dict)],
        columns=["item", "value"],
    )
    _sheet(wb, PLAN_SHEETS[0], summary, {})
    ws = wb[PLAN_SHEETS[0]]
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 22
    ws["A1"].font = Font(bold=True, color="FFFFFF")
    _sheet(
        wb,
        PLAN_SHEETS[1],
        plan.actions,
        {"one_time_cost": MONEY, "share_from": SHARE, "share_to": SHARE},
    )
    _sheet(
        wb,
        PLAN_SHEETS[2],
        plan.allocation,
        {"share": SHARE, "units": "#,##0", "unit_price": "#,##0.0000", "cost": MONEY},
    )
    _sheet(wb, PLAN_SHEETS[3], plan.supplier_load, {"units": "#,##0", "capacity": "#,##0"})
    _sheet(
        wb,
        PLAN_SHEETS[4],
        plan.content,
        {
            "china_content_usd": "#,##0.00",
            "china_share": SHARE,
            "cap": SHARE,
            "rvc": SHARE,
            "tariff_rate": SHARE,
            "tariff_cost": MONEY,
        },
    )
    periods = plan.periods
    _sheet(
        wb,
        "Plan periods",
        periods,
        {c: MONEY for c in periods.columns if "cost" in c or c in ("budget", "budget_used")},
    )
    atomic_save(wb, Path(path))
