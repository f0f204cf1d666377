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

# Up to this many binaries SCIP may search the whole model (and prove a bound); above it the
# neighbourhood search does the work. The sample has about 2,500.
FULL_MIP_BINARIES = 6000
NODE_LIMIT = 20_000  # the whole-model search ends here at the latest (deterministic)
LARGE_LP = 50_000  # columns: above it (with few binaries) the kernel search
# SCIP's root node cannot be bounded by nodes, so its cut rounds are (ROOT_ROUNDS: the
# sample's root takes 27 s with SCIP's default and 10 s with 10 rounds, for a plan 0.01%
# dearer), and whether the whole model fits the time limit is judged from its size, never
# from the clock. Measured on the 2-core development machine: the sample's 2,516 binaries
# take about 11 s for the root and 1-2 s for each of the first nodes (strong branching);
# both grow about with the square of the binaries. The whole model is searched when its root
# is expected to take at most ROOT_SHARE of the phase; its node budget fills NODE_FILL of
# the rest at the expected node time. A slower or busier machine reaches the same decision
# and the same nodes, so the same plan; only one so slow that the phase's share of the limit
# runs out first gets another (and says so: stopped_by "clock").
ROOT_ROUNDS = 10
ROOT_SECONDS = 11.0 / 2516**2  # per binary squared
NODE_SECONDS = 1.5 / 2516**2
ROOT_SHARE = 0.5
NODE_FILL = 0.2
# Work budget of the neighbourhood search per second of its share of the time limit, in
# simplex iterations plus 100 per node. The budget comes from the limit alone, never from the
# clock, so the same project and limit get the same plan however long the first plan took.
# Sized so that the budget, not the clock, ends the search on the 2-core development machine
# with both cores busy with other work (the search then runs at about half speed): idle it is
# spent by about half the limit (at 5,000 it took 80% of the limit at 1,000 parts idle).
WORK_PER_SECOND = 3_000
FIRST_PLAN_SHARE = 0.1  # of the limit, set aside for reading, the model and the first plan


def root_seconds(a: Arrays) -> float:
    """The expected time of SCIP's root node on the whole model (a size rule, see above)."""
    return ROOT_SECONDS * float(a.integer.sum()) ** 2


def node_seconds(a: Arrays) -> float:
    """The expected time of one of SCIP's first nodes on the whole model (see above)."""
    return max(NODE_SECONDS * float(a.integer.sum()) ** 2, 1e-3)


def whole_model(a: Arrays, seconds: float | None = None) -> bool:
    """Whether SCIP searches the whole model: few enough binaries, and (given the seconds the
    search may take) a root expected to fit in ROOT_SHARE of them."""
    if int(a.integer.sum()) > FULL_MIP_BINARIES:
        return False
    return seconds is None or root_seconds(a) <= ROOT_SHARE * seconds


def kernel_model(a: Arrays) -> bool:
    """Few binaries over a very large LP (capa): the kernel search's models."""
    return int(a.integer.sum()) <= FULL_MIP_BINARIES and a.n_cols > LARGE_LP


def method(a: Arrays, seconds: float) -> str:
    """How a model is searched given `seconds` of the limit: "kernel", "whole" (SCIP on the
    whole model) or "neighbourhood" (fix-and-optimise over groups of parts)."""
    if kernel_model(a):
        return "kernel"
    return "whole" if whole_model(a, seconds) else "neighbourhood"


def phase_seconds(limit: float, until: float, since: float) -> float:
    """A phase's share of the limit in seconds: from `since` (or the first plan's share)
    to `until`, fractions of the limit."""
    return max(0.0, until - max(since, FIRST_PLAN_SHARE)) * limit


def node_budget(a: Arrays, seconds: float) -> int:
    """Branch-and-bound nodes for a whole-model search given `seconds` of the limit."""
    nodes = NODE_FILL * (seconds - root_seconds(a)) / node_seconds(a)
    return max(2, min(NODE_LIMIT, int(nodes)))


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
    seconds: float | None = None,
) -> tuple[np.ndarray, float, bool]:
    """Improve the complete plan x on `a` until `until` (a fraction of the time limit); the
    phase's share of the limit starts at `since` (an earlier phase had the time before it).
    Its work (nodes, or simplex iterations and nodes) is budgeted from that share (the
    neighbourhood search's from `work_limit` when given); a phase the clock ends first marks
    `deadline.clocked`. `seconds`, when given, is the share instead (a phase sized on its
    own, e.g. the worth of a limit).
    Returns (columns, objective, proven optimal)."""
    best = _Best(x, float(a.cost @ x + a.offset), on_found, on_bound)
    share = phase_seconds(deadline.limit, until, since) if seconds is None else seconds
    how = method(a, share)
    if how == "kernel":
        _kernel_phase(inst, v, a, best, deadline, until)
        return best.x, best.obj, False
    proven = False
    if how == "whole":
        proven = _whole_phase(a, best, deadline, until, gap, backend, share)
    else:
        budget = WORK_PER_SECOND * share if work_limit is None else work_limit
        _neighbourhood_phase(inst, v, a, best, deadline, until, budget)
    return best.x, best.obj, proven


class _Best:
    """The best plan a phase has found: each better one is told to `on_found`, each bound
    to `on_bound`."""

    def __init__(self, x: np.ndarray, obj: float, on_found, on_bound):
        self.x, self.obj = x, obj
        self.on_found, self.on_bound = on_found, on_bound

    def found(self, objective: float, values: np.ndarray, bound: float | None = None) -> None:
        if objective < self.obj - 1e-9 * abs(objective):
            self.x, self.obj = values, objective
            if self.on_found is not None:
                self.on_found(objective, values)
        if bound is not None and self.on_bound is not None:
            self.on_bound(bound)


def _kernel_phase(inst, v, a: Arrays, best: _Best, deadline: Deadline, until: float) -> None:
    """A very large LP under few binaries (capa): SCIP's root LP alone takes minutes, so the
    kernel search works on restricted models instead (no proof); it is timed."""
    x_best, obj = kernel_search(
        inst,
        v,
        a,
        best.x,
        deadline=deadline.until(until),
        should_stop=deadline.should_stop,
        on_improve=lambda o, vals: best.found(o, vals),
        on_bound=best.on_bound,
    )
    best.found(obj, x_best)
    deadline.clocked = deadline.clocked or not deadline.should_stop()


def _whole_phase(a, best: _Best, deadline: Deadline, until, gap, backend, share) -> bool:
    """SCIP on the whole model within its node budget; whether it proved the plan optimal."""
    result = solver.solve(
        a,
        time_limit=deadline.left_until(until),
        hint=best.x,
        gap=gap,
        node_limit=node_budget(a, share),
        on_solution=lambda o, b, vals: best.found(o, vals, b),
        should_stop=deadline.should_stop,
        solver="highs" if backend == "highs" else "scip",
        # no restart: a restart runs the root's cut rounds again, for a time no node
        # limit bounds
        scip_params={"separating/maxroundsroot": ROOT_ROUNDS, "presolving/maxrestarts": 0},
    )
    if result.limit == "time":
        deadline.clocked = True
    accepted = result.values is not None and solver.feasible(a, result.values)
    if accepted:
        assert result.objective is not None and result.values is not None  # come together
        best.found(result.objective, result.values)
    if best.on_bound is not None:
        best.on_bound(result.bound)
    return accepted and result.status == "optimal" and not deadline.should_stop()


def _neighbourhood_phase(inst, v, a, best: _Best, deadline: Deadline, until, work: float) -> None:
    """Fix-and-optimise over groups of parts, within `work` (simplex iterations and nodes)."""
    ended: dict = {}
    x_best, obj = improve(
        inst,
        a,
        ColumnOwners.of(inst, v, a),
        best.x,
        deadline=deadline.until(until),
        should_stop=deadline.should_stop,
        on_improve=lambda o, vals: best.found(o, vals),
        work_limit=work,
        ended=ended,
    )
    if ended.get("by") == "clock" or ended.get("clock"):
        deadline.clocked = True
    best.found(obj, x_best)


def from_scratch(
    a: Arrays,
    hint: np.ndarray | None,
    deadline: Deadline,
    until: float,
    *,
    gap: float = 1e-4,
    since: float = 0.0,
) -> tuple[np.ndarray | None, bool, bool] | None:
    """SCIP on the whole model without a plan to start from (`hint` may break limits), when
    the model is small enough for the share of the limit (as `method` decides): the
    fall-back that finds a plan wherever one exists. Returns None when the model is too
    large for it, else (columns or None, proven optimal, proven infeasible)."""
    share = phase_seconds(deadline.limit, until, since)
    if method(a, share) != "whole":
        return None
    result = solver.solve(
        a,
        time_limit=deadline.left_until(until),
        hint=hint,
        gap=gap,
        node_limit=node_budget(a, share),
        should_stop=deadline.should_stop,
        scip_params={"separating/maxroundsroot": ROOT_ROUNDS, "presolving/maxrestarts": 0},
    )
    if result.limit == "time":
        deadline.clocked = True
    stopped = deadline.should_stop()
    if result.values is not None and solver.feasible(a, result.values):
        return result.values, result.status == "optimal" and not stopped, False
    return None, False, result.status == "infeasible" and not stopped
