"""Concentration: no new supplier, and no country but Vietnam and China, takes too large a
share of a quarter's material spend.

A share of the quarter's actual spend would couple every offer in every row (the spend itself
moves with the plan). The rule is stated against a fixed yardstick instead: the quarter's
material spend with every part bought at its cheapest quote (`spend_floor`), which the actual
spend never falls below, so the rule is a little stricter than a share of the actual spend and
each row holds only the offers of one supplier or one country. A country already above its
share today (with today's suppliers) may stay where it is, never grow.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.instance import VN, Instance
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables

CHINA = "CN"  # the glide path rules Chinese content; a cap on China's spend would repeat it


def spend_floor(inst: Instance) -> np.ndarray:
    """T: the quarter's material spend with every part bought at its cheapest quote."""
    cheapest = np.full(inst.C, np.inf)
    np.minimum.at(cheapest, inst.col("c"), inst.col("price"))
    cheapest[~np.isfinite(cheapest)] = 0.0
    return cheapest @ inst.demand


def today_by_country(inst: Instance) -> dict[str, np.ndarray]:
    """Per country: the quarter's spend with today's suppliers (the incumbents' offers)."""
    inc = inst.col("incumbent").astype(bool)
    spend = inst.demand[inst.col("c")[inc]] * inst.col("price")[inc][:, None]
    country = inst.supplier_country[inst.col("s")[inc]].astype(str)
    by = pd.DataFrame(spend).groupby(country).sum()
    return {str(k): row.to_numpy() for k, row in by.iterrows()}


def _spend_rows(m: SparseModel, inst: Instance, v: Variables, family: str, group, ub, who) -> None:
    """Rows family[g, t]: sum over the offers of group g of price x demand x share <= ub[g, t].
    `group`: per offer, its group index or -1 (no row); `who`: per group, the supplier that
    names it (for a country, one of its suppliers)."""
    o_i, t_i = np.nonzero((v.share >= 0) & (group >= 0)[:, None])
    if o_i.size == 0:
        return
    n_groups = ub.shape[0]
    coef = inst.col("price")[o_i] * inst.demand[inst.col("c")[o_i], t_i]
    m.add_rows(
        family,
        group[o_i] * inst.T + t_i,
        v.share[o_i, t_i],
        coef,
        np.full(n_groups * inst.T, -np.inf),
        ub.ravel(),
        period=np.tile(np.arange(inst.T), n_groups),
        supplier=np.repeat(who, inst.T),
    )


def add_supplier_spend(m: SparseModel, inst: Instance, v: Variables) -> None:
    most = inst.settings.max_supplier_spend_share
    if most is None or float(most) >= 1.0:
        return
    new = np.nonzero(inst.supplier_is_new)[0]
    rank = np.full(inst.S, -1)
    rank[new] = np.arange(new.size)
    group = rank[inst.col("s")]
    ub = np.repeat(float(most) * spend_floor(inst)[None, :], new.size, axis=0)
    _spend_rows(m, inst, v, "supplier_spend", group, ub, new)


def add_country_spend(m: SparseModel, inst: Instance, v: Variables) -> None:
    most = inst.settings.max_country_spend_share
    if most is None or float(most) >= 1.0:
        return
    country = inst.supplier_country[inst.col("s")].astype(str)
    names = sorted(set(country) - {VN, CHINA, ""})
    rank = {k: i for i, k in enumerate(names)}
    group = np.array([rank.get(k, -1) for k in country], dtype=np.int64)
    floor = float(most) * spend_floor(inst)
    today = today_by_country(inst)
    ub = np.array([np.maximum(floor, today.get(k, 0.0)) for k in names]).reshape(-1, inst.T)
    who = np.array([int(np.nonzero(inst.supplier_country == k)[0][0]) for k in names], np.int64)
    _spend_rows(m, inst, v, "country_spend", group, ub, who)
