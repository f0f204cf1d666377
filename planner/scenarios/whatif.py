"""The common what-ifs as rows of the Scenarios sheet, and the edits of a scenario's rows
(add, duplicate, rename, delete) as plain data the app turns into undo steps.

Each function returns the rows it would add ({"scenario", "sheet", "row_id", "column",
"value"}); the rows stay editable in the Scenarios sheet like any other.
"""

from __future__ import annotations

import pandas as pd

from planner.io.parse import ParseError, bare_share, clean_text, is_blank, parse_share
from planner.presets import PRESET_BY_KEY
from planner.scenarios.overrides import BASE, SHEET

Row = dict[str, object]


def row(scenario: str, sheet: str, row_id: str, column: str, value: object) -> Row:
    return {
        "scenario": scenario,
        "sheet": sheet,
        "row_id": row_id,
        "column": column,
        "value": value,
    }


def _factor(percent: float) -> str:
    return f"*{round(1 + percent / 100, 6):g}"


def first_row(scenario: str) -> Row:
    """The row that makes a new scenario exist: its plan name (changes nothing else)."""
    return row(scenario, "Settings", "plan_name", "value", scenario)


def tariff_rows(scenario: str, preset_key: str, tiers: list[object]) -> list[Row]:
    """The preset's rates on the project's own tiers (`tiers`: the Tariffs sheet's
    max_china_share cells): each tier pays the rate the preset sets for its share (for goods
    not of Vietnamese origin when the preset tells origins apart). A preset with another
    shape of tiers is best applied to the Tariffs sheet itself (Settings & tariffs)."""
    preset = PRESET_BY_KEY[preset_key]
    schedule = [(s, r) for s, r, origin in preset.tiers if origin in ("any", "not VN")]
    schedule.sort()
    if len(schedule) == 1 or not tiers:
        return [row(scenario, "Tariffs", "", "rate", schedule[-1][1])]
    out = []
    for cell in tiers:
        if is_blank(cell):
            continue
        try:
            share, percent = parse_share(cell)
        except ParseError:
            continue
        bound = share if percent else bare_share(share)
        if bound is None:
            continue  # a bound the validator refuses: nothing to change
        rate = next((r for s, r in schedule if bound <= s + 1e-9), schedule[-1][1])
        out.append(row(scenario, "Tariffs", f"{bound:g}", "rate", rate))
    return out


def budget_rows(scenario: str, percent: float) -> list[Row]:
    """Every period's one-time budget up (or down, negative) by `percent`."""
    return [row(scenario, "Periods", "", "budget", _factor(percent))]


def lead_rows(scenario: str, supplier: str, periods: int) -> list[Row]:
    """Every quote of `supplier` delivers `periods` later."""
    return [row(scenario, "Offers", f"*/{supplier}", "lead_periods", f"+{int(periods)}")]


def capacity_rows(scenario: str, supplier: str, percent: float, offers: pd.DataFrame) -> list[Row]:
    """The supplier's capacity (and that of each of its quotes that has one) cut by `percent`.
    A blank capacity is no limit and stays so."""
    out = [row(scenario, "Suppliers", supplier, "capacity_per_period", _factor(-percent))]
    if {"component_id", "supplier_id", "capacity_per_period"} <= set(offers.columns):
        for part, who, cap in zip(
            offers["component_id"],
            offers["supplier_id"],
            offers["capacity_per_period"],
            strict=True,
        ):
            if clean_text(who) == supplier and not is_blank(cap):
                out.append(
                    row(
                        scenario,
                        "Offers",
                        f"{clean_text(part)}/{supplier}",
                        "capacity_per_period",
                        _factor(-percent),
                    )
                )
    return out


def volume_rows(scenario: str, product: str, percent: float, volumes: pd.DataFrame) -> list[Row]:
    """The product's volume up (or down) by `percent`, in Products and in Volumes if it has
    rows for it."""
    out = [row(scenario, "Products", product, "units_per_period", _factor(percent))]
    if "product_id" in volumes.columns and any(
        clean_text(p) == product for p in volumes["product_id"]
    ):
        out.append(row(scenario, "Volumes", f"{product}/*", "units", _factor(percent)))
    return out


# the scenario's rows ---------------------------------------------------------------------------
def positions(frame: pd.DataFrame, scenario: str) -> list[int]:
    """Positions of the Scenarios sheet's rows that belong to `scenario`."""
    if "scenario" not in frame.columns:
        return []
    return [i for i, v in enumerate(frame["scenario"]) if clean_text(v) == scenario]


def duplicate_rows(frame: pd.DataFrame, scenario: str, new: str) -> list[Row]:
    rows = []
    for pos in positions(frame, scenario):
        cells = frame.iloc[pos]
        copy = {c: cells.get(c) for c in frame.columns}
        copy["scenario"] = new
        rows.append(copy)
    return rows or [first_row(new)]


def free_name(names: list[str], stem: str) -> str:
    """`stem`, or `stem 2`, `stem 3`... whichever the project does not use yet."""
    taken = {n.casefold() for n in names} | {BASE}
    if stem.casefold() not in taken:
        return stem
    k = 2
    while f"{stem} {k}".casefold() in taken:
        k += 1
    return f"{stem} {k}"


__all__ = [
    "SHEET",
    "budget_rows",
    "capacity_rows",
    "duplicate_rows",
    "first_row",
    "free_name",
    "lead_rows",
    "positions",
    "tariff_rows",
    "volume_rows",
]
