"""The project read the checker's own way (not the optimiser's instance): the terms of every
offer and of every part's supplier today, the demand for each part and the limits by period."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planner.project import TypedProject
from planner.verify.common import column


class Input:
    """The project read the checker's own way: terms of every offer, demand, limits."""

    def __init__(self, project: TypedProject):
        t = project.tables
        self.settings = project.settings
        self.periods = project.periods
        self.index = {p: i for i, p in enumerate(self.periods)}
        self.comps = t["Components"].set_index("component_id")
        self.products = t["Products"].set_index("product_id")
        self.suppliers = t["Suppliers"].drop_duplicates("supplier_id").set_index("supplier_id")
        self._read_limits(t["Periods"].set_index("period"))
        self._read_demand(t["Volumes"], t["BOM"])
        country = self.suppliers["country"].to_dict()
        rows = [self._incumbents(country), self._quotes(t["Offers"], country)]
        self.terms = pd.concat(rows, ignore_index=True).set_index(["component_id", "supplier_id"])
        self.incumbent_suppliers = set(self.comps["current_supplier"]) - {""}
        self.tariffs = _tariff_rows(t["Tariffs"])
        self.pass_through = float(getattr(self.settings, "tariff_pass_through", 1.0))
        self.origin_rvc_min = getattr(self.settings, "origin_rvc_min", None)

    def _read_limits(self, per: pd.DataFrame) -> None:
        """Each period's budget, slots, qualifications in progress, cap and tariff switch."""

        def by_period(values: pd.Series, kind: type) -> np.ndarray:
            return values.astype(kind).reindex(self.periods).to_numpy()

        self.budget = by_period(per["budget"], float)
        self.slots = by_period(per["max_new_qualifications"], float)
        self.running = by_period(column(per, "max_qualifications_in_progress", math.inf), float)
        self.cap = by_period(per["china_cap"], float)
        self.active = by_period(per["tariff_active"], bool)

    def _read_demand(self, volumes: pd.DataFrame, bom: pd.DataFrame) -> None:
        """Units of each product and of each part by period (a Volumes row overrides the
        product's units per period)."""
        T = len(self.periods)
        vol = pd.DataFrame(
            np.repeat(self.products["units_per_period"].to_numpy(float)[:, None], T, axis=1),
            index=self.products.index,
            columns=self.periods,
        )
        for row in volumes.itertuples(index=False):
            vol.loc[row.product_id, row.period] = float(row.units)
        self.volume = vol
        bom = bom.groupby(["product_id", "component_id"], as_index=False)["qty_per_unit"].sum()
        self.bom = bom
        need = bom.merge(vol, left_on="product_id", right_index=True)
        need[self.periods] = need[self.periods].mul(need["qty_per_unit"], axis=0)
        self.need = need.groupby("component_id")[self.periods].sum()  # parts x periods
        self.used_parts = set(bom["component_id"])

    def _incumbents(self, country: dict[str, str]) -> pd.DataFrame:
        """The terms of each used part's supplier today: ready at once, no ramp limit, at
        most its part's (or the setting's) drop a period."""
        comps = self.comps[self.comps.index.isin(self.used_parts)]
        held = comps[comps["current_supplier"] != ""]
        drop = column(held, "incumbent_max_drop", math.nan).astype(float)
        suppliers = held["current_supplier"]
        return pd.DataFrame(
            {
                "component_id": held.index,
                "supplier_id": suppliers.to_numpy(),
                "price": held["current_unit_price"].astype(float).to_numpy(),
                "cs": held["current_china_share"].astype(float).to_numpy(),
                "origin": [
                    cc or country.get(sup, "")
                    for cc, sup in zip(held["current_country"], suppliers, strict=True)
                ],
                "incumbent": True,
                "lead": 0,
                "switching": 0.0,
                "ramp": 1.0,
                "earliest": 0,
                "cap": math.inf,
                "min_units": 0.0,
                "max_share": 1.0,
                "drop": drop.fillna(float(self.settings.incumbent_max_drop)).to_numpy(),
            }
        )

    def _quotes(self, offers: pd.DataFrame, country: dict[str, str]) -> pd.DataFrame:
        """The terms of each offer for a used part that is not locked."""
        locked = set(self.comps.index[self.comps["locked"].astype(bool)])
        parts = offers["component_id"]
        o = offers[parts.isin(self.used_parts) & ~parts.isin(locked)]
        origin = column(o, "origin_country", "").fillna("").astype(str).to_numpy()
        max_share = column(self.comps, "max_supplier_share", 1.0).astype(float).fillna(1.0)
        critical = column(self.comps, "critical", False).fillna(False).astype(bool)
        second = float(getattr(self.settings, "second_source_share", 0.0))
        max_share = max_share.where(~critical, np.minimum(max_share, 1.0 - second))
        return pd.DataFrame(
            {
                "component_id": o["component_id"].to_numpy(),
                "supplier_id": o["supplier_id"].to_numpy(),
                "price": o["unit_price"].astype(float).to_numpy(),
                "cs": o["china_share"].astype(float).to_numpy(),
                "origin": np.where(
                    origin == "", o["supplier_id"].map(country).fillna("").to_numpy(), origin
                ),
                "incumbent": False,
                "lead": o["lead_periods"].astype(int).to_numpy(),
                "switching": o["switching_cost"].astype(float).to_numpy(),
                "ramp": o["max_ramp"].astype(float).to_numpy(),
                "earliest": o["earliest_period"].map(self.index).fillna(0).astype(int).to_numpy(),
                "cap": o["capacity_per_period"].astype(float).to_numpy(),
                "min_units": column(o, "min_units", 0.0).astype(float).fillna(0.0).to_numpy(),
                "max_share": o["component_id"].map(max_share).fillna(1.0).to_numpy(),
                "drop": 1.0,
            }
        )


def _tariff_rows(tariffs: pd.DataFrame) -> pd.DataFrame:
    """The Tariffs sheet with its optional columns filled: from the first period, for every
    product, for goods of any origin."""
    tariffs = tariffs.copy()
    for col, default in (("from_period", ""), ("product_id", ""), ("origin", "any")):
        tariffs[col] = column(tariffs, col, default).fillna(default).replace("", default)
    return tariffs
