"""The validated project: typed tables the optimiser, the checker and the reports consume.

`planner.validate.validate(raw)` produces it from what the user typed; generators and tests may
build it directly. Every table is a pandas DataFrame with the canonical columns of
`planner.schema`, defaults applied, and its index the Excel row number the row came from
(or 0..n-1 when built in code).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from planner import fields
from planner.fields import default
from planner.text import Text

INF = math.inf


@dataclass(frozen=True)
class Settings:
    """Typed values of the Settings sheet; each field's default, range, title and help are
    planner.fields' (the test of the registry holds the two to the same keys)."""

    plan_name: str = default("plan_name")
    content_basis: str = default("content_basis")
    rvc_min: float | None = default("rvc_min")
    incumbent_max_drop: float = default("incumbent_max_drop")
    objective: str = default("objective")
    time_limit_s: float = default("time_limit_s")
    mip_gap: float = default("mip_gap")
    fx_vnd_per_usd: float | None = default("fx_vnd_per_usd")
    currency: str = default("currency")
    solver: str = default("solver")
    no_reversal: bool = default("no_reversal")
    min_share: float = default("min_share")
    max_utilisation: float = default("max_utilisation")
    second_source_share: float = default("second_source_share")
    max_supplier_spend_share: float = default("max_supplier_spend_share")
    max_country_spend_share: float | None = default("max_country_spend_share")
    cap_margin: float = default("cap_margin")
    tariff_margin: float = default("tariff_margin")
    tariff_pass_through: float = default("tariff_pass_through")
    origin_rvc_min: float | None = default("origin_rvc_min")
    # registry settings the model does not read as a typed attribute (yet): key -> value
    extra: Mapping[str, object] = field(default_factory=dict)

    def value(self, key: str) -> object:
        """Any setting of the registry by its key: the typed attribute, or the value read."""
        if key in self.extra:
            return self.extra[key]
        return getattr(self, key) if hasattr(self, key) else fields.default(key)


@dataclass
class TypedProject:
    """Typed tables, keyed by canonical sheet name.

    Columns (all present, defaults applied, ids stripped and NFC-normalised):
      Components: component_id, description, category, hs_code, qty_per_unit (float, NaN when
        blank), current_supplier ("" = no incumbent), current_country (ISO-2, "" unknown),
        current_unit_price (float, NaN when no incumbent), current_china_share (float),
        locked (bool), incumbent_max_drop (float, NaN = the setting), max_supplier_share
        (float, 1 = no limit)
      Products: product_id, name, fob_price, us_share, units_per_period, hs_code,
        tariff_exempt (bool), origin_rule ("process" | "rvc")
      BOM: product_id, component_id, qty_per_unit  (always filled: built from
        Components.qty_per_unit when the workbook has one product and no BOM sheet)
      Suppliers: supplier_id, name, country (ISO-2), province, onboarding_cost,
        capacity_per_period (inf = unlimited). Incumbents missing from the sheet are added,
        unlimited, with no onboarding cost.
      Offers: component_id, supplier_id, unit_price, china_share, lead_periods (int),
        switching_cost, max_ramp, earliest_period (period label), capacity_per_period (inf),
        min_units (0 = none), origin_country (ISO-2: where the part is made; the supplier's
        country when blank)
      Periods: period (label, in horizon order), budget (inf = unlimited),
        max_new_qualifications (inf = unlimited), china_cap (NaN = none), tariff_active (bool),
        max_qualifications_in_progress (inf = unlimited)
      Volumes: product_id, period, units   (may be empty: overrides units_per_period)
      Tariffs: max_china_share, rate, from_period ("" = the first period), product_id
        ("" = every product), origin ("any" | "VN" | "not VN"); per schedule (from_period,
        product_id) and origin group, bounds ascending and the last 1
    """

    tables: dict[str, pd.DataFrame]
    settings: Settings = field(default_factory=Settings)
    # what the reader did not use: sentences naming the workbook's unread sheets and columns
    unread: list[Text] = field(default_factory=list)

    def __getitem__(self, sheet: str) -> pd.DataFrame:
        return self.tables[sheet]

    @property
    def periods(self) -> list[str]:
        return [str(p) for p in self.tables["Periods"]["period"]]
