"""One plan, the same everywhere: a plan of a project is never kept when another plan at hand
(the base plan for a scenario, a scenario's plan for the base, a tighter target's plan on the
trade-off curve) meets every limit of that project and costs less in it.

The other plan is mapped into the project by part, supplier and period
(planner.optimise.decisions.from_plan) and priced there; when it is cheaper, the project is
planned again with backend "greedy" and the plans as `starts`: no search, the cheapest of the
look-ahead plan and the starts that meet every limit, through the independent checker, in
seconds. The replaced plan's bound still holds (same project), so the new plan keeps it, its
gap recomputed, and its status and what stopped the search that made the bound."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Protocol

from planner.plan import Plan, Status
from planner.project import TypedProject
from planner.report import fmt
from planner.scenarios.overrides import BASE
from planner.text import Text, t


class Planned(Protocol):
    """What settle() reads and replaces of a planner.scenarios.run.ScenarioResult (that
    module imports this one, so the class is described here, not imported)."""

    plan: Plan | None
    project: TypedProject | None

    @property
    def ok(self) -> bool: ...


# a saving smaller than this (a cent, or a billionth of the cost) is rounding, not a saving
CENT = 0.01
OWN = "\0own"  # the plan being improved, among the plans priced


def cheaper(a: float | None, b: float | None) -> bool:
    """`a` is cheaper than `b` by more than rounding."""
    if a is None:
        return False
    if b is None:
        return True
    return a < b - max(CENT, 1e-9 * abs(b))


def costs_in(project: TypedProject, plans: Mapping[str, Plan | None]) -> dict[str, float]:
    """What each plan's decisions cost in `project` (material, one-time, duty), for the plans
    that map into it and meet every limit of its model (the test planner.optimise's warm start
    makes)."""
    from planner.instance import build_instance
    from planner.optimise.build import build_model
    from planner.optimise.decisions import from_plan, start_columns
    from planner.optimise.extract import plan_cost

    plans = {n: p for n, p in plans.items() if p is not None and p.has_plan}
    if not plans:
        return {}
    inst = build_instance(project)
    model, variables = build_model(inst)
    arrays = model.arrays()
    out = {}
    for name, plan in plans.items():
        if start_columns(inst, variables, arrays, plan) is None:
            continue  # maps in (from_plan) and meets every limit, or not priced
        decisions = from_plan(inst, plan)
        if decisions is not None:  # never None once start_columns mapped it
            out[name] = plan_cost(inst, decisions)
    return out


def cheaper_from(
    project: TypedProject,
    plan: Plan | None,
    starts: Mapping[str, Plan | None],
    *,
    time_limit: float,
    clock: bool | None = None,
) -> tuple[Plan, str | None] | None:
    """A verified plan of `project` cheaper than `plan` (of `project`; None or a plan without
    a plan: any plan is cheaper) made from the `starts` that meet every limit of `project`,
    and the name of the start it is (None: the look-ahead plan beat them all); None when no
    start meets the limits of `project` and costs less there. Only a start that meets them
    is planned from, so this never searches (nor repairs) and takes seconds."""
    from planner.optimise import plan_project

    own = plan.total_cost if plan is not None and plan.has_plan else None
    priced = costs_in(project, {**starts, OWN: plan})
    # priced alike (the plan's own decisions too): whole-unit rounding is no saving
    mine = priced.pop(OWN, own)
    candidates = sorted((c, n) for n, c in priced.items() if cheaper(c, mine))
    if not candidates:
        return None
    better = plan_project(
        project,
        time_limit_s=time_limit,
        backend="greedy",
        starts=[starts[n] for _, n in candidates],
        clock=clock,
    )
    if not better.has_plan or not cheaper(better.total_cost, own):
        return None
    cost = float(better.total_cost)
    near = min(candidates, key=lambda c: abs(c[0] - cost))
    source = near[1] if abs(near[0] - cost) <= max(1.0, 1e-7 * abs(cost)) else None
    if plan is not None and plan.has_plan:
        _keep_bound(better, plan)
    return better, source


def _keep_bound(better: Plan, replaced: Plan) -> None:
    """The replaced plan's bound holds for the better plan (the same project): keep it, the
    gap against it, its status (optimal stays optimal: the gap only narrows) and what stopped
    the search that proved it."""
    if replaced.best_bound is not None:
        better.best_bound = replaced.best_bound
        cost = float(better.total_cost or 0.0)
        if cost > 0:
            better.gap = max(0.0, (cost - replaced.best_bound) / abs(cost))
    if replaced.status == Status.OPTIMAL:
        better.status = Status.OPTIMAL
    better.stopped_by = replaced.stopped_by or better.stopped_by
    if better.summary is not None:
        better.summary = dataclasses.replace(
            better.summary,
            best_bound=better.best_bound,
            gap=better.gap,
            status=better.status,
            stopped_by=better.stopped_by,
        )


def money_text(value: float, currency: str) -> Text:
    """An amount as each language writes it ('$1,234', '1.234 USD')."""
    return Text(fmt.money(value, "en", currency), fmt.money(value, "vi", currency))


def settle(
    results: Mapping[str, Planned],
    *,
    time_limit: float | None = None,
    clock: bool | None = None,
    base_given: bool = False,
) -> list[str]:
    """After the scenarios are planned (ScenarioResults by name, the base among them): a
    scenario the base plan meets is never left dearer than the base plan there (when the
    scenarios could not start from it: `base_given` False), and a scenario's plan that meets
    every limit of the base and costs less there becomes the base plan, saying so. The names
    whose plan was replaced."""
    base = results.get(BASE)
    if base is None or base.project is None or base.plan is None or not base.ok:
        return []
    changed = []
    limit = float(time_limit or base.project.settings.time_limit_s)
    currency = base.project.settings.currency
    if not base_given:
        for name, r in results.items():
            if name == BASE or r.project is None or not _may_take_a_start(r.plan):
                continue
            found = cheaper_from(
                r.project, r.plan, {BASE: base.plan}, time_limit=limit, clock=clock
            )
            if found is None:
                continue
            plan = found[0]
            if r.plan is not None and r.plan.has_plan:
                saving = money_text((r.plan.total_cost or 0.0) - (plan.total_cost or 0.0), currency)
                plan.explanation.append(
                    t(
                        "The base plan meets every limit of this scenario and costs {s} less "
                        "here than this scenario's own search found: this plan starts from it "
                        "(verified).",
                        "Kế hoạch base đáp ứng mọi giới hạn của kịch bản này và ở đây rẻ hơn "
                        "{s_vi} so với kết quả tìm kiếm riêng của kịch bản: kế hoạch này bắt "
                        "đầu từ đó (đã kiểm tra).",
                        s=saving.en,
                        s_vi=saving.vi,
                    )
                )
            else:
                plan.explanation.append(
                    t(
                        "This scenario's own search found no plan in time; the base plan meets "
                        "every limit of it, so this plan starts from it (verified).",
                        "Tìm kiếm riêng của kịch bản này không kịp tìm được kế hoạch; kế hoạch "
                        "base đáp ứng mọi giới hạn của kịch bản nên kế hoạch này bắt đầu từ đó "
                        "(đã kiểm tra).",
                    )
                )
            r.plan = plan
            changed.append(name)
    others = {n: r.plan for n, r in results.items() if n != BASE and r.ok}
    found = cheaper_from(base.project, base.plan, others, time_limit=limit, clock=clock)
    if found is not None:
        plan, source = found
        saving = money_text((base.plan.total_cost or 0.0) - (plan.total_cost or 0.0), currency)
        plan.explanation.append(improved_base(source, saving))
        base.plan = plan
        changed.append(BASE)
    return changed


def improved_base(source: str | None, saving: Text) -> Text:
    """The line on a base plan that a scenario's plan made cheaper."""
    if source is None:
        return t(
            "Starting again from the scenarios' plans gave a base plan {s} cheaper than the "
            "one planned before (verified); it is the base plan now.",
            "Lập lại từ kế hoạch của các kịch bản cho kế hoạch base rẻ hơn {s_vi} so với kế "
            "hoạch trước (đã kiểm tra); nay nó là kế hoạch base.",
            s=saving.en,
            s_vi=saving.vi,
        )
    return t(
        "The plan of scenario '{n}' meets every limit of the base and costs {s} less: it is "
        "the base plan now (verified).",
        "Kế hoạch của kịch bản '{n}' đáp ứng mọi giới hạn của base và rẻ hơn {s_vi}: nay nó "
        "là kế hoạch base (đã kiểm tra).",
        n=source,
        s=saving.en,
        s_vi=saving.vi,
    )


def _may_take_a_start(plan: Plan | None) -> bool:
    """A plan, or no plan for want of time (a proven infeasibility or an error gets none
    from a start)."""
    if plan is None:
        return False
    return plan.has_plan or plan.status == Status.NO_PLAN


__all__ = ["CENT", "cheaper", "cheaper_from", "costs_in", "improved_base", "money_text", "settle"]
