"""Objectives. min_cost: material + switching + onboarding + tariff over the horizon.
min_china: the Chinese content of everything built (USD), then cost among the best plans."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.content import china_per_unit
from planner.optimise.model import SparseModel, Variables
from planner.optimise.tariff import tariff_base


def cost_coefficients(m: SparseModel, inst: Instance, v: Variables) -> None:
    price = inst.offers["price"].to_numpy()
    c_of = inst.offers["c"].to_numpy()
    o_idx, t_idx = np.nonzero(v.share >= 0)
    m.set_cost(v.share[o_idx, t_idx], inst.demand[c_of[o_idx], t_idx] * price[o_idx])
    o_idx, t_idx = np.nonzero(v.start >= 0)
    m.set_cost(v.start[o_idx, t_idx], inst.offers["switching"].to_numpy()[o_idx])
    s_idx, t_idx = np.nonzero(v.onboard >= 0)
    m.set_cost(v.onboard[s_idx, t_idx], inst.supplier_onboarding[s_idx])
    base = tariff_base(inst)
    m.objective_offset = float(base.sum() * inst.tier_rate[0])
    rises = np.diff(inst.tier_rate)
    for k in range(v.above.shape[2]):
        m.set_cost(v.above[:, :, k].ravel(), (base * rises[k]).ravel())
    if v.above.shape[2] == 0 and len(inst.tier_rate) > 1:
        m.objective_offset = float(base.sum() * inst.tier_rate[0])


def china_coefficients(inst: Instance, v: Variables) -> np.ndarray:
    """USD of Chinese content built per unit of each share column (for min_china)."""
    c_of = inst.offers["c"].to_numpy()
    o_idx, t_idx = np.nonzero(v.share >= 0)
    per_unit = china_per_unit(inst)
    return o_idx, t_idx, inst.demand[c_of[o_idx], t_idx] * per_unit[o_idx]
