"""One deadline for a whole plan: the user's time limit covers reading, the first plan, the
improvement, verification and, for an infeasible project, the explanation. Every phase asks
the same object how long it may take; none keeps a clock of its own.

The time limit does two things. It sizes each phase's work budget (nodes, simplex
iterations: planner.optimise.search), which alone decides the plan, so a busy machine gets
the same plan as an idle one. And it is a safety net: a phase whose work is not done when its
share of the limit runs out ends there, and the plan says so (`stopped_by` "clock"). With
`clock=False` the safety net is off (the same plan, however long it takes): for tests and
for comparing machines.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from planner.plan import StoppedBy

NO_CLOCK_S = 1e6  # a phase's "time left" when the clock is off


@dataclass
class Deadline:
    limit: float  # seconds
    should_stop: Callable[[], bool] = field(default=lambda: False)
    start: float = field(default_factory=time.monotonic)
    clock: bool = True  # False: only the work budgets and Cancel end the search
    clocked: bool = False  # some phase was ended by the clock before its work was done

    @property
    def end(self) -> float:
        return self.start + self.limit

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def remaining(self) -> float:
        if not self.clock:
            return NO_CLOCK_S
        return max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        return self.clock and time.monotonic() >= self.end

    def stopped(self) -> bool:
        """Cancelled by the user, or out of time."""
        return self.should_stop() or self.expired()

    def until(self, fraction: float) -> float:
        """The monotonic time at `fraction` of the limit (for a phase's share of it)."""
        if not self.clock:
            return time.monotonic() + NO_CLOCK_S
        return self.start + fraction * self.limit

    def left_until(self, fraction: float) -> float:
        return max(0.0, self.until(fraction) - time.monotonic())

    def stopped_by(self, proven: bool) -> StoppedBy:
        """What ended the search: cancel, clock (a phase's time ran out before its work was
        done), optimal (proven within the gap) or work (every budget spent)."""
        if self.should_stop():
            return StoppedBy.CANCEL
        if self.clocked:
            return StoppedBy.CLOCK
        return StoppedBy.OPTIMAL if proven else StoppedBy.WORK
