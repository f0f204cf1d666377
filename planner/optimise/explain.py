"""Why no plan exists, in procurement terms, with the smallest relaxation that gives one.

The model is solved again with a priced slack on every limit a team can move (budgets,
qualification slots, the Chinese-content cap, the origin rule, supplier capacity, and as a
last resort unmet demand). The slacks that stay nonzero name the limits that conflict and by
how much they must move.
"""

from __future__ import annotations

import numpy as np

from planner.instance import Instance
from planner.optimise.model import SparseModel
from planner.project import TypedProject
from planner.text import Text, t

# Cost of one unit of slack: move money first, then slots, then the cap, never demand.
WEIGHTS = {
    "budget": 1.0,  # per USD
    "qualification_slots": 20_000.0,  # per extra qualification
    "china_cap": 2_000_000.0,  # per USD of Chinese content per unit of product
    "rules_of_origin": 2_000_000.0,
    "supplier_capacity": 50.0,  # per unit
    "demand": 1e9,  # per share of a part's demand left unbought
}


def _add_slacks(m: SparseModel) -> dict[str, tuple[int, np.ndarray]]:
    """A nonnegative slack column on each row of the relaxable families."""
    slacks = {}
    for family, weight in WEIGHTS.items():
        if family not in m.families:
            continue
        first, last = m.families[family]
        n = last - first
        cols = m.add_vars(n, 0.0, np.inf)
        m.set_cost(cols, weight)
        rows = np.arange(first, last)
        m.rows.append(rows)
        m.cols.append(cols)
        # demand rows are equalities (= 1): slack adds unbought share; the others are <= rows
        m.vals.append(np.full(n, 1.0 if family == "demand" else -1.0))
        slacks[family] = (first, cols)
    return slacks


def explain_infeasible(project: TypedProject, inst: Instance, seconds: float = 30.0) -> list[Text]:
    from planner.optimise.solve import _solve_mip, _Stop, build_model

    m, _v = build_model(inst)
    m.cost = [np.zeros(m.n_cols)]  # only the relaxation counts
    m.objective_offset = 0.0
    slacks = _add_slacks(m)
    status, values, _, _ = _solve_mip(m, "highs", seconds, 1e-4, _Stop(None), lambda s: None)
    if values is None:
        return [
            t(
                "No plan meets the limits, and the reason could not be isolated in time "
                "(solver status {s}).",
                "Không có kế hoạch nào đáp ứng các giới hạn, và chưa xác định được nguyên nhân "
                "kịp thời (trạng thái {s}).",
                s=status,
            )
        ]
    out: list[Text] = []
    lo, _, _, _, _rlb, rub, _ = m.arrays()
    del lo
    for family, (first, cols) in slacks.items():
        amounts = values[cols]
        for i in np.nonzero(amounts > 1e-6)[0]:
            out.append(_sentence(family, m, first + i, float(amounts[i]), inst, rub))
    if not out:
        out.append(
            t(
                "No plan meets the limits as given, but every single limit can be met: "
                "check the Problems panel and the tariff tiers.",
                "Không có kế hoạch đáp ứng mọi giới hạn, dù từng giới hạn riêng lẻ đều đạt "
                "được: hãy xem bảng Vấn đề và các bậc thuế.",
            )
        )
    return out


def _row_key(m: SparseModel, family: str, row: int, inst: Instance) -> int:
    return row - m.families[family][0]


def _sentence(
    family: str, m: SparseModel, row: int, amount: float, inst: Instance, rub: np.ndarray
) -> Text:
    k = _row_key(m, family, row, inst)
    if family == "budget":
        periods = [p for i, p in enumerate(inst.periods) if np.isfinite(inst.budget[i])]
        period = periods[k]
        budget = inst.budget[inst.periods.index(period)]
        return t(
            "{p}: the one-time budget is short by ${a:,.0f} (budget ${b:,.0f}; the plan "
            "that meets the other limits needs ${n:,.0f}).",
            "{p}: ngân sách chi một lần thiếu {a:,.0f} USD (ngân sách {b:,.0f} USD; kế hoạch "
            "đáp ứng các giới hạn khác cần {n:,.0f} USD).",
            p=period,
            a=amount,
            b=budget,
            n=budget + amount,
        )
    if family == "qualification_slots":
        periods = [p for i, p in enumerate(inst.periods) if np.isfinite(inst.slots[i])]
        period = periods[k]
        extra = int(np.ceil(amount - 1e-6))
        return t(
            "{p}: {n} more qualification slot(s) are needed than the {s:.0f} allowed.",
            "{p}: cần thêm {n} lượt phê duyệt so với {s:.0f} lượt cho phép.",
            p=period,
            n=extra,
            s=inst.slots[inst.periods.index(period)],
        )
    if family in ("china_cap", "rules_of_origin"):
        pairs = _product_period_rows(inst, family)
        p, tt = pairs[k]
        product, period = inst.products[p], inst.periods[tt]
        if family == "china_cap":
            cap = inst.china_cap[tt]
            reach = cap + amount / inst.fob[p] if inst.settings.content_basis == "fob" else None
            why = _earliest_local(inst, p)
            if reach is not None:
                return t(
                    "{pe}: the {c:.0%} Chinese-content cap cannot be met for {pr}; the "
                    "lowest reachable then is {r:.1%}.{why}",
                    "{pe}: không đạt được trần hàm lượng Trung Quốc {c:.0%} cho {pr}; mức "
                    "thấp nhất có thể là {r:.1%}.{why_vi}",
                    pe=period,
                    c=cap,
                    pr=product,
                    r=reach,
                    why=why.en,
                    why_vi=why.vi,
                )
            return t(
                "{pe}: the {c:.0%} Chinese-content cap cannot be met for {pr}.{why}",
                "{pe}: không đạt được trần hàm lượng Trung Quốc {c:.0%} cho {pr}.{why_vi}",
                pe=period,
                c=cap,
                pr=product,
                why=why.en,
                why_vi=why.vi,
            )
        rvc = inst.settings.rvc_min or 0.0
        return t(
            "{pe}: {pr} cannot reach {r:.0%} Vietnamese value content; it falls short by "
            "${a:,.2f} per unit.",
            "{pe}: {pr} không đạt hàm lượng giá trị Việt Nam {r:.0%}; còn thiếu {a:,.2f} USD "
            "mỗi sản phẩm.",
            pe=period,
            pr=product,
            r=rvc,
            a=amount,
        )
    if family == "supplier_capacity":
        pairs = _supplier_period_rows(inst)
        s, tt = pairs[k]
        return t(
            "{pe}: supplier {s} lacks {a:,.0f} units of capacity.",
            "{pe}: nhà cung cấp {s} thiếu công suất {a:,.0f} đơn vị.",
            pe=inst.periods[tt],
            s=inst.suppliers[s],
            a=amount,
        )
    # demand: rows are (part, period)
    c, tt = divmod(k, inst.T)
    part = inst.components[c]
    offers = inst.offers[(inst.offers["c"] == c) & ~inst.offers["incumbent"]]
    if len(offers):
        ready = int((offers["earliest"] + offers["lead"]).min())
        when = inst.periods[ready] if ready < inst.T else None
        if when:
            return t(
                "{pe}: part {p} cannot be bought: it has no incumbent and its earliest "
                "offer delivers from {w}.",
                "{pe}: không mua được linh kiện {p}: không có nhà cung cấp hiện tại và báo "
                "giá sớm nhất chỉ giao từ {w}.",
                pe=inst.periods[tt],
                p=part,
                w=when,
            )
    return t(
        "{pe}: part {p} cannot be bought from any supplier.",
        "{pe}: không mua được linh kiện {p} từ nhà cung cấp nào.",
        pe=inst.periods[tt],
        p=part,
    )


def _product_period_rows(inst: Instance, family: str) -> list[tuple[int, int]]:
    """The (product, period) of each row, in the order the family module adds them."""
    if family == "china_cap":
        return [
            (p, tt)
            for tt in range(inst.T)
            if not np.isnan(inst.china_cap[tt])
            for p in range(inst.P)
            if inst.volume[p, tt] > 0
        ]
    return [(p, tt) for p in range(inst.P) for tt in range(inst.T) if inst.volume[p, tt] > 0]


def _supplier_period_rows(inst: Instance) -> list[tuple[int, int]]:
    s_of = inst.offers["s"].to_numpy()
    first_ready = np.where(
        inst.offers["incumbent"], 0, inst.offers["earliest"] + inst.offers["lead"]
    ).astype(int)
    pairs = []
    for s in np.nonzero(np.isfinite(inst.supplier_cap))[0]:
        offers = np.nonzero(s_of == s)[0]
        for tt in range(inst.T):
            if (first_ready[offers] <= tt).any():
                pairs.append((s, tt))
    return pairs


def _earliest_local(inst: Instance, p: int) -> Text:
    """Why the cap is out of reach early: when the first lower-content offer can deliver."""
    c_of = inst.offers["c"].to_numpy()
    in_product = inst.qty[p, c_of] > 0
    candidates = inst.offers[in_product & ~inst.offers["incumbent"].to_numpy()]
    if candidates.empty:
        return t(
            " None of its parts has a non-incumbent offer.",
            " Không linh kiện nào của nó có báo giá thay thế.",
        )
    ready = int((candidates["earliest"] + candidates["lead"]).min())
    if ready >= inst.T:
        return t(
            " No alternative offer can deliver within the horizon.",
            " Không báo giá thay thế nào giao được trong các kỳ kế hoạch.",
        )
    return t(
        " The earliest alternative part is ready in {r}.",
        " Linh kiện thay thế sớm nhất sẵn sàng từ {r}.",
        r=inst.periods[ready],
    )
