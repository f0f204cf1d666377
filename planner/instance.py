"""The validated project as indexed arrays: what the optimiser, the first-plan heuristic and the
reports read.

Offers include each part's incumbent as offer o0(c) (ready from the start, no one-time cost);
a locked part keeps only its incumbent. Demand D[c, t] = sum_p q[p, c] * V[p, t].

One definition of a part's origin serves the model, the checker and the reports: a quote's
`origin_country` (where the part is made; the supplier's country when blank), the incumbent's
`current_country`. Tariff tiers are held per product and period (P x T x K arrays, padded with
the last tier), so that schedules over time and per product fill the same arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.project import Settings, TypedProject

VN = "VN"


@dataclass
class Instance:
    periods: list[str]
    components: list[str]
    products: list[str]
    suppliers: list[str]
    offers: pd.DataFrame  # one row per offer o, see OFFER_COLUMNS
    incumbent_offer: np.ndarray  # per component: offer index or -1
    demand: np.ndarray  # C x T units
    qty: np.ndarray  # P x C units per product
    volume: np.ndarray  # P x T units
    fob: np.ndarray  # P
    us_share: np.ndarray  # P
    supplier_onboarding: np.ndarray  # S
    supplier_cap: np.ndarray  # S: units a period the plan may use (inf = unlimited)
    supplier_is_new: np.ndarray  # S bool: not the incumbent of any part
    supplier_country: np.ndarray  # S (ISO-2)
    budget: np.ndarray  # T (inf)
    slots: np.ndarray  # T (inf): qualifications that may start
    in_progress: np.ndarray  # T (inf): qualifications that may run at once
    china_cap: np.ndarray  # T (nan = none)
    tariff_active: np.ndarray  # T bool
    tier_bound: np.ndarray  # P x T x K: tiers for goods of Vietnamese origin, ascending, last 1
    tier_rate: np.ndarray  # P x T x K, not falling (padded by repeating the last tier)
    settings: Settings
    category: np.ndarray  # C: commodity group of each part, as a code (for neighbourhoods)
    # required, not None-until-__post_init__ (build_instance gives them all): typed as arrays
    foreign_bound: np.ndarray  # P x T x K: tiers for goods not of VN origin
    foreign_rate: np.ndarray
    schedule: np.ndarray  # P x T: the name of the schedule in force
    origin_by_rvc: np.ndarray  # P bool: Vietnamese origin only with enough RVC
    exempt: np.ndarray  # P bool: no US tariff
    supplier_declared: np.ndarray  # S: the capacity the supplier states (inf = unlimited)

    @property
    def pass_through(self) -> float:
        return float(getattr(self.settings, "tariff_pass_through", 1.0))

    @property
    def origin_rvc_min(self) -> float | None:
        return getattr(self.settings, "origin_rvc_min", None)

    def origin_matters(self) -> np.ndarray:
        """P x T: whether the product's origin can change its tariff (rvc rule and the tiers
        for foreign goods differ from those for Vietnamese goods)."""
        differ = (self.tier_bound != self.foreign_bound) | (self.tier_rate != self.foreign_rate)
        return self.origin_by_rvc[:, None] & differ.any(axis=2) & (self.tariff_base() > 0)

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

    @property
    def K(self) -> int:
        return self.tier_bound.shape[2]

    def col(self, name: str) -> np.ndarray:
        """One offer column as a numpy array (cached: the heuristics read them constantly;
        treat it as read-only)."""
        cache = self.__dict__.setdefault("_columns", {})
        if name not in cache:
            cache[name] = self.offers[name].to_numpy()
        return cache[name]

    @property
    def cap_margin(self) -> float:
        """Room kept below the customer's glide-path caps."""
        return float(self.settings.cap_margin)

    @property
    def tariff_margin(self) -> float:
        """Room kept below the legal tariff-tier bounds (a share within it is billed above)."""
        return float(self.settings.tariff_margin)

    def duty_base(self) -> np.ndarray:
        """USD of duty per unit of rate, P x T: FOB x US share x units (0 when the tariff is
        inactive or the product exempt)."""
        per_unit = self.fob * self.us_share * (~self.exempt)
        return per_unit[:, None] * self.volume * self.tariff_active[None, :]

    def tariff_base(self) -> np.ndarray:
        """USD of duty the factory bears per unit of rate: the duty base x pass-through."""
        return self.duty_base() * self.pass_through

    def first_ready(self) -> np.ndarray:
        """Per offer, the first period it can deliver in (0 for incumbents; T = never)."""
        inc = self.col("incumbent")
        return np.where(inc, 0, np.minimum(self.col("earliest") + self.col("lead"), self.T))

    def last_start(self) -> np.ndarray:
        """Per offer, the last period a qualification may start and still deliver (-1 none)."""
        cache = self.__dict__.setdefault("_columns", {})
        if "_last_start" not in cache:
            cache["_last_start"] = np.where(
                self.col("incumbent"), -1, self.T - 1 - self.col("lead")
            )
        return cache["_last_start"]


OFFER_COLUMNS = [
    "c",  # component index
    "s",  # supplier index
    "component_id",
    "supplier_id",
    "price",  # USD per unit
    "cs",  # Chinese share of the part's value
    "origin",  # where the part is made (ISO-2)
    "nonorig",  # non-originating value per unit for the rules of origin
    "lead",  # periods from the start of qualification to the first delivery
    "switching",  # one-time cost when qualification starts
    "max_ramp",  # largest rise of the share per period (new offers)
    "earliest",  # first period qualification may start
    "cap",  # units per period (inf)
    "min_units",  # MOQ per period once delivering (0 none)
    "max_share",  # largest share of the part (new offers; 1 for incumbents)
    "drop",  # largest fall per period (incumbents; 1 for new offers)
    "incumbent",  # bool
]


def _column(frame: pd.DataFrame, name: str, default: object) -> pd.Series:
    """A column, or its default when a project built in code does not carry it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([default] * len(frame), index=frame.index)


def _usable_capacity(declared: np.ndarray, new: np.ndarray, settings: Settings) -> np.ndarray:
    """Units a period the plan may give each supplier: a new supplier's stated capacity times
    `max_utilisation` (a supplier at 100% in its first year has no room for a slip or a
    spike); an incumbent's as stated."""
    return np.where(new, declared * float(settings.max_utilisation), declared)


def nonoriginating(price: np.ndarray, china_share: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """Non-originating value for the rules of origin: all of it when made outside Vietnam, its
    Chinese share when made in Vietnam (its other imported inputs are not known)."""
    return np.where(origin == VN, price * china_share, price)


def _quantities(
    t: dict[str, pd.DataFrame],
    products: list[str],
    comp_pos: dict[str, int],
    pos_t: dict[str, int],
    periods: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(units of each part per product, units of each product per period): the Volumes
    sheet overrides a product's units_per_period where it has a row."""
    prod_pos = {p: i for i, p in enumerate(products)}
    bom = t["BOM"]
    qty = np.zeros((len(products), len(comp_pos)))
    np.add.at(
        qty,
        (bom["product_id"].map(prod_pos).to_numpy(int), bom["component_id"].map(comp_pos)),
        bom["qty_per_unit"].to_numpy(float),
    )
    volume = np.repeat(t["Products"]["units_per_period"].to_numpy(float)[:, None], periods, axis=1)
    vols = t["Volumes"]
    if len(vols):
        volume[
            vols["product_id"].map(prod_pos).to_numpy(int), vols["period"].map(pos_t).to_numpy(int)
        ] = vols["units"].to_numpy(float)
    return qty, volume


def _incumbent_offers(
    comps: pd.DataFrame,
    used: list[str],
    has_inc: np.ndarray,
    sup_pos: dict[str, int],
    country: dict[str, str],
    settings,
) -> pd.DataFrame:
    """Each incumbent's supply of its part as an offer, vectorised: plain arrays (.loc per
    part is slow at 10,000 parts). Its largest fall: the part's own, else the setting."""
    current = comps["current_supplier"].to_numpy(object)
    drop_setting = float(settings.incumbent_max_drop)
    part_drop = _column(comps, "incumbent_max_drop", math.nan).to_numpy(float)
    inc_origin = np.array(
        [comps["current_country"].iat[i] or country.get(current[i], "") for i in has_inc],
        dtype=object,
    )
    return pd.DataFrame(
        {
            "c": has_inc,
            "s": [sup_pos[s] for s in current[has_inc]],
            "component_id": np.asarray(used, dtype=object)[has_inc],
            "supplier_id": current[has_inc],
            "price": comps["current_unit_price"].to_numpy(float)[has_inc],
            "cs": comps["current_china_share"].to_numpy(float)[has_inc],
            "origin": inc_origin,
            "lead": 0,
            "switching": 0.0,
            "max_ramp": 1.0,
            "earliest": 0,
            "cap": math.inf,
            "min_units": 0.0,
            "max_share": 1.0,
            "drop": np.where(np.isnan(part_drop[has_inc]), drop_setting, part_drop[has_inc]),
            "incumbent": True,
        }
    )


def _quoted_offers(
    offers_in: pd.DataFrame,
    comps: pd.DataFrame,
    comp_pos: dict[str, int],
    sup_pos: dict[str, int],
    country: dict[str, str],
    pos_t: dict[str, int],
    second_source: float = 0.0,
) -> pd.DataFrame:
    """The Offers sheet's quotes for parts in a BOM and not locked, as offers: a quote's
    origin is where it says the part is made, else its supplier's country. A critical part's
    quotes take at most 1 - `second_source` of it."""
    locked = set(comps.index[comps["locked"].astype(bool)])
    keep = offers_in["component_id"].isin(comp_pos) & ~offers_in["component_id"].isin(locked)
    o = offers_in[keep]
    origin_in = _column(o, "origin_country", "").astype(object).to_numpy()
    sup_country = o["supplier_id"].map(country).fillna("").to_numpy(object)
    max_share = np.nan_to_num(_column(comps, "max_supplier_share", 1.0).to_numpy(float), nan=1.0)
    # a critical part keeps a second source: no new supplier takes more than the rest
    critical = _column(comps, "critical", False).fillna(False).to_numpy(bool)
    max_share = np.where(critical, np.minimum(max_share, 1.0 - second_source), max_share)
    c_idx = o["component_id"].map(comp_pos).to_numpy(int)
    return pd.DataFrame(
        {
            "c": c_idx,
            "s": o["supplier_id"].map(sup_pos).to_numpy(int),
            "component_id": o["component_id"].to_numpy(object),
            "supplier_id": o["supplier_id"].to_numpy(object),
            "price": o["unit_price"].to_numpy(float),
            "cs": o["china_share"].to_numpy(float),
            "origin": np.where(origin_in == "", sup_country, origin_in),
            "lead": o["lead_periods"].to_numpy(int),
            "switching": o["switching_cost"].to_numpy(float),
            "max_ramp": o["max_ramp"].to_numpy(float),
            "earliest": o["earliest_period"].map(pos_t).fillna(0).to_numpy(int),
            "cap": o["capacity_per_period"].to_numpy(float),
            "min_units": _column(o, "min_units", 0.0).fillna(0.0).to_numpy(float),
            "max_share": np.nan_to_num(max_share[c_idx], nan=1.0),
            "drop": 1.0,
            "incumbent": False,
        }
    )


def _offer_table(inc: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Incumbents first, then the quotes, with each offer's non-originating value and the
    columns typed (an empty half of the concat leaves objects)."""
    offers = pd.concat([inc, new], ignore_index=True)
    offers["nonorig"] = nonoriginating(
        offers["price"].to_numpy(float),
        offers["cs"].to_numpy(float),
        offers["origin"].to_numpy(object),
    )
    offers = offers[OFFER_COLUMNS]
    for name in ("c", "s", "lead", "earliest"):
        offers[name] = offers[name].astype(np.int64)
    for name in ("price", "cs", "nonorig", "switching", "max_ramp", "cap", "min_units"):
        offers[name] = offers[name].astype(float)
    for name in ("max_share", "drop"):
        offers[name] = offers[name].astype(float)
    offers["incumbent"] = offers["incumbent"].astype(bool)
    return offers


def build_instance(project: TypedProject) -> Instance:
    """Index the typed tables; parts in no BOM are left out (the validator warned)."""
    t = project.tables
    settings = project.settings
    periods = project.periods
    pos_t = {p: i for i, p in enumerate(periods)}
    products = list(t["Products"]["product_id"])
    in_bom = set(t["BOM"]["component_id"])
    used = [c for c in t["Components"]["component_id"] if c in in_bom]
    comp_pos = {c: i for i, c in enumerate(used)}
    comps = t["Components"].set_index("component_id").loc[used]
    qty, volume = _quantities(t, products, comp_pos, pos_t, len(periods))
    demand = qty.T @ volume

    sup = t["Suppliers"].drop_duplicates("supplier_id")
    suppliers = list(sup["supplier_id"])
    sup_pos = {s: i for i, s in enumerate(suppliers)}
    country = dict(zip(sup["supplier_id"], sup["country"], strict=True))
    current = comps["current_supplier"].to_numpy(object)
    incumbents = set(current) - {""}
    has_inc = np.nonzero(current != "")[0]
    offers = _offer_table(
        _incumbent_offers(comps, used, has_inc, sup_pos, country, settings),
        _quoted_offers(
            t["Offers"], comps, comp_pos, sup_pos, country, pos_t, settings.second_source_share
        ),
    )
    inc_offer = np.full(len(used), -1)
    inc_offer[has_inc] = np.arange(len(has_inc))

    per = t["Periods"]
    tiers = tariff_tiers(project)
    declared = sup["capacity_per_period"].to_numpy(float)
    is_new = np.array([s not in incumbents for s in suppliers], dtype=bool)
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
        supplier_cap=_usable_capacity(declared, is_new, settings),
        supplier_declared=declared,
        supplier_is_new=is_new,
        supplier_country=sup["country"].to_numpy(object),
        budget=per["budget"].to_numpy(float),
        slots=per["max_new_qualifications"].to_numpy(float),
        in_progress=_column(per, "max_qualifications_in_progress", math.inf).to_numpy(float),
        china_cap=per["china_cap"].to_numpy(float),
        tariff_active=per["tariff_active"].to_numpy(bool),
        tier_bound=tiers.bound,
        tier_rate=tiers.rate,
        settings=settings,
        category=pd.factorize(comps["category"].fillna("").astype(str))[0],
        foreign_bound=tiers.foreign_bound,
        foreign_rate=tiers.foreign_rate,
        schedule=tiers.schedule,
        origin_by_rvc=(_column(t["Products"], "origin_rule", "process") == "rvc").to_numpy(bool),
        exempt=_column(t["Products"], "tariff_exempt", False).fillna(False).to_numpy(bool),
    )


@dataclass
class Tiers:
    bound: np.ndarray  # P x T x K, goods of Vietnamese origin
    rate: np.ndarray
    foreign_bound: np.ndarray  # P x T x K, goods not of Vietnamese origin
    foreign_rate: np.ndarray
    schedule: np.ndarray  # P x T: schedule names


def tariff_tiers(project: TypedProject) -> Tiers:
    """The tiers in force for every product and period and each origin.

    Rows sharing from_period (blank: the first period) and product_id (blank: every product)
    form a schedule, in force until the next one; a product with rows of its own uses them
    from their from_period on, and the general rows before that. A row marked VN applies to
    goods of Vietnamese origin, not VN to the others, any to both."""
    tables = project.tables
    periods = project.periods
    products = list(tables["Products"]["product_id"])
    P, T = len(products), len(periods)
    pos = {p: i for i, p in enumerate(periods)}
    frame = tables["Tariffs"].copy()
    for col, default in (("from_period", ""), ("product_id", ""), ("origin", "any")):
        if col not in frame.columns:
            frame[col] = default
        frame[col] = frame[col].fillna(default).replace("", default)
    frame["start"] = frame["from_period"].map(lambda p: pos.get(p, 0) if p else 0)
    groups: dict[tuple[str, int], pd.DataFrame] = {
        key: rows for key, rows in frame.groupby(["product_id", "start"], sort=True)
    }

    def tiers(rows: pd.DataFrame, origin: str) -> tuple[np.ndarray, np.ndarray]:
        chosen = rows[rows["origin"].isin(("any", origin))].sort_values("max_china_share")
        if chosen.empty:
            chosen = rows.sort_values("max_china_share")
        return chosen["max_china_share"].to_numpy(float), chosen["rate"].to_numpy(float)

    table: list[list[tuple]] = []
    names = np.full((P, T), "", dtype=object)
    for p, product in enumerate(products):
        row = []
        for t in range(T):
            own = [s for (pid, s) in groups if pid == product and s <= t]
            general = [s for (pid, s) in groups if pid == "" and s <= t]
            if own:
                key = (product, max(own))
            elif general:
                key = ("", max(general))
            else:  # validation refuses this; no tariff
                row.append((np.array([1.0]), np.array([0.0]), np.array([1.0]), np.array([0.0])))
                continue
            rows = groups[key]
            row.append((*tiers(rows, "VN"), *tiers(rows, "not VN")))
            start = periods[key[1]]
            names[p, t] = f"{key[0] or 'all products'} from {start}"
        table.append(row)
    K = max((len(x[0]) for r in table for x in r), default=1)
    K = max(K, max((len(x[2]) for r in table for x in r), default=1))
    out = [np.zeros((P, T, K)) for _ in range(4)]
    for p in range(P):
        for t in range(T):
            for i, values in enumerate(table[p][t]):
                out[i][p, t, : values.size] = values
                out[i][p, t, values.size :] = values[-1]  # pad with the last tier
    return Tiers(out[0], out[1], out[2], out[3], names)
