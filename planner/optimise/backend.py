"""One runner for every solve: the model's arrays go to an OR-Tools MathOpt solver (SCIP for
MIPs, HiGHS or GLOP for LPs) as a ModelProto built straight from the arrays.

Why MathOpt: SCIP reports every improved solution through a callback (live progress, and the
incumbent is always in hand), a SolveInterrupter stops it from another thread (Cancel, the
deadline; a solver that has not returned a second later is left behind, see _wait_for),
solution hints warm-start it, node limits give deterministic sub-solves, and the solve
releases the GIL. The solve, the first plan, the neighbourhood search and the
infeasibility explanation all call `solve`; nothing else talks to a solver.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.optimise.model import Arrays

# A bound this large is a solver's "no bound" (SCIP says -1e20), never a number to show.
NO_BOUND = 1e19


@dataclass
class Result:
    status: str  # optimal | feasible | infeasible | no_solution | cancelled | error
    values: np.ndarray | None = None
    objective: float | None = None
    bound: float | None = None  # None: unknown
    duals: np.ndarray | None = None  # LPs only
    seconds: float = 0.0
    nodes: int = 0
    iterations: int = 0  # simplex iterations: a measure of work that does not depend on load
    detail: str = ""
    limit: str = ""  # what ended a solve short of its proof: "time", "node", "interrupted"...

    @property
    def has_solution(self) -> bool:
        return self.values is not None


def _finite(value: float | None) -> float | None:
    if value is None or not math.isfinite(value) or abs(value) >= NO_BOUND:
        return None
    return float(value)


def to_proto(a: Arrays):
    """A MathOpt ModelProto of the arrays (ids are column and row numbers)."""
    from ortools.math_opt import model_pb2

    proto = model_pb2.ModelProto()
    v = proto.variables
    n = a.n_cols
    v.ids.extend(range(n))
    v.lower_bounds.extend(a.lb.tolist())
    v.upper_bounds.extend(a.ub.tolist())
    v.integers.extend(a.integer.astype(bool).tolist())
    proto.objective.offset = float(a.offset)
    nz = np.nonzero(a.cost)[0]
    proto.objective.linear_coefficients.ids.extend(nz.tolist())
    proto.objective.linear_coefficients.values.extend(a.cost[nz].tolist())
    rows = proto.linear_constraints
    rows.ids.extend(range(a.n_rows))
    rows.lower_bounds.extend(a.row_lb.tolist())
    rows.upper_bounds.extend(a.row_ub.tolist())
    coo = a.matrix.tocoo()  # CSR order: sorted by row, then column
    mat = proto.linear_constraint_matrix
    mat.row_ids.extend(coo.row.tolist())
    mat.column_ids.extend(coo.col.tolist())
    mat.coefficients.extend(coo.data.tolist())
    return proto


# OR-Tools 9.15's SCIP wrapper registers an event mask SCIP rejects for one event type; the
# solve works, but SCIP prints two alarming "ERROR" lines to stderr on every solve.
_NOISE = (b"SCIPcatchEvent does not support", b"gscip_event_handler.cc")


@contextlib.contextmanager
def _without_scip_noise():
    """Relay the process's stderr (file descriptor 2) through a filter that drops SCIP's
    spurious event-handler lines while a SCIP solve runs; everything else passes."""
    try:
        saved = os.dup(2)
        read_end, write_end = os.pipe()
    except OSError:
        yield
        return

    def relay() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            for line in pipe:
                if not any(n in line for n in _NOISE):
                    os.write(saved, line)

    thread = threading.Thread(target=relay, daemon=True)
    thread.start()
    os.dup2(write_end, 2)
    os.close(write_end)
    try:
        yield
    finally:
        os.dup2(saved, 2)  # closes the pipe's last writer: the relay drains and ends
        thread.join(2.0)
        os.close(saved)


# How long a solver may take to return after a stop or its time limit before the search goes
# on without it. SCIP (OR-Tools 9.15) notices an interrupt only between nodes: its root node
# on a 120-part project runs 13 s, and a Cancel must not wait for that.
GRACE_S = 1.0
_left_behind: list[threading.Thread] = []


def _wait_for(
    solver: threading.Thread, interrupter, should_stop, until: float, grace: float = GRACE_S
) -> tuple[bool, bool]:
    """Wait for the solver's thread, interrupting it on a stop. A solver still busy `grace`
    seconds after the stop (or after `until`, its time limit) is left behind: its thread runs
    on until the solver notices, and whatever it finds then is ignored. Returns (stopped,
    left)."""
    stopped, give_up = False, until + grace
    while solver.is_alive():
        solver.join(0.1)
        now = time.monotonic()
        if not stopped and should_stop is not None and should_stop():
            stopped = True
            interrupter.interrupt()
            give_up = min(give_up, now + grace)
        if solver.is_alive() and now > give_up:
            interrupter.interrupt()
            _left_behind.append(solver)
            return stopped, True
    return stopped, False


def solvers_left_behind() -> int:
    """How many solver threads still run after their solve was given up (see _wait_for):
    a process that ends then should end with os._exit, not by unwinding the interpreter
    while a solver might still call back into it."""
    _left_behind[:] = [t for t in _left_behind if t.is_alive()]
    return len(_left_behind)


def end_process(code: int) -> None:
    """End this process with `code`: by os._exit (streams flushed) when a solver thread was
    left behind, as the interpreter's own shutdown could meet it calling back."""
    if solvers_left_behind():
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def feasible(a: Arrays, x: np.ndarray, tol: float = 1e-6) -> bool:
    """Whether column values meet every bound and row (relative tolerance), integers integral."""
    if ((x < a.lb - tol) | (x > a.ub + tol)).any():
        return False
    if (np.abs(x[a.integer] - np.round(x[a.integer])) > 1e-5).any():
        return False
    act = a.matrix @ x
    scale = tol * np.maximum(1.0, np.abs(act))
    return not ((act < a.row_lb - scale) | (act > a.row_ub + scale)).any()


def _dense(sparse, n: int) -> np.ndarray:
    out = np.zeros(n)
    ids = np.fromiter(sparse.ids, dtype=np.int64, count=len(sparse.ids))
    out[ids] = np.fromiter(sparse.values, dtype=float, count=len(sparse.values))
    return out


def solve(
    a: Arrays,
    *,
    time_limit: float,
    lp: bool = False,
    solver: str = "scip",
    gap: float = 1e-4,
    node_limit: int | None = None,
    hint: np.ndarray | None = None,
    on_solution: Callable[[float, float | None, np.ndarray], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    duals: bool = False,
    seed: int = 1,
    emphasis: str | None = None,
    barrier: bool = False,
    fast: bool = False,
    scip_params: dict | None = None,
    grace: float = GRACE_S,
) -> Result:
    """Solve the arrays (as an LP when `lp`: integrality dropped). Never raises for a model
    that has no solution; returns what the solver had when a limit or a stop ended it.

    `on_solution(objective, bound, values)` is called (from the solver's thread) for every
    improved MIP solution. `should_stop` is polled ten times a second; a solver still busy
    `grace` seconds past its time limit or a stop is left behind (see _wait_for)."""
    from ortools.math_opt import model_parameters_pb2

    start = time.monotonic()
    if lp:
        a = Arrays(
            a.lb, a.ub, a.cost, np.zeros(a.n_cols, bool), a.row_lb, a.row_ub, a.matrix, a.offset
        )
    mip = bool(a.integer.any())
    kind = _solver_kind(mip, solver)
    params = _parameters(mip, kind, time_limit, gap, node_limit, seed, barrier)
    if kind == "scip":
        _scip_parameters(params, seed, fast, scip_params, emphasis)
    model_params = model_parameters_pb2.ModelSolveParametersProto()
    if hint is not None and mip and kind == "scip":
        h = model_params.solution_hints.add()
        h.variable_values.ids.extend(range(a.n_cols))
        h.variable_values.values.extend(np.asarray(hint, float).tolist())
    watch = _Watch(a, on_solution if kind == "scip" else None)
    run = _Run(to_proto(a), _solver_type(kind), params, model_params, watch)
    quiet = _without_scip_noise() if kind == "scip" else contextlib.nullcontext()
    solver_thread = threading.Thread(target=run, daemon=True, name="solver")
    with quiet:
        solver_thread.start()
        stopped, gone = _wait_for(
            solver_thread, run.interrupter, should_stop, start + max(time_limit, 0.05), grace
        )
    if gone:
        watch.left.set()
        return _last_seen(watch.latest, stopped, time.monotonic() - start)
    answer = run.answers[0]
    if isinstance(answer, Exception):
        return Result("error", seconds=time.monotonic() - start, detail=str(answer))
    return _result(answer, a, duals, stopped, time.monotonic() - start)


def _solver_kind(mip: bool, solver: str) -> str:
    """SCIP for a MIP (HiGHS when asked), HiGHS or GLOP for an LP."""
    kind = "scip" if mip else ("glop" if solver == "glop" else "highs")
    if mip and solver == "highs":
        kind = "highs"
    return kind


def _parameters(mip, kind, time_limit, gap, node_limit, seed, barrier):
    """The parameters every solver reads: time limit, seed, gap and node limit of a MIP, the
    barrier for an LP."""
    from ortools.math_opt import parameters_pb2

    params = parameters_pb2.SolveParametersProto()
    params.time_limit.FromNanoseconds(int(max(time_limit, 0.05) * 1e9))
    params.random_seed = seed
    if mip:
        params.relative_gap_tolerance = gap
    if node_limit is not None and mip:
        params.node_limit = int(node_limit)
    if not mip and barrier:  # interior point: far faster than simplex on the largest LPs
        params.lp_algorithm = parameters_pb2.LP_ALGORITHM_BARRIER
    return params


def _scip_parameters(params, seed: int, fast: bool, scip_params, emphasis) -> None:
    """SCIP's own: one thread, its seed, quiet, and the fast settings for small sub-MIPs."""
    from ortools.math_opt import parameters_pb2

    params.threads = 1  # deterministic, and the other core stays free for the GUI
    sp = params.gscip
    sp.silence_output = not os.environ.get("LOCPLAN_SCIP_LOG")  # SCIP's log, to diagnose
    sp.int_params["randomization/randomseedshift"] = seed
    sp.bool_params["misc/catchctrlc"] = False
    if fast:
        # small sub-MIPs around a good plan: no cuts, pseudo-cost branching (no strong
        # branching LPs), light presolve and heuristics; measured 4x faster on the
        # neighbourhoods of a 1,000-part project, with the same optima
        params.cuts = parameters_pb2.EMPHASIS_OFF
        params.presolve = parameters_pb2.EMPHASIS_LOW
        params.heuristics = parameters_pb2.EMPHASIS_LOW
        sp.int_params["branching/pscost/priority"] = 100_000
    for name, value in (scip_params or {}).items():
        target = {bool: sp.bool_params, int: sp.int_params, float: sp.real_params}
        target[type(value)][name] = value
    if emphasis is not None:  # e.g. "FEASIBILITY", "OPTIMALITY" (SCIP's emphasis settings)
        from ortools.math_opt.solvers.gscip import gscip_pb2

        sp.emphasis = gscip_pb2.GScipParameters.Emphasis.Value(emphasis)


def _solver_type(kind: str) -> int:
    from ortools.math_opt import parameters_pb2 as p

    types = {"scip": p.SOLVER_TYPE_GSCIP, "glop": p.SOLVER_TYPE_GLOP, "highs": p.SOLVER_TYPE_HIGHS}
    return types[kind]


class _Watch:
    """The MIP solutions SCIP reports while it runs: each improved one goes to
    `on_solution`, and the last is kept for a solve given up (see _wait_for)."""

    def __init__(self, a: Arrays, on_solution):
        from ortools.math_opt import callback_pb2

        self.a, self.on_solution = a, on_solution
        self._answer = callback_pb2.CallbackResultProto
        self.left = threading.Event()  # the solve returned without the solver
        self.latest: list = []  # the last improved solution: (objective, bound, values)
        self.registration = callback_pb2.CallbackRegistrationProto()
        if on_solution is not None:
            self.registration.request_registration.append(callback_pb2.CALLBACK_EVENT_MIP_SOLUTION)

    @property
    def callback(self):
        return self._called if self.on_solution is not None else None

    def _called(self, data):
        stats, a = data.mip_stats, self.a
        # SCIP also calls back before it has any solution: nothing to report then
        if (
            not self.left.is_set()
            and len(data.primal_solution_vector.ids)
            and math.isfinite(stats.primal_bound)
        ):
            values = _dense(data.primal_solution_vector, a.n_cols)
            if feasible(a, values):
                objective = float(a.cost @ values + a.offset)
                self.latest[:] = [objective, _finite(stats.dual_bound), values]
                self.on_solution(objective, _finite(stats.dual_bound), values)
        return self._answer()


class _Run:
    """The solve, run in the solver's thread: its answer, or the exception it raised (a
    solver failure is a status, never a crash), lands in `answers`."""

    def __init__(self, proto, solver_type: int, params, model_params, watch: _Watch):
        from ortools.util.python import solve_interrupter

        self.proto, self.solver_type = proto, solver_type
        self.params, self.model_params, self.watch = params, model_params, watch
        self.interrupter = solve_interrupter.SolveInterrupter()
        self.answers: list = []

    def __call__(self) -> None:
        from ortools.math_opt import parameters_pb2
        from ortools.math_opt.core.python import solver as core

        try:
            self.answers.append(
                core.solve(
                    self.proto,
                    self.solver_type,
                    parameters_pb2.SolverInitializerProto(),
                    self.params,
                    self.model_params,
                    None,
                    self.watch.registration,
                    self.watch.callback,
                    self.interrupter.pybind_interrupter,
                )
            )
        except Exception as exc:  # a solver failure is a status, never a crash
            self.answers.append(exc)


def _last_seen(latest: list, stopped: bool, seconds: float) -> Result:
    """A solve given up: the last solution the solver reported, if any."""
    objective, bound, values = latest if latest else (None, None, None)
    return Result(
        "cancelled" if stopped else ("feasible" if values is not None else "no_solution"),
        values,
        objective,
        bound,
        seconds=seconds,
        detail="the solver did not return in time; its last solution is kept",
        limit="interrupted" if stopped else "time",
    )


def _result(answer, a: Arrays, duals: bool, stopped: bool, seconds: float) -> Result:
    """The solver's answer as a Result: its solution, bound, duals and statistics."""
    bound = _finite(answer.termination.objective_bounds.dual_bound)
    values = objective = dual = None
    if answer.solutions and answer.solutions[0].HasField("primal_solution"):
        primal = answer.solutions[0].primal_solution
        if primal.feasibility_status == 2:  # SOLUTION_STATUS_FEASIBLE
            values = _dense(primal.variable_values, a.n_cols)
            objective = float(primal.objective_value)
    if duals and answer.solutions and answer.solutions[0].HasField("dual_solution"):
        dual = _dense(answer.solutions[0].dual_solution.dual_values, a.n_rows)
    status = _status(answer.termination.reason, values is not None, stopped)
    if status == "optimal" and bound is None and objective is not None:
        bound = objective
    return Result(
        status,
        values,
        objective,
        bound,
        dual,
        seconds,
        int(answer.solve_stats.node_count),
        int(answer.solve_stats.simplex_iterations),
        answer.termination.detail,
        _limit_name(answer.termination.limit, stopped),
    )


def _status(reason: int, found: bool, stopped: bool) -> str:
    """The status of MathOpt's termination reason."""
    from ortools.math_opt import result_pb2 as r

    if reason == r.TERMINATION_REASON_OPTIMAL:
        return "optimal"
    if reason in (r.TERMINATION_REASON_INFEASIBLE, r.TERMINATION_REASON_INFEASIBLE_OR_UNBOUNDED):
        return "infeasible"
    if reason in (r.TERMINATION_REASON_FEASIBLE, r.TERMINATION_REASON_NO_SOLUTION_FOUND):
        if stopped:
            return "cancelled"
        return "feasible" if found else "no_solution"
    return "error"


def _limit_name(limit: int, stopped: bool) -> str:
    """MathOpt's limit as a short word ("" when none ended the solve)."""
    from ortools.math_opt import result_pb2

    if stopped:
        return "interrupted"
    name = result_pb2.LimitProto.Name(limit) if limit else ""
    return name.removeprefix("LIMIT_").lower() if name != "LIMIT_UNSPECIFIED" else ""
