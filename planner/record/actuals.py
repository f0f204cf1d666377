"""The Actuals sheet: what happened while the plan ran, one event a row.

`actuals_problems` checks the typed sheet against the project (called by planner.validate,
like every sheet's rules: sheet, Excel row, column and a sentence in both languages);
`typed_actuals` gives the table a re-plan reads (TypedProject.tables["Actuals"]), `value`
parsed per event: the share bought for `award` (0.6, "60%" and 60 are 60%), the whole
periods late for `supplier_late`, NaN for the others.

Which ids an event needs:
- onboarded: the supplier;
- qualification_started / _done / _failed: the part and the supplier, an offer of the pair;
- award: the part and the supplier (the part's incumbent or an offer of the pair), the share;
- supplier_late: the supplier (a part only for that offer), whole periods late, 1 or more.
Awards of one part in one period may not add up to more than 100%. Whether a failed
qualification was ever started is known only against a plan of record: the re-plan says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from planner.io.parse import ParseError, bare_share, clean_text, is_blank, parse_share
from planner.problems import ERROR, WARNING, Problem, Severity
from planner.text import Text, t

SHEET = "Actuals"
COLUMNS = ["period", "event", "component_id", "supplier_id", "value", "note"]
QUALIFICATION = ("qualification_started", "qualification_done", "qualification_failed")
NEEDS_PART = (*QUALIFICATION, "award")
USES_VALUE = ("award", "supplier_late")


def empty_actuals() -> pd.DataFrame:
    """The typed table of a project with no Actuals sheet."""
    return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in COLUMNS})


def actuals_of(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """A project's typed Actuals table, empty when it has none."""
    frame = tables.get(SHEET)
    return empty_actuals() if frame is None else frame


def event_value(event: str, cell: object) -> float:
    """The number an event's `value` cell holds (NaN when blank or not used by the event);
    raises ParseError with a sentence when it is not what the event needs."""
    if event not in USES_VALUE or is_blank(cell):
        return math.nan
    if event == "award":
        return _share(cell)
    return _periods(cell)


def _share(cell: object) -> float:
    """0.6, '60%' or 60: a share, as the app reads a share typed alone."""
    value, percent = parse_share(cell)
    share = value if percent else bare_share(value)
    if share is None or not 0 <= share <= 1 or (value < 0):
        raise ParseError(
            t(
                "The share of an award must be between 0 and 100% (0.6, 60% or 60), not {v}.",
                "Tỷ lệ trao thầu phải từ 0 đến 100% (0.6, 60% hoặc 60), không phải {v}.",
                v=clean_text(cell),
            )
        )
    return float(share)


def _periods(cell: object) -> float:
    """Whole periods late, 1 or more."""
    try:
        value, percent = parse_share(cell)
    except ParseError:
        value, percent = math.nan, False
    if percent or not math.isfinite(value) or value < 1 or not float(value).is_integer():
        raise ParseError(
            t(
                "A late supplier's value is the whole periods it is late, 1 or more, not {v}.",
                "Giá trị của NCC trễ là số kỳ trễ, số nguyên từ 1 trở lên, không phải {v}.",
                v=clean_text(cell),
            )
        )
    return float(value)


def typed_actuals(frame: pd.DataFrame) -> pd.DataFrame:
    """The checked sheet as the re-plan reads it: ids as text, `value` a number (NaN when the
    event does not use it), the Excel row numbers kept as the index."""
    out = frame.reindex(columns=COLUMNS).copy()
    for col in ("period", "event", "component_id", "supplier_id", "note"):
        out[col] = ["" if is_blank(v) else clean_text(v) for v in out[col]]
    values = []
    for event, cell in zip(out["event"], frame.get("value", out["value"]), strict=True):
        try:
            values.append(event_value(event, cell))
        except ParseError:
            values.append(math.nan)  # reported by actuals_problems: no project then
    out["value"] = pd.Series(values, index=out.index, dtype=float)
    return out


class _Rules:
    """The rows' problems, against the project's ids."""

    def __init__(self, periods, components, suppliers, offers) -> None:
        self.periods = set(periods)
        self.parts = set(components.get("component_id", ())) - {""}
        incumbent = components.get("current_supplier", pd.Series(dtype=object))
        self.incumbent = dict(zip(components.get("component_id", ()), incumbent, strict=True))
        self.suppliers = set(suppliers.get("supplier_id", ())) | set(self.incumbent.values())
        self.suppliers -= {""}
        self.offers = set(
            zip(offers.get("component_id", ()), offers.get("supplier_id", ()), strict=True)
        )
        self.out: list[Problem] = []

    def add(self, severity: Severity, row: int, column: str, message: Text, code: str) -> None:
        self.out.append(Problem(severity, SHEET, row, column, message, code))

    def row(self, row: int, r: pd.Series) -> None:
        event, part, sup = r["event"], r["component_id"], r["supplier_id"]
        if r["period"] and r["period"] not in self.periods:
            self.add(ERROR, row, "period", _unknown_period(r["period"]), "actuals_period")
        if sup and sup not in self.suppliers:
            self.add(ERROR, row, "supplier_id", _unknown("supplier", sup), "actuals_supplier")
            sup = ""
        if part and part not in self.parts:
            self.add(ERROR, row, "component_id", _unknown("part", part), "actuals_part")
            part = ""
        if not event:
            return  # its cell's own problem is reported
        self.ids(row, event, r["component_id"], part, sup)
        self.value(row, event, r["value"])

    def ids(self, row: int, event: str, typed_part: str, part: str, sup: str) -> None:
        if event in NEEDS_PART and not typed_part:
            self.add(ERROR, row, "component_id", _needs_part(event), "actuals_needs_part")
        if event == "onboarded" and typed_part:
            self.add(WARNING, row, "component_id", _part_unused(), "actuals_part_unused")
        if not (part and sup):
            return
        paired = (part, sup) in self.offers
        if event in QUALIFICATION or (event == "supplier_late" and typed_part):
            if not paired:
                self.add(ERROR, row, "supplier_id", _no_offer(part, sup), "actuals_no_offer")
        elif event == "award" and not paired and self.incumbent.get(part) != sup:
            self.add(ERROR, row, "supplier_id", _no_source(part, sup), "actuals_no_offer")

    def value(self, row: int, event: str, cell: object) -> None:
        if event in USES_VALUE and is_blank(cell):
            self.add(ERROR, row, "value", _needs_value(event), "actuals_needs_value")
            return
        if event not in USES_VALUE and not is_blank(cell):
            self.add(WARNING, row, "value", _value_unused(event), "actuals_value_unused")
            return
        try:
            event_value(event, cell)
        except ParseError as exc:
            self.add(ERROR, row, "value", exc.reason, "actuals_value")


def actuals_problems(
    frame: pd.DataFrame | None,
    components: pd.DataFrame | None,
    suppliers: pd.DataFrame | None,
    offers: pd.DataFrame | None,
    periods: Iterable[str],
) -> list[Problem]:
    """Every problem of the typed Actuals sheet (None or empty: none) against the project's
    periods, parts, suppliers and offers (typed sheets; None when the sheet is missing)."""
    if frame is None or len(frame) == 0:
        return []
    none = pd.DataFrame()
    rules = _Rules(
        list(periods),
        components if components is not None else none,
        suppliers if suppliers is not None else none,
        offers if offers is not None else none,
    )
    rows = frame.reindex(columns=COLUMNS).fillna("")
    for row, r in rows.iterrows():
        rules.row(int(row), r)  # the index is the Excel row
    return rules.out + _over_full(frame)


def _over_full(frame: pd.DataFrame) -> list[Problem]:
    """Awards of one part in one period adding up to more than 100%: one error, at the last
    row of the part and period."""
    typed = typed_actuals(frame)
    awards = typed[(typed["event"] == "award") & typed["component_id"].astype(bool)]
    out = []
    for (per, part), group in awards.groupby(["period", "component_id"], sort=False):
        total = float(np.nansum(group["value"].to_numpy(float)))
        if total > 1 + 1e-9:
            out.append(
                Problem(
                    ERROR,
                    SHEET,
                    int(group.index[-1]),
                    "value",
                    t(
                        "The awards of {c} in {p} add up to {s:.1%}, more than 100%.",
                        "Các lần trao thầu {c} trong kỳ {p} cộng lại {s:.1%}, quá 100%.",
                        c=part,
                        p=per,
                        s=total,
                    ),
                    "actuals_over_full",
                )
            )
    return out


# The sentences ----------------------------------------------------------------------------

_EVENT_VI = {
    "onboarded": "đã đánh giá NCC",
    "qualification_started": "bắt đầu phê duyệt",
    "qualification_done": "phê duyệt xong",
    "qualification_failed": "phê duyệt không đạt",
    "award": "trao thầu",
    "supplier_late": "NCC trễ",
}


def event_vi(event: str) -> str:
    """An event's code as a Vietnamese reader reads it ('phê duyệt không đạt')."""
    return _EVENT_VI.get(event, event)


def _unknown_period(period: str) -> Text:
    return t(
        "{p} is not a period of the project (the Periods sheet).",
        "{p} không phải một kỳ của dự án (sheet Kỳ).",
        p=period,
    )


def _unknown(what: str, name: str) -> Text:
    if what == "part":
        return t(
            "There is no part '{n}' in the project (the Components sheet).",
            "Dự án không có linh kiện '{n}' (sheet Linh kiện).",
            n=name,
        )
    return t(
        "There is no supplier '{n}' in the project (the Suppliers sheet or an incumbent).",
        "Dự án không có nhà cung cấp '{n}' (sheet Nhà cung cấp hoặc NCC hiện tại).",
        n=name,
    )


def _needs_part(event: str) -> Text:
    return t(
        "A {e} event needs the part it is about.",
        "Sự kiện {e} ({v}) cần mã linh kiện.",
        e=event,
        v=event_vi(event),
    )


def _part_unused() -> Text:
    return t(
        "A supplier is onboarded once for all its parts: the part is not used.",
        "Nhà cung cấp được đánh giá một lần cho mọi linh kiện: mã linh kiện không được dùng.",
    )


def _no_offer(part: str, sup: str) -> Text:
    return t(
        "{s} has no offer for {c} (the Offers sheet): there is no qualification to record.",
        "{s} không có báo giá cho {c} (sheet Báo giá): không có phê duyệt nào để ghi.",
        s=sup,
        c=part,
    )


def _no_source(part: str, sup: str) -> Text:
    return t(
        "{s} is neither the incumbent of {c} nor has an offer for it: it cannot be awarded it.",
        "{s} không phải NCC hiện tại của {c} và không có báo giá cho nó: không thể trao thầu.",
        s=sup,
        c=part,
    )


def _needs_value(event: str) -> Text:
    if event == "award":
        return t(
            "An award needs the share bought in the value column (0.6, 60% or 60).",
            "Trao thầu cần tỷ lệ mua ở cột giá trị (0.6, 60% hoặc 60).",
        )
    return t(
        "A late supplier needs the whole periods it is late in the value column.",
        "NCC trễ cần số kỳ trễ (số nguyên) ở cột giá trị.",
    )


def _value_unused(event: str) -> Text:
    return t(
        "A {e} event has no value: it is not used.",
        "Sự kiện {e} ({v}) không có giá trị: giá trị này không được dùng.",
        e=event,
        v=event_vi(event),
    )
