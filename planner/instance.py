"""The validated project as indexed arrays: what the optimiser and the greedy planner read.

Offers include each part's incumbent as offer o0(c) (ready from the start, no one-time cost);
a locked part keeps only its incumbent. Demand D[c, t] = sum_p q[p, c] * V[p, t].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.project import Settings, TypedProject


@dataclass
class Instance:
    periods: list[str]
    components: list[str]
    products: list[str]
    suppliers: list[str]
    offers: pd.DataFrame  # o: c, s, component_id, supplier_id, price, cs, nonorig, lead,
    # switching, max_ramp, earliest, cap (units per period), incumbent
    incumbent_offer: np.ndarray  # per component: offer index or -1
    demand: np.ndarray  # C x T units
    qty: np.ndarray  # P x C units per product
    volume: np.ndarray  # P x T units
    fob: np.ndarray  # P
    us_share: np.ndarray  # P
    supplier_onboarding: np.ndarray  # S
    supplier_cap: np.ndarray  # S (inf = unlimited)
    supplier_is_new: np.ndarray  # S bool: not the incumbent of any part
    budget: np.ndarray  # T (inf)
    slots: np.ndarray  # T (inf)
    china_cap: np.ndarray  # T (nan = none)
    tariff_active: np.ndarray  # T bool
    tier_share: np.ndarray  # K ascending, last 1
    tier_rate: np.ndarray  # K
    settings: Settings

    @property
    def T(self) -> int:
        return len(self.periods)

    @property
    def C(self) -> int:
        return len(self.components)

    @property
    def P(self) -> int:
        return len(self.products)

    @property
    def S(self) -> int:
        return len(self.suppliers)

    @property
    def O(self) -> int:  # noqa: E743 - the model's own name for the offer set
        return len(self.offers)

    def offer_window(self, o: int) -> tuple[int, int]:
        """Periods in which offer o can hold a share: [first delivery, last period]."""
        row = self.offers.iloc[o]
        if row["incumbent"]:
            return 0, self.T - 1
        return int(row["earliest"] + row["lead"]), self.T - 1


def build_instance(project: TypedProject) -> Instance:
    """Index the typed tables; parts in no BOM are left out (the validator warned)."""
    t = project.tables
    periods = project.periods
    T = len(periods)
    pos_t = {p: i for i, p in enumerate(periods)}
    products = list(t["Products"]["product_id"])
    bom = t["BOM"]
    in_bom = set(bom["component_id"])
    used = [c for c in t["Components"]["component_id"] if c in in_bom]
    comp_pos = {c: i for i, c in enumerate(used)}
    comps = t["Components"].set_index("component_id").loc[used]

    qty = np.zeros((len(products), len(used)))
    prod_pos = {p: i for i, p in enumerate(products)}
    for p, c, q in zip(bom["product_id"], bom["component_id"], bom["qty_per_unit"], strict=True):
        qty[prod_pos[p], comp_pos[c]] += q
    volume = np.repeat(t["Products"]["units_per_period"].to_numpy(float)[:, None], T, axis=1)
    for p, period, units in zip(
        t["Volumes"]["product_id"], t["Volumes"]["period"], t["Volumes"]["units"], strict=True
    ):
        volume[prod_pos[p], pos_t[period]] = units
    demand = qty.T @ volume

    sup = t["Suppliers"].drop_duplicates("supplier_id")
    suppliers = list(sup["supplier_id"])
    sup_pos = {s: i for i, s in enumerate(suppliers)}
    country = dict(zip(sup["supplier_id"], sup["country"], strict=True))
    incumbents = set(comps["current_supplier"]) - {""}

    rows = []
    inc_offer = np.full(len(used), -1)
    has_inc = comps["current_supplier"].to_numpy() != ""
    for i in np.nonzero(has_inc)[0]:  # plain arrays: .loc per part is slow at 10,000 parts
        inc_offer[i] = len(rows)
        c, s = used[i], comps["current_supplier"].iat[i]
        price, share = comps["current_unit_price"].iat[i], comps["current_china_share"].iat[i]
        origin = comps["current_country"].iat[i] or country.get(s, "")
        rows.append(
            (
                i,
                sup_pos[s],
                c,
                s,
                price,
                share,
                _nonorig(price, share, origin),
                0,
                0.0,
                1.0,
                0,
                math.inf,
                True,
            )
        )
    locked = set(comps.index[comps["locked"].astype(bool)])
    for o in t["Offers"].itertuples(index=False):
        if o.component_id not in comp_pos or o.component_id in locked:
            continue
        rows.append(
            (
                comp_pos[o.component_id],
                sup_pos[o.supplier_id],
                o.component_id,
                o.supplier_id,
                o.unit_price,
                o.china_share,
                _nonorig(o.unit_price, o.china_share, country.get(o.supplier_id, "")),
                int(o.lead_periods),
                o.switching_cost,
                o.max_ramp,
                pos_t.get(o.earliest_period, 0),
                o.capacity_per_period,
                False,
            )
        )
    offers = pd.DataFrame(
        rows,
        columns=[
            "c",
            "s",
            "component_id",
            "supplier_id",
            "price",
            "cs",
            "nonorig",
            "lead",
            "switching",
            "max_ramp",
            "earliest",
            "cap",
            "incumbent",
        ],
    )
    per = t["Periods"]
    tariffs = t["Tariffs"].sort_values("max_china_share")
    return Instance(
        periods=periods,
        components=used,
        products=products,
        suppliers=suppliers,
        offers=offers,
        incumbent_offer=inc_offer,
        demand=demand,
        qty=qty,
        volume=volume,
        fob=t["Products"]["fob_price"].to_numpy(float),
        us_share=t["Products"]["us_share"].to_numpy(float),
        supplier_onboarding=sup["onboarding_cost"].to_numpy(float),
        supplier_cap=sup["capacity_per_period"].to_numpy(float),
        supplier_is_new=np.array([s not in incumbents for s in suppliers]),
        budget=per["budget"].to_numpy(float),
        slots=per["max_new_qualifications"].to_numpy(float),
        china_cap=per["china_cap"].to_numpy(float),
        tariff_active=per["tariff_active"].to_numpy(bool),
        tier_share=tariffs["max_china_share"].to_numpy(float),
        tier_rate=tariffs["rate"].to_numpy(float),
        settings=project.settings,
    )


def _nonorig(price: float, china_share: float, country: str) -> float:
    """Non-originating value for the rules of origin: all of it when made outside Vietnam."""
    return float(price) if country != "VN" else float(price) * float(china_share)
