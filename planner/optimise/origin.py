"""Rules of origin: when rvc_min is set, non-originating material value stays within
(1 - rvc_min) x FOB for every product and period (a part made in Vietnam counts by its
Chinese share, any other part by its whole price; see planner.instance.nonoriginating)."""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.content import product_offers
from planner.optimise.model import SparseModel
from planner.optimise.variables import Variables


def add_rules_of_origin(m: SparseModel, inst: Instance, v: Variables) -> None:
    rvc = inst.settings.rvc_min
    if rvc is None:
        return
    p_all, o_all = product_offers(inst)
    nonorig, c_of = inst.col("nonorig"), inst.col("c")
    p_i, t_i = np.nonzero(inst.volume > 0)
    row_of = np.full((inst.P, inst.T), -1)
    row_of[p_i, t_i] = np.arange(p_i.size)
    # every (p, o) pair in every period the product is built
    pp = np.repeat(p_all, inst.T)
    oo = np.repeat(o_all, inst.T)
    tt = np.tile(np.arange(inst.T), p_all.size)
    col = v.share[oo, tt]
    ok = (col >= 0) & (row_of[pp, tt] >= 0)
    m.add_rows(
        "rules_of_origin",
        row_of[pp[ok], tt[ok]],
        col[ok],
        inst.qty[pp[ok], c_of[oo[ok]]] * nonorig[oo[ok]] / inst.fob[pp[ok]],
        np.full(p_i.size, -np.inf),
        1.0 - rvc,
        product=p_i,
        period=t_i,
    )
