"""Plan a project: instance, a first plan in seconds, better plans until the deadline, a bound,
the checker, the summary. Never raises for an infeasible or timed-out model.

1. The look-ahead heuristic (planner.optimise.firstplan) gives a complete plan in seconds. If
   it misses a cap or the origin rule, a MIP over the same model with priced slack on those
   rows repairs it from there; only when the repair cannot close the slack is the project
   explained as infeasible.
2. Then better plans: SCIP on the whole model from the current plan when the model is small
   enough to prove (it reports the bound), else fix-and-optimise over groups of parts
   (planner.optimise.improve), with the LP relaxation solved beside it for the bound.
3. Every plan shown has passed planner.verify; a final plan that fails falls back to the
   first plan.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Sequence

import numpy as np

from planner.instance import Instance, build_instance
from planner.optimise import backend as solver
from planner.optimise.build import build_model
from planner.optimise.commitments import Commitments
from planner.optimise.deadline import Deadline
from planner.optimise.decisions import (
    Decisions,
    do_nothing,
    from_columns,
    from_plan,
    start_columns,
    to_columns,
)
from planner.optimise.explain import Relaxation, blocked, relax, unqualifiable
from planner.optimise.extract import build_plan, plan_cost
from planner.optimise.firstplan import first_plan
from planner.optimise.model import Arrays, restrict, with_cost, with_row
from planner.optimise.objective import TIE_NONORIG, TIE_START, china_coefficients
from planner.optimise.reasons import Rows, limit_values, reasons
from planner.optimise.search import from_scratch, method, phase_seconds, search
from planner.optimise.variables import Variables
from planner.plan import Plan, ProgressEvent, Status, StoppedBy, Summary
from planner.project import TypedProject
from planner.text import t
from planner.verify import check_reasons, verify_plan

BACKENDS = ("auto", "scip", "highs", "greedy")


def tie_allowance(inst: Instance, v: Variables) -> float:
    """The most the tie-breaking terms can add to the model's objective: a bound on the
    model is a bound on the true cost once this is taken off."""
    startable = int((v.started[:, -1] >= 0).sum())
    dearest = np.zeros(inst.C)
    np.maximum.at(dearest, inst.col("c"), inst.col("nonorig"))
    most_nonorig = float((dearest * inst.demand.sum(axis=1)).sum())
    return TIE_START * startable + TIE_NONORIG * most_nonorig


class _Search:
    """One planning run: the incumbent, the bound and the progress reports."""

    def __init__(
        self,
        project: TypedProject,
        inst: Instance,
        deadline: Deadline,
        notify: Callable[[ProgressEvent], None],
        backend: str,
        commitments: Commitments | None = None,
    ):
        self.project, self.inst, self.deadline, self.notify = project, inst, deadline, notify
        self.backend = backend
        self.commitments = commitments
        # the model, built here (with a stress test's facts fixed in `a`)
        self.m, self.v = build_model(inst)
        self.a: Arrays = self.m.arrays()
        if commitments is not None:
            self.a = commitments.apply(inst, self.m, self.v, self.a)
        self.tie_allowance = tie_allowance(inst, self.v)
        self.x: np.ndarray | None = None  # the best complete plan as columns
        self.objective: float | None = None
        self.bound: float | None = None
        self.first: Decisions | None = None
        self.proven = False
        self.relaxation: Relaxation | None = None
        self.none = False  # SCIP proved that no plan exists
        self.lp_thread: threading.Thread | None = None
        self.spent = 0.0  # the fraction of the limit the phases so far had to themselves
        self.searched = threading.Event()
        self.method = "heuristic"  # how the last phase searched (planner.optimise.search)

    # progress ------------------------------------------------------------------------------
    def report(self, phase: str, message: str = "") -> None:
        gap = None
        if self.objective is not None and self.bound is not None and self.objective > 0:
            gap = max(0.0, (self.objective - self.bound) / abs(self.objective))
        self.notify(
            ProgressEvent(
                self.deadline.elapsed(), self.objective, self.bound, gap, message or phase, phase
            )
        )

    def accept(self, objective: float, x: np.ndarray, phase: str) -> None:
        if self.objective is None or objective < self.objective - 1e-9 * abs(objective):
            self.objective, self.x = objective, x
            self.report(phase)

    def offer_bound(self, bound: float | None) -> None:
        if bound is None or bound <= 0:  # SCIP's "0" before its root is no information
            return
        bound -= self.tie_allowance
        if self.bound is None or bound > self.bound:
            self.bound = bound
            self.report("improving")

    @property
    def best_x(self) -> np.ndarray:
        """The best plan's columns: there is one once first_plan() has succeeded."""
        if self.x is None:
            raise RuntimeError("no plan yet: first_plan() found none")
        return self.x

    # phases --------------------------------------------------------------------------------
    def first_plan(self) -> bool:
        """The look-ahead plan; if it misses a limit, the fall-back below. False when no plan
        was found (self.relaxation and self.none say why)."""
        if self.commitments is not None:
            decisions, ok = self.commitments.first_plan(self.inst, self.v, self.a)
        else:
            decisions, ok = first_plan(self.inst)
        x = to_columns(self.inst, self.v, self.a.n_cols, decisions)
        if ok and solver.feasible(self.a, x):
            self.first = decisions
            self.accept(float(self.a.cost @ x + self.a.offset), x, "first plan")
            return True
        if self.x is not None:  # a warm start meets every limit: no repair needed
            self.first = from_columns(self.inst, self.v, self.x)
            return True
        # The fall-back, which finds a plan wherever one exists: a model SCIP can take whole
        # in the time is searched with no start (a plan, or the proof that there is none);
        # otherwise, or without an answer, the least violation of the limits that can give
        # (explain.relax) from the heuristic's plan, in two shares of the limit, the second
        # going on from where the first stopped. Zero violation is a plan; a proven positive
        # one is the reason none exists.
        self.report("repairing", "repairing the first plan")
        whole = from_scratch(
            self.a,
            x,
            self.deadline,
            0.6,
            gap=float(self.project.settings.mip_gap),
            since=self.spent,
        )
        if whole is not None:
            found, self.proven, self.none = whole
            if found is not None:
                self.spent, self.method = 0.6, "whole"
                return self._take_first(found)
        start = x
        for until in (0.6, 1.0 - self.reserve()):
            if until <= self.spent or self.deadline.stopped():
                continue
            self.relaxation = relaxation = relax(
                self.inst, self.m, self.v, self.a, start, self.deadline, until, since=self.spent
            )
            self.spent = until
            if relaxation.feasible or relaxation.proven:
                break
            start = relaxation.x
        if self.relaxation is None or not self.relaxation.feasible:
            return False
        x = self.relaxation.x
        if not solver.feasible(self.a, x):  # held to the solver's tolerance: round, re-solve
            polished = polish(self.a, x)
            if polished is None:
                return False
            x = polished
        return self._take_first(x)

    def _take_first(self, x: np.ndarray) -> bool:
        """A plan found by the fall-back, as columns, becomes the first plan."""
        self.first = from_columns(self.inst, self.v, x)
        self.accept(float(self.a.cost @ x + self.a.offset), x, "first plan")
        return True

    def warm_start(self, starts: Sequence[Plan]) -> None:
        """Other plans as starting points (the base plan for a scenario, a tighter target's
        plan on the trade-off curve): each that meets every limit of this model and costs
        less than the plan in hand becomes it, so the search never ends above the best of
        them."""
        for plan in starts:
            x = start_columns(self.inst, self.v, self.a, plan)
            if x is not None:
                self.accept(float(self.a.cost @ x + self.a.offset), x, "warm start")

    def _search(
        self, a: Arrays, x: np.ndarray, until: float, phase: str
    ) -> tuple[np.ndarray, float]:
        """Improve x on `a` until `until` (a fraction of the time limit); progress and the
        bound are reported only for the plan's own model."""
        own = a is self.a
        self.method = method(a, phase_seconds(self.deadline.limit, until, self.spent))
        x, obj, proven = search(
            self.inst,
            self.v,
            a,
            x,
            self.deadline,
            until,
            gap=float(self.project.settings.mip_gap),
            backend=self.backend,
            on_found=(lambda o, vals: self.accept(o, vals, phase)) if own else None,
            on_bound=self.offer_bound if own else None,
            since=self.spent,
        )
        self.spent = until
        if own and proven:
            self.proven = True
        return x, obj

    def lp_bound(self) -> None:
        """The LP relaxation's optimum, a global bound, solved beside the search (the other
        core) when the whole model is too large for SCIP to report one."""

        def run() -> None:
            result = solver.solve(
                self.a,
                lp=True,
                time_limit=max(self.deadline.remaining() - 1.0, 0.5),
                should_stop=lambda: self.deadline.stopped() or self.searched.is_set(),
            )
            if result.status == "optimal":
                self.offer_bound(result.objective)

        self.lp_thread = threading.Thread(target=run, daemon=True)
        self.lp_thread.start()

    def min_china_first(self) -> None:
        """Lexicographic: least Chinese content first, then the cheapest plan among those."""
        cols, coef = china_coefficients(self.inst, self.v)
        cost = np.zeros(self.a.n_cols)
        np.add.at(cost, cols, coef)
        china = with_cost(self.a, cost)
        x, best = self._search(china, self.best_x, until=0.45, phase="least Chinese content")
        slack = 1e-6 * max(1.0, abs(best)) + 1e-6
        self.a = with_row(self.a, cols, coef, -np.inf, best + slack)
        self.objective = None
        self.accept(float(self.a.cost @ x + self.a.offset), x, "least Chinese content")

    def reserve(self) -> float:
        """The fraction of the limit kept after the search for the checker and the tables
        (measured: about 3 s plus 25 us per offer and period), and a twentieth of the limit
        for the value of the binding limits: a rule of size and limit, not of the clock."""
        finish = 3.0 + 2.5e-5 * self.inst.O * self.inst.T + 0.05 * self.deadline.limit
        return min(0.5, finish / max(self.deadline.limit, 1.0))

    def improve(self) -> None:
        until = 1.0 - self.reserve()
        share = phase_seconds(self.deadline.limit, until, self.spent)
        if method(self.a, share) != "whole":
            self.lp_bound()
        self._search(self.a, self.best_x, until=until, phase="improving")
        self.searched.set()  # the LP bound, if still running, stops now


def plan_project(
    project: TypedProject,
    *,
    time_limit_s: float | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    backend: str | None = None,
    commitments: Commitments | None = None,
    starts: Sequence[Plan] = (),
    clock: bool | None = None,
) -> Plan:
    """The cheapest safe phased plan found within the time limit, verified, or the reason.
    With `commitments`, what has already happened (a stress test) stays as it was. `starts`:
    other plans (of this project or a variant of it) the search may start from. The limit
    sizes the work of every phase, which alone decides the plan; the clock ends a phase
    whose work is not done in its share (the plan then says `stopped_by` "clock"), unless
    `clock` is False (default: on, unless the environment says LOCPLAN_CLOCK=off, as the
    tests do, so that no test depends on the machine's load)."""
    settings = project.settings
    limit = float(time_limit_s if time_limit_s is not None else settings.time_limit_s)
    if clock is None:
        clock = os.environ.get("LOCPLAN_CLOCK", "on").lower() != "off"
    deadline = Deadline(max(limit, 0.1), should_stop or (lambda: False), clock=clock)
    notify = on_progress or (lambda event: None)
    chosen = (backend or settings.solver or "auto").lower()
    try:
        inst = build_instance(project)
    except Exception as exc:  # a project the validator let through but cannot be indexed
        return Plan(
            status=Status.ERROR,
            explanation=[
                t(
                    "The project could not be prepared for planning: {e}",
                    "Không chuẩn bị được dự án để lập kế hoạch: {e}",
                    e=exc,
                )
            ],
        )
    search = _Search(project, inst, deadline, notify, chosen, commitments)
    search.warm_start(starts)
    if not search.first_plan():
        return _no_plan(search, limit)
    first_cost = plan_cost(inst, search.first) if search.first is not None else None
    if chosen != "greedy" and deadline.expired():
        deadline.clocked = True  # the first plan took the whole limit: nothing was searched
    if chosen != "greedy" and not deadline.stopped():
        if settings.objective == "min_china":
            search.min_china_first()
        search.improve()
    search.searched.set()
    if search.lp_thread is not None:
        search.lp_thread.join(2.0)  # interrupted: it hands back within a moment
    return _finish(search, first_cost)


def plan_as_given(
    project: TypedProject, given: Plan, *, commitments: Commitments | None = None
) -> Plan:
    """Another plan's decisions (onboardings, starts, shares: a plan of record) priced in
    `project` with no search, its reasons and limits worked out, through the independent
    checker: the plan as it was decided, or status ERROR with the checker's findings when it
    does not hold in this project (its inputs changed). With `commitments`, the facts of a
    re-planned version are checked as facts."""
    inst = build_instance(project)
    search = _Search(
        project, inst, Deadline(60.0, clock=False), lambda e: None, "greedy", commitments
    )
    decisions = from_plan(inst, given)
    if decisions is None:
        return Plan(
            status=Status.ERROR,
            explanation=[
                t(
                    "The plan buys from an offer the project no longer has, or leaves a part "
                    "or a period without supply.",
                    "Kế hoạch mua từ một báo giá mà dự án không còn, hoặc để một linh kiện hay "
                    "một kỳ không có nguồn cung.",
                )
            ],
        )
    search.x = to_columns(inst, search.v, search.a.n_cols, decisions)
    search.objective = float(search.a.cost @ search.x)
    plan = _finish(search, None)
    plan.backend = "record"
    plan.stopped_by = StoppedBy.NONE
    if plan.summary is not None:
        plan.summary = dataclasses.replace(
            plan.summary, backend="record", stopped_by=StoppedBy.NONE
        )
    return plan


def model_bound(project: TypedProject, seconds: float) -> float | None:
    """No plan of the project costs less than this: the best bound HiGHS (through OR-Tools)
    reaches on the whole model in `seconds`, mostly from its root cuts, which raise the bound
    well above the LP's. For the benchmark (how much any optimiser could still save), not for
    planning: it takes minutes at 1,000 parts."""
    inst = build_instance(project)
    m, v = build_model(inst)
    # HiGHS checks its clock seldom in the root's cut loop: its answer is waited for
    result = solver.solve(
        m.arrays(), time_limit=seconds, solver="highs", gap=1e-6, grace=max(60.0, seconds)
    )
    if result.bound is None:
        return None
    return result.bound - tie_allowance(inst, v)


def _finish(search: _Search, first_cost: float | None) -> Plan:
    inst, project, deadline = search.inst, search.project, search.deadline
    # a stress test's facts are checked as facts, not against the limits of their periods
    kept = None if search.commitments is None else search.commitments.kept(inst, search.v)
    decisions = from_columns(inst, search.v, search.best_x)
    status = Status.OPTIMAL if search.proven else Status.FEASIBLE
    plan = build_plan(
        inst, decisions, status, search.bound, deadline.elapsed(), _backend_name(search)
    )
    plan.summary = figures = summary(inst, plan, first_cost)
    check = verify_plan(project, plan, kept)
    used = decisions  # the decisions the plan shown is made of
    if not check.ok and search.first is not None:
        failed = check.violations
        used = search.first
        plan = build_plan(
            inst, search.first, Status.FEASIBLE, search.bound, deadline.elapsed(), "heuristic"
        )
        plan.summary = figures = summary(inst, plan, first_cost)
        check = verify_plan(project, plan, kept)
        plan.explanation.append(
            t(
                "The optimiser's plan failed the independent check ({v}), so the first plan "
                "is shown.",
                "Kế hoạch của bộ tối ưu không qua kiểm tra độc lập ({v}) nên hiển thị kế hoạch "
                "ban đầu.",
                v=failed[0],
            )
        )
    plan.verified = check.ok
    plan.violations = check.violations
    if not plan.verified:
        plan.status = Status.ERROR
        plan.explanation.append(
            t(
                "No plan passed the independent check: {v}",
                "Không kế hoạch nào qua kiểm tra độc lập: {v}",
                v="; ".join(check.violations[:3]),
            )
        )
    if plan.verified:
        # a stress test's limits are worth what they are with its facts kept (search.a)
        model = search.m.arrays() if search.commitments is None else search.a
        x = to_columns(inst, search.v, search.a.n_cols, used)
        rows = Rows(search.m.row_labels(), model, search.v, model.matrix @ x)
        plan.reasons = reasons(inst, used, rows)
        plan.limits = limit_values(inst, search.m, search.v, model, x, deadline)
        wrong = check_reasons(project, plan)
        if wrong:  # a reason that states another figure than the plan is not shown
            plan.violations = wrong
            plan.reasons = plan.reasons.iloc[0:0]
    plan.solve_seconds = deadline.elapsed()
    plan.stopped_by = deadline.stopped_by(search.proven)
    plan.summary = dataclasses.replace(
        figures,
        status=plan.status,
        verified=plan.verified,
        solve_seconds=round(plan.solve_seconds, 3),
        stopped_by=plan.stopped_by,
    )
    search.report("done")
    return plan


def _backend_name(search: _Search) -> str:
    if search.backend == "greedy":
        return "heuristic"
    return {
        "kernel": "highs (kernel search)",
        "whole": "highs" if search.backend == "highs" else "scip",
        "neighbourhood": "scip (neighbourhood search)",
    }.get(search.method, "heuristic")


def summary(inst: Instance, plan: Plan, first_cost: float | None) -> Summary:
    """The figures a manager reads first."""
    nothing = build_plan(inst, do_nothing(inst), Status.FEASIBLE, None, 0.0, "")
    content = plan.content
    first, last = inst.periods[0], inst.periods[-1]
    share_by = content.set_index(["product_id", "period"])["china_share"]
    switched = plan.actions[plan.actions["kind"] == "start_qualification"]
    periods = plan.periods
    material = float(periods["material_cost"].sum())
    vn = float((periods["vn_spend_share"] * periods["material_cost"]).sum())
    return Summary(
        status=plan.status,
        verified=plan.verified,
        total_cost=plan.total_cost,
        best_bound=plan.best_bound,
        gap=plan.gap,
        solve_seconds=round(plan.solve_seconds, 3),
        backend=plan.backend,
        material_cost=material,
        one_time_cost=float(periods["one_time_cost"].sum()),
        tariff_cost=float(periods["tariff_cost"].sum()),
        do_nothing_cost=nothing.total_cost,
        do_nothing_tariff=float(nothing.periods["tariff_cost"].sum()),
        saving_vs_do_nothing=(nothing.total_cost or 0.0) - (plan.total_cost or 0.0),
        greedy_cost=first_cost,
        parts_switched=int(switched["component_id"].nunique()),
        suppliers_onboarded=int((plan.actions["kind"] == "onboard").sum()),
        vn_spend_share=vn / material if material > 0 else 0.0,
        china_share={p: {q: float(share_by[(p, q)]) for q in inst.periods} for p in inst.products},
        china_share_first={p: float(share_by[(p, first)]) for p in inst.products},
        china_share_last={p: float(share_by[(p, last)]) for p in inst.products},
        cap_margin=inst.cap_margin,
        tariff_margin=inst.tariff_margin,
        tariff_pass_through=inst.pass_through,
        tariff_full=float(plan.content["tariff_full"].sum()),
        # a rate keyed to the Chinese share was never enacted: say so when the plan uses one
        content_tiers_assumed=bool(
            ((np.ptp(inst.tier_rate, axis=2) > 0) | (np.ptp(inst.foreign_rate, axis=2) > 0))[
                inst.tariff_base() > 0
            ].any()
        ),
    )


def polish(a: Arrays, x: np.ndarray) -> np.ndarray | None:
    """x with its whole-number columns rounded and the others solved again as an LP (the
    cheapest that meets every limit with those decisions), or None when none does."""
    ints = a.integer
    values = np.where(ints, np.round(x), x)
    small, cols = restrict(a, ~ints, values)
    result = solver.solve(small, lp=True, time_limit=60.0)
    if not result.has_solution:
        return None
    values[cols] = result.values
    return values if solver.feasible(a, values) else None


def _no_plan(search: _Search, limit: float) -> Plan:
    """Infeasible when the relaxation proved that some limit must move (its sentences say
    which and by how much); otherwise no plan was found in time, and the closest plan's
    misses are named."""
    deadline, relaxation = search.deadline, search.relaxation
    reasons = blocked(search.inst, search.v) + unqualifiable(search.inst, search.v)
    if relaxation is not None:
        reasons += relaxation.sentences(search.inst)
    if relaxation is not None and relaxation.proven and not deadline.should_stop():
        return Plan(
            status=Status.INFEASIBLE,
            solve_seconds=deadline.elapsed(),
            explanation=reasons,
            stopped_by=StoppedBy.OPTIMAL,
        )
    if search.none:  # proven, though the least change found is not proven the least
        head = t(
            "No plan meets every limit (proven). The smallest change found (not proven the "
            "smallest):",
            "Không kế hoạch nào đáp ứng mọi giới hạn (đã chứng minh). Thay đổi nhỏ nhất tìm "
            "được (chưa chứng minh là nhỏ nhất):",
        )
        return Plan(
            status=Status.INFEASIBLE,
            solve_seconds=deadline.elapsed(),
            explanation=[head, *reasons],
            stopped_by=StoppedBy.OPTIMAL,
        )
    head = t(
        "No plan was found within {s:.0f} s; allow more time. The closest plan found misses:",
        "Không tìm được kế hoạch trong {s:.0f} giây; hãy cho thêm thời gian. Kế hoạch gần "
        "nhất tìm được còn thiếu:",
        s=limit,
    )
    if deadline.elapsed() < limit:  # its work budget ended the search, not the clock
        head = t(
            "No plan was found by the search a {s:.0f} s limit allows (it ended after "
            "{e:.0f} s); allow more time. The closest plan found misses:",
            "Không tìm được kế hoạch với khối lượng tìm kiếm mà giới hạn {s:.0f} giây cho "
            "phép (đã dừng sau {e:.0f} giây); hãy cho thêm thời gian. Kế hoạch gần nhất tìm "
            "được còn thiếu:",
            s=limit,
            e=deadline.elapsed(),
        )
    if deadline.should_stop():
        head = t(
            "Stopped before a plan was found. The closest plan found misses:",
            "Đã dừng trước khi tìm được kế hoạch. Kế hoạch gần nhất tìm được còn thiếu:",
        )
    return Plan(
        status=Status.NO_PLAN,
        solve_seconds=deadline.elapsed(),
        explanation=[head, *reasons],
        stopped_by=deadline.stopped_by(False),
    )


__all__ = ["BACKENDS", "model_bound", "plan_as_given", "plan_project", "summary"]
