"""The one solver runner (planner/optimise/backend.py): a Cancel or the deadline gets an answer
even from a solver that does not notice its interrupt, and what that solver finds afterwards
never reaches the search. SCIP in OR-Tools 9.15 notices an interrupt only between nodes, so a
long root node held a Cancel for 13 s on a 120-part project."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import numpy as np
import pytest
import scipy.sparse as sp

from planner.optimise import backend
from planner.optimise.model import Arrays

GUARD_S = 60  # against a hang only, far above any answer's time


def tiny_mip() -> Arrays:
    """min x0 + 2 x1 with x0 + x1 >= 1, both binary: optimum 1 at (1, 0)."""
    return Arrays(
        lb=np.zeros(2),
        ub=np.ones(2),
        cost=np.array([1.0, 2.0]),
        integer=np.ones(2, bool),
        row_lb=np.array([1.0]),
        row_ub=np.array([np.inf]),
        matrix=sp.csr_matrix(np.array([[1.0, 1.0]])),
        offset=0.0,
    )


@pytest.fixture
def deaf_solver(monkeypatch):
    """SCIP replaced by one that reports a solution, then ignores every interrupt until the
    test releases it, then reports a better one (which must be ignored)."""
    from ortools.math_opt.core.python import solver as core

    release, reported = threading.Event(), threading.Event()

    def solve(*args):
        callback = args[7]
        callback(_solution([0.0, 1.0], primal=2.0, dual=0.5))
        reported.set()
        release.wait(GUARD_S)
        callback(_solution([1.0, 0.0], primal=1.0, dual=1.0))
        raise RuntimeError("gone")  # it never gets to answer

    monkeypatch.setattr(core, "solve", solve)
    yield SimpleNamespace(release=release, reported=reported)
    release.set()


def _solution(values, primal: float, dual: float):
    vector = SimpleNamespace(ids=list(range(len(values))), values=values)
    stats = SimpleNamespace(primal_bound=primal, dual_bound=dual)
    return SimpleNamespace(primal_solution_vector=vector, mip_stats=stats)


def run_in_thread(call):
    out: list = []
    thread = threading.Thread(target=lambda: out.append(call()), daemon=True)
    thread.start()
    thread.join(GUARD_S)
    assert not thread.is_alive(), "the runner waited for a solver that ignores its interrupt"
    return out[0]


def test_a_cancel_is_answered_with_the_last_solution(deaf_solver):
    seen = []
    result = run_in_thread(
        lambda: backend.solve(
            tiny_mip(),
            time_limit=GUARD_S * 10,
            on_solution=lambda objective, bound, values: seen.append(objective),
            should_stop=deaf_solver.reported.is_set,  # Cancel once a plan is in hand
        )
    )
    assert result.status == "cancelled"
    assert result.objective == 2.0 and list(result.values) == [0.0, 1.0]
    assert backend.solvers_left_behind() >= 1
    deaf_solver.release.set()  # the solver finds a better plan after it was given up
    for thread in list(backend._left_behind):
        thread.join(GUARD_S)
    assert seen == [2.0]  # ...and nobody hears of it
    assert backend.solvers_left_behind() == 0


def test_the_deadline_is_kept_without_a_cancel(deaf_solver):
    result = run_in_thread(
        lambda: backend.solve(
            tiny_mip(), time_limit=0.05, on_solution=lambda *_: None, should_stop=None
        )
    )
    assert result.status == "feasible" and result.objective == 2.0


def test_a_solver_that_answers_is_waited_for():
    result = backend.solve(tiny_mip(), time_limit=GUARD_S)
    assert result.status == "optimal" and result.objective == pytest.approx(1.0)
    assert list(np.round(result.values)) == [1.0, 0.0]
