"""Kernel search over suppliers, for whole models whose LP is too large for SCIP to branch on
(OR-Library's capa: 100 suppliers, 100,000 quotes, each quote's share tied to its supplier's
onboarding by its own row; the LP of all of it takes minutes).

1. A quick LP: the model without those per-quote rows (the capacity rows still tie a
   supplier's load to its onboarding), solved in a second. Its onboarding values rank the
   new suppliers, and its most onboarded ones, bought by an LP, are a quick plan.
2. A sub-MIP over a kernel of the best-ranked suppliers: every other new supplier stays
   out, its quotes leave the model, and each part keeps only its cheapest quotes, so HiGHS
   can search it. Then swap steps: the best plan's suppliers and a few others in rank.
3. After each step, an LP buys the plan's quantities from every quote of its suppliers, and
   moves (close one supplier, onboard one, swap two), each judged by that LP, while one pays.

A result is kept only when it is cheaper and passes the model's rows. Orders are fixed and
sub-MIPs have node limits, but on the largest models the clock may still end a sub-MIP
first (then a busier machine can give another plan).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from planner.instance import Instance
from planner.optimise import backend
from planner.optimise.model import Arrays, restrict
from planner.optimise.variables import Variables

_TRACE = False
BUCKET = 8  # suppliers tried beside the best plan's in each swap step
NODE_LIMIT = 2_000  # per sub-MIP: a deterministic limit
KERNEL = 24  # suppliers in the first kernel, at least
KERNEL_PER_ONBOARDING = 3  # ... or this many per supplier the quick LP onboards
SWAP_QUOTES = 4  # ... in a swap step (the polish frees all of them afterwards)
MIP_QUOTES = 6  # quotes per part kept in a sub-MIP (besides those the plans use)
LP_SHARE = 0.2  # of the time given, at most, for the quick LP
SWAP_WITH = 8  # best-ranked suppliers tried in swaps with each onboarded one
ROUNDINGS = 6  # supplier counts tried for the quick plan
SUB_SOLVER = "highs"
FIRST_SHARE = 0.6  # of the time left, at most, for the first kernel's sub-MIP


def supplier_columns(inst: Instance, v: Variables, n_cols: int) -> np.ndarray:
    """Per column, the new supplier whose onboarding it needs (-1: none): the onboarding
    itself and its quotes' shares, starts and use. Such columns are all 0 when the supplier
    stays out."""
    owner = np.full(n_cols, -1)
    s_of = inst.col("s")
    new_offer = inst.supplier_is_new[s_of] & np.any(v.onboarded >= 0, axis=1)[s_of]
    for index in (v.share, v.started, v.use):
        o_i, t_i = np.nonzero((index >= 0) & new_offer[:, None])
        owner[index[o_i, t_i]] = s_of[o_i]
    s_i, t_i = np.nonzero(v.onboarded >= 0)
    owner[v.onboarded[s_i, t_i]] = s_i
    return owner


def sub_model(a: Arrays, free: np.ndarray) -> tuple[Arrays, np.ndarray]:
    """The model with every column outside `free` at 0 (their lower bound must be 0), without
    the rows that the free columns' bounds already satisfy (a left-out quote's link to its
    supplier). Returns the model and its columns."""
    return _necessary(restrict(a, free, np.zeros(a.n_cols)))


def _necessary(restricted: tuple[Arrays, np.ndarray]) -> tuple[Arrays, np.ndarray]:
    """A restricted model without the rows its columns' bounds already satisfy."""
    a, cols = restricted
    A = a.matrix
    pos = A.multiply(A > 0).tocsr()
    neg = A.multiply(A < 0).tocsr()
    with np.errstate(invalid="ignore"):
        low = np.nan_to_num(pos @ a.lb + neg @ a.ub, nan=-np.inf)
        high = np.nan_to_num(pos @ a.ub + neg @ a.lb, nan=np.inf)
    rows = np.nonzero((low < a.row_lb) | (high > a.row_ub))[0]
    small = Arrays(a.lb, a.ub, a.cost, a.integer, a.row_lb[rows], a.row_ub[rows], A[rows], a.offset)
    return small, cols


def _cheapest(groups: np.ndarray, cost: np.ndarray, allowed: np.ndarray, k: int) -> np.ndarray:
    """Bool mask: per group (-1: none), the k allowed entries of least cost."""
    idx = np.nonzero(allowed & (groups >= 0))[0]
    order = idx[np.lexsort((idx, cost[idx], groups[idx]))]
    g = groups[order]
    first = np.r_[0, np.nonzero(np.diff(g))[0] + 1]
    rank = np.arange(order.size) - np.repeat(first, np.diff(np.r_[first, order.size]))
    out = np.zeros(groups.size, bool)
    out[order[rank < k]] = True
    return out


def kernel_search(
    inst: Instance,
    v: Variables,
    a: Arrays,
    x: np.ndarray,
    *,
    deadline: float,
    should_stop: Callable[[], bool],
    on_improve: Callable[[float, np.ndarray], None],
    on_bound: Callable[[float | None], None] | None = None,
) -> tuple[np.ndarray, float]:
    """Improve the complete, feasible columns `x` until `deadline` (monotonic clock) or a
    stop. Returns the best columns and their objective."""
    best = x.copy()
    best_obj = float(a.cost @ best + a.offset)
    owner = supplier_columns(inst, v, a.n_cols)
    if not (owner >= 0).any():
        return best, best_obj
    a = _capacity_links(inst, v, a)
    groups = _quote_groups(inst, v, a.n_cols)
    quote = (owner >= 0) & (groups >= 0) & ~a.integer & (a.lb == 0)
    lp = backend.solve(
        _without_links(a, quote),
        lp=True,
        solver="highs",
        time_limit=LP_SHARE * (deadline - time.monotonic()),
        should_stop=should_stop,
    )
    if _TRACE:
        print("quick lp", lp.status, lp.objective, round(lp.seconds, 2), lp.detail)
    if lp.status != "optimal" or lp.values is None:
        return best, best_obj
    if on_bound is not None:  # a relaxation of the model's LP: weak, but a bound
        on_bound(lp.objective)
    kernel = _Kernel(inst, v, a, owner, groups, quote, lp.values)
    kernel.start(best, on_improve, deadline, should_stop)
    kernel.quick_plan()
    kernel.swap_steps()
    return kernel.x, kernel.obj


def _quote_groups(inst: Instance, v: Variables, n_cols: int) -> np.ndarray:
    """Per column, its part and period (-1: not a share): the quotes' groups."""
    groups = np.full(n_cols, -1)
    o_i, t_i = np.nonzero(v.share >= 0)
    groups[v.share[o_i, t_i]] = inst.col("c")[o_i] * inst.T + t_i
    return groups


class _Kernel:
    """The search's state: the suppliers ranked by the quick LP's onboarding, the kernel of
    the best-ranked, and the best plan so far (x, obj), reported to on_improve; the search
    ends at `deadline` (monotonic clock) or when `should_stop`."""

    def __init__(self, inst, v, a, owner, groups, quote, lp_values: np.ndarray):
        self.inst, self.a, self.owner, self.groups, self.quote = inst, a, owner, groups, quote
        self.board = v.onboarded
        self.s_i, self.t_i = np.nonzero(self.board >= 0)
        value = np.zeros(inst.S)
        np.maximum.at(value, self.s_i, lp_values[self.board[self.s_i, self.t_i]])
        self.value = value
        candidates = np.unique(self.s_i)
        self.order = candidates[np.lexsort((candidates, -value[candidates]))]
        self.size = max(KERNEL, int(np.ceil(KERNEL_PER_ONBOARDING * value.sum())))
        self.kernel = np.zeros(inst.S, bool)
        self.kernel[self.order[: self.size]] = True
        self.lp_used = quote & (lp_values > 1e-9)

    def start(self, x: np.ndarray, on_improve, deadline: float, should_stop) -> None:
        """Search from the plan x until `deadline` or a stop."""
        self.x, self.obj, self.on_improve = x, float(self.a.cost @ x + self.a.offset), on_improve
        self.deadline, self.should_stop = deadline, should_stop

    def onboarded(self) -> np.ndarray:
        """Bool per supplier: onboarded in the best plan."""
        return _onboarded(self.x, self.board, self.inst.S)

    def offer(self, values: np.ndarray, cols: np.ndarray, base: np.ndarray | None = None) -> None:
        """Keep `values` of `cols` (the others from `base`, else 0) when cheaper and a plan."""
        a = self.a
        trial = np.zeros(a.n_cols) if base is None else base.copy()  # the columns left out
        trial[cols] = values
        obj = float(a.cost @ trial + a.offset)
        if obj < self.obj - 1e-6 * max(1.0, abs(self.obj)) and backend.feasible(a, trial):
            self.x, self.obj = trial, obj
            self.on_improve(obj, trial)

    def assign(self, onboarded: np.ndarray) -> None:
        """The best plan with exactly these suppliers onboarded (from their first period)
        and its quantities bought as cheaply as their quotes allow: an LP."""
        a, owner = self.a, self.owner
        mine = onboarded[np.maximum(owner, 0)]
        base = self.x.copy()
        base[self.board[self.s_i, self.t_i]] = onboarded[self.s_i]
        base[a.integer & (owner >= 0) & ~mine] = 0.0
        free = ~a.integer & ((owner < 0) | mine)
        base[~free & ~a.integer & (owner >= 0)] = 0.0
        small, cols = _necessary(restrict(a, free, base))
        result = backend.solve(
            small, lp=True, solver="highs", time_limit=self.deadline - time.monotonic()
        )
        if result.values is not None and result.status == "optimal":
            base[cols] = result.values
            self.offer(base[cols], cols, base)
        if _TRACE:
            print("assign", int(onboarded.sum()), result.status, result.objective, result.seconds)

    def moves(self, candidates: np.ndarray) -> None:
        """Close one supplier, onboard one, or swap one for another of `candidates`, each
        judged by its LP, while one pays (first improvement, in rank order)."""
        improved = True
        while improved:
            improved = False
            now = self.onboarded()
            shut = np.nonzero(now)[0]
            extra = [s for s in candidates if not now[s]]
            tries = [(o, -1) for o in shut] + [(-1, n) for n in extra]
            tries += [(o, n) for n in extra[:SWAP_WITH] for o in shut]
            for out, into in tries:
                if self.should_stop() or self.deadline - time.monotonic() <= 0.5:
                    return
                trial = now.copy()
                if out >= 0:
                    trial[out] = False
                if into >= 0:
                    trial[into] = True
                before = self.obj
                self.assign(trial)
                if self.obj < before:
                    improved = True
                    break

    def quick_plan(self) -> None:
        """The LP's most onboarded suppliers, as many as it onboards (rounded up) and a few
        more, each set bought by the LP of assign."""
        least = int(np.ceil(self.value.sum() - 1e-6))
        for count in range(least, min(least + ROUNDINGS, self.order.size + 1)):
            if self.should_stop() or self.deadline - time.monotonic() <= 0.5:
                break
            chosen = np.zeros(self.inst.S, bool)
            chosen[self.order[:count]] = True
            self.assign(chosen)

    def swap_steps(self) -> None:
        """A sub-MIP over the kernel, then over the best plan's suppliers and the next few
        others in rank, each followed by the moves, until the clock, a stop, or a round of
        the others without a better plan."""
        step, cursor, stale = 0, 0, 0
        while not self.should_stop() and self.deadline - time.monotonic() > 0.5:
            inside = self.kernel.copy()
            if step > 0:  # the best plan's suppliers and the next few others in rank: swaps
                inside = self.onboarded()
                others = self.order[~inside[self.order]]
                if others.size == 0 or stale >= 2 * others.size:
                    break
                inside[others[(cursor + np.arange(min(BUCKET, others.size))) % others.size]] = True
                cursor += BUCKET
            before = self.obj
            self.sub_mip(inside, step)
            if self.deadline - time.monotonic() > 0.5 and not self.should_stop():
                self.assign(self.onboarded())  # every quote of its suppliers
                self.moves(self.order[: self.size])
            stale = 0 if self.obj < before else stale + BUCKET
            step += 1

    def sub_mip(self, inside: np.ndarray, step: int) -> None:
        """HiGHS over the suppliers `inside`, each part keeping its cheapest quotes (and
        those the quick LP or the best plan use), from the best plan when it fits."""
        a, owner, quote = self.a, self.owner, self.quote
        open_cols = (owner < 0) | inside[np.maximum(owner, 0)]
        quotes = MIP_QUOTES if step == 0 else SWAP_QUOTES
        keep = _cheapest(self.groups, a.cost, quote & open_cols, quotes)
        keep |= quote & open_cols & (self.lp_used | (np.abs(self.x) > 1e-9))
        free = open_cols & (~quote | keep)
        small, cols = sub_model(a, free)
        fits = not np.abs(self.x[~free]).any()  # the best plan is a plan of the sub-model
        left = self.deadline - time.monotonic()
        result = backend.solve(
            small,
            time_limit=FIRST_SHARE * left if step == 0 else left,  # time to polish and grow
            hint=self.x[cols] if fits else None,
            node_limit=NODE_LIMIT,
            gap=1e-6,
            should_stop=self.should_stop,
            # measured on capa's sub-MIPs: HiGHS reaches in a minute plans SCIP does not
            # (8000: +0.02% against +0.6%); SCIP alone takes the hint and reports on the way
            solver=SUB_SOLVER,
            # cols bound now: a solver left running may still report (mypy cannot type this)
            on_solution=lambda o, b, vals, cols=cols: self.offer(vals, cols),  # type: ignore[misc]
        )
        if _TRACE:
            print(
                "kernel",
                step,
                int(inside.sum()),
                small.n_cols,
                small.n_rows,
                result.status,
                round(result.seconds, 2),
                result.nodes,
                result.objective,
                self.obj,
            )
        if result.values is not None:
            self.offer(result.values, cols)


def _capacity_links(inst: Instance, v: Variables, a: Arrays) -> Arrays:
    """The model with, per new supplier of limited capacity and period, the row load <=
    capacity x onboarded: a capacity exists only once the supplier is onboarded. Valid for
    every plan, and in the LP it charges onboarding in proportion to the capacity used (the
    strong facility-location formulation), which is what ranks suppliers and lets the
    sub-MIPs prune. Only here: on the general models SCIP measured worse with it."""
    from scipy.sparse import csr_matrix, vstack

    s_of, c_of = inst.col("s"), inst.col("c")
    linked = inst.supplier_is_new & np.isfinite(inst.supplier_cap)
    s_b, t_b = np.nonzero((v.onboarded >= 0) & linked[:, None])
    if s_b.size == 0:
        return a
    row_of = np.full(v.onboarded.shape, -1)
    row_of[s_b, t_b] = np.arange(s_b.size)
    o_i, t_i = np.nonzero(v.share >= 0)
    rows = row_of[s_of[o_i], t_i]
    keep = rows >= 0
    o_i, t_i, rows = o_i[keep], t_i[keep], rows[keep]
    extra = csr_matrix(
        (
            np.concatenate([inst.demand[c_of[o_i], t_i], -inst.supplier_cap[s_b]]),
            (
                np.concatenate([rows, np.arange(s_b.size)]),
                np.concatenate([v.share[o_i, t_i], v.onboarded[s_b, t_b]]),
            ),
        ),
        shape=(s_b.size, a.n_cols),
    )
    return Arrays(
        a.lb,
        a.ub,
        a.cost,
        a.integer,
        np.concatenate([a.row_lb, np.full(s_b.size, -np.inf)]),
        np.concatenate([a.row_ub, np.zeros(s_b.size)]),
        vstack([a.matrix, extra]).tocsr(),
        a.offset,
    )


def _without_links(a: Arrays, quote: np.ndarray) -> Arrays:
    """The model without the rows share <= bound x binary of single quotes: what the LP of
    a capacitated location model spends its time on. A relaxation."""
    A = a.matrix.tocsr()
    two = np.diff(A.indptr) == 2
    first = A.indices[A.indptr[:-1][two]]
    second = A.indices[A.indptr[:-1][two] + 1]
    link = np.zeros(a.n_rows, bool)
    link[np.nonzero(two)[0]] = (
        (quote[first] & a.integer[second]) | (quote[second] & a.integer[first])
    ) & (a.row_ub[two] == 0)
    link &= np.isinf(a.row_lb)
    keep = ~link
    return Arrays(a.lb, a.ub, a.cost, a.integer, a.row_lb[keep], a.row_ub[keep], A[keep], a.offset)


def _onboarded(x: np.ndarray, board: np.ndarray, n: int) -> np.ndarray:
    """Bool per supplier: onboarded in the plan x."""
    out = np.zeros(n, bool)
    s_i, t_i = np.nonzero(board >= 0)
    out[s_i[x[board[s_i, t_i]] > 0.5]] = True
    return out
