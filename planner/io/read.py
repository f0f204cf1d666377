"""Read a project from an .xlsx workbook or a folder of CSV files into a RawProject.

The raw project keeps every cell as the user typed it (text, number, date, bool) so that the
validator can report faults by sheet, row and column and the app can show and save them
unchanged. Only the header is interpreted here: sheet and column synonyms, a header row below
title rows, and a user's column mapping.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from planner import schema
from planner.io.files import RefusedFile
from planner.io.load import (
    MAX_COLS,
    MAX_CSV_BYTES,
    MAX_ROWS,
    Cells,
    Grid,
    load_cells,
    load_csv_cells,
    load_xlsx_cells,
)
from planner.problems import NOTE, WARNING, Problem
from planner.text import t

__all__ = [
    "MAX_COLS",
    "MAX_CSV_BYTES",
    "MAX_ROWS",
    "Cells",
    "ColumnMapping",
    "Grid",
    "RawProject",
    "RefusedFile",
    "assemble",
    "grid_to_frame",
    "language_of",
    "load_cells",
    "load_csv_cells",
    "load_xlsx_cells",
    "read_project",
]

HEADER_SEARCH_ROWS = 30


@dataclass
class RawProject:
    """Cells as typed, per canonical sheet.

    Each frame has the canonical columns the source had (in schema order) followed by any
    unknown columns under their own header; values are objects as read; the index is the row
    number Excel (or a text editor, for CSV) shows.
    """

    sheets: dict[str, pd.DataFrame] = field(default_factory=dict)
    header_rows: dict[str, int] = field(default_factory=dict)
    source_names: dict[str, str] = field(default_factory=dict)
    original_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)
    path: Path | None = None
    # sheet -> {(Excel row, column): stored result} of cells that hold a formula
    formulas: dict[str, dict[tuple[int, str], object]] = field(default_factory=dict)
    # sheet -> the CSV file's delimiter (';' is what a decimal-comma Excel writes)
    delimiters: dict[str, str] = field(default_factory=dict)

    def frame(self, sheet: str) -> pd.DataFrame | None:
        return self.sheets.get(sheet)


@dataclass
class ColumnMapping:
    """A user's answer for headers the reader cannot recognise.

    JSON form: {"sheets": {"Source sheet": "Components"},
                "columns": {"Components": {"Their header": "component_id"}}}
    A column mapped to null is ignored.
    """

    sheets: dict[str, str] = field(default_factory=dict)
    columns: dict[str, dict[str, str | None]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> ColumnMapping:
        """Read and check a mapping file; raises ValueError with a sentence."""
        from planner.io.files import read_regular

        data = json.loads(read_regular(Path(path), 1024 * 1024).decode("utf-8"))
        return cls.from_data(data)

    @classmethod
    def from_data(cls, data: object) -> ColumnMapping:
        """A mapping from its JSON form, checked: unknown sheets or columns are named."""
        if not isinstance(data, dict):
            raise ValueError("a mapping file holds a JSON object with 'sheets' and 'columns'")
        sheets, columns = data.get("sheets") or {}, data.get("columns") or {}
        if not isinstance(sheets, dict) or not isinstance(columns, dict):
            raise ValueError("'sheets' and 'columns' must each be a JSON object")
        for source, target in sheets.items():
            if target not in schema.SHEET_BY_NAME:
                raise ValueError(
                    f"sheet '{source}' is mapped to '{target}', which is not a project sheet "
                    f"(one of {', '.join(schema.SHEET_BY_NAME)})"
                )
        out: dict[str, dict[str, str | None]] = {}
        for sheet_name, cols in columns.items():
            sheet = schema.SHEET_BY_NAME.get(sheets.get(sheet_name, sheet_name))
            if sheet is None:
                raise ValueError(f"'{sheet_name}' in 'columns' is not a project sheet")
            if not isinstance(cols, dict):
                raise ValueError(
                    f"the columns of '{sheet_name}' must be a JSON object "
                    '{"their header": "column name"}'
                )
            for header, target in cols.items():
                if target is not None and target not in sheet.column_names:
                    raise ValueError(
                        f"'{header}' in '{sheet_name}' is mapped to '{target}', which is not a "
                        f"column of {sheet.name} (one of {', '.join(sheet.column_names)})"
                    )
            out[sheet_name] = dict(cols)
        return cls(sheets=dict(sheets), columns=out)

    def to_json(self) -> str:
        return json.dumps(
            {"sheets": self.sheets, "columns": self.columns}, ensure_ascii=False, indent=2
        )


# From cells to a raw project -------------------------------------------------------------


def _find_header(sheet: schema.Sheet, grid: Grid, mapping: dict[str, str | None]) -> int | None:
    """Index of the header row: the first rows' best match to the sheet's columns."""
    best, best_score = None, 0
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        names = set()
        for cell in row:
            if cell is None:
                continue
            key = str(cell).strip()
            if key in mapping:
                if mapping[key]:
                    names.add(mapping[key])
                continue
            col = schema.match_column(sheet, cell)
            if col:
                names.add(col.name)
        required = sum(1 for c in sheet.columns if c.required and c.name in names)
        score = len(names) + required
        if score > best_score:
            best, best_score = i, score
    return best


def grid_to_frame(
    sheet: schema.Sheet,
    title: str,
    grid: Grid,
    mapping: dict[str, str | None] | None = None,
    notes: list[Problem] | None = None,
) -> tuple[pd.DataFrame, int, dict[str, str]]:
    """One sheet's cells as a raw frame; returns (frame, Excel header row, headers)."""
    mapping = mapping or {}
    notes = notes if notes is not None else []
    header_i = _find_header(sheet, grid, mapping)
    if header_i is None:
        notes.append(
            Problem(
                WARNING,
                sheet.name,
                None,
                None,
                t(
                    "No header row found in sheet '{s}': none of its first rows names a column we know.",
                    "Không tìm thấy dòng tiêu đề trong sheet '{s}'.",
                    s=title,
                ),
                "no_header",
            )
        )
        return pd.DataFrame(columns=[]), 1, {}
    header = grid[header_i]
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    extra: list[tuple[str, int]] = []
    for j, cell in enumerate(header):
        text = "" if cell is None else unicodedata.normalize("NFC", str(cell)).strip()
        if not text:
            continue
        if text in mapping:
            target = mapping[text]
            # a remembered answer may name a column the schema no longer has: ignored then
            col = sheet.column(target) if target in sheet.column_names else None
        else:
            col = schema.match_column(sheet, text)
        if col is None or col.name in positions:
            extra.append((text, j))
            why = t(
                "Column '{h}' is not one we use; it is kept but ignored.",
                "Cột '{h}' không được dùng; vẫn giữ nhưng bỏ qua.",
                h=text,
            )
            if col is not None:
                why = t(
                    "Column '{h}' repeats column {c}; the first one is used.",
                    "Cột '{h}' trùng cột {c}; dùng cột đầu tiên.",
                    h=text,
                    c=col.name,
                )
            notes.append(Problem(NOTE, sheet.name, header_i + 1, text, why, "unknown_column"))
            continue
        positions[col.name] = j
        headers[col.name] = text
    extra += _headerless(sheet, grid, header_i, {h for h, _ in extra} | set(headers), notes)
    extra.sort(key=lambda e: e[1])
    ordered = [c.name for c in sheet.columns if c.name in positions]
    records, index = [], []
    for i in range(header_i + 1, len(grid)):
        row = grid[i]
        if not row:
            continue
        values = [row[positions[c]] if positions[c] < len(row) else None for c in ordered]
        values += [row[j] if j < len(row) else None for _, j in extra]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        records.append([_nfc(v) for v in values])
        index.append(i + 1)
    frame = pd.DataFrame(
        records, columns=ordered + [h for h, _ in extra], index=index, dtype=object
    )
    frame.index.name = "row"
    # where each column came from, so that facts about source cells can be placed
    frame.attrs["source_columns"] = {**{c: positions[c] for c in ordered}, **dict(extra)}
    return frame, header_i + 1, headers


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _headerless(
    sheet: schema.Sheet, grid: Grid, header_i: int, taken: set[str], notes: list[Problem]
) -> list[tuple[str, int]]:
    """Columns with values under a blank header cell (or under the second cell of a merged
    header): kept, under a name such as 'Column H', and reported, never dropped silently."""
    header = grid[header_i]
    found: set[int] = set()
    for row in grid[header_i + 1 :]:
        for j, value in enumerate(row):
            if j not in found and not _blank(value) and (j >= len(header) or _blank(header[j])):
                found.add(j)
    merged = grid.merged if isinstance(grid, Cells) else []
    out = []
    for j in sorted(found):
        letter = get_column_letter(j + 1)
        name = f"Column {letter}"
        while name in taken:
            name += "'"
        taken.add(name)
        over = next(
            (m for m in merged if m[0] <= header_i + 1 <= m[2] and m[1] < j + 1 <= m[3]), None
        )
        if over is not None:
            first = get_column_letter(over[1])
            span = f"{first}:{get_column_letter(over[3])}"
            why = t(
                "Column {L} has values but no header of its own: the header '{h}' in column {F} "
                "is merged across {span}. They are kept as '{n}' but not used: unmerge the header "
                "and name the column.",
                "Cột {L} có giá trị nhưng không có tiêu đề riêng: tiêu đề '{h}' ở cột {F} được gộp "
                "qua {span}. Các giá trị được giữ dưới tên '{n}' nhưng không dùng: hãy bỏ gộp ô "
                "và đặt tên cho cột.",
                L=letter,
                h=str(header[over[1] - 1] if over[1] - 1 < len(header) else ""),
                F=first,
                span=span,
                n=name,
            )
        else:
            why = t(
                "Column {L} has values but no header; they are kept as '{n}' but not used. Give "
                "the column a header.",
                "Cột {L} có giá trị nhưng không có tiêu đề; các giá trị được giữ dưới tên '{n}' "
                "nhưng không dùng. Hãy đặt tiêu đề cho cột.",
                L=letter,
                n=name,
            )
        notes.append(Problem(WARNING, sheet.name, header_i + 1, name, why, "blank_header"))
        out.append((name, j))
    return out


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _assemble(
    named_grids: list[tuple[str, Grid]], mapping: ColumnMapping | None, path: Path
) -> RawProject:
    mapping = mapping or ColumnMapping()
    raw = RawProject(path=path)
    matched = []
    for title, _ in named_grids:
        target = mapping.sheets.get(title)
        matched.append(schema.SHEET_BY_NAME.get(target) if target else schema.match_sheet(title))
    chosen: dict[str, int] = {}  # a visible sheet wins over a hidden one of the same table
    for k, ((_, grid), sheet) in enumerate(zip(named_grids, matched, strict=True)):
        if sheet is not None and (
            sheet.name not in chosen
            or (_hidden(named_grids[chosen[sheet.name]][1]) and not _hidden(grid))
        ):
            chosen[sheet.name] = k
    for k, ((title, grid), sheet) in enumerate(zip(named_grids, matched, strict=True)):
        if sheet is None:
            raw.notes.append(
                Problem(
                    NOTE,
                    title,
                    None,
                    None,
                    t(
                        "Sheet '{s}' is not one we use; it was ignored.",
                        "Sheet '{s}' không được dùng; đã bỏ qua.",
                        s=title,
                    ),
                    "unknown_sheet",
                )
            )
            continue
        if chosen[sheet.name] != k:
            raw.notes.append(_second_sheet(title, grid, sheet, named_grids[chosen[sheet.name]]))
            continue
        col_map = mapping.columns.get(sheet.name) or mapping.columns.get(title) or {}
        frame, header_row, headers = grid_to_frame(sheet, title, grid, col_map, raw.notes)
        raw.sheets[sheet.name] = frame
        raw.header_rows[sheet.name] = header_row
        raw.source_names[sheet.name] = title
        raw.original_headers[sheet.name] = headers
        if isinstance(grid, Cells):
            _cell_facts(raw, sheet.name, grid, frame)
    return raw


def _hidden(grid: Grid) -> bool:
    return isinstance(grid, Cells) and grid.hidden


def _second_sheet(title: str, grid: Grid, sheet: schema.Sheet, first: tuple[str, Grid]) -> Problem:
    hidden_en, hidden_vi = (" (hidden)", " (đang ẩn)") if _hidden(grid) else ("", "")
    first_title, first_grid = first
    if title == first_title:  # Offers.csv beside Offers.txt
        why = t(
            "Two files or sheets are named '{s}'; only the first one is read.",
            "Có hai tệp hoặc sheet cùng tên '{s}'; chỉ đọc cái đầu tiên.",
            s=title,
        )
    elif _hidden(first_grid) or not _hidden(grid):
        why = t(
            "Sheet '{s}'{h} is a second {n} sheet; only '{first}' is read.",
            "Sheet '{s}'{h_vi} là sheet {n} thứ hai; chỉ đọc '{first}'.",
            s=title,
            h=hidden_en,
            h_vi=hidden_vi,
            n=sheet.name,
            first=first_title,
        )
    else:
        why = t(
            "Sheet '{s}' is hidden in Excel and is a second {n} sheet: the visible '{first}' is "
            "read and '{s}' is ignored.",
            "Sheet '{s}' đang ẩn trong Excel và là sheet {n} thứ hai: đọc sheet '{first}' đang "
            "hiện, bỏ qua '{s}'.",
            s=title,
            n=sheet.name,
            first=first_title,
        )
    return Problem(WARNING, title, None, None, why, "duplicate_sheet")


def _cell_facts(raw: RawProject, name: str, grid: Cells, frame: pd.DataFrame) -> None:
    """What the loader saw beside the values, placed by Excel row and column name."""
    for severity, row, text, code in grid.problems:
        raw.notes.append(Problem(severity, name, row, None, text, code))
    if grid.delimiter:
        raw.delimiters[name] = grid.delimiter
    if grid.formulas:
        by_index = {j: c for c, j in frame.attrs.get("source_columns", {}).items()}
        rows = set(frame.index)
        raw.formulas[name] = {
            (i + 1, by_index[j]): value
            for (i, j), value in grid.formulas.items()
            if j in by_index and i + 1 in rows
        }


def assemble(
    named_grids: list[tuple[str, Grid]], mapping: ColumnMapping | None, path: Path | str
) -> RawProject:
    """Cells (from `load_cells`) as a raw project, under the user's column mapping."""
    return _assemble(named_grids, mapping, Path(path))


def read_project(
    path: Path | str, mapping: ColumnMapping | None = None, encoding: str | None = None
) -> RawProject:
    """Read a project from an .xlsx file, a folder of CSV files or one CSV file; raises
    RefusedFile."""
    return _assemble(load_cells(path, encoding), mapping, Path(path))


def language_of(raw: RawProject) -> str:
    """ "vi" when the workbook's own sheet names, or a good share of its headers, are Vietnamese
    (letters beyond ASCII, like "Báo giá" or "Đơn giá"), else "en": the language its documents
    should speak."""

    def vietnamese(names: list[str]) -> int:
        return sum(any(ch.isalpha() and not ch.isascii() for ch in str(n)) for n in names)

    sheets = list(raw.source_names.values())
    if sheets and vietnamese(sheets) * 2 >= len(sheets):
        return "vi"
    headers = [h for hs in raw.original_headers.values() for h in hs.values()]
    return "vi" if headers and vietnamese(headers) * 4 >= len(headers) else "en"
