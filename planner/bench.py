"""`locplan bench`: plan generated factories of growing size and report time, memory, quality.

Three families of generated projects (planner.generate): "easy", a glide path from the middle
of the horizon with room to spare; "hard", like the real ones (caps from the fourth quarter
tightening to a third of the way from what every quote could reach, content tiers); "pool",
built unlike the two the planner was tuned on (planner.generate_pool). The default seed (101)
is held out: the tests and any tuning use seeds below 100.
Each case is written to a workbook and read back, so the times include reading, and runs in
its own child process so that its peak memory (ru_maxrss) is its own. Optionally, the
OR-Library capacitated facility-location instances (Beasley 1988) written as one-period
projects, against their published optima.

Per case: the time to the first verified plan, the final cost against that first plan (the
look-ahead heuristic) and against the best bound, the final gap, peak memory; optionally
against a reference, the best plan the planner finds given ten minutes (`reference_seconds`).
"""

from __future__ import annotations

import hashlib
import json
import resource
import statistics
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.bench_stalls import longest_stall
from planner.runtime import python_command

TIME_LIMITS = {50: 60.0, 200: 60.0, 1000: 120.0, 3000: 180.0, 10000: 300.0}
CAPA_SECONDS = 120.0
# OR-Library capa with its four capacities: published optima (OR-Library capopt).
CAPA_OPTIMA = {
    8000: 19_240_822.449,
    10000: 18_438_046.543,
    12000: 17_765_201.949,
    14000: 17_160_439.012,
}


def _time_exports(project, plan) -> dict:
    """Seconds to write the plan workbook and the printed plan (when the PDF exporter is
    installed), through the same functions `locplan plan -o --pdf` uses."""
    import tempfile
    import time

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


def _plan(project, time_limit: float, read_seconds: float) -> dict:
    """Plan and measure: time to the first plan (reading included), final figures."""
    import time

    from planner.optimise import plan_project

    first: dict = {}

    def progress(event) -> None:
        if event.phase == "first plan" and "seconds" not in first:
            first["seconds"] = event.elapsed_s
            first["cost"] = event.objective

    start = time.monotonic()
    plan = plan_project(project, time_limit_s=time_limit, on_progress=progress)
    greedy = plan.summary.greedy_cost if plan.summary is not None else None
    fingerprint = None
    if plan.has_plan:  # the plan's decisions: equal fingerprints are one plan
        alloc = plan.allocation[["component_id", "supplier_id", "period", "share"]]
        text = alloc.round({"share": 9}).to_csv(index=False)
        fingerprint = hashlib.sha1(text.encode()).hexdigest()[:10]
    cost = plan.total_cost
    return {
        "status": plan.status.value,
        "verified": plan.verified,
        "read_seconds": round(read_seconds, 2),
        "first_plan_seconds": (
            round(read_seconds + first["seconds"], 2) if "seconds" in first else None
        ),
        "seconds": round(time.monotonic() - start + read_seconds, 2),
        "total_cost": cost,
        "best_bound": plan.best_bound,
        "gap": plan.gap,
        "greedy_cost": greedy,
        "vs_greedy": None if not (cost and greedy) else (cost - greedy) / greedy,
        "backend": plan.backend,
        "stopped_by": plan.stopped_by.value,
        "fingerprint": fingerprint,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "_plan": plan,
    }


def _case(
    n: int,
    seed: int,
    time_limit: float,
    exports: bool = False,
    family: str = "easy",
    bound_seconds: float = 0.0,
):
    """One generated case, run inside the child: generate, write, read back, plan; with
    `bound_seconds`, then the most any plan could save against the first plan."""
    import tempfile
    import time

    from planner.generate import generate_project
    from planner.io.write import write_typed
    from planner.validate import check_file

    generated = generate_project(n, seed=seed, family=family)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "project.xlsx"
        write_typed(generated, path)
        start = time.monotonic()
        checked = check_file(path)
        read = time.monotonic() - start
    project = checked.project  # None exactly when the check found errors
    if not checked.ok or project is None:
        return {"parts": n, "seed": seed, "family": family, "status": "refused"}
    row: dict[str, Any] = {"parts": n, "seed": seed, "family": family}
    row.update(_plan(project, time_limit, read))
    plan = row.pop("_plan")
    if exports:  # after peak_mb: the exports' memory is not the solver's
        row.update(_time_exports(project, plan))
    if bound_seconds > 0 and row["greedy_cost"]:
        from planner.optimise.solve import model_bound

        bound = model_bound(project, bound_seconds)
        if bound is not None:
            row["proven_bound"] = bound
            row["first_saves_at_most"] = (row["greedy_cost"] - bound) / row["greedy_cost"]
    return row


SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "vr_headset_bac_ninh.xlsx"


def _sample_case(exports: bool = False) -> dict:
    """The sample project at its own time limit, read as the app reads it."""
    import time

    from planner.validate import check_file

    start = time.monotonic()
    checked = check_file(SAMPLE)
    read = time.monotonic() - start
    project = checked.project
    if project is None:  # the sample always passes its check (tests/planner/test_sample_data)
        raise ValueError(f"the sample {SAMPLE} does not pass its check")
    row: dict[str, Any] = {"parts": "sample", "seed": 0, "family": "sample"}
    row.update(_plan(project, float(project.settings.time_limit_s), read))
    plan = row.pop("_plan")
    if exports:
        row.update(_time_exports(project, plan))
    return row


def _capa_case(path: str, capacity: int, time_limit: float) -> dict:
    from planner.orlib import capacitated_location

    project = capacitated_location(Path(path), capacity)
    row: dict[str, Any] = {"parts": f"capa-{capacity}", "seed": 0, "family": "OR-Library"}
    row.update(_plan(project, time_limit, 0.0))
    row.pop("_plan")
    best = CAPA_OPTIMA.get(capacity)
    if best and row["total_cost"]:
        row["vs_optimum"] = (row["total_cost"] - best) / best
    return row


def _run_child(call: str, timeout: float) -> dict:
    """One case in a fresh Python, on purpose not planner.jobs: a child forked from the warm
    server starts with the server's memory, and its peak (ru_maxrss) would count the
    server's imports; a fresh process measures what planning the case takes, alone."""
    code = (
        "import json; from planner.bench import _capa_case, _case, _sample_case; "
        f"print(json.dumps({call})); "
        "from planner.optimise.backend import end_process; end_process(0)"
    )
    done = subprocess.run(
        [*python_command(), "-c", code], capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        return {"status": "crash", "error": done.stderr[-500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(rows: list[dict], key: str):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def _line(
    label: str,
    runs: list[dict],
    exports: bool,
    stalls: bool = False,
    bound: bool = False,
    reference: bool = False,
) -> str:
    ok = [r for r in runs if r.get("total_cost") is not None]
    if not ok:
        return f"{label:>12} {runs[0].get('status', '?'):>9}"
    med = {
        k: _median(ok, k)
        for k in (
            "first_plan_seconds",
            "seconds",
            "gap",
            "vs_greedy",
            "vs_optimum",
            "peak_mb",
            "total_cost",
            "xlsx_seconds",
            "pdf_seconds",
            "stall_ms",
            "first_saves_at_most",
            "vs_reference",
        )
    }

    def pct(v, d=2):
        return "-" if v is None else f"{v:+.{d}%}"

    gap = "-" if med["gap"] is None else f"{med['gap']:.3%}"
    first = "-" if med["first_plan_seconds"] is None else f"{med['first_plan_seconds']:.1f}"
    text = (
        f"{label:>12} {ok[0]['status']:>9} {first:>7} {med['seconds']:>7.1f} {gap:>8} "
        f"{pct(med['vs_greedy']):>10} {pct(med['vs_optimum'], 3):>10} {med['peak_mb']:>8.0f} "
        f"{med['total_cost']:>16,.0f} {_same_plan(ok):>22}"
    )
    if exports:
        text += "".join(
            f" {'-':>7}" if med[k] is None else f" {med[k]:>7.1f}"
            for k in ("xlsx_seconds", "pdf_seconds")
        )
    if stalls:
        text += f" {'-':>8}" if med["stall_ms"] is None else f" {med['stall_ms']:>8.0f}"
    if bound:
        saves = med["first_saves_at_most"]
        text += f" {pct(None if saves is None else -saves):>10}"
    if reference:
        text += f" {pct(med['vs_reference'], 3):>10}"
    return text


def _compare_to_reference(
    runs: list[dict], n: int, seeds: tuple[int, ...], family: str, seconds: float
) -> None:
    """Each run's cost against the plan of its seed given `seconds` (one child per seed)."""
    for seed in seeds:
        ref = _run_child(
            f"_case({n}, {seed}, {seconds}, False, {family!r}, 0.0)", seconds * 3 + 180
        )
        for run in runs:
            if run.get("seed") == seed and run.get("total_cost") and ref.get("total_cost"):
                run["reference_cost"] = ref["total_cost"]
                run["vs_reference"] = run["total_cost"] / ref["total_cost"] - 1


def _same_plan(runs: list[dict]) -> str:
    """How many distinct plans the runs gave, and what ended each search ("1 plan (work)";
    "2 plans (work, clock)"): runs that differ should say "clock"."""
    plans = len({r.get("fingerprint") for r in runs})
    ended = ", ".join(sorted({r.get("stopped_by") or "?" for r in runs}))
    return f"{plans} plan{'s' if plans != 1 else ''} ({ended})"


def run_bench(
    sizes: tuple[int, ...] = (50, 200, 1000, 3000, 10000),
    repeats: int = 1,
    seeds: tuple[int, ...] = (1,),
    on_line: Callable[[str], None] = print,
    exports: bool = False,
    families: tuple[str, ...] = ("easy", "hard"),
    capa: str | None = None,
    time_limits: dict[int, float] | None = None,
    stalls: bool = False,
    bound_seconds: float = 0.0,
    sample: bool = False,
    reference_seconds: float = 0.0,
) -> list[dict]:
    """Run every size and family `repeats` times per seed; print a table with medians.
    `stalls`: also the window's longest pause on each size's first seed (the app's probe).
    `bound_seconds`: also the best bound HiGHS proves in that time, as the cheapest any plan
    could be against the first plan ("best possible"). `sample`: also the sample project at its
    own time limit. `reference_seconds`: also each case planned once per seed with that limit
    (600: the best the planner finds in ten minutes), each run's cost against it ("vs ref").
    The column "same plan" counts the distinct plans of each case's runs."""
    limits = {**TIME_LIMITS, **(time_limits or {})}
    rows = []
    extra = f" {'xlsx s':>7} {'pdf s':>7}" if exports else ""
    extra += f" {'stall ms':>8}" if stalls else ""
    extra += f" {'best poss.':>10}" if bound_seconds else ""
    extra += f" {'vs ref':>10}" if reference_seconds else ""
    on_line(
        f"{'case':>12} {'status':>9} {'first s':>7} {'secs':>7} {'gap':>8} {'vs first':>10} "
        f"{'vs optimum':>10} {'peak MB':>8} {'cost':>16} {'same plan':>22}{extra}"
    )
    if sample:
        runs = [_run_child(f"_sample_case({exports})", 600) for _ in range(repeats)]
        rows.extend(runs)
        on_line(_line("sample", runs, exports, False, False))
    for family in families:
        for n in sizes:
            limit = limits.get(n, 120.0)
            runs = []
            for seed in seeds:
                for _ in range(repeats):
                    call = f"_case({n}, {seed}, {limit}, {exports}, {family!r}, {bound_seconds})"
                    wait = limit * 3 + 180 + (600 if exports else 0) + bound_seconds * 2
                    run = _run_child(call, wait)
                    run.setdefault("parts", n)
                    run.setdefault("family", family)
                    runs.append(run)
            if reference_seconds:
                _compare_to_reference(runs, n, seeds, family, reference_seconds)
            if stalls:
                probe = longest_stall(n, seeds[0], family, limit)
                for run in runs:
                    run["stall_ms"] = probe.get("longest_ms")
                    run["stall"] = probe
            rows.extend(runs)
            line = _line(
                f"{family} {n}", runs, exports, stalls, bound_seconds > 0, reference_seconds > 0
            )
            on_line(line)
    if capa:
        for capacity in CAPA_OPTIMA:
            limit = CAPA_SECONDS
            runs = [
                _run_child(f"_capa_case({capa!r}, {capacity}, {limit})", limit * 3 + 180)
                for _ in range(repeats)
            ]
            rows.extend(runs)
            on_line(_line(f"capa {capacity}", runs, False))
    return rows
