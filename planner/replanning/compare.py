"""Two plans side by side, for "what changed": two approved versions of one project, a new
plan against the plan of record, or the plans two workbooks hold.

Each plan is priced in its own project (a version in the project as it is now, a workbook's
plan in that workbook's inputs), through the independent checker; only checked plans are
compared (planner.report.plan_diff)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.io.read import read_project
from planner.plan import Plan
from planner.project import TypedProject
from planner.record.store import Record
from planner.record.workbook import plan_in, record_of
from planner.replanning.restore import plan_of_record
from planner.report import fmt
from planner.report.plan_diff import PlanDiff, diff_plans
from planner.text import Text, t
from planner.validate import validate


@dataclass
class Side:
    """One plan of a comparison: its name as shown, the plan, the project it is priced in."""

    name: str
    plan: Plan
    project: TypedProject
    events: object = None  # the Actuals table of its project, when it has rows
    sunk_cost: float = 0.0  # spent on facts its plan does not carry (a re-planned version)


class NotComparable(Exception):
    """Why two plans cannot be compared, in both languages (it pickles: raised in a child)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text.en


def version_side(project: TypedProject, record: Record, number: int) -> Side:
    """Version `number` of the plan of record, priced in the project as it is now."""
    standing = plan_of_record(project, record, number)
    if not standing.plan.verified:
        raise NotComparable(
            t(
                "Version {n} does not hold in the project as it is now: {v}",
                "Phiên bản {n} không còn đúng với dự án hiện tại: {v}",
                n=number,
                v="; ".join(standing.plan.violations[:2]) or standing.plan.status.value,
            )
        )
    return Side(f"v{number}", standing.plan, project, _events(project), standing.version.sunk_cost)


def _events(project: TypedProject):
    frame = project.tables.get("Actuals")
    return frame if frame is not None and len(frame) else None


def file_side(path: Path | str, version: int | None = None) -> Side:
    """The plan a workbook holds: a plan workbook's own plan, else (or with `version`) its plan
    of record, priced in that workbook's inputs."""
    from planner.optimise import plan_as_given

    raw = read_project(path)
    result = validate(raw)
    name = Path(path).name
    if not result.ok or result.project is None:
        first = result.errors[0].format("en") if result.errors else ""
        raise NotComparable(t("{f} has errors: {e}", "{f} có lỗi: {e}", f=name, e=first))
    project = result.project
    own = plan_in(raw) if version is None else None
    if own is not None:
        plan = plan_as_given(project, own)
        if not plan.verified:
            raise NotComparable(
                t(
                    "The plan in {f} does not pass the independent check: {v}",
                    "Kế hoạch trong {f} không qua kiểm tra độc lập: {v}",
                    f=name,
                    v="; ".join(plan.violations[:2]),
                )
            )
        return Side(name, plan, project, _events(project))
    record = record_of(raw)
    if record is None:
        raise NotComparable(
            t(
                "{f} holds neither a plan nor a plan of record.",
                "{f} không có kế hoạch nào, cũng không có kế hoạch đã duyệt.",
                f=name,
            )
        )
    side = version_side(project, record, version or record.latest.number)
    side.name = f"{name} v{version or record.latest.number}"
    return side


def compared(old: Side, new: Side) -> PlanDiff:
    """What changed from `old` to `new` (planner.report.plan_diff), the new project's events
    explaining the lines they concern, and the money a re-planned version no longer counts
    (a failed qualification's cost is sunk, not a saving) said in the headline."""
    diff = diff_plans(
        old.plan,
        new.plan,
        new.project,
        old_name=old.name,
        new_name=new.name,
        events=new.events,
    )
    sunk = new.sunk_cost - old.sunk_cost
    if sunk > 0.005:
        currency = new.project.settings.currency
        diff.headline.append(
            t(
                "{n} does not count {m} already spent on what failed or can no longer "
                "deliver (sunk).",
                "{n} không tính {m_vi} đã chi cho việc không đạt hoặc không còn kịp giao "
                "hàng (chi phí chìm).",
                n=new.name,
                m=fmt.money(sunk, "en", currency),
                m_vi=fmt.money(sunk, "vi", currency),
            )
        )
    return diff


__all__ = ["NotComparable", "Side", "compared", "file_side", "version_side"]
