"""One deadline for a whole plan: the user's time limit covers reading, the first plan, the
improvement, verification and, for an infeasible project, the explanation. Every phase asks
the same object how long it may take; none keeps a clock of its own."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Deadline:
    limit: float  # seconds
    should_stop: Callable[[], bool] = field(default=lambda: False)
    start: float = field(default_factory=time.monotonic)

    @property
    def end(self) -> float:
        return self.start + self.limit

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.end

    def stopped(self) -> bool:
        """Cancelled by the user, or out of time."""
        return self.should_stop() or self.expired()

    def until(self, fraction: float) -> float:
        """The monotonic time at `fraction` of the limit (for a phase's share of it)."""
        return self.start + fraction * self.limit

    def left_until(self, fraction: float) -> float:
        return max(0.0, self.until(fraction) - time.monotonic())
