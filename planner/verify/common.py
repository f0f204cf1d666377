"""What every family of the checker shares: its tolerances, the facts a stress test kept, the
result, and a comparison of money figures."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

TOL = 1e-6  # shares and rules
MONEY = 1e-6  # relative, on money figures


@dataclass(frozen=True)
class Kept:
    """What a stress test kept of an earlier plan up to period `until` (it happened): the
    qualifications started then, (part, supplier) -> period; the suppliers onboarded then;
    the awards, (part, supplier, period) -> share, of the (part, period) pairs in `parts`
    (every other offer of such a part holds nothing then)."""

    until: str
    starts: dict[tuple[str, str], str] = field(default_factory=dict)
    onboards: dict[str, str] = field(default_factory=dict)
    awards: dict[tuple[str, str, str], float] = field(default_factory=dict)
    parts: frozenset[tuple[str, str]] = frozenset()


@dataclass
class Check:
    violations: list[str] = field(default_factory=list)
    total_cost: float = 0.0
    material_cost: float = 0.0
    one_time_cost: float = 0.0
    tariff_cost: float = 0.0
    china_share: dict[tuple[str, str], float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations


def differs(a: float, b: float) -> bool:
    """Two money figures differ by more than rounding (two blanks are the same)."""
    if (a is None or (isinstance(a, float) and math.isnan(a))) and (
        b is None or (isinstance(b, float) and math.isnan(b))
    ):
        return False
    return abs(float(a) - float(b)) > MONEY * max(1.0, abs(float(a)), abs(float(b))) + 0.01


def column(frame: pd.DataFrame, name: str, default: object) -> pd.Series:
    """An optional column, or its default on every row."""
    return frame[name] if name in frame.columns else pd.Series(default, index=frame.index)


def cells(mask: np.ndarray) -> Iterator[tuple[int, int]]:
    """The (row, period) cells where a rows x periods mask holds, row by row."""
    return zip(*np.nonzero(mask), strict=True)
