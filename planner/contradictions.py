"""Limits that contradict each other, told at `check` before any search: a quote that can
never be awarded (its least share above the most it may hold) and qualification limits that
allow none. The planner's explanation names the same facts (planner.optimise.explain) when
they leave no plan; here they are warnings at their cells, since a project may still have a
plan without the quote."""

from __future__ import annotations

import math

import numpy as np

from planner.problems import WARNING, Problem
from planner.project import TypedProject
from planner.text import t


def limit_problems(project: TypedProject) -> list[Problem]:
    from planner.instance import build_instance

    try:
        inst = build_instance(project)
    except Exception:
        return []
    demand = dict(zip(inst.components, inst.demand.max(axis=1, initial=0.0), strict=True))
    found = _share_below_least(project) + _order_above_most(project, demand)
    return _grouped(found) + _no_qualification(project, inst)


def _share_below_least(project: TypedProject) -> list[Problem]:
    """Parts whose max_supplier_share is below min_share: no quote of theirs can be awarded."""
    comps, offers = project.tables["Components"], project.tables["Offers"]
    min_share = float(project.settings.min_share)
    if "max_supplier_share" not in comps or min_share <= 0:
        return []
    quoted = set(offers["component_id"])
    out = []
    for row, part, most in zip(
        comps.index, comps["component_id"], comps["max_supplier_share"], strict=True
    ):
        if part in quoted and not math.isnan(most) and most < min_share - 1e-12:
            out.append(
                Problem(
                    WARNING,
                    "Components",
                    row,
                    "max_supplier_share",
                    t(
                        "No quote for part {p} can ever be awarded: an award must be at "
                        "least min_share ({m:.0%}) and at most this max_supplier_share "
                        "({s:.0%}).",
                        "Không báo giá nào cho linh kiện {p} có thể được giao: mỗi lần "
                        "giao phải ít nhất min_share ({m:.0%}) và nhiều nhất "
                        "max_supplier_share này ({s:.0%}).",
                        p=part,
                        m=min_share,
                        s=most,
                    ),
                    "least_above_most",
                )
            )
    return out


def _order_above_most(project: TypedProject, demand: dict[str, float]) -> list[Problem]:
    """Quotes whose least order is above the part's largest demand or their own capacity."""
    offers = project.tables["Offers"]
    if "min_units" not in offers:
        return []
    out = []
    for row, part, supplier, units, cap in zip(
        offers.index,
        offers["component_id"],
        offers["supplier_id"],
        offers["min_units"],
        offers["capacity_per_period"],
        strict=True,
    ):
        if not units or math.isnan(units) or part not in demand:
            continue
        if units > demand[part]:
            why = t(
                "the part's largest demand in a period ({d:,.0f})",
                "nhu cầu lớn nhất một kỳ của linh kiện ({d:,.0f})",
                d=demand[part],
            )
        elif units > cap:
            why = t(
                "the quote's capacity_per_period ({d:,.0f})",
                "capacity_per_period của báo giá ({d:,.0f})",
                d=cap,
            )
        else:
            continue
        out.append(
            Problem(
                WARNING,
                "Offers",
                row,
                "min_units",
                t(
                    "{s}'s quote for {p} can never be awarded: its least order of {u:,.0f} "
                    "units is above {why}.",
                    "Báo giá của {s} cho {p} không bao giờ được giao: lượng đặt tối thiểu "
                    "{u:,.0f} đơn vị vượt {why_vi}.",
                    s=supplier,
                    p=part,
                    u=units,
                    why=why.en,
                    why_vi=why.vi,
                ),
                "least_above_most",
            )
        )
    return out


EACH_UP_TO = 3  # more rows with one cause are one problem that lists them


def _grouped(found: list[Problem]) -> list[Problem]:
    """One problem per cause and column when many rows share it (the same number typed down
    a column): the first row's sentence, and the rows."""
    by_column: dict[tuple[str | None, str | None], list[Problem]] = {}
    for p in found:
        by_column.setdefault((p.sheet, p.column), []).append(p)
    out = []
    for (sheet, column), items in by_column.items():
        if len(items) <= EACH_UP_TO:
            out += items
            continue
        rows = ", ".join(str(p.row) for p in items[:10]) + (", ..." if len(items) > 10 else "")
        first = items[0].message
        out.append(
            Problem(
                WARNING,
                sheet,
                None,
                column,
                t(
                    "{n} rows ({r}) have this problem; row {f}: {m}",
                    "{n} dòng ({r}) có cùng vấn đề; dòng {f}: {m_vi}",
                    n=len(items),
                    f=items[0].row,
                    r=rows,
                    m=first.en,
                    m_vi=first.vi,
                ),
                items[0].code,
            )
        )
    return out


def _no_qualification(project: TypedProject, inst) -> list[Problem]:
    """Every period allows no new qualification, or has no room for one running."""
    if not (~inst.col("incumbent")).any():
        return []
    for column, values in (
        ("max_new_qualifications", inst.slots),
        ("max_qualifications_in_progress", inst.in_progress),
    ):
        if len(values) and bool(np.all(np.asarray(values) < 1)):
            return [
                Problem(
                    WARNING,
                    "Periods",
                    None,
                    column,
                    t(
                        "{c} is 0 in every period: no quote can be qualified, so no part "
                        "can move to a new supplier.",
                        "{c} bằng 0 ở mọi kỳ: không báo giá nào được phê duyệt, nên không "
                        "linh kiện nào chuyển được sang nhà cung cấp mới.",
                        c=column,
                    ),
                    "no_qualification",
                )
            ]
    return []
