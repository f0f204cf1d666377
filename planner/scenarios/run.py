"""Plan several scenarios at once, each in its own process (as many as the cores allow), with
progress and Cancel per scenario.

The work is one plain function per scenario, `plan_one(project, time_limit) -> Plan`, with
plain data in and out; the processes here are fresh `python -c` children that read a pickle
of the project and write a pickle of the plan (files the parent wrote itself, in a private
temporary folder), so a sweep of hundreds of scenarios could be handed to Ray or Dask later
without changing the planner. A child reports progress as JSON lines on its stdout; Cancel is
SIGINT, on which the child stops the search and still writes its best plan.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from planner.plan import Plan, ProgressEvent, Status
from planner.problems import WARNING, Problem
from planner.project import TypedProject
from planner.runtime import python_command
from planner.scenarios import overrides
from planner.scenarios.overrides import SHEET, Materialised, ScenarioRows, materialise
from planner.text import t
from planner.validate import validate

GRACE_S = 10.0  # after Cancel, how long a child may take to hand back its best plan
PARENT = "LOCPLAN_PARENT"  # the child's environment: the pid of the process it plans for


@dataclass
class ScenarioResult:
    name: str
    plan: Plan | None = None
    project: TypedProject | None = None
    problems: list[Problem] = field(default_factory=list)
    # a stress test's plan that meets every limit of the base project and costs less there
    # than the plan it stressed: that plan, made a plan of the base (verified), with a note
    improved_base: Plan | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None and self.plan.has_plan


def plan_one(
    project: TypedProject,
    time_limit: float,
    should_stop=None,
    on_progress=None,
    commitments=None,
    starts=(),
    clock: bool | None = None,
) -> Plan:
    """One scenario: the plain function a worker of any kind can run. `starts`: plans the
    search may start from (the base plan for a scenario): the plan never costs more than the
    cheapest of them that meets every limit."""
    from planner.optimise import plan_project

    return plan_project(
        project,
        time_limit_s=time_limit,
        should_stop=should_stop,
        on_progress=on_progress,
        commitments=commitments,
        starts=list(starts),
        clock=clock,
    )


def prepare(raw, name: str, rows: ScenarioRows | None = None) -> ScenarioResult:
    """Materialise and validate one scenario; problems in cells an override wrote are told at
    the Scenarios row that wrote them. `rows`: the Scenarios sheet read once
    (overrides.read_scenarios) when several scenarios are prepared."""
    made: Materialised = materialise(raw, name, rows)
    result = ScenarioResult(name, problems=list(made.problems))
    if made.raw is None:
        return result
    checked = validate(made.raw)
    for p in checked.problems:
        source = None
        if p.sheet is not None and p.row is not None and p.column is not None:
            source = made.written.get((p.sheet, p.row, p.column))
        if source is not None:
            result.problems.append(
                Problem(
                    p.severity,
                    SHEET,
                    source,
                    "value",
                    t("{s}: {m}", "{s}: {m_vi}", s=name, m=p.message.en, m_vi=p.message.vi),
                    p.code,
                )
            )
        elif p.is_error or name == "base":
            result.problems.append(p)
    if checked.ok and not any(p.is_error for p in result.problems):
        result.project = checked.project
    return result


def plan_scenarios(
    raw,
    names: list[str],
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    on_progress: Callable[[str, ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    prepared: dict[str, ScenarioResult] | None = None,
    base_plan: Plan | None = None,
    clock: bool | None = None,
) -> dict[str, ScenarioResult]:
    """Plan every named scenario, `workers` at a time (default: the cores), each in its own
    process. A scenario whose overrides or project have errors gets no plan, only problems.

    `base_plan`: the base project's plan (the plan shown, when current): the base is not
    planned again and every scenario starts from it, so a scenario's plan never costs more
    than the base plan when the base plan meets its limits (without it, the scenarios plan
    side by side with the base and a dearer one is planned again from the base plan
    afterwards). Then a scenario's plan that meets every limit of the base and costs less
    there becomes the base plan, saying so (planner.scenarios.warm.settle)."""
    from planner.scenarios.overrides import BASE
    from planner.scenarios.warm import settle

    todo_names = [n for n in names if not (prepared or {}).get(n)]
    rows = overrides.read_scenarios(raw) if todo_names and raw is not None else None
    results = {n: (prepared or {}).get(n) or prepare(raw, n, rows) for n in names}
    given = base_plan is not None and base_plan.has_plan and BASE in results
    if given and results[BASE].project is not None:
        results[BASE].plan = base_plan
    given = given and results[BASE].plan is base_plan
    starts = [base_plan] if given else []
    todo = [r for r in results.values() if r.project is not None and r.plan is None]
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))

    def run(result: ScenarioResult) -> None:
        project = result.project
        if project is None:  # not in todo
            return
        if should_stop is not None and should_stop():  # cancelled while it waited its turn
            result.plan = Plan(
                status=Status.NO_PLAN,
                explanation=[
                    t("Cancelled before it was planned.", "Đã hủy trước khi lập kế hoạch.")
                ],
            )
            return
        limit = time_limit if time_limit is not None else project.settings.time_limit_s
        result.plan = plan_in_child(
            project,
            float(limit),
            on_progress=functools.partial(on_progress, result.name) if on_progress else None,
            should_stop=should_stop,
            starts=starts,
            clock=clock,
        )

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(run, r) for r in todo]:
            future.result()
    if should_stop is None or not should_stop():  # a stop keeps the plans as they came
        settle(results, time_limit=time_limit, clock=clock, base_given=given)
    return results


def plan_in_child(
    project: TypedProject,
    time_limit: float,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    commitments=None,
    nice: int = 0,
    starts=(),
    clock: bool | None = None,
) -> Plan:
    """plan_one in a fresh child process. A crash or a child that will not stop gives a plan
    with status 'error' and the reason, never an exception. `nice`: the child's priority
    below ours (an app keeps its window quick while its scenarios plan). `starts` and
    `clock`: as plan_one's (the start plans go to the child in its pickle)."""
    # the child may have removed the folder itself (its parent ended): no error then
    with tempfile.TemporaryDirectory(prefix="locplan-scenario-", ignore_cleanup_errors=True) as tmp:
        given, answer = Path(tmp) / "project.pickle", Path(tmp) / "plan.pickle"
        with open(given, "wb") as f:
            pickle.dump((project, time_limit, commitments, list(starts), clock), f)
        root = str(Path(__file__).resolve().parents[2])  # planner importable in the child
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        env["LOCPLAN_NICE"] = str(int(nice))
        env[PARENT] = str(os.getpid())  # the child ends when this process does
        # Ctrl+C, SIGTERM and SIGHUP are ignored until child_main listens for them (a stop
        # during the imports would be a KeyboardInterrupt or an end without a plan); the
        # stop is sent again until the child has heard it
        code = (
            "import signal, sys\n"
            "for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, 'SIGHUP', None)):\n"
            "    s is None or signal.signal(s, signal.SIG_IGN)\n"
            "from planner.scenarios.run import child_main; child_main(*sys.argv[1:])"
        )
        child = subprocess.Popen(
            [*python_command(), "-c", code, str(given), str(answer)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        reader = threading.Thread(target=_relay, args=(child, on_progress), daemon=True)
        reader.start()
        stopped_at = None
        try:
            while child.poll() is None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(0.2)
                if stopped_at is None and should_stop is not None and should_stop():
                    stopped_at = 0.0
                if stopped_at is not None and child.poll() is None:
                    child.send_signal(signal.SIGINT)  # again: it may still be importing
                    stopped_at += 0.2
                    if stopped_at > GRACE_S:
                        child.kill()
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            reader.join(2.0)
            if child.stdout is not None:  # a pipe: stdout=PIPE
                child.stdout.close()
        if answer.exists():
            with open(answer, "rb") as f:
                return pickle.load(f)
        return Plan(
            status=Status.ERROR,
            explanation=[
                t(
                    "The scenario's planning process ended without a plan (exit code {c}).",
                    "Tiến trình lập kế hoạch của kịch bản kết thúc mà không có kế hoạch (mã {c}).",
                    c=child.returncode,
                )
            ],
        )


def _relay(child: subprocess.Popen, on_progress) -> None:
    for line in child.stdout or ():
        if on_progress is None:
            continue
        with contextlib.suppress(ValueError, TypeError):
            on_progress(ProgressEvent(**json.loads(line)))


def _follow_parent() -> Callable[[], bool]:
    """Whether the process that started this child has ended. On Linux the kernel also
    sends SIGTERM when it does (PR_SET_PDEATHSIG), so a parent killed outright (SIGKILL, a
    crash) does not leave its children planning for nobody."""
    parent = int(os.environ.get(PARENT) or 0)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    return lambda: bool(parent) and os.getppid() != parent


def child_main(given: str, answer: str) -> None:
    """Entry of a scenario's child: plan, report progress on stdout, write the plan.
    SIGINT, SIGTERM and SIGHUP stop the search (its best plan is still written); when the
    parent has ended, the child stops too and removes the parent's temporary folder, which
    nobody else will."""
    import dataclasses

    parent_gone = _follow_parent()
    with contextlib.suppress(OSError, ValueError):
        os.nice(int(os.environ.get("LOCPLAN_NICE") or 0))
    with open(given, "rb") as f:
        project, time_limit, commitments, starts, clock = pickle.load(f)
    # a plain flag, not a threading.Event: a handler runs between any two bytecodes of the
    # main thread, even inside another handler (the kernel sends the parent-death signal
    # once for each thread of the parent as they die), and Event.set takes a lock that is
    # not reentrant: a second signal deadlocked the child there
    stopped = [parent_gone()]

    def stop_now(*_) -> None:
        stopped[0] = True

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop_now)
    lock = threading.Lock()

    def progress(event: ProgressEvent) -> None:
        with lock:
            try:
                print(json.dumps(dataclasses.asdict(event)), flush=True)
            except (OSError, ValueError):  # nobody reads any more: the parent has ended
                stop_now()

    out: dict = {}
    worker = threading.Thread(
        target=lambda: out.update(
            plan=plan_one(
                project, time_limit, lambda: stopped[0], progress, commitments, starts, clock
            )
        ),
        daemon=True,
    )
    worker.start()
    while worker.is_alive() and not parent_gone():  # the main thread stays in Python so
        worker.join(0.2)  # that a signal is seen
    if parent_gone():
        # nobody will read the plan or remove the folder: remove it and end now, without
        # waiting for the search or unwinding the interpreter (stdout is a broken pipe)
        import shutil

        stop_now()
        shutil.rmtree(Path(given).parent, ignore_errors=True)
        os._exit(0)
    partial = answer + ".part"
    with open(partial, "wb") as written:
        pickle.dump(out["plan"], written)
    os.replace(partial, answer)
    from planner.optimise.backend import end_process

    end_process(0)


def check_scenarios(raw, deep: bool = True) -> list[Problem]:
    """Every problem of the Scenarios sheet, named by its row and column (for `locplan
    check`, the app's Problems panel and its Scenarios page: one list). They are warnings of
    the project: a bad row stops its own scenario (where it is an error), never the base
    plan. The sheet is read once; `deep`: also validate each scenario's project (one
    validation per scenario), to name the rows whose values the project refuses."""
    rows = overrides.read_scenarios(raw)
    found = list(rows.problems.get(None, []))
    for name in rows.names[1:]:
        found += prepare(raw, name, rows).problems if deep else rows.problems.get(name, [])
    out: list[Problem] = []
    seen: set = set()
    for p in found:
        if p.sheet == SHEET and (p.row, p.column, p.message.en) not in seen:
            seen.add((p.row, p.column, p.message.en))
            out.append(dataclasses.replace(p, severity=WARNING))
    return sorted(out, key=lambda p: (p.row is not None, p.row or 0))


def stress_test(
    raw,
    scenario: str,
    plan: Plan,
    until: str,
    *,
    time_limit: float | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ScenarioResult:
    """Replan `scenario` keeping what `plan` did up to period `until` (it happened: the
    qualifications it started, the suppliers it onboarded and the shares it bought then), so
    the comparison shows what the shock changes from then on and what it costs. The limits
    of those periods are spent, not checked again; `plan` itself is a starting point, so a
    plan that meets every limit of the scenario after `until` always gives a plan."""
    from planner.optimise.commitments import Commitments

    result = prepare(raw, scenario)
    if result.project is None:
        return result
    if until not in result.project.periods:
        raise ValueError(f"no period named {until!r} in scenario {scenario!r}")
    commitments = Commitments.from_plan(plan, result.project.periods, until)
    limit = time_limit if time_limit is not None else result.project.settings.time_limit_s
    result.plan = plan_in_child(
        result.project, float(limit), on_progress, should_stop, commitments=commitments
    )
    if result.plan.summary is not None:
        result.plan.summary = dataclasses.replace(result.plan.summary, kept_until=until)
    if result.ok and (should_stop is None or not should_stop()):
        result.improved_base = _improved_base(raw, plan, scenario, result.plan, float(limit))
    return result


def _improved_base(raw, plan: Plan, scenario: str, stressed: Plan, limit: float) -> Plan | None:
    """The stressed plan as a plan of the base when it meets every limit of the base and costs
    less there than `plan` (a shock that only tightens can then show a saving: the plan it
    stressed was not the best), with a line that says so; else None."""
    from planner.scenarios.warm import cheaper_from, improved_base

    base = prepare(raw, "base").project
    if base is None or not plan.has_plan:
        return None
    found = cheaper_from(base, plan, {scenario: stressed}, time_limit=limit)
    if found is None:
        return None
    better, source = found
    from planner.scenarios.warm import money_text

    saving = money_text(
        (plan.total_cost or 0.0) - (better.total_cost or 0.0), base.settings.currency
    )
    better.explanation.append(improved_base(source, saving))
    return better
