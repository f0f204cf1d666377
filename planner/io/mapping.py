"""Column mapping support: what a raw project still lacks, a guess to start the user from, and a
key for a file's header layout (so the app remembers the user's answer for the next file)."""

from __future__ import annotations

import hashlib
import json
import unicodedata

from planner import schema
from planner.io.read import HEADER_SEARCH_ROWS, ColumnMapping, Grid, RawProject, _find_header

IGNORE = None


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
    for title, grid in grids:
        target = mapping.sheets.get(title)
        sheet = schema.SHEET_BY_NAME.get(target) if target else schema.match_sheet(title)
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
