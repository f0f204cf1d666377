"""A sheet's cells as read, and the limits every reader keeps (in rows, columns, characters):
far above any real project, so that a hostile file is refused rather than read for minutes."""

from __future__ import annotations

from planner.io.files import RefusedFile
from planner.problems import Severity
from planner.text import Text

EXCEL_ROWS = 1_048_576
MAX_ROWS = 200_000  # far above any real bill of materials; keeps hostile sheets bounded
MAX_COLS = 512
MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_FIELD_CHARS = 1_000_000  # Excel keeps at most 32,767 characters in a cell
MAX_RECORD_CHARS = 2_000_000
MAX_FORMULAS_KEPT = 20_000
MAX_MERGES_KEPT = 10_000


class Cells(list):
    """A sheet's rows as read: tuples of values, () for a blank row, so that item i is the row
    Excel numbers i + 1 (a CSV's record i + 1). It also carries what the reader saw."""

    def __init__(
        self, rows: object = (), *, hidden: bool = False, delimiter: str | None = None
    ) -> None:
        super().__init__(rows)  # type: ignore[call-overload]
        self.hidden = hidden
        self.delimiter = delimiter
        # (row index, column index) -> the formula's stored result (None: none stored)
        self.formulas: dict[tuple[int, int], object] = {}
        self.formula_count = 0
        self.merged: list[tuple[int, int, int, int]] = []  # min_row, min_col, max_row, max_col
        self.problems: list[
            tuple[Severity, int | None, Text, str]
        ] = []  # severity, row, text, code


Grid = list[tuple[object, ...]]


def refuse_wide(title: str) -> RefusedFile:
    return RefusedFile(
        "too_wide",
        f"Sheet '{title}' has data beyond column {MAX_COLS}; no project sheet is that wide.",
        f"Sheet '{title}' có dữ liệu vượt quá cột {MAX_COLS}; không sheet dự án nào rộng như vậy.",
    )


def refuse_long(title: str) -> RefusedFile:
    return RefusedFile(
        "too_long",
        f"Sheet '{title}' has more than {MAX_ROWS:,} rows; that is far beyond a real project.",
        f"Sheet '{title}' có hơn {MAX_ROWS:,} dòng, vượt xa một dự án thực.",
    )
