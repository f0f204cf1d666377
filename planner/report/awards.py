"""The award pack: what a buyer places and a director signs, from the plan's own tables.

- awards: one row per supplier and part it supplies (sorted by supplier): the quoted price, its
  MOQ, the quarter its qualification starts and the first it delivers in, units per quarter,
  the total spend. A buyer sends a supplier its rows.
- matrix: the same units, one row per part and supplier (sorted by part): the part x quarter
  matrix in units.
- countries: the share of each quarter's material spend by the supplier's country.

Nothing is computed here beyond sums and pivots of the checked plan's allocation and supplier
load, so every figure is one the checker has recomputed.
"""

from __future__ import annotations

import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.report.labels import label
from planner.report.tables import MONEY, PRICE, SHARE, TEXT, UNITS, Column, Table


def _by_offer(project: TypedProject, plan: Plan) -> pd.DataFrame:
    """Per (supplier, part): the offer's terms and the plan's units by quarter, with spend."""
    alloc = plan.allocation
    periods = project.periods
    units = alloc.pivot_table(
        index=["supplier_id", "component_id"], columns="period", values="units", aggfunc="sum"
    ).reindex(columns=periods)
    units = units.fillna(0.0)
    units.columns = [f"units:{p}" for p in periods]
    spend = alloc.groupby(["supplier_id", "component_id"])["cost"].sum().rename("spend")
    price = alloc.groupby(["supplier_id", "component_id"])["unit_price"].first()
    first = (
        alloc[alloc["units"] > 0]
        .assign(pos=lambda f: f["period"].map({p: i for i, p in enumerate(periods)}))
        .sort_values("pos")
        .groupby(["supplier_id", "component_id"])["period"]
        .first()
        .rename("first_delivery")
    )
    frame = pd.concat([price.rename("unit_price"), first, units, spend], axis=1).reset_index()
    starts = plan.actions[plan.actions["kind"] == "start_qualification"]
    start = dict(
        zip(
            zip(starts["supplier_id"], starts["component_id"], strict=True),
            starts["period"],
            strict=True,
        )
    )
    frame["qualification_start"] = [
        start.get((s, c), "")
        for s, c in zip(frame["supplier_id"], frame["component_id"], strict=True)
    ]
    offers = project["Offers"].set_index(["supplier_id", "component_id"])
    moq = offers["min_units"] if "min_units" in offers.columns else pd.Series(dtype=float)
    frame["min_units"] = [
        moq.get((s, c), 0.0)
        for s, c in zip(frame["supplier_id"], frame["component_id"], strict=True)
    ]
    sup = project["Suppliers"].set_index("supplier_id")
    frame["supplier_name"] = frame["supplier_id"].map(sup["name"]).fillna("")
    frame["country"] = frame["supplier_id"].map(sup["country"]).fillna("")
    comps = project["Components"].set_index("component_id")
    frame["description"] = frame["component_id"].map(comps["description"]).fillna("")
    return frame[frame["spend"] > 0]


def _table(key: str, columns: list[Column], frame: pd.DataFrame, lang: str) -> Table:
    return Table(
        key,
        label(f"sheet_{key}", lang),
        columns,
        frame[[c.key for c in columns]].reset_index(drop=True),
    )


def _unit_columns(project: TypedProject, lang: str) -> list[Column]:
    return [Column(f"units:{p}", label("units_in", lang, p=p), UNITS) for p in project.periods]


def award_tables(project: TypedProject, plan: Plan, lang: str = "en") -> list[Table]:
    """The award pack's tables: awards, matrix and countries (the offers' pivot made once)."""
    offers = _by_offer(project, plan)
    return [
        awards_table(project, offers, lang),
        matrix_table(project, offers, lang),
        countries_table(project, plan, lang),
    ]


def awards_table(project: TypedProject, offers: pd.DataFrame, lang: str = "en") -> Table:
    """One row per supplier and part: what to place with whom, from when, at what price."""
    frame = offers.sort_values(["supplier_id", "component_id"])
    columns = [
        Column(key, label(key, lang), kind)
        for key, kind in (
            ("supplier_id", TEXT),
            ("supplier_name", TEXT),
            ("country", TEXT),
            ("component_id", TEXT),
            ("description", TEXT),
            ("unit_price", PRICE),
            ("min_units", UNITS),
            ("qualification_start", TEXT),
            ("first_delivery", TEXT),
        )
    ]
    columns += [*_unit_columns(project, lang), Column("spend", label("spend", lang), MONEY)]
    return _table("awards", columns, frame, lang)


def matrix_table(project: TypedProject, offers: pd.DataFrame, lang: str = "en") -> Table:
    """The part x quarter matrix in units: one row per part and supplier."""
    frame = offers.sort_values(["component_id", "supplier_id"])
    columns = [
        Column("component_id", label("component_id", lang), TEXT),
        Column("supplier_id", label("supplier_id", lang), TEXT),
        *_unit_columns(project, lang),
    ]
    return _table("matrix", columns, frame, lang)


def countries_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """Each country's share of the quarter's material spend (by the supplier's country), and
    its spend over the horizon, the largest first."""
    load = plan.supplier_load
    periods = project.periods
    if "spend" not in load.columns or load.empty:  # a hand-made plan
        frame = pd.DataFrame(columns=["country", *[f"share:{p}" for p in periods], "spend"])
    else:
        shares = load.pivot_table(
            index="country", columns="period", values="spend_share", aggfunc="sum"
        ).reindex(columns=periods)
        shares = shares.fillna(0.0)
        shares.columns = [f"share:{p}" for p in periods]
        spend = load.groupby("country")["spend"].sum().rename("spend")
        frame = pd.concat([shares, spend], axis=1).reset_index()
        frame = frame.sort_values("spend", ascending=False, kind="stable")
    columns = [
        Column("country", label("country", lang), TEXT),
        *[Column(f"share:{p}", p, SHARE) for p in periods],
        Column("spend", label("spend", lang), MONEY),
    ]
    return _table("countries", columns, frame, lang)


__all__ = ["award_tables"]
