"""Objectives. min_cost: material + switching + onboarding + tariff over the horizon (the tariff
terms are set by the tariff family). min_china: the Chinese content of everything built, then
cost among the best plans.

Among plans of equal cost the model prefers fewer qualifications and more Vietnamese value:
each qualification carries TIE_START dollars and each dollar of non-originating material
TIE_NONORIG dollars. Both are far below any real price difference and below the optimality
gap, so they only break ties (same plan twice, and the sensible one); every reported figure
is recomputed from the plan without them."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables

TIE_START = 0.01  # USD per qualification started
TIE_NONORIG = 1e-8  # USD per USD of non-originating material bought


def last_started(v: Variables) -> np.ndarray:
    """Per offer, the started column of its last period (-1: cannot start)."""
    return v.started[:, -1]


def last_onboarded(v: Variables) -> np.ndarray:
    return v.onboarded[:, -1]


def add_cost(m: SparseModel, inst: Instance, v: Variables) -> None:
    price, c_of = inst.col("price"), inst.col("c")
    o_i, t_i = np.nonzero(v.share >= 0)
    units = inst.demand[c_of[o_i], t_i]
    m.add_cost(v.share[o_i, t_i], units * (price[o_i] + TIE_NONORIG * inst.col("nonorig")[o_i]))
    m.add_cost(np.where(v.trivial, -1, last_started(v)), inst.col("switching") + TIE_START)
    m.add_cost(last_onboarded(v), inst.supplier_onboarding)


def china_coefficients(inst: Instance, v: Variables) -> tuple[np.ndarray, np.ndarray]:
    """Columns and USD of Chinese content built per unit of each share (for min_china)."""
    o_i, t_i = np.nonzero(v.share >= 0)
    per_unit = inst.col("price") * inst.col("cs")
    return v.share[o_i, t_i], inst.demand[inst.col("c")[o_i], t_i] * per_unit[o_i]
