"""The plan read the checker's way: its shares and units as (part, supplier) x period arrays
beside the terms of each offer, and the periods its qualifications start and its suppliers
are onboarded in. Every family of rules reads the plan through this."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np
import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.verify.common import Kept
from planner.verify.inputs import Input


def by_period(alloc: pd.DataFrame, values: str, periods: list[str]) -> pd.DataFrame:
    """One row per (part, supplier), one column per period, of the allocation's `values`."""
    return (
        alloc.pivot_table(
            index=["component_id", "supplier_id"], columns="period", values=values, aggfunc="sum"
        )
        .reindex(columns=periods)
        .fillna(0.0)
    )


def known_offers(alloc: pd.DataFrame, inp: Input) -> np.ndarray:
    """Which allocation rows buy a part from its supplier today or from an offer."""
    return alloc.set_index(["component_id", "supplier_id"]).index.isin(inp.terms.index)


def first_periods(
    actions: pd.DataFrame,
    index: dict[str, int],
    keep: Callable[[tuple[str, str]], bool] | None = None,
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """The period each qualification starts in, (part, supplier) -> index, of those `keep`
    accepts, and the period each supplier is onboarded in, supplier -> index (the first of
    each when an action is repeated)."""
    starts = actions[actions["kind"] == "start_qualification"]
    boards = actions[actions["kind"] == "onboard"]
    start_at = {
        key: min(index[p] for p in grp["period"])
        for key, grp in starts.groupby(["component_id", "supplier_id"])
        if keep is None or keep(key)
    }
    board_at = {
        sup: min(index[p] for p in grp["period"]) for sup, grp in boards.groupby("supplier_id")
    }
    return start_at, board_at


class PlanView:
    """A plan beside the project, read for the checker's families of rules. Rows of an
    allocation that name no offer or no period are left out (a family reports them)."""

    def __init__(self, project: TypedProject, plan: Plan, kept: Kept | None = None):
        self.project = project
        self.inp = inp = Input(project)
        self.plan, self.kept = plan, kept
        self.periods, self.index, self.T = inp.periods, inp.index, len(inp.periods)
        s = inp.settings
        self.cap_margin = float(getattr(s, "cap_margin", 0.0))
        self.tariff_margin = float(getattr(s, "tariff_margin", 0.0))
        self.min_share = float(getattr(s, "min_share", 0.0))
        self.stable = bool(getattr(s, "no_reversal", False))
        # the periods that happened (a stress test): their facts are not checked against limits
        until = self.index.get(kept.until, -1) if kept is not None else -1
        self.past = np.arange(self.T) <= until
        self.now = ~self.past[None, :]  # 1 x T: the periods whose limits apply
        self.t_idx = np.arange(self.T)[None, :]  # 1 x T: each column's period
        alloc = plan.allocation[known_offers(plan.allocation, inp)]
        self.alloc = alloc[alloc["period"].isin(self.index)]
        self.share = by_period(self.alloc, "share", self.periods)
        self.units = by_period(self.alloc, "units", self.periods)
        self.sh, self.un = self.share.to_numpy(), self.units.to_numpy()
        self.terms = inp.terms.reindex(self.share.index)
        self.term = inp.terms[["incumbent", "earliest", "switching", "lead"]].to_dict("index")
        self.start_at, self.board_at = first_periods(plan.actions, self.index, self.has_offer)

    def has_offer(self, key: tuple[str, str]) -> bool:
        """A qualification of the part with the supplier has an offer behind it."""
        return key in self.term and not bool(self.term[key]["incumbent"])

    @cached_property
    def names(self) -> list[str]:
        return [f"{c}/{sup}" for c, sup in self.share.index]

    @cached_property
    def incumbent(self) -> np.ndarray:
        return self.terms["incumbent"].to_numpy(bool)

    @cached_property
    def need(self) -> np.ndarray:
        """Units of each row's part by period, as the products' demand asks."""
        return self.inp.need.reindex(self.share.index.get_level_values(0)).to_numpy(float)

    @cached_property
    def price(self) -> np.ndarray:
        return self.terms["price"].to_numpy(float)

    @cached_property
    def made_in_vn(self) -> np.ndarray:
        return self.terms["origin"].to_numpy(object) == "VN"

    @cached_property
    def ready(self) -> np.ndarray:
        """The first period each row may deliver in: at once for a supplier today, its
        qualification's start plus its lead time for an offer, never if not started."""
        lead = self.terms["lead"].to_numpy(int)
        return np.array(
            [
                0 if inc else (self.start_at[k] + ld if k in self.start_at else self.T)
                for k, inc, ld in zip(self.share.index, self.incumbent, lead, strict=True)
            ]
        )

    @cached_property
    def least(self) -> np.ndarray:
        """The least share each row may hold when it holds any: the setting's least share or
        the offer's minimum units of the part's demand, whichever is more."""
        min_units = self.terms["min_units"].to_numpy(float)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            moq = np.where(self.need > 0, min_units / self.need, 0.0)
        return np.maximum(self.min_share, moq)

    @cached_property
    def before(self) -> np.ndarray:
        """Each row's share the period before (before the first: all for a supplier today)."""
        return np.column_stack([self.incumbent.astype(float), self.sh[:, :-1]])

    @cached_property
    def rise(self) -> np.ndarray:
        """How much each row's share rises into each period whose limits apply."""
        return np.where(self.now, self.sh - self.before, 0.0)

    @cached_property
    def usable_capacity(self) -> pd.DataFrame:
        """Per supplier: its stated capacity, whether it is new (the incumbent of no part) and
        the capacity the plan may use (a new supplier's `max_utilisation` of it)."""
        stated = self.inp.suppliers["capacity_per_period"].astype(float).fillna(np.inf)
        new = ~stated.index.isin(list(self.inp.incumbent_suppliers))
        most = float(getattr(self.inp.settings, "max_utilisation", 1.0))
        return pd.DataFrame(
            {"stated": stated, "new": new, "usable": np.where(new, stated * most, stated)}
        )

    @cached_property
    def supplier_units(self) -> pd.DataFrame:
        """Units bought from each supplier by period."""
        return self.units.groupby(level=1).sum()

    @cached_property
    def one_time(self) -> np.ndarray:
        """Switching and onboarding costs by period."""
        spent = np.zeros(self.T)
        for key, t0 in self.start_at.items():
            spent[t0] += float(self.term[key]["switching"])
        onboarding = self.inp.suppliers["onboarding_cost"]
        for sup, t0 in self.board_at.items():
            cost = onboarding.get(sup, 0.0)
            spent[t0] += float(0.0 if pd.isna(cost) else cost)
        return spent

    @cached_property
    def starts_by_period(self) -> np.ndarray:
        """Qualifications started in each period."""
        slots = np.zeros(self.T)
        for t0 in self.start_at.values():
            slots[t0] += 1
        return slots

    @cached_property
    def in_progress(self) -> np.ndarray:
        """Qualifications running in each period (one that takes no time runs in its start)."""
        running = np.zeros(self.T)
        for key, t0 in self.start_at.items():
            running[t0 : t0 + max(int(self.term[key]["lead"]), 1)] += 1
        return running
