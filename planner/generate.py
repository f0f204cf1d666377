"""Realistic random electronics-factory projects, for the sample, the benchmark and tests.

The numbers follow what assemblers in northern Vietnam report: materials are about 60% of
the FOB price, most parts come from Chinese incumbents, local suppliers quote 5-35% above
with part of their own inputs still Chinese, and need one to three quarters and tooling to
qualify. Deterministic for a given seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.project import INF, Settings, TypedProject


@dataclass(frozen=True)
class Category:
    name: str
    parts: tuple[str, ...]  # typical part descriptions
    price: tuple[float, float]  # unit price range, USD, before scaling
    qty: tuple[int, int]
    local_chance: float  # share of parts with a Vietnamese quote
    sub_china: tuple[float, float]  # Chinese share inside a local part
    tooling: tuple[float, float]  # switching cost range, USD
    lead: tuple[int, int]
    premium: tuple[float, float]
    lockable: bool = False


CATEGORIES: tuple[Category, ...] = (
    Category(
        "IC",
        (
            "SoC",
            "LPDDR5 memory",
            "UFS storage",
            "PMIC",
            "Wi-Fi/BT module",
            "Display driver IC",
            "Audio codec",
            "Sensor hub MCU",
        ),
        (3, 60),
        (1, 2),
        0.05,
        (0.7, 0.9),
        (2000, 8000),
        (2, 3),
        (0.10, 0.25),
        True,
    ),
    Category(
        "Passives",
        (
            "MLCC 0402",
            "Chip resistor 0201",
            "Inductor",
            "Ferrite bead",
            "Crystal 32 kHz",
            "TVS diode",
        ),
        (0.005, 0.08),
        (4, 60),
        0.35,
        (0.3, 0.6),
        (0, 1500),
        (1, 2),
        (0.05, 0.20),
    ),
    Category(
        "PCB",
        ("Main PCB 10-layer HDI", "Controller PCB 4-layer", "Sensor board", "Button board"),
        (1.5, 14),
        (1, 1),
        0.8,
        (0.3, 0.6),
        (8000, 40000),
        (2, 3),
        (0.08, 0.25),
    ),
    Category(
        "FPC",
        ("Display flex cable", "Camera FPC", "Battery FPC", "Antenna FPC"),
        (0.3, 3.5),
        (1, 3),
        0.6,
        (0.3, 0.55),
        (5000, 20000),
        (1, 3),
        (0.08, 0.25),
    ),
    Category(
        "Connectors",
        ("Board-to-board connector", "USB-C receptacle", "Battery connector", "Spring contact"),
        (0.05, 1.2),
        (1, 6),
        0.55,
        (0.2, 0.5),
        (2000, 12000),
        (1, 2),
        (0.05, 0.20),
    ),
    Category(
        "Optics",
        ("Pancake lens", "Fresnel lens", "IR filter", "Lens holder"),
        (1.5, 18),
        (1, 2),
        0.3,
        (0.3, 0.5),
        (15000, 60000),
        (2, 3),
        (0.15, 0.35),
    ),
    Category(
        "Display",
        ("Micro-OLED panel", "Fast-LCD panel", "Backlight unit"),
        (12, 45),
        (1, 2),
        0.15,
        (0.5, 0.8),
        (20000, 60000),
        (3, 3),
        (0.10, 0.30),
    ),
    Category(
        "Camera",
        ("Tracking camera module", "Passthrough camera module"),
        (3, 12),
        (1, 4),
        0.5,
        (0.4, 0.7),
        (10000, 30000),
        (2, 3),
        (0.08, 0.25),
    ),
    Category(
        "Battery",
        ("Li-ion cell 3000 mAh", "Battery pack", "Coin cell"),
        (0.4, 9),
        (1, 2),
        0.45,
        (0.4, 0.7),
        (15000, 50000),
        (2, 3),
        (0.10, 0.30),
    ),
    Category(
        "Acoustics",
        ("Speaker 15 mm", "MEMS microphone", "Acoustic mesh"),
        (0.1, 2.5),
        (1, 4),
        0.5,
        (0.3, 0.6),
        (4000, 15000),
        (1, 2),
        (0.08, 0.25),
    ),
    Category(
        "Haptics",
        ("LRA haptic motor", "ERM motor"),
        (0.3, 1.8),
        (1, 2),
        0.4,
        (0.3, 0.6),
        (3000, 10000),
        (1, 2),
        (0.08, 0.25),
    ),
    Category(
        "Plastics",
        (
            "Front housing",
            "Rear cover",
            "Face interface",
            "Trigger",
            "Battery door",
            "Light guide",
            "Controller ring",
        ),
        (0.3, 4.5),
        (1, 2),
        0.85,
        (0.15, 0.4),
        (10000, 80000),
        (1, 3),
        (0.05, 0.25),
    ),
    Category(
        "Metal",
        ("Stamped shield can", "Heat spreader", "Hinge bracket", "Screw M1.4", "Tripod nut"),
        (0.01, 2.5),
        (1, 12),
        0.8,
        (0.2, 0.45),
        (5000, 40000),
        (1, 2),
        (0.05, 0.20),
    ),
    Category(
        "Foam & gaskets",
        ("Face foam", "Dust gasket", "Thermal pad", "Adhesive tape"),
        (0.02, 1.5),
        (1, 6),
        0.9,
        (0.1, 0.35),
        (1000, 8000),
        (1, 1),
        (0.05, 0.15),
    ),
    Category(
        "Cables & power",
        ("USB-C cable", "Charger 20 W", "Charging cradle"),
        (0.5, 6),
        (1, 1),
        0.6,
        (0.4, 0.7),
        (5000, 20000),
        (1, 2),
        (0.08, 0.25),
    ),
    Category(
        "Packaging",
        ("Gift box", "Pulp tray", "Manual", "Label set", "Shipping carton"),
        (0.05, 1.8),
        (1, 3),
        0.95,
        (0.0, 0.2),
        (1000, 6000),
        (1, 1),
        (0.03, 0.15),
    ),
)
# How common each category is in a headset BOM (passives dominate by count).
CATEGORY_WEIGHTS = np.array([6, 30, 3, 5, 8, 3, 2, 3, 3, 4, 2, 9, 9, 6, 3, 5], dtype=float)

VN_PROVINCES = (  # provinces since the merger of 1 Jul 2025 (DOMAIN.md)
    "Bắc Ninh",
    "Thái Nguyên",
    "Phú Thọ",
    "Hải Phòng",
    "Ninh Bình",
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Đồng Nai",
    "Đà Nẵng",
)
CN_PROVINCES = ("Guangdong", "Jiangsu", "Zhejiang", "Fujian", "Shanghai")
FOREIGN = (
    ("KR", "Gyeonggi"),
    ("JP", "Kanagawa"),
    ("TW", "Hsinchu"),
    ("TH", "Chonburi"),
    ("MY", "Penang"),
)
VN_NAME_PARTS = (
    "An Phát",
    "Hồng Hà",
    "Minh Quang",
    "Tân Tiến",
    "Đông Á",
    "Phúc Thịnh",
    "Kim Long",
    "Sao Việt",
    "Trường Sơn",
    "Hưng Thịnh",
    "Việt Tiến",
    "Bảo Minh",
    "Thành Công",
    "Nam Việt",
    "Quang Trung",
    "Đại Dương",
    "Hoàng Gia",
    "Lạc Hồng",
)


def _periods(n_periods: int, start_year: int = 2027) -> list[str]:
    return [f"{start_year + i // 4}-Q{i % 4 + 1}" for i in range(n_periods)]


FAMILIES = ("easy", "hard", "pool")


def generate_project(
    n_components: int, seed: int = 1, n_periods: int = 8, family: str = "easy"
) -> TypedProject:
    """A random factory: products sharing parts, Chinese incumbents, local quotes.

    family "easy": a glide path from the middle of the horizon that the quotes reach with room
    to spare. "hard", like the real ones (the sample): caps from the fourth period tightening
    towards a third of the way from what every quote could reach to today's share, content
    tiers at 20% and 40% with the threshold between, so the pace of qualifications decides.
    "pool": a large supplier pool with capacities, few quotes a part, limits that change by
    quarter and a glide path that binds (planner.generate_pool).
    """
    if family == "pool":  # built apart, to differ from what the planner was tuned on
        from planner.generate_pool import generate_pool

        return generate_pool(n_components, seed=seed, n_periods=n_periods)
    # One random stream for everything: the helpers draw from it in this order, which the
    # projects of a seed depend on (the benchmark's and the tests').
    rng = np.random.default_rng(seed)
    n = max(3, int(n_components))
    periods = _periods(n_periods)
    products = _products(n)
    comps, cat_idx = _draw_parts(rng, n)
    bom = _draw_bom(rng, products, comps)
    comps["price"] = _scaled_prices(products, bom, comps)
    today = _draw_incumbents(rng, n, cat_idx, family)
    cand = _draw_candidates(rng, n)
    demand = _demand(products, bom, n)
    offers = _draw_offers(rng, family, cat_idx, today, cand, comps, demand, periods)
    cand["capacity_per_period"] = _draw_supplier_caps(rng, cand, offers, demand)
    components = _components_table(comps, today)
    periods_df = _periods_table(periods, n)
    if family == "hard":
        caps, threshold = _hard_glide_path(
            products, bom, components, offers, periods, incumbent_drop=0.5
        )
    else:
        caps, threshold = _easy_glide_path(products, bom, components, offers, n_periods)
    periods_df["china_cap"] = caps
    tariffs = pd.DataFrame({"max_china_share": [threshold, 1.0], "rate": [0.2, 0.4]})
    return TypedProject(
        tables={
            "Components": components,
            "Products": products,
            "BOM": bom.drop(columns="ci"),
            "Suppliers": _suppliers_table(today, cand),
            "Offers": offers,
            "Periods": periods_df,
            "Volumes": _volumes(products, periods),
            "Tariffs": tariffs,
        },
        settings=Settings(
            plan_name=f"Generated factory ({n} parts, seed {seed})",
            incumbent_max_drop=0.5,
            fx_vnd_per_usd=26000.0,
            # the benchmark's families as they were defined: no margin below the tariff bound,
            # a supplier's whole capacity usable
            tariff_margin=0.0,
            max_utilisation=1.0,
            max_supplier_spend_share=1.0,
        ),
    )


def _products(n: int) -> pd.DataFrame:
    """A headset and its controllers; larger factories also build a module."""
    k = 2 if n < 500 else 3
    return pd.DataFrame(
        {
            "product_id": ["VR-H1", "VR-C1", "MOD-T1"][:k],
            "name": ["VR headset", "Controller pair", "Tracking module"][:k],
            "fob_price": [349.0, 59.0, 42.0][:k],
            "us_share": [0.8, 0.8, 0.7][:k],
            "units_per_period": [60000.0, 60000.0, 40000.0][:k],
        }
    )


def _draw_parts(rng: np.random.Generator, n: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Parts by category, each with a description, a price before scaling and a quantity;
    and each part's category."""
    weights = CATEGORY_WEIGHTS / CATEGORY_WEIGHTS.sum()
    cat_idx = rng.choice(len(CATEGORIES), size=n, p=weights)
    rows = []
    for i, k in enumerate(cat_idx):
        cat = CATEGORIES[k]
        desc = cat.parts[rng.integers(len(cat.parts))]
        lo, hi = cat.price
        price = float(np.exp(rng.uniform(math.log(lo), math.log(hi))))
        rows.append(
            (
                f"{cat.name[:3].upper().replace(' ', '')}-{i + 1:05d}",
                desc,
                cat.name,
                price,
                int(rng.integers(cat.qty[0], cat.qty[1] + 1)),
                k,
            )
        )
    columns = ["component_id", "description", "category", "price", "qty", "cat"]
    return pd.DataFrame(rows, columns=columns), cat_idx


def _draw_bom(rng: np.random.Generator, products: pd.DataFrame, comps: pd.DataFrame):
    """Most parts belong to one product, some are shared. (Plain lists in the loop: indexing
    pandas one cell at a time costs seconds at 10,000 parts.)"""
    product_ids = products["product_id"].tolist()
    comp_ids, comp_qty = comps["component_id"].tolist(), comps["qty"].tolist()
    bom_rows = []
    for i in range(len(comp_ids)):
        r = rng.random()
        if len(product_ids) == 2:
            owners = [0] if r < 0.68 else [1] if r < 0.9 else [0, 1]
        else:
            owners = [0] if r < 0.5 else [1] if r < 0.7 else [2] if r < 0.85 else [0, 1]
        for p in owners:
            bom_rows.append((product_ids[p], comp_ids[i], i, float(comp_qty[i])))
    return pd.DataFrame(bom_rows, columns=["product_id", "component_id", "ci", "qty_per_unit"])


def _scaled_prices(products: pd.DataFrame, bom: pd.DataFrame, comps: pd.DataFrame) -> list:
    """Prices scaled so that materials are ~60% of FOB for every product; a shared part takes
    the geometric mean of its products' factors, so a few rounds settle it."""
    n, n_products = len(comps), len(products)
    ci = bom["ci"].to_numpy()
    qty = bom["qty_per_unit"].to_numpy()
    owner = bom["product_id"].map({p: k for k, p in enumerate(products["product_id"])}).to_numpy()
    fob = products["fob_price"].to_numpy()
    price = comps["price"].to_numpy().copy()
    for _ in range(30):
        cost = np.bincount(owner, weights=price[ci] * qty, minlength=n_products)
        # a product without parts (possible in tiny projects) needs no scaling
        log_f = np.log(0.6 * fob / np.where(cost > 0, cost, 0.6 * fob))
        sum_log = np.bincount(ci, weights=log_f[owner], minlength=n)
        count = np.maximum(np.bincount(ci, minlength=n), 1)
        price *= np.exp(sum_log / count)
    # six significant digits: at 10,000 parts a passive costs a fraction of a cent, and
    # rounding to 4 decimals (or a floor of $0.001) would price materials above the FOB
    return [float(f"{max(v, 1e-6):.6g}") for v in price]


@dataclass
class _Today:
    """Who supplies each part today: the supplier, its country, the Chinese share of the
    part, whether the part is locked; the Chinese incumbents and the others by country."""

    suppliers: list[str]
    countries: list[str]
    shares: list[float]
    locked: list[bool]
    cn_ids: list[str]
    foreign: dict[str, str]


def _draw_incumbents(rng: np.random.Generator, n: int, cat_idx, family: str) -> _Today:
    """Chinese mostly, some Taiwanese, Korean, Japanese or already local."""
    n_cn = max(4, n // 6)
    cn_ids = [f"CN-{j + 1:04d}" for j in range(n_cn)]
    inc_country = rng.choice(
        ["CN", "TW", "KR", "JP", "VN"], size=n, p=[0.82, 0.06, 0.04, 0.03, 0.05]
    )
    incumbents, countries, shares = [], [], []
    foreign_inc: dict[str, str] = {}
    for i in range(n):
        country = inc_country[i]
        if country == "CN":
            sid = cn_ids[rng.integers(n_cn)]
            share = 1.0
        else:
            sid = f"{country}-INC-{rng.integers(1, 4)}"
            foreign_inc[sid] = country
            share = round(float(rng.uniform(0.2, 0.6)), 2) if country != "JP" else 0.1
        incumbents.append(sid)
        countries.append(country)
        shares.append(share)
    lock_chance = 0.2 if family == "hard" else 0.7  # hard: most chips have a second source
    locked = [CATEGORIES[k].lockable and rng.random() < lock_chance for k in cat_idx]
    return _Today(incumbents, countries, shares, locked, cn_ids, foreign_inc)


def _draw_candidates(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Candidate suppliers: Vietnamese across the clusters, a few from the region; each with
    the category it makes."""
    n_vn = max(4, min(400, n // 4))
    suppliers = []
    for j in range(n_vn):
        province = VN_PROVINCES[j % len(VN_PROVINCES)]
        name = f"{VN_NAME_PARTS[j % len(VN_NAME_PARTS)]} {CATEGORIES[j % 16].name}"
        onboarding = float(rng.choice([5000, 8000, 12000, 20000, 30000, 40000]))
        suppliers.append(
            (f"VN-{j + 1:04d}", f"Công ty {name}", "VN", province, onboarding, j % len(CATEGORIES))
        )
    n_foreign = max(2, n_vn // 8)
    for j in range(n_foreign):
        country, province = FOREIGN[j % len(FOREIGN)]
        suppliers.append(
            (
                f"{country}-{j + 1:03d}",
                f"{country} Components {j + 1}",
                country,
                province,
                float(rng.choice([10000, 20000, 30000])),
                int(rng.integers(len(CATEGORIES))),
            )
        )
    return pd.DataFrame(
        suppliers, columns=["supplier_id", "name", "country", "province", "onboarding_cost", "cat"]
    )


def _demand(products: pd.DataFrame, bom: pd.DataFrame, n: int) -> np.ndarray:
    """Units of each part a period, at the products' base volumes."""
    demand = np.zeros(n)
    for p, units in zip(products["product_id"], products["units_per_period"], strict=True):
        rows_p = bom["product_id"] == p
        np.add.at(
            demand,
            bom.loc[rows_p, "ci"].to_numpy(),
            bom.loc[rows_p, "qty_per_unit"].to_numpy() * units,
        )
    return demand


OFFER_COLUMNS = [
    "component_id",
    "supplier_id",
    "unit_price",
    "china_share",
    "lead_periods",
    "switching_cost",
    "max_ramp",
    "earliest_period",
    "capacity_per_period",
]


def _draw_offers(rng, family, cat_idx, today: _Today, cand, comps, demand, periods):
    """One to three quotes for a part that is not locked or made in Vietnam already, from
    suppliers of its category, each with its premium, Chinese content, lead time, tooling,
    ramp, earliest period and capacity."""
    by_cat = {k: cand.index[cand["cat"] == k].tolist() for k in range(len(CATEGORIES))}
    cand_rows = dict(zip(cand.index, cand.to_dict("records"), strict=True))
    comp_ids, comp_price = comps["component_id"].tolist(), comps["price"].tolist()
    offers = []
    for i in range(len(comp_ids)):
        cat = CATEGORIES[cat_idx[i]]
        # the hard family has more quotes, so a tight glide path can be met at all
        chance = (
            max(0.7, min(0.95, cat.local_chance * 1.8)) if family == "hard" else cat.local_chance
        )
        if today.locked[i] or today.countries[i] == "VN" or rng.random() > chance:
            continue
        pool = by_cat[cat_idx[i]] or list(range(len(cand)))
        k = int(rng.integers(1, 4))
        chosen = rng.choice(pool, size=min(k, len(pool)), replace=False)
        for s in chosen:
            quote = _draw_quote(rng, family, cat, cand_rows[s], comp_price[i], demand[i], periods)
            offers.append((comp_ids[i], *quote))
    offers_df = pd.DataFrame(offers, columns=OFFER_COLUMNS)
    offers_df["lead_periods"] = offers_df["lead_periods"].astype(int)
    return offers_df


def _draw_quote(rng, family, cat: Category, sup: dict, price: float, demand: float, periods):
    """One supplier's quote for a part, from its supplier on (OFFER_COLUMNS)."""
    premium = rng.uniform(*cat.premium) * (0.7 if sup["country"] != "VN" else 1.0)
    sub = rng.uniform(*cat.sub_china) if sup["country"] == "VN" else rng.uniform(0, 0.2)
    if family == "hard":  # local makers that already buy much of their input locally
        sub *= 0.6
    earliest = periods[int(rng.choice([0, 0, 0, 1, 2]))]
    cap = INF if rng.random() < 0.6 else float(round(demand * rng.uniform(0.5, 1.5)))
    return (
        sup["supplier_id"],
        round(price * (1 + premium), 4),
        round(float(sub), 2),
        int(rng.integers(cat.lead[0], cat.lead[1] + 1)),
        float(round(rng.uniform(*cat.tooling), -2)),
        float(rng.choice([0.25, 0.5, 0.5, 1.0])),
        earliest,
        cap,
    )


def _draw_supplier_caps(rng, cand: pd.DataFrame, offers: pd.DataFrame, demand) -> list[float]:
    """Half the candidates can make 70% of the demand of the parts they quote for; the others
    have no limit (nor has one that quotes for nothing)."""
    part_of_offer = offers["component_id"].str.slice(-5).astype(int).to_numpy() - 1
    rows_of = offers.groupby("supplier_id", sort=False).indices
    sup_caps = []
    for sid in cand["supplier_id"]:
        rows = rows_of.get(sid)
        total = float(demand[part_of_offer[rows]].sum()) if rows is not None else 0.0
        sup_caps.append(INF if total == 0 or rng.random() < 0.5 else round(total * 0.7, -2))
    return sup_caps


def _suppliers_table(today: _Today, cand: pd.DataFrame) -> pd.DataFrame:
    """The incumbents (no onboarding, no limit) and the candidates."""
    incumbent_rows = [
        (sid, f"{sid} Electronics", "CN", CN_PROVINCES[j % 5], 0.0, INF)
        for j, sid in enumerate(today.cn_ids)
    ]
    incumbent_rows += [
        (sid, f"{sid} Co.", c, "Bắc Ninh" if c == "VN" else "", 0.0, INF)
        for sid, c in sorted(today.foreign.items())
    ]
    columns = [
        "supplier_id",
        "name",
        "country",
        "province",
        "onboarding_cost",
        "capacity_per_period",
    ]
    incumbents = pd.DataFrame(incumbent_rows, columns=columns)
    return pd.concat([incumbents, cand.drop(columns="cat")], ignore_index=True)


def _components_table(comps: pd.DataFrame, today: _Today) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "component_id": comps["component_id"],
            "description": comps["description"],
            "category": comps["category"],
            "hs_code": "",
            "qty_per_unit": np.nan,
            "current_supplier": today.suppliers,
            "current_country": today.countries,
            "current_unit_price": comps["price"],
            "current_china_share": today.shares,
            "locked": today.locked,
        }
    )


def _easy_glide_path(
    products: pd.DataFrame,
    bom: pd.DataFrame,
    components: pd.DataFrame,
    offers: pd.DataFrame,
    n_periods: int,
) -> tuple[list[float], float]:
    """Caps from the middle of the horizon falling linearly to 80% of the way from what the
    quotes reach to today's share, and the tier threshold at 55% of that way, from the
    product with the most Chinese content."""
    today, reach = _chinese_share_today_and_reach(products, bom, components, offers)
    worst_today, worst_reach = max(today), max(reach)
    threshold = round(worst_reach + 0.55 * (worst_today - worst_reach), 2)
    final_cap = round(worst_reach + 0.8 * (worst_today - worst_reach) + 0.01, 2)
    caps = [np.nan] * n_periods
    for t in range(n_periods // 2, n_periods):
        frac = (t - n_periods // 2 + 1) / (n_periods - n_periods // 2)
        caps[t] = min(1.0, round(worst_today + 0.01 - frac * (worst_today + 0.01 - final_cap), 3))
    return caps, threshold


def _chinese_share_today_and_reach(products, bom, components, offers):
    """Each product's Chinese share of FOB today, and with every part at its least-Chinese
    quote."""
    price = dict(zip(components["component_id"], components["current_unit_price"], strict=True))
    share_now = dict(
        zip(components["component_id"], components["current_china_share"], strict=True)
    )
    best = dict(share_now)
    cheapest_china = (
        (offers["unit_price"] * offers["china_share"]).groupby(offers["component_id"]).min()
    )
    for c, china in cheapest_china.items():
        best[c] = min(share_now[c] * price[c], float(china)) / price[c]
    today, reach = [], []
    for p, fob in zip(products["product_id"], products["fob_price"], strict=True):
        rows_p = bom[bom["product_id"] == p]
        parts = list(zip(rows_p["component_id"], rows_p["qty_per_unit"], strict=True))
        today.append(sum(price[c] * q * share_now[c] for c, q in parts) / fob)
        reach.append(sum(price[c] * q * best[c] for c, q in parts) / fob)
    return today, reach


def _periods_table(periods: list[str], n: int) -> pd.DataFrame:
    """Budget and slots that grow with the factory; the tariff active throughout."""
    scale = max(1.0, n / 150)
    n_periods = len(periods)
    return pd.DataFrame(
        {
            "period": periods,
            "budget": [round(250000 * scale, -3)] * n_periods,
            "max_new_qualifications": [float(max(4, round(10 * scale)))] * n_periods,
            "china_cap": [np.nan] * n_periods,
            "tariff_active": [True] * n_periods,
        }
    )


def _volumes(products: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """Each product's volume grows 4% of its base a period."""
    return pd.DataFrame(
        {
            "product_id": [p for p in products["product_id"] for _ in periods],
            "period": [t for _ in products["product_id"] for t in periods],
            "units": [
                round(u * (1 + 0.04 * i), -2)
                for u in products["units_per_period"]
                for i in range(len(periods))
            ],
        }
    )


def _hard_glide_path(
    products: pd.DataFrame,
    bom: pd.DataFrame,
    components: pd.DataFrame,
    offers: pd.DataFrame,
    periods: list[str],
    incumbent_drop: float,
) -> tuple[list[float], float]:
    """Caps from the fourth period that bind hard, and the tier threshold between them.

    For each period, `reach` is the share every product would have if each part moved to its
    least-Chinese quote as early and as fast as its lead, earliest period and ramp allow (no
    slot or budget limit). The cap keeps a third of the way from reach to today's share, and
    falls linearly from just under today's share in the fourth period."""
    T = len(periods)
    pos = {p: i for i, p in enumerate(periods)}
    price = components.set_index("component_id")["current_unit_price"]
    share_now = components.set_index("component_id")["current_china_share"]
    best_unit = (price * share_now).to_dict()
    content = {c: np.full(T, best_unit[c]) for c in best_unit}
    for c, grp in offers.groupby("component_id"):
        now = best_unit[c]
        for _, o in grp.iterrows():
            unit = o["unit_price"] * o["china_share"]
            if unit >= now:
                continue
            ready = pos[o["earliest_period"]] + int(o["lead_periods"])
            pace = min(float(o["max_ramp"]), incumbent_drop)
            for t in range(ready, T):
                moved = min(1.0, pace * (t - ready + 1))
                content[c][t] = min(content[c][t], now - moved * (now - unit))
    today = np.zeros(T)
    reach = np.zeros(T)
    for p, fob in zip(products["product_id"], products["fob_price"], strict=True):
        rows = bom[bom["product_id"] == p]
        now = sum(
            best_unit[c] * q
            for c, q in zip(rows["component_id"], rows["qty_per_unit"], strict=True)
        )
        best = sum(
            content[c] * q for c, q in zip(rows["component_id"], rows["qty_per_unit"], strict=True)
        )
        today = np.maximum(today, now / fob)
        reach = np.maximum(reach, best / fob)
    first = 3 if T > 4 else 1
    caps: list[float] = [math.nan] * T
    final = reach[-1] + (today[-1] - reach[-1]) / 3
    for t in range(first, T):
        frac = (t - first + 1) / (T - first)
        linear = today[t] - 0.01 - frac * (today[t] - 0.01 - final)
        floor = reach[t] + (today[t] - reach[t]) / 3
        caps[t] = round(float(max(linear, floor)) + 0.0049, 3)
    for t in range(first + 1, T):
        caps[t] = min(caps[t], caps[t - 1])
    threshold = round(float((today[0] + final) / 2), 2)
    return caps, threshold
