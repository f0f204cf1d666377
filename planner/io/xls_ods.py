"""Excel 97-2003 (.xls) and OpenDocument (.ods) workbooks, read with calamine.

Runs in the sandboxed child (planner.io.guard.run_isolated) like the .xlsx reader, with the
same limits. Cells come out as the .xlsx reader gives them, so that the same data plans the same
from any of the three: blank is None, a whole number is an int, a date is a datetime.
"""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

from planner.io.biff import BiffFacts, biff_facts
from planner.io.cells import MAX_COLS, MAX_FORMULAS_KEPT, MAX_ROWS, Cells, refuse_long, refuse_wide
from planner.io.files import RefusedFile, encrypted, open_regular

FORMAT_NAMES = {"xls": "Excel 97-2003 (.xls)", "ods": "OpenDocument (.ods)"}


def _value(value: object) -> object:
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # .ods stores 3 as 3.0; .xlsx gives 3
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)  # as openpyxl gives a date
    return value


def _sheet_cells(sheet, hidden: bool) -> Cells:
    grid = Cells(hidden=hidden)
    data_rows = 0
    # calamine pads the rows above the first cell, not the columns before it: they are
    # padded here, so that a column is where Excel shows it (formulas, merges, 'Column C')
    start = sheet.start
    pad = [None] * (start[1] if start else 0)
    if len(pad) > MAX_COLS:
        raise refuse_wide(sheet.name)
    for row in sheet.iter_rows():
        values = pad + [_value(v) for v in row]
        while values and (values[-1] is None or (isinstance(values[-1], str) and not values[-1])):
            values.pop()
        if len(values) > MAX_COLS:
            raise refuse_wide(sheet.name)
        if not values:
            grid.append(())
            continue
        grid.append(tuple(values))
        data_rows += 1
        if data_rows > MAX_ROWS:
            raise refuse_long(sheet.name)
    while grid and grid[-1] == ():
        grid.pop()
    grid.merged = [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in _merged(sheet)]
    return grid


def _merged(sheet) -> list:
    try:
        return list(sheet.merged_cell_ranges or [])
    except Exception:  # not every format reports merged cells
        return []


def load_calamine_cells(path: str, kind: str) -> list[tuple[str, Cells]]:
    """Every sheet's cells of an .xls or .ods workbook. Runs in the sandbox."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum  # only the child needs it

    name = Path(path).name
    with open_regular(path) as handle:
        facts = None
        if kind == "xls":
            facts = _biff_facts(handle.read())
            if facts is not None and facts.encrypted:
                raise encrypted(name, "xls")
            handle.seek(0)
        try:
            book = CalamineWorkbook.from_filelike(handle)
            hidden = {m.name: m.visible != SheetVisibleEnum.Visible for m in book.sheets_metadata}
            out = [
                (title, _sheet_cells(book.get_sheet_by_name(title), hidden.get(title, False)))
                for title in book.sheet_names
            ]
        except RefusedFile:
            raise
        except Exception as exc:  # calamine's errors are facts about the file
            why = f"{exc}"[:300]
            if any(w in why.lower() for w in ("password", "encrypt", "protected")):
                raise encrypted(name, kind) from None
            raise RefusedFile(
                "damaged",
                f"{name} is damaged: it is not a readable {FORMAT_NAMES[kind]} workbook "
                f"({why}). Open it in Excel or LibreOffice, which may repair it, and save it "
                "again.",
                f"{name} bị hỏng: không đọc được dạng {FORMAT_NAMES[kind]} ({why}). Hãy mở "
                "bằng Excel hoặc LibreOffice (có thể sửa được) rồi lưu lại.",
            ) from None
    if facts is not None:
        for title, grid in out:
            _note_formulas(grid, facts.formulas.get(title, []))
    return out


def _biff_facts(data: bytes) -> BiffFacts | None:
    """What the records say beside calamine; None when they cannot be walked (calamine then
    judges the file)."""
    try:
        return biff_facts(data, MAX_FORMULAS_KEPT)
    except (ValueError, IndexError, struct.error, UnicodeDecodeError):
        return None


def _note_formulas(grid: Cells, cells: list[tuple[int, int, bool]]) -> None:
    """The formula cells of an .xls sheet, as the .xlsx reader notes them: a formula without
    a saved result (what writers that never calculate store) has no value."""
    for row, col, has_result in cells:
        grid.formula_count += 1
        value = None  # calamine gives none for a result never saved
        if has_result and row < len(grid) and col < len(grid[row]):
            value = grid[row][col]
        if col < MAX_COLS:
            grid.formulas[(row, col)] = value
