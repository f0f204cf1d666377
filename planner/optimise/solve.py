"""Plan a project: instance, greedy warm start, the MIP, extraction, verification.

Sections as in the OR-Tools samples: data (the instance), variables, constraints (one module
per family), objective, solve, extract. Never raises for an infeasible or timed-out model.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from planner.instance import Instance, build_instance
from planner.optimise.budget import add_budget
from planner.optimise.capacity import add_supplier_capacity
from planner.optimise.content import add_content_cap
from planner.optimise.demand import add_demand
from planner.optimise.extract import build_plan, do_nothing
from planner.optimise.greedy import greedy_plan
from planner.optimise.mip_child import solve_arrays, solve_in_child
from planner.optimise.model import SparseModel, Variables, add_variables
from planner.optimise.objective import china_coefficients, cost_coefficients
from planner.optimise.origin import add_rules_of_origin
from planner.optimise.qualifications import add_onboarding, add_qualification_slots
from planner.optimise.ramp import add_ramp
from planner.optimise.readiness import add_readiness
from planner.optimise.tariff import add_tariff_tiers
from planner.plan import Plan, ProgressEvent, Status
from planner.project import TypedProject
from planner.text import t
from planner.verify import verify_plan

FAMILIES = (
    add_demand,
    add_readiness,
    add_ramp,
    add_supplier_capacity,
    add_qualification_slots,
    add_onboarding,
    add_budget,
    add_content_cap,
    add_tariff_tiers,
    add_rules_of_origin,
)
# SCIP measured best here: 200 parts optimal in 7 s (HiGHS 22 s); the sample within 0.2% in
# 60 s where HiGHS found no plan in 60 s (optimal after 276 s).
BACKENDS = {"auto": "scip", "highs": "highs", "scip": "scip"}


def build_model(inst: Instance, families=FAMILIES) -> tuple[SparseModel, Variables]:
    m = SparseModel()
    v = add_variables(m, inst)
    for add in families:
        add(m, inst, v)
    cost_coefficients(m, inst, v)
    return m, v


class _Stop:
    """Cancel from another thread. `isolate`: solve in a child process that Cancel can stop."""

    def __init__(self, should_stop: Callable[[], bool] | None, isolate: bool = False):
        self.should_stop = should_stop or (lambda: False)
        self.isolate = isolate
        self.stopped = False

    def poll(self) -> bool:
        if not self.stopped and self.should_stop():
            self.stopped = True
        return self.stopped


def _solve_mip(
    m: SparseModel,
    backend: str,
    time_limit: float,
    gap: float,
    stop: _Stop,
    on_tick: Callable[[float], None],
    hint: np.ndarray | None = None,
) -> tuple[str, np.ndarray | None, float | None, float | None]:
    """Run the MIP; returns (status, column values, objective, bound)."""
    arrays, offset = m.arrays(), m.objective_offset
    if stop.isolate:  # Cancel stops the child (SCIP hands back its best solution)
        return solve_in_child(arrays, offset, backend, time_limit, gap, hint, stop.poll, on_tick)
    result: dict = {}

    def run() -> None:
        result["answer"] = solve_arrays(arrays, offset, backend, time_limit, gap, hint)

    worker = threading.Thread(target=run, daemon=True)
    start = time.monotonic()
    worker.start()
    while worker.is_alive():
        worker.join(0.25)
        if stop.poll():
            # in-process solvers do not stop on request: keep the best plan so far and let
            # the abandoned solve end at its own time limit (the app solves in a child)
            worker.join(1.0)
            if worker.is_alive():
                return "CANCELLED", None, None, None
        on_tick(time.monotonic() - start)
    return result.get("answer", ("ERROR", None, None, None))


def _hint(m: SparseModel, v: Variables, inst: Instance, share, start, onboard) -> np.ndarray:
    """The greedy plan as a value for every column: SCIP starts from it."""
    from planner.optimise.extract import evaluate

    hint = np.zeros(m.n_cols)
    for idx, values in ((v.share, share), (v.start, start), (v.onboard, onboard)):
        mask = idx >= 0
        hint[idx[mask]] = np.asarray(values, float)[mask]
    ratio = evaluate(inst, share)["ratio"]
    for k in range(v.above.shape[2]):
        mask = v.above[:, :, k] >= 0
        hint[v.above[:, :, k][mask]] = (ratio > inst.tier_share[k] + 1e-9)[mask]
    return hint


def _arrays(v: Variables, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    def take(idx: np.ndarray) -> np.ndarray:
        out = np.zeros(idx.shape)
        mask = idx >= 0
        out[mask] = values[idx[mask]]
        return out

    share = np.clip(take(v.share), 0.0, 1.0)
    start = take(v.start) > 0.5
    onboard = take(v.onboard) > 0.5
    return share, start, onboard


def _finish(project: TypedProject, inst: Instance, plan: Plan) -> Plan:
    """Verify, then complete the summary a manager reads."""
    check = verify_plan(project, plan)
    plan.verified = check.ok
    plan.violations = check.violations
    _, nothing_cost, nothing_tariff = do_nothing(inst)
    content = plan.content
    first, last = inst.periods[0], inst.periods[-1]
    share_by = content.set_index(["product_id", "period"])["china_share"]
    switched = plan.actions[plan.actions["kind"] == "start_qualification"]
    plan.summary = {
        "status": plan.status.value,
        "verified": plan.verified,
        "total_cost": plan.total_cost,
        "best_bound": plan.best_bound,
        "gap": plan.gap,
        "solve_seconds": round(plan.solve_seconds, 3),
        "backend": plan.backend,
        "material_cost": float(plan.periods["material_cost"].sum()),
        "one_time_cost": float(plan.periods["one_time_cost"].sum()),
        "tariff_cost": float(plan.periods["tariff_cost"].sum()),
        "do_nothing_cost": nothing_cost,
        "do_nothing_tariff": nothing_tariff,
        "saving_vs_do_nothing": nothing_cost - (plan.total_cost or 0.0),
        "parts_switched": int(switched["component_id"].nunique()),
        "suppliers_onboarded": int((plan.actions["kind"] == "onboard").sum()),
        "china_share": {
            p: {q: float(share_by[(p, q)]) for q in inst.periods} for p in inst.products
        },
        "china_share_first": {p: float(share_by[(p, first)]) for p in inst.products},
        "china_share_last": {p: float(share_by[(p, last)]) for p in inst.products},
    }
    return plan


def plan_project(
    project: TypedProject,
    *,
    time_limit_s: float | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    backend: str | None = None,
    isolate: bool | None = None,
) -> Plan:
    """The cheapest safe phased plan found within the time limit, verified, or the reason.

    `isolate` solves the MIP in a child process, which Cancel stops for real (SCIP returns
    its best solution); by default whenever a caller can cancel (`should_stop` given)."""
    clock = time.monotonic()
    settings = project.settings
    limit = float(time_limit_s if time_limit_s is not None else settings.time_limit_s)
    notify = on_progress or (lambda event: None)
    stop = _Stop(should_stop, isolate=should_stop is not None if isolate is None else isolate)
    try:
        inst = build_instance(project)
    except Exception as exc:
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

    # Warm start and fallback: the greedy plan, kept only if it passes the checker.
    g_share, g_start, g_board = greedy_plan(inst, seconds=min(30.0, limit / 4))
    best = _finish(
        project,
        inst,
        build_plan(
            inst,
            g_share,
            g_start,
            g_board,
            Status.FEASIBLE,
            None,
            time.monotonic() - clock,
            "greedy",
        ),
    )
    if not best.verified:
        best = None
    else:
        notify(ProgressEvent(time.monotonic() - clock, best.total_cost, None, None, "greedy plan"))
    greedy_cost = best.total_cost if best else None

    chosen = (
        BACKENDS.get((backend or settings.solver).lower(), "highs")
        if (backend or settings.solver) != "greedy"
        else None
    )
    if chosen is None:
        if best is None:
            return _explain(project, inst, clock)
        best.summary["greedy_cost"] = greedy_cost
        return best

    m, v = build_model(inst)
    hint = _hint(m, v, inst, g_share, g_start, g_board) if best is not None else None
    if settings.objective == "min_china":
        m = _min_china_first(m, inst, v, chosen, limit, stop, clock, notify)
    remaining = max(limit - (time.monotonic() - clock), 1.0)
    status, values, _objective, bound = _solve_mip(
        m,
        chosen,
        remaining,
        settings.mip_gap,
        stop,
        lambda s: notify(
            ProgressEvent(
                time.monotonic() - clock, best.total_cost if best else None, None, None, "solving"
            )
        ),
        hint=hint,
    )
    seconds = time.monotonic() - clock
    if values is not None:
        share, start, onboard = _arrays(v, values)
        proven = status == "OPTIMAL" and not stop.stopped
        plan = build_plan(
            inst,
            share,
            start,
            onboard,
            Status.OPTIMAL if proven else Status.FEASIBLE,
            bound,
            seconds,
            chosen,
        )
        plan = _finish(project, inst, plan)
        if plan.verified and (best is None or plan.total_cost <= best.total_cost + 1e-6):
            best = plan
        elif not plan.verified and best is not None:
            best.explanation.append(
                t(
                    "The optimiser's plan failed the independent check, so the simple plan is shown.",
                    "Kế hoạch của bộ tối ưu không qua kiểm tra độc lập nên hiển thị kế hoạch đơn giản.",
                )
            )
    if best is None:
        if status == "INFEASIBLE":
            return _explain(project, inst, clock)
        return Plan(
            status=Status.NO_PLAN,
            solve_seconds=seconds,
            explanation=[
                t(
                    "No plan was found within {s:.0f} s; allow more time.",
                    "Không tìm được kế hoạch trong {s:.0f} giây; hãy cho thêm thời gian.",
                    s=limit,
                )
            ],
        )
    if best.backend == "greedy":
        best.status = Status.FEASIBLE
        best.best_bound = bound if bound is not None and np.isfinite(bound) else None
        if best.best_bound is not None and best.total_cost:
            best.gap = max(0.0, (best.total_cost - best.best_bound) / abs(best.total_cost))
    best.solve_seconds = time.monotonic() - clock
    best.summary.update(
        {
            "greedy_cost": greedy_cost,
            "best_bound": best.best_bound,
            "gap": best.gap,
            "status": best.status.value,
            "solve_seconds": round(best.solve_seconds, 3),
        }
    )
    notify(ProgressEvent(best.solve_seconds, best.total_cost, best.best_bound, best.gap, "done"))
    return best


def _min_china_first(m, inst, v, backend, limit, stop, clock, notify) -> SparseModel:
    """Lexicographic: least Chinese content first, then the cheapest plan among those."""
    import copy

    china = copy.deepcopy(m)
    china.cost = [np.zeros(m.n_cols)]
    china.objective_offset = 0.0
    o_idx, t_idx, coef = china_coefficients(inst, v)
    china.set_cost(v.share[o_idx, t_idx], coef)
    _, _values, objective, _ = _solve_mip(
        china,
        backend,
        limit / 2,
        1e-6,
        stop,
        lambda s: notify(
            ProgressEvent(time.monotonic() - clock, None, None, None, "least Chinese content")
        ),
    )
    if objective is None:
        return m
    slack = 1e-6 * max(1.0, abs(objective)) + 1e-6
    m.add_rows(
        "china_total",
        np.zeros(coef.size, int),
        v.share[o_idx, t_idx],
        coef,
        np.array([-np.inf]),
        objective + slack,
    )
    return m


def _explain(project: TypedProject, inst: Instance, clock: float) -> Plan:
    from planner.optimise.explain import explain_infeasible

    return Plan(
        status=Status.INFEASIBLE,
        solve_seconds=time.monotonic() - clock,
        explanation=explain_infeasible(project, inst),
    )
