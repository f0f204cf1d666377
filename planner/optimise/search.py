"""Search a model from a complete plan until a point in the deadline: SCIP on the whole model
when it is small enough to prove, else the neighbourhood search. Used by the planner, the
repair of a first plan, the lexicographic objective and the infeasibility explanation."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from planner.instance import Instance
from planner.optimise import backend as solver
from planner.optimise.deadline import Deadline
from planner.optimise.improve import ColumnOwners, improve
from planner.optimise.kernel import kernel_search
from planner.optimise.model import Arrays
from planner.optimise.variables import Variables

# Up to this many binaries SCIP searches the whole model (and proves a bound); above it the
# neighbourhood search does the work. The sample has about 2,500.
FULL_MIP_BINARIES = 6000
NODE_LIMIT = 20_000  # the whole-model search ends here at the latest (deterministic)
LARGE_LP = 50_000  # columns: above it (with few binaries) the kernel search
# Work budget of the neighbourhood search per second of its share of the time limit, in
# simplex iterations plus 100 per node. The budget comes from the limit alone, never from the
# clock, so the same project and limit get the same plan however long the first plan took.
# Measured on the 2-core development machine: idle or beside one other job, the search spends
# it by about 80% of the limit (1,000 parts) or 65% (10,000), so the budget, not the clock,
# ends the search; with both cores taken by other work the clock may end it first.
WORK_PER_SECOND = 5_000
FIRST_PLAN_SHARE = 0.1  # of the limit, set aside for reading, the model and the first plan


def whole_model(a: Arrays) -> bool:
    return int(a.integer.sum()) <= FULL_MIP_BINARIES


def kernel_model(a: Arrays) -> bool:
    """Few binaries over a very large LP (capa): the kernel search's models."""
    return whole_model(a) and a.n_cols > LARGE_LP


def search(
    inst: Instance,
    v: Variables,
    a: Arrays,
    x: np.ndarray,
    deadline: Deadline,
    until: float,
    *,
    gap: float = 1e-4,
    backend: str = "scip",
    on_found: Callable[[float, np.ndarray], None] | None = None,
    on_bound: Callable[[float | None], None] | None = None,
    work_limit: float | None = None,
    since: float = 0.0,
) -> tuple[np.ndarray, float, bool]:
    """Improve the complete plan x on `a` until `until` (a fraction of the time limit); the
    phase's share of the limit starts at `since` (an earlier phase had the time before it).
    Returns (columns, objective, proven optimal)."""
    best = {"x": x, "obj": float(a.cost @ x + a.offset)}

    def found(objective: float, values: np.ndarray, bound: float | None = None) -> None:
        if objective < best["obj"] - 1e-9 * abs(objective):
            best["x"], best["obj"] = values, objective
            if on_found is not None:
                on_found(objective, values)
        if bound is not None and on_bound is not None:
            on_bound(bound)

    proven = False
    if whole_model(a):
        if kernel_model(a):
            # a very large LP under few binaries (capa): SCIP's root LP alone takes minutes,
            # so the kernel search works on restricted models instead (no proof)
            x_best, obj = kernel_search(
                inst,
                v,
                a,
                best["x"],
                deadline=deadline.until(until),
                should_stop=deadline.should_stop,
                on_improve=lambda o, vals: found(o, vals),
                on_bound=on_bound,
            )
            found(obj, x_best)
            return best["x"], best["obj"], False
        result = solver.solve(
            a,
            time_limit=deadline.left_until(until),
            hint=best["x"],
            gap=gap,
            node_limit=NODE_LIMIT,
            on_solution=lambda o, b, vals: found(o, vals, b),
            should_stop=deadline.should_stop,
            solver="highs" if backend == "highs" else "scip",
        )
        accepted = result.values is not None and solver.feasible(a, result.values)
        if accepted:
            found(result.objective, result.values)
        if on_bound is not None:
            on_bound(result.bound)
        proven = accepted and result.status == "optimal" and not deadline.should_stop()
    else:
        end = deadline.until(until)
        budget = work_limit
        if budget is None:
            share = max(0.0, until - max(since, FIRST_PLAN_SHARE))
            budget = WORK_PER_SECOND * share * deadline.limit
        x_best, obj = improve(
            inst,
            a,
            ColumnOwners.of(inst, v, a),
            best["x"],
            deadline=end,
            should_stop=deadline.should_stop,
            on_improve=lambda o, vals: found(o, vals),
            work_limit=budget,
        )
        found(obj, x_best)
    return best["x"], best["obj"], proven
