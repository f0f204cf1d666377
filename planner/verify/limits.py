"""Limits by period: one-time spending within the budget, qualifications started within the
slots and running at once within the limit. A period that happened (a stress test) spent its
budget and made its starts: its limits are not checked again, though a qualification started
then still runs in later periods."""

from __future__ import annotations

from collections.abc import Callable

from planner.verify.common import TOL
from planner.verify.view import PlanView

PeriodRule = Callable[[PlanView, int], "str | None"]


def over_budget(view: PlanView, t: int) -> str | None:
    spent, budget = view.one_time[t], view.inp.budget[t]
    if spent > budget * (1 + TOL) + TOL:
        return f"{view.periods[t]}: one-time spending {spent:,.0f} exceeds the budget {budget:,.0f}"
    return None


def too_many_starts(view: PlanView, t: int) -> str | None:
    started, slots = view.starts_by_period[t], view.inp.slots[t]
    if started > slots + TOL:
        return f"{view.periods[t]}: {started:.0f} qualifications start, more than {slots:.0f}"
    return None


def too_many_running(view: PlanView, t: int) -> str | None:
    running, limit = view.in_progress[t], view.inp.running[t]
    if running > limit + TOL:
        return f"{view.periods[t]}: {running:.0f} qualifications run at once, more than {limit:.0f}"
    return None


def each_period(view: PlanView, *rules: PeriodRule) -> list[str]:
    """The rules' findings, period by period (each period's in the rules' order)."""
    found = (rule(view, t) for t in range(view.T) if not view.past[t] for rule in rules)
    return [text for text in found if text]


def check_budget(view: PlanView) -> list[str]:
    return each_period(view, over_budget)


def check_qualification_slots(view: PlanView) -> list[str]:
    return each_period(view, too_many_starts, too_many_running)


def check_period_limits(view: PlanView) -> list[str]:
    """Budget, slots and qualifications in progress, period by period."""
    return each_period(view, over_budget, too_many_starts, too_many_running)
