"""`locplan bench`: plan generated factories of growing size and report time, memory, quality.

Each case runs in its own child process so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
from collections.abc import Callable

TIME_LIMITS = {50: 60.0, 200: 60.0, 1000: 120.0, 3000: 180.0, 10000: 300.0}


def _time_exports(project, plan) -> dict:
    """Seconds to write the plan workbook and the printed plan (when the PDF exporter is
    installed), through the same functions `locplan plan -o --pdf` uses."""
    import tempfile
    import time
    from pathlib import Path

    from planner.report.exporters import exporter
    from planner.report.workbook import write_plan_workbook

    out: dict = {"xlsx_seconds": None, "pdf_seconds": None}
    if not plan.verified:
        return out
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        write_plan_workbook(project, plan, Path(tmp) / "plan.xlsx")
        out["xlsx_seconds"] = round(time.monotonic() - start, 2)
        write_pdf = exporter("pdf")
        if write_pdf is not None:
            start = time.monotonic()
            write_pdf(project, plan, Path(tmp) / "plan.pdf")
            out["pdf_seconds"] = round(time.monotonic() - start, 2)
    return out


def _case(n: int, seed: int, time_limit: float, exports: bool = False) -> dict:
    """One benchmark case, run inside the child."""
    import time

    from planner.generate import generate_project
    from planner.optimise import plan_project

    start = time.monotonic()
    project = generate_project(n, seed=seed)
    generated = time.monotonic() - start
    plan = plan_project(project, time_limit_s=time_limit)
    greedy = plan.summary.get("greedy_cost")
    cost = plan.total_cost
    row = {
        "parts": n,
        "seed": seed,
        "status": plan.status.value,
        "verified": plan.verified,
        "seconds": round(plan.solve_seconds, 2),
        "generate_seconds": round(generated, 2),
        "total_cost": cost,
        "best_bound": plan.best_bound,
        "gap": plan.gap,
        "greedy_cost": greedy,
        "vs_greedy": None if not (cost and greedy) else (cost - greedy) / greedy,
        "backend": plan.backend,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if exports:  # after peak_mb: the exports' memory is not the solver's
        row.update(_time_exports(project, plan))
    return row


def _run_child(n: int, seed: int, time_limit: float, exports: bool = False) -> dict:
    code = (
        "import json, sys; from planner.bench import _case; "
        f"print(json.dumps(_case({n}, {seed}, {time_limit}, {exports})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=time_limit * 3 + 120 + (600 if exports else 0),
    )
    if done.returncode != 0:
        return {"parts": n, "seed": seed, "status": "crash", "error": done.stderr[-500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(
    sizes: tuple[int, ...] = (50, 200, 1000, 3000, 10000),
    repeats: int = 1,
    seeds: tuple[int, ...] = (1,),
    on_line: Callable[[str], None] = print,
    exports: bool = False,
) -> list[dict]:
    """Run every size `repeats` times per seed; print a table with medians. With `exports`,
    also time writing the plan workbook and the PDF."""
    rows = []
    extra = f" {'xlsx s':>7} {'pdf s':>7}" if exports else ""
    on_line(
        f"{'parts':>6} {'status':>9} {'secs':>7} {'gap':>8} {'vs greedy':>10} "
        f"{'peak MB':>8} {'cost':>16}{extra}"
    )
    for n in sizes:
        limit = TIME_LIMITS.get(n, 120.0)
        runs = [_run_child(n, seed, limit, exports) for seed in seeds for _ in range(repeats)]
        rows.extend(runs)
        ok = [r for r in runs if r.get("total_cost") is not None]
        if not ok:
            on_line(f"{n:>6} {runs[0]['status']:>9}")
            continue
        med = {
            k: statistics.median(r[k] for r in ok if r.get(k) is not None)
            if any(r.get(k) is not None for r in ok)
            else None
            for k in (
                "seconds",
                "gap",
                "vs_greedy",
                "peak_mb",
                "total_cost",
                "xlsx_seconds",
                "pdf_seconds",
            )
        }
        gap = "-" if med["gap"] is None else f"{med['gap']:.3%}"
        vs = "-" if med["vs_greedy"] is None else f"{med['vs_greedy']:+.2%}"
        timed = ""
        if exports:
            timed = "".join(
                f" {'-':>7}" if med[k] is None else f" {med[k]:>7.1f}"
                for k in ("xlsx_seconds", "pdf_seconds")
            )
        on_line(
            f"{n:>6} {ok[0]['status']:>9} {med['seconds']:>7.1f} {gap:>8} {vs:>10} "
            f"{med['peak_mb']:>8.0f} {med['total_cost']:>16,.0f}{timed}"
        )
    return rows
