"""The plan of record in its workbook: read from a project's sheets, written into the project
file itself (its other sheets, formats and formulas kept), and a plan workbook's own plan."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from planner.io.files import RefusedFile
from planner.io.read import RawProject, language_of
from planner.io.write import atomic_save, write_records
from planner.plan import Plan
from planner.record.store import (
    DECISION_COLUMNS,
    Record,
    as_plan,
    decisions_table,
    plan_decisions,
    read_record,
)


def record_of(raw: RawProject) -> Record | None:
    """The project's plan of record (None: none approved). Raises store.Unreadable."""
    return read_record(raw.records)


def with_record(raw: RawProject, record: Record) -> None:
    """Put `record` in the cells the project will be saved with."""
    raw.records.update({k: f.astype(object) for k, f in record.frames().items()})


def save_record(path: Path | str, raw: RawProject, record: Record) -> None:
    """Write `record` into the project workbook at `path`, replacing its record sheets and
    keeping every other sheet as it is. Only an .xlsx workbook can hold it: a CSV folder, an
    .xls or an .ods is refused with a sentence (save the project as .xlsx first)."""
    path = Path(path)
    if path.is_dir() or path.suffix.lower() != ".xlsx":
        raise RefusedFile(
            "record_needs_xlsx",
            f"{path.name}: only an .xlsx workbook can hold the plan of record. Save the project "
            "as an .xlsx workbook (File > Save As in the app) and approve it there.",
            f"{path.name}: chỉ tệp .xlsx mới lưu được kế hoạch đã duyệt. Hãy lưu dự án thành "
            "tệp .xlsx (Tệp > Lưu thành trong ứng dụng) rồi duyệt ở đó.",
        )
    wb = load_workbook(path)
    with_record(raw, record)
    write_records(wb, raw.records, language_of(raw))
    atomic_save(wb, path)


def plan_frame(plan: Plan) -> pd.DataFrame:
    """A plan's decisions as the plan workbook keeps them (so it can be compared later)."""
    return plan_decisions(plan).astype(object)


def plan_in(raw: RawProject) -> Plan | None:
    """The decisions of the plan a plan workbook holds, or None (a project workbook)."""
    frame = raw.records.get("plan")
    if frame is None or frame.empty:
        return None
    given = frame.copy()
    given.insert(0, "version", 0)
    return as_plan(decisions_table(given[DECISION_COLUMNS]).drop(columns="version"))


__all__ = ["plan_frame", "plan_in", "record_of", "save_record", "with_record"]
