"""Excel 97-2003 (.xls) and OpenDocument (.ods) workbooks, read with calamine.

Runs in the sandboxed child (planner.io.guard.run_isolated) like the .xlsx reader, with the
same limits. Cells come out as the .xlsx reader gives them, so that the same data plans the same
from any of the three: blank is None, a whole number is an int, a date is a datetime.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.io.cells import MAX_COLS, MAX_ROWS, Cells, refuse_long, refuse_wide
from planner.io.files import RefusedFile, open_regular

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
    for row in sheet.iter_rows():
        values = [_value(v) for v in row]
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
        try:
            book = CalamineWorkbook.from_filelike(handle)
            hidden = {m.name: m.visible != SheetVisibleEnum.Visible for m in book.sheets_metadata}
            return [
                (title, _sheet_cells(book.get_sheet_by_name(title), hidden.get(title, False)))
                for title in book.sheet_names
            ]
        except RefusedFile:
            raise
        except Exception as exc:  # calamine's errors are facts about the file
            why = f"{exc}"[:300]
            if any(w in why.lower() for w in ("password", "encrypt", "protected")):
                raise RefusedFile(
                    "encrypted",
                    f"{name} is password-protected: save it without a password and open it again.",
                    f"{name} có mật khẩu: hãy lưu lại không đặt mật khẩu rồi mở lại.",
                ) from None
            raise RefusedFile(
                "damaged",
                f"{name} is damaged: it is not a readable {FORMAT_NAMES[kind]} workbook "
                f"({why}). Open it in Excel or LibreOffice, which may repair it, and save it "
                "again.",
                f"{name} bị hỏng: không đọc được dạng {FORMAT_NAMES[kind]} ({why}). Hãy mở "
                "bằng Excel hoặc LibreOffice (có thể sửa được) rồi lưu lại.",
            ) from None
