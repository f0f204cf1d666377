"""What has already happened, for a stress test of an existing plan: the qualifications it
started up to a period stay started (when they were), nothing else starts before that
period, and the budgets, slots and qualifications in progress of those periods are spent."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.instance import Instance
from planner.optimise.model import Arrays, SparseModel
from planner.optimise.variables import Variables
from planner.plan import Plan


@dataclass(frozen=True)
class Commitments:
    until: int  # the last period that has happened (an index)
    starts: dict[tuple[str, str], str] = field(default_factory=dict)  # (part, supplier) -> period
    onboards: dict[str, str] = field(default_factory=dict)  # supplier -> period it was onboarded

    @classmethod
    def from_plan(cls, plan: Plan, periods: list[str], until: str) -> Commitments:
        """The qualifications `plan` starts in or before period `until`."""
        index = {p: i for i, p in enumerate(periods)}
        last = index[until]
        acts = plan.actions[plan.actions["kind"] == "start_qualification"]
        starts = {
            (c, s): p
            for c, s, p in zip(
                acts["component_id"], acts["supplier_id"], acts["period"], strict=True
            )
            if index.get(p, len(periods)) <= last
        }
        boards = plan.actions[plan.actions["kind"] == "onboard"]
        onboards = {
            s: p
            for s, p in zip(boards["supplier_id"], boards["period"], strict=True)
            if index.get(p, len(periods)) <= last
        }
        return cls(last, starts, onboards)

    def forced(self, inst: Instance) -> list[tuple[int, int]]:
        """(offer, start period) of the committed starts that are offers of this project."""
        index = {p: i for i, p in enumerate(inst.periods)}
        key = {
            (c, s): o
            for o, (c, s, inc) in enumerate(
                zip(
                    inst.col("component_id"),
                    inst.col("supplier_id"),
                    inst.col("incumbent"),
                    strict=True,
                )
            )
            if not inc
        }
        last = inst.last_start()
        out = []
        for k, p in self.starts.items():
            if k in key and p in index and index[p] <= last[key[k]]:
                out.append((key[k], index[p]))
        # a start too late to deliver within the horizon (a slip) cannot matter to the plan:
        # its cost was paid and it never delivers; it is left out
        return out

    def apply(self, inst: Instance, m: SparseModel, v: Variables, a: Arrays) -> Arrays:
        """The model with the past fixed: committed starts at their period, no other start
        up to `until`, and no limit on what those periods already spent."""
        lb, ub, row_ub = a.lb.copy(), a.ub.copy(), a.row_ub.copy()
        started = dict(self.forced(inst))
        for o in np.nonzero(~inst.col("incumbent") & ~v.trivial)[0]:
            cols = v.started[o]
            for t in range(inst.T):
                col = cols[t]
                if col < 0:
                    continue
                if o in started:
                    value = 1.0 if t >= started[o] else 0.0
                    lb[col] = ub[col] = value
                elif t <= self.until:
                    lb[col] = ub[col] = 0.0
        # nobody is onboarded in the past earlier than the plan did (its budget rows are
        # lifted: an onboarding moved into the past would be free)
        index = {p: i for i, p in enumerate(inst.periods)}
        boarded = {
            i: index[self.onboards[sid]]
            for i, sid in enumerate(inst.suppliers)
            if sid in self.onboards and self.onboards[sid] in index
        }
        for s in range(v.onboarded.shape[0]):
            for t in range(min(inst.T, self.until + 1)):
                col = v.onboarded[s, t]
                if col >= 0 and (s not in boarded or t < boarded[s]):
                    lb[col] = ub[col] = 0.0
        labels = m.row_labels()
        past = labels["period"].to_numpy() <= self.until
        spent = (
            labels["family"]
            .isin(["budget", "qualification_slots", "qualifications_in_progress"])
            .to_numpy()
        )
        row_ub[past & spent & (labels["period"].to_numpy() >= 0)] = np.inf
        return Arrays(lb, ub, a.cost, a.integer, a.row_lb, row_ub, a.matrix, a.offset)
