"""Opening a project file, as one plain function for a worker process (no Qt here): read the
cells, pick the mapping remembered for these headers, assemble, complete and check it.

When headers are left to map, the cells come back too, for the mapping dialog; the user's
answer then goes to `prepare` in another worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planner import schema
from planner.io.mapping import first_sheet_to_map, layout_key, mapping_doubts, mapping_gaps
from planner.io.read import ColumnMapping, Grid, RawProject, assemble, load_cells
from planner.validate import Validation, validate


@dataclass
class Opened:
    key: str  # the file's layout: a mapping is remembered under it
    raw: RawProject
    mapping: ColumnMapping | None  # the one used
    gaps: dict[str, list[str]]  # required sheets or columns not found
    validation: Validation | None  # None: the user is asked to map the gaps first
    grids: list[tuple[str, Grid]] | None = None  # the cells, when the user is asked
    start_sheet: str | None = None  # the workbook sheet the column dialog opens on


def _blank_frame(sheet: schema.Sheet) -> pd.DataFrame:
    frame = pd.DataFrame(columns=sheet.column_names, dtype=object)
    frame.index.name = "row"
    return frame


def complete(raw: RawProject) -> RawProject:
    """Every sheet present, with every schema column (blank ones added), so the user can fill
    in what the source lacked; unknown columns are kept after the known ones."""
    for sheet in schema.SHEETS:
        frame = raw.sheets.get(sheet.name)
        if frame is None:
            raw.sheets[sheet.name] = _blank_frame(sheet)
            raw.header_rows.setdefault(sheet.name, 1)
            continue
        known = [c for c in sheet.column_names if c in frame.columns]
        missing = [c for c in sheet.column_names if c not in frame.columns]
        extra = [c for c in frame.columns if c not in sheet.column_names]
        in_shape = not missing and list(frame.columns) == known + extra
        if in_shape and all(dtype.kind == "O" for dtype in frame.dtypes):
            continue  # completed already (in the worker): copying 10,000 rows again costs
        for c in missing:
            frame[c] = None
        ordered = [c for c in sheet.column_names if c in known or c in missing]
        raw.sheets[sheet.name] = frame[ordered + extra].astype(object)
    return raw


def prepare(
    grids: list[tuple[str, Grid]],
    mapping: ColumnMapping | None,
    path: Path,
    key: str = "",
    ask: bool = False,
) -> Opened:
    """The project from its cells. With `ask` and headers left to map, stop at the gaps and
    hand the cells back; otherwise complete and check it."""
    raw = assemble(grids, mapping, path)
    gaps = mapping_gaps(raw)
    # a missing sheet or column, or one that looks like a field but was not read: ask
    if ask and (gaps or mapping_doubts(raw)) and grids:
        return Opened(key, raw, mapping, gaps, None, grids, first_sheet_to_map(raw, grids))
    raw = complete(raw)
    return Opened(key, raw, mapping, gaps, validate(raw))


def open_project(
    path: Path,
    encoding: str | None,
    mapping: ColumnMapping | None,
    remembered: dict[str, str],
) -> Opened:
    """Read and check `path`; `remembered` holds the users' earlier answers (layout key ->
    mapping JSON), used when `mapping` is not given. Raises RefusedFile."""
    grids = load_cells(path, encoding)
    key = layout_key(grids)
    if mapping is None and remembered.get(key):
        try:
            data = json.loads(remembered[key])
            mapping = ColumnMapping(data.get("sheets", {}), data.get("columns", {}))
        except ValueError:
            mapping = None
    return prepare(grids, mapping, path, key, ask=True)
