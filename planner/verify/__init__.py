"""The independent checker: every rule and every figure of a plan, recomputed from the input.

It reads only the typed project and the plan's own tables, and shares no code with the
optimiser (not the instance, not the model, not the extraction), so a modelling mistake shows
up here as a violation. It checks every rule of the model (DESIGN.md section 3 and 7) and
recomputes every figure the plan shows: the allocation's units and costs, the per-period
table (costs, budget and slots used, qualifications in progress, Vietnamese share of spend),
the content table (Chinese content and share, cap and margins, RVC, tier, rate, tariff), the
supplier load and the summary. A plan that fails any of them is not shown.

One module per family of rules, each checker testable alone on a PlanView (the plan read the
checker's way, planner.verify.view): demand (real offers, shares and units add up),
qualification (starts, onboarding, lead time), kept (a stress test's facts), shares (least
share, second source), ramps (ramp up, incumbent drop), stable (no reversals), capacity,
limits (budget, slots, in progress), content (cap and margin, RVC, origin; tariff tiers in
tariff), figures (every figure shown) and reasons. planner.verify.checker runs them in order.

A stress test's plan keeps what happened up to a period (planner.verify.Kept, plain data):
those facts are checked as kept, and the limits of those periods are not checked again (their
budget was spent, their awards made); every figure is.
"""

from planner.verify.checker import check_margins, verify_plan
from planner.verify.common import MONEY, TOL, Check, Kept
from planner.verify.reasons import check_reasons

__all__ = ["MONEY", "TOL", "Check", "Kept", "check_margins", "check_reasons", "verify_plan"]
