"""The MIP in a child process: Cancel stops it for real and keeps SCIP's best solution; a
solver that fails ends the child, not the caller."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from planner.generate import generate_project
from planner.instance import build_instance
from planner.optimise import build_model, plan_project
from planner.optimise.mip_child import GRACE_S, solve_arrays, solve_in_child
from planner.plan import Status


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie would still answer: Popen.wait() reaped it, so it must be gone
    return False


@pytest.fixture(scope="module")
def model():
    m, _ = build_model(build_instance(generate_project(300, seed=2)))
    return m


def test_child_gives_the_same_answer_as_in_process():
    m, _ = build_model(build_instance(generate_project(30, seed=1)))
    here = solve_arrays(m.arrays(), m.objective_offset, "scip", 30, 1e-6, None)
    there = solve_in_child(
        m.arrays(), m.objective_offset, "scip", 30, 1e-6, None, lambda: False, lambda s: None
    )
    assert here[0] == there[0] == "OPTIMAL"
    assert there[2] == pytest.approx(here[2], rel=1e-9)
    assert np.allclose(here[1], there[1])


def test_cancel_stops_the_child_and_keeps_its_best_solution(model):
    pids, ticks = [], []
    start = time.monotonic()
    status, values, objective, _ = solve_in_child(
        model.arrays(),
        model.objective_offset,
        "scip",
        120,
        1e-9,
        None,
        lambda: time.monotonic() - start > 8,
        ticks.append,
        pids.append,
    )
    took = time.monotonic() - start
    assert took < 8 + GRACE_S + 3  # not the 120 s limit
    assert ticks and pids and _gone(pids[0])  # no solver left burning a core
    if status != "CANCELLED":  # SCIP stopped on SIGINT and handed back its incumbent
        assert values is not None and objective is not None


def test_a_failing_solver_ends_the_child_not_the_caller(model):
    lb, ub, cost, integer, rlb, rub, matrix = model.arrays()
    broken = (lb[:-5], ub, cost, integer, rlb, rub, matrix)  # the child's solver raises
    status, values, objective, bound = solve_in_child(
        broken, model.objective_offset, "scip", 10, 1e-6, None, lambda: False, lambda s: None
    )
    assert status == "ERROR" and values is None and objective is None and bound is None


def test_a_cancelled_plan_comes_back_checked_and_fast():
    project = generate_project(400, seed=5)
    start = time.monotonic()
    plan = plan_project(
        project, time_limit_s=120, should_stop=lambda: time.monotonic() - start > 15
    )
    assert time.monotonic() - start < 15 + GRACE_S + 5
    assert plan.status in (Status.FEASIBLE, Status.OPTIMAL) and plan.verified
