"""Solve the MIP in a child process, so that Cancel really stops it.

Behind OR-Tools' ModelBuilder neither SCIP nor HiGHS honours `stop_search` from another
thread: an abandoned solve kept a core busy until its time limit. In a child process SCIP
takes SIGINT as a request to stop (`misc/catchctrlc`) and returns its best solution within a
second, so Cancel keeps the best plan found; a solver that does not stop is killed. A solver
crash ends the child, not the app.

The model goes to the child as one .npz file (plain arrays, no pickles); the answer comes back
the same way. The child is a fresh `python -c` (not multiprocessing), like the file guard.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

GRACE_S = 5.0  # after SIGINT, how long a solver may take to hand back its best solution


def solve_arrays(
    arrays: tuple,
    offset: float,
    backend: str,
    time_limit: float,
    gap: float,
    hint: np.ndarray | None,
) -> tuple[str, np.ndarray | None, float | None, float | None]:
    """Build the ModelBuilder model and solve it here (blocking): status, values, objective,
    bound."""
    from ortools.linear_solver.python import model_builder as mb

    lb, ub, cost, integer, rlb, rub, matrix = arrays
    model = mb.Model()
    helper = model.helper
    helper.fill_model_from_sparse_data(lb, ub, cost, rlb, rub, matrix)
    for j in np.nonzero(integer)[0]:
        helper.set_var_integrality(int(j), True)
    helper.set_objective_offset(offset)
    if hint is not None and backend == "scip":  # HiGHS behind ModelBuilder crashes on hints
        for j, value in enumerate(hint):
            helper.add_hint(j, float(value))
    solver = mb.Solver(backend)
    solver.set_time_limit_in_seconds(max(time_limit, 0.5))
    if backend == "highs":
        solver.set_solver_specific_parameters(
            f"mip_rel_gap={gap}\nrandom_seed=1\noutput_flag=false\nlog_to_console=false"
        )
    else:
        solver.set_solver_specific_parameters(
            f"limits/gap = {gap}\nrandomization/randomseedshift = 1\nmisc/catchctrlc = TRUE"
        )
    status = solver.solve(model)
    helper_s = solver._Solver__solve_helper  # values as one array: fast for large models
    values = np.asarray(helper_s.variable_values()) if helper_s.has_solution() else None
    objective = float(solver.objective_value) if values is not None else None
    try:
        bound = float(solver.best_objective_bound)
    except Exception:
        bound = None
    return getattr(status, "name", str(status)), values, objective, bound


def _write_problem(path: Path, arrays, offset, backend, time_limit, gap, hint) -> None:
    lb, ub, cost, integer, rlb, rub, matrix = arrays
    matrix = matrix.tocsr()
    np.savez(
        path,
        lb=lb,
        ub=ub,
        cost=cost,
        integer=integer,
        rlb=rlb,
        rub=rub,
        data=matrix.data,
        indices=matrix.indices,
        indptr=matrix.indptr,
        shape=np.asarray(matrix.shape),
        offset=np.asarray(offset, dtype=float),
        backend=np.asarray(backend),
        time_limit=np.asarray(time_limit, dtype=float),
        gap=np.asarray(gap, dtype=float),
        hint=hint if hint is not None else np.zeros(0),
        has_hint=np.asarray(hint is not None),
    )


def child_main(problem: str, answer: str) -> None:
    """Entry of the child: read the problem, solve, write the answer (atomically)."""
    from scipy.sparse import csr_matrix

    # Python ignores Ctrl+C here: during the solve SCIP installs its own handler and stops
    # with its best solution; before or after it, the parent's grace period and kill apply
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with np.load(problem, allow_pickle=False) as f:
        matrix = csr_matrix((f["data"], f["indices"], f["indptr"]), shape=tuple(f["shape"]))
        arrays = (f["lb"], f["ub"], f["cost"], f["integer"], f["rlb"], f["rub"], matrix)
        hint = f["hint"] if bool(f["has_hint"]) else None
        status, values, objective, bound = solve_arrays(
            arrays,
            float(f["offset"]),
            str(f["backend"]),
            float(f["time_limit"]),
            float(f["gap"]),
            hint,
        )
    partial = answer + ".part.npz"
    np.savez(
        partial,
        status=np.asarray(status),
        values=values if values is not None else np.zeros(0),
        has_values=np.asarray(values is not None),
        objective=np.asarray(np.nan if objective is None else objective),
        bound=np.asarray(np.nan if bound is None else bound),
    )
    os.replace(partial, answer)


def _read_answer(path: Path) -> tuple[str, np.ndarray | None, float | None, float | None]:
    with np.load(path, allow_pickle=False) as f:
        values = f["values"] if bool(f["has_values"]) else None
        objective, bound = float(f["objective"]), float(f["bound"])
        return (
            str(f["status"]),
            values,
            None if np.isnan(objective) else objective,
            None if np.isnan(bound) else bound,
        )


def solve_in_child(
    arrays: tuple,
    offset: float,
    backend: str,
    time_limit: float,
    gap: float,
    hint: np.ndarray | None,
    should_stop: Callable[[], bool],
    on_tick: Callable[[float], None],
    on_child: Callable[[int], None] | None = None,
) -> tuple[str, np.ndarray | None, float | None, float | None]:
    """Solve in a child; poll `should_stop` four times a second. On a stop: SIGINT (SCIP
    returns its best solution), then kill after GRACE_S. A crash or kill gives "CANCELLED" or
    "ERROR" with no values; the caller keeps the plan it had."""
    with tempfile.TemporaryDirectory(prefix="locplan-mip-") as tmp:
        problem, answer = Path(tmp) / "problem.npz", Path(tmp) / "answer.npz"
        _write_problem(problem, arrays, offset, backend, time_limit, gap, hint)
        root = str(Path(__file__).resolve().parents[2])  # planner importable in the child
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        code = (
            "import sys; from planner.optimise.mip_child import child_main; "
            "child_main(sys.argv[1], sys.argv[2])"
        )
        with open(Path(tmp) / "stderr.txt", "wb") as err:
            child = subprocess.Popen(
                [sys.executable, "-c", code, str(problem), str(answer)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # solver logs
                stderr=err,
                env=env,
            )
            if on_child is not None:
                on_child(child.pid)
            start = time.monotonic()
            stopped_at: float | None = None
            deadline = start + time_limit + 60.0  # the solver's own limit, then a margin
            try:
                while child.poll() is None:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        child.wait(0.25)
                    now = time.monotonic()
                    if stopped_at is None and (should_stop() or now > deadline):
                        stopped_at = now
                        if hasattr(signal, "SIGINT") and os.name == "posix":
                            child.send_signal(signal.SIGINT)
                        else:
                            child.kill()
                    elif stopped_at is not None and now - stopped_at > GRACE_S:
                        child.kill()
                    if child.poll() is None:
                        on_tick(now - start)
            finally:
                if child.poll() is None:
                    child.kill()
                child.wait()
        if answer.exists():
            return _read_answer(answer)
        return ("CANCELLED" if stopped_at is not None else "ERROR"), None, None, None


__all__ = ["GRACE_S", "child_main", "solve_arrays", "solve_in_child"]
