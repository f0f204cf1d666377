"""Problems found in a project: what, where (sheet, Excel row, column) and how bad."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner.text import Text, visible_controls


class Severity(StrEnum):
    """How bad a problem is: an error stops planning, a warning is shown, a note is kept for
    `locplan check --notes` (a StrEnum: it prints and compares as its word)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE
_SEVERITY_VI = {ERROR: "lỗi", WARNING: "cảnh báo", NOTE: "ghi chú"}


@dataclass(frozen=True)
class Problem:
    severity: Severity
    sheet: str | None
    row: int | None  # the row number Excel shows (1-based), None for the whole sheet
    column: str | None  # canonical column name, None for the whole row
    message: Text
    code: str = ""
    # the user's own names for the sheet and column, as the workbook has them ("Báo giá",
    # "Đơn giá (USD)"): what `locplan check` shows; the app shows its own labels
    sheet_title: str | None = None
    column_title: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self, lang: str = "en") -> str:
        parts = []
        if self.sheet:
            parts.append(self.sheet_title or self.sheet)
        if self.row is not None:
            parts.append(("dòng " if lang == "vi" else "row ") + str(self.row))
        if self.column:
            parts.append(
                ("cột " if lang == "vi" else "column ") + (self.column_title or self.column)
            )
        return ", ".join(parts)

    def format(self, lang: str = "en") -> str:
        severity = _SEVERITY_VI[self.severity] if lang == "vi" else self.severity
        where = self.where(lang)
        line = (
            f"{severity}: {where}: {self.message.get(lang)}"
            if where
            else (f"{severity}: {self.message.get(lang)}")
        )
        return visible_controls(line)  # an ESC in a name never reaches the terminal raw


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
