"""What has already happened, for a stress test of an existing plan: the facts of the periods
up to the chosen one stay as they were, and the scenario's limits apply from the next.

The facts are the qualifications the plan started then (when they were), the suppliers it
onboarded then, and its awards in those periods (the shares bought): they are fixed in the
model and kept by the first plan. Nothing else starts or is onboarded in those periods. The
budget, slots and qualifications in progress of those periods were spent: they, like every
other rule of those periods that only the facts decide (capacities, the cap, ramps, least
shares), are not limits any more; a qualification started then that is still running counts
against the limits of the later periods. The plan itself, mapped into the scenario's
instance, is a starting point: when it meets every limit of the later periods, the stress
test has a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.instance import Instance
from planner.optimise import backend as solver
from planner.optimise.decisions import CLEAN, Decisions, from_plan, offer_index, to_columns
from planner.optimise.firstplan import first_plan
from planner.optimise.model import Arrays, SparseModel
from planner.optimise.variables import Variables
from planner.plan import Plan
from planner.verify import Kept

Award = tuple[str, str, str]  # (part, supplier, period)


@dataclass(frozen=True)
class Commitments:
    until: int  # the last period that has happened (an index)
    starts: dict[tuple[str, str], str] = field(default_factory=dict)  # (part, supplier) -> period
    onboards: dict[str, str] = field(default_factory=dict)  # supplier -> period it was onboarded
    awards: dict[Award, float] = field(default_factory=dict)  # shares bought up to `until`
    plan: Plan | None = None  # the whole plan, a starting point for the replanning

    @classmethod
    def from_plan(cls, plan: Plan, periods: list[str], until: str) -> Commitments:
        """The facts of `plan` in and before period `until`, and the plan itself."""
        index = {p: i for i, p in enumerate(periods)}
        last = index[until]

        def kept(p: str) -> bool:
            return index.get(p, len(periods)) <= last

        acts = plan.actions[plan.actions["kind"] == "start_qualification"]
        plan_starts = {
            (c, s): p
            for c, s, p in zip(
                acts["component_id"], acts["supplier_id"], acts["period"], strict=True
            )
        }
        boards = plan.actions[plan.actions["kind"] == "onboard"]
        plan_onboards = dict(zip(boards["supplier_id"], boards["period"], strict=True))
        alloc = plan.allocation
        plan_shares = {
            (c, s, p): float(v)
            for c, s, p, v in zip(
                alloc["component_id"],
                alloc["supplier_id"],
                alloc["period"],
                alloc["share"],
                strict=True,
            )
            if float(v) > 0
        }
        return cls(
            last,
            {k: p for k, p in plan_starts.items() if kept(p)},
            {s: p for s, p in plan_onboards.items() if kept(p)},
            {k: v for k, v in plan_shares.items() if kept(k[2])},
            plan,
        )

    # the facts in this project's terms -----------------------------------------------------
    def forced(self, inst: Instance) -> list[tuple[int, int]]:
        """(offer, start period) of the committed starts that are offers of this project."""
        index = {p: i for i, p in enumerate(inst.periods)}
        key = offer_index(inst, quoted_only=True)
        last = inst.last_start()
        out = []
        for k, p in self.starts.items():
            if k in key and p in index and index[p] <= last[key[k]]:
                out.append((key[k], index[p]))
        # a start too late to deliver within the horizon (a slip) cannot matter to the plan:
        # its cost was paid and it never delivers; it is left out
        return out

    def boarded(self, inst: Instance, onboarded: np.ndarray | None = None) -> dict[int, int]:
        """Supplier index -> the period it was onboarded, for the committed onboardings this
        project can hold (`onboarded`: the model's columns, where a supplier has some)."""
        index = {p: i for i, p in enumerate(inst.periods)}
        out = {}
        for s, sid in enumerate(inst.suppliers):
            p = self.onboards.get(sid)
            if p not in index or index[p] > self.until:
                continue
            if onboarded is not None and onboarded[s, index[p]] < 0:
                continue
            out[s] = index[p]
        return out

    def kept_shares(self, inst: Instance, exists: np.ndarray | None = None) -> np.ndarray:
        """O x K (K the kept periods): the share each offer was awarded, NaN for the parts and
        periods whose awards this project cannot hold (an offer it does not have, or one that
        cannot deliver then, e.g. after a slip) and are left free. `exists` (O x T bool): the
        shares the model has; by default those inside each offer's delivery window."""
        K = min(self.until + 1, inst.T)
        if exists is None:
            exists = np.arange(inst.T)[None, :] >= inst.first_ready()[:, None]
        index = {p: i for i, p in enumerate(inst.periods)}
        key = offer_index(inst)
        share = np.zeros((inst.O, K))
        broken = np.zeros((inst.C, K), bool)
        comps = {c: i for i, c in enumerate(inst.components)}
        for (c, s, p), value in self.awards.items():
            t = index.get(p)
            if t is None or t >= K or c not in comps:
                continue
            o = key.get((c, s))
            if o is None or not exists[o, t]:
                broken[comps[c], t] = True
                continue
            share[o, t] = value
        c_of = inst.col("c")
        total = np.zeros((inst.C, K))
        np.add.at(total, c_of, share)
        broken |= np.abs(total - 1.0) > 1e-6
        share[broken[c_of]] = np.nan
        return share

    def kept(self, inst: Instance, v: Variables | None = None) -> Kept:
        """The facts this project holds, as plain data for the independent checker."""
        exists = None if v is None else v.share >= 0
        shares = self.kept_shares(inst, exists)
        periods = inst.periods
        c_of = inst.col("c")
        cid, sid = inst.col("component_id"), inst.col("supplier_id")
        o_i, t_i = np.nonzero(shares > 0)
        fixed = ~np.isnan(shares)
        parts = {
            (inst.components[c_of[o]], periods[t]) for o, t in zip(*np.nonzero(fixed), strict=True)
        }
        return Kept(
            until=periods[min(self.until, inst.T - 1)],
            starts={(cid[o], sid[o]): periods[t] for o, t in self.forced(inst)},
            onboards={
                inst.suppliers[s]: periods[t]
                for s, t in self.boarded(inst, None if v is None else v.onboarded).items()
            },
            awards={
                (cid[o], sid[o], periods[t]): float(shares[o, t])
                for o, t in zip(o_i, t_i, strict=True)
            },
            parts=frozenset(parts),
        )

    # the model -----------------------------------------------------------------------------
    def apply(self, inst: Instance, m: SparseModel, v: Variables, a: Arrays) -> Arrays:
        """The model with the past fixed: committed starts at their period and no other start
        up to `until`; the committed onboardings and no other; the awards of those periods;
        and no limit of those periods that only these facts decide."""
        lb, ub, row_lb, row_ub = a.lb.copy(), a.ub.copy(), a.row_lb.copy(), a.row_ub.copy()

        def fix(cols: np.ndarray, values: np.ndarray) -> None:
            ok = cols >= 0
            lb[cols[ok]] = ub[cols[ok]] = np.broadcast_to(values, cols.shape)[ok]

        started = dict(self.forced(inst))
        K = min(self.until + 1, inst.T)
        for o in np.nonzero(~inst.col("incumbent") & ~v.trivial)[0].tolist():
            cols = v.started[o]
            for t in range(inst.T):
                col = cols[t]
                if col < 0:
                    continue
                if o in started:
                    value = 1.0 if t >= started[o] else 0.0
                    lb[col] = ub[col] = value
                elif t < K:
                    lb[col] = ub[col] = 0.0
        # nobody is onboarded in the past but as the plan did (the past's budget rows are
        # lifted: an onboarding moved into the past would be free)
        boarded = self.boarded(inst, v.onboarded)
        for s in range(v.onboarded.shape[0]):
            t_of = boarded.get(s, inst.T)
            fix(v.onboarded[s, :K], (np.arange(K) >= t_of).astype(float))
        # the awards, and the binaries that only they decide
        shares = self.kept_shares(inst, v.share >= 0)
        held = ~np.isnan(shares)
        o_i, t_i = np.nonzero(held)
        fix(v.share[o_i, t_i], shares[o_i, t_i])
        fix(v.use[o_i, t_i], (shares[o_i, t_i] > CLEAN).astype(float))
        inc = inst.incumbent_offer
        c_i, t_c = np.nonzero((v.gone[:, :K] >= 0) & (inc[:, None] >= 0))
        keep = held[inc[c_i], t_c]
        c_i, t_c = c_i[keep], t_c[keep]
        fix(v.gone[c_i, t_c], (shares[inc[c_i], t_c] <= CLEAN).astype(float))
        # a row of those periods that only the facts decide is a fact, not a limit
        fixed = lb == ub
        matrix = a.matrix.tocsr()
        free = (abs(matrix) @ (~fixed).astype(float)) > 0
        period = m.row_labels()["period"].to_numpy()
        past = (period >= 0) & (period < K) & ~free
        row_lb[past], row_ub[past] = -np.inf, np.inf
        return Arrays(lb, ub, a.cost, a.integer, row_lb, row_ub, a.matrix, a.offset)

    # plans to start from -------------------------------------------------------------------
    def first_plan(self, inst: Instance, v: Variables, a: Arrays) -> tuple[Decisions, bool]:
        """The cheaper of the look-ahead plan that keeps the facts and the plan itself, among
        those that meet every limit of `a` (the model with the facts applied); when neither
        does, the look-ahead plan and False (the caller repairs it)."""
        floor = min(self.until + 1, inst.T)
        shares = self.kept_shares(inst, v.share >= 0)
        onboards = list(self.boarded(inst, v.onboarded).items())
        heuristic, ok = first_plan(inst, self.forced(inst), floor, shares, onboards)
        best, cost = None, np.inf
        base = from_plan(inst, self.plan) if self.plan is not None else None
        for d, usable in ((heuristic, ok), (base, True)):
            if d is None or not usable:
                continue
            x = to_columns(inst, v, a.n_cols, d)
            if solver.feasible(a, x) and float(a.cost @ x) < cost:
                best, cost = d, float(a.cost @ x)
        if best is None:
            return heuristic, False
        return best, True
