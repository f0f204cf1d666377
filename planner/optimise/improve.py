"""Better plans until the deadline: fix-and-optimise over groups of parts (a large
neighbourhood search around the OR-Tools MIP solvers).

Each step frees the decisions of one group of parts (their shares, qualification starts and
incumbent exits), every tariff tier and the onboarding of the suppliers those parts could
use, fixes everything else at the current plan, and solves that small MIP with SCIP from the
current plan (a warm start, so it is never worse). Groups follow a fixed order drawn from a
seeded generator: by product and category, by supplier, and at random, so the same input
gives the same plan. Each sub-MIP stops at a node limit, not a clock, for the same reason;
the group size grows while sub-MIPs solve to optimality and shrinks when they do not.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.instance import Instance
from planner.optimise import backend
from planner.optimise.model import Arrays, restrict
from planner.optimise.variables import Variables

_TRACE = False
NODE_LIMIT = 1000  # per sub-MIP: a deterministic limit
TARGET_BINARIES = 600  # free binaries in the first neighbourhoods
MIN_PARTS = 5


@dataclass
class ColumnOwners:
    """Which part or supplier each column belongs to (-1: none); `always` marks columns every
    neighbourhood frees (tariff tiers, slacks)."""

    part: np.ndarray
    supplier: np.ndarray
    always: np.ndarray
    integer: np.ndarray

    @classmethod
    def of(cls, inst: Instance, v: Variables, a: Arrays) -> ColumnOwners:
        """Owners of the model's columns; columns beyond the model's variables (slacks added
        to the arrays) are always free."""
        n = a.n_cols
        part = np.full(n, -1)
        supplier = np.full(n, -1)
        c_of = inst.col("c")
        for index in (v.share, v.started, v.use):
            o_i, t_i = np.nonzero(index >= 0)
            part[index[o_i, t_i]] = c_of[o_i]
        c_i, t_i = np.nonzero(v.gone >= 0)
        part[v.gone[c_i, t_i]] = c_i
        s_i, t_i = np.nonzero(v.onboarded >= 0)
        supplier[v.onboarded[s_i, t_i]] = s_i
        always = np.zeros(n, bool)
        p_i, t_i, k_i = np.nonzero(v.above >= 0)
        always[v.above[p_i, t_i, k_i]] = True
        known = np.zeros(n, bool)
        for index in (v.share, v.started, v.use, v.gone, v.onboarded, v.above):
            known[index[index >= 0]] = True
        for index in (v.above_foreign, v.is_vn):  # tariff decisions: always free
            always[index[index >= 0]] = True
            known[index[index >= 0]] = True
        always |= ~known
        return cls(part, supplier, always, a.integer.astype(bool))


class Neighbourhoods:
    """A seeded, endless sequence of part groups (bool C) in a fixed order of kinds: the parts
    one supplier quoted for, parts of one product and category, random parts; each topped up
    at random to `size` parts (adapted by the search)."""

    def __init__(self, inst: Instance, seed: int, size: int):
        self.rng = np.random.default_rng(seed)
        self.size = size
        self.C = inst.C
        c_of, s_of = inst.col("c"), inst.col("s")
        new = ~inst.col("incumbent")
        movable = np.zeros(inst.C, bool)
        movable[c_of[new]] = True
        self.parts = np.nonzero(movable)[0]
        groups_s = [np.unique(c_of[new & (s_of == s)]) for s in range(inst.S)]
        self.by_supplier = [g for g in groups_s if g.size]
        self.by_category = []
        for p in range(inst.P):
            for k in np.unique(inst.category):
                g = self.parts[(inst.qty[p, self.parts] > 0) & (inst.category[self.parts] == k)]
                if g.size:
                    self.by_category.append(g)
        self.kind = 0

    def resize(self, solved: bool, most: int) -> None:
        """A neighbourhood solved to the end grows the next ones (up to `most` parts), one cut
        short shrinks them."""
        if solved:
            self.size = min(most, int(self.size * 1.3) + 1)
        else:
            self.size = max(MIN_PARTS, int(self.size * 0.7))

    def next(self) -> np.ndarray:
        rng, parts = self.rng, self.parts
        n = max(MIN_PARTS, min(self.size, parts.size))
        mask = np.zeros(self.C, bool)
        pools = (self.by_supplier, self.by_category)
        pool = pools[self.kind % 3] if self.kind % 3 < 2 else None
        self.kind += 1
        if pool:
            seed = pool[rng.integers(len(pool))]
            mask[seed if seed.size <= n else rng.choice(seed, size=n, replace=False)] = True
        rest = parts[~mask[parts]]
        missing = n - int(mask.sum())
        if missing > 0 and rest.size:
            mask[rng.choice(rest, size=min(missing, rest.size), replace=False)] = True
        return mask


def improve(
    inst: Instance,
    a: Arrays,
    owners: ColumnOwners,
    x: np.ndarray,
    *,
    deadline: float,
    should_stop: Callable[[], bool],
    on_improve: Callable[[float, np.ndarray], None],
    seed: int = 1,
    max_steps: int | None = None,
    work_limit: float | None = None,
    ended: dict | None = None,
    target_binaries: int = TARGET_BINARIES,
) -> tuple[np.ndarray, float]:
    """Improve the complete, feasible column vector `x` until the deadline (monotonic clock),
    a stop, `max_steps`, `work_limit` (simplex iterations and nodes over all sub-MIPs: a
    budget that, unlike the clock, gives the same plan on a busy machine) or two passes over
    the parts without a gain. Returns the best columns and their objective; `ended["by"]`
    says what ended it: "clock", "cancel", "work", "steps" or "converged"."""
    ended = {} if ended is None else ended
    ended["by"] = "converged"
    best = x.copy()
    best_obj = float(a.cost @ best + a.offset)
    hoods, movable = _neighbourhoods(inst, owners, seed, target_binaries)
    if hoods.parts.size == 0:
        return best, best_obj
    supplier_parts = _supplier_parts(inst)
    steps = 0
    work = 0
    stale = 0  # parts covered since the last gain
    while True:
        why = _limit_reached(should_stop, deadline, max_steps, steps, work_limit, work)
        if why:
            ended["by"] = why
            break
        group = hoods.next()
        if stale >= 2 * movable:  # two full passes without a gain: converged
            break
        steps += 1
        small, cols = restrict(a, _free_columns(owners, group, supplier_parts), best)
        left = deadline - time.monotonic()
        if left <= 0.2:
            ended["by"] = "clock"
            break
        result = backend.solve(
            small,
            time_limit=min(left, 30.0),
            hint=best[cols],
            node_limit=NODE_LIMIT,
            should_stop=should_stop,
            gap=1e-6,
            fast=True,
        )
        hoods.resize(result.status == "optimal", movable)
        if _TRACE:
            _trace(steps, group, small, result, best_obj)
        if result.limit == "time":  # a sub-MIP cut short by the clock, not by its nodes
            ended["clock"] = True
        work += result.iterations + 100 * result.nodes
        stale += int(group.sum())
        if (
            result.values is not None
            and result.objective is not None
            and result.objective < best_obj - 1e-6 * max(1.0, abs(best_obj))
        ):
            best = best.copy()
            best[cols] = result.values
            best_obj = float(a.cost @ best + a.offset)
            stale = 0
            on_improve(best_obj, best)
    return best, best_obj


def _neighbourhoods(
    inst: Instance, owners: ColumnOwners, seed: int, target_binaries: int
) -> tuple[Neighbourhoods, int]:
    """The neighbourhoods, sized to hold about `target_binaries` binaries, and how many parts
    have binaries (the parts the search can move)."""
    parts_with_binaries = np.bincount(
        owners.part[(owners.part >= 0) & owners.integer], minlength=inst.C
    )
    per_part = max(1.0, float(parts_with_binaries[parts_with_binaries > 0].mean()))
    movable = int((parts_with_binaries > 0).sum())
    size = int(max(MIN_PARTS, min(movable, target_binaries / per_part)))
    return Neighbourhoods(inst, seed, size), movable


def _limit_reached(should_stop, deadline, max_steps, steps, work_limit, work) -> str | None:
    """What ends the search before its next step, if anything: a stop, the clock, the
    steps or the work."""
    if should_stop():
        return "cancel"
    if time.monotonic() > deadline:
        return "clock"
    if max_steps and steps >= max_steps:
        return "steps"
    if work_limit is not None and work >= work_limit:
        return "work"
    return None


def _free_columns(owners: ColumnOwners, group: np.ndarray, supplier_parts) -> np.ndarray:
    """The columns a neighbourhood may change: its parts', those always free, and those of
    the suppliers that quote for its parts."""
    free = group[np.maximum(owners.part, 0)] & (owners.part >= 0)
    free |= owners.always
    sups = np.unique(np.concatenate([supplier_parts[c] for c in np.nonzero(group)[0]]))
    free |= np.isin(owners.supplier, sups) & (owners.supplier >= 0)
    return free


def _trace(steps: int, group: np.ndarray, small: Arrays, result, best_obj: float) -> None:
    print(
        "lns",
        steps,
        int(group.sum()),
        int(small.integer.sum()),
        result.status,
        round(result.seconds, 2),
        result.nodes,
        result.objective,
        best_obj,
    )


def _supplier_parts(inst: Instance) -> list[np.ndarray]:
    """Per part, the suppliers of its candidate offers."""
    c_of, s_of = inst.col("c"), inst.col("s")
    new = ~inst.col("incumbent")
    out: list[list[int]] = [[] for _ in range(inst.C)]
    for c, s in zip(c_of[new], s_of[new], strict=True):
        out[c].append(int(s))
    return [np.asarray(x, dtype=np.int64) for x in out]
