"""What the printed plan's sign-off page says about the plan of record: the version this plan
would become (or is), the last version approved before it, and what changed since (the last
version priced in the project as it is now and compared with this plan)."""

from __future__ import annotations

import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.record.store import Record, Version, plan_decisions
from planner.replanning.restore import plan_of_record
from planner.report.plan_diff import diff_plans
from planner.report.signoff import Approval, SignOff


def _approval(v: Version) -> Approval:
    return Approval(v.number, v.approved_on, v.approved_by, v.note)


def _key(frame: pd.DataFrame) -> list[tuple]:
    rows = frame[["kind", "component_id", "supplier_id", "period", "share"]].fillna(-1.0)
    return sorted(
        (k, str(c), str(s), str(p), round(float(v), 12))
        for k, c, s, p, v in rows.itertuples(index=False)
    )


def is_version(plan: Plan, record: Record, number: int) -> bool:
    """`plan` makes exactly the decisions of version `number`."""
    return _key(plan_decisions(plan)) == _key(record.decisions_of(number))


def signoff_for(
    project: TypedProject,
    plan: Plan,
    record: Record | None,
    alternatives: pd.DataFrame | None = None,
    chosen: str | None = None,
    base: TypedProject | None = None,
    replanned: tuple[str, float] | None = None,
) -> SignOff:
    """The sign-off context of `plan`: version 1 when nothing was approved; the plan of record
    itself (against the version before it); or the next version against the plan of record.
    The versions are priced in `base` (default `project`): the project as the user has it,
    when `project` is a re-plan's copy with the facts applied. `replanned`: (through, sunk)
    of a re-plan not yet approved (an approved version says its own)."""
    found = _signoff(project, plan, record, alternatives, chosen, base)
    if replanned is not None:
        found.through, found.sunk_cost = replanned
    elif record is not None and found.version == record.latest.number:
        found.through, found.sunk_cost = record.latest.through, record.latest.sunk_cost
    return found


def _signoff(
    project: TypedProject,
    plan: Plan,
    record: Record | None,
    alternatives: pd.DataFrame | None,
    chosen: str | None,
    base: TypedProject | None,
) -> SignOff:
    if record is None:
        return SignOff(1, None, None, alternatives, chosen)
    latest = record.latest
    if is_version(plan, record, latest.number):
        earlier = [v for v in record.versions if v.number < latest.number]
        if not earlier:
            return SignOff(latest.number, None, None, alternatives, chosen)
        before, number = earlier[-1], latest.number
    else:
        before, number = latest, latest.number + 1
    old = plan_of_record(base or project, record, before.number).plan
    diff = None
    if old.verified:  # a version that no longer holds is not compared figure by figure
        diff = diff_plans(
            old,
            plan,
            project,
            old_name=f"v{before.number}",
            new_name=f"v{number}",
            events=_events(project),
        )
    return SignOff(number, _approval(before), diff, alternatives, chosen)


def _events(project: TypedProject) -> pd.DataFrame | None:
    frame = project.tables.get("Actuals")
    return frame if frame is not None and len(frame) else None


__all__ = ["is_version", "signoff_for"]
