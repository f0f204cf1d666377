"""A stress test's facts: the plan keeps the qualifications started, the suppliers onboarded
and the awards made in the periods that happened, and does nothing else then."""

from __future__ import annotations

from planner.verify.common import TOL
from planner.verify.view import PlanView


def check_kept(view: PlanView) -> list[str]:
    """The facts a stress test kept are the plan's (nothing to check without a stress test)."""
    if view.kept is None:
        return []
    return [*_kept_starts(view), *_kept_onboarding(view), *_kept_awards(view)]


def _kept_starts(view: PlanView) -> list[str]:
    kept, periods = view.kept, view.periods
    assert kept is not None  # check_kept looks only when a stress test kept something
    out = []
    for (c, sup), per in kept.starts.items():
        if view.start_at.get((c, sup)) != view.index.get(per):
            out.append(f"the qualification of {c} with {sup} started in {per} is not kept")
    for (c, sup), t0 in view.start_at.items():
        if view.past[t0] and kept.starts.get((c, sup)) != periods[t0]:
            out.append(f"{c} with {sup} starts qualifying in {periods[t0]}, which has happened")
    return out


def _kept_onboarding(view: PlanView) -> list[str]:
    kept, periods = view.kept, view.periods
    assert kept is not None  # check_kept looks only when a stress test kept something
    out = []
    for sup, per in kept.onboards.items():
        if view.board_at.get(sup) != view.index.get(per):
            out.append(f"{sup}, onboarded in {per}, is not kept")
    for sup, t0 in view.board_at.items():
        if view.past[t0] and kept.onboards.get(sup) != periods[t0]:
            out.append(f"{sup} is onboarded in {periods[t0]}, which has happened")
    return out


def _kept_awards(view: PlanView) -> list[str]:
    """Each kept (part, period) holds exactly its awards then, every other offer nothing."""
    kept = view.kept
    assert kept is not None
    stacked = view.share.stack()
    held = {
        (c, sup, per): float(v)
        for (c, sup, per), v in stacked[stacked > 0].items()
        if (c, per) in kept.parts
    }
    out = []
    for key in sorted(set(held) | set(kept.awards)):
        c, sup, per = key
        if (c, per) not in kept.parts:
            continue
        now, then = held.get(key, 0.0), kept.awards.get(key, 0.0)
        if abs(now - then) > TOL:
            out.append(
                f"{c}/{sup} holds {now:.4%} in {per}, not the {then:.4%} it was awarded then"
            )
    return out
