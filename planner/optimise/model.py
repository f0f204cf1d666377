"""A sparse MIP with labelled rows, assembled family by family and handed to an OR-Tools backend.

Rows say who they are (linopy's named constraints, STYLE-ANCHORS 17): every row carries its
family and the period, product, part, supplier, offer and tariff tier it is about (-1 where
not applicable). Explanations, the reasons why, duals and tests read these labels; nothing
replays a family's loop order.

Columns carry their kind ('share', 'started', 'onboarded', 'gone', 'use', 'above', 'slack') so
that neighbourhood search can free or fix whole groups of decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.plan import BOUND_SAFETY

if TYPE_CHECKING:  # scipy is imported where the matrix is built, not with the module
    from scipy.sparse import csr_matrix

LABELS = ("period", "product", "component", "supplier", "offer", "tier")

# Caps and tier bounds are met this far inside (see planner.plan.BOUND_SAFETY), so that no
# share is billed or shown on the wrong side of a bound by the solvers' 1e-6 tolerance.
EPS = BOUND_SAFETY


@dataclass
class Arrays:
    """The model as plain arrays: what a backend needs, nothing else."""

    lb: np.ndarray
    ub: np.ndarray
    cost: np.ndarray
    integer: np.ndarray
    row_lb: np.ndarray
    row_ub: np.ndarray
    matrix: csr_matrix  # rows x columns
    offset: float = 0.0

    @property
    def n_cols(self) -> int:
        return self.lb.size

    @property
    def n_rows(self) -> int:
        return self.row_lb.size


@dataclass
class SparseModel:
    """Columns with bounds, costs, integrality and a kind; rows as coordinate triplets with
    bounds, a family and labels."""

    lb: list[np.ndarray] = field(default_factory=list)
    ub: list[np.ndarray] = field(default_factory=list)
    integer: list[np.ndarray] = field(default_factory=list)
    kinds: list[tuple[str, int]] = field(default_factory=list)  # (kind, count) per block
    n_cols: int = 0
    _cost: dict[int, float] = field(default_factory=dict)
    cost_parts: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    rows: list[np.ndarray] = field(default_factory=list)
    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    row_lb: list[np.ndarray] = field(default_factory=list)
    row_ub: list[np.ndarray] = field(default_factory=list)
    row_family: list[tuple[str, int]] = field(default_factory=list)
    row_label_parts: list[dict[str, np.ndarray]] = field(default_factory=list)
    n_rows: int = 0
    objective_offset: float = 0.0
    _arrays: Arrays | None = None

    # columns ------------------------------------------------------------------------------
    def add_vars(self, n: int, lb, ub, integer: bool = False, kind: str = "share") -> np.ndarray:
        start = self.n_cols
        self.lb.append(np.broadcast_to(np.asarray(lb, float), (n,)).copy())
        self.ub.append(np.broadcast_to(np.asarray(ub, float), (n,)).copy())
        self.integer.append(np.full(n, integer))
        self.kinds.append((kind, n))
        self.n_cols += n
        self._arrays = None
        return np.arange(start, start + n)

    def add_cost(self, col, value) -> None:
        """Add `value` to the objective coefficient of each column (-1 columns ignored)."""
        col = np.asarray(col, np.int64).ravel()
        val = np.broadcast_to(np.asarray(value, float), col.shape).ravel()
        keep = col >= 0
        self.cost_parts.append((col[keep], val[keep].copy()))
        self._arrays = None

    def column_kind(self) -> np.ndarray:
        return np.concatenate([np.full(n, k, dtype=object) for k, n in self.kinds] or [np.empty(0)])

    # rows ---------------------------------------------------------------------------------
    def add_rows(self, family: str, row, col, val, lb, ub, **labels) -> None:
        """Rows 0..R-1 of this call, given as (row, col, value) triplets; R = len(lb).
        Triplets with col -1 (a decision that does not exist, i.e. is 0) are dropped.
        `labels` give, per row, the period, product, component, supplier, offer or tier."""
        lb = np.atleast_1d(np.asarray(lb, float))
        n = lb.size
        ub = np.broadcast_to(np.asarray(ub, float), (n,)).copy()
        if n == 0:
            return
        row = np.asarray(row, np.int64).ravel()
        col = np.asarray(col, np.int64).ravel()
        val = np.broadcast_to(np.asarray(val, float).ravel(), row.shape)
        keep = col >= 0
        self.rows.append(row[keep] + self.n_rows)
        self.cols.append(col[keep])
        self.vals.append(val[keep].copy())
        self.row_lb.append(lb.copy())
        self.row_ub.append(ub)
        self.row_family.append((family, n))
        parts = {}
        for name in LABELS:
            value = labels.get(name, -1)
            parts[name] = np.broadcast_to(np.asarray(value, np.int64), (n,)).copy()
        unknown = set(labels) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown row labels {unknown}")
        self.row_label_parts.append(parts)
        self.n_rows += n
        self._arrays = None

    def families(self) -> np.ndarray:
        parts = [np.full(n, f, dtype=object) for f, n in self.row_family]
        return np.concatenate(parts or [np.empty(0)])

    def row_labels(self) -> pd.DataFrame:
        """One row per constraint: family, period, product, component, supplier, offer, tier."""
        frame = pd.DataFrame({"family": self.families()})
        for name in LABELS:
            frame[name] = (
                np.concatenate([p[name] for p in self.row_label_parts])
                if self.row_label_parts
                else np.zeros(0, np.int64)
            )
        return frame

    def rows_of(self, family: str) -> np.ndarray:
        return np.nonzero(self.families() == family)[0]

    # assembly -----------------------------------------------------------------------------
    def arrays(self) -> Arrays:
        """Column bounds, costs, integrality, row bounds and the CSR matrix (cached)."""
        if self._arrays is not None:
            return self._arrays
        from scipy.sparse import csr_matrix

        cost = np.zeros(self.n_cols)
        for col, val in self.cost_parts:
            np.add.at(cost, col, val)
        matrix = csr_matrix(
            (
                np.concatenate(self.vals) if self.vals else np.zeros(0),
                (
                    np.concatenate(self.rows) if self.rows else np.zeros(0, np.int64),
                    np.concatenate(self.cols) if self.cols else np.zeros(0, np.int64),
                ),
            ),
            shape=(self.n_rows, self.n_cols),
        )
        matrix.sum_duplicates()
        matrix.eliminate_zeros()
        self._arrays = Arrays(
            lb=np.concatenate(self.lb) if self.lb else np.zeros(0),
            ub=np.concatenate(self.ub) if self.ub else np.zeros(0),
            cost=cost,
            integer=np.concatenate(self.integer) if self.integer else np.zeros(0, bool),
            row_lb=np.concatenate(self.row_lb) if self.row_lb else np.zeros(0),
            row_ub=np.concatenate(self.row_ub) if self.row_ub else np.zeros(0),
            matrix=matrix,
            offset=self.objective_offset,
        )
        return self._arrays


def restrict(a: Arrays, free: np.ndarray, values: np.ndarray) -> tuple[Arrays, np.ndarray]:
    """The model with every column outside `free` fixed at `values`: fixed columns are folded
    into the row bounds and the objective offset, and rows with no free column dropped.
    Returns the small model and the free columns' indices (its columns, in order)."""
    cols = np.nonzero(free)[0]
    fixed = ~free
    A = a.matrix
    shift = A[:, fixed] @ values[fixed] if fixed.any() else np.zeros(a.n_rows)
    sub = A[:, cols].tocsr()
    keep = np.diff(sub.indptr) > 0
    rows = np.nonzero(keep)[0]
    small = Arrays(
        lb=a.lb[cols],
        ub=a.ub[cols],
        cost=a.cost[cols],
        integer=a.integer[cols],
        row_lb=a.row_lb[rows] - shift[rows],
        row_ub=a.row_ub[rows] - shift[rows],
        matrix=sub[rows],
        offset=a.offset + float(a.cost[fixed] @ values[fixed]),
    )
    return small, cols


def with_slacks(
    a: Arrays, rows: np.ndarray, weight: np.ndarray | float, raise_rows: np.ndarray | None = None
) -> tuple[Arrays, np.ndarray]:
    """The model with a priced, nonnegative slack on each of `rows`: it loosens the upper side
    of a row, or the lower side where `raise_rows` (bool per row given) says so (demand: an
    unbought share). Returns the model and the slack columns."""
    from scipy.sparse import csr_matrix, hstack

    rows = np.asarray(rows, np.int64)
    n = rows.size
    up = np.zeros(n, bool) if raise_rows is None else np.asarray(raise_rows, bool)
    sign = np.where(up, 1.0, -1.0)
    extra = csr_matrix((sign, (rows, np.arange(n))), shape=(a.n_rows, n))
    cols = np.arange(a.n_cols, a.n_cols + n)
    return (
        Arrays(
            lb=np.concatenate([a.lb, np.zeros(n)]),
            ub=np.concatenate([a.ub, np.full(n, np.inf)]),
            cost=np.concatenate([a.cost, np.broadcast_to(np.asarray(weight, float), (n,))]),
            integer=np.concatenate([a.integer, np.zeros(n, bool)]),
            row_lb=a.row_lb,
            row_ub=a.row_ub,
            matrix=hstack([a.matrix, extra]).tocsr(),
            offset=a.offset,
        ),
        cols,
    )


def with_row(a: Arrays, cols: np.ndarray, vals: np.ndarray, lb: float, ub: float) -> Arrays:
    """The model with one more row."""
    from scipy.sparse import csr_matrix, vstack

    row = csr_matrix((vals, (np.zeros(len(cols), np.int64), cols)), shape=(1, a.n_cols))
    return Arrays(
        a.lb,
        a.ub,
        a.cost,
        a.integer,
        np.append(a.row_lb, lb),
        np.append(a.row_ub, ub),
        vstack([a.matrix, row]).tocsr(),
        a.offset,
    )


def with_cost(a: Arrays, cost: np.ndarray, offset: float = 0.0) -> Arrays:
    return Arrays(a.lb, a.ub, cost, a.integer, a.row_lb, a.row_ub, a.matrix, offset)
