"""Scenarios inside the project: rows of the Scenarios sheet that change cells of the base
project (DESIGN.md section 7, issue 12).

Each row names a scenario, a sheet, a row (`row_id`), a column and a value. The row is found
by the sheet's key: the setting's key, the period, the product, part or supplier id,
COMPONENT/SUPPLIER for Offers (`*` matches any side), PRODUCT/COMPONENT for the BOM,
PRODUCT/PERIOD for Volumes, a tier's max_china_share (or `#N`, the Tariffs sheet's row N) for
Tariffs; blank means every row. An id holding a `/` is found as it is; when a row_id reads two
ways, the id in double quotes (`"PCB/MAIN-01"/VN-PCB`) says which. Rows are matched against
the base project. A value replaces the cell, or changes it when it starts with `+` (add) or
`*` (multiply). A Settings key the sheet does not hold is added. The base project is the
scenario named `base`; no other scenario may take that name in any spelling.

The rows of one scenario do not depend on their order in the sheet: the new values are
written first, then the multiplications, then the additions (`*2` and `+1000` give 2x + 1000
whichever comes first). Two rows that write the same cell are told at the later row, whose
value is used.

The sheet is read once (`read_scenarios`); each scenario then materialises as a raw project
like any other (the same reader's cells), which the validator checks; a problem in a cell an
override wrote is reported at the Scenarios row that wrote it.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from planner import fields, schema
from planner.io.parse import (
    ParseError,
    bare_share,
    clean_text,
    is_blank,
    parse_number,
    parse_share,
)
from planner.io.read import RawProject
from planner.problems import ERROR, WARNING, Problem, Severity
from planner.text import Text, t

BASE = "base"
SHEET = "Scenarios"
COLUMNS = ("scenario", "sheet", "row_id", "column", "value")
REQUIRED = ("scenario", "sheet", "column", "value")
KEYS: dict[str, tuple[str, ...]] = {
    "Settings": ("key",),
    "Periods": ("period",),
    "Products": ("product_id",),
    "Components": ("component_id",),
    "Suppliers": ("supplier_id",),
    "Offers": ("component_id", "supplier_id"),
    "BOM": ("product_id", "component_id"),
    "Volumes": ("product_id", "period"),
    "Tariffs": ("max_china_share",),
}
RELATIVE = (schema.NUMBER, schema.INTEGER, schema.SHARE)
SET, TIMES, PLUS = 0, 1, 2  # the order in which a scenario's rows are applied
_ROW_NUMBER = re.compile(r"^#\s*(\d+)$")  # a Tariffs row named by its Excel row: '#3'


@dataclass(frozen=True)
class Override:
    scenario: str
    sheet: str
    row_id: str
    column: str  # canonical column name
    value: str  # as typed
    source_row: int  # the Scenarios sheet's Excel row


@dataclass
class ScenarioRows:
    """The Scenarios sheet read once: the scenarios' names (base first), each scenario's
    overrides and the problems of its rows; `problems[None]`: rows that belong to no scenario
    (a row named like the base, a sheet that cannot be read)."""

    names: list[str] = field(default_factory=lambda: [BASE])
    overrides: dict[str, list[Override]] = field(default_factory=dict)
    problems: dict[str | None, list[Problem]] = field(default_factory=dict)

    def add(self, scenario: str | None, problem: Problem) -> None:
        self.problems.setdefault(scenario, []).append(problem)

    @property
    def all_problems(self) -> list[Problem]:
        return [p for ps in self.problems.values() for p in ps]


@dataclass
class Materialised:
    """One scenario's raw project (every override that could be applied), the problems of
    its overrides, and which cell each override wrote (sheet, Excel row, column) -> Scenarios
    row. A scenario with any error is not planned."""

    name: str
    raw: RawProject | None
    problems: list[Problem] = field(default_factory=list)
    written: dict[tuple[str, int, str], int] = field(default_factory=dict)


def fold_name(name: str) -> str:
    """A scenario's name as a reader tells names apart: case, spaces, width and invisible
    characters aside ('Base', ' base ', 'BASE' and 'base' are one name)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc"))
    return " ".join(text.casefold().split())


def is_base_name(name: str) -> bool:
    return fold_name(name) == BASE


def scenario_names(raw: RawProject) -> list[str]:
    """'base' first, then the scenarios in the order the sheet names them (a row named like
    the base belongs to no scenario: it is refused at its row)."""
    frame = raw.sheets.get(SHEET)
    names = [BASE]
    if frame is None or "scenario" not in frame.columns:
        return names
    seen = {BASE}
    for value in frame["scenario"]:
        name = clean_text(value)
        if name and name not in seen and not is_base_name(name):
            seen.add(name)
            names.append(name)
    return names


def read_overrides(raw: RawProject) -> tuple[list[Override], list[Problem]]:
    """The Scenarios sheet's rows, with a problem for each row that cannot be read (its Excel
    row and column named)."""
    rows = read_scenarios(raw)
    return [o for os in rows.overrides.values() for o in os], rows.all_problems


def read_scenarios(raw: RawProject) -> ScenarioRows:
    """The Scenarios sheet read once: every scenario's overrides and the problems of its
    rows, each row read once (`check` and `compare` of 500 scenarios read it once, not once
    per scenario)."""
    frame = raw.sheets.get(SHEET)
    out = ScenarioRows(names=scenario_names(raw))
    if frame is None:
        return out
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing and len(frame):
        _refuse_sheet(raw.header_rows.get(SHEET), missing, out)
        return out
    formulas = raw.formulas.get(SHEET, {})
    first_spelling: dict[str, tuple[str, int]] = {}  # folded name -> (name, first row)
    for row, cells in frame.iterrows():
        values = {
            c: clean_text(cells.get(c)) if not is_blank(cells.get(c)) else "" for c in COLUMNS
        }
        if not any(values.values()):
            if any((row, c) in formulas for c in COLUMNS):
                out.add(None, _no_result(row, next(c for c in COLUMNS if (row, c) in formulas)))
            continue
        name = values["scenario"]
        _check_required(row, values, formulas, out)
        if name and is_base_name(name):
            out.add(None, _base_row(row, name))
            continue
        if name:
            _check_spelling(row, name, first_spelling, out)
        override = _override(row, values, out)
        if override is not None:
            out.overrides.setdefault(name, []).append(override)
    return out


def _refuse_sheet(header: int | None, missing: list[str], out: ScenarioRows) -> None:
    """A sheet without a required column: each missing column is a problem of the sheet and
    of every scenario, since no scenario is planned from rows that cannot be read."""
    for column in missing:
        problem = _problem(
            header,
            column,
            t(
                "The Scenarios sheet has no {c} column, so none of its rows can be read "
                "(the base project is planned as it is).",
                "Sheet Kịch bản không có cột {c_vi} nên không đọc được dòng nào của sheet "
                "(dự án gốc vẫn được lập kế hoạch như hiện tại).",
                c=column,
                c_vi=schema.column_in_vietnamese(schema.SCENARIOS.column(column)),
            ),
            "scenario_header",
        )
        for name in [None, *out.names[1:]]:
            out.add(name, problem)


def _check_required(
    row: int, values: dict[str, str], formulas: dict[tuple[int, str], object], out: ScenarioRows
) -> None:
    """A problem for each required cell left blank (or a formula without a stored result),
    given to the row's scenario (to no scenario when it is unnamed or named like the base)."""
    name = values["scenario"]
    owner = name if name and not is_base_name(name) else None
    for required in REQUIRED:
        if not values[required]:
            out.add(
                owner,
                _no_result(row, required)
                if (row, required) in formulas
                else _problem(
                    row,
                    required,
                    t(
                        "{c} is required for a scenario row.",
                        "Dòng kịch bản cần có {c}.",
                        c=required,
                    ),
                    "required",
                ),
            )


def _base_row(row: int, name: str) -> Problem:
    return _problem(
        row,
        "scenario",
        t(
            "'{n}' is the name of the base, the project as it is: this row changes "
            "nothing. Give its scenario another name.",
            "'{n}' là tên của base, dự án như hiện tại: dòng này không thay đổi gì. "
            "Hãy đặt tên khác cho kịch bản.",
            n=name,
        ),
        "scenario_base",
    )


def _check_spelling(
    row: int, name: str, first_spelling: dict[str, tuple[str, int]], out: ScenarioRows
) -> None:
    """Warn when a name folds to one written differently on an earlier row: they stay two
    scenarios, but it is likely a slip."""
    first = first_spelling.setdefault(fold_name(name), (name, row))
    if first[0] != name:
        out.add(
            name,
            _problem(
                row,
                "scenario",
                t(
                    "'{n}' is spelt like the scenario '{m}' (row {r}) but not the same: "
                    "they are two scenarios. Write the name the same way if they are one.",
                    "'{n}' viết gần giống kịch bản '{m}' (dòng {r}) nhưng không giống "
                    "hẳn: đó là hai kịch bản. Hãy viết tên giống nhau nếu là một.",
                    n=name,
                    m=first[0],
                    r=first[1],
                ),
                "scenario_lookalike",
                WARNING,
            ),
        )


def _override(row: int, values: dict[str, str], out: ScenarioRows) -> Override | None:
    """The row as an override, or None after adding its problem."""
    name = values["scenario"]
    sheet = schema.match_sheet(values["sheet"]) if values["sheet"] else None
    if values["sheet"] and (sheet is None or sheet.name not in KEYS):
        out.add(
            name or None,
            _problem(
                row,
                "sheet",
                t(
                    "'{s}' is not a sheet a scenario can change ({known}).",
                    "'{s}' không phải sheet mà kịch bản có thể thay đổi ({known}).",
                    s=values["sheet"],
                    known=", ".join(KEYS),
                ),
                "scenario_sheet",
            ),
        )
        return None
    if sheet is None or not values["column"] or not values["value"] or not name:
        return None
    if sheet.name == "Settings":
        if values["column"].lower() not in ("value", "giá trị"):
            out.add(
                name,
                _problem(
                    row,
                    "column",
                    t(
                        "A setting is changed in its value column.",
                        "Thiết lập được thay đổi ở cột giá trị.",
                    ),
                    "scenario_column",
                ),
            )
            return None
        problem = _setting_problem(row, values["row_id"])
        if problem is not None:
            out.add(name, problem)
            return None
        column = "value"
    else:
        matched = schema.match_column(sheet, values["column"])
        if matched is None:
            out.add(
                name,
                _problem(
                    row,
                    "column",
                    t(
                        "{sheet} has no column '{c}'.",
                        "Sheet {sheet} không có cột '{c}'.",
                        sheet=sheet.name,
                        c=values["column"],
                    ),
                    "scenario_column",
                ),
            )
            return None
        column = matched.name
    return Override(name, sheet.name, values["row_id"], column, values["value"], row)


def _setting_problem(row: int, key: str) -> Problem | None:
    """A Settings row_id that names no setting: refused, with the nearest known key (a
    misspelt key would leave the scenario equal to the base without a word)."""
    if not key.strip():
        return _problem(
            row,
            "row_id",
            t(
                "Name the setting to change in row_id (for example tariff_pass_through).",
                "Hãy ghi tên thiết lập cần thay đổi ở cột row_id (ví dụ tariff_pass_through).",
            ),
            "scenario_row",
        )
    if _setting_key(key) in _SETTING_KEYS:
        return None
    near = _nearest_setting(key)
    hint = t("", "")
    if near:
        hint = t(" Did you mean {k}?", " Có phải là {k}?", k=near)
    return _problem(
        row,
        "row_id",
        t(
            "Unknown setting '{k}': this row would change nothing.{h}",
            "Thiết lập '{k}' không xác định: dòng này sẽ không thay đổi gì.{h_vi}",
            k=key,
            h=hint.en,
            h_vi=hint.vi,
        ),
        "unknown_setting",
    )


_SETTING_KEYS = {s.key for s in schema.SETTING_SPECS}


def _nearest_setting(key: str) -> str | None:
    """The known setting whose key or synonym is spelt most like `key`."""
    spellings = {
        schema.normalise_header(n): s.key for s in schema.SETTING_SPECS for n in s.spellings
    }
    loose = {k.replace("_", "").replace(" ", ""): v for k, v in spellings.items()}
    typed = schema.normalise_header(key)
    squeezed = typed.replace("_", "").replace(" ", "")
    if squeezed in loose:
        return loose[squeezed]
    found = difflib.get_close_matches(typed, list(spellings), n=1, cutoff=0.75)
    return spellings[found[0]] if found else None


def materialise(raw: RawProject, name: str, rows: ScenarioRows | None = None) -> Materialised:
    """The raw project of scenario `name` (the base project for 'base'). `rows`: the
    Scenarios sheet as read once by `read_scenarios` (read here when not given)."""
    rows = rows if rows is not None else read_scenarios(raw)
    result = Materialised(name, None)
    # the sheets are shared with `raw` until an override changes one (then that one is copied)
    variant = RawProject(
        sheets={k: v for k, v in raw.sheets.items() if k != SHEET},
        header_rows=dict(raw.header_rows),
        source_names=dict(raw.source_names),
        original_headers={k: dict(v) for k, v in raw.original_headers.items()},
        path=raw.path,
    )
    if name != BASE:
        result.problems = list(rows.problems.get(name, []))
        mine = rows.overrides.get(name, [])
        if name not in rows.names:
            result.problems.append(
                Problem(
                    ERROR,
                    SHEET,
                    None,
                    "scenario",
                    t(
                        "There is no scenario named '{n}'.",
                        "Không có kịch bản tên '{n}'.",
                        n=name,
                    ),
                    "scenario_unknown",
                )
            )
        _Applying(raw, variant, result).run(mine)
    result.raw = variant  # with every override that could be applied (see `problems`)
    return result


class _Applying:
    """One scenario's overrides applied to its variant, in the fixed order: new values, then
    multiplications, then additions; each group in the sheet's order."""

    def __init__(self, raw: RawProject, variant: RawProject, result: Materialised) -> None:
        self.base = raw.sheets  # the rows are found in the base project (never changed here)
        self.variant, self.result = variant, result
        self.copied: set[str] = set()
        self.set_by: dict[tuple[str, int, str], Override] = {}  # cells given a new value
        self.told: set[tuple[int, int]] = set()  # (earlier, later) rows already warned about
        self.added: dict[str, int] = {}  # Settings keys added -> their row

    def run(self, overrides: list[Override]) -> None:
        for o in sorted(overrides, key=lambda o: (_step(o), o.source_row)):
            self.apply(o)

    def frame(self, sheet: str) -> pd.DataFrame | None:
        """The variant's sheet, copied the first time it is changed."""
        frame = self.variant.sheets.get(sheet)
        if frame is None and sheet == "Settings":
            frame = pd.DataFrame({"key": pd.Series(dtype=object), "value": pd.Series(dtype=object)})
            self.variant.sheets[sheet] = frame
            self.copied.add(sheet)
        if frame is not None and sheet not in self.copied:
            frame = frame.copy()
            self.variant.sheets[sheet] = frame
            self.copied.add(sheet)
        return frame

    def problem(
        self, o: Override, column: str, message: Text, code: str, severity: Severity = ERROR
    ) -> None:
        self.result.problems.append(_problem(o.source_row, column, message, code, severity))

    def apply(self, o: Override) -> None:
        if o.sheet not in self.base and o.sheet != "Settings":
            self.problem(
                o,
                "sheet",
                t(
                    "The project has no {s} sheet to change.",
                    "Dự án không có sheet {s} để thay đổi.",
                    s=o.sheet,
                ),
                "scenario_sheet",
            )
            return
        base = self.base.get(o.sheet)
        if base is None:  # Settings the project lacks
            base = pd.DataFrame({"key": pd.Series(dtype=object), "value": pd.Series(dtype=object)})
        found = _rows(base, o)
        if found.message is not None:
            self.problem(o, "row_id", found.message, found.code, found.severity)
        if found.rows is None:
            return
        frame = self.frame(o.sheet)
        if frame is None:  # a sheet the project lacks has no rows to find (found.rows)
            return
        rows = found.rows
        if o.sheet == "Settings" and not rows:
            key = _setting_key(o.row_id)
            if key not in self.added:
                row = (max(frame.index) + 1) if len(frame) else 2
                frame.loc[row, "key"] = o.row_id
                frame.loc[row, "value"] = None
                self.added[key] = row
            rows = [self.added[key]]
        if o.column not in frame.columns:
            frame[o.column] = None
        kind, default = _kind(o)
        new = []
        for row in rows:
            try:
                new.append(_new_value(frame.at[row, o.column], o.value, kind, default))
            except ParseError as exc:
                self.problem(
                    o,
                    "value",
                    t("{why}", "{why_vi}", why=exc.reason.en, why_vi=exc.reason.vi),
                    "scenario_value",
                )
                return
        step = _step(o)
        for row, value in zip(rows, new, strict=True):
            cell = (o.sheet, int(row), o.column)
            if step == SET:
                self._twice(cell, o)
                self.set_by[cell] = o
            frame.at[row, o.column] = value
            self.result.written[cell] = o.source_row

    def _twice(self, cell: tuple[str, int, str], o: Override) -> None:
        """Two rows of the scenario give one cell a new value: the later row's is used, and
        it says so (once per pair of rows)."""
        first = self.set_by.get(cell)
        if first is None or first.source_row == o.source_row:
            return
        pair = (first.source_row, o.source_row)
        if pair in self.told:
            return
        self.told.add(pair)
        self.problem(
            o,
            "value",
            t(
                "Row {r} of scenario '{n}' also sets {c} of {s} '{w}': this row's value, {v}, "
                "is used; delete one of the two rows.",
                "Dòng {r} của kịch bản '{n}' cũng đặt {c} của {s} '{w}': giá trị của dòng này, "
                "{v}, được dùng; hãy xóa một trong hai dòng.",
                r=first.source_row,
                n=o.scenario,
                c=o.column,
                s=o.sheet,
                w=o.row_id or "*",
                v=o.value,
            ),
            "scenario_twice",
            WARNING,
        )


def _step(o: Override) -> int:
    """When the override is applied: a new value first, then *x, then +x."""
    text = o.value.strip()
    if text.startswith("*"):
        return TIMES
    if text.startswith("+") and _kind(o)[0] in RELATIVE:
        return PLUS
    return SET


@dataclass
class _Found:
    rows: list | None  # None: names a row that does not exist ([]: a Settings key to add)
    message: Text | None = None
    code: str = "scenario_row"
    severity: Severity = ERROR


def _no_row(o: Override) -> _Found:
    return _Found(
        None,
        t("{s} has no row '{r}'.", "Sheet {s} không có dòng '{r}'.", s=o.sheet, r=o.row_id),
    )


def _rows(frame: pd.DataFrame, o: Override) -> _Found:
    """The Excel rows an override's row_id names."""
    text = o.row_id.strip()
    if not text:
        return _Found(list(frame.index))
    keys = KEYS[o.sheet]
    if o.sheet == "Tariffs":
        return _tariff_rows(frame, o, text)
    if any(k not in frame.columns for k in keys):
        return _no_row(o)
    readings = _readings(text, len(keys))
    matches: list[tuple[tuple[str, ...], list]] = []
    for parts in readings:
        mask = pd.Series(True, index=frame.index)
        for key, want in zip(keys, parts, strict=True):
            if want == "*":
                continue
            if o.sheet == "Settings":
                target = _setting_key(want)
                mask &= frame[key].map(lambda v, k=target: _setting_key(clean_text(v)) == k)
            else:
                mask &= frame[key].map(lambda v, w=want: clean_text(v) == w)
        found = list(frame.index[mask])
        if found and all(found != m for _, m in matches):
            matches.append((parts, found))
    if len(matches) > 1:
        ways = ["/".join(f'"{k}"' if "/" in k else k for k in p) for p, _ in matches]
        return _Found(
            None,
            t(
                "'{r}' names more than one row: write the one you mean with the id that holds "
                "the '/' in double quotes: {ways}.",
                "'{r}' chỉ nhiều dòng: hãy ghi dòng cần chọn, đặt mã có dấu '/' trong ngoặc "
                "kép: {ways_vi}.",
                r=text,
                ways=" or ".join(ways),
                ways_vi=" hoặc ".join(ways),
            ),
        )
    if matches:
        return _Found(matches[0][1])
    if o.sheet == "Settings":
        return _Found([])
    return _no_row(o)


def _readings(text: str, n: int) -> list[tuple[str, ...]]:
    """The ways a row_id names the n key cells. One key: the text itself (without quotes
    around it). Two keys: split at each '/' (an id may hold a slash: 'PCB/MAIN-01/VN-PCB'),
    or as the quotes say ('"PCB/MAIN-01"/VN-PCB')."""
    if n == 1:
        return [(text,), (text[1:-1].strip(),)] if _quoted(text) else [(text,)]
    if text.startswith('"'):
        end = text.find('"', 1)
        rest = text[end + 1 :].strip() if end > 0 else ""
        if end > 0 and rest.startswith("/"):
            second = rest[1:].strip()
            return [(text[1:end].strip(), second[1:-1].strip() if _quoted(second) else second)]
    out: list[tuple[str, ...]] = []
    for i, ch in enumerate(text):
        if ch == "/":
            left, right = text[:i].strip(), text[i + 1 :].strip()
            if _quoted(right):
                right = right[1:-1].strip()
            out.append((left, right))
    return out


def _quoted(text: str) -> bool:
    return len(text) >= 2 and text[0] == text[-1] == '"'


def _tariff_rows(frame: pd.DataFrame, o: Override, text: str) -> _Found:
    """A tier by its max_china_share, or by its Excel row ('#3'). A bound that more than one
    schedule holds (the general one and a product's, or one from a later period) changes
    every one of them, and the row says which rows those are."""
    number = _ROW_NUMBER.match(text)
    if number:
        row = int(number.group(1))
        return _Found([row]) if row in frame.index else _no_row(o)
    if "max_china_share" not in frame.columns:
        return _no_row(o)
    try:
        share = _share(text)
    except ParseError:
        return _no_row(o)
    found = [r for r, v in frame["max_china_share"].items() if _same_share(v, share)]
    if not found:
        return _no_row(o)
    schedules = {_schedule(frame, r) for r in found}
    if len(schedules) < 2:
        return _Found(found)
    listed = [(r, _schedule_text(frame, r)) for r in found]
    return _Found(
        found,
        t(
            "More than one tariff schedule has a tier at {v}: this row changes Tariffs rows "
            "{rows}. To change one only, write its row as {one}.",
            "Nhiều biểu thuế có bậc {v}: dòng này thay đổi các dòng {rows_vi} của sheet Tariffs. "
            "Để chỉ thay đổi một dòng, hãy ghi số dòng của nó, ví dụ {one}.",
            v=text,
            rows=", ".join(f"{r} ({w.en})" for r, w in listed),
            rows_vi=", ".join(f"{r} ({w.vi})" for r, w in listed),
            one=" or ".join(f"#{r}" for r in found[:2]),
        ),
        "scenario_ambiguous",
        WARNING,
    )


def _schedule(frame: pd.DataFrame, row) -> tuple[str, ...]:
    return tuple(
        clean_text(frame.at[row, c])
        if c in frame.columns and not is_blank(frame.at[row, c])
        else ""
        for c in ("product_id", "from_period", "origin")
    )


def _schedule_text(frame: pd.DataFrame, row) -> Text:
    product, start, origin = _schedule(frame, row)
    en = [product or "every product"]
    vi = [product or "mọi sản phẩm"]
    if start:
        en.append(f"from {start}")
        vi.append(f"từ {start}")
    if origin and origin.lower() != "any":
        en.append(f"origin {origin}")
        vi.append(f"xuất xứ {origin}")
    return Text(", ".join(en), ", ".join(vi))


def _setting_key(text: str) -> str:
    key = schema.normalise_header(text)
    spec = fields.setting_named(text)
    return spec.key if spec is not None else key


def _share(text: object) -> float:
    """A share as the validator reads one typed alone (planner.io.parse.bare_share): a bare
    number up to 1 is itself, from 2 to 100 a percent; one that reads two ways (between 1
    and 2) or is above 100% is no share."""
    value, percent = parse_share(text)
    if percent:
        return value
    share = bare_share(value)
    if share is None:
        raise ParseError(
            t(
                "{v} reads two ways as a share (a fraction or a percent); write it with %.",
                "{v} có thể hiểu hai cách (tỷ lệ hay phần trăm); hãy ghi kèm dấu %.",
                v=clean_text(text),
            )
        )
    return share


def _same_share(cell: object, share: float) -> bool:
    if is_blank(cell):
        return False
    try:
        return math.isclose(_share(cell), share, abs_tol=1e-9)
    except ParseError:
        return False


def _kind(o: Override) -> tuple[str, object]:
    """The changed cell's kind and the value a blank cell stands for (None: no limit)."""
    if o.sheet == "Settings":
        spec = next((s for s in schema.SETTING_SPECS if s.key == _setting_key(o.row_id)), None)
        return (spec.kind, spec.default) if spec is not None else (schema.TEXT, None)
    column = schema.SHEET_BY_NAME[o.sheet].column(o.column)
    return column.kind, column.default


def _new_value(current: object, typed: str, kind: str, default: object = None) -> object:
    """The cell's new content: the value as typed, or the current value changed by +x / *x."""
    text = typed.strip()
    if not text or text[0] not in "+*" or (text[0] == "+" and kind not in RELATIVE):
        return typed
    if kind not in RELATIVE:
        raise ParseError(
            t(
                "{v}: only numbers can be changed by + or *.",
                "{v}: chỉ số mới có thể thay đổi bằng + hoặc *.",
                v=typed,
            )
        )
    amount = _amount(text, kind)
    if is_blank(current):
        if default is None:
            return current  # a blank limit is no limit: no limit plus or times x stays so
        current = default
    now = _share(current) if kind == schema.SHARE else parse_number(current)
    value = now + amount if text[0] == "+" else now * amount
    if kind == schema.INTEGER:
        whole = round(value)
        if not math.isclose(value, whole, abs_tol=1e-9):
            raise ParseError(
                t(
                    "{v}: this column takes whole numbers, and {n:g} {op} {a:g} gives {r:g}; "
                    "write a change that gives a whole number.",
                    "{v}: cột này chỉ nhận số nguyên, mà {n:g} {op} {a:g} bằng {r:g}; hãy ghi "
                    "một thay đổi cho ra số nguyên.",
                    v=typed,
                    n=now,
                    op="+" if text[0] == "+" else "×",
                    a=amount,
                    r=value,
                )
            )
        value = whole
    if kind == schema.SHARE and value > 1:
        # a bare number above 1 in a share cell reads as a percent (2.5 as 2.5%): a share
        # above 100% is written as one, for the validator to refuse, never read small
        return f"{value * 100:.12g}%"
    return value


def _amount(text: str, kind: str) -> float:
    """The x of +x or *x, read one way everywhere (docs/format.md): a plain number in the
    column's own unit (`*1.5` multiplies by 1.5; `+0.02` on a share adds 2 points, `+2` adds
    200 and is then refused as a share above 100%), and a percent only where `%` is typed
    (`*150%` multiplies by 1.5, `+2%` on a share adds 2 points). A percent added to a number
    that is not a share is refused: write `*1.1` to raise it by 10%."""
    body = text[1:].strip()
    if not body.endswith("%"):
        return parse_number(body)
    if text[0] == "+" and kind != schema.SHARE:
        raise ParseError(
            t(
                "{v}: a percent can be added to a share only; to raise a number by 10% write *1.1.",
                "{v}: chỉ cộng phần trăm vào một tỷ lệ; để tăng một số thêm 10% hãy ghi *1.1.",
                v=text,
            )
        )
    return parse_share(body)[0]


def _problem(row, column, message, code, severity: Severity = ERROR) -> Problem:
    return Problem(severity, SHEET, row, column, message, code)


def _no_result(row, column) -> Problem:
    return _problem(
        row,
        column,
        t(
            "The cell holds a formula with no saved result (the program that wrote the file did "
            "not calculate it): open the file in Excel and save it, or type the value.",
            "Ô chứa công thức chưa có kết quả được lưu (chương trình ghi tệp không tính): hãy mở "
            "tệp bằng Excel rồi lưu lại, hoặc gõ giá trị.",
        ),
        "formula_no_result",
    )
