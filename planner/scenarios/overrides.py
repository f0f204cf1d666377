"""Scenarios inside the project: rows of the Scenarios sheet that change cells of the base
project (DESIGN.md section 7, issue 12).

Each row names a scenario, a sheet, a row (`row_id`), a column and a value. The row is found
by the sheet's key: the setting's key, the period, the product, part or supplier id,
COMPONENT/SUPPLIER for Offers (`*` matches any side), PRODUCT/COMPONENT for the BOM,
PRODUCT/PERIOD for Volumes, a tier's max_china_share for Tariffs; blank means every row. Rows
are matched against the base project, so the overrides of one scenario do not depend on their
order. A value replaces the cell, or changes it when it starts with `+` (add) or `*`
(multiply). A Settings key the sheet does not hold is added. The base project is the
scenario named `base`.

A scenario materialises as a raw project like any other (the same reader's cells), which the
validator then checks; a problem in a cell an override wrote is reported at the Scenarios row
that wrote it.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.io.parse import ParseError, clean_text, is_blank, parse_number, parse_share
from planner.io.read import RawProject
from planner.problems import ERROR, Problem
from planner.text import t

BASE = "base"
SHEET = "Scenarios"
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


@dataclass(frozen=True)
class Override:
    scenario: str
    sheet: str
    row_id: str
    column: str  # canonical column name
    value: str  # as typed
    source_row: int  # the Scenarios sheet's Excel row


@dataclass
class Materialised:
    """One scenario's raw project (every override that could be applied), the problems of
    its overrides, and which cell each override wrote (sheet, Excel row, column) -> Scenarios
    row. A scenario with any problem is not planned."""

    name: str
    raw: RawProject | None
    problems: list[Problem] = field(default_factory=list)
    written: dict[tuple[str, int, str], int] = field(default_factory=dict)


def scenario_names(raw: RawProject) -> list[str]:
    """'base' first, then the scenarios in the order the sheet names them."""
    frame = raw.sheets.get(SHEET)
    names = [BASE]
    if frame is None or "scenario" not in frame.columns:
        return names
    for value in frame["scenario"]:
        name = clean_text(value)
        if name and name not in names:
            names.append(name)
    return names


def read_overrides(raw: RawProject) -> tuple[list[Override], list[Problem]]:
    """The Scenarios sheet's rows, with a problem for each row that names no known sheet or
    column (its Excel row and column named)."""
    frame = raw.sheets.get(SHEET)
    if frame is None:
        return [], []
    out, problems = [], []
    for row, cells in frame.iterrows():
        values = {
            c: clean_text(cells.get(c)) if not is_blank(cells.get(c)) else ""
            for c in ("scenario", "sheet", "row_id", "column", "value")
        }
        if not any(values.values()):
            continue
        for required in ("scenario", "sheet", "column", "value"):
            if not values[required]:
                problems.append(
                    _problem(
                        row,
                        required,
                        t(
                            "{c} is required for a scenario row.",
                            "Dòng kịch bản cần có {c}.",
                            c=required,
                        ),
                        "required",
                    )
                )
        if values["scenario"] == BASE:
            problems.append(
                _problem(
                    row,
                    "scenario",
                    t(
                        "'base' is the project as it is: give this scenario another name.",
                        "'base' là dự án như hiện tại: hãy đặt tên khác cho kịch bản này.",
                    ),
                    "scenario_base",
                )
            )
            continue
        sheet = schema.match_sheet(values["sheet"]) if values["sheet"] else None
        if values["sheet"] and (sheet is None or sheet.name not in KEYS):
            problems.append(
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
                )
            )
            continue
        if sheet is None or not values["column"] or not values["value"] or not values["scenario"]:
            continue
        if sheet.name == "Settings":
            column = "value" if values["column"].lower() in ("value", "giá trị", "") else None
            if column is None:
                problems.append(
                    _problem(
                        row,
                        "column",
                        t(
                            "A setting is changed in its value column.",
                            "Thiết lập được thay đổi ở cột giá trị.",
                        ),
                        "scenario_column",
                    )
                )
                continue
        else:
            matched = schema.match_column(sheet, values["column"])
            if matched is None:
                problems.append(
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
                    )
                )
                continue
            column = matched.name
        out.append(
            Override(values["scenario"], sheet.name, values["row_id"], column, values["value"], row)
        )
    return out, problems


def materialise(raw: RawProject, name: str) -> Materialised:
    """The raw project of scenario `name` (the base project for 'base')."""
    result = Materialised(name, None)
    overrides, problems = read_overrides(raw)
    result.problems = [p for p in problems if _row_scenario(raw, p.row) in (name, None)]
    variant = RawProject(
        sheets={k: v.copy() for k, v in raw.sheets.items() if k != SHEET},
        header_rows=dict(raw.header_rows),
        source_names=dict(raw.source_names),
        original_headers=copy.deepcopy(raw.original_headers),
        path=raw.path,
    )
    if name != BASE:
        mine = [o for o in overrides if o.scenario == name]
        if not mine and name not in scenario_names(raw):
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
        base = {k: v.copy() for k, v in variant.sheets.items()}
        for o in mine:
            _apply(variant, base, o, result)
    result.raw = variant  # with every override that could be applied (see `problems`)
    return result


def _apply(variant: RawProject, base: dict, o: Override, result: Materialised) -> None:
    frame = variant.sheets.get(o.sheet)
    if frame is None:
        if o.sheet == "Settings":
            frame = pd.DataFrame({"key": pd.Series(dtype=object), "value": pd.Series(dtype=object)})
            variant.sheets["Settings"] = frame
            base["Settings"] = frame.copy()
        else:
            result.problems.append(
                _problem(
                    o.source_row,
                    "sheet",
                    t(
                        "The project has no {s} sheet to change.",
                        "Dự án không có sheet {s} để thay đổi.",
                        s=o.sheet,
                    ),
                    "scenario_sheet",
                )
            )
            return
    rows = _rows(base[o.sheet], o)
    if rows is None:
        result.problems.append(
            _problem(
                o.source_row,
                "row_id",
                t(
                    "{s} has no row '{r}'.",
                    "Sheet {s} không có dòng '{r}'.",
                    s=o.sheet,
                    r=o.row_id,
                ),
                "scenario_row",
            )
        )
        return
    if o.sheet == "Settings" and not rows:
        key = o.row_id
        row = (max(frame.index) + 1) if len(frame) else 2
        frame.loc[row, "key"] = key
        frame.loc[row, "value"] = None
        variant.sheets["Settings"] = frame
        rows = [row]
    if o.column not in frame.columns:
        frame[o.column] = None
    spec, default = _kind(o)
    for row in rows:
        try:
            value = _new_value(frame.at[row, o.column], o.value, spec, default)
        except ParseError as exc:
            result.problems.append(
                _problem(
                    o.source_row,
                    "value",
                    t(
                        "{why}",
                        "{why_vi}",
                        why=exc.reason.en,
                        why_vi=exc.reason.vi,
                    ),
                    "scenario_value",
                )
            )
            return
        frame.at[row, o.column] = value
        result.written[(o.sheet, int(row), o.column)] = o.source_row
    variant.sheets[o.sheet] = frame


def _rows(frame: pd.DataFrame, o: Override) -> list[int] | None:
    """The Excel rows an override's row_id names (None: names a row that does not exist;
    [] for a Settings key not yet in the sheet)."""
    if not o.row_id.strip():
        return list(frame.index)
    keys = KEYS[o.sheet]
    parts = [p.strip() for p in o.row_id.split("/")] if len(keys) > 1 else [o.row_id.strip()]
    if len(parts) != len(keys):
        return None
    mask = pd.Series(True, index=frame.index)
    for key, want in zip(keys, parts, strict=True):
        if want == "*":
            continue
        if key not in frame.columns:
            return None
        column = frame[key]
        if o.sheet == "Settings":
            target = _setting_key(want)
            mask &= column.map(lambda v, target=target: _setting_key(clean_text(v)) == target)
        elif o.sheet == "Tariffs":
            try:
                share = _share(want)
            except ParseError:
                return None
            mask &= column.map(lambda v, share=share: _same_share(v, share))
        else:
            mask &= column.map(lambda v, want=want: clean_text(v) == want)
    found = list(frame.index[mask])
    if not found and o.sheet != "Settings":
        return None
    return found


def _setting_key(text: str) -> str:
    key = schema.normalise_header(text)
    for spec in schema.SETTING_SPECS:
        if key in {schema.normalise_header(n) for n in (spec.key, *spec.synonyms)}:
            return spec.key
    return key


def _share(text: object) -> float:
    value, percent = parse_share(text)
    return value if percent or value <= 1 else value / 100


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
        value = round(value)
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


def _problem(row, column, message, code) -> Problem:
    return Problem(ERROR, SHEET, row, column, message, code)


def _row_scenario(raw: RawProject, row) -> str | None:
    frame = raw.sheets.get(SHEET)
    if frame is None or row is None or row not in frame.index:
        return None
    return clean_text(frame.at[row, "scenario"]) or None
