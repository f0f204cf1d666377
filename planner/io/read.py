"""Read a project from an .xlsx workbook or a folder of CSV files into a RawProject.

The raw project keeps every cell as the user typed it (text, number, date, bool) so that the
validator can report faults by sheet, row and column and the app can show and save them
unchanged. Only the header is interpreted here: sheet and column synonyms, a header row below
title rows, and a user's column mapping.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
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
from planner.io.marks import record_sheet_key
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
    # workbook sheets not read (not recognised, or a second sheet of one table), as named
    unused_sheets: list[str] = field(default_factory=list)
    # project sheets the source did not have (the app adds them blank for the user to fill)
    absent: set[str] = field(default_factory=set)
    # sheet -> column -> the units its header states ("Đơn giá (VND)" -> ("vnd",))
    header_units: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # the plan of record's sheets (planner.io.marks.RECORD_SHEETS key -> its rows under its
    # header, as read): kept apart from the inputs, written back as they were
    records: dict[str, pd.DataFrame] = field(default_factory=dict)

    def frame(self, sheet: str) -> pd.DataFrame | None:
        return self.sheets.get(sheet)


@dataclass
class ColumnMapping:
    """A user's answer for headers the reader cannot recognise.

    JSON form: {"sheets": {"Source sheet": "Components"},
                "columns": {"Components": {"Their header": "component_id"}}}
    A sheet or a column mapped to null is not read.
    """

    sheets: dict[str, str | None] = field(default_factory=dict)
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
            if target is not None and target not in schema.SHEET_BY_NAME:
                raise ValueError(
                    f"sheet '{source}' is mapped to '{target}', which is not a project sheet "
                    f"(one of {', '.join(schema.SHEET_BY_NAME)})"
                )
        out: dict[str, dict[str, str | None]] = {}
        for sheet_name, cols in columns.items():
            sheet = schema.SHEET_BY_NAME.get(sheets.get(sheet_name) or sheet_name)
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
        names = _row_fields(sheet, row, mapping)
        required = sum(1 for c in sheet.columns if c.required and c.name in names)
        score = len(names) + required
        if score > best_score:
            best, best_score = i, score
    return best


def _row_fields(sheet: schema.Sheet, row: tuple, mapping: dict[str, str | None]) -> set[str]:
    """The sheet's columns a row names, as headers."""
    names = set()
    for cell in row:
        if not isinstance(cell, str) or not cell.strip():
            continue
        key = unicodedata.normalize("NFC", cell).strip()
        if key in mapping:
            mapped = mapping[key]  # None: the user's mapping ignores this header
            if mapped:
                names.add(mapped)
            continue
        col = schema.match_column(sheet, cell)
        if col:
            names.add(col.name)
    return names


def content_fit(sheet: schema.Sheet, grid: Grid) -> tuple[bool, int, int]:
    """How well a grid's header row fits a sheet: (every required column found, required
    columns found, columns found)."""
    header_i = _find_header(sheet, grid, {})
    if header_i is None:
        return (False, 0, 0)
    names = _row_fields(sheet, grid[header_i], {})
    required = [c.name for c in sheet.columns if c.required]
    found = sum(1 for c in required if c in names)
    return (found == len(required), found, len(names))


def _header_notes(
    sheet: schema.Sheet, title: str, row: int, text: str, found: schema.HeaderMatch | None
) -> Problem | None:
    """What to tell about one header: read only loosely, or not used (and what it resembles)."""
    if found is not None:
        if not found.loose:
            return None
        return Problem(
            WARNING,
            sheet.name,
            row,
            found.column.name,
            t(
                "Column '{h}' of sheet '{s}' is read as {c}, because its words include "
                "'{w}'. If it holds something else, match the columns (File > Open) or rename "
                "the header.",
                "Cột '{h}' của sheet '{s}' được đọc là cột {c_vi}, vì tiêu đề có chữ '{w}'. Nếu "
                "cột chứa nội dung khác, hãy ghép cột (Tệp > Mở) hoặc đổi tên tiêu đề.",
                h=text,
                s=title,
                c=found.column.name,
                c_vi=schema.column_in_vietnamese(found.column),
                w=found.spelling,
            ),
            "loose_column",
        )
    unused = schema.unused_header(text)
    near = schema.nearest_columns(sheet, text)
    if near:
        fields = [sheet.column(n) for n in near[:2]]
        return Problem(
            WARNING,
            sheet.name,
            row,
            text,
            t(
                "Column '{h}' of sheet '{s}' is not used: did you mean {c}? Rename the header "
                "or match the columns, or its values are not read.",
                "Cột '{h}' của sheet '{s}' không được dùng: có phải là cột {c_vi}? Hãy đổi tên "
                "tiêu đề hoặc ghép cột, nếu không các giá trị của cột sẽ không được đọc.",
                h=text,
                s=title,
                c=" or ".join(f.name for f in fields),
                c_vi=" hoặc ".join(f"{f.name} ({schema.column_title_vi(f)})" for f in fields),
            ),
            "doubtful_column",
        )
    what_en, what_vi = (f" ({unused[0]})", f" ({unused[1]})") if unused else ("", "")
    return Problem(
        NOTE,
        sheet.name,
        row,
        text,
        t(
            "Column '{h}'{w} of sheet '{s}' is not used by the planner; it is kept as it is.",
            "Cột '{h}'{w_vi} của sheet '{s}' không được dùng để lập kế hoạch; vẫn được giữ nguyên.",
            h=text,
            w=what_en,
            w_vi=what_vi,
            s=title,
        ),
        "unknown_column",
    )


def grid_to_frame(
    sheet: schema.Sheet,
    title: str,
    grid: Grid,
    mapping: dict[str, str | None] | None = None,
    notes: list[Problem] | None = None,
    units: dict[str, tuple[str, ...]] | None = None,
) -> tuple[pd.DataFrame, int, dict[str, str]]:
    """One sheet's cells as a raw frame; returns (frame, Excel header row, headers). `units`
    receives the units each matched header states ("Đơn giá (VND)": ("vnd",))."""
    mapping = mapping or {}
    notes = notes if notes is not None else []
    units = units if units is not None else {}
    header_i = _find_header(sheet, grid, mapping)
    if header_i is None:
        notes.append(_no_header(sheet, title))
        return pd.DataFrame(columns=[]), 1, {}
    columns = _read_header(sheet, title, grid[header_i], header_i + 1, mapping, notes, units)
    extra = columns.extra
    taken = {h for h, _ in extra} | set(columns.headers)
    extra += _headerless(sheet, grid, header_i, taken, notes)
    extra.sort(key=lambda e: e[1])
    positions = columns.positions
    ordered = [c.name for c in sheet.columns if c.name in positions]
    records, index = _body_rows(grid, header_i, [positions[c] for c in ordered], extra)
    frame = pd.DataFrame(
        records, columns=ordered + [h for h, _ in extra], index=index, dtype=object
    )
    frame.index.name = "row"
    # where each column came from, so that facts about source cells can be placed
    frame.attrs["source_columns"] = {**{c: positions[c] for c in ordered}, **dict(extra)}
    return frame, header_i + 1, columns.headers


def _no_header(sheet: schema.Sheet, title: str) -> Problem:
    return Problem(
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


@dataclass
class _HeaderColumns:
    """What a header row says: each read column's position and header as typed, and the
    columns kept but not read (header, position)."""

    positions: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    extra: list[tuple[str, int]] = field(default_factory=list)


def _read_header(
    sheet: schema.Sheet,
    title: str,
    header: tuple,
    row: int,
    mapping: dict[str, str | None],
    notes: list[Problem],
    units: dict[str, tuple[str, ...]],
) -> _HeaderColumns:
    """Match each header cell to a column (the user's mapping first), noting in header order
    each cell read loosely, repeated, ignored or not recognised."""
    out = _HeaderColumns()
    for j, cell in enumerate(header):
        text = "" if cell is None else unicodedata.normalize("NFC", str(cell)).strip()
        if not text:
            continue
        chosen = text in mapping
        found = _mapped_header(sheet, text, mapping) if chosen else schema.match_header(sheet, text)
        if found is None or found.column.name in out.positions:
            out.extra.append((text, j))
            note = _unread_header(sheet, title, row, text, found, chosen, out.headers)
            if note is not None:
                notes.append(note)
            continue
        if not chosen:
            note = _header_notes(sheet, title, row, text, found)
            if note is not None:
                notes.append(note)
        out.positions[found.column.name] = j
        out.headers[found.column.name] = text
        if found.units:
            units[found.column.name] = found.units
    return out


def _mapped_header(
    sheet: schema.Sheet, text: str, mapping: dict[str, str | None]
) -> schema.HeaderMatch | None:
    """The column the user's mapping names for a header (None: not read)."""
    target = mapping[text]
    # a remembered answer may name a column the schema no longer has: ignored then
    if target in sheet.column_names:
        return schema.HeaderMatch(sheet.column(target), units=_units(text))
    return None


def _unread_header(
    sheet: schema.Sheet,
    title: str,
    row: int,
    text: str,
    found: schema.HeaderMatch | None,
    chosen: bool,
    headers: dict[str, str],
) -> Problem | None:
    """Why a header cell's column is kept but not read: it repeats a column already read,
    the user chose not to read it, or it is not recognised."""
    if found is not None:
        why = t(
            "Column '{h}' of sheet '{s}' repeats column {c} ('{first}'); only the first "
            "one is read.",
            "Cột '{h}' của sheet '{s}' trùng cột {c_vi} ('{first}'); chỉ đọc cột đầu tiên.",
            h=text,
            s=title,
            c=found.column.name,
            c_vi=schema.column_in_vietnamese(found.column),
            first=headers[found.column.name],
        )
        return Problem(WARNING, sheet.name, row, text, why, "repeated_column")
    if chosen:
        why = t(
            "Column '{h}' of sheet '{s}' is not used, as chosen when the columns were matched.",
            "Cột '{h}' của sheet '{s}' không được dùng, theo lựa chọn khi ghép cột.",
            h=text,
            s=title,
        )
        return Problem(NOTE, sheet.name, row, text, why, "ignored_column")
    return _header_notes(sheet, title, row, text, None)


def _body_rows(
    grid: Grid, header_i: int, read: list[int], extra: list[tuple[str, int]]
) -> tuple[list[list[object]], list[int]]:
    """The rows under the header, read columns then kept ones (text in NFC), each with its
    Excel row number; rows with nothing in those columns are skipped."""
    records, index = [], []
    for i in range(header_i + 1, len(grid)):
        row = grid[i]
        if not row:
            continue
        values = [row[j] if j < len(row) else None for j in read]
        values += [row[j] if j < len(row) else None for _, j in extra]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        records.append([_nfc(v) for v in values])
        index.append(i + 1)
    return records, index


def _units(text: str) -> tuple[str, ...]:
    return schema.header_words(text).units


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


def _recognise(
    named_grids: Sequence[tuple[str, Grid]], mapping: ColumnMapping
) -> list[tuple[schema.Sheet | None, str]]:
    """Which project sheet each workbook sheet holds, and how that was known: "mapped" (the
    user said), "name" (its name or a synonym), "loose" (its name has a synonym among other
    words, and its columns agree) or "content" (its name says nothing, but its columns are
    those of a sheet the workbook otherwise lacks); "" for a sheet not used."""
    out: list[tuple[schema.Sheet | None, str]] = []
    for title, _ in named_grids:
        if title in mapping.sheets:
            out.append((schema.SHEET_BY_NAME.get(mapping.sheets[title] or ""), "mapped"))
        else:
            sheet = schema.match_sheet(title)
            out.append((sheet, "name") if sheet else (None, ""))
    taken = {sheet.name for sheet, _ in out if sheet is not None}
    for k, (title, grid) in enumerate(named_grids):
        if out[k][1] or _hidden(grid):
            continue
        named = schema.match_sheet_name(title)
        if named is not None and named[0].name not in taken and content_fit(named[0], grid)[0]:
            out[k] = (named[0], "loose")
            taken.add(named[0].name)
            continue
        fits = sorted(
            ((content_fit(s, grid), s) for s in schema.SHEETS if s.name not in taken),
            key=lambda f: f[0][1:],
            reverse=True,
        )
        fits = [f for f in fits if f[0][0] and f[0][2] >= 2]
        if fits and (len(fits) == 1 or fits[0][0][1:] > fits[1][0][1:]):
            out[k] = (fits[0][1], "content")
            taken.add(fits[0][1].name)
    return out


def _nearest_sheet(title: str, grid: Grid, taken: set[str]) -> schema.Sheet | None:
    """The project sheet a sheet not used most resembles, by name or by columns."""
    named = schema.match_sheet_name(title)
    if named is not None:
        return named[0]
    best = max(((content_fit(s, grid), s) for s in schema.SHEETS), key=lambda f: f[0][1:])
    (_, required, found), sheet = best
    return sheet if required and found >= 2 and sheet.name not in taken else None


def _assemble(
    named_grids: Sequence[tuple[str, Grid]], mapping: ColumnMapping | None, path: Path
) -> RawProject:
    mapping = mapping or ColumnMapping()
    raw = RawProject(path=path)
    named_grids = _take_records(named_grids, raw)
    recognised = _recognise(named_grids, mapping)
    matched = [sheet for sheet, _ in recognised]
    chosen: dict[str, int] = {}  # a visible sheet wins over a hidden one of the same table
    for k, ((_, grid), sheet) in enumerate(zip(named_grids, matched, strict=True)):
        if sheet is not None and (
            sheet.name not in chosen
            or (_hidden(named_grids[chosen[sheet.name]][1]) and not _hidden(grid))
        ):
            chosen[sheet.name] = k
    for k, ((title, grid), (sheet, how)) in enumerate(zip(named_grids, recognised, strict=True)):
        if sheet is None:
            raw.unused_sheets.append(title)
            near = None if how == "mapped" else _nearest_sheet(title, grid, set(chosen))
            raw.notes.append(_unused_sheet(title, near, how == "mapped"))
            continue
        if chosen[sheet.name] != k:
            raw.unused_sheets.append(title)
            raw.notes.append(_second_sheet(title, grid, sheet, named_grids[chosen[sheet.name]]))
            continue
        if how in ("loose", "content"):
            raw.notes.append(_guessed_sheet(title, sheet, how))
        col_map = mapping.columns.get(sheet.name) or mapping.columns.get(title) or {}
        units: dict[str, tuple[str, ...]] = {}
        frame, header_row, headers = grid_to_frame(sheet, title, grid, col_map, raw.notes, units)
        raw.sheets[sheet.name] = frame
        raw.header_rows[sheet.name] = header_row
        raw.source_names[sheet.name] = title
        raw.original_headers[sheet.name] = headers
        raw.header_units[sheet.name] = units
        if isinstance(grid, Cells):
            _cell_facts(raw, sheet.name, grid, frame)
    raw.absent = {s.name for s in schema.SHEETS if s.name not in raw.sheets}
    return raw


def _take_records(
    named_grids: Sequence[tuple[str, Grid]], raw: RawProject
) -> list[tuple[str, Grid]]:
    """The plan of record's sheets go to raw.records (the first of each), the rest on."""
    rest = []
    for title, grid in named_grids:
        key = record_sheet_key(title)
        if key is None or key in raw.records:
            rest.append((title, grid))
            continue
        rows = [tuple(r) for r in grid if any(not _blank(v) for v in r)]
        header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else ())]
        body = [tuple(r[: len(header)]) + (None,) * (len(header) - len(r)) for r in rows[1:]]
        raw.records[key] = pd.DataFrame(body, columns=header, dtype=object)
    return rest


def _unused_sheet(title: str, near: schema.Sheet | None, chosen: bool) -> Problem:
    if chosen:
        return Problem(
            NOTE,
            title,
            None,
            None,
            t(
                "Sheet '{s}' is not used, as chosen when the columns were matched.",
                "Sheet '{s}' không được dùng, theo lựa chọn khi ghép cột.",
                s=title,
            ),
            "unknown_sheet",
        )
    if near is not None:
        return Problem(
            WARNING,
            title,
            None,
            None,
            t(
                "Sheet '{s}' is not used: did you mean {n} ({vi})? Rename the sheet or match "
                "it when opening the file, or its rows are not read.",
                "Sheet '{s}' không được dùng: có phải là sheet {n} ({vi})? Hãy đổi tên sheet "
                "hoặc ghép sheet khi mở tệp, nếu không các dòng của sheet sẽ không được đọc.",
                s=title,
                n=near.name,
                vi=near.title_vi,
            ),
            "doubtful_sheet",
        )
    return Problem(
        NOTE,
        title,
        None,
        None,
        t(
            "Sheet '{s}' is not one the planner uses; it was not read.",
            "Sheet '{s}' không phải sheet dùng để lập kế hoạch; không được đọc.",
            s=title,
        ),
        "unknown_sheet",
    )


def _guessed_sheet(title: str, sheet: schema.Sheet, how: str) -> Problem:
    why_en, why_vi = (
        (
            "its name contains that word and its columns are those",
            "tên sheet có chữ đó và các cột khớp",
        )
        if how == "loose"
        else ("its columns are those of that sheet", "các cột của sheet khớp")
    )
    return Problem(
        WARNING,
        sheet.name,
        None,
        None,
        t(
            "Sheet '{s}' is read as the {n} sheet ({vi}): {why}. If it holds something else, "
            "rename it or match the sheets when opening the file.",
            "Sheet '{s}' được đọc là sheet {n} ({vi}): {why_vi}. Nếu sheet chứa nội dung khác, "
            "hãy đổi tên hoặc ghép sheet khi mở tệp.",
            s=title,
            n=sheet.name,
            vi=sheet.title_vi,
            why=why_en,
            why_vi=why_vi,
        ),
        "guessed_sheet",
    )


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
    named_grids: Sequence[tuple[str, Grid]], mapping: ColumnMapping | None, path: Path | str
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
