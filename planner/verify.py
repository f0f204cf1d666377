"""The independent checker: every rule and every figure of a plan, recomputed from the input.

It reads only the typed project and the plan's own tables, and shares no code with the
optimiser (not the instance, not the model, not the extraction), so a modelling mistake shows
up here as a violation. It checks every rule of the model (DESIGN.md section 3 and 7) and
recomputes every figure the plan shows: the allocation's units and costs, the per-period
table (costs, budget and slots used, qualifications in progress, Vietnamese share of spend),
the content table (Chinese content and share, cap and margins, RVC, tier, rate, tariff), the
supplier load and the summary. A plan that fails any of them is not shown.

A stress test's plan keeps what happened up to a period (planner.verify.Kept, plain data):
those facts are checked as kept, and the limits of those periods are not checked again (their
budget was spent, their awards made); every figure is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.plan import BILLING_GUARD, Plan
from planner.project import TypedProject

TOL = 1e-6  # shares and rules
MONEY = 1e-6  # relative, on money figures


@dataclass(frozen=True)
class Kept:
    """What a stress test kept of an earlier plan up to period `until` (it happened): the
    qualifications started then, (part, supplier) -> period; the suppliers onboarded then;
    the awards, (part, supplier, period) -> share, of the (part, period) pairs in `parts`
    (every other offer of such a part holds nothing then)."""

    until: str
    starts: dict[tuple[str, str], str] = field(default_factory=dict)
    onboards: dict[str, str] = field(default_factory=dict)
    awards: dict[tuple[str, str, str], float] = field(default_factory=dict)
    parts: frozenset[tuple[str, str]] = frozenset()


@dataclass
class Check:
    violations: list[str] = field(default_factory=list)
    total_cost: float = 0.0
    material_cost: float = 0.0
    one_time_cost: float = 0.0
    tariff_cost: float = 0.0
    china_share: dict[tuple[str, str], float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations


def _differs(a: float, b: float) -> bool:
    if (a is None or (isinstance(a, float) and math.isnan(a))) and (
        b is None or (isinstance(b, float) and math.isnan(b))
    ):
        return False
    return abs(float(a) - float(b)) > MONEY * max(1.0, abs(float(a)), abs(float(b))) + 0.01


def _col(frame: pd.DataFrame, name: str, default: object) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series(default, index=frame.index)


class _Input:
    """The project read the checker's own way: terms of every offer, demand, limits."""

    def __init__(self, project: TypedProject):
        t = project.tables
        s = project.settings
        self.settings = s
        self.periods = project.periods
        self.index = {p: i for i, p in enumerate(self.periods)}
        T = len(self.periods)
        self.comps = t["Components"].set_index("component_id")
        self.products = t["Products"].set_index("product_id")
        self.suppliers = t["Suppliers"].drop_duplicates("supplier_id").set_index("supplier_id")
        per = t["Periods"].set_index("period")
        self.budget = per["budget"].astype(float).reindex(self.periods).to_numpy()
        self.slots = per["max_new_qualifications"].astype(float).reindex(self.periods).to_numpy()
        self.running = (
            _col(per, "max_qualifications_in_progress", math.inf)
            .astype(float)
            .reindex(self.periods)
            .to_numpy()
        )
        self.cap = per["china_cap"].astype(float).reindex(self.periods).to_numpy()
        self.active = per["tariff_active"].astype(bool).reindex(self.periods).to_numpy()

        vol = pd.DataFrame(
            np.repeat(self.products["units_per_period"].to_numpy(float)[:, None], T, axis=1),
            index=self.products.index,
            columns=self.periods,
        )
        for row in t["Volumes"].itertuples(index=False):
            vol.loc[row.product_id, row.period] = float(row.units)
        self.volume = vol
        bom = t["BOM"].groupby(["product_id", "component_id"], as_index=False)["qty_per_unit"].sum()
        self.bom = bom
        need = bom.merge(vol, left_on="product_id", right_index=True)
        need[self.periods] = need[self.periods].mul(need["qty_per_unit"], axis=0)
        self.need = need.groupby("component_id")[self.periods].sum()  # parts x periods
        self.used_parts = set(bom["component_id"])

        country = self.suppliers["country"].to_dict()
        comps = self.comps[self.comps.index.isin(self.used_parts)]
        held = comps[comps["current_supplier"] != ""]
        drop = _col(held, "incumbent_max_drop", math.nan).astype(float)
        incumbents = pd.DataFrame(
            {
                "component_id": held.index,
                "supplier_id": held["current_supplier"].to_numpy(),
                "price": held["current_unit_price"].astype(float).to_numpy(),
                "cs": held["current_china_share"].astype(float).to_numpy(),
                "origin": [
                    cc or country.get(sup, "")
                    for cc, sup in zip(
                        held["current_country"], held["current_supplier"], strict=True
                    )
                ],
                "incumbent": True,
                "lead": 0,
                "switching": 0.0,
                "ramp": 1.0,
                "earliest": 0,
                "cap": math.inf,
                "min_units": 0.0,
                "max_share": 1.0,
                "drop": drop.fillna(float(s.incumbent_max_drop)).to_numpy(),
            }
        )
        offers = t["Offers"]
        locked = set(self.comps.index[self.comps["locked"].astype(bool)])
        keep = offers["component_id"].isin(self.used_parts) & ~offers["component_id"].isin(locked)
        o = offers[keep]
        origin = _col(o, "origin_country", "").fillna("").astype(str)
        max_share = _col(self.comps, "max_supplier_share", 1.0).astype(float)
        quoted = pd.DataFrame(
            {
                "component_id": o["component_id"].to_numpy(),
                "supplier_id": o["supplier_id"].to_numpy(),
                "price": o["unit_price"].astype(float).to_numpy(),
                "cs": o["china_share"].astype(float).to_numpy(),
                "origin": np.where(
                    origin.to_numpy() == "",
                    o["supplier_id"].map(country).fillna("").to_numpy(),
                    origin.to_numpy(),
                ),
                "incumbent": False,
                "lead": o["lead_periods"].astype(int).to_numpy(),
                "switching": o["switching_cost"].astype(float).to_numpy(),
                "ramp": o["max_ramp"].astype(float).to_numpy(),
                "earliest": o["earliest_period"].map(self.index).fillna(0).astype(int).to_numpy(),
                "cap": o["capacity_per_period"].astype(float).to_numpy(),
                "min_units": _col(o, "min_units", 0.0).astype(float).fillna(0.0).to_numpy(),
                "max_share": o["component_id"].map(max_share).fillna(1.0).to_numpy(),
                "drop": 1.0,
            }
        )
        rows = [incumbents, quoted]
        self.terms = pd.concat(rows, ignore_index=True).set_index(["component_id", "supplier_id"])
        self.incumbent_suppliers = set(self.comps["current_supplier"]) - {""}
        tariffs = t["Tariffs"].copy()
        for col, default in (("from_period", ""), ("product_id", ""), ("origin", "any")):
            tariffs[col] = _col(tariffs, col, default).fillna(default).replace("", default)
        self.tariffs = tariffs
        self.pass_through = float(getattr(s, "tariff_pass_through", 1.0))
        self.origin_rvc_min = getattr(s, "origin_rvc_min", None)

    def schedule(self, product: str, t: int) -> tuple[str, pd.DataFrame]:
        """The schedule in force for a product in period t: its own rows from their
        from_period on, the general rows (blank product) before that; its name and rows."""
        first = self.periods[0]
        rows = self.tariffs
        start = rows["from_period"].replace("", first).map(self.index)
        best = None
        for owner in (product, ""):
            mine = rows[(rows["product_id"] == owner) & (start <= t)]
            if not mine.empty:
                best = (owner, int(start[mine.index].max()))
                break
        if best is None:
            return "", rows.iloc[0:0]
        owner, at = best
        chosen = rows[(rows["product_id"] == owner) & (start == at)]
        return f"{owner or 'all products'} from {self.periods[at]}", chosen

    def tiers(self, rows: pd.DataFrame, origin: str) -> list[tuple[float, float]]:
        """(bound, rate) ascending of the rows that apply to goods of that origin."""
        chosen = rows[rows["origin"].isin(("any", origin))]
        if chosen.empty:
            chosen = rows
        chosen = chosen.sort_values("max_china_share")
        return list(zip(chosen["max_china_share"], chosen["rate"], strict=True))


def verify_plan(project: TypedProject, plan: Plan, kept: Kept | None = None) -> Check:
    """Recompute the plan's rules and figures; list every violation in plain words. With
    `kept` (a stress test), its facts are checked as kept and the limits of the periods up to
    `kept.until` are not checked again."""
    chk = Check()
    bad = chk.violations.append
    inp = _Input(project)
    s = inp.settings
    periods, index = inp.periods, inp.index
    T = len(periods)
    # the periods that happened (a stress test): their facts are not checked against limits
    past = np.arange(T) <= (index.get(kept.until, -1) if kept is not None else -1)
    now = ~past[None, :]  # 1 x T: the periods whose limits apply
    margin = float(getattr(s, "threshold_margin", 0.0))
    min_share = float(getattr(s, "min_share", 0.0))
    stable = bool(getattr(s, "no_reversal", False))

    # Shares, one row per (part, supplier), one column per period.
    alloc = plan.allocation
    known = alloc.set_index(["component_id", "supplier_id"]).index.isin(inp.terms.index)
    for c, sup, per in alloc.loc[~known, ["component_id", "supplier_id", "period"]].itertuples(
        index=False
    ):
        bad(
            f"{c} is bought from {sup} in {per}, which neither supplies it today nor quoted for "
            "it (or the part is locked)"
        )
    alloc = alloc[known]
    unknown_period = ~alloc["period"].isin(index)
    if unknown_period.any():
        bad(f"allocation names unknown periods {sorted(set(alloc['period'][unknown_period]))}")
        alloc = alloc[~unknown_period]
    share = (
        alloc.pivot_table(
            index=["component_id", "supplier_id"], columns="period", values="share", aggfunc="sum"
        )
        .reindex(columns=periods)
        .fillna(0.0)
    )
    units = (
        alloc.pivot_table(
            index=["component_id", "supplier_id"], columns="period", values="units", aggfunc="sum"
        )
        .reindex(columns=periods)
        .fillna(0.0)
    )
    terms = inp.terms.reindex(share.index)
    sh = share.to_numpy()
    if ((sh < -TOL) | (sh > 1 + TOL)).any():
        bad("a share is outside 0..100%")
    totals = share.groupby(level=0).sum().reindex(sorted(inp.used_parts)).fillna(0.0)
    for c, row in totals.iterrows():
        for per, value in row.items():
            if abs(value - 1.0) > TOL:
                bad(f"{c} {per}: shares add up to {value:.6f}, not 100%")

    # Qualifications and onboarding from the actions.
    acts = plan.actions
    starts = acts[acts["kind"] == "start_qualification"]
    boards = acts[acts["kind"] == "onboard"]
    start_at: dict[tuple[str, str], int] = {}
    term = inp.terms[["incumbent", "earliest", "switching", "lead"]].to_dict("index")
    for (c, sup), grp in starts.groupby(["component_id", "supplier_id"]):
        key = (c, sup)
        if key not in term or bool(term[key]["incumbent"]):
            bad(f"qualification of {c} with {sup} has no offer behind it")
            continue
        if len(grp) > 1:
            bad(f"qualification of {c} with {sup} starts {len(grp)} times")
        t0 = min(index[p] for p in grp["period"])
        start_at[key] = t0
        if t0 < int(term[key]["earliest"]) and not past[t0]:
            bad(f"qualification of {c} with {sup} starts before its earliest period")
    board_at: dict[str, int] = {}
    for sup, grp in boards.groupby("supplier_id"):
        if len(grp) > 1:
            bad(f"{sup} is onboarded {len(grp)} times")
        board_at[sup] = min(index[p] for p in grp["period"])
    for (c, sup), t0 in start_at.items():
        if sup not in inp.incumbent_suppliers and board_at.get(sup, T) > t0 and not past[t0]:
            bad(f"{sup} starts qualifying {c} in {periods[t0]} before it is onboarded")
    if kept is not None:
        _check_kept(kept, periods, past, start_at, board_at, share, bad)

    # Readiness, least share, ramps, stable awards, second source, capacities.
    need = inp.need.reindex(share.index.get_level_values(0)).to_numpy(float)
    whole = np.rint(need)
    lead = terms["lead"].to_numpy(int)
    incumbent = terms["incumbent"].to_numpy(bool)
    ready = np.array(
        [
            0 if inc else (start_at[k] + ld if k in start_at else T)
            for k, inc, ld in zip(share.index, incumbent, lead, strict=True)
        ]
    )
    t_idx = np.arange(T)[None, :]
    names = [f"{c}/{sup}" for c, sup in share.index]
    early = (sh > TOL) & (t_idx < ready[:, None]) & now
    for i, t in zip(*np.nonzero(early), strict=True):
        bad(f"{names[i]} delivers in {periods[t]} before its qualification is complete")
    with np.errstate(divide="ignore", invalid="ignore"):
        moq = np.where(need > 0, terms["min_units"].to_numpy(float)[:, None] / need, 0.0)
    least = np.maximum(min_share, moq)
    held = (sh > TOL) & now
    sliver = held & (sh < least - TOL) & ~incumbent[:, None]
    sliver |= held & (sh < min_share - TOL) & incumbent[:, None]
    for i, t in zip(*np.nonzero(sliver), strict=True):
        bad(f"{names[i]} {periods[t]}: a share of {sh[i, t]:.2%} is below the least allowed")
    if stable:
        delivering = (~incumbent[:, None]) & (t_idx >= ready[:, None]) & now
        unused = delivering & (sh < least - TOL)
        for i, t in zip(*np.nonzero(unused), strict=True):
            bad(
                f"{names[i]} is qualified and ready in {periods[t]} but holds less than its least share"
            )
    before = np.column_stack([incumbent.astype(float), sh[:, :-1]])
    rise = np.where(now, sh - before, 0.0)
    ramp = terms["ramp"].to_numpy(float)
    drop = terms["drop"].to_numpy(float)
    for i, t in zip(*np.nonzero(~incumbent[:, None] & (rise > ramp[:, None] + TOL)), strict=True):
        bad(
            f"{names[i]} rises from {before[i, t]:.0%} to {sh[i, t]:.0%} in {periods[t]}, more than its ramp of {ramp[i]:.0%}"
        )
    for i, t in zip(*np.nonzero(incumbent[:, None] & (-rise > drop[:, None] + TOL)), strict=True):
        bad(
            f"{share.index[i][0]}: incumbent {share.index[i][1]} falls from {before[i, t]:.0%} to {sh[i, t]:.0%} in {periods[t]}, more than {drop[i]:.0%}"
        )
    if stable:
        for i, t in zip(*np.nonzero(~incumbent[:, None] & (rise < -TOL)), strict=True):
            bad(f"{names[i]} falls in {periods[t]} after it has risen (no reversals)")
        for i, t in zip(*np.nonzero(incumbent[:, None] & (rise > TOL)), strict=True):
            bad(f"{names[i]} rises again in {periods[t]} after it has fallen (no reversals)")
    max_share = terms["max_share"].to_numpy(float)
    for i, t in zip(
        *np.nonzero(~incumbent[:, None] & (sh > max_share[:, None] + TOL) & now), strict=True
    ):
        bad(
            f"{names[i]} takes {sh[i, t]:.0%} in {periods[t]}, more than the part's second-source limit"
        )

    # Whole units: each part's rounded demand split among its suppliers.
    un = units.to_numpy()
    if (np.abs(un - np.rint(un)) > 1e-9).any():
        bad("the allocation shows fractions of a unit")
    if (np.abs(un - sh * whole) >= 1.0 + 1e-9).any():
        bad("the allocation's units do not follow its shares")
    placed = units.groupby(level=0).sum().reindex(inp.need.index).fillna(0.0)
    short = np.abs(placed.to_numpy() - np.rint(inp.need.to_numpy())) > 0.5
    for i, t in zip(*np.nonzero(short), strict=True):
        bad(f"{inp.need.index[i]} {periods[t]}: units placed do not add up to the demand")
    cap_units = terms["cap"].to_numpy(float)
    for i, t in zip(*np.nonzero((un > cap_units[:, None] * (1 + TOL) + TOL) & now), strict=True):
        bad(f"{names[i]} {periods[t]}: {un[i, t]:,.0f} units exceed the offer's capacity")
    sup_units = units.groupby(level=1).sum()
    sup_cap = (
        inp.suppliers["capacity_per_period"].astype(float).reindex(sup_units.index).fillna(math.inf)
    )
    over = (sup_units.to_numpy() > sup_cap.to_numpy()[:, None] * (1 + TOL) + TOL) & now
    for i, t in zip(*np.nonzero(over), strict=True):
        bad(
            f"{sup_units.index[i]} {periods[t]}: {sup_units.iat[i, t]:,.0f} units exceed its capacity of {sup_cap.iat[i]:,.0f}"
        )

    # Budget, qualification slots and qualifications in progress.
    one_time = np.zeros(T)
    slots = np.zeros(T)
    running = np.zeros(T)
    for key, t0 in start_at.items():
        one_time[t0] += float(term[key]["switching"])
        slots[t0] += 1
        length = max(int(term[key]["lead"]), 1)
        running[t0 : t0 + length] += 1
    for sup, t0 in board_at.items():
        cost = inp.suppliers["onboarding_cost"].get(sup, 0.0)
        one_time[t0] += float(0.0 if pd.isna(cost) else cost)
    for t, per in enumerate(periods):
        if past[t]:
            continue  # spent: a qualification started then still counts in later periods
        if one_time[t] > inp.budget[t] * (1 + TOL) + TOL:
            bad(
                f"{per}: one-time spending {one_time[t]:,.0f} exceeds the budget {inp.budget[t]:,.0f}"
            )
        if slots[t] > inp.slots[t] + TOL:
            bad(f"{per}: {slots[t]:.0f} qualifications start, more than {inp.slots[t]:.0f}")
        if running[t] > inp.running[t] + TOL:
            bad(
                f"{per}: {running[t]:.0f} qualifications run at once, more than {inp.running[t]:.0f}"
            )

    # Content, tiers, origin, per product and period.
    price = terms["price"].to_numpy(float)
    cs = terms["cs"].to_numpy(float)
    made_in_vn = terms["origin"].to_numpy(object) == "VN"
    nonorig_unit = np.where(made_in_vn, price * cs, price)
    parts = share.index.get_level_values(0)
    rvc_min = s.rvc_min
    rows = []
    shown: dict[tuple[str, str], tuple[str, str, float]] = {}
    tariff_total = np.zeros(T)
    for p in inp.products.index:
        q = inp.bom[inp.bom["product_id"] == p].set_index("component_id")["qty_per_unit"]
        qty = q.reindex(parts).fillna(0.0).to_numpy()[:, None]
        china = (qty * sh * (price * cs)[:, None]).sum(axis=0)
        material = (qty * sh * price[:, None]).sum(axis=0)
        nonorig = (qty * sh * nonorig_unit[:, None]).sum(axis=0)
        fob = float(inp.products.loc[p, "fob_price"])
        base = material if s.content_basis == "materials" else np.full(T, fob)
        ratio = np.divide(china, base, out=np.zeros(T), where=base > 0)
        rvc = 1.0 - nonorig / fob
        vol = inp.volume.loc[p].to_numpy(float)
        exempt = bool(_col(inp.products, "tariff_exempt", False).get(p, False))
        by_rvc = _col(inp.products, "origin_rule", "process").get(p, "process") == "rvc"
        billed_base = fob * float(inp.products.loc[p, "us_share"]) * vol * inp.active
        billed_base = billed_base * (0.0 if exempt else 1.0)
        for t, per in enumerate(periods):
            chk.china_share[(p, per)] = float(ratio[t])
            cap = inp.cap[t]
            limited = vol[t] > 0 and not past[t]  # what was bought in the past is a fact
            if limited and not math.isnan(cap) and ratio[t] > cap - margin + 1e-9:
                what = f"the cap {cap:.2%}" + (f" less the {margin:.2%} margin" if margin else "")
                bad(f"{p} {per}: Chinese share {ratio[t]:.4%} is above {what}")
            if limited and rvc_min is not None and rvc[t] < rvc_min - TOL:
                bad(f"{p} {per}: Vietnamese value content {rvc[t]:.2%} is below {rvc_min:.2%}")
            # origin: made here, or (origin_rule rvc) an RVC at the threshold with the guard
            r = inp.origin_rvc_min if inp.origin_rvc_min is not None else 0.0
            origin = "VN" if (not by_rvc or rvc[t] >= r + BILLING_GUARD) else "not VN"
            name, schedule = inp.schedule(p, t)
            tiers = inp.tiers(schedule, origin) or [(1.0, 0.0)]
            # the plan counts on a tier only with its margin and the rounding guard below it
            k = next(
                (
                    i
                    for i, (b, _) in enumerate(tiers)
                    if i == len(tiers) - 1 or ratio[t] <= b - margin - BILLING_GUARD
                ),
                len(tiers) - 1,
            )
            rate = tiers[k][1]
            full = rate * billed_base[t]
            tariff = full * inp.pass_through
            tariff_total[t] += tariff
            rows.append((p, per, china[t], ratio[t], rvc[t], k + 1, rate, tiers[k][0], tariff, cap))
            shown[(p, per)] = (name, origin, full)

    # The plan's own tables and summary, figure by figure.
    mat_cost = (un * price[:, None]).sum(axis=0)
    chk.material_cost = float(mat_cost.sum())
    chk.one_time_cost = float(one_time.sum())
    chk.tariff_cost = float(tariff_total.sum())
    chk.total_cost = chk.material_cost + chk.one_time_cost + chk.tariff_cost
    _compare_allocation(plan, price, share.index, un, bad)
    _compare_periods(
        plan,
        periods,
        mat_cost,
        one_time,
        tariff_total,
        slots,
        running,
        un,
        price,
        made_in_vn,
        inp,
        bad,
    )
    _compare_content(plan, rows, margin, bad, {periods[t] for t in np.nonzero(past)[0]})
    _compare_tariff_details(plan, shown, bad)
    _compare_load(plan, sup_units, periods, bad)
    _compare_reasons(
        plan, share.index, sh, need, price, incumbent, start_at, board_at, term, inp, bad
    )
    _compare_summary(plan, chk, start_at, board_at, rows, periods, un, price, made_in_vn, bad)
    if plan.total_cost is not None and _differs(plan.total_cost, chk.total_cost):
        bad(
            f"the plan states a total cost of {plan.total_cost:,.2f} but it recomputes to "
            f"{chk.total_cost:,.2f}"
        )
    return chk


def _check_kept(kept: Kept, periods, past, start_at, board_at, share, bad) -> None:
    """The facts a stress test kept are the plan's: the same qualifications started and the
    same suppliers onboarded in the periods that happened, nothing else then, and the same
    awards."""
    index = {p: i for i, p in enumerate(periods)}
    for (c, sup), per in kept.starts.items():
        if start_at.get((c, sup)) != index.get(per):
            bad(f"the qualification of {c} with {sup} started in {per} is not kept")
    for (c, sup), t0 in start_at.items():
        if past[t0] and kept.starts.get((c, sup)) != periods[t0]:
            bad(f"{c} with {sup} starts qualifying in {periods[t0]}, which has happened")
    for sup, per in kept.onboards.items():
        if board_at.get(sup) != index.get(per):
            bad(f"{sup}, onboarded in {per}, is not kept")
    for sup, t0 in board_at.items():
        if past[t0] and kept.onboards.get(sup) != periods[t0]:
            bad(f"{sup} is onboarded in {periods[t0]}, which has happened")
    stacked = share.stack()
    held = {
        (c, sup, per): float(v)
        for (c, sup, per), v in stacked[stacked > 0].items()
        if (c, per) in kept.parts
    }
    for key in sorted(set(held) | set(kept.awards)):
        c, sup, per = key
        if (c, per) not in kept.parts:
            continue
        if abs(held.get(key, 0.0) - kept.awards.get(key, 0.0)) > TOL:
            bad(
                f"{c}/{sup} holds {held.get(key, 0.0):.4%} in {per}, not the "
                f"{kept.awards.get(key, 0.0):.4%} it was awarded then"
            )


def _compare_allocation(plan, price, keys, un, bad) -> None:
    alloc = plan.allocation
    if alloc.empty:
        return
    cost = alloc["units"].to_numpy(float) * alloc["unit_price"].to_numpy(float)
    if (np.abs(cost - alloc["cost"].to_numpy(float)) > 1e-6 * np.maximum(1, cost) + 0.01).any():
        bad("an allocation cost is not units x price")
    by_key = dict(zip(keys, price, strict=True))
    listed = [
        by_key.get((c, s)) for c, s in zip(alloc["component_id"], alloc["supplier_id"], strict=True)
    ]
    if any(v is None or _differs(v, u) for v, u in zip(listed, alloc["unit_price"], strict=True)):
        bad("an allocation price is not the quoted price")


def _compare_periods(
    plan, periods, material, one_time, tariff, slots, running, un, price, made_in_vn, inp, bad
) -> None:
    table = plan.periods.set_index("period").reindex(periods)
    spend = un * price[:, None]
    vn = spend[made_in_vn].sum(axis=0)
    expected = {
        "material_cost": material,
        "one_time_cost": one_time,
        "budget_used": one_time,
        "tariff_cost": tariff,
        "total_cost": material + one_time + tariff,
        "slots_used": slots,
        "in_progress": running,
        "vn_spend_share": np.divide(vn, material, out=np.zeros_like(vn), where=material > 0),
        "budget": inp.budget,
        "qualification_slots": inp.slots,
        "in_progress_limit": inp.running,
    }
    for column, values in expected.items():
        if column not in table.columns:
            continue
        shown = table[column].to_numpy(float)
        for t, per in enumerate(periods):
            a, b = shown[t], float(values[t])
            if math.isinf(a) and math.isinf(b):
                continue
            if _differs(a, b):
                bad(f"{per}: the plan shows {column} {a:,.4f} but it recomputes to {b:,.4f}")


def _compare_content(plan, rows, margin, bad, past=frozenset()) -> None:
    table = plan.content.set_index(["product_id", "period"])
    for p, per, china, ratio, rvc, tier, rate, bound, tariff, cap in rows:
        if (p, per) not in table.index:
            bad(f"{p} {per}: missing from the content table")
            continue
        r = table.loc[(p, per)]
        if abs(float(r["china_share"]) - ratio) > 1e-9 or _differs(r["china_content_usd"], china):
            bad(f"{p} {per}: the Chinese share shown differs from the recomputed {ratio:.4%}")
        if int(r["tariff_tier"]) != tier or _differs(r["tariff_rate"], rate):
            bad(
                f"{p} {per}: tier {int(r['tariff_tier'])} is shown, but the share puts it in tier {tier}"
            )
        if _differs(r["tariff_cost"], tariff):
            bad(f"{p} {per}: tariff {float(r['tariff_cost']):,.2f} shown, {tariff:,.2f} recomputed")
        if abs(float(r["rvc"]) - rvc) > 1e-9:
            bad(f"{p} {per}: RVC shown differs from the recomputed {rvc:.2%}")
        if (
            "tier_bound" in r
            and not pd.isna(r["tier_bound"])
            and abs(r["tier_bound"] - bound) > 1e-9
        ):
            bad(f"{p} {per}: tier bound {float(r['tier_bound']):.2%} shown, {bound:.2%} in force")
        if (
            "tier_margin" in r
            and not pd.isna(r["tier_margin"])
            and abs(float(r["tier_margin"]) - (bound - ratio)) > 1e-9
        ):
            bad(f"{p} {per}: the margin to the tier bound is misstated")
        if (
            "cap_margin" in r
            and not math.isnan(cap)
            and abs(float(r["cap_margin"]) - (cap - ratio)) > 1e-9
        ):
            bad(f"{p} {per}: the margin to the cap is misstated")
        if margin and not math.isnan(cap) and cap - ratio < margin - 1e-9 and per not in past:
            bad(f"{p} {per}: holds less than the {margin:.2%} safety margin below the cap")


def _compare_tariff_details(plan, shown, bad) -> None:
    """The schedule in force, the origin and the duty before pass-through, as shown."""
    table = plan.content.set_index(["product_id", "period"])
    for (p, per), (name, origin, full) in shown.items():
        if (p, per) not in table.index:
            continue
        r = table.loc[(p, per)]
        if "schedule" in r and r["schedule"] != name:
            bad(f"{p} {per}: schedule '{r['schedule']}' shown, '{name}' in force")
        if "origin" in r and r["origin"] != origin:
            bad(f"{p} {per}: origin {r['origin']} shown, {origin} recomputed")
        if "tariff_full" in r and _differs(r["tariff_full"], full):
            bad(f"{p} {per}: duty {float(r['tariff_full']):,.2f} shown, {full:,.2f} recomputed")


def _compare_reasons(
    plan, keys, sh, need, price, incumbent, start_at, board_at, term, inp, bad
) -> None:
    """The reasons' figures (plan.reasons): one row per qualification, its start and ready
    period, its one-time cost (its supplier's onboarding with the first of its parts) and its
    premium over the horizon against the incumbent's price. The duty each keeps off and the
    limits' worth are what-ifs (a plan without it, an LP's marginal value): not recomputed."""
    reasons = plan.reasons
    if reasons is None or reasons.empty:
        return  # not explained (yet): the planner explains a verified plan, then checks this
    periods, T = inp.periods, len(inp.periods)
    listed = list(zip(reasons["component_id"], reasons["supplier_id"], strict=True))
    if sorted(listed) != sorted(start_at):
        bad("the reasons do not list each qualification started exactly once")
        return
    row_of = {k: i for i, k in enumerate(keys)}
    held = inp.terms[inp.terms["incumbent"].astype(bool)]
    inc_price = dict(zip(held.index.get_level_values(0), held["price"].astype(float), strict=True))
    onboarding = inp.suppliers["onboarding_cost"]
    paid: dict[str, float] = {}
    for r in reasons.itertuples(index=False):
        key = (r.component_id, r.supplier_id)
        t0 = start_at[key]
        lead = int(term[key]["lead"])
        ready = periods[t0 + lead] if t0 + lead < T else ""
        if r.period != periods[t0] or str(r.ready_period or "") != ready:
            bad(f"the reason for {key[0]} with {key[1]} states another start or ready period")
        switching = float(term[key]["switching"])
        extra = float(r.one_time_cost) - switching
        paid[key[1]] = paid.get(key[1], 0.0) + extra
        i = row_of.get(key)
        if i is None:
            continue
        units = sh[i] * need[i]
        base = inc_price.get(key[0])
        premium = (units * (price[i] - (0.0 if base is None else base))).sum()
        if _differs(r.premium, premium):
            bad(
                f"the reason for {key[0]} with {key[1]} states a premium of {r.premium:,.2f}, "
                f"recomputed {premium:,.2f}"
            )
    for sup, extra in paid.items():  # the onboarding, once, with one of its parts
        cost = onboarding.get(sup, 0.0) if sup in board_at else 0.0
        cost = 0.0 if pd.isna(cost) else float(cost)
        if _differs(extra, cost):
            bad(f"the reasons count {extra:,.2f} of onboarding for {sup}, not {cost:,.2f}")


def check_reasons(project: TypedProject, plan: Plan) -> list[str]:
    """The reasons' figures against the plan (the planner adds the reasons to a verified plan,
    then asks this); the violations in plain words."""
    out: list[str] = []
    unexplained = plan.reasons is None or plan.reasons.empty
    if unexplained and not (plan.actions["kind"] == "start_qualification").any():
        return out
    inp = _Input(project)
    periods, index = inp.periods, inp.index
    alloc = plan.allocation
    alloc = alloc[alloc.set_index(["component_id", "supplier_id"]).index.isin(inp.terms.index)]
    share = (
        alloc.pivot_table(
            index=["component_id", "supplier_id"], columns="period", values="share", aggfunc="sum"
        )
        .reindex(columns=periods)
        .fillna(0.0)
    )
    terms = inp.terms.reindex(share.index)
    term = inp.terms[["incumbent", "earliest", "switching", "lead"]].to_dict("index")
    acts = plan.actions
    start_at = {
        (c, sup): min(index[p] for p in grp["period"])
        for (c, sup), grp in acts[acts["kind"] == "start_qualification"].groupby(
            ["component_id", "supplier_id"]
        )
    }
    board_at = {
        sup: min(index[p] for p in grp["period"])
        for sup, grp in acts[acts["kind"] == "onboard"].groupby("supplier_id")
    }
    if plan.reasons is None or plan.reasons.empty:
        return ["the reasons do not list each qualification started exactly once"]
    need = inp.need.reindex(share.index.get_level_values(0)).to_numpy(float)
    _compare_reasons(
        plan,
        share.index,
        share.to_numpy(),
        need,
        terms["price"].to_numpy(float),
        terms["incumbent"].to_numpy(bool),
        start_at,
        board_at,
        term,
        inp,
        out.append,
    )
    return out


def _compare_load(plan, sup_units, periods, bad) -> None:
    load = plan.supplier_load
    if load.empty:
        return
    shown = load.pivot_table(index="supplier_id", columns="period", values="units", aggfunc="sum")
    shown = shown.reindex(index=sup_units.index, columns=periods).fillna(0.0)
    if (np.abs(shown.to_numpy() - sup_units.to_numpy()) > 0.5).any():
        bad("the supplier load differs from the allocation")


def _compare_summary(
    plan, chk, start_at, board_at, rows, periods, un, price, made_in_vn, bad
) -> None:
    # the keys of its JSON form; a plan made by hand has none
    summary = plan.summary.to_dict() if plan.summary is not None else {}
    expected = {
        "total_cost": chk.total_cost,
        "material_cost": chk.material_cost,
        "one_time_cost": chk.one_time_cost,
        "tariff_cost": chk.tariff_cost,
        "parts_switched": len({c for c, _ in start_at}),
        "suppliers_onboarded": len(board_at),
    }
    spend = un * price[:, None]
    if spend.sum() > 0:
        expected["vn_spend_share"] = float(spend[made_in_vn].sum() / spend.sum())
    for key, value in expected.items():
        if key in summary and summary[key] is not None and _differs(summary[key], value):
            bad(f"the summary's {key} {summary[key]:,.4f} recomputes to {value:,.4f}")
    shares = {(p, per): ratio for p, per, _, ratio, *_ in rows}
    for key, period in (("china_share_first", periods[0]), ("china_share_last", periods[-1])):
        for p, value in (summary.get(key) or {}).items():
            if abs(float(value) - shares[(p, period)]) > 1e-9:
                bad(f"the summary's Chinese share of {p} in {period} is misstated")
