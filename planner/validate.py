"""Every rule on the input. Returns problems and, when there is no error, the typed project.

Never raises on bad data and never drops a row: a row with a fault is reported by sheet, Excel
row and column, and stays in the raw project the user edits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import math
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planner import fields, schema
from planner.contradictions import limit_problems
from planner.io.conventions import NUMERIC, Convention, ambiguity, decimal_conventions
from planner.io.parse import (
    DECIMAL_COMMA,
    DECIMAL_DOT,
    PERCENT_FROM,
    ParseError,
    bare_share,
    clean_text,
    is_ambiguous,
    is_blank,
    money_mark,
    parse_bool,
    parse_choice,
    parse_country,
    parse_integer,
    parse_number,
    parse_period,
    parse_share,
)
from planner.io.read import RawProject
from planner.plausible import lookalike_problems, magnitude_problems, size_problems, suggestion
from planner.problems import ERROR, NOTE, WARNING, Problem, Severity, has_errors
from planner.project import INF, Settings, TypedProject
from planner.record.actuals import actuals_problems, typed_actuals
from planner.text import UNWRITABLE, Text, control_names, t, visible_controls


@dataclass
class Validation:
    problems: list[Problem] = field(default_factory=list)
    project: TypedProject | None = None  # None while there are errors
    raw: RawProject | None = None  # the cells it was built from

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


class _Checker:
    """Collects problems while typing one sheet after another."""

    def __init__(self, raw: RawProject):
        self.raw = raw
        self.problems: list[Problem] = list(raw.notes)
        self.decimals, self.sheet_decimals = decimal_conventions(raw)
        self.currency = _raw_currency(raw)
        # required columns the sheet lacks: one error each, and no row errors that follow
        self.missing: set[tuple[str, str]] = set()

    def add(
        self,
        severity: Severity,
        sheet: str | None,
        row: int | None,
        column: str | None,
        message: Text,
        code: str,
    ) -> None:
        self.problems.append(Problem(severity, sheet, row, column, message, code))

    def error(self, sheet, row, column, message: Text, code: str) -> None:
        self.add(ERROR, sheet, row, column, message, code)

    def warn(self, sheet, row, column, message: Text, code: str) -> None:
        self.add(WARNING, sheet, row, column, message, code)

    def note(self, sheet, row, column, message: Text, code: str) -> None:
        self.add(NOTE, sheet, row, column, message, code)

    # Typing one sheet --------------------------------------------------------------------

    def label(self, sheet: str, column: str) -> str:
        """A column as the user's workbook names it ('Đơn giá (USD)'), else its canonical name."""
        return self.raw.original_headers.get(sheet, {}).get(column, column)

    def typed_sheet(self, sheet: schema.Sheet) -> pd.DataFrame | None:
        """The sheet's cells converted column by column; bad cells become NaN with an error."""
        frame = self.raw.sheets.get(sheet.name)
        # the app adds a blank sheet for one the file lacked: it is missing until filled in
        absent = frame is None or (sheet.name in self.raw.absent and len(frame) == 0)
        if absent or frame is None:
            if sheet.required:
                self.error(sheet.name, None, None, _missing_sheet(sheet, self.raw), "missing_sheet")
            return None
        header_row = self.raw.header_rows.get(sheet.name)
        columns: dict[str, pd.Series] = {}  # one frame at the end: inserting column by column
        for col in sheet.columns:  # costs more than the typing on small sheets
            if col.name not in frame.columns:
                if col.required:
                    self._missing(sheet, col, frame, header_row)
                columns[col.name] = _blank_series(col, frame.index)
                continue
            if col.required and self._empty_required(sheet, col, frame, header_row):
                columns[col.name] = _blank_series(col, frame.index)
                continue
            columns[col.name] = self._typed_column(sheet, col, frame[col.name])
        out = pd.DataFrame(columns, index=frame.index)
        if sheet.key and all(k in frame.columns for k in sheet.key):
            self._unique(sheet, out)
        return out

    def _missing(self, sheet: schema.Sheet, col: schema.Column, frame, header_row) -> None:
        """A required column the sheet lacks: one error at its header."""
        self.missing.add((sheet.name, col.name))
        self.error(
            sheet.name,
            header_row,
            col.name,
            _missing_column(sheet, col, self.raw, frame),
            "missing_column",
        )

    def _empty_required(
        self, sheet: schema.Sheet, col: schema.Column, frame: pd.DataFrame, header_row
    ) -> bool:
        """A required column blank in every row is one problem, not one per row: missing,
        when the source had no such column (the app adds every column blank for the user to
        fill in), else empty. A column of formulas is left to the cell checks."""
        cells = frame[col.name]
        formulas = self.raw.formulas.get(sheet.name, {})
        if not len(cells) or not all(is_blank(v) for v in cells.tolist()):
            return False
        if any((row, col.name) in formulas for row in cells.index):
            return False
        headers = self.raw.original_headers.get(sheet.name)
        added = headers is not None and col.name not in headers
        if not added and len(cells) < 2:
            return False  # one row: its cell is the place to say it
        if added:
            self._missing(sheet, col, frame, header_row)
            return True
        self.missing.add((sheet.name, col.name))
        self.error(
            sheet.name,
            int(cells.index[0]),
            col.name,
            t(
                "{c} is required but it is empty in every row ({n:,} rows).",
                "{c} là bắt buộc nhưng trống ở mọi dòng ({n:,} dòng).",
                c=self.label(sheet.name, col.name),
                n=len(cells),
            ),
            "required",
        )
        return True

    def _typed_column(self, sheet: schema.Sheet, col: schema.Column, cells: pd.Series):
        values: list[Any] = []  # each as its column's kind reads it (None: blank)
        percent_flags: list[bool] = []
        convention = self.decimals.get((sheet.name, col.name)) if col.kind in NUMERIC else None
        decimal = convention.mark if convention else None
        formulas = self.raw.formulas.get(sheet.name, {})
        formula_rows: list[int] = []
        for row, cell in cells.items():
            formula = (row, col.name) in formulas
            if formula:
                formula_rows.append(row)
            if is_blank(cell):
                if formula:
                    self._no_stored_result(sheet, col, row)
                elif col.required:
                    self.error(
                        sheet.name,
                        row,
                        col.name,
                        t(
                            "{c} is required but the cell is empty.",
                            "{c} là bắt buộc nhưng ô đang trống.",
                            c=self.label(sheet.name, col.name),
                        ),
                        "required",
                    )
                values.append(None)
                percent_flags.append(False)
                continue
            try:
                value, percent = _parse(col, cell, decimal)
            except ParseError as exc:
                reason = exc.reason
                if formula and isinstance(cell, str) and cell.startswith("#"):
                    reason = t(
                        "The formula in this cell gives an error in Excel ({v}): fix the formula "
                        "or type the value.",
                        "Công thức trong ô này cho kết quả lỗi trong Excel ({v}): hãy sửa công "
                        "thức hoặc gõ giá trị.",
                        v=cell,
                    )
                self.error(sheet.name, row, col.name, reason, "type")
                values.append(None)
                percent_flags.append(False)
                continue
            if convention is not None and is_ambiguous(cell):
                self._ambiguous(sheet, col, row, cell, value, convention)
            if col.kind == schema.NUMBER and isinstance(cell, str):
                self._money_mark(sheet, col, row, cell, value)
            if formula and not isinstance(cell, str) and cell == 0:
                self._stored_zero(sheet, col, row)
            values.append(value)
            percent_flags.append(percent)
        if col.kind == schema.SHARE:
            self._percent_column(sheet, col, cells.index, values, percent_flags)
        for (row, value), cell in zip(zip(cells.index, values, strict=True), cells, strict=True):
            if isinstance(value, int | float) and not isinstance(value, bool):
                self._range(sheet, col, row, value, cell)
        if formula_rows:
            self.note(
                sheet.name,
                formula_rows[0],
                col.name,
                t(
                    "{n} cell(s) of {c} hold formulas: their results as last calculated and saved "
                    "are used.",
                    "{n} ô của cột {c} chứa công thức: dùng kết quả đã tính và lưu lần cuối.",
                    n=len(formula_rows),
                    c=self.label(sheet.name, col.name),
                ),
                "formula",
            )
        if col.kind in (schema.NUMBER, schema.SHARE, schema.INTEGER):
            return pd.Series(
                [np.nan if v is None else float(v) for v in values], index=cells.index, dtype=float
            )
        if col.kind != schema.BOOL:
            values = ["" if v is None else v for v in values]  # blank text is ""
        return pd.Series(values, index=cells.index, dtype=object)

    def _ambiguous(self, sheet, col, row: int, cell: object, value: float, convention) -> None:
        """'3,400' read by the column's convention, and said so; an integer column's '1,025'
        reads one way only (1.025 is not a whole number)."""
        mark = DECIMAL_DOT if convention.mark == DECIMAL_COMMA else DECIMAL_COMMA
        try:
            other, _ = _parse(col, cell, mark)
        except ParseError:
            return
        self.warn(
            sheet.name,
            row,
            col.name,
            ambiguity(clean_text(cell), float(value), float(other), convention),
            "ambiguous_number",
        )

    def _money_mark(self, sheet, col, row: int, cell: str, value: float) -> None:
        """'25.000 ₫' in a USD project: read as 25,000 of the project's money, and said so."""
        mark = money_mark(cell)
        if mark is None or mark == self.currency:
            return
        self.warn(
            sheet.name,
            row,
            col.name,
            t(
                "'{v}' is marked {m}, but the project's money is {c}: it was read as {n:,.15g} "
                "{c}. Convert it, or set the currency in Settings.",
                "'{v}' ghi là {m}, nhưng tiền tệ của dự án là {c}: đã hiểu là {n:,.15g} {c}. Hãy "
                "quy đổi, hoặc đặt tiền tệ trong Settings.",
                v=clean_text(cell),
                m=mark,
                c=self.currency,
                n=float(value),
            ),
            "money_mark",
        )

    def _no_stored_result(self, sheet: schema.Sheet, col: schema.Column, row: int) -> None:
        """A formula the program that wrote the file never calculated: not an empty cell."""
        message = t(
            "The cell holds a formula with no saved result (the program that wrote the file did "
            "not calculate it): open the file in Excel and save it, or type the value.",
            "Ô chứa công thức chưa có kết quả được lưu (chương trình ghi tệp không tính): hãy mở "
            "tệp bằng Excel rồi lưu lại, hoặc gõ giá trị.",
        )
        if col.required:
            self.error(sheet.name, row, col.name, message, "formula_no_result")
        else:
            self.warn(sheet.name, row, col.name, message, "formula_no_result")

    def _stored_zero(self, sheet: schema.Sheet, col: schema.Column, row: int) -> None:
        self.warn(
            sheet.name,
            row,
            col.name,
            t(
                "The cell holds a formula whose saved result, 0, is used; programs that write "
                "files without calculating store 0. Open the file in Excel and save it if the "
                "result is not 0.",
                "Ô chứa công thức; dùng kết quả đã lưu là 0. Các chương trình ghi tệp mà không "
                "tính sẽ lưu 0: hãy mở tệp bằng Excel rồi lưu lại nếu kết quả không phải 0.",
            ),
            "formula_zero",
        )

    def _percent_column(self, sheet, col, index, values, percent_flags) -> None:
        """30 in a share column whose values are all in 0..100 was meant as 30%.

        A column mixing fractions (0.4) and whole percents (30), or whose largest value is
        below 2, is not guessed at: its values above the limit are reported instead.
        """
        bare = [v for v, p in zip(values, percent_flags, strict=True) if v is not None and not p]
        limit = col.maximum if col.maximum is not None else 1
        if (
            bare
            and any(v > limit and v >= PERCENT_FROM for v in bare)
            and all(0 <= v <= 100 for v in bare)
            and not any(0 < v < 1 for v in bare)
        ):
            for i, (v, p) in enumerate(zip(values, percent_flags, strict=True)):
                if v is not None and not p:
                    values[i] = v / 100.0
            self.warn(
                sheet.name,
                None,
                col.name,
                t(
                    "Values in {c} were read as percent (e.g. 30 = 30%).",
                    "Giá trị cột {c} được hiểu là phần trăm (ví dụ 30 = 30%).",
                    c=self.label(sheet.name, col.name),
                ),
                "percent",
            )

    def _range(
        self, sheet: schema.Sheet, col: schema.Column, row: int, value: float, typed: object = None
    ) -> None:
        low, high = col.minimum, col.maximum
        text = clean_text(typed) if isinstance(typed, str) else ""
        if text.startswith("(") and text.endswith(")"):
            accounting = t(
                " ('{v}': brackets mark a negative amount)",
                " ('{v}': dấu ngoặc nghĩa là số âm)",
                v=text,
            )
        else:
            accounting = t("", "")
        if low is not None and (value < low or (col.min_exclusive and value <= low)):
            op = ">" if col.min_exclusive else "at least"
            op_vi = "lớn hơn" if col.min_exclusive else "tối thiểu"
            self.error(
                sheet.name,
                row,
                col.name,
                t(
                    "{c} must be {op} {low:g}; it is {v:g}{a}.",
                    "{c} phải {op_vi} {low:g}; đang là {v:g}{a_vi}.",
                    c=self.label(sheet.name, col.name),
                    op=op,
                    op_vi=op_vi,
                    low=low,
                    v=value,
                    a=accounting.en,
                    a_vi=accounting.vi,
                ),
                "range",
            )
        elif high is not None and value > high and col.kind == schema.SHARE:
            self.error(
                sheet.name,
                row,
                col.name,
                t(
                    "{c} must be at most {high:g} ({hp:.4g}%); it is {v:.4g} ({vp:.4g}%). A "
                    "share is written 0.3 or 30%.",
                    "{c} phải không quá {high:g} ({hp:.4g}%); đang là {v:.4g} ({vp:.4g}%). Tỷ "
                    "lệ ghi dạng 0,3 hoặc 30%.",
                    c=self.label(sheet.name, col.name),
                    high=high,
                    hp=high * 100,
                    v=value,
                    vp=value * 100,
                ),
                "range",
            )
        elif high is not None and value > high:
            self.error(
                sheet.name,
                row,
                col.name,
                t(
                    "{c} must be at most {high:g}; it is {v:g}.",
                    "{c} phải không quá {high:g}; đang là {v:g}.",
                    c=self.label(sheet.name, col.name),
                    high=high,
                    v=value,
                ),
                "range",
            )

    def _unique(self, sheet: schema.Sheet, out: pd.DataFrame) -> None:
        """A key (all its cells filled) seen again is an error on the later row. Plain Python:
        on sheets of a few rows, pandas' fixed costs outweigh the work."""
        first_row: dict[tuple, object] = {}
        keys = zip(*(out[k].tolist() for k in sheet.key), strict=True)
        for row, key in zip(out.index, keys, strict=True):
            if any(is_blank(v) for v in key):
                continue
            first = first_row.setdefault(key, row)
            if first == row:
                continue
            label = " / ".join(str(v) for v in key)
            self.error(
                sheet.name,
                row,
                sheet.key[-1],
                t(
                    "{k} '{v}' appears again (first in row {r}); each must be unique.",
                    "{k} '{v}' bị lặp lại (lần đầu ở dòng {r}); phải là duy nhất.",
                    k=" + ".join(sheet.key),
                    v=label,
                    r=first,
                ),
                "duplicate",
            )


def _missing_sheet(sheet: schema.Sheet, raw: RawProject) -> Text:
    """One sentence for a required sheet the workbook lacks, naming the sheets not read."""
    names = ", ".join(f"'{n}'" for n in (sheet.name, sheet.title_vi, *sheet.synonyms[2:4]))
    unused = ", ".join(f"'{s}'" for s in raw.unused_sheets)
    if unused:
        return t(
            "The workbook has no {s} sheet ({vi}), which is required. Sheets not recognised: "
            "{u}. Name the one that holds it {n}, or match the sheets when opening the file.",
            "Tệp không có sheet {s} ({vi}), sheet này là bắt buộc. Các sheet không nhận ra: "
            "{u}. Hãy đặt tên sheet chứa nội dung đó là {n}, hoặc ghép sheet khi mở tệp.",
            s=sheet.name,
            vi=sheet.title_vi,
            u=unused,
            n=names,
        )
    return t(
        "The workbook has no {s} sheet ({vi}), which is required; add one named {n}.",
        "Tệp không có sheet {s} ({vi}), sheet này là bắt buộc; hãy thêm sheet tên {n}.",
        s=sheet.name,
        vi=sheet.title_vi,
        n=names,
    )


def _missing_column(
    sheet: schema.Sheet, col: schema.Column, raw: RawProject, frame: pd.DataFrame
) -> Text:
    """One sentence for a required column a sheet lacks, naming its headers not read."""
    title = raw.source_names.get(sheet.name, sheet.name)
    names = ", ".join(f"'{n}'" for n in (col.name, *col.synonyms[:3]))
    vi_names = ", ".join(
        f"'{n}'" for n in dict.fromkeys((schema.column_title_vi(col), col.name, *col.synonyms[:2]))
    )
    unknown = ", ".join(
        f"'{c}'" for c in frame.columns if c not in sheet.column_names and str(c).strip()
    )
    other_en = f" Its columns not recognised: {unknown}." if unknown else ""
    other_vi = f" Các cột không nhận ra: {unknown}." if unknown else ""
    return t(
        "Sheet '{s}' has no {c} column, which is required (a header such as {n}).{o}",
        "Sheet '{s}' thiếu cột bắt buộc {c_vi} ({c}), ví dụ tiêu đề {n_vi}.{o_vi}",
        s=title,
        c=col.name,
        c_vi=schema.column_title_vi(col),
        n=names,
        n_vi=vi_names,
        o=other_en,
        o_vi=other_vi,
    )


def _unit_problems(chk: _Checker, period_labels: list[str]) -> None:
    """Headers whose stated unit is not the one the column is read in: 'Đơn giá (VND)' in a
    USD project, 'Thời gian phê duyệt (tuần)' when periods are quarters."""
    length = _period_length(period_labels)
    for sheet_name, units in chk.raw.header_units.items():
        sheet = schema.SHEET_BY_NAME[sheet_name]
        for column, said in units.items():
            col = sheet.column(column)
            header = chk.label(sheet_name, column)
            if col.unit == "USD":
                currencies = {schema.CURRENCY_UNITS[u] for u in said if u in schema.CURRENCY_UNITS}
                if currencies and chk.currency not in currencies:
                    chk.warn(
                        sheet_name,
                        None,
                        column,
                        t(
                            "The header '{h}' says {u}, but the project's amounts are read as "
                            "{cur} (Settings: currency). Convert the amounts or set the currency.",
                            "Tiêu đề '{h}' ghi {u}, nhưng số tiền của dự án được hiểu là {cur} "
                            "(Thiết lập: currency). Hãy quy đổi số tiền hoặc đặt lại tiền tệ.",
                            h=header,
                            u="/".join(sorted(currencies)),
                            cur=chk.currency,
                        ),
                        "header_unit",
                    )
            elif col.unit == "periods" and length:
                times = {schema.TIME_UNITS[u] for u in said if u in schema.TIME_UNITS}
                if times and length not in times:
                    chk.warn(
                        sheet_name,
                        None,
                        column,
                        t(
                            "The header '{h}' counts in {u}s, but {c} is read in periods, and "
                            "the periods here are {p}s: give the number of periods.",
                            "Tiêu đề '{h}' tính theo {u_vi}, nhưng cột {c_vi} được hiểu theo số "
                            "kỳ, và mỗi kỳ ở đây là một {p_vi}: hãy ghi số kỳ.",
                            h=header,
                            u="/".join(sorted(times)),
                            u_vi="/".join(_TIME_VI[x] for x in sorted(times)),
                            c=column,
                            c_vi=schema.column_in_vietnamese(col),
                            p=length,
                            p_vi=_TIME_VI[length],
                        ),
                        "header_unit",
                    )


MAX_CONTROL_WARNINGS = 20  # per sheet; the rest are counted in one more line


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _control_characters(chk: _Checker) -> None:
    """Text holding characters no workbook can hold (a vertical tab, BEL, ESC pasted from
    another program): warned at each cell, since saved workbooks show them as symbols."""
    for name, frame in chk.raw.sheets.items():
        if frame is None:
            continue
        found: list[tuple[int | None, str, str]] = []
        own = chk.raw.original_headers.get(name, {})  # the user's header of a known column
        for column in frame.columns:
            header = own.get(column, column)
            if isinstance(header, str) and UNWRITABLE.search(header):
                found.append((chk.raw.header_rows.get(name), column, header))
            texts = [v for v in frame[column].tolist() if isinstance(v, str)]
            if not texts or not UNWRITABLE.search("\n".join(texts)):
                continue  # one search per column: most have none
            for row, value in frame[column].items():
                if isinstance(value, str) and UNWRITABLE.search(value):
                    found.append((row, column, value))
        for row, column, value in found[:MAX_CONTROL_WARNINGS]:
            chk.warn(
                name,
                row,
                column,
                t(
                    "'{v}' holds a control character ({c}) that a workbook cannot store: saved "
                    "and written workbooks show it as {s}. Delete it if it was pasted by "
                    "mistake.",
                    "'{v}' chứa ký tự điều khiển ({c}) mà tệp Excel không lưu được: các tệp "
                    "được lưu hoặc xuất sẽ hiện nó thành {s}. Hãy xóa nếu lỡ dán vào.",
                    v=_shortened(visible_controls(value)),
                    c=control_names(value),
                    s=" ".join(
                        dict.fromkeys(visible_controls(ch) for ch in UNWRITABLE.findall(value))
                    ),
                ),
                "control_character",
            )
        if len(found) > MAX_CONTROL_WARNINGS:
            chk.warn(
                name,
                None,
                None,
                t(
                    "{n:,} more cells of this sheet hold control characters.",
                    "Còn {n:,} ô khác của sheet này chứa ký tự điều khiển.",
                    n=len(found) - MAX_CONTROL_WARNINGS,
                ),
                "control_character",
            )


_TIME_VI = {"day": "ngày", "week": "tuần", "month": "tháng", "quarter": "quý", "year": "năm"}


def _period_length(labels: list[str]) -> str | None:
    """'quarter' for 2027-Q1 labels, 'month' for 2027-01, else None (not known)."""
    if labels and all(_QUARTER.match(p) for p in labels):
        return "quarter"
    if labels and all((m := _MONTH.match(p)) and m.group(3) is None for p in labels):
        return "month"
    return None


def _unread(raw: RawProject) -> list[Text]:
    """Sentences naming every sheet and column of the workbook the plan did not read."""
    out = [
        t("Sheet '{s}' was not read.", "Sheet '{s}' không được đọc.", s=title)
        for title in raw.unused_sheets
    ]
    for name, frame in raw.sheets.items():
        sheet = schema.SHEET_BY_NAME[name]
        extra = [str(c) for c in frame.columns if c not in sheet.column_names]
        if extra:
            title = raw.source_names.get(name, name)
            cols = ", ".join(f"'{c}'" for c in extra)
            out.append(
                t(
                    "Sheet '{s}': column(s) {c} not read.",
                    "Sheet '{s}': không đọc cột {c}.",
                    s=title,
                    c=cols,
                )
            )
    return out


def _placed(problems: list[Problem], raw: RawProject) -> list[Problem]:
    """Each problem with the user's own names for its sheet and column, as the file has them."""
    out = []
    for p in problems:
        title = raw.source_names.get(p.sheet or "", None)
        header = raw.original_headers.get(p.sheet or "", {}).get(p.column or "", None)
        if title or header:
            p = dataclasses.replace(p, sheet_title=title, column_title=header)
        out.append(p)
    return out


def _raw_currency(raw: RawProject) -> str:
    """The project's money as typed in Settings (USD unless said), before Settings is typed."""
    frame = raw.sheets.get("Settings")
    if frame is None or "key" not in frame.columns or "value" not in frame.columns:
        return "USD"
    for key, value in zip(frame["key"], frame["value"], strict=True):
        spec = fields.setting_named(clean_text(key))
        if spec is not None and spec.key == "currency" and not is_blank(value):
            return clean_text(value).upper()
    return "USD"


def _blank_series(col: schema.Column, index: pd.Index) -> pd.Series:
    if col.kind in (schema.NUMBER, schema.SHARE, schema.INTEGER):
        return pd.Series(np.nan, index=index, dtype=float)
    blank = None if col.kind == schema.BOOL else ""
    return pd.Series([blank] * len(index), index=index, dtype=object)


def _parse(col: schema.Column, cell: object, decimal: str | None = None) -> tuple[Any, bool]:
    kind = col.kind
    if kind == schema.TEXT:
        return clean_text(cell), False
    if kind == schema.NUMBER:
        return parse_number(cell, decimal), False
    if kind == schema.INTEGER:
        return parse_integer(cell, decimal), False
    if kind == schema.SHARE:
        return parse_share(cell, decimal)
    if kind == schema.BOOL:
        return parse_bool(cell), False
    if kind == schema.COUNTRY:
        return parse_country(cell), False
    if kind == schema.PERIOD:
        return parse_period(cell), False
    if kind == schema.CHOICE:
        return parse_choice(cell, col.choices), False
    return clean_text(cell), False


def _fill(frame: pd.DataFrame, column: str, default: object) -> None:
    if frame[column].dtype == float:
        frame[column] = frame[column].fillna(default)
    else:
        frame[column] = [default if v is None or v == "" else v for v in frame[column]]


_QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*[QqKk](?:ý|y)?\s*([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _period_order_key(label: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a quarter, month or date label: half-months order too."""
    m = _QUARTER.match(label)
    if m:
        return int(m.group(1)), 3 * int(m.group(2)) - 2, 1
    m = _MONTH.match(label)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)) if m else None


# The rules -------------------------------------------------------------------------------


def validate(raw: RawProject) -> Validation:
    """Check every rule; return problems and, if there are no errors, the typed project."""
    too_large = size_problems(raw.sheets)
    if too_large:  # refused before typing a million cells or building anything
        return Validation(problems=_placed([*raw.notes, *too_large], raw))
    chk = _Checker(raw)
    # the Scenarios sheet is not the project: its problems are planner.scenarios'
    # (check_scenarios), warnings that never stop the base plan
    typed = {
        s.name: chk.typed_sheet(s) for s in schema.SHEETS if s.name not in ("Settings", "Scenarios")
    }
    for sheet, column, what in (
        ("Components", "component_id", "part"),
        ("Products", "product_id", "product"),
        ("Suppliers", "supplier_id", "supplier"),
    ):
        frame = typed[sheet]
        if frame is not None:
            chk.problems += lookalike_problems(sheet, column, frame[column], what)
    settings = _settings(chk, raw.sheets.get("Settings"))

    periods = typed["Periods"]
    period_labels: list[str] = []
    if periods is not None:
        period_labels = [p for p in periods["period"] if p]
        _check_periods(chk, periods)
    suppliers = typed["Suppliers"]
    components = typed["Components"]
    products = typed["Products"]
    offers = typed["Offers"]
    supplier_country: dict[str, str] = {}
    if suppliers is not None:
        supplier_country = {
            s: c for s, c in zip(suppliers["supplier_id"], suppliers["country"], strict=True) if s
        }
    if components is not None:
        _check_components(chk, components, supplier_country, offers)
    if offers is not None:
        _check_offers(chk, offers, components, supplier_country, period_labels)
    bom = _check_bom(chk, typed["BOM"], components, products)
    if typed["Volumes"] is not None:
        _check_refs(chk, "Volumes", typed["Volumes"], "product_id", products, "product_id")
        _check_refs(chk, "Volumes", typed["Volumes"], "period", periods, "period")
    if typed["Tariffs"] is not None:
        _check_tariffs(chk, typed["Tariffs"], period_labels, products)
        _check_tariff_coverage(chk, typed["Tariffs"], products, period_labels, settings)
    # what happened while the plan ran: only a re-plan reads it (planner.record)
    chk.problems += actuals_problems(typed["Actuals"], components, suppliers, offers, period_labels)
    if products is not None and periods is not None and len(products) == 0:
        chk.error(
            "Products", None, None, t("There is no product.", "Chưa có sản phẩm nào."), "empty"
        )
    if periods is not None and len(period_labels) == 0 and ("Periods", "period") not in chk.missing:
        chk.error("Periods", None, None, t("There is no period.", "Chưa có kỳ nào."), "empty")
    if components is not None and len(components) == 0:
        chk.error(
            "Components", None, None, t("There is no component.", "Chưa có linh kiện nào."), "empty"
        )

    _unit_problems(chk, period_labels)
    _control_characters(chk)
    result = Validation(problems=_placed(chk.problems, raw), raw=raw)
    if not result.ok:
        return result
    result.project = _typed_project(chk, typed, bom, settings, supplier_country, period_labels)
    result.project.unread = _unread(raw)
    if typed["Actuals"] is not None:
        result.project.tables["Actuals"] = typed_actuals(typed["Actuals"])
    chk.problems += magnitude_problems(result.project.tables, settings.fx_vnd_per_usd)
    chk.problems += limit_problems(result.project)
    result.problems = _placed(chk.problems, raw)
    return result


def _check_periods(chk: _Checker, periods: pd.DataFrame) -> None:
    keys = [(row, _period_order_key(p)) for row, p in periods["period"].items() if p]
    known = [(row, k) for row, k in keys if k is not None]
    if keys and len(known) == len(keys):  # every label has a known order
        for (_, a), (row, b) in itertools.pairwise(known):
            if b <= a:
                chk.error(
                    "Periods",
                    row,
                    "period",
                    t(
                        "Periods must be in time order; this one comes before the row above.",
                        "Các kỳ phải theo thứ tự thời gian; kỳ này đứng trước kỳ ở dòng trên.",
                    ),
                    "period_order",
                )


def _check_components(
    chk, comps: pd.DataFrame, supplier_country: dict[str, str], offers: pd.DataFrame | None
) -> None:
    """Per part, in row order: its incumbent's price, origin and listing, or (without one) a
    lock or a missing source; then a lock that makes its offers unused."""
    offered = set() if offers is None else set(offers["component_id"])
    for row, c in comps.iterrows():
        incumbent = c["current_supplier"] or ""
        if incumbent:
            _check_incumbent(chk, row, c, incumbent, supplier_country)
        else:
            _check_without_incumbent(chk, row, c, offered)
        _check_locked_with_offer(chk, row, c, offered)


def _check_incumbent(
    chk: _Checker, row: Hashable, c: pd.Series, incumbent: str, supplier_country: dict[str, str]
) -> None:
    """A part bought today: its current price, an origin, and whether Suppliers lists it."""
    if math.isnan(c["current_unit_price"]):
        chk.error(
            "Components",
            row,
            "current_unit_price",
            t(
                "Part {p} has an incumbent ({s}) but no current unit price.",
                "Linh kiện {p} có nhà cung cấp hiện tại ({s}) nhưng thiếu đơn giá.",
                p=c["component_id"],
                s=incumbent,
            ),
            "price_missing",
        )
    if not c["current_country"] and incumbent not in supplier_country:
        chk.error(
            "Components",
            row,
            "current_country",
            t(
                "Part {p}: the origin is unknown; fill current_country or list supplier {s} "
                "with its country in Suppliers.",
                "Linh kiện {p}: chưa rõ xuất xứ; điền current_country hoặc khai báo nhà cung "
                "cấp {s} kèm quốc gia trong sheet Suppliers.",
                p=c["component_id"],
                s=incumbent,
            ),
            "origin_missing",
        )
    if incumbent not in supplier_country and chk.raw.sheets.get("Suppliers") is not None:
        chk.note(
            "Components",
            row,
            "current_supplier",
            t(
                "Incumbent {s} is not in Suppliers; it is taken as unlimited.",
                "Nhà cung cấp hiện tại {s} không có trong sheet Suppliers; coi như không giới "
                "hạn công suất.",
                s=incumbent,
            ),
            "incumbent_not_listed",
        )


def _check_without_incumbent(chk: _Checker, row: Hashable, c: pd.Series, offered: set) -> None:
    """A part with no incumbent: it cannot be locked, and it needs an offer."""
    if c["locked"] is True:
        chk.error(
            "Components",
            row,
            "locked",
            t(
                "Part {p} is locked to its incumbent but has none.",
                "Linh kiện {p} bị khóa với nhà cung cấp hiện tại nhưng không có.",
                p=c["component_id"],
            ),
            "locked_without_incumbent",
        )
    elif c["component_id"] and c["component_id"] not in offered:
        chk.error(
            "Components",
            row,
            "current_supplier",
            t(
                "Part {p} has no supplier: no incumbent and no offer.",
                "Linh kiện {p} không có nguồn: không có nhà cung cấp hiện tại và không có báo giá.",
                p=c["component_id"],
            ),
            "no_source",
        )


def _check_locked_with_offer(chk: _Checker, row: Hashable, c: pd.Series, offered: set) -> None:
    """A locked part's offers are never used: say so."""
    if c["locked"] is True and c["component_id"] in offered:
        chk.warn(
            "Components",
            row,
            "locked",
            t(
                "Part {p} is locked, so its offers will not be used.",
                "Linh kiện {p} bị khóa nên các báo giá của nó sẽ không được dùng.",
                p=c["component_id"],
            ),
            "locked_with_offer",
        )


def _check_offers(
    chk,
    offers: pd.DataFrame,
    comps: pd.DataFrame | None,
    supplier_country: dict[str, str],
    periods: list[str],
) -> None:
    _check_refs(chk, "Offers", offers, "component_id", comps, "component_id")
    if chk.raw.sheets.get("Suppliers") is not None and ("Suppliers", "supplier_id") not in (
        chk.missing
    ):
        for row, s in offers["supplier_id"].items():
            if s and s not in supplier_country:
                chk.error(
                    "Offers",
                    row,
                    "supplier_id",
                    t(
                        "Supplier {s} is not in the Suppliers sheet.",
                        "Nhà cung cấp {s} không có trong sheet Suppliers.",
                        s=s,
                    ),
                    "unknown_ref",
                )
    incumbent = (
        {}
        if comps is None
        else dict(zip(comps["component_id"], comps["current_supplier"], strict=True))
    )
    known = set(periods)
    for row, o in offers.iterrows():
        if o["supplier_id"] and incumbent.get(o["component_id"]) == o["supplier_id"]:
            chk.error(
                "Offers",
                row,
                "supplier_id",
                t(
                    "{s} already supplies part {p}: its price is current_unit_price in Components, "
                    "so remove this offer or change that price.",
                    "{s} đang cung cấp linh kiện {p}: giá của họ nằm ở current_unit_price trong sheet "
                    "Components; hãy xóa báo giá này hoặc sửa giá đó.",
                    s=o["supplier_id"],
                    p=o["component_id"],
                ),
                "incumbent_offer",
            )
        ep = o["earliest_period"]
        if ep and known and ep not in known:
            chk.error(
                "Offers",
                row,
                "earliest_period",
                t(
                    "Period '{p}' is not in the Periods sheet.",
                    "Kỳ '{p}' không có trong sheet Periods.",
                    p=ep,
                ),
                "unknown_ref",
            )
        elif known and not math.isnan(o["lead_periods"]):
            start = periods.index(ep) if ep in known else 0
            if start + int(o["lead_periods"]) >= len(periods):
                chk.warn(
                    "Offers",
                    row,
                    "lead_periods",
                    t(
                        "This offer cannot deliver within the horizon (qualification takes {n} "
                        "periods).",
                        "Báo giá này không thể giao hàng trong các kỳ kế hoạch (phê "
                        "duyệt mất {n} kỳ).",
                        n=int(o["lead_periods"]),
                    ),
                    "never_ready",
                )


def _check_refs(
    chk,
    sheet: str,
    frame: pd.DataFrame,
    column: str,
    target: pd.DataFrame | None,
    target_column: str,
) -> None:
    target_sheet = {
        "component_id": "Components",
        "product_id": "Products",
        "period": "Periods",
        "supplier_id": "Suppliers",
    }[target_column]
    if target is None or (target_sheet, target_column) in chk.missing:
        return  # the sheet or its key column is missing: said once, not once per row
    known = set(target[target_column])
    for row, value in frame[column].items():
        if value and value not in known:
            alike = suggestion(value, known)
            chk.error(
                sheet,
                row,
                column,
                t(
                    "{v} is not in the {s} sheet{h}.",
                    "{v} không có trong sheet {s}{h_vi}.",
                    v=value,
                    s=target_sheet,
                    h=f" (did you mean '{alike}'?)" if alike else "",
                    h_vi=f" (có phải là '{alike}'?)" if alike else "",
                ),
                "unknown_ref",
            )


def _check_bom(chk, bom, comps, products) -> pd.DataFrame | None:
    """BOM rows; built from Components.qty_per_unit when there is one product and no BOM."""
    if comps is None or products is None:
        return bom
    if bom is not None:
        _check_refs(chk, "BOM", bom, "product_id", products, "product_id")
        _check_refs(chk, "BOM", bom, "component_id", comps, "component_id")
        used = set(bom["component_id"])
        with_parts = set(bom["product_id"])
        for row, p in products["product_id"].items():
            if p and p not in with_parts:
                chk.warn(
                    "Products",
                    row,
                    "product_id",
                    t(
                        "Product {p} has no parts in the BOM: none of its parts is planned and "
                        "its Chinese content counts as 0%.",
                        "Sản phẩm {p} không có linh kiện nào trong BOM: không linh kiện nào của "
                        "nó được lập kế hoạch và hàm lượng Trung Quốc tính là 0%.",
                        p=p,
                    ),
                    "no_parts",
                )
        for row, c in comps["component_id"].items():
            if c and c not in used:
                chk.warn(
                    "Components",
                    row,
                    "component_id",
                    t(
                        "Part {p} is in no product's BOM, so it is not planned.",
                        "Linh kiện {p} không thuộc định mức sản phẩm nào nên không được lập kế hoạch.",
                        p=c,
                    ),
                    "unused_part",
                )
        return bom
    if len(products) > 1:
        chk.error(
            "BOM",
            None,
            None,
            t(
                "There are {n} products, so a BOM sheet must say which parts each uses.",
                "Có {n} sản phẩm nên cần sheet BOM ghi linh kiện của từng sản phẩm.",
                n=len(products),
            ),
            "missing_sheet",
        )
        return None
    if len(products) == 0:
        return None
    for row, q in comps["qty_per_unit"].items():
        if math.isnan(q):
            chk.error(
                "Components",
                row,
                "qty_per_unit",
                t(
                    "qty_per_unit is needed when there is no BOM sheet.",
                    "Cần qty_per_unit khi không có sheet BOM.",
                ),
                "required",
            )
    product = products["product_id"].iloc[0]
    return pd.DataFrame(
        {
            "product_id": product,
            "component_id": comps["component_id"],
            "qty_per_unit": comps["qty_per_unit"],
        },
        index=comps.index,
    )


def _check_tariffs(chk, tariffs: pd.DataFrame, periods: list[str], products) -> None:
    """Each schedule (rows sharing from_period and product_id) is a set of tiers per origin
    group: for goods of Vietnamese origin the rows marked any or VN, for others any or not VN.
    Within a group the bounds rise, the last is 100% and the rates do not fall."""
    if tariffs["max_china_share"].size == 0:
        chk.error(
            "Tariffs",
            None,
            None,
            t(
                "There is no tariff tier; one tier with max_china_share 1 and rate 0 means no tariff.",
                "Chưa có bậc thuế; một bậc max_china_share 1, rate 0 nghĩa là không có thuế.",
            ),
            "empty",
        )
        return
    frame = tariffs.copy()
    for col, default in (("from_period", ""), ("product_id", ""), ("origin", "any")):
        if col not in frame.columns:
            frame[col] = default
    frame["from_period"] = frame["from_period"].fillna("").astype(str)
    frame["product_id"] = frame["product_id"].fillna("").astype(str)
    frame["origin"] = frame["origin"].fillna("any").replace("", "any")
    known = set(periods)
    product_ids = set(products["product_id"]) if products is not None else set()
    for row, r in frame.iterrows():
        if r["from_period"] and known and r["from_period"] not in known:
            chk.error(
                "Tariffs",
                row,
                "from_period",
                t(
                    "Period '{p}' is not in the Periods sheet.",
                    "Kỳ '{p}' không có trong sheet Periods.",
                    p=r["from_period"],
                ),
                "unknown_ref",
            )
        if r["product_id"] and products is not None and r["product_id"] not in product_ids:
            chk.error(
                "Tariffs",
                row,
                "product_id",
                t(
                    "Product {p} is not in the Products sheet.",
                    "Sản phẩm {p} không có trong sheet Products.",
                    p=r["product_id"],
                ),
                "unknown_ref",
            )
    reported: set[tuple[int, str]] = set()  # a row of origin 'any' is in both groups
    for (_, _), schedule in frame.groupby(["from_period", "product_id"], sort=False):
        for group in ("VN", "not VN"):
            rows = schedule[schedule["origin"].isin(("any", group))]
            if rows.empty:
                continue
            _check_tier_group(chk, rows, reported)


def _check_tariff_coverage(chk, tariffs, products, periods, settings) -> None:
    """Every product has a schedule in force from the first period, and a product whose
    origin depends on its RVC has tiers for goods not of Vietnamese origin too."""
    if products is None or not periods or tariffs.empty:
        return
    frame = tariffs.copy()
    for col, default in (("from_period", ""), ("product_id", ""), ("origin", "any")):
        if col not in frame.columns:
            frame[col] = default
        frame[col] = frame[col].fillna(default).replace("", default)
    first = periods[0]
    starts = frame["from_period"].replace("", first)
    rules = products["origin_rule"] if "origin_rule" in products.columns else None
    for row, p in products["product_id"].items():
        own = (frame["product_id"] == p) | (frame["product_id"] == "")
        if p and not (own & (starts == first)).any():
            chk.error(
                "Tariffs",
                None,
                "from_period",
                t(
                    "No tariff schedule is in force in {f} for {p}: add rows with a blank "
                    "from_period (for every product) or from {f}.",
                    "Không có biểu thuế nào áp dụng trong {f} cho {p}: thêm các dòng để trống "
                    "from_period (cho mọi sản phẩm) hoặc từ {f}.",
                    f=first,
                    p=p,
                ),
                "no_schedule",
            )
        rule = rules.get(row) if rules is not None else None
        if rule == "rvc":
            if settings.origin_rvc_min is None:
                chk.error(
                    "Products",
                    row,
                    "origin_rule",
                    t(
                        "{p} gets its origin by RVC, but Settings has no origin_rvc_min.",
                        "{p} có xuất xứ theo RVC nhưng Settings chưa có origin_rvc_min.",
                        p=p,
                    ),
                    "origin_rvc_missing",
                )
            foreign = frame[own & frame["origin"].isin(("any", "not VN"))]
            if foreign.empty:
                chk.error(
                    "Tariffs",
                    None,
                    "origin",
                    t(
                        "{p} may lose Vietnamese origin (its origin_rule is rvc), but no tariff "
                        "row applies to goods not of Vietnamese origin.",
                        "{p} có thể mất xuất xứ Việt Nam (origin_rule là rvc) nhưng không có "
                        "dòng thuế nào cho hàng không có xuất xứ Việt Nam.",
                        p=p,
                    ),
                    "no_foreign_tiers",
                )


def _check_tier_group(chk, rows: pd.DataFrame, reported: set[tuple[int, str]]) -> None:
    """Bounds rise in sheet order, the last is 100%, rates do not fall. A fault is reported
    once (`reported`: (row, code) said already), whichever groups its row belongs to."""

    def first(row: int, code: str) -> bool:
        if (row, code) in reported:
            return False
        reported.add((row, code))
        return True

    tiers = rows["max_china_share"].tolist()
    index = list(rows.index)
    for a, b, above, row in zip(tiers, tiers[1:], index, index[1:], strict=False):
        if not math.isnan(a) and not math.isnan(b) and b <= a and first(row, "tier_order"):
            chk.error(
                "Tariffs",
                row,
                "max_china_share",
                t(
                    "Tiers must rise: this bound ({b:.4g}) is not above the one in row {r} "
                    "({a:.4g}).",
                    "Các bậc phải tăng dần: cận này ({b:.4g}) không lớn hơn cận ở dòng {r} "
                    "({a:.4g}).",
                    a=a,
                    b=b,
                    r=above,
                ),
                "tier_order",
            )
    rates = rows["rate"].tolist()
    for a, b, above, row in zip(rates, rates[1:], index, index[1:], strict=False):
        if not math.isnan(a) and not math.isnan(b) and b < a and first(row, "tier_rate_order"):
            chk.error(
                "Tariffs",
                row,
                "rate",
                t(
                    "Rates must not fall as the Chinese share rises: this rate ({b:.1%}) is "
                    "below the one in row {r} ({a:.1%}).",
                    "Thuế suất không được giảm khi tỷ lệ TQ tăng: thuế suất này ({b:.1%}) thấp "
                    "hơn ở dòng {r} ({a:.1%}).",
                    a=a,
                    b=b,
                    r=above,
                ),
                "tier_rate_order",
            )
    if not math.isnan(tiers[-1]) and abs(tiers[-1] - 1.0) > 1e-9 and first(index[-1], "last_tier"):
        chk.error(
            "Tariffs",
            index[-1],
            "max_china_share",
            t(
                "The last tier must end at 100% so that every product has a rate; it ends at "
                "{v:.0%}.",
                "Bậc cuối phải kết thúc ở 100% để mọi sản phẩm có thuế suất; đang là {v:.0%}.",
                v=tiers[-1],
            ),
            "last_tier",
        )


def _settings(chk: _Checker, frame: pd.DataFrame | None) -> Settings:
    """The Settings sheet read row by row; each fault is said at its row and the row skipped."""
    if frame is None or "key" not in frame.columns:
        return Settings()
    values: dict[str, Any] = {}  # the Settings fields, each of its own type
    first_row: dict[str, tuple[int, object]] = {}  # setting -> the row first setting it
    for row, cells in frame.iterrows():
        read = _setting_row(chk, row, cells, first_row)
        if read is not None:
            key, value = read
            values[key] = value
    for former in [f for f in fields.SETTINGS if f.sets and f.key in values]:
        value = values.pop(former.key)  # a former name stands for what is not given
        for key in former.sets:
            values.setdefault(key, value)
    typed = {f.name for f in dataclasses.fields(Settings)}
    extra = {k: v for k, v in values.items() if k not in typed}
    return Settings(**{k: v for k, v in values.items() if k in typed}, extra=extra)


def _setting_row(
    chk: _Checker, row: Any, cells: pd.Series, first_row: dict[str, tuple[int, object]]
) -> tuple[str, Any] | None:
    """One row: (setting, value), or None for an unknown key, a blank value or a value that
    cannot be read (each said but the blank). Records the first row of each setting."""
    typed_key = clean_text(cells.get("key"))
    raw_value = cells.get("value")
    spec = fields.setting_named(typed_key)
    if spec is None:
        _unknown_setting(chk, row, typed_key)
        return None
    if is_blank(raw_value):
        return None
    if spec.key in first_row:
        first, before = first_row[spec.key]
        _repeated_setting(chk, row, spec, first, clean_text(before) == clean_text(raw_value))
    else:
        first_row[spec.key] = (row, raw_value)
    decimal = chk.sheet_decimals.get("Settings")
    mark = decimal.mark if decimal else None
    if spec.kind in (schema.NUMBER, schema.SHARE) and is_ambiguous(raw_value) and decimal:
        _ambiguous_setting(chk, row, raw_value, decimal)
    return _setting_value(chk, row, spec, raw_value, mark)


def _unknown_setting(chk: _Checker, row: Any, typed_key: str) -> None:
    """A key no setting has is warned of (a blank key is no setting at all)."""
    if schema.normalise_header(typed_key):
        chk.warn(
            "Settings",
            row,
            "key",
            t(
                "Unknown setting '{k}'; it is ignored.",
                "Thiết lập '{k}' không xác định; bỏ qua.",
                k=typed_key,
            ),
            "unknown_setting",
        )


def _ambiguous_setting(chk: _Checker, row: Any, raw_value: str, decimal: Convention) -> None:
    """A number that reads two ways ('1,500'): warn with both readings, the sheet's first."""
    mark = decimal.mark
    with contextlib.suppress(ParseError):
        read, _ = parse_share(raw_value, mark)
        other, _ = parse_share(raw_value, "." if mark == "," else ",")
        chk.warn(
            "Settings",
            row,
            "value",
            ambiguity(raw_value, read, other, decimal),
            "ambiguous_number",
        )


def _setting_value(
    chk: _Checker, row: Any, spec: schema.SettingSpec, raw_value: object, mark: str | None
) -> tuple[str, Any] | None:
    """The setting's typed value, or None with the reason as an error at its row."""
    try:
        value, note = read_setting(spec, raw_value, mark)
    except OutOfRange as exc:
        chk.error("Settings", row, "value", exc.reason, "range")
        return None
    except ParseError as exc:
        chk.error(
            "Settings",
            row,
            "value",
            t(
                "{k}: {why}",
                "{k}: {why_vi}",
                k=spec.key,
                why=exc.reason.en,
                why_vi=exc.reason.vi,
            ),
            "type",
        )
        return None
    if note is not None:
        chk.warn("Settings", row, "value", note, "percent")
    return spec.key, value


class OutOfRange(ParseError):
    """A setting read, but outside its field's range (its reason names the range)."""


def read_setting(
    spec: fields.Field, typed: object, mark: str | None = None
) -> tuple[object, Text | None]:
    """A Settings value as the plan reads it, for the validator and the settings form alike:
    (the value, a note when a bare number was read as a percent). ParseError when it cannot
    be read, OutOfRange when it is outside the field's range."""
    note = None
    if spec.kind == schema.NUMBER:
        value: object = parse_number(typed, mark)
    elif spec.kind == schema.SHARE:
        value, percent = parse_share(typed, mark)
        if not percent and value > 1:
            value, note = _bare_share_setting(spec, typed, value)
    elif spec.kind == schema.BOOL:
        value = parse_bool(typed)
    elif spec.kind == schema.CHOICE:
        value = _setting_choice(spec, typed)
        if value not in spec.choices:
            raise ParseError(
                t(
                    "'{v}' is not one of {c}",
                    "'{v}' không thuộc {c}",
                    v=value,
                    c=", ".join(spec.choices),
                )
            )
    else:
        value = clean_text(typed)
    if isinstance(value, float) and (
        (spec.minimum is not None and value < spec.minimum)
        or (spec.maximum is not None and value > spec.maximum)
    ):
        raise OutOfRange(_range_reason(spec, value))
    return value, note


def _setting_choice(spec: fields.Field, typed: object) -> str:
    """A choice setting's value, typed as its code (`min_cost`) or as its title in either
    language (`Tổng chi phí thấp nhất`, accents and case aside); else as typed, lower case."""
    text = clean_text(typed)
    for choice, title in zip(spec.choices, spec.choice_titles, strict=False):
        if fields.same_spelling(text, choice, title.en, title.vi):
            return choice
    return text.lower()


def _range_reason(spec: fields.Field, value: float) -> Text:
    lo, hi = spec.minimum or 0, spec.maximum if spec.maximum is not None else math.inf
    if spec.kind == schema.SHARE:
        return t(
            "{k} is a share from {lo:.4g}% to {hi:.4g}%; it is {v:.4g}%.",
            "{k} là tỷ lệ từ {lo:.4g}% đến {hi:.4g}%; đang là {v:.4g}%.",
            k=spec.key,
            lo=lo * 100,
            hi=hi * 100,
            v=value * 100,
        )
    return t(
        "{k} must be between {lo:g} and {hi:g}.",
        "{k} phải nằm trong khoảng {lo:g} đến {hi:g}.",
        k=spec.key,
        lo=lo,
        hi=hi,
    )


def _bare_share_setting(spec: fields.Field, typed: object, value: float) -> tuple[float, Text]:
    """A share setting typed as a bare number above 1, read as a column of one value is
    (docs/format.md): 2 to 100 is a percent, said; between 1 and 2 it reads two ways (1.5:
    150%, or 1.5%?) and is refused, as is anything above 100."""
    text = clean_text(typed)
    share = bare_share(value)
    if share is not None:
        return share, t(
            "{k}: '{v}' was read as {p:.4g}% (a share is written 0.3 or 30%).",
            "{k}: '{v}' được hiểu là {p:.4g}% (tỷ lệ ghi dạng 0,3 hoặc 30%).",
            k=spec.key,
            v=text,
            p=value,
        )
    if value < PERCENT_FROM:
        raise ParseError(
            t(
                "'{v}' is a share of {p:,.6g}%, above 100%. Write a share from 0 to 1 (0.3), "
                "or a percent with its sign ({v}%).",
                "'{v}' là tỷ lệ {p:,.6g}%, vượt quá 100%. Hãy ghi tỷ lệ từ 0 đến 1 (0,3) hoặc "
                "phần trăm kèm dấu % ({v}%).",
                v=text,
                p=value * 100,
            )
        )
    raise ParseError(
        t(
            "'{v}' is above 100%, read as a share or as a percent. Write a share from 0 to 1 "
            "(0.3) or a percent (30%).",
            "'{v}' vượt quá 100%, dù hiểu là tỷ lệ hay phần trăm. Hãy ghi tỷ lệ từ 0 đến 1 "
            "(0,3) hoặc phần trăm (30%).",
            v=text,
        )
    )


def _repeated_setting(chk, row, spec: schema.SettingSpec, first: int, same: bool) -> None:
    """A setting given twice: the later row is used, and said (E02)."""
    chk.warn(
        "Settings",
        row,
        "key",
        t(
            "{k} is set again here (first in row {r}){same}; this row's value is used.",
            "{k} được đặt lại ở đây (lần đầu ở dòng {r}){same_vi}; dùng giá trị của dòng này.",
            k=spec.key,
            r=first,
            same=", to the same value" if same else ", to another value",
            same_vi=", cùng giá trị" if same else ", với giá trị khác",
        ),
        "repeated_setting",
    )


def _typed_project(chk, typed, bom, settings, supplier_country, period_labels) -> TypedProject:
    """Defaults applied, incumbents added to Suppliers: the tables the optimiser reads."""
    comps = _typed_components(typed["Components"], supplier_country)
    suppliers = _typed_suppliers(typed["Suppliers"], comps)
    volumes = typed["Volumes"]
    if volumes is None:
        volumes = pd.DataFrame(
            {
                "product_id": pd.Series(dtype=object),
                "period": pd.Series(dtype=object),
                "units": pd.Series(dtype=float),
            }
        )
    return TypedProject(
        tables={
            "Components": comps,
            "Products": _typed_products(typed["Products"]),
            "BOM": bom.copy(),
            "Suppliers": suppliers,
            "Offers": _typed_offers(typed["Offers"], suppliers, period_labels[0]),
            "Periods": _typed_periods(typed["Periods"]),
            "Volumes": volumes.copy(),
            "Tariffs": _typed_tariffs(typed["Tariffs"]),
        },
        settings=settings,
    )


def _schema_defaults(frame: pd.DataFrame, sheet: schema.Sheet) -> pd.DataFrame:
    """A copy of `frame` with every blank cell of a column that has a default (planner.schema)
    given it; the other blanks stay blank for the sheet's own rules below."""
    frame = frame.copy()
    for col in sheet.columns:
        if col.default is not None and col.name in frame.columns:
            _fill(frame, col.name, col.default)
    return frame


def _typed_components(frame: pd.DataFrame, supplier_country: dict) -> pd.DataFrame:
    """A part's incumbent country is its supplier's when blank, and its Chinese share 1 when
    that country is CN, else 0; incumbent_max_drop stays blank: the setting applies."""
    comps = _schema_defaults(frame, schema.COMPONENTS)
    for col in ("description", "category", "hs_code", "current_country"):
        _fill(comps, col, "")
    for col in ("locked", "critical"):
        comps[col] = [bool(v) if v is not None else False for v in comps[col]]
    comps["current_country"] = [
        cc or supplier_country.get(s, "")
        for cc, s in zip(comps["current_country"], comps["current_supplier"], strict=True)
    ]
    comps["current_china_share"] = [
        v if not math.isnan(v) else (1.0 if cc == "CN" else 0.0)
        for v, cc in zip(comps["current_china_share"], comps["current_country"], strict=True)
    ]
    return comps


def _typed_products(frame: pd.DataFrame) -> pd.DataFrame:
    products = _schema_defaults(frame, schema.PRODUCTS)
    _fill(products, "name", "")
    _fill(products, "hs_code", "")
    products["tariff_exempt"] = products["tariff_exempt"].astype(bool)
    return products


def _typed_suppliers(frame: pd.DataFrame, comps: pd.DataFrame) -> pd.DataFrame:
    """Suppliers with unlimited capacity when blank; an incumbent missing from the sheet is
    added, unlimited and with no onboarding cost (the validator noted it)."""
    suppliers = _schema_defaults(frame, schema.SUPPLIERS)
    _fill(suppliers, "name", "")
    _fill(suppliers, "province", "")
    _fill(suppliers, "capacity_per_period", INF)
    listed = set(suppliers["supplier_id"])
    missing = [
        (s, cc)
        for s, cc in dict(
            zip(comps["current_supplier"], comps["current_country"], strict=True)
        ).items()
        if s and s not in listed
    ]
    if not missing:
        return suppliers
    extra = pd.DataFrame(
        {
            "supplier_id": [s for s, _ in missing],
            "name": "",
            "country": [cc for _, cc in missing],
            "province": "",
            "onboarding_cost": 0.0,
            "capacity_per_period": INF,
        }
    )
    return pd.concat([suppliers, extra], ignore_index=False)


def _typed_offers(frame: pd.DataFrame, suppliers: pd.DataFrame, first: str) -> pd.DataFrame:
    """A quote's Chinese share is 1 from a CN supplier when blank, else 0; it may start in the
    first period and is made in its supplier's country unless it says; no capacity limit or
    least order when blank."""
    offers = _schema_defaults(frame, schema.OFFERS)
    country = dict(zip(suppliers["supplier_id"], suppliers["country"], strict=True))
    offers["china_share"] = [
        v if not math.isnan(v) else (1.0 if country.get(s) == "CN" else 0.0)
        for v, s in zip(offers["china_share"], offers["supplier_id"], strict=True)
    ]
    offers["lead_periods"] = offers["lead_periods"].astype(int)
    _fill(offers, "earliest_period", first)
    _fill(offers, "capacity_per_period", INF)
    _fill(offers, "min_units", 0.0)
    _fill(offers, "origin_country", "")
    offers["origin_country"] = [
        o or country.get(s, "")
        for o, s in zip(offers["origin_country"], offers["supplier_id"], strict=True)
    ]
    return offers


def _typed_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """No budget, slot or in-progress limit where blank; the tariff applies unless said."""
    periods = frame.copy()
    _fill(periods, "budget", INF)
    _fill(periods, "max_new_qualifications", INF)
    _fill(periods, "max_qualifications_in_progress", INF)
    periods["tariff_active"] = [True if v is None else bool(v) for v in periods["tariff_active"]]
    return periods


def _typed_tariffs(frame: pd.DataFrame) -> pd.DataFrame:
    """A row with no period applies from the first, with no product to every product."""
    tariffs = _schema_defaults(frame, schema.TARIFFS)
    _fill(tariffs, "from_period", "")
    _fill(tariffs, "product_id", "")
    return tariffs


def check_file(path, mapping=None, encoding=None) -> Validation:
    """Read and validate in one call; a refused file becomes one error problem."""
    from planner.io.guard import RefusedFile
    from planner.io.read import read_project

    try:
        raw = read_project(path, mapping, encoding)
    except RefusedFile as exc:
        return Validation(
            problems=[
                Problem(ERROR, None, None, None, Text(exc.message_en, exc.message_vi), exc.code)
            ]
        )
    return validate(raw)
