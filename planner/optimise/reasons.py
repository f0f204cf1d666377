"""The reasons why: for every qualification, what it costs, what it brings and what makes it
start in its quarter; for every binding limit, what one more unit of it is worth.

Each switch is judged against the plan without it (its shares handed back to the incumbent):
the first period whose cap, origin rule or tariff tier would then break is the period that
needs it. Caps and supplier capacities are valued by the LP around the plan (every binary
fixed: exact marginal values); budgets, slots and qualifications in progress, whose rows hold
only whole qualifications, by searching the plan again with the limit raised.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.instance import Instance
from planner.optimise import backend as solver
from planner.optimise.deadline import Deadline
from planner.optimise.decisions import Billing, Decisions, billing, figures
from planner.optimise.improve import ColumnOwners, improve
from planner.optimise.model import EPS, Arrays, SparseModel
from planner.optimise.variables import Variables
from planner.plan import LIMIT_COLUMNS, REASON_COLUMNS
from planner.text import t

TOL = 1e-9


def reasons(inst: Instance, d: Decisions) -> pd.DataFrame:
    """One row per qualification started in the plan (REASON_COLUMNS)."""
    periods = inst.periods
    c_of, s_of = inst.col("c"), inst.col("s")
    plan = _PlanFigures.of(inst, d)
    started = np.nonzero(d.start >= 0)[0]
    first_of_supplier: dict[int, int] = {}
    for o in sorted(started, key=lambda o: (d.start[o], o)):
        first_of_supplier.setdefault(int(s_of[o]), int(o))
    slots_full, budget_full = _full_periods(inst, d)
    rows = []
    for o in started:
        c, s, t0 = int(c_of[o]), int(s_of[o]), int(d.start[o])
        ready = t0 + int(inst.col("lead")[o])
        one_time = float(inst.col("switching")[o])
        if first_of_supplier.get(s) == o and d.onboard[s] >= 0:
            one_time += float(inst.supplier_onboarding[s])
        units = d.share[o] * inst.demand[c]
        tiers = None
        if inst.incumbent_offer[c] < 0:
            kind, when, saved = "new_part", ready, 0.0
            premium = float((units * inst.col("price")[o]).sum())
        else:
            premium, saved, kind, when, tiers = _judged(inst, int(o), d, plan, one_time, ready)
        en, vi = _sentence(inst, o, kind, when, t0, ready, premium, saved, one_time, tiers)
        early = _why_early(inst, o, d, when, t0, slots_full, budget_full)
        rows.append(
            (
                periods[t0],
                inst.components[c],
                inst.suppliers[s],
                periods[ready] if ready < inst.T else "",
                one_time,
                premium,
                saved,
                kind,
                periods[when] if 0 <= when < inst.T else "",
                en + early.en,
                vi + early.vi,
            )
        )
    frame = pd.DataFrame(rows, columns=REASON_COLUMNS)
    order = {p: i for i, p in enumerate(periods)}
    return frame.sort_values(
        ["period", "component_id"], key=lambda col: col.map(order) if col.name == "period" else col
    ).reset_index(drop=True)


@dataclass(frozen=True)
class _PlanFigures:
    """The plan's content figures (decisions.figures) and its bill, and the caps it holds."""

    fig: dict[str, np.ndarray]
    bill: Billing
    cap: np.ndarray  # less the margin and the rounding guard
    used: np.ndarray  # P x T: products made in the period

    @classmethod
    def of(cls, inst: Instance, d: Decisions) -> _PlanFigures:
        fig = figures(inst, d.share)
        return cls(fig, billing(inst, fig), inst.china_cap - inst.cap_margin - EPS, inst.volume > 0)


def _judged(inst: Instance, o: int, d: Decisions, plan: _PlanFigures, one_time, ready):
    """A switch from the part's incumbent, judged against the plan without it (its shares
    handed back to the incumbent): its premium, the duty it saves, and what needs it when
    (the first period whose cap, origin rule or tariff tier would break; else its price).
    Returns (premium, saved, kind, when, (bill, bill without it))."""
    price = inst.col("price")
    c = int(inst.col("c")[o])
    inc = inst.incumbent_offer[c]
    share = d.share[o]
    premium = float((share * inst.demand[c] * (price[o] - price[inc])).sum())
    ratio, alt_nonorig = _without_switch(inst, o, inc, share, plan.fig)
    alt_bill = billing(inst, {"ratio": ratio, "rvc": 1.0 - alt_nonorig / inst.fob[:, None]})
    saved = float((alt_bill.tariff - plan.bill.tariff).sum())
    cap, used, rvc = plan.cap, plan.used, inst.settings.rvc_min
    breaks_cap = (ratio > cap[None, :] + TOL) & ~np.isnan(cap)[None, :] & used
    if rvc is not None:
        breaks_rvc = (alt_nonorig / inst.fob[:, None] > 1 - rvc + TOL) & used
    else:
        breaks_rvc = np.zeros_like(used)
    kind, when = "", -1
    for name, mask in (
        ("cap", breaks_cap),
        ("origin", breaks_rvc),
        ("tariff", (alt_bill.tier > plan.bill.tier) | (alt_bill.vn < plan.bill.vn)),
    ):
        hit = np.nonzero(mask.any(axis=0))[0]
        if hit.size and (when < 0 or hit[0] < when):
            kind, when = name, int(hit[0])
    if not kind and premium + one_time < 0:
        kind, when = "price", ready
    return premium, saved, kind, when, (plan.bill, alt_bill)


def _without_switch(inst: Instance, o: int, inc: int, share, fig: dict):
    """Every product's Chinese share and non-originating value by period were offer o's
    shares bought from the incumbent `inc` (only the products using the part change)."""
    price, nonorig = inst.col("price"), inst.col("nonorig")
    china_unit = price * inst.col("cs")
    q = inst.qty[:, int(inst.col("c")[o])][:, None]
    china = fig["china"] + q * share * (china_unit[inc] - china_unit[o])
    material = fig["material"] + q * share * (price[inc] - price[o])
    if inst.settings.content_basis == "materials":
        base = material
    else:
        base = np.broadcast_to(inst.fob[:, None], china.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base > 0, china / base, 0.0)
    return ratio, fig["nonorig"] + q * share * (nonorig[inc] - nonorig[o])


def _sentence(inst, o, kind, when, t0, ready, premium, saved, one_time, tiers=None):
    period = inst.periods[when] if 0 <= when < inst.T else ""
    lead = ready - t0
    if kind == "cap":
        p = _product_needing(inst, o, when)
        text = t(
            "Needed for the {c:.0%} cap on {p} in {w}; lead {n} quarter(s).",
            "Cần cho trần {c:.0%} của {p} trong {w}; phê duyệt {n} quý.",
            c=inst.china_cap[when],
            p=p,
            w=period,
            n=lead,
        )
    elif kind == "origin":
        text = t(
            "Needed for the {r:.0%} Vietnamese value content from {w}; lead {n} quarter(s).",
            "Cần cho hàm lượng giá trị Việt Nam {r:.0%} từ {w}; phê duyệt {n} quý.",
            r=inst.settings.rvc_min or 0.0,
            w=period,
            n=lead,
        )
    elif kind == "tariff":
        p, bound = _tier_crossed(inst, o, when, tiers)
        text = t(
            "Keeps {p} under the {b:.0%} tariff threshold from {w}: without it the plan pays "
            "${s:,.0f} more duty; it costs ${c:,.0f} in premium and one-time cost.",
            "Giữ {p} dưới ngưỡng thuế {b:.0%} từ {w}: thiếu nó kế hoạch trả thêm {s:,.0f} USD "
            "thuế; chi phí {c:,.0f} USD chênh lệch giá và một lần.",
            p=p,
            b=bound,
            w=period,
            s=saved,
            c=premium + one_time,
        )
    elif kind == "price":
        text = t(
            "Cheaper than the incumbent: saves ${s:,.0f} over the horizon after one-time costs.",
            "Rẻ hơn nhà cung cấp hiện tại: tiết kiệm {s:,.0f} USD trong kỳ kế hoạch sau chi phí "
            "một lần.",
            s=-(premium + one_time),
        )
    elif kind == "new_part":
        text = t(
            "The part has no supplier today; this is the cheapest quote ready in time.",
            "Linh kiện chưa có nhà cung cấp; đây là báo giá rẻ nhất sẵn sàng kịp thời.",
        )
    else:
        text = t(
            "Lowers the Chinese share together with the other switches (no single limit "
            "depends on it alone); premium ${c:,.0f}.",
            "Cùng các chuyển đổi khác làm giảm tỷ lệ TQ (không giới hạn nào phụ thuộc riêng "
            "vào nó); chênh lệch {c:,.0f} USD.",
            c=premium + one_time,
        )
    return text.en, text.vi


def _tier_crossed(inst: Instance, o: int, t: int, tiers) -> tuple[str, float]:
    """The product whose tier (or origin) the switch keeps in period t, and that tier's
    bound (for an origin kept: the RVC threshold)."""
    bill, alt = tiers
    for p in range(inst.P):
        if alt.vn[p, t] < bill.vn[p, t]:
            return inst.products[p], float(inst.origin_rvc_min or 0.0)
        if alt.tier[p, t] > bill.tier[p, t]:
            return inst.products[p], float(bill.bound[p, t])
    return "", 0.0


def _product_needing(inst: Instance, o: int, t: int) -> str:
    c = inst.col("c")[o]
    users = [inst.products[p] for p in range(inst.P) if inst.qty[p, c] > 0]
    return ", ".join(users)


def _full_periods(inst: Instance, d: Decisions) -> tuple[np.ndarray, np.ndarray]:
    """Per period: all qualification slots used; the budget (nearly) spent."""
    T = inst.T
    starts = np.zeros(T)
    spend = np.zeros(T)
    for o in np.nonzero(d.start >= 0)[0]:
        starts[d.start[o]] += 1
        spend[d.start[o]] += inst.col("switching")[o]
    for s in np.nonzero(d.onboard >= 0)[0]:
        spend[d.onboard[s]] += inst.supplier_onboarding[s]
    cheapest = float(inst.col("switching")[~inst.col("incumbent")].min(initial=np.inf))
    cheapest = 0.0 if not np.isfinite(cheapest) else cheapest
    return starts >= inst.slots - TOL, spend > inst.budget - max(cheapest, 1.0)


def _why_early(inst, o, d, when, t0, slots_full, budget_full):
    """Why it starts before it must: the ramp, or limits taken in the quarters between."""
    if when < 0:
        return t("", "")
    lead = int(inst.col("lead")[o])
    c = inst.col("c")[o]
    inc = inst.incumbent_offer[c]
    drop = inst.col("drop")[inc] if inc >= 0 else 1.0
    pace = max(min(float(inst.col("max_ramp")[o]), float(drop)), 1e-6)
    need = float(d.share[o, when]) if when < inst.T else 1.0
    ramp = max(1, math.ceil(need / pace - 1e-9))
    latest = when - lead - ramp + 1
    if t0 >= latest:
        if ramp > 1:
            return t(
                " It starts in time to ramp up over {r} quarters.",
                " Bắt đầu kịp để tăng dần trong {r} quý.",
                r=ramp,
            )
        return t("", "")
    between = range(t0 + 1, max(latest, t0 + 1) + 1)
    full = [inst.periods[k] for k in between if k < inst.T and (slots_full[k] or budget_full[k])]
    if full:
        return t(
            " It starts early because slots or budget are taken in {p}.",
            " Bắt đầu sớm vì số phê duyệt hoặc ngân sách đã dùng hết trong {p}.",
            p=", ".join(full),
        )
    return t(
        " It starts early: an earlier start costs no more and spreads the work.",
        " Bắt đầu sớm: bắt đầu sớm hơn không tốn thêm và giãn khối lượng công việc.",
    )


# What each binding limit is worth -------------------------------------------------------

UNITS = {
    "budget": (10_000.0, "$10,000", "10.000 USD"),
    "qualification_slots": (1.0, "1 slot", "1 lượt"),
    "qualifications_in_progress": (1.0, "1 qualification", "1 phê duyệt"),
    "china_cap": (0.01, "1 point", "1 điểm"),
    "supplier_capacity": (1_000.0, "1,000 units", "1.000 đơn vị"),
}


LIMIT_STEPS = 3  # neighbourhoods searched per binding limit raised by one unit
LIMIT_BINARIES = 150  # free binaries in each


def limit_values(
    inst: Instance,
    m: SparseModel,
    v: Variables,
    a: Arrays,
    x: np.ndarray,
    deadline: Deadline,
) -> pd.DataFrame:
    """The value of one more unit of each binding limit around the plan x: exact LP duals
    for caps and supplier capacity (every binary fixed at the plan), and for the budgets,
    slots and qualifications in progress that block a start, the plan searched again with
    the limit raised (those rows hold only whole qualifications, where duals say nothing):
    the saving found is "at least" what the limit is worth. Each of those searches is a few
    small neighbourhoods (a fixed count: deterministic); the clock is only a safety net."""
    labels = m.row_labels()
    fam = labels["family"].to_numpy()
    rows = []
    duals = _fixed_lp(a, x, m.column_kind(), seconds=max(deadline.remaining(), 5.0))
    if duals is not None:
        for family in ("china_cap", "supplier_capacity"):
            per = UNITS[family][0]
            for r in np.nonzero((fam == family) & (np.abs(duals) * per >= 1.0))[0].tolist():
                rows.append(_limit_row(inst, family, labels.iloc[r], abs(float(duals[r])) * per))
    base = float(a.cost @ x + a.offset)
    candidates = _blocking(inst, m, a, x, fam)
    owners = ColumnOwners.of(inst, v, a)
    for r in candidates:
        if deadline.stopped():  # the safety net: the limit is spent
            deadline.clocked = deadline.clocked or deadline.expired()
            break
        family = fam[r]
        raised = Arrays(
            a.lb, a.ub, a.cost, a.integer, a.row_lb, a.row_ub.copy(), a.matrix, a.offset
        )
        raised.row_ub[r] += UNITS[family][0]
        ended: dict = {}
        _, obj = improve(
            inst,
            raised,
            owners,
            x,
            deadline=deadline.until(1.0),
            should_stop=deadline.should_stop,
            on_improve=lambda *_: None,
            max_steps=LIMIT_STEPS,
            ended=ended,
            target_binaries=LIMIT_BINARIES,
        )
        deadline.clocked = deadline.clocked or ended["by"] == "clock" or "clock" in ended
        if base - obj >= 1.0:
            rows.append(_limit_row(inst, family, labels.iloc[r], base - obj))
    frame = pd.DataFrame(rows, columns=LIMIT_COLUMNS)
    return frame.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def _blocking(inst: Instance, m: SparseModel, a: Arrays, x: np.ndarray, fam) -> list[int]:
    """Budget, slot and in-progress rows that leave no room for one more qualification that
    could start there."""
    act = a.matrix @ x
    room = a.row_ub - act
    new = ~inst.col("incumbent")
    cheapest = float(inst.col("switching")[new].min(initial=np.inf))
    cheapest = 0.0 if not np.isfinite(cheapest) else cheapest
    out = []
    for family, need in (
        ("qualification_slots", 1.0),
        ("qualifications_in_progress", 1.0),
        ("budget", max(cheapest, 1.0)),
    ):
        for r in np.nonzero(fam == family)[0]:
            if np.isfinite(a.row_ub[r]) and room[r] < need - 1e-6:
                out.append(int(r))
    return out


def _fixed_lp(a: Arrays, x: np.ndarray, kinds: np.ndarray, seconds: float):
    """Row duals of the LP with every binary fixed at the plan x."""
    fix = kinds != "share"
    lb, ub = a.lb.copy(), a.ub.copy()
    values = np.where(a.integer, np.round(x), x)
    lb[fix] = ub[fix] = values[fix]
    lp = Arrays(lb, ub, a.cost, np.zeros(a.n_cols, bool), a.row_lb, a.row_ub, a.matrix, a.offset)
    result = solver.solve(lp, lp=True, time_limit=seconds, duals=True)
    return result.duals if result.status == "optimal" else None


def _limit_row(inst, family, lab, worth) -> tuple:
    period = inst.periods[int(lab["period"])] if lab["period"] >= 0 else ""
    product = inst.products[int(lab["product"])] if lab["product"] >= 0 else ""
    supplier = inst.suppliers[int(lab["supplier"])] if lab["supplier"] >= 0 else ""
    args = {"p": period, "pr": product, "s": supplier, "v": worth}
    text = {
        "budget": t(
            "$10,000 more one-time budget in {p} would save at least ${v:,.0f}.",
            "Thêm 10.000 USD ngân sách một lần trong {p} sẽ tiết kiệm ít nhất {v:,.0f} USD.",
            **args,
        ),
        "qualification_slots": t(
            "One more qualification slot in {p} would save at least ${v:,.0f}.",
            "Thêm một lượt phê duyệt trong {p} sẽ tiết kiệm ít nhất {v:,.0f} USD.",
            **args,
        ),
        "qualifications_in_progress": t(
            "One more qualification running at once in {p} would save at least ${v:,.0f}.",
            "Thêm một phê duyệt chạy đồng thời trong {p} sẽ tiết kiệm ít nhất {v:,.0f} USD.",
            **args,
        ),
        "china_cap": t(
            "One point more Chinese-content cap for {pr} in {p} would save ${v:,.0f}.",
            "Nới trần hàm lượng TQ của {pr} trong {p} thêm một điểm sẽ tiết kiệm {v:,.0f} USD.",
            **args,
        ),
        "supplier_capacity": t(
            "1,000 more units of capacity at {s} in {p} would save ${v:,.0f}.",
            "Thêm 1.000 đơn vị công suất tại {s} trong {p} sẽ tiết kiệm {v:,.0f} USD.",
            **args,
        ),
    }[family]
    return (family, period, product, supplier, UNITS[family][1], worth, text.en, text.vi)
