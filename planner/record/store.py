"""The plan of record as sheets of the project workbook: every approved version's summary
(`Plan versions`), every version's decisions (`Plan of record`: onboardings, qualification
starts, shares per part, supplier and period) and the fingerprints of the inputs the latest
version was approved on (`Plan inputs`).

The sheets are plain tables the app writes and reads back (planner.io.read keeps them in
RawProject.records); a decision is stored as its exact value, so the plan rebuilt from them
is the plan approved, figure for figure. A sheet edited by hand so that it no longer reads
is refused with its sheet, row and column, never half read.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner import fields
from planner import version as app_version
from planner.io.marks import RECORD_SHEETS
from planner.plan import Plan, Status
from planner.problems import ERROR, Problem
from planner.project import TypedProject
from planner.record.fingerprint import INPUT_COLUMNS, inputs_print, row_prints
from planner.text import t

VERSION_COLUMNS = [
    "version",
    "approved_on",
    "approved_by",
    "note",
    "through",  # re-planned from what happened through this period (blank: planned whole)
    "status",
    "total_cost",
    "material_cost",
    "one_time_cost",
    "tariff_cost",
    "sunk_cost",  # spent on qualifications that failed before this version (not in the total)
    "currency",
    "inputs",  # the fingerprint of every input row (planner.record.fingerprint)
    "settings",  # the settings planned with, as JSON
    "app_version",
]
DECISION_COLUMNS = ["version", "kind", "component_id", "supplier_id", "period", "share"]
ONBOARD, START, SHARE = "onboard", "start_qualification", "share"
MONEY = ("total_cost", "material_cost", "one_time_cost", "tariff_cost", "sunk_cost")


@dataclass(frozen=True)
class Version:
    number: int
    approved_on: str
    approved_by: str
    note: str
    through: str
    status: str
    total_cost: float
    material_cost: float
    one_time_cost: float
    tariff_cost: float
    sunk_cost: float
    currency: str
    inputs: str
    settings: str
    app_version: str

    def row(self) -> list[object]:
        return [self.number, *(getattr(self, c) for c in VERSION_COLUMNS[1:])]


@dataclass(frozen=True)
class Record:
    versions: tuple[Version, ...]
    decisions: pd.DataFrame  # DECISION_COLUMNS, every version's
    inputs: pd.DataFrame  # INPUT_COLUMNS, the latest version's

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    def version(self, number: int) -> Version | None:
        return next((v for v in self.versions if v.number == number), None)

    def decisions_of(self, number: int) -> pd.DataFrame:
        rows = self.decisions[self.decisions["version"] == number]
        return rows.drop(columns="version").reset_index(drop=True)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The three sheets' rows (RawProject.records)."""
        return {
            "versions": pd.DataFrame([v.row() for v in self.versions], columns=VERSION_COLUMNS),
            "decisions": self.decisions[DECISION_COLUMNS].reset_index(drop=True),
            "inputs": self.inputs[INPUT_COLUMNS].reset_index(drop=True),
        }


def plan_decisions(plan: Plan) -> pd.DataFrame:
    """A plan's decisions (DECISION_COLUMNS but the version): what the plan of record keeps."""
    acts = plan.actions
    chosen = acts[acts["kind"].isin([ONBOARD, START])]
    rows = [
        (k, "" if k == ONBOARD else c, s, p, math.nan)
        for k, c, s, p in chosen[["kind", "component_id", "supplier_id", "period"]].itertuples(
            index=False
        )
    ]
    alloc = plan.allocation[plan.allocation["share"] > 0]
    rows += [
        (SHARE, c, s, p, float(v))
        for c, s, p, v in alloc[["component_id", "supplier_id", "period", "share"]].itertuples(
            index=False
        )
    ]
    return pd.DataFrame(rows, columns=DECISION_COLUMNS[1:])


def as_plan(decisions: pd.DataFrame) -> Plan:
    """Stored decisions as the two tables planner.optimise.decisions.from_plan reads."""
    acts = decisions[decisions["kind"] != SHARE]
    shares = decisions[decisions["kind"] == SHARE]
    return Plan(
        status=Status.FEASIBLE,
        actions=pd.DataFrame(
            {
                "period": acts["period"].astype(str),
                "kind": acts["kind"],
                "component_id": acts["component_id"].fillna("").astype(str),
                "supplier_id": acts["supplier_id"].astype(str),
            }
        ),
        allocation=pd.DataFrame(
            {
                "component_id": shares["component_id"].astype(str),
                "supplier_id": shares["supplier_id"].astype(str),
                "period": shares["period"].astype(str),
                "share": shares["share"].astype(float),
            }
        ),
    )


def approve(
    record: Record | None,
    project: TypedProject,
    plan: Plan,
    by: str,
    note: str = "",
    *,
    through: str = "",
    sunk_cost: float = 0.0,
    when: dt.datetime | None = None,
) -> Record:
    """`record` with `plan` added as its next version: the plan of record from now on. Only a
    plan that passed the independent checker is approved."""
    if not plan.verified or plan.total_cost is None:
        raise ValueError("only a verified plan can be approved")
    number = record.latest.number + 1 if record is not None else 1
    prints = row_prints(project)
    periods = plan.periods
    settings = {f.key: _json_value(project.settings.value(f.key)) for f in fields.current()}
    entry = Version(
        number=number,
        approved_on=(when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M"),
        approved_by=by.strip(),
        note=note.strip(),
        through=through,
        status=plan.status.value,
        total_cost=float(plan.total_cost),
        material_cost=float(periods["material_cost"].sum()),
        one_time_cost=float(periods["one_time_cost"].sum()),
        tariff_cost=float(periods["tariff_cost"].sum()),
        # what failed before stays sunk: a re-plan from a re-planned version adds to it
        sunk_cost=float(sunk_cost) + (record.latest.sunk_cost if record and through else 0.0),
        currency=project.settings.currency,
        inputs=inputs_print(prints),
        settings=json.dumps(settings, ensure_ascii=False, sort_keys=True),
        app_version=app_version(),
    )
    decisions = plan_decisions(plan)
    decisions.insert(0, "version", number)
    old = record.decisions if record is not None else pd.DataFrame(columns=DECISION_COLUMNS)
    inputs = prints.copy()
    inputs.insert(0, "version", number)
    versions = (*(record.versions if record is not None else ()), entry)
    return Record(versions, pd.concat([old, decisions], ignore_index=True), inputs)


def _json_value(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else str(value)
    if hasattr(value, "item"):
        return value.item()
    return value


# reading the sheets back -------------------------------------------------------------------
class Unreadable(Exception):
    """A record sheet that no longer reads; `problem` says where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.en)
        self.problem = problem


def _problem(key: str, row: int | None, column: str | None, en: str, vi: str, **kw) -> Problem:
    return Problem(
        ERROR,
        RECORD_SHEETS[key][0],
        row,
        column,
        t(
            en + " The plan of record cannot be read: approve a plan again, or undo the edit.",
            vi + " Không đọc được kế hoạch đã duyệt: hãy duyệt lại, hoặc hoàn tác sửa đổi.",
            **kw,
        ),
        "record_unreadable",
    )


def _columns(key: str, frame: pd.DataFrame, wanted: list[str]) -> None:
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise Unreadable(
            _problem(
                key, 1, missing[0], "The column {c} is missing.", "Thiếu cột {c}.", c=missing[0]
            )
        )


def _number(key: str, frame: pd.DataFrame, column: str, blank_ok: bool = False) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    given = frame[column].map(lambda v: v is not None and v == v and str(v).strip() != "")
    bad = (values.isna() & given) | (values.isna() & ~given & (not blank_ok))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise Unreadable(
            _problem(
                key,
                i + 2,
                column,
                "'{v}' is not a number.",
                "'{v}' không phải là số.",
                v=frame[column].iloc[i],
            )
        )
    return values.astype(float)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].map(lambda v: "" if v is None or v != v else str(v).strip())


def read_record(records: dict[str, pd.DataFrame]) -> Record | None:
    """The plan of record in a workbook's record sheets; None when it has none. Raises
    Unreadable for sheets edited so that they do not read."""
    versions = records.get("versions")
    if versions is None or versions.empty:
        return None
    _columns("versions", versions, VERSION_COLUMNS)
    numbers = _number("versions", versions, "version")
    money = {c: _number("versions", versions, c, blank_ok=True).fillna(0.0) for c in MONEY}
    texts = {c: _text(versions, c) for c in VERSION_COLUMNS if c not in MONEY and c != "version"}

    def entry(i: int) -> Version:
        given: dict[str, Any] = {c: texts[c].iloc[i] for c in texts}
        given.update({c: float(money[c].iloc[i]) for c in MONEY})
        return Version(int(numbers.iloc[i]), **given)

    entries = tuple(entry(i) for i in range(len(versions)))
    for i in range(1, len(entries)):
        if entries[i].number <= entries[i - 1].number:
            raise Unreadable(
                _problem(
                    "versions",
                    i + 2,
                    "version",
                    "Versions must go up: {n} after {m}.",
                    "Số phiên bản phải tăng dần: {n} sau {m}.",
                    n=entries[i].number,
                    m=entries[i - 1].number,
                )
            )
    decisions = decisions_table(records.get("decisions"))
    inputs = records.get("inputs")
    if inputs is None:
        inputs = pd.DataFrame(columns=INPUT_COLUMNS)
    _columns("inputs", inputs, INPUT_COLUMNS)
    inputs = inputs.assign(row=_number("inputs", inputs, "row", blank_ok=True))
    return Record(
        entries,
        decisions,
        inputs[INPUT_COLUMNS].astype({"sheet": str, "row_key": str, "fingerprint": str}),
    )


def decisions_table(frame: pd.DataFrame | None) -> pd.DataFrame:
    if frame is None:
        return pd.DataFrame(columns=DECISION_COLUMNS)
    _columns("decisions", frame, DECISION_COLUMNS)
    out = pd.DataFrame(
        {c: _text(frame, c) for c in ("kind", "component_id", "supplier_id", "period")}
    )
    out.insert(0, "version", _number("decisions", frame, "version").astype(int))
    out["share"] = _number("decisions", frame, "share", blank_ok=True)
    bad = ~out["kind"].isin([ONBOARD, START, SHARE])
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise Unreadable(
            _problem(
                "decisions",
                i + 2,
                "kind",
                "'{v}' is not a decision (onboard, start_qualification or share).",
                "'{v}' không phải là quyết định (onboard, start_qualification hoặc share).",
                v=out["kind"].iloc[i],
            )
        )
    return out[DECISION_COLUMNS]


__all__ = [
    "DECISION_COLUMNS",
    "VERSION_COLUMNS",
    "Record",
    "Unreadable",
    "Version",
    "approve",
    "as_plan",
    "plan_decisions",
    "read_record",
]
