"""Why no plan exists, in procurement terms, with the smallest relaxation that gives one.

The model is searched again with a priced slack on every limit a team can move (budgets,
qualification slots and qualifications in progress, the Chinese-content cap, the origin rule,
supplier capacity, and as a last resort unmet demand), starting from doing nothing. The slacks
that stay nonzero name the limits that conflict and by how much they must move; each row's
labels (planner.optimise.model) say which period, product, part or supplier it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.instance import Instance
from planner.optimise import backend as solver
from planner.optimise.build import build_model
from planner.optimise.deadline import Deadline
from planner.optimise.decisions import do_nothing, to_columns
from planner.optimise.model import Arrays, SparseModel, with_slacks
from planner.optimise.search import search
from planner.optimise.variables import Variables
from planner.project import TypedProject
from planner.text import Text, t

# Cost of one unit of slack: move money first, then slots, then the cap, never demand.
WEIGHTS = {
    "budget": 1.0,  # per USD
    "qualification_slots": 20_000.0,  # per extra qualification
    "qualifications_in_progress": 20_000.0,
    "china_cap": 1e9,  # per unit of share (1 = 100 points)
    "rules_of_origin": 1e9,
    "supplier_capacity": 50.0,  # per unit
    "demand": 1e12,  # per share of a part's demand left unbought
}


@dataclass
class Relaxation:
    """The best plan found with slack on the movable limits: its columns (without slacks),
    the slack on each relaxable row, and whether the least slack is proven."""

    x: np.ndarray
    slack: np.ndarray
    labels: pd.DataFrame  # one row per relaxable row: family, period, product, ...
    proven: bool

    @property
    def feasible(self) -> bool:
        return not (self.slack > SLACK_TOL).any()

    def sentences(self, inst: Instance) -> list[Text]:
        out = [
            _sentence(inst, self.labels.iloc[i], float(self.slack[i]))
            for i in np.nonzero(self.slack > SLACK_TOL)[0]
        ]
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


SLACK_TOL = 1e-6


def relax(
    inst: Instance,
    m: SparseModel,
    v: Variables,
    a: Arrays,
    x0: np.ndarray | None,
    deadline: Deadline,
    until: float,
) -> Relaxation:
    """Search for the least weighted slack on every movable limit, from x0 (a plan that holds
    every other rule, e.g. a first plan that misses a cap) or from doing nothing. Zero slack
    is a plan; a proven positive slack is the reason no plan exists."""
    fam = m.families()
    rows = np.nonzero(np.isin(fam, list(WEIGHTS)))[0]
    weight = np.array([WEIGHTS[f] for f in fam[rows]])
    demand = fam[rows] == "demand"
    soft, slack = with_slacks(a, rows, weight, raise_rows=demand)
    soft.cost[: a.n_cols] = 0.0  # only the relaxation counts
    soft.offset = 0.0
    nothing = to_columns(inst, v, a.n_cols, do_nothing(inst))
    start = None
    for x in (x0, nothing):
        if x is None:
            continue
        act = a.matrix[rows] @ x
        need = np.where(
            demand,
            np.maximum(a.row_lb[rows] - act, 0.0),
            np.maximum(act - a.row_ub[rows], 0.0),
        )
        candidate = np.concatenate([x, need])
        if solver.feasible(soft, candidate):
            start = candidate
            break
    if start is None:  # cannot happen for doing nothing; keep the contract anyway
        start = np.concatenate([nothing, np.zeros(rows.size)])
    best, objective, proven = search(inst, v, soft, start, deadline, until=until, gap=0.0)
    needed = np.maximum(best[slack], 0.0)
    # A solver holds bounds to its tolerance: a slack a hair below zero, at the weight of
    # unmet demand, pays for a real one elsewhere (-4e-8 x 1e12 for 2 x 20,000), and such an
    # "optimum" below what the slacks cost proves nothing.
    cost = float(weight @ needed)
    if objective < cost - 1e-6 * max(1.0, cost):
        proven = False
    return Relaxation(
        best[: a.n_cols],
        needed,
        m.row_labels().iloc[rows].reset_index(drop=True),
        proven,
    )


def explain_infeasible(
    project: TypedProject, inst: Instance, deadline: Deadline | None = None
) -> list[Text]:
    """The reasons, from a relaxation searched until the deadline."""
    deadline = deadline or Deadline(30.0)
    m, v = build_model(inst)
    return relax(inst, m, v, m.arrays(), None, deadline, until=1.0).sentences(inst)


def _sentence(inst: Instance, row, amount: float) -> Text:
    family = row["family"]
    period = inst.periods[int(row["period"])] if row["period"] >= 0 else ""
    tt = int(row["period"])
    if family == "budget":
        budget = inst.budget[tt]
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
        return t(
            "{p}: {n} more qualification slot(s) are needed than the {s:.0f} allowed.",
            "{p}: cần thêm {n} lượt phê duyệt so với {s:.0f} lượt cho phép.",
            p=period,
            n=int(np.ceil(amount - 1e-6)),
            s=inst.slots[tt],
        )
    if family == "qualifications_in_progress":
        return t(
            "{p}: {n} more qualification(s) would have to run at once than the {s:.0f} the "
            "team can run in parallel.",
            "{p}: cần chạy đồng thời thêm {n} phê duyệt so với {s:.0f} phê duyệt đội ngũ có "
            "thể chạy song song.",
            p=period,
            n=int(np.ceil(amount - 1e-6)),
            s=inst.in_progress[tt],
        )
    if family == "china_cap":
        p = int(row["product"])
        cap = inst.china_cap[tt]
        why = _earliest_local(inst, p)
        margin = inst.margin
        if inst.settings.content_basis == "fob":
            return t(
                "{pe}: the {c:.0%} Chinese-content cap{m} cannot be met for {pr}; the lowest "
                "reachable then is {r:.1%}.{why}",
                "{pe}: không đạt được trần hàm lượng Trung Quốc {c:.0%}{m_vi} cho {pr}; mức "
                "thấp nhất có thể là {r:.1%}.{why_vi}",
                pe=period,
                c=cap,
                m=f" (less the {margin:.1%} margin)" if margin else "",
                m_vi=f" (trừ biên {margin:.1%})" if margin else "",
                pr=inst.products[p],
                r=cap - margin + amount,
                why=why.en,
                why_vi=why.vi,
            )
        return t(
            "{pe}: the {c:.0%} Chinese-content cap cannot be met for {pr}.{why}",
            "{pe}: không đạt được trần hàm lượng Trung Quốc {c:.0%} cho {pr}.{why_vi}",
            pe=period,
            c=cap,
            pr=inst.products[p],
            why=why.en,
            why_vi=why.vi,
        )
    if family == "rules_of_origin":
        p = int(row["product"])
        return t(
            "{pe}: {pr} cannot reach {r:.0%} Vietnamese value content; it falls short by "
            "${a:,.2f} per unit.",
            "{pe}: {pr} không đạt hàm lượng giá trị Việt Nam {r:.0%}; còn thiếu {a:,.2f} USD "
            "mỗi sản phẩm.",
            pe=period,
            pr=inst.products[p],
            r=inst.settings.rvc_min or 0.0,
            a=amount * inst.fob[p],
        )
    if family == "supplier_capacity":
        return t(
            "{pe}: supplier {s} lacks {a:,.0f} units of capacity.",
            "{pe}: nhà cung cấp {s} thiếu công suất {a:,.0f} đơn vị.",
            pe=period,
            s=inst.suppliers[int(row["supplier"])],
            a=amount,
        )
    # demand: the row is a (part, period)
    c = int(row["component"])
    part = inst.components[c]
    offers = inst.offers[(inst.offers["c"] == c) & ~inst.offers["incumbent"]]
    if len(offers):
        ready = int((offers["earliest"] + offers["lead"]).min())
        if ready < inst.T:
            return t(
                "{pe}: part {p} cannot be bought: it has no incumbent and its earliest "
                "offer delivers from {w}.",
                "{pe}: không mua được linh kiện {p}: không có nhà cung cấp hiện tại và báo "
                "giá sớm nhất chỉ giao từ {w}.",
                pe=period,
                p=part,
                w=inst.periods[ready],
            )
    return t(
        "{pe}: part {p} cannot be bought from any supplier.",
        "{pe}: không mua được linh kiện {p} từ nhà cung cấp nào.",
        pe=period,
        p=part,
    )


def _earliest_local(inst: Instance, p: int) -> Text:
    """Why the cap is out of reach early: when the first lower-content offer can deliver."""
    c_of = inst.col("c")
    in_product = inst.qty[p, c_of] > 0
    candidates = inst.offers[in_product & ~inst.col("incumbent")]
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
