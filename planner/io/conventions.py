"""Which decimal mark a project's numbers typed as text use, column by column.

A Vietnamese Excel (or a semicolon CSV) writes 0,125 for an eighth and 1.234,5 for a thousand
and more; an English one 0.125 and 1,234.5. Most text numbers show their mark beyond doubt; a
few ('1,025', '3,400', '19.000') read two ways. Those take the mark their column shows, else
their sheet's, else the CSV's (';' between fields means a decimal comma), else the workbook's,
else the decimal point; the validator warns about each of them, naming the cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner import schema
from planner.io.parse import DECIMAL_COMMA, DECIMAL_DOT, number_style
from planner.text import Text, t

if TYPE_CHECKING:
    from planner.io.read import RawProject

NUMERIC = (schema.NUMBER, schema.SHARE, schema.INTEGER)


@dataclass(frozen=True)
class Convention:
    mark: str  # the decimal mark: "," or "."
    why: Text  # what showed it, for the warning about an ambiguous cell


def _votes(cells: Iterable[object]) -> Counter:
    return Counter(s for s in map(number_style, cells) if s is not None)


def _winner(votes: Counter) -> str | None:
    if not votes or votes[DECIMAL_COMMA] == votes[DECIMAL_DOT]:
        return None
    return DECIMAL_COMMA if votes[DECIMAL_COMMA] > votes[DECIMAL_DOT] else DECIMAL_DOT


def decimal_conventions(
    raw: RawProject,
) -> tuple[dict[tuple[str, str], Convention], dict[str, Convention]]:
    """({(sheet, column): convention} for numeric columns, {sheet: convention} for the rest,
    e.g. the Settings values)."""
    columns: dict[tuple[str, str], Counter] = {}
    sheets: dict[str, Counter] = {}
    for name, frame in raw.sheets.items():
        spec = schema.SHEET_BY_NAME.get(name)
        if spec is None or frame is None:
            continue
        total: Counter = Counter()
        numeric = [c for c in spec.columns if c.kind in NUMERIC and c.name in frame.columns]
        if name == "Settings" and "value" in frame.columns:
            total += _votes(frame["value"])
        for col in numeric:
            columns[(name, col.name)] = _votes(frame[col.name])
            total += columns[(name, col.name)]
        sheets[name] = total
    project = _winner(sum(sheets.values(), Counter()))

    def for_sheet(name: str) -> Convention:
        mark = _winner(sheets.get(name, Counter()))
        if mark:
            return Convention(
                mark, t("as other numbers in this sheet show", "giống các số khác trong sheet này")
            )
        if raw.delimiters.get(name) == ";":
            return Convention(
                DECIMAL_COMMA,
                t(
                    "the file separates its fields with ';', as Excel does where the comma is the "
                    "decimal mark",
                    "tệp ngăn cách các trường bằng ';', như Excel làm khi dấu phẩy là dấu thập phân",
                ),
            )
        if project:
            return Convention(
                project,
                t("as other numbers in this project show", "giống các số khác trong dự án này"),
            )
        return Convention(
            DECIMAL_DOT,
            t(
                "no other number in the project shows which decimal mark it uses",
                "không số nào khác trong dự án cho biết dấu thập phân",
            ),
        )

    by_sheet = {name: for_sheet(name) for name in sheets}
    by_column: dict[tuple[str, str], Convention] = {}
    for (name, column), votes in columns.items():
        mark = _winner(votes)
        by_column[(name, column)] = (
            Convention(
                mark,
                t(
                    "as other numbers in column {c} show",
                    "giống các số khác trong cột {c}",
                    c=column,
                ),
            )
            if mark
            else by_sheet[name]
        )
    return by_column, by_sheet


def show(number: float, lang: str) -> str:
    text = f"{number:.15g}"
    return text.replace(".", ",") if lang == "vi" else text


def ambiguity(typed: str, read: float, other: float, convention: Convention) -> Text:
    """The warning for a text number that reads two ways."""
    mark_en = "decimal comma" if convention.mark == DECIMAL_COMMA else "decimal point"
    mark_vi = "dấu phẩy thập phân" if convention.mark == DECIMAL_COMMA else "dấu chấm thập phân"
    return t(
        "'{v}' can be read as {a} or as {b}; it was read as {a} (a {m}, {why}). If {b} was "
        "meant, type it so.",
        "'{v}' có thể hiểu là {a_vi} hoặc {b_vi}; đã hiểu là {a_vi} ({m_vi}, {why_vi}). Nếu ý "
        "là {b_vi}, hãy gõ lại cho rõ.",
        v=typed,
        a=show(read, "en"),
        b=show(other, "en"),
        a_vi=show(read, "vi"),
        b_vi=show(other, "vi"),
        m=mark_en,
        m_vi=mark_vi,
        why=convention.why.en,
        why_vi=convention.why.vi,
    )
