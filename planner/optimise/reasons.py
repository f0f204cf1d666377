"""The reasons why: for every qualification, what it costs, what it brings and what makes it
start in its quarter; for every binding limit, what one more unit of it is worth.

Each switch is judged against the plan without it (its shares handed back to the incumbent):
the first period whose cap, origin rule or tariff tier would then break is the period that
needs it. Caps and supplier capacities are valued by the LP around the plan (every binary
fixed: exact marginal values); budgets, slots and qualifications in progress, whose rows hold
only whole qualifications, by searching the plan again with the limit raised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.instance import Instance
from planner.optimise import backend as solver
from planner.optimise.deadline import Deadline
from planner.optimise.decisions import (
    Billing,
    Decisions,
    billing,
    do_nothing,
    figures,
    to_columns,
)
from planner.optimise.extract import plan_cost
from planner.optimise.improve import ColumnOwners, improve
from planner.optimise.model import EPS, Arrays, SparseModel
from planner.optimise.variables import Variables
from planner.plan import LIMIT_COLUMNS, REASON_COLUMNS
from planner.text import Text, t

TOL = 1e-9


def reasons(inst: Instance, d: Decisions, model: Rows | None = None) -> pd.DataFrame:
    """One row per qualification started in the plan (REASON_COLUMNS); with the `model`'s
    rows, a switch ready before the quarter that needs it says what starting it a quarter
    later costs and which limit that breaks."""
    periods = inst.periods
    c_of, s_of = inst.col("c"), inst.col("s")
    plan = _PlanFigures.of(inst, d)
    started = np.nonzero(d.start >= 0)[0]
    first_of_supplier: dict[int, int] = {}
    for o in sorted(started, key=lambda o: (d.start[o], o)):
        first_of_supplier.setdefault(int(s_of[o]), int(o))
    kept_off = duty_shares(inst, d, plan.bill)
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
        early = _why_early(inst, o, d, when, t0, model)
        rows.append(
            (
                periods[t0],
                inst.components[c],
                inst.suppliers[s],
                periods[ready] if ready < inst.T else "",
                one_time,
                premium,
                float(kept_off[o]),
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
    Returns (premium, saved, kind, when, (bill, bill without it, P x T: caps it breaks))."""
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
        ("tariff", _dearer(plan.bill, alt_bill)),
    ):
        hit = np.nonzero(mask.any(axis=0))[0]
        if hit.size and (when < 0 or hit[0] < when):
            kind, when = name, int(hit[0])
    if not kind and premium + one_time < 0:
        kind, when = "price", ready
    return premium, saved, kind, when, (plan.bill, alt_bill, breaks_cap)


def duty_shares(inst: Instance, d: Decisions, bill: Billing) -> np.ndarray:
    """Per offer (O): its share of the duty the plan keeps off against doing nothing, so that
    the shares add up to exactly the duty saved. The rule, per product and period: the duty
    saved there (the do-nothing tier's duty less the plan's; negative where the plan pays
    more) is split among the switched parts in proportion to the Chinese content each removes
    from a unit of the product (its units per product x its share x the incumbent's Chinese
    content per unit less its own; a part with no supplier today removes none and adds its
    own), counting only the switches that move content the way the duty moved. Where none
    does (an origin won by the rules of origin alone), by the non-originating value each
    removes; where none does either, equally among the switched parts the product uses
    then."""
    base = billing(inst, figures(inst, do_nothing(inst).share))
    saved = base.tariff - bill.tariff  # P x T
    c_of = inst.col("c")
    switched = (d.start >= 0) & ~inst.col("incumbent")
    inc = inst.incumbent_offer[c_of]
    q = inst.qty[:, c_of] * switched[None, :]  # P x O
    out = np.zeros(inst.O)
    moved = []
    for unit in (inst.col("price") * inst.col("cs"), inst.col("nonorig")):
        ref = np.where(inc >= 0, unit[np.maximum(inc, 0)], 0.0)
        moved.append(q[:, :, None] * (d.share * (ref - unit)[:, None])[None, :, :])
    moved.append(q[:, :, None] * (d.share > 0)[None, :, :].astype(float))  # P x O x T
    for p, k in zip(*np.nonzero(saved), strict=True):
        for level, weight in enumerate(moved):
            w = weight[p, :, k] * (1.0 if level == 2 else np.sign(saved[p, k]))
            w = np.where(w > 0, w, 0.0)
            if w.sum() > 0:
                out += saved[p, k] * w / w.sum()
                break
    return out


def _dearer(bill: Billing, alt: Billing) -> np.ndarray:
    """P x T: the plan without the switch pays more duty there (a higher tier or a lost origin
    while the duty is charged)."""
    crossed = (alt.tier > bill.tier) | (alt.vn < bill.vn)
    return crossed & (alt.tariff > bill.tariff + 0.005)


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
        p = _product_needing(inst, tiers[2], when)
        text = t(
            "Needed for the {c:.0%} cap on {p} in {w}; lead {n}.",
            "Cần cho trần {c:.0%} của {p} trong {w}; phê duyệt {m} quý.",
            c=inst.china_cap[when],
            p=p,
            w=period,
            n=f"{lead} quarter" if lead == 1 else f"{lead} quarters",
            m=lead,
        )
    elif kind == "origin":
        text = t(
            "Needed for the {r:.0%} Vietnamese value content from {w}; lead {n}.",
            "Cần cho hàm lượng giá trị Việt Nam {r:.0%} từ {w}; phê duyệt {m} quý.",
            r=inst.settings.rvc_min or 0.0,
            w=period,
            n=f"{lead} quarter" if lead == 1 else f"{lead} quarters",
            m=lead,
        )
    elif kind == "tariff":
        p, bound, origin = _tier_crossed(inst, when, tiers)
        cost = premium + one_time
        args = {"p": p, "b": bound, "w": period, "s": saved, "c": abs(cost)}
        kept = (
            t(
                "Keeps {p} of Vietnamese origin ({b:.0%} value content) from {w}",
                "Giữ xuất xứ Việt Nam cho {p} (hàm lượng giá trị {b:.0%}) từ {w}",
                **args,
            )
            if origin
            else t(
                "Keeps {p} under the {b:.0%} tariff threshold from {w}",
                "Giữ {p} dưới ngưỡng thuế {b:.0%} từ {w}",
                **args,
            )
        )
        paid = t(
            "without it the plan pays ${s:,.0f} more duty",
            "thiếu nó kế hoạch trả thêm {s:,.0f} USD thuế",
            **args,
        )
        costs = (
            t(
                "it costs ${c:,.0f} in premium and one-time cost",
                "chi phí {c:,.0f} USD chênh lệch giá và một lần",
                **args,
            )
            if cost >= 0
            else t(
                "it also saves ${c:,.0f} on price after one-time cost",
                "đồng thời tiết kiệm {c:,.0f} USD tiền mua sau chi phí một lần",
                **args,
            )
        )
        text = _compose("{k}: {s}; {c}.", "{k}: {s}; {c}.", k=kept, s=paid, c=costs)
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


def _tier_crossed(inst: Instance, t: int, tiers) -> tuple[str, float, bool]:
    """The product whose tier (or origin) the switch keeps in period t, that tier's bound (for
    an origin kept: the RVC threshold), and whether it is the origin."""
    bill, alt = tiers[0], tiers[1]
    dearer = _dearer(bill, alt)
    for p in range(inst.P):
        if dearer[p, t] and alt.vn[p, t] < bill.vn[p, t]:
            return inst.products[p], float(inst.origin_rvc_min or 0.0), True
        if dearer[p, t]:
            return inst.products[p], float(bill.bound[p, t]), False
    return "", 0.0, False


def _product_needing(inst: Instance, breaks: np.ndarray, t: int) -> str:
    """The products whose cap in period t the plan without the switch would break."""
    return ", ".join(inst.products[p] for p in range(inst.P) if breaks[p, t])


@dataclass(frozen=True)
class Rows:
    """The model's rows around the plan: a start moved a quarter later is replayed against
    every one of them."""

    labels: pd.DataFrame  # SparseModel.row_labels()
    a: Arrays
    v: Variables
    activity: np.ndarray  # each row's activity under the plan itself (the same for every start)


def later(inst: Instance, o: int, d: Decisions) -> Decisions:
    """The plan with qualification o started one quarter later, nothing else moved: the share
    it held in the quarter it was ready in goes back to the part's supplier today."""
    moved = d.copy()
    moved.start[o] = d.start[o] + 1
    ready = int(d.start[o] + inst.col("lead")[o])
    inc = inst.incumbent_offer[inst.col("c")[o]]
    if ready < inst.T and inc >= 0:
        moved.share[inc, ready] += moved.share[o, ready]
        moved.share[o, ready] = 0.0
    return moved


# the limits a later start is told against first (the others follow in the model's order)
FIRST_TOLD = (
    "qualification_slots",
    "qualifications_in_progress",
    "budget",
    "ramp_up",
    "incumbent_drop",
)


def broken_by_later(
    inst: Instance, o: int, d: Decisions, rows: Rows
) -> tuple[str, int, float, float]:
    """The first limit the plan would break with qualification o started a quarter later
    (`later`), told in FIRST_TOLD order: (family, period, the plan's use of it, its bound);
    ("", -1, 0, 0) when it breaks none."""
    a = rows.a
    act = rows.activity
    moved = a.matrix @ to_columns(inst, rows.v, a.n_cols, later(inst, o, d))
    tol = 1e-6 * (1.0 + np.abs(moved))
    bad = (moved > a.row_ub + tol) | (moved < a.row_lb - tol)
    bad &= (act <= a.row_ub + tol) & (act >= a.row_lb - tol)  # only what the move breaks
    hit = np.nonzero(bad)[0]
    if not hit.size:
        return "", -1, 0.0, 0.0
    fam = rows.labels["family"].to_numpy()[hit]
    rank = [FIRST_TOLD.index(f) if f in FIRST_TOLD else len(FIRST_TOLD) for f in fam]
    r = int(hit[int(np.argmin(rank))])
    return (
        str(fam[int(np.argmin(rank))]),
        int(rows.labels["period"].iloc[r]),
        float(act[r]),
        float(a.row_ub[r]),
    )


def _why_early(inst, o, d, when, t0, rows: Rows | None):
    """Why a switch ready before the quarter that needs it starts when it does: the plan
    replayed with it started one quarter later (`later`), priced (plan_cost) and held against
    every limit of the model; the sentence states what that replay finds."""
    if when < 0 or t0 + int(inst.col("lead")[o]) >= when or rows is None:
        return t("", "")
    delta = plan_cost(inst, later(inst, o, d)) - plan_cost(inst, d)
    family, k, used, bound = broken_by_later(inst, o, d, rows)
    args = {"p": inst.periods[t0 + 1], "x": abs(delta)}
    if abs(delta) < 0.5:
        cost = t("would cost the same", "chi phí không đổi", **args)
    elif delta > 0:
        cost = t("would cost ${x:,.2f} more", "sẽ tốn thêm {x:,.2f} USD", **args)
    else:
        cost = t("would cost ${x:,.2f} less", "sẽ rẻ hơn {x:,.2f} USD", **args)
    if not family:
        return _compose(
            " Starting it a quarter later ({p}) {c} and keeps every limit.",
            " Nếu bắt đầu muộn một quý ({p}) thì {c} và vẫn nằm trong mọi giới hạn.",
            p=args["p"],
            c=cost,
        )
    limit = _limit_broken(inst, o, family, k, used, bound)
    return _compose(
        " Starting it a quarter later ({p}) {c} but {b}.",
        " Nếu bắt đầu muộn một quý ({p}) thì {c} nhưng {b}.",
        p=args["p"],
        c=cost,
        b=limit,
    )


def _compose(en: str, vi: str, **parts: Text | str) -> Text:
    """A sentence of parts already in both languages (a plain string reads the same in both)."""
    return Text(
        en.format(**{k: v.en if isinstance(v, Text) else v for k, v in parts.items()}),
        vi.format(**{k: v.vi if isinstance(v, Text) else v for k, v in parts.items()}),
    )


def _limit_broken(inst: Instance, o: int, family: str, k: int, used: float, bound: float):
    """The limit a later start breaks, in words, with the plan's use of it."""
    q = inst.periods[k] if 0 <= k < inst.T else ""
    args = {"q": q, "n": used, "k": bound}
    if family == "qualification_slots":
        return t(
            "the qualification slots of {q} are full ({n:.0f} of {k:.0f} used)",
            "số lượt phê duyệt của {q} đã hết ({n:.0f}/{k:.0f} đã dùng)",
            **args,
        )
    if family == "qualifications_in_progress":
        return t(
            "the limit on qualifications in progress in {q} is reached ({n:.0f} of {k:.0f} "
            "running)",
            "sẽ vượt giới hạn phê duyệt đồng thời của {q} (đã có {n:.0f}/{k:.0f} đang chạy)",
            **args,
        )
    if family == "budget":
        return t(
            "the one-time budget of {q} is too short (${n:,.0f} of ${k:,.0f} spent)",
            "ngân sách một lần của {q} không đủ (đã chi {n:,.0f}/{k:,.0f} USD)",
            **args,
        )
    if family == "ramp_up":
        return t(
            "its share could not rise that fast (at most {r:.0%} of the part a quarter)",
            "tỷ lệ của nó không thể tăng nhanh như vậy (tối đa {r:.0%} nhu cầu linh kiện mỗi quý)",
            r=float(inst.col("max_ramp")[o]),
        )
    if family == "incumbent_drop":
        inc = inst.incumbent_offer[inst.col("c")[o]]
        return t(
            "the supplier today could not give up its share that fast (at most {r:.0%} of the "
            "part a quarter)",
            "nhà cung cấp hiện tại không thể giảm tỷ lệ nhanh như vậy (tối đa {r:.0%} nhu cầu "
            "linh kiện mỗi quý)",
            r=float(inst.col("drop")[inc]),
        )
    return t(
        "it breaks another rule of the plan ({f} in {q})",
        "sẽ vi phạm một quy tắc khác của kế hoạch ({f}, {q})",
        f=family,
        q=q,
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
