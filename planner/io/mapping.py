"""Column mapping support: what a raw project still lacks or reads in doubt, a guess to start the
user from, and a key for a file's header layout (so the app remembers the user's answer)."""

from __future__ import annotations

import hashlib
import json
import unicodedata

from planner import schema
from planner.io.read import (
    HEADER_SEARCH_ROWS,
    ColumnMapping,
    Grid,
    RawProject,
    _find_header,
    _recognise,
)

IGNORE = None

# Problems of the reader that a look at the column dialog settles: a sheet or column that
# resembles a field but was not read, and a sheet read by its columns rather than its name.
DOUBTS = ("doubtful_column", "doubtful_sheet", "guessed_sheet", "loose_column")


def mapping_gaps(raw: RawProject) -> dict[str, list[str]]:
    """Required sheets or required columns the reader did not find: {sheet: [columns]}
    (an empty list means the whole sheet is missing)."""
    gaps: dict[str, list[str]] = {}
    for sheet in schema.SHEETS:
        frame = raw.sheets.get(sheet.name)
        if frame is None or len(frame.columns) == 0:
            if sheet.required:
                gaps[sheet.name] = []
            continue
        missing = [c.name for c in sheet.columns if c.required and c.name not in frame.columns]
        if missing:
            gaps[sheet.name] = missing
    return gaps


def mapping_doubts(raw: RawProject) -> list[str]:
    """Workbook sheets (as named in the file) the user should look at in the column dialog:
    a column there looks like a field but was not read, or was read only loosely, or the sheet
    itself was recognised by its columns, or looks like a project sheet but was not read."""
    out: list[str] = []
    for problem in raw.notes:
        if problem.code not in DOUBTS or problem.sheet is None:
            continue
        title = raw.source_names.get(problem.sheet, problem.sheet)
        if title not in out:
            out.append(title)
    return out


def first_sheet_to_map(raw: RawProject, grids: list[tuple[str, Grid]]) -> str | None:
    """The workbook sheet the column dialog should open on: one that holds what a missing
    sheet needs, else the first with a gap or a doubt."""
    gaps = mapping_gaps(raw)
    titles = [title for title, _ in grids]
    for sheet_name, columns in gaps.items():
        if columns and raw.source_names.get(sheet_name) in titles:
            return raw.source_names[sheet_name]
    doubts = mapping_doubts(raw)
    for title in titles:
        if title in doubts:
            return title
    if gaps:  # a whole sheet missing: the first sheet that was not read
        return next((t for t in titles if t in raw.unused_sheets), None)
    return None


def _text(cell: object) -> str:
    return "" if cell is None else unicodedata.normalize("NFC", str(cell)).strip()


def header_row(grid: Grid, sheet: schema.Sheet | None, mapping: dict[str, str | None]) -> int:
    """Index of the row that holds the headers: the reader's choice, else the first row with
    two or more text cells, else the first row."""
    if sheet is not None:
        found = _find_header(sheet, grid, mapping)
        if found is not None:
            return found
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if sum(1 for c in row if isinstance(c, str) and c.strip()) >= 2:
            return i
    return 0


def layout_key(grids: list[tuple[str, Grid]]) -> str:
    """Same sheet names and header rows -> same key (the data rows do not matter)."""
    parts = []
    for title, grid in grids:
        i = header_row(grid, schema.match_sheet(title), {})
        header = [_text(c) for c in grid[i]] if i < len(grid) else []
        parts.append([title, header])
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:24]


def guess(grids: list[tuple[str, Grid]], mapping: ColumnMapping | None = None) -> ColumnMapping:
    """The reader's own matches, overlaid with the user's answers so far: a starting point."""
    mapping = mapping or ColumnMapping()
    out = ColumnMapping(sheets={}, columns={})
    for (title, grid), (sheet, _) in zip(grids, _recognise(grids, mapping), strict=True):
        if sheet is None:
            continue
        out.sheets[title] = sheet.name
        given = mapping.columns.get(sheet.name) or mapping.columns.get(title) or {}
        i = header_row(grid, sheet, given)
        if i >= len(grid):
            continue
        cols: dict[str, str | None] = {}
        for cell in grid[i]:
            text = _text(cell)
            if not text:
                continue
            if text in given:
                cols[text] = given[text]
            else:
                col = schema.match_column(sheet, text)
                cols[text] = col.name if col else IGNORE
        out.columns[sheet.name] = cols
    return out
