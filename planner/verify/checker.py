"""verify_plan: every family of rules, then every figure, in the order the findings are told."""

from __future__ import annotations

from collections.abc import Callable

from planner.plan import Plan
from planner.project import TypedProject
from planner.verify import (
    capacity,
    demand,
    figures,
    kept,
    limits,
    qualification,
    ramps,
    shares,
    stable,
)
from planner.verify.common import Check, Kept
from planner.verify.content import ProductPeriod, check_content_limits, recompute_content
from planner.verify.reasons import Awards, compare_duty_kept, compare_reasons
from planner.verify.view import PlanView

# The rules on the plan's decisions, in the order their findings are told.
RULES: tuple[Callable[[PlanView], list[str]], ...] = (
    demand.check_known,
    demand.check_shares,
    qualification.check_starts,
    qualification.check_onboarding,
    kept.check_kept,
    qualification.check_readiness,
    shares.check_least_share,
    stable.check_ready_offers_used,
    ramps.check_ramps,
    ramps.check_incumbent_drop,
    stable.check_no_reversal,
    shares.check_second_source,
    demand.check_whole_units,
    capacity.check_offer_capacity,
    capacity.check_supplier_capacity,
    capacity.check_spend_shares,
    limits.check_period_limits,
)


def verify_plan(project: TypedProject, plan: Plan, kept: Kept | None = None) -> Check:
    """Recompute the plan's rules and figures; list every violation in plain words. With
    `kept` (a stress test), its facts are checked as kept and the limits of the periods up to
    `kept.until` are not checked again."""
    view = PlanView(project, plan, kept)
    chk = Check()
    for rule in RULES:
        chk.violations += rule(view)
    rows = recompute_content(view)
    chk.violations += check_content_limits(view, rows)
    figures.totals(view, rows, chk)
    chk.violations += _figure_findings(view, rows, chk)
    return chk


def _figure_findings(view: PlanView, rows: list[ProductPeriod], chk: Check) -> list[str]:
    """The plan's own tables and summary, figure by figure."""
    awards = Awards(view.share.index, view.sh, view.need, view.price, view.start_at, view.board_at)
    return [
        *figures.compare_allocation(view),
        *figures.compare_periods(view, rows),
        *figures.compare_content(view, rows),
        *figures.compare_tariff_details(view, rows),
        *figures.compare_load(view),
        *compare_reasons(view.plan, view.inp, awards),
        *compare_duty_kept(view, rows),
        *figures.compare_summary(view, rows, chk),
        *figures.compare_total(view, chk),
        *figures.compare_margins(view, chk),
    ]


def check_margins(project: TypedProject, plan: Plan) -> list[str]:
    """The margins' prices alone, for a plan that has passed verify_plan (whose total cost is
    then the recomputed one): pricing its margins changes no other figure."""
    return figures.compare_margins(
        PlanView(project, plan), Check(total_cost=plan.total_cost or 0.0)
    )
