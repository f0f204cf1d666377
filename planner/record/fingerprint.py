"""What a plan was planned from: one fingerprint per input row, and the rows that changed since.

An approved plan is only the plan of record while its inputs stand: a price, a capacity, a
budget or a setting that changed since makes its figures those of another project. Each row
of every input sheet is fingerprinted from its typed values (so "30%" and "0.3" are one
value) under its key (the part, the supplier, the pair, the period...), and a changed, added
or removed row is named by sheet, row and key. Settings that only steer the search (its time,
gap and solver) or name the plan do not change a plan's figures and are left out; so are the
Scenarios and Actuals sheets, which the plan of record does not read.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

import pandas as pd

from planner import fields, schema
from planner.project import TypedProject
from planner.text import Text, t

INPUT_COLUMNS = ["version", "sheet", "row", "row_key", "fingerprint"]
NOT_INPUTS = ("Scenarios", "Actuals")
SEARCH_ONLY = ("plan_name", "objective", "time_limit_s", "mip_gap", "solver")
SHOWN_PER_SHEET = 5  # rows named per sheet and kind of change; the rest are counted


def _value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        number = float(value)
        if math.isnan(number):
            return None
        return "inf" if math.isinf(number) else repr(number)
    if hasattr(value, "item"):  # numpy scalars
        return _value(value.item())
    return str(value)


def _digest(values: list[object]) -> str:
    text = json.dumps([_value(v) for v in values], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def row_prints(project: TypedProject) -> pd.DataFrame:
    """One row per input row: sheet, Excel row, key and fingerprint (INPUT_COLUMNS but the
    version)."""
    out = []
    for sheet in schema.SHEETS:
        if sheet.name in NOT_INPUTS or sheet.name == "Settings":
            continue
        frame = project.tables.get(sheet.name)
        if frame is None:
            continue
        columns = sorted(frame.columns)
        keys = [k for k in sheet.key if k in frame.columns]
        for row, values in zip(frame.index, frame[columns].itertuples(index=False), strict=True):
            record = dict(zip(columns, values, strict=True))
            key = " / ".join(str(_value(record[k])) for k in keys) or str(row)
            out.append((sheet.name, _row_number_of(row), key, _digest(list(values))))
    for spec in fields.current():
        if spec.key not in SEARCH_ONLY:
            value = project.settings.value(spec.key)
            out.append(("Settings", None, spec.key, _digest([value])))
    return pd.DataFrame(out, columns=INPUT_COLUMNS[1:])


def inputs_print(rows: pd.DataFrame) -> str:
    """The whole inputs' fingerprint (one line of the versions sheet)."""
    ordered = rows.sort_values(["sheet", "row_key"], kind="stable")
    text = "\n".join(
        f"{s}\t{k}\t{f}"
        for s, k, f in ordered[["sheet", "row_key", "fingerprint"]].itertuples(index=False)
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Change:
    sheet: str
    kind: str  # "changed" | "added" | "removed"
    row: int | None  # the Excel row now (changed, added) or at approval (removed)
    row_key: str

    def text(self) -> Text:
        where_en = f"row {self.row}" if self.row else "a row"
        where_vi = f"dòng {self.row}" if self.row else "một dòng"
        if self.sheet == "Settings":
            return t(
                "Settings: {k} {what}",
                "Thiết lập: {k} {what_vi}",
                k=self.row_key,
                what={"changed": "changed", "added": "added", "removed": "removed"}[self.kind],
                what_vi={"changed": "đã đổi", "added": "được thêm", "removed": "bị xóa"}[self.kind],
            )
        return {
            "changed": t(
                "{s} {w} ({k}) changed",
                "{s} {w_vi} ({k}) đã thay đổi",
                s=self.sheet,
                w=where_en,
                w_vi=where_vi,
                k=self.row_key,
            ),
            "added": t(
                "{s} {w} ({k}) was added",
                "{s} {w_vi} ({k}) được thêm",
                s=self.sheet,
                w=where_en,
                w_vi=where_vi,
                k=self.row_key,
            ),
            "removed": t(
                "{s}: the row of {k} (row {w} at approval) was removed",
                "{s}: dòng {k} (dòng {w} lúc duyệt) đã bị xóa",
                s=self.sheet,
                w=self.row or "?",
                k=self.row_key,
            ),
        }[self.kind]


def changes(stored: pd.DataFrame, current: pd.DataFrame) -> list[Change]:
    """The rows that differ between the inputs a plan was approved on and the inputs now, in
    sheet order (a key that appears twice is compared in order of appearance)."""

    def keyed(frame: pd.DataFrame) -> dict[tuple[str, str, int], tuple[object, str]]:
        seen: dict[tuple[str, str], int] = {}
        out = {}
        for sheet, row, key, print_ in frame[["sheet", "row", "row_key", "fingerprint"]].itertuples(
            index=False
        ):
            n = seen.get((sheet, str(key)), 0)
            seen[(sheet, str(key))] = n + 1
            out[(str(sheet), str(key), n)] = (row, str(print_))
        return out

    old, new = keyed(stored), keyed(current)
    found = []
    for k in sorted(set(old) | set(new), key=_sheet_order):
        if k not in old:
            found.append(Change(k[0], "added", _row_number_of(new[k][0]), k[1]))
        elif k not in new:
            found.append(Change(k[0], "removed", _row_number_of(old[k][0]), k[1]))
        elif old[k][1] != new[k][1]:
            found.append(Change(k[0], "changed", _row_number_of(new[k][0]), k[1]))
    return found


def _row_number_of(value: object) -> int | None:
    """An Excel row number as a typed table's index or a record sheet's cell holds it."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def _sheet_order(key: tuple[str, str, int]) -> tuple[int, str, int]:
    names = [s.name for s in schema.SHEETS]
    return (names.index(key[0]) if key[0] in names else len(names), key[1], key[2])


def summarise(found: list[Change]) -> list[Text]:
    """The changes as sentences: up to SHOWN_PER_SHEET rows per sheet named, the rest counted."""
    out: list[Text] = []
    by_sheet: dict[str, list[Change]] = {}
    for change in found:
        by_sheet.setdefault(change.sheet, []).append(change)
    for sheet, rows in by_sheet.items():
        out += [c.text() for c in rows[:SHOWN_PER_SHEET]]
        if len(rows) > SHOWN_PER_SHEET:
            more = len(rows) - SHOWN_PER_SHEET
            out.append(
                t("{s}: {n} more rows changed", "{s}: thêm {n} dòng thay đổi", s=sheet, n=more)
            )
    return out


__all__ = ["INPUT_COLUMNS", "Change", "changes", "inputs_print", "row_prints", "summarise"]
