"""What the optimiser returns: a status, tidy tables, a summary, and why."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

import pandas as pd

from planner.text import Text

# The optimiser holds every share a thousandth of a point inside its cap or tier bound (less
# the safety margin); the reports and the checker bill a tier when the share is at least half
# that below the bound. A solver's rounding (1e-9) can then never move a share across the
# line that decides its rate: no share is billed or shown on the wrong side of a bound.
BOUND_SAFETY = 1e-5
BILLING_GUARD = BOUND_SAFETY / 2


@dataclass(frozen=True)
class ProgressEvent:
    elapsed_s: float
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    message: str = ""
    phase: str = ""  # "first plan" | "improving" | "proving" | "done"


class Status(StrEnum):
    OPTIMAL = "optimal"  # proven within the gap setting
    FEASIBLE = "feasible"  # a verified plan, optimality not proven (time limit or cancel)
    INFEASIBLE = "infeasible"  # no plan meets the limits; see the explanation
    NO_PLAN = "no_plan"  # stopped before any plan was found
    ERROR = "error"


class StoppedBy(StrEnum):
    """What ended the search (Plan.stopped_by)."""

    OPTIMAL = "optimal"  # the proof: best within the gap
    WORK = "work"  # its work budget, sized from the time limit, was spent
    CLOCK = "clock"  # the limit ran out first: another run may find another plan
    CANCEL = "cancel"
    NONE = ""  # no search (falsy, as the empty string it is)


ACTION_COLUMNS = [
    "period",
    "kind",
    "component_id",
    "supplier_id",
    "one_time_cost",
    "ready_period",
    "share_from",
    "share_to",
]
ALLOCATION_COLUMNS = [
    "component_id",
    "supplier_id",
    "period",
    "share",
    "units",
    "unit_price",
    "cost",
    "is_incumbent",
    "origin",
]
PERIOD_COLUMNS = [
    "period",
    "material_cost",
    "one_time_cost",
    "tariff_cost",
    "total_cost",
    "budget",
    "budget_used",
    "qualification_slots",
    "slots_used",
    "in_progress_limit",
    "in_progress",
    "vn_spend_share",
]
CONTENT_COLUMNS = [
    "product_id",
    "period",
    "china_content_usd",
    "china_share",
    "cap",
    "cap_margin",
    "rvc",
    "schedule",
    "origin",
    "tariff_tier",
    "tariff_rate",
    "tier_bound",
    "tier_margin",
    "tariff_full",
    "tariff_cost",
    "duty_at_stake",
    "us_value",
]
# capacity: as the supplier states it; usable: what the plan may use (max_utilisation of a new
# supplier's capacity); country, is_new (not the incumbent of any part), parts supplied,
# material spend and its share of the period's material spend: concentration
LOAD_COLUMNS = [
    "supplier_id",
    "period",
    "units",
    "capacity",
    "usable",
    "country",
    "is_new",
    "parts",
    "spend",
    "spend_share",
]

# the price of each margin kept below a bound (planner.optimise.margins): the plan's cost, the
# cost of the plan planned again without that margin (blank: not priced), the difference, and
# the range the best plans' difference lies in, from both searches' bounds
MARGIN_COLUMNS = [
    "setting",
    "margin",
    "cost_with",
    "cost_without",
    "price",
    "bound_without",
    "price_low",
    "price_high",
]
# Why each qualification starts when it does (planner.optimise.reasons).
REASON_COLUMNS = [
    "period",  # the qualification starts
    "component_id",
    "supplier_id",
    "ready_period",
    "one_time_cost",  # switching cost, plus the supplier's onboarding for its first part
    "premium",  # extra material cost against the incumbent over the horizon (negative: saves)
    "tariff_saved",  # its share of the duty saved against doing nothing (adds up to it)
    "needed_for",  # "cap", "tariff", "origin", "price", "new_part" or "" (a choice among equals)
    "needed_period",  # the first period that needs it
    "reason_en",
    "reason_vi",
]
# What one more unit of each binding limit is worth (planner.optimise.reasons).
LIMIT_COLUMNS = [
    "family",  # budget | qualification_slots | qualifications_in_progress | china_cap | ...
    "period",
    "product_id",
    "supplier_id",
    "unit",  # what "one more" is: "$10,000", "1 slot", "1 point", "1,000 units"
    "value",  # USD saved by one more unit of the limit (an LP estimate for slots and budget)
    "text_en",
    "text_vi",
]


@dataclass(frozen=True)
class Summary:
    """The figures a manager reads first (planner.optimise.solve.summary), one field per key
    of the JSON `locplan plan --json` prints. Frozen: a change is a new Summary
    (dataclasses.replace), so the plan's figures and its summary are changed together."""

    status: Status
    verified: bool
    total_cost: float | None
    best_bound: float | None
    gap: float | None
    solve_seconds: float
    backend: str
    material_cost: float
    one_time_cost: float
    tariff_cost: float
    do_nothing_cost: float | None
    do_nothing_tariff: float
    saving_vs_do_nothing: float
    greedy_cost: float | None  # the first (look-ahead) plan's cost
    parts_switched: int
    suppliers_onboarded: int
    vn_spend_share: float
    china_share: dict[str, dict[str, float]]  # product -> period -> Chinese share
    china_share_first: dict[str, float]
    china_share_last: dict[str, float]
    cap_margin: float
    tariff_margin: float
    tariff_pass_through: float
    tariff_full: float
    # a rate keyed to the Chinese share was never enacted: the plan uses one
    content_tiers_assumed: bool
    stopped_by: StoppedBy = StoppedBy.NONE
    kept_until: str | None = None  # a stress test's last kept period

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: every field in order, `kept_until` only for a stress test (as the
        dict the summary was before)."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["status"] = self.status.value
        out["stopped_by"] = self.stopped_by.value
        if self.kept_until is None:
            del out["kept_until"]
        return out


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


@dataclass
class Plan:
    """A phased plan. Tables are tidy (one row per fact); money in the project's currency.

    actions: period, kind ('onboard' | 'start_qualification' | 'ramp'), component_id,
      supplier_id, one_time_cost, ready_period, share_from, share_to
    allocation: component_id, supplier_id, period, share, units (whole), unit_price, cost,
      is_incumbent, origin (where the part is made)
    periods: period, material_cost, one_time_cost, tariff_cost, total_cost, budget,
      budget_used, qualification_slots, slots_used, in_progress_limit, in_progress,
      vn_spend_share (share of material spend on parts made in Vietnam)
    content: product_id, period, china_content_usd, china_share, cap, cap_margin (cap less
      share), rvc, schedule (the tariff schedule in force), origin ("VN" | "not VN"),
      tariff_tier (1-based, within the tiers for its origin), tariff_rate, tier_bound (the
      billed tier's bound), tier_margin (that bound less the share; NaN for the top tier),
      tariff_full (the duty on US-bound units), tariff_cost (the share the factory bears:
      tariff_full x tariff_pass_through), duty_at_stake (what the factory would bear more
      if the share slipped over the billed tier's bound: the next tier's rate less this one's;
      0 at the top), us_value (FOB value shipped to the US: what a customer cap guards)
    supplier_load: supplier_id, period, units, capacity
    reasons: why each qualification starts when it does (REASON_COLUMNS)
    limits: what one more unit of each binding limit is worth (LIMIT_COLUMNS)
    margins: the price of each margin kept below a bound (MARGIN_COLUMNS; empty: not priced)
    """

    status: Status
    total_cost: float | None = None
    best_bound: float | None = None
    gap: float | None = None
    solve_seconds: float = 0.0
    actions: pd.DataFrame = field(default_factory=lambda: empty(ACTION_COLUMNS))
    allocation: pd.DataFrame = field(default_factory=lambda: empty(ALLOCATION_COLUMNS))
    periods: pd.DataFrame = field(default_factory=lambda: empty(PERIOD_COLUMNS))
    content: pd.DataFrame = field(default_factory=lambda: empty(CONTENT_COLUMNS))
    supplier_load: pd.DataFrame = field(default_factory=lambda: empty(LOAD_COLUMNS))
    reasons: pd.DataFrame = field(default_factory=lambda: empty(REASON_COLUMNS))
    limits: pd.DataFrame = field(default_factory=lambda: empty(LIMIT_COLUMNS))
    margins: pd.DataFrame = field(default_factory=lambda: empty(MARGIN_COLUMNS))
    summary: Summary | None = None  # None: no plan, or a plan made by hand
    explanation: list[Text] = field(default_factory=list)
    verified: bool = False
    violations: list[str] = field(default_factory=list)
    backend: str = ""
    stopped_by: StoppedBy = StoppedBy.NONE  # what ended the search

    @property
    def has_plan(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE) and self.verified

    def certainty_facts(self) -> dict:
        """What every JSON output says of any plan, found or not: the status, the cost, the
        bound, the gap and what ended the search."""
        return {
            "status": self.status.value,
            "verified": self.verified,
            "total_cost": self.total_cost if self.has_plan else None,
            "best_bound": self.best_bound,
            "gap": self.gap,
            "stopped_by": self.stopped_by.value,
        }
