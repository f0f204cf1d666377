"""`locplan bench` runs each case in a child process and reports what a reader compares."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.bench import CAPA_OPTIMA, run_bench
from planner.orlib import capacitated_location, read_cap
from planner.report.exporters import exporter


def test_bench_reports_both_families_with_first_plan_times():
    lines: list[str] = []
    rows = run_bench(sizes=(20,), exports=True, on_line=lines.append, time_limits={20: 20.0})
    assert [r["family"] for r in rows] == ["easy", "hard"]
    for row in rows:
        assert row["status"] in ("optimal", "feasible") and row["verified"], row
        assert row["first_plan_seconds"] is not None
        assert row["first_plan_seconds"] <= row["seconds"]
        assert row["total_cost"] <= row["greedy_cost"] * (1 + 1e-9)  # never worse than first
        assert row["peak_mb"] > 0 and row["xlsx_seconds"] is not None
        if exporter("pdf") is not None:  # the app is installed: the PDF is timed too
            assert row["pdf_seconds"] is not None
    assert lines[0].split()[:3] == ["case", "status", "first"] and "xlsx" in lines[0]
    assert lines[1].split()[:2] == ["easy", "20"] and lines[2].split()[:2] == ["hard", "20"]


def test_bench_bounds_what_any_plan_could_save():
    """`--bound`: HiGHS's bound on the whole model says how much cheaper than the first plan
    any plan could be; the plan found cannot be cheaper than that."""
    lines: list[str] = []
    rows = run_bench(
        sizes=(20,),
        families=("hard",),
        on_line=lines.append,
        time_limits={20: 20.0},
        bound_seconds=10.0,
    )
    row = rows[0]
    assert row["proven_bound"] <= row["total_cost"] * (1 + 1e-6)
    assert 0 <= row["first_saves_at_most"] < 1
    assert row["first_saves_at_most"] >= -row["vs_greedy"] - 1e-6
    assert lines[0].split()[-2:] == ["best", "poss."]
    assert lines[1].split()[-1] == f"{-row['first_saves_at_most']:+.2%}"


CAP = """ 3 4
 30 100.
 30 150.
 30 120.
 10
 20. 40. 60.
 10
 60. 20. 40.
 10
 40. 60. 20.
 20
 50. 50. 50.
"""


def test_or_library_format_reads_as_a_one_period_project(tmp_path: Path):
    """An OR-Library cap file (3 facilities, 4 customers) reads as a one-period project
    whose plan is the optimum found by brute force over the sets of open facilities."""
    path = tmp_path / "cap-tiny.txt"
    path.write_text(CAP)
    caps, fixed, demand, cost = read_cap(path)
    assert caps == [30.0, 30.0, 30.0] and fixed == [100.0, 150.0, 120.0]
    assert demand == [10.0, 10.0, 10.0, 20.0] and cost[1] == [40.0, 20.0, 60.0, 50.0]
    from planner.optimise import plan_project

    plan = plan_project(capacitated_location(path), time_limit_s=20)
    assert plan.verified and plan.status.value == "optimal"
    best = _brute_force(caps, fixed, demand, cost)
    assert plan.total_cost == pytest.approx(best, rel=1e-6)
    assert set(CAPA_OPTIMA) == {8000, 10000, 12000, 14000}


def _brute_force(caps, fixed, demand, cost) -> float:
    import itertools

    from scipy.optimize import linprog

    m, n = len(fixed), len(demand)
    best = float("inf")
    for opened in itertools.product([0, 1], repeat=m):
        idx = [i for i in range(m) if opened[i]]
        if not idx:
            continue
        c = [cost[i][j] for i in idx for j in range(n)]  # cost of all of j at i
        a_eq = [[1.0 if j2 == j else 0.0 for _ in idx for j2 in range(n)] for j in range(n)]
        a_ub = [[demand[j] if i2 == i else 0.0 for i2 in idx for j in range(n)] for i in idx]
        res = linprog(
            c, A_ub=a_ub, b_ub=[caps[i] for i in idx], A_eq=a_eq, b_eq=[1.0] * n, bounds=(0, 1)
        )
        if res.status == 0:
            best = min(best, res.fun + sum(fixed[i] for i in idx))
    return best


def test_bench_measures_the_windows_longest_pause():
    """`locplan bench --stalls`: the app's probe opens, plans and exports the size's project in
    its own process and says how long the window's event loop was held up in each phase."""
    from planner.bench_stalls import longest_stall, probe_module

    if probe_module() is None:
        pytest.skip("the app is not installed (pip install -e .): no stall probe")
    probe = longest_stall(20, 1, "easy", 5.0)
    assert "stall_error" not in probe, probe
    assert probe["planned"] is True
    phases = [probe[k] for k in ("open_ms", "plan_ms", "export_xlsx_ms", "export_pdf_ms")]
    assert all(ms >= 0 for ms in phases)
    assert probe["longest_ms"] == max(phases)
