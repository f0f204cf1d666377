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
    from planner.optimise import plan_as_given  # the solve pipeline, when a record is shown

    version = record.latest if number is None else record.version(number)
    if version is None:
        raise KeyError(number)
    plan = plan_as_given(project, as_plan(record.decisions_of(version.number)))
    latest = version.number == record.latest.number
    found = changes(record.inputs, row_prints(project)) if latest else []
    return Standing(record, version, plan, found, latest)


__all__ = ["Standing", "plan_of_record"]
