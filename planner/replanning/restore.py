"""The plan of record as it stands now: an approved version's decisions priced in the project
as it is, through the independent checker, and the inputs that changed since it was approved.

No search runs: reopening a project shows its plan of record in the time it takes to price
it. When no input changed, the figures are the ones approved (the decisions are stored
exactly); when some did, the plan is shown out of date against its inputs, the rows named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.plan import Plan
from planner.project import TypedProject
from planner.record.fingerprint import Change, changes, row_prints, summarise
from planner.record.store import Record, Version, as_plan
from planner.text import Text


@dataclass
class Standing:
    """A version of the plan of record against the project as it is now."""

    record: Record
    version: Version
    plan: Plan  # verified in the project now, or status ERROR with the checker's findings
    changed: list[Change] = field(default_factory=list)  # input rows changed since approval
    latest: bool = True  # the plan of record (the last version approved)

    @property
    def current(self) -> bool:
        """Its inputs are the ones it was approved on."""
        return not self.changed

    def changes_text(self) -> list[Text]:
        return summarise(self.changed)


def plan_of_record(project: TypedProject, record: Record, number: int | None = None) -> Standing:
    """Version `number` (default: the latest, the plan of record) priced in `project`."""
    version = record.latest if number is None else record.version(number)
    if version is None:
        raise KeyError(number)
    given = as_plan(record.decisions_of(version.number))
    plan = _priced(project, record, version, given)
    latest = version.number == record.latest.number
    found = changes(record.inputs, row_prints(project)) if latest else []
    return Standing(record, version, plan, found, latest)


def _priced(project: TypedProject, record: Record, version: Version, given: Plan) -> Plan:
    """A version's decisions priced. A re-planned version (through a period) is priced as it
    was approved: in the project with what happened applied (the version before it corrected
    by the Actuals through that period: planner.replanning.replan.what_happened), its facts
    checked as facts."""
    from planner.optimise import plan_as_given
    from planner.replanning.replan import what_happened

    earlier = [v for v in record.versions if v.number < version.number]
    if not version.through or version.through not in project.periods or not earlier:
        return plan_as_given(project, given)
    before = as_plan(record.decisions_of(earlier[-1].number))
    _, fixed, commitments = what_happened(project, before, version.through, earlier[-1].through)
    if fixed is None or commitments is None:  # the Actuals no longer agree with the record
        return plan_as_given(project, given)
    return plan_as_given(fixed, given, commitments=commitments)


__all__ = ["Standing", "plan_of_record"]
