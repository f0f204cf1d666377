"""A sparse MIP assembled family by family, then handed to an OR-Tools backend.

Variables live in index arrays (O x T, S x T, P x T x K) holding column numbers, -1 where a
variable does not exist (outside an offer's usable window): the families read them through
`Variables`, never by raw tuple keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.instance import Instance


@dataclass
class SparseModel:
    """Columns with bounds and integrality; rows as coordinate triplets with bounds."""

    lb: list[np.ndarray] = field(default_factory=list)
    ub: list[np.ndarray] = field(default_factory=list)
    cost: list[np.ndarray] = field(default_factory=list)
    integer: list[np.ndarray] = field(default_factory=list)
    n_cols: int = 0
    rows: list[np.ndarray] = field(default_factory=list)
    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    row_lb: list[np.ndarray] = field(default_factory=list)
    row_ub: list[np.ndarray] = field(default_factory=list)
    n_rows: int = 0
    families: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> row range
    objective_offset: float = 0.0

    def add_vars(self, n: int, lb, ub, integer: bool = False) -> np.ndarray:
        start = self.n_cols
        self.lb.append(np.broadcast_to(np.asarray(lb, float), (n,)).copy())
        self.ub.append(np.broadcast_to(np.asarray(ub, float), (n,)).copy())
        self.cost.append(np.zeros(n))
        self.integer.append(np.full(n, integer))
        self.n_cols += n
        return np.arange(start, start + n)

    def add_rows(self, family: str, row, col, val, lb, ub) -> None:
        """Rows 0..R-1 of this call, given as (row, col, value) triplets; R = len(lb)."""
        lb = np.atleast_1d(np.asarray(lb, float))
        ub = np.atleast_1d(np.broadcast_to(np.asarray(ub, float), lb.shape))
        if lb.size == 0:
            return
        row = np.asarray(row, np.int64)
        col = np.asarray(col, np.int64)
        val = np.broadcast_to(np.asarray(val, float), row.shape)
        keep = col >= 0
        self.rows.append(row[keep] + self.n_rows)
        self.cols.append(col[keep])
        self.vals.append(val[keep].copy())
        self.row_lb.append(lb)
        self.row_ub.append(ub)
        first, _ = self.families.get(family, (self.n_rows, self.n_rows))
        self.n_rows += lb.size
        self.families[family] = (first, self.n_rows)

    def set_cost(self, col, value) -> None:
        col = np.asarray(col, np.int64)
        val = np.broadcast_to(np.asarray(value, float), col.shape)
        keep = col >= 0
        costs = np.concatenate(self.cost)
        np.add.at(costs, col[keep], val[keep])
        self.cost = [costs]

    def arrays(self):
        """Column bounds, costs, integrality, row bounds and the CSR matrix."""
        from scipy.sparse import csr_matrix

        matrix = csr_matrix(
            (
                np.concatenate(self.vals) if self.vals else np.zeros(0),
                (
                    np.concatenate(self.rows) if self.rows else np.zeros(0, int),
                    np.concatenate(self.cols) if self.cols else np.zeros(0, int),
                ),
            ),
            shape=(self.n_rows, self.n_cols),
        )
        matrix.sum_duplicates()
        return (
            np.concatenate(self.lb),
            np.concatenate(self.ub),
            np.concatenate(self.cost),
            np.concatenate(self.integer),
            np.concatenate(self.row_lb) if self.row_lb else np.zeros(0),
            np.concatenate(self.row_ub) if self.row_ub else np.zeros(0),
            matrix,
        )


@dataclass
class Variables:
    """Column numbers of each decision, -1 where it does not exist."""

    share: np.ndarray  # O x T: a[o, t], share of the part's demand through offer o
    start: np.ndarray  # O x T: qualification of offer o starts in t (binary)
    onboard: np.ndarray  # S x T: supplier s is onboarded in t (binary)
    above: np.ndarray  # P x T x (K-1): product's Chinese content is above tier k (binary)


def add_variables(m: SparseModel, inst: Instance) -> Variables:
    """Only what can be nonzero: shares inside the usable window, starts that can deliver."""
    O, T, S, P = inst.O, inst.T, inst.S, inst.P  # noqa: E741 - the model's own names
    offers = inst.offers
    share = np.full((O, T), -1, np.int64)
    start = np.full((O, T), -1, np.int64)
    first_ready = np.where(offers["incumbent"], 0, offers["earliest"] + offers["lead"])
    for o in range(O):
        ready = int(first_ready[o])
        if ready < T:
            demand = inst.demand[offers["c"].iat[o], ready:]
            cap = offers["cap"].iat[o]
            with np.errstate(divide="ignore", invalid="ignore"):
                ub = np.where(demand > 0, np.minimum(1.0, cap / demand), 1.0)
            share[o, ready:] = m.add_vars(T - ready, 0.0, ub)
        if not offers["incumbent"].iat[o]:
            last = T - 1 - int(offers["lead"].iat[o])
            first = int(offers["earliest"].iat[o])
            if last >= first:
                start[o, first : last + 1] = m.add_vars(last - first + 1, 0, 1, integer=True)
    onboard = np.full((S, T), -1, np.int64)
    candidates = offers[~offers["incumbent"]]
    for s, group in candidates.groupby("s"):
        if inst.supplier_is_new[s]:
            first = int(group["earliest"].min())
            onboard[s, first:] = m.add_vars(T - first, 0, 1, integer=True)
    K = len(inst.tier_share)
    above = np.full((P, T, max(K - 1, 0)), -1, np.int64)
    if K > 1 and np.ptp(inst.tier_rate) > 0:
        for p in range(P):
            for t in range(T):
                if inst.tariff_active[t] and inst.volume[p, t] > 0:
                    above[p, t, :] = m.add_vars(K - 1, 0, 1, integer=True)
    return Variables(share, start, onboard, above)
