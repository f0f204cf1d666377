"""OR-Library's capacitated facility-location instances (Beasley 1988, the cap and capa files)
as one-period projects: the classic benchmark of the supplier-selection core of the model.

Customers are parts with no incumbent, facilities are new suppliers whose onboarding cost is
the facility's fixed cost and whose capacity is shared by all their parts; serving all of
customer j from facility i costs c_ij, so the quote's unit price is c_ij / demand_j. Demand
may be split (the published optima assume it), so min_share is 0; there is no tariff.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from planner.project import INF, Settings, TypedProject


def read_cap(path: Path) -> tuple[list[float], list[float], list[float], list[list[float]]]:
    """Capacities, fixed costs, demands and costs[i][j] of an OR-Library cap file. A
    capacity written as the word 'capacity' (the capa/capb/capc files) is NaN."""
    tokens = Path(path).read_text().split()
    m, n = int(tokens[0]), int(tokens[1])
    pos = 2
    capacity, fixed = [], []
    for _ in range(m):
        cap = tokens[pos]
        capacity.append(math.nan if not cap.replace(".", "").isdigit() else float(cap))
        fixed.append(float(tokens[pos + 1]))
        pos += 2
    demand, cost_t = [], []
    for _ in range(n):
        demand.append(float(tokens[pos]))
        cost_t.append([float(v) for v in tokens[pos + 1 : pos + 1 + m]])
        pos += 1 + m
    cost = [[cost_t[j][i] for j in range(n)] for i in range(m)]
    return capacity, fixed, demand, cost


def capacitated_location(path: Path, capacity: float | None = None) -> TypedProject:
    """The instance as a project; `capacity` replaces every facility's capacity (capa is
    published for 8000, 10000, 12000 and 14000)."""
    caps, fixed, demand, cost = read_cap(path)
    if capacity is not None:
        caps = [float(capacity)] * len(caps)
    prices = [[cost[i][j] / demand[j] for j in range(len(demand))] for i in range(len(fixed))]
    # the textbook problem: every facility's whole capacity usable
    settings = Settings(
        plan_name=f"OR-Library {Path(path).stem}",
        min_share=0.0,
        max_utilisation=1.0,
        max_supplier_spend_share=1.0,
    )
    return location_project(fixed, caps, prices, demand, settings)


def location_project(
    fixed: list[float],
    capacity: list[float],
    unit_price: list[list[float]],
    demand: list[float],
    settings: Settings | None = None,
    ids: tuple[list[str], list[str]] | None = None,
) -> TypedProject:
    """Capacitated facility location as a one-period project: parts are the customers (no
    incumbent, `demand` units each), suppliers the facilities (`fixed` onboarding cost,
    `capacity`), `unit_price[i][j]` what facility i charges customer j a unit; no tariff.
    `ids`: the parts' and suppliers' ids (default C0001..., F001...)."""
    caps = [INF if math.isnan(float(c)) else float(c) for c in capacity]
    parts, sups = ids or (
        [f"C{j + 1:04d}" for j in range(len(demand))],
        [f"F{i + 1:03d}" for i in range(len(fixed))],
    )
    return TypedProject(
        tables={
            "Components": _customers(parts),
            "Products": pd.DataFrame(
                {
                    "product_id": ["X"],
                    "name": ["customers"],
                    "fob_price": [1.0],
                    "us_share": [0.0],
                    "units_per_period": [1.0],
                }
            ),
            "BOM": pd.DataFrame(
                {
                    "product_id": "X",
                    "component_id": parts,
                    "qty_per_unit": [float(d) for d in demand],
                }
            ),
            "Suppliers": pd.DataFrame(
                {
                    "supplier_id": sups,
                    "name": "",
                    "country": "VN",
                    "province": "",
                    "onboarding_cost": [float(f) for f in fixed],
                    "capacity_per_period": caps,
                }
            ),
            "Offers": _quotes(parts, sups, unit_price),
            "Periods": _one_period(),
            "Volumes": pd.DataFrame({"product_id": [], "period": [], "units": []}),
            "Tariffs": pd.DataFrame({"max_china_share": [1.0], "rate": [0.0]}),
        },
        settings=settings or Settings(max_utilisation=1.0, max_supplier_spend_share=1.0),
    )


def _customers(parts: list[str]) -> pd.DataFrame:
    """The customers as parts with no incumbent."""
    return pd.DataFrame(
        {
            "component_id": parts,
            "description": "",
            "category": "",
            "hs_code": "",
            "qty_per_unit": math.nan,
            "current_supplier": "",
            "current_country": "",
            "current_unit_price": math.nan,
            "current_china_share": 0.0,
            "locked": False,
        }
    )


def _quotes(parts: list[str], sups: list[str], unit_price: list[list[float]]) -> pd.DataFrame:
    """Every facility quotes for every customer, ready at once, with no limit of its own."""
    return pd.DataFrame(
        {
            "component_id": [parts[j] for _ in sups for j in range(len(parts))],
            "supplier_id": [s for s in sups for _ in parts],
            "unit_price": [unit_price[i][j] for i in range(len(sups)) for j in range(len(parts))],
            "china_share": 0.0,
            "lead_periods": 0,
            "switching_cost": 0.0,
            "max_ramp": 1.0,
            "earliest_period": "T1",
            "capacity_per_period": INF,
            "min_units": 0.0,
            "origin_country": "VN",
        }
    )


def _one_period() -> pd.DataFrame:
    """One period, T1, with no limit, no cap and no tariff."""
    return pd.DataFrame(
        {
            "period": ["T1"],
            "budget": [INF],
            "max_new_qualifications": [INF],
            "china_cap": [math.nan],
            "tariff_active": [False],
        }
    )
