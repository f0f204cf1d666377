"""Why no plan exists, in procurement terms, with the smallest relaxation that gives one.

The model is searched again with a priced slack on every limit a team can move (GIVES: budgets,
qualification slots and qualifications in progress, supplier capacity, the rules on one award
(max_supplier_share and quoted capacity, min_share and least orders, ramps, the incumbent's
drop, no reversal), the Chinese-content cap, the origin rule, and as a last resort unmet
demand), starting from the plan in hand or doing nothing. The slacks that stay nonzero name
the limits that conflict and by how much they must move; each row's labels
(planner.optimise.model) say which period, product, part, supplier or offer it is.
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


@dataclass(frozen=True)
class Give:
    """One way a limit can give: a family's rows, the side that moves, the price of one unit
    (of money, qualifications, units or share) and the limit named in the explanation (None:
    a consequence of another give, never named)."""

    family: str
    side: str  # "upper" or "lower"
    weight: float
    named: str | None


# Move money first, then slots, then the team's own rules (shares, ramps, drops), then the
# legal limits (cap, origin), never demand. One unit of share is the whole part's demand.
RULE = 1e7
GIVES = (
    Give("budget", "upper", 1.0, "budget"),  # per USD
    Give("qualification_slots", "upper", 20_000.0, "qualification_slots"),
    Give("qualifications_in_progress", "upper", 20_000.0, "qualifications_in_progress"),
    Give("supplier_capacity", "upper", 50.0, "supplier_capacity"),  # per unit
    Give("supplier_spend", "upper", 1.0, "supplier_spend"),  # per USD
    Give("country_spend", "upper", 1.0, "country_spend"),
    Give("share_limit", "upper", RULE, "share_limit"),  # max_supplier_share, quoted capacity
    Give("least_share", "lower", RULE, "least_share"),  # min_share, min_units
    Give("ramp_up", "upper", RULE, "max_ramp"),
    Give("ramp_up", "lower", RULE, "no_reversal"),
    Give("incumbent_drop", "lower", RULE, "incumbent_max_drop"),
    Give("incumbent_drop", "upper", RULE, "no_reversal"),
    Give("china_cap", "upper", 1e9, "china_cap"),  # per unit of share (1 = 100 points)
    Give("rules_of_origin", "upper", 1e9, "rules_of_origin"),
    # a tier's row assumes the cap holds (its big-M stops at the cap): a share above the cap
    # needs the same give there, which is no limit of its own
    Give("tariff_tier", "upper", 1e-3, None),
    Give("tariff_tier_foreign", "upper", 1e-3, None),
    Give("demand", "lower", 1e12, "demand"),  # per share of a part's demand left unbought
)


@dataclass
class Elastic:
    """The model with a priced slack on every row that can give: `soft` (slack columns after
    the model's own), which rows they loosen and how (one label row per slack)."""

    soft: Arrays
    slack: np.ndarray  # the slack columns of `soft`
    weight: np.ndarray
    labels: pd.DataFrame  # family, period, product, component, supplier, offer, tier, named
    lower: np.ndarray  # bool per slack: it loosens the row's lower side
    rows: np.ndarray  # the row of `soft` each slack loosens


def elastic(m: SparseModel, v: Variables, a: Arrays) -> Elastic:
    """Every give of GIVES on the model `a` (built by m; it may carry extra rows after m's).
    A share bounded below 1 (a second-source rule or a quoted capacity) becomes a row of its
    own, family share_limit, so that it can give too."""
    from scipy.sparse import csr_matrix, vstack

    labels = m.row_labels()
    extra = a.n_rows - len(labels)  # rows added after the build (a stress test's facts)
    fam = np.concatenate([labels["family"].to_numpy(object), np.full(extra, "", object)])
    o_i, t_i = np.nonzero((v.share >= 0) & (v.share_ub < 1 - 1e-12))
    cols = v.share[o_i, t_i]
    n_new = cols.size
    ub = a.ub.copy()
    ub[cols] = np.maximum(ub[cols], 1.0)
    # the readiness rows repeat the bound (share <= bound x ready): there it is 1 now
    matrix = a.matrix.copy()
    row_of = np.repeat(np.arange(a.n_rows), np.diff(matrix.indptr))
    matrix.data[np.isin(fam[row_of], ("readiness", "use_upper")) & (matrix.data < 0)] = -1.0
    bound_rows = csr_matrix((np.ones(n_new), (np.arange(n_new), cols)), shape=(n_new, a.n_cols))
    base = Arrays(
        a.lb,
        ub,
        a.cost,
        a.integer,
        np.concatenate([a.row_lb, np.full(n_new, -np.inf)]),
        np.concatenate([a.row_ub, a.ub[cols]]),
        vstack([matrix, bound_rows]).tocsr(),
        a.offset,
    )
    fam = np.concatenate([fam, np.full(n_new, "share_limit", object)])
    new_labels = pd.DataFrame({"family": np.full(n_new, "share_limit", object)})
    for name in labels.columns[1:]:
        new_labels[name] = -1
    new_labels["offer"], new_labels["period"] = o_i, t_i
    blank = pd.DataFrame({name: [-1] * extra for name in labels.columns}).assign(family="")
    all_labels = pd.concat([labels, blank, new_labels], ignore_index=True)

    rows, weight, lower, named = [], [], [], []
    for give in GIVES:
        side = base.row_lb if give.side == "lower" else base.row_ub
        r = np.nonzero((fam == give.family) & np.isfinite(side))[0]
        rows.append(r)
        weight.append(np.full(r.size, give.weight))
        lower.append(np.full(r.size, give.side == "lower"))
        named.append(np.full(r.size, give.named, dtype=object))
    rows_a = np.concatenate(rows)
    lower_a = np.concatenate(lower)
    weight_a = np.concatenate(weight)
    # a least share is priced as a share of itself: a least order a million times the
    # demand weighs as much to give up as the whole demand, not a million times more
    # (each least_share row is share - least x ready >= 0: its least is minus its smallest
    # coefficient)
    least = np.nonzero(fam[rows_a] == "least_share")[0]
    if least.size:
        lo = -base.matrix[rows_a[least]].min(axis=1).toarray().ravel()
        weight_a[least] /= np.maximum(lo, 1.0)
    soft, slack = with_slacks(base, rows_a, weight_a, raise_rows=lower_a)
    soft.cost[: a.n_cols] = 0.0  # only the relaxation counts
    soft.offset = 0.0
    out_labels = all_labels.iloc[rows_a].reset_index(drop=True)
    out_labels["named"] = np.concatenate(named)
    return Elastic(soft, slack, weight_a, out_labels, lower_a, rows_a)


def start_for(e: Elastic, x: np.ndarray) -> np.ndarray | None:
    """x with each slack at what x needs, or None when some row that cannot give is broken."""
    act = e.soft.matrix[e.rows][:, : x.size] @ x
    need = np.where(
        e.lower,
        np.maximum(e.soft.row_lb[e.rows] - act, 0.0),
        np.maximum(act - e.soft.row_ub[e.rows], 0.0),
    )
    # one row can have a slack on each side: only the side it breaks is needed
    candidate = np.concatenate([x, need])
    return candidate if solver.feasible(e.soft, candidate) else None


@dataclass
class Relaxation:
    """The best plan found with slack on the movable limits: its columns (without slacks),
    the slack on each give, and whether the least slack is proven."""

    x: np.ndarray
    slack: np.ndarray
    labels: pd.DataFrame  # one row per give: family, period, product, ..., named
    proven: bool

    @property
    def feasible(self) -> bool:
        return not (self.slack > SLACK_TOL).any()

    def sentences(self, inst: Instance, most: int = 12) -> list[Text]:
        """What must move, limit by limit in the order of GIVES; the rules on one award
        that bind in several periods are said once, with their periods and the largest
        amount."""
        out: list[Text] = []
        named = self.labels["named"].to_numpy(object)
        for i in np.nonzero((self.slack > SLACK_TOL) & (named != None))[0]:  # noqa: E711
            if named[i] in GROUPED:
                continue
            out.append(_sentence(inst, self.labels.iloc[i], float(self.slack[i])))
        out += _grouped(inst, self.labels, self.slack)
        if len(out) > most:
            rest = len(out) - most
            out = out[:most] + [
                t(
                    "... and {n} more limit(s) of the same kinds.",
                    "... và thêm {n} giới hạn cùng loại.",
                    n=rest,
                )
            ]
        if not out:
            out.append(
                t(
                    "No plan was found, though the search found no limit that must move: "
                    "check the Problems panel.",
                    "Chưa tìm được kế hoạch, dù không tìm thấy giới hạn nào phải nới: hãy xem "
                    "bảng Vấn đề.",
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
    since: float = 0.0,
) -> Relaxation:
    """Search for the least weighted slack on every limit that can give, from x0 (a plan
    that holds every other rule, e.g. a first plan that misses a cap) or from doing nothing.
    Zero slack is a plan; a proven positive slack is the reason no plan exists."""
    e = elastic(m, v, a)
    nothing = to_columns(inst, v, a.n_cols, do_nothing(inst))
    start = None
    for x in (x0, nothing):
        if x is not None and start is None:
            start = start_for(e, x)
    if start is None:  # only rows that cannot give are broken by doing nothing: no start
        return Relaxation(nothing, np.zeros(e.slack.size), e.labels, False)
    best, objective, proven = search(
        inst, v, e.soft, start, deadline, until=until, gap=0.0, since=since
    )
    needed = np.maximum(best[e.slack], 0.0)
    # A solver holds bounds to its tolerance: a slack a hair below zero, at the weight of
    # unmet demand, pays for a real one elsewhere (-4e-8 x 1e12 for 2 x 20,000), and such an
    # "optimum" below what the slacks cost proves nothing.
    cost = float(e.weight @ needed)
    if objective < cost - 1e-6 * max(1.0, cost):
        proven = False
    return Relaxation(best[: a.n_cols], needed, e.labels, proven)


def explain_infeasible(
    project: TypedProject, inst: Instance, deadline: Deadline | None = None
) -> list[Text]:
    """The reasons, from a relaxation searched until the deadline."""
    deadline = deadline or Deadline(30.0)
    m, v = build_model(inst)
    return relax(inst, m, v, m.arrays(), None, deadline, until=1.0).sentences(inst)


def _sentence(inst: Instance, row, amount: float) -> Text:
    """What a limit that must give lacks, in procurement terms (a row of the relaxation's
    labels and its slack)."""
    tt = int(row["period"])
    period = inst.periods[tt] if row["period"] >= 0 else ""
    say = _LIMIT_SENTENCES.get(row["named"], _unbuyable)
    return say(inst, row, tt, period, amount)


def _budget_short(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
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


def _slots_short(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
    return t(
        "{p}: {n} more qualification slot(s) are needed than the {s:.0f} allowed.",
        "{p}: cần thêm {n} lượt phê duyệt so với {s:.0f} lượt cho phép.",
        p=period,
        n=int(np.ceil(amount - 1e-6)),
        s=inst.slots[tt],
    )


def _in_progress_short(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
    return t(
        "{p}: {n} more qualification(s) would have to run at once than the {s:.0f} the "
        "team can run in parallel.",
        "{p}: cần chạy đồng thời thêm {n} phê duyệt so với {s:.0f} phê duyệt đội ngũ có "
        "thể chạy song song.",
        p=period,
        n=int(np.ceil(amount - 1e-6)),
        s=inst.in_progress[tt],
    )


def _cap_out_of_reach(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
    p = int(row["product"])
    cap = inst.china_cap[tt]
    why = _earliest_local(inst, p)
    margin = inst.cap_margin
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


def _rvc_short(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
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


def _capacity_short(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
    return t(
        "{pe}: supplier {s} lacks {a:,.0f} units of capacity.",
        "{pe}: nhà cung cấp {s} thiếu công suất {a:,.0f} đơn vị.",
        pe=period,
        s=inst.suppliers[int(row["supplier"])],
        a=amount,
    )


def _spend_short(who: Text, most: float | None, amount: float, period: str) -> Text:
    """A spend limit short by `amount`: who would need it, and the share they may hold."""
    return t(
        "{pe}: {w} would need ${a:,.0f} more spend than the {m:.0%} of the quarter's material "
        "spend allowed.",
        "{pe}: {w_vi} cần thêm {a:,.0f} USD chi tiêu so với mức {m:.0%} chi phí vật tư của kỳ "
        "được phép.",
        pe=period,
        w=who.en,
        w_vi=who.vi,
        a=amount,
        m=float(most or 1.0),
    )


def _supplier_spend_short(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
    s = inst.suppliers[int(row["supplier"])]
    who = t("new supplier {s}", "nhà cung cấp mới {s}", s=s)
    return _spend_short(who, inst.settings.max_supplier_spend_share, amount, period)


def _country_spend_short(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
    k = inst.supplier_country[int(row["supplier"])]
    who = t("the suppliers in {k}", "các nhà cung cấp tại {k}", k=k)
    return _spend_short(who, inst.settings.max_country_spend_share, amount, period)


def _unbuyable(inst: Instance, row, tt: int, period: str, amount: float) -> Text:
    """Demand: the row is a (part, period) no supplier can deliver."""
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


# The limits said by _sentence, by family (any other row is a part's demand).
_LIMIT_SENTENCES = {
    "budget": _budget_short,
    "qualification_slots": _slots_short,
    "qualifications_in_progress": _in_progress_short,
    "china_cap": _cap_out_of_reach,
    "rules_of_origin": _rvc_short,
    "supplier_capacity": _capacity_short,
    "supplier_spend": _supplier_spend_short,
    "country_spend": _country_spend_short,
}


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


# The team's own rules on one award: said once per offer, with the periods they bind in.
GROUPED = ("share_limit", "least_share", "max_ramp", "no_reversal", "incumbent_max_drop")


def _grouped(inst: Instance, labels: pd.DataFrame, slack: np.ndarray) -> list[Text]:
    frame = labels.assign(amount=slack)
    frame = frame[(frame["amount"] > SLACK_TOL) & frame["named"].isin(GROUPED)]
    out = []
    for (named, offer), rows in frame.groupby(["named", "offer"], sort=False):
        worst = rows.loc[rows["amount"].idxmax()]
        periods = _periods(inst, sorted(int(p) for p in rows["period"]))
        out.append(_rule(inst, named, int(offer), int(worst["period"]), worst, periods))
    return out


def _periods(inst: Instance, ts: list[int]) -> str:
    """'2027-Q1 to 2027-Q4' for a run, else the periods listed."""
    if len(ts) > 1 and ts == list(range(ts[0], ts[-1] + 1)):
        return f"{inst.periods[ts[0]]}–{inst.periods[ts[-1]]}"
    return ", ".join(inst.periods[t] for t in ts)


def _rule(inst: Instance, named: str, o: int, tt: int, row, periods: str) -> Text:
    """One of the team's rules that must give for offer o, at its worst period tt."""
    offer = inst.offers.iloc[o]
    award = _Award(
        inst=inst,
        o=o,
        tt=tt,
        offer=offer,
        part=offer["component_id"],
        supplier=offer["supplier_id"],
        demand=float(inst.demand[int(offer["c"]), tt]),
        amount=float(row["amount"]),
        periods=periods,
    )
    return _RULE_SENTENCES.get(named, _reversed)(award)


@dataclass(frozen=True)
class _Award:
    """An offer's award that one of the team's rules keeps from the plan, at period tt: by
    how much (amount), in which periods."""

    inst: Instance
    o: int
    tt: int
    offer: pd.Series
    part: str
    supplier: str
    demand: float
    amount: float
    periods: str


def _above_share_limit(w: _Award) -> Text:
    offer = w.offer
    cap_share = offer["cap"] / w.demand if w.demand > 0 else np.inf
    limit = min(float(offer["max_share"]), cap_share, 1.0)
    if offer["max_share"] <= cap_share:
        why = t(
            "the part's max_supplier_share",
            "tỷ trọng tối đa một nhà cung cấp (max_supplier_share) của linh kiện",
        )
    else:
        why = t(
            "its quoted capacity of {c:,.0f} units a period",
            "công suất báo giá {c:,.0f} đơn vị mỗi kỳ",
            c=offer["cap"],
        )
    return t(
        "{pe}: a plan needs {s} to supply {n:.0%} of part {p}, above the {u:.0%} that "
        "{why} allows.",
        "{pe}: kế hoạch cần {s} cung cấp {n:.0%} linh kiện {p}, trên mức {u:.0%} mà "
        "{why_vi} cho phép.",
        pe=w.periods,
        s=w.supplier,
        p=w.part,
        n=limit + w.amount,
        u=limit,
        why=why.en,
        why_vi=why.vi,
    )


def _below_least_share(w: _Award) -> Text:
    from planner.optimise.readiness import least_share

    lo = float(least_share(w.inst)[w.o, w.tt])
    if lo > 1.0:
        return t(
            "{pe}: a plan needs {s} for part {p}, but its least order of {u:,.0f} units is "
            "above the part's whole demand ({d:,.0f}), so it can never be awarded.",
            "{pe}: kế hoạch cần {s} cho linh kiện {p}, nhưng lượng đặt tối thiểu {u:,.0f} "
            "đơn vị vượt cả nhu cầu của linh kiện ({d:,.0f}) nên không thể giao.",
            pe=w.periods,
            s=w.supplier,
            p=w.part,
            u=w.offer["min_units"],
            d=w.demand,
        )
    if lo <= float(w.inst.settings.min_share) + 1e-12:
        why = t("min_share", "tỷ trọng tối thiểu (min_share)")
    else:
        why = t(
            "its least order of {u:,.0f} units against a demand of {d:,.0f}",
            "lượng đặt tối thiểu {u:,.0f} đơn vị so với nhu cầu {d:,.0f}",
            u=w.offer["min_units"],
            d=w.demand,
        )
    return t(
        "{pe}: a plan needs {s}'s award of part {p} at {n:.0%}, below its least share of "
        "{lo:.0%} ({why}).",
        "{pe}: kế hoạch cần giao cho {s} {n:.0%} linh kiện {p}, dưới tỷ trọng tối thiểu "
        "{lo:.0%} ({why_vi}).",
        pe=w.periods,
        s=w.supplier,
        p=w.part,
        n=max(lo - w.amount, 0.0),
        lo=lo,
        why=why.en,
        why_vi=why.vi,
    )


def _above_ramp(w: _Award) -> Text:
    ramp = float(w.offer["max_ramp"])
    return t(
        "{pe}: a plan needs {s}'s share of part {p} to rise by {n:.0%} in one period, above "
        "its max_ramp of {r:.0%}.",
        "{pe}: kế hoạch cần tỷ trọng của {s} cho linh kiện {p} tăng {n:.0%} trong một kỳ, "
        "trên mức tăng tối đa (max_ramp) {r:.0%}.",
        pe=w.periods,
        s=w.supplier,
        p=w.part,
        n=ramp + w.amount,
        r=ramp,
    )


def _above_drop(w: _Award) -> Text:
    drop = float(w.offer["drop"])
    return t(
        "{pe}: a plan needs the incumbent {s}'s share of part {p} to fall by {n:.0%} in one "
        "period, more than its incumbent_max_drop of {d:.0%}.",
        "{pe}: kế hoạch cần tỷ trọng của nhà cung cấp hiện tại {s} cho linh kiện {p} giảm "
        "{n:.0%} trong một kỳ, quá mức giảm tối đa (incumbent_max_drop) {d:.0%}.",
        pe=w.periods,
        s=w.supplier,
        p=w.part,
        n=drop + w.amount,
        d=drop,
    )


def _reversed(w: _Award) -> Text:
    if w.offer["incumbent"]:
        return t(
            "{pe}: a plan needs the incumbent {s}'s share of part {p} to rise again by {a:.0%}, "
            "which no_reversal forbids.",
            "{pe}: kế hoạch cần tỷ trọng của nhà cung cấp hiện tại {s} cho linh kiện {p} tăng "
            "lại {a:.0%}, điều mà no_reversal không cho phép.",
            pe=w.periods,
            s=w.supplier,
            p=w.part,
            a=w.amount,
        )
    return t(
        "{pe}: a plan needs {s}'s share of part {p} to fall by {a:.0%}, which no_reversal forbids.",
        "{pe}: kế hoạch cần tỷ trọng của {s} cho linh kiện {p} giảm {a:.0%}, điều mà "
        "no_reversal không cho phép.",
        pe=w.periods,
        s=w.supplier,
        p=w.part,
        a=w.amount,
    )


# The team's rules said by _rule, by name (GROUPED; any other is no_reversal).
_RULE_SENTENCES = {
    "share_limit": _above_share_limit,
    "least_share": _below_least_share,
    "max_ramp": _above_ramp,
    "incumbent_max_drop": _above_drop,
    "no_reversal": _reversed,
}


def blocked(inst: Instance, v: Variables, most: int = 3) -> list[Text]:
    """Quotes that can never be awarded: the least share they must hold once used (min_share
    or a least order) is above what they may hold (max_supplier_share or quoted capacity) in
    every period they could deliver. Said once, with a few examples."""
    from planner.optimise.readiness import least_share

    lo = least_share(inst)
    usable = v.share >= 0
    fits = usable & (lo <= v.share_ub + 1e-9)
    never = np.nonzero(usable.any(axis=1) & ~fits.any(axis=1) & ~inst.col("incumbent"))[0]
    if never.size == 0:
        return []
    examples, examples_vi = [], []
    for o in never[:most]:
        t_o = int(np.argmax(usable[o]))
        offer = inst.offers.iloc[o]
        name = f"{offer['supplier_id']} / {offer['component_id']}"
        if lo[o, t_o] > 1:
            units, demand = offer["min_units"], inst.demand[int(offer["c"]), t_o]
            examples.append(f"{name} (least order {units:,.0f}, demand {demand:,.0f})")
            examples_vi.append(f"{name} (đặt tối thiểu {units:,.0f}, nhu cầu {demand:,.0f})")
        else:
            most_share = f"{v.share_ub[o, t_o]:.0%}"
            examples.append(f"{name} (at least {lo[o, t_o]:.0%}, at most {most_share})")
            examples_vi.append(f"{name} (ít nhất {lo[o, t_o]:.0%}, nhiều nhất {most_share})")
    more = never.size - len(examples)
    return [
        t(
            "{n} quote(s) can never be awarded: the least share each must hold once used "
            "(min_share, or its least order against the demand) is above the most it may "
            "hold (the part's max_supplier_share, or its quoted capacity): {e}{m}.",
            "{n} báo giá không bao giờ được giao: tỷ trọng tối thiểu phải giữ khi được chọn "
            "(min_share, hoặc lượng đặt tối thiểu so với nhu cầu) cao hơn mức tối đa được "
            "phép (max_supplier_share của linh kiện, hoặc công suất báo giá): {e_vi}{m_vi}.",
            n=int(never.size),
            e="; ".join(examples),
            e_vi="; ".join(examples_vi),
            m=f" and {more} more" if more else "",
            m_vi=f" và {more} báo giá khác" if more else "",
        )
    ]


def unqualifiable(inst: Instance, v: Variables) -> list[Text]:
    """When no quote that needs a qualification can have one: every period it could start in
    allows no new qualification (max_new_qualifications 0) or has no room for one running
    (max_qualifications_in_progress 0 in some period of its lead)."""
    o_all = np.nonzero((v.started >= 0).any(axis=1) & ~v.trivial)[0]
    if o_all.size == 0:
        return []
    T = inst.T
    room = np.cumsum(np.concatenate([[0], inst.in_progress < 1]))  # periods with no room
    for o in o_all:
        lead = max(int(inst.offers.iloc[o]["lead"]), 1)
        for tt in np.nonzero(v.started[o] >= 0)[0]:
            end = min(int(tt) + lead, T)
            if inst.slots[tt] >= 1 and room[end] - room[tt] == 0:
                return []  # this quote can start here
    return [
        t(
            "No quote can be qualified: every period a qualification could start in allows "
            "none (Periods, max_new_qualifications 0) or has no room for one running "
            "(Periods, max_qualifications_in_progress 0).",
            "Không báo giá nào được phê duyệt: mọi kỳ có thể bắt đầu phê duyệt đều không "
            "cho phép (Periods, max_new_qualifications 0) hoặc không còn chỗ cho phê duyệt "
            "đang chạy (Periods, max_qualifications_in_progress 0).",
        )
    ]
