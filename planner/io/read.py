"""Read a project from an .xlsx workbook or a folder of CSV files into a RawProject.

The raw project keeps every cell as the user typed it (text, number, date, bool) so that the
validator can report faults by sheet, row and column and the app can show and save them
unchanged. Only the header is interpreted here: sheet and column synonyms, a header row below
title rows, and a user's column mapping.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planner import schema
from planner.io.guard import RefusedFile, precheck_xlsx, run_isolated
from planner.problems import NOTE, WARNING, Problem
from planner.text import t

MAX_ROWS = 200_000  # far above any real bill of materials; keeps hostile sheets bounded
MAX_COLS = 512
MAX_CSV_BYTES = 100 * 1024 * 1024
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
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("a mapping file holds a JSON object")
        return cls(sheets=dict(data.get("sheets", {})), columns=dict(data.get("columns", {})))

    def to_json(self) -> str:
        return json.dumps(
            {"sheets": self.sheets, "columns": self.columns}, ensure_ascii=False, indent=2
        )


Grid = list[tuple[object, ...]]


# Loading cells ---------------------------------------------------------------------------


def load_xlsx_cells(path: str) -> list[tuple[str, Grid]]:
    """Every sheet's cells, as values (cached results of formulas). Runs in the sandbox."""
    import openpyxl  # imported here: the child process needs it, the parent may not

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        out = []
        for ws in workbook.worksheets:
            ws.reset_dimensions()  # a hostile <dimension> must not size the grid
            grid: Grid = []
            rows = 0
            for row in ws.iter_rows(values_only=True):
                if len(row) > MAX_COLS and any(v is not None for v in row[MAX_COLS:]):
                    raise RefusedFile(
                        "too_wide",
                        f"Sheet '{ws.title}' has data beyond column {MAX_COLS}; "
                        "no project sheet is that wide.",
                        f"Sheet '{ws.title}' có dữ liệu vượt quá cột {MAX_COLS}; "
                        "không sheet dự án nào rộng như vậy.",
                    )
                row = row[:MAX_COLS]
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                    grid.append(())  # kept so that row numbers stay those Excel shows
                    continue
                rows += 1
                grid.append(tuple(row))
                if rows > MAX_ROWS:
                    raise RefusedFile(
                        "too_long",
                        f"Sheet '{ws.title}' has more than {MAX_ROWS:,} rows; "
                        "that is far beyond a real project.",
                        f"Sheet '{ws.title}' có hơn {MAX_ROWS:,} dòng, vượt xa một dự án thực.",
                    )
            while grid and grid[-1] == ():
                grid.pop()
            out.append((ws.title, grid))
        return out
    finally:
        workbook.close()


def _decode(data: bytes, encoding: str | None) -> str:
    if encoding:
        return data.decode(encoding)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258")  # Vietnamese Windows code page


def load_csv_cells(path: Path, encoding: str | None = None) -> Grid:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise RefusedFile(
            "too_large",
            f"{path.name} is {size / 1e6:.0f} MB; a project CSV is far smaller.",
            f"{path.name} nặng {size / 1e6:.0f} MB; tệp CSV dự án nhỏ hơn nhiều.",
        )
    text = unicodedata.normalize("NFC", _decode(path.read_bytes(), encoding))
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    grid: Grid = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if len(row) > MAX_COLS and any(v.strip() for v in row[MAX_COLS:]):
            raise RefusedFile(
                "too_wide",
                f"{path.name} has more than {MAX_COLS} columns.",
                f"{path.name} có hơn {MAX_COLS} cột.",
            )
        grid.append(tuple(row[:MAX_COLS]) if any(v.strip() for v in row) else ())
        if len(grid) > MAX_ROWS:
            raise RefusedFile(
                "too_long",
                f"{path.name} has more than {MAX_ROWS:,} rows.",
                f"{path.name} có hơn {MAX_ROWS:,} dòng.",
            )
    return grid


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
            col = sheet.column(target) if target else None
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
    return frame, header_i + 1, headers


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _assemble(
    named_grids: list[tuple[str, Grid]], mapping: ColumnMapping | None, path: Path
) -> RawProject:
    mapping = mapping or ColumnMapping()
    raw = RawProject(path=path)
    for title, grid in named_grids:
        target = mapping.sheets.get(title)
        sheet = schema.SHEET_BY_NAME.get(target) if target else schema.match_sheet(title)
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
        if sheet.name in raw.sheets:
            raw.notes.append(
                Problem(
                    WARNING,
                    title,
                    None,
                    None,
                    t(
                        "Sheet '{s}' is a second {n} sheet; only '{first}' is read.",
                        "Sheet '{s}' là sheet {n} thứ hai; chỉ đọc '{first}'.",
                        s=title,
                        n=sheet.name,
                        first=raw.source_names[sheet.name],
                    ),
                    "duplicate_sheet",
                )
            )
            continue
        col_map = mapping.columns.get(sheet.name) or mapping.columns.get(title) or {}
        frame, header_row, headers = grid_to_frame(sheet, title, grid, col_map, raw.notes)
        raw.sheets[sheet.name] = frame
        raw.header_rows[sheet.name] = header_row
        raw.source_names[sheet.name] = title
        raw.original_headers[sheet.name] = headers
    return raw


def load_cells(path: Path | str, encoding: str | None = None) -> list[tuple[str, Grid]]:
    """Every sheet's cells (an .xlsx file, a folder of CSV files or one CSV file), safely.

    The app reads cells once, shows them in the column-mapping dialog, then assembles them
    with the user's mapping (`assemble`); raises RefusedFile."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".txt"))
        if not files:
            raise RefusedFile(
                "no_csv", f"No CSV files in {path}.", f"Không có tệp CSV nào trong {path}."
            )
        return [(f.stem, _decoded_csv(f, encoding)) for f in files]
    if not path.exists():
        raise RefusedFile("missing", f"{path} does not exist.", f"{path} không tồn tại.")
    if path.suffix.lower() in (".csv", ".txt"):
        return [(path.stem, _decoded_csv(path, encoding))]
    precheck_xlsx(path)
    return run_isolated(load_xlsx_cells, str(path), timeout_s=60.0, memory_mb=3072)


def _decoded_csv(file: Path, encoding: str | None) -> Grid:
    try:
        return load_csv_cells(file, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise RefusedFile(
            "encoding",
            f"{file.name}: cannot decode the text ({exc}).",
            f"{file.name}: không giải mã được văn bản ({exc}).",
        ) from None


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
