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
from typing import Any

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
    # the quotes: continuous share columns of new suppliers, grouped by part and period
    groups = np.full(a.n_cols, -1)
    o_i, t_i = np.nonzero(v.share >= 0)
    groups[v.share[o_i, t_i]] = inst.col("c")[o_i] * inst.T + t_i
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
    board = v.onboarded
    s_i, t_i = np.nonzero(board >= 0)
    value = np.zeros(inst.S)
    np.maximum.at(value, s_i, lp.values[board[s_i, t_i]])
    candidates = np.unique(s_i)
    order = candidates[np.lexsort((candidates, -value[candidates]))]
    size = max(KERNEL, int(np.ceil(KERNEL_PER_ONBOARDING * value.sum())))
    kernel = np.zeros(inst.S, bool)
    kernel[order[:size]] = True
    lp_used = quote & (lp.values > 1e-9)
    state: dict[str, Any] = {"x": best, "obj": best_obj}

    def offer(values: np.ndarray, cols: np.ndarray, base: np.ndarray | None = None) -> None:
        trial = np.zeros(a.n_cols) if base is None else base.copy()  # the columns left out
        trial[cols] = values
        obj = float(a.cost @ trial + a.offset)
        if obj < state["obj"] - 1e-6 * max(1.0, abs(state["obj"])) and backend.feasible(a, trial):
            state["x"], state["obj"] = trial, obj
            on_improve(obj, trial)

    def assign(onboarded: np.ndarray) -> None:
        """The best plan with exactly these suppliers onboarded (from their first period)
        and its quantities bought as cheaply as their quotes allow: an LP."""
        base = state["x"].copy()
        base[board[s_i, t_i]] = onboarded[s_i]
        base[a.integer & (owner >= 0) & ~onboarded[np.maximum(owner, 0)]] = 0.0
        free = ~a.integer & ((owner < 0) | onboarded[np.maximum(owner, 0)])
        base[~free & ~a.integer & (owner >= 0)] = 0.0
        small, cols = _necessary(restrict(a, free, base))
        result = backend.solve(
            small, lp=True, solver="highs", time_limit=deadline - time.monotonic()
        )
        if result.values is not None and result.status == "optimal":
            base[cols] = result.values
            offer(base[cols], cols, base)
        if _TRACE:
            print("assign", int(onboarded.sum()), result.status, result.objective, result.seconds)

    def moves(candidates: np.ndarray) -> None:
        """Close one supplier, onboard one, or swap one for another of `candidates`, each
        judged by its LP, while one pays (first improvement, in rank order)."""
        improved = True
        while improved:
            improved = False
            now = _onboarded(state["x"], board, inst.S)
            shut = np.nonzero(now)[0]
            extra = [s for s in candidates if not now[s]]
            tries = [(o, -1) for o in shut] + [(-1, n) for n in extra]
            tries += [(o, n) for n in extra[:SWAP_WITH] for o in shut]
            for out, into in tries:
                if should_stop() or deadline - time.monotonic() <= 0.5:
                    return
                trial = now.copy()
                if out >= 0:
                    trial[out] = False
                if into >= 0:
                    trial[into] = True
                before = state["obj"]
                assign(trial)
                if state["obj"] < before:
                    improved = True
                    break

    # a quick plan: the LP's most onboarded suppliers, as many as it onboards (rounded up)
    # and a few more, each set bought by the LP above
    least = int(np.ceil(value.sum() - 1e-6))
    for count in range(least, min(least + ROUNDINGS, order.size + 1)):
        if should_stop() or deadline - time.monotonic() <= 0.5:
            break
        chosen = np.zeros(inst.S, bool)
        chosen[order[:count]] = True
        assign(chosen)

    step, cursor, stale = 0, 0, 0
    while not should_stop() and deadline - time.monotonic() > 0.5:
        inside = kernel.copy()
        if step > 0:  # the best plan's suppliers and the next few others in rank: swaps
            inside = _onboarded(state["x"], board, inst.S)
            others = order[~inside[order]]
            if others.size == 0 or stale >= 2 * others.size:
                break
            inside[others[(cursor + np.arange(min(BUCKET, others.size))) % others.size]] = True
            cursor += BUCKET
        before = state["obj"]
        open_cols = (owner < 0) | inside[np.maximum(owner, 0)]
        quotes = MIP_QUOTES if step == 0 else SWAP_QUOTES
        keep = _cheapest(groups, a.cost, quote & open_cols, quotes)
        keep |= quote & open_cols & (lp_used | (np.abs(state["x"]) > 1e-9))
        free = open_cols & (~quote | keep)
        small, cols = sub_model(a, free)
        fits = not np.abs(state["x"][~free]).any()  # the best plan is a plan of the sub-model
        left = deadline - time.monotonic()
        result = backend.solve(
            small,
            time_limit=FIRST_SHARE * left if step == 0 else left,  # time to polish and grow
            hint=state["x"][cols] if fits else None,
            node_limit=NODE_LIMIT,
            gap=1e-6,
            should_stop=should_stop,
            # measured on capa's sub-MIPs: HiGHS reaches in a minute plans SCIP does not
            # (8000: +0.02% against +0.6%); SCIP alone takes the hint and reports on the way
            solver=SUB_SOLVER,
            # cols bound now: a solver left running may still report (mypy cannot type this)
            on_solution=lambda o, b, vals, cols=cols: offer(vals, cols),  # type: ignore[misc]
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
                state["obj"],
            )
        if result.values is not None:
            offer(result.values, cols)
        if deadline - time.monotonic() > 0.5 and not should_stop():
            assign(_onboarded(state["x"], board, inst.S))  # every quote of its suppliers
            moves(order[:size])
        stale = 0 if state["obj"] < before else stale + BUCKET
        step += 1
    best, best_obj = state["x"], state["obj"]
    return best, best_obj


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
