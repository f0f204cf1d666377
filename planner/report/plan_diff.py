"""What changed between two plans: parts that move earlier, later or to another supplier,
suppliers added and dropped, money by category and quarter, limits that newly bind, each line
with its reason in English and Vietnamese.

Everything is read from the two plans' own tables (checked by planner/verify.py) and, when
given, the Actuals the team recorded; nothing is solved again. A reason is a fact that is true
of the two plans (an event, an input that differs, the new plan's own reason sentence), never a
guess at a cause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.report import fmt
from planner.text import Text, t

PART_CHANGES = (
    "later",
    "earlier",
    "ready_later",  # the same start, delivering later (a supplier late)
    "ready_earlier",
    "other_supplier",
    "new_switch",
    "dropped_switch",
)
SUPPLIER_CHANGES = ("added", "dropped", "moved")
LIMIT_CHANGES = ("newly_binding", "no_longer_binding")
TOTAL = "total"  # the money table's last row: the horizon

PART_COLUMNS = [
    "component_id",
    "change",  # PART_CHANGES
    "supplier_old",
    "start_old",
    "ready_old",
    "supplier_new",
    "start_new",
    "ready_new",
    "one_time_change",  # the new start's one-time cost less the old one's
    "reason_en",
    "reason_vi",
]
SUPPLIER_COLUMNS = ["supplier_id", "change", "onboard_old", "onboard_new", "reason_en", "reason_vi"]
MONEY_KINDS = ("material", "one_time", "duty", "total")
MONEY_COLUMNS = ["period"] + [f"{k}_{v}" for k in MONEY_KINDS for v in ("old", "new", "change")]
LIMIT_CHANGE_COLUMNS = [
    "family",
    "period",
    "product_id",
    "supplier_id",
    "change",  # LIMIT_CHANGES
    "text_en",
    "text_vi",
]
EVENT_COLUMNS = ["period", "event", "component_id", "supplier_id", "value", "note"]

CENT = 0.005  # a money change smaller than this is no change
TOL = 1e-6  # a limit used within this (relative) of its value is at its cap
# the plan's columns of each money kind
_MONEY_SOURCE = {
    "material": "material_cost",
    "one_time": "one_time_cost",
    "duty": "tariff_cost",
    "total": "total_cost",
}
# (used, limit) columns of plan.periods -> the limit family (plan.limits' names)
_PERIOD_LIMITS = {
    "budget": ("budget_used", "budget"),
    "qualification_slots": ("slots_used", "qualification_slots"),
    "qualifications_in_progress": ("in_progress", "in_progress_limit"),
}


@dataclass
class PlanDiff:
    """What changed from plan `old_name` to plan `new_name` (tidy tables, one row per fact)."""

    old_name: str
    new_name: str
    currency: str
    parts: pd.DataFrame  # PART_COLUMNS
    suppliers: pd.DataFrame  # SUPPLIER_COLUMNS
    money: pd.DataFrame  # MONEY_COLUMNS, a row per period and a TOTAL row
    limits: pd.DataFrame  # LIMIT_CHANGE_COLUMNS
    headline: list[Text] = field(default_factory=list)

    @property
    def total_change(self) -> float:
        """The new plan's cost less the old plan's, over the horizon."""
        return float(self.money.loc[self.money["period"] == TOTAL, "total_change"].iloc[0])

    @property
    def unchanged(self) -> bool:
        """Nothing moved, nothing binds anew and no money changed."""
        money = self.money[[f"{k}_change" for k in MONEY_KINDS]].abs()
        return (
            self.parts.empty
            and self.suppliers.empty
            and self.limits.empty
            and bool((money < CENT).all().all())
        )


# Small helpers ------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _str(value: object) -> str:
    return "" if _blank(value) else str(value)


def _join(texts: list[Text]) -> Text:
    return Text(" ".join(x.en for x in texts), " ".join(x.vi for x in texts))


def _amount(value: float, lang: str, currency: str) -> str:
    """Money as a reader takes it in at a glance: millions compact, the rest in full."""
    if abs(value) >= 1e6:
        return fmt.compact_money(value, lang, currency)
    return fmt.money(value, lang, currency)


def _signed(value: float, lang: str, currency: str) -> str:
    return ("+" if value > 0 else "") + _amount(value, lang, currency)


def _money_text(value: float, currency: str, signed: bool = False) -> Text:
    shown = _signed if signed else _amount
    return Text(shown(value, "en", currency), shown(value, "vi", currency))


def _limit_value(value: object, money: bool, currency: str) -> Text:
    """A limit as typed: unlimited when blank or infinite."""
    if _blank(value) or (isinstance(value, int | float) and math.isinf(value)):
        return Text("unlimited", "không giới hạn")
    x = float(value)  # type: ignore[arg-type]
    if money:
        return _money_text(x, currency)
    return Text(fmt.number(x, "en"), fmt.number(x, "vi"))


def _period_order(project: TypedProject, old: Plan, new: Plan) -> dict[str, int]:
    """Each period's place: the new project's horizon, then any the old plan alone has."""
    seen = list(project.periods)
    for plan in (old, new):
        seen += [str(p) for p in plan.periods["period"] if str(p) not in seen]
    return {p: i for i, p in enumerate(seen)}


def _starts(plan: Plan) -> pd.DataFrame:
    acts = plan.actions
    rows = acts[acts["kind"] == "start_qualification"]
    return rows[["component_id", "supplier_id", "period", "ready_period", "one_time_cost"]]


def _onboards(plan: Plan) -> dict[str, str]:
    acts = plan.actions
    rows = acts[acts["kind"] == "onboard"]
    return {str(s): str(p) for s, p in zip(rows["supplier_id"], rows["period"], strict=True)}


# Events (Actuals) ---------------------------------------------------------------------------

_EVENT_TEXT = {
    "qualification_failed": (
        "The qualification of {c} with {s} failed in {p}.",
        "Phê duyệt {c} với {s} không đạt trong {p}.",
    ),
    "qualification_started": (
        "The qualification of {c} with {s} started in {p}.",
        "Phê duyệt {c} với {s} đã bắt đầu trong {p}.",
    ),
    "qualification_done": (
        "The qualification of {c} with {s} was completed in {p}.",
        "Phê duyệt {c} với {s} đã hoàn tất trong {p}.",
    ),
    "award": ("{c} was awarded to {s} in {p}.", "{c} đã được giao cho {s} trong {p}."),
    "onboarded": ("{s} was onboarded in {p}.", "{s} đã được tiếp nhận trong {p}."),
}


def _event_text(row: dict[str, Any]) -> Text:
    c, s, p = _str(row["component_id"]), _str(row["supplier_id"]), _str(row["period"])
    kind = _str(row["event"])
    if kind == "supplier_late":
        n = pd.to_numeric(pd.Series([row["value"]]), errors="coerce").iloc[0]
        if pd.isna(n):
            text = t("{s} is late ({p}).", "{s} bị chậm ({p}).", s=s, p=p)
        else:
            n = round(float(n))
            text = t(
                "{s} is {n} " + ("quarter" if n == 1 else "quarters") + " late ({p}).",
                "{s} chậm {n} quý ({p}).",
                s=s,
                n=n,
                p=p,
            )
    else:
        en, vi = _EVENT_TEXT.get(kind, ("{e}: {c} {s} ({p}).", "{e}: {c} {s} ({p})."))
        text = t(en, vi, c=c, s=s, p=p, e=kind)
    note = _str(row["note"])
    if note:  # the team's own words, as typed
        text = Text(f"{text.en[:-1]}: {note}.", f"{text.vi[:-1]}: {note}.")
    return text


def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    if events is None or events.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    frame = events.reindex(columns=EVENT_COLUMNS)
    for key in ("period", "event", "component_id", "supplier_id", "note"):
        frame[key] = frame[key].map(_str)
    return frame


def _events_about(
    events: pd.DataFrame, part: str | None, suppliers: set[str], order: dict[str, int]
) -> list[Text]:
    """The recorded events of this part with these suppliers, and these suppliers' delays."""
    if events.empty:
        return []
    sup = events["supplier_id"]
    comp = events["component_id"]
    of_part = (comp == part) & (sup.isin(suppliers) | (sup == "")) if part else comp == "__"
    late = (events["event"] == "supplier_late") & sup.isin(suppliers)
    late &= (comp == "") | (comp == part) if part else comp.notna()
    onboarded = (events["event"] == "onboarded") & sup.isin(suppliers) & (part is None)
    picked = events[of_part | late | onboarded]
    picked = picked.assign(_at=picked["period"].map(lambda p: order.get(p, 1 << 30)))
    return [_event_text(r) for r in picked.sort_values("_at", kind="stable").to_dict("records")]


# Inputs that differ ---------------------------------------------------------------------------

_INPUT_TEXT = {
    "budget": (
        "The one-time budget of {p} went from {a} to {b}.",
        "Ngân sách một lần kỳ {p} đổi từ {a} thành {b}.",
    ),
    "qualification_slots": (
        "The qualification slots of {p} went from {a} to {b}.",
        "Số phê duyệt mới tối đa kỳ {p} đổi từ {a} thành {b}.",
    ),
    "in_progress_limit": (
        "The qualifications engineering can run at once in {p} went from {a} to {b}.",
        "Số phê duyệt kỹ thuật chạy cùng lúc kỳ {p} đổi từ {a} thành {b}.",
    ),
}


def _same_limit(a: object, b: object) -> bool:
    fa = math.inf if _blank(a) else float(a)  # type: ignore[arg-type]
    fb = math.inf if _blank(b) else float(b)  # type: ignore[arg-type]
    if math.isinf(fa) or math.isinf(fb):
        return fa == fb
    return abs(fa - fb) <= TOL * max(1.0, abs(fa))


def _input_changes(
    old: Plan, new: Plan, periods: list[str], currency: str, keys: tuple[str, ...] = ()
) -> list[Text]:
    """The limits typed for these periods (those of `keys`, or all) that differ between the
    two plans."""
    was = old.periods.set_index("period")
    now = new.periods.set_index("period")
    out = []
    for p in periods:
        if p not in was.index or p not in now.index:
            continue
        for key, (en, vi) in _INPUT_TEXT.items():
            if (keys and key not in keys) or key not in was.columns or key not in now.columns:
                continue
            a, b = was.at[p, key], now.at[p, key]
            if not _same_limit(a, b):
                money = key == "budget"
                out.append(
                    _compose(
                        en,
                        vi,
                        p=p,
                        a=_limit_value(a, money, currency),
                        b=_limit_value(b, money, currency),
                    )
                )
    return out


def _compose(en: str, vi: str, **parts: Text | str) -> Text:
    """A sentence whose pieces are already in both languages."""
    return Text(
        en.format(**{k: v.en if isinstance(v, Text) else v for k, v in parts.items()}),
        vi.format(**{k: v.vi if isinstance(v, Text) else v for k, v in parts.items()}),
    )


# Parts ---------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What every reason reads: the two plans, the events, the periods' order, the names."""

    old: Plan
    new: Plan
    events: pd.DataFrame
    order: dict[str, int]
    currency: str
    old_name: str
    new_name: str
    total_change: float

    def at(self, period: object) -> int:
        return self.order.get(_str(period), -1)

    def span(self, *periods: object) -> list[str]:
        """The periods from the earliest to the latest of these (blanks ignored)."""
        places = [self.at(p) for p in periods if _str(p) in self.order]
        if not places:
            return []
        return [p for p, i in self.order.items() if min(places) <= i <= max(places)]


def _pairs(old: pd.DataFrame, new: pd.DataFrame, ctx: _Context, parts: list[str]) -> list[dict]:
    """Each part's starts matched across the plans: the same supplier first, then the rest in
    the order they start (another supplier); a start left alone is a new or a dropped switch."""
    out = []
    for c in parts:
        was = sorted(
            old[old["component_id"] == c].to_dict("records"), key=lambda r: ctx.at(r["period"])
        )
        now = sorted(
            new[new["component_id"] == c].to_dict("records"), key=lambda r: ctx.at(r["period"])
        )
        for a in list(was):
            b = next((r for r in now if r["supplier_id"] == a["supplier_id"]), None)
            if b is None:
                continue
            was.remove(a)
            now.remove(b)
            # same supplier, same quarter: no move (a cost that changed shows in the money)
            if ctx.at(a["period"]) != ctx.at(b["period"]):
                later = ctx.at(b["period"]) > ctx.at(a["period"])
                out.append(_part(c, "later" if later else "earlier", a, b))
            elif _str(a.get("ready_period")) != _str(b.get("ready_period")):
                later = ctx.at(_str(b.get("ready_period"))) > ctx.at(_str(a.get("ready_period")))
                out.append(_part(c, "ready_later" if later else "ready_earlier", a, b))
        for a, b in zip(was, now, strict=False):
            out.append(_part(c, "other_supplier", a, b))
        out += [_part(c, "dropped_switch", a, None) for a in was[len(now) :]]
        out += [_part(c, "new_switch", None, b) for b in now[len(was) :]]
    return out


def _part(c: str, change: str, a: dict | None, b: dict | None) -> dict:
    a, b = a or {}, b or {}
    return {
        "component_id": c,
        "change": change,
        "supplier_old": _str(a.get("supplier_id")),
        "start_old": _str(a.get("period")),
        "ready_old": _str(a.get("ready_period")),
        "supplier_new": _str(b.get("supplier_id")),
        "start_new": _str(b.get("period")),
        "ready_new": _str(b.get("ready_period")),
        "one_time_change": float(b.get("one_time_cost", 0.0) or 0.0)
        - float(a.get("one_time_cost", 0.0) or 0.0),
    }


def _price(plan: Plan, c: str, s: str) -> float | None:
    alloc = plan.allocation
    rows = alloc[(alloc["component_id"] == c) & (alloc["supplier_id"] == s)]
    return None if rows.empty else float(rows["unit_price"].iloc[0])


def _offer_facts(row: dict, ctx: _Context) -> list[Text]:
    """What the plans' own tables say of the offers: a price, a lead time or a one-time cost
    that differs, or the two suppliers' prices when the part changes supplier."""
    c, a, b = row["component_id"], row["supplier_old"], row["supplier_new"]
    cur = ctx.currency
    out = []
    if a and b and a == b:
        pa, pb = _price(ctx.old, c, a), _price(ctx.new, c, b)
        if pa is not None and pb is not None and abs(pa - pb) >= CENT / 10:
            out.append(
                _compose(
                    "{s}'s price for {c} went from {x} to {y} a unit.",
                    "Giá {c} của {s} đổi từ {x} thành {y} mỗi đơn vị.",
                    s=a,
                    c=c,
                    x=_unit_price(pa, cur),
                    y=_unit_price(pb, cur),
                )
            )
        lead_a = ctx.at(row["ready_old"]) - ctx.at(row["start_old"]) if row["ready_old"] else None
        lead_b = ctx.at(row["ready_new"]) - ctx.at(row["start_new"]) if row["ready_new"] else None
        if lead_a is not None and lead_b is not None and lead_a != lead_b:
            out.append(
                t(
                    "{s}'s lead time for {c} went from {x} to {y} quarters.",
                    "Thời gian phê duyệt {c} của {s} đổi từ {x} thành {y} quý.",
                    s=a,
                    c=c,
                    x=lead_a,
                    y=lead_b,
                )
            )
    elif a and b:
        pa, pb = _price(ctx.old, c, a), _price(ctx.new, c, b)
        if pa is not None and pb is not None:
            out.append(
                _compose(
                    "{b} supplies {c} at {y} a unit in {new}; {a} at {x} in {old}.",
                    "{b} cung cấp {c} giá {y} mỗi đơn vị trong {new}; {a} giá {x} trong {old}.",
                    a=a,
                    b=b,
                    c=c,
                    x=_unit_price(pa, cur),
                    y=_unit_price(pb, cur),
                    new=ctx.new_name,
                    old=ctx.old_name,
                )
            )
    return out


def _unit_price(value: float, currency: str) -> Text:
    return Text(fmt.money(value, "en", currency, 2), fmt.money(value, "vi", currency, 2))


def _plan_reason(plan: Plan, name: str, c: str, s: str, period: str) -> list[Text]:
    """The plan's own sentence for why this qualification starts when it does."""
    r = plan.reasons
    rows = r[(r["component_id"] == c) & (r["supplier_id"] == s) & (r["period"] == period)]
    if rows.empty:
        return []
    row = rows.iloc[0]
    return [Text(f"{name}: {row['reason_en']}", f"{name}: {row['reason_vi']}")]


def _plain(ctx: _Context) -> Text:
    """The reason that is true when nothing else explains a line."""
    x = ctx.total_change
    if abs(x) < CENT:
        return t(
            "A choice among equals: no input of it changed and both plans cost the same.",
            "Lựa chọn ngang nhau: không đầu vào nào của nó thay đổi và hai kế hoạch cùng chi phí.",
        )
    more = x > 0
    return _compose(
        "No input of it changed; {new} as a whole costs {m} " + ("more." if more else "less."),
        "Không đầu vào nào của nó thay đổi; cả {new} "
        + ("tốn hơn {m}." if more else "rẻ hơn {m}."),
        new=ctx.new_name,
        m=_money_text(abs(x), ctx.currency),
    )


def _part_reason(row: dict, ctx: _Context) -> Text:
    """Recorded events first; else the inputs that differ and the new plan's own reason; else
    the plain truth."""
    suppliers = {row["supplier_old"], row["supplier_new"]} - {""}
    events = _events_about(ctx.events, row["component_id"], suppliers, ctx.order)
    if events:
        return _join(events)
    facts = _input_changes(
        ctx.old, ctx.new, ctx.span(row["start_old"], row["start_new"]), ctx.currency
    )
    facts += _offer_facts(row, ctx)
    if row["start_new"]:
        facts += _plan_reason(
            ctx.new, ctx.new_name, row["component_id"], row["supplier_new"], row["start_new"]
        )
    elif row["start_old"]:
        facts.append(
            _compose(
                "{new} does not start it: {c} stays with the suppliers it has.",
                "{new} không bắt đầu phê duyệt này: {c} giữ các nhà cung cấp đang có.",
                new=ctx.new_name,
                c=row["component_id"],
            )
        )
    return _join(facts) if facts else _plain(ctx)


def _parts_table(ctx: _Context, project: TypedProject) -> pd.DataFrame:
    old, new = _starts(ctx.old), _starts(ctx.new)
    known = [str(c) for c in project["Components"]["component_id"]]
    extra = [str(c) for c in pd.concat([old, new])["component_id"] if str(c) not in known]
    rows = _pairs(old, new, ctx, list(dict.fromkeys(known + extra)))
    for row in rows:
        reason = _part_reason(row, ctx)
        row["reason_en"], row["reason_vi"] = reason.en, reason.vi
    rank = {k: i for i, k in enumerate(PART_CHANGES)}
    frame = pd.DataFrame(rows, columns=PART_COLUMNS)
    frame = frame.assign(_k=frame["change"].map(rank)).sort_values("_k", kind="stable")
    return frame.drop(columns="_k").reset_index(drop=True)


# Suppliers -----------------------------------------------------------------------------------


def _supplier_reason(s: str, change: str, a: str, b: str, ctx: _Context) -> Text:
    events = _events_about(ctx.events, None, {s}, ctx.order)
    if events:
        return _join(events)
    old, new = _starts(ctx.old), _starts(ctx.new)
    mine_new = list(dict.fromkeys(new.loc[new["supplier_id"] == s, "component_id"].map(str)))
    mine_old = list(dict.fromkeys(old.loc[old["supplier_id"] == s, "component_id"].map(str)))
    if change == "added":
        return _compose(
            "{new} onboards {s} in {p} for {parts}.",
            "{new} tiếp nhận {s} trong {p} cho {parts}.",
            new=ctx.new_name,
            s=s,
            p=b,
            parts=", ".join(mine_new),
        )
    if change == "dropped":
        went = []
        for c in mine_old:
            to = sorted(set(new.loc[new["component_id"] == c, "supplier_id"].map(str)))
            went.append(
                Text(f"{c} → {', '.join(to)}", f"{c} → {', '.join(to)}")
                if to
                else Text(f"{c} stays with its suppliers", f"{c} giữ nhà cung cấp đang có")
            )
        return _compose(
            "No part goes to {s} in {new} ({went}).",
            "Không linh kiện nào chuyển sang {s} trong {new} ({went}).",
            s=s,
            new=ctx.new_name,
            went=Text("; ".join(w.en for w in went), "; ".join(w.vi for w in went)),
        )
    facts = _input_changes(ctx.old, ctx.new, ctx.span(a, b), ctx.currency)
    moved = _compose(
        "Its first qualification moves from {a} to {b} ({parts}).",
        "Phê duyệt đầu tiên của nhà cung cấp chuyển từ {a} sang {b} ({parts}).",
        a=a,
        b=b,
        parts=", ".join(mine_new or mine_old),
    )
    return _join([moved, *facts])


def _suppliers_table(ctx: _Context) -> pd.DataFrame:
    was, now = _onboards(ctx.old), _onboards(ctx.new)
    rows = []
    for s in dict.fromkeys([*now, *was]):
        a, b = was.get(s, ""), now.get(s, "")
        change = "added" if not a else "dropped" if not b else "moved" if a != b else ""
        if change:
            reason = _supplier_reason(s, change, a, b, ctx)
            rows.append((s, change, a, b, reason.en, reason.vi))
    frame = pd.DataFrame(rows, columns=SUPPLIER_COLUMNS)
    rank = {k: i for i, k in enumerate(SUPPLIER_CHANGES)}
    frame = frame.assign(_k=frame["change"].map(rank)).sort_values(["_k"], kind="stable")
    return frame.drop(columns="_k").reset_index(drop=True)


# Money ---------------------------------------------------------------------------------------


def _money_table(old: Plan, new: Plan, order: dict[str, int]) -> pd.DataFrame:
    """Each period's money by kind in both plans and the change, then the horizon's totals
    (sums of the rows above, so the total change is exactly new less old)."""
    periods = [
        p
        for p in order
        if p in set(map(str, old.periods["period"])) | set(map(str, new.periods["period"]))
    ]
    frame = pd.DataFrame({"period": periods})
    for plan, side in ((old, "old"), (new, "new")):
        per = plan.periods.assign(period=plan.periods["period"].map(str)).set_index("period")
        for kind, column in _MONEY_SOURCE.items():
            values = pd.to_numeric(per[column], errors="coerce").reindex(periods)
            frame[f"{kind}_{side}"] = values.fillna(0.0).to_numpy(dtype=float)
    total = {"period": TOTAL, **{c: float(frame[c].sum()) for c in frame.columns if c != "period"}}
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    for kind in MONEY_KINDS:
        frame[f"{kind}_change"] = frame[f"{kind}_new"] - frame[f"{kind}_old"]
    return frame[MONEY_COLUMNS]


# Limits --------------------------------------------------------------------------------------

# family -> (now binds, no longer binds), each without its final stop
_LIMIT_TEXT = {
    "budget": (
        (
            "The one-time budget of {p} is now fully used",
            "Ngân sách một lần kỳ {p} nay đã dùng hết",
        ),
        (
            "The one-time budget of {p} no longer binds",
            "Ngân sách một lần kỳ {p} không còn chạm giới hạn",
        ),
    ),
    "qualification_slots": (
        ("Every qualification slot of {p} is now used", "Kỳ {p} nay dùng hết lượt phê duyệt"),
        (
            "The qualification slots of {p} no longer bind",
            "Lượt phê duyệt kỳ {p} không còn chạm giới hạn",
        ),
    ),
    "qualifications_in_progress": (
        (
            "Engineering now runs all the qualifications it can in {p}",
            "Kỳ {p} kỹ thuật nay chạy tối đa số phê duyệt",
        ),
        (
            "Engineering no longer runs all the qualifications it can in {p}",
            "Kỳ {p} kỹ thuật không còn chạy tối đa số phê duyệt",
        ),
    ),
    "china_cap": (
        (
            "The Chinese share of {pr} in {p} is now held at its cap",
            "Tỷ lệ TQ của {pr} kỳ {p} nay chạm trần",
        ),
        (
            "The Chinese share of {pr} in {p} no longer binds at its cap",
            "Tỷ lệ TQ của {pr} kỳ {p} không còn chạm trần",
        ),
    ),
    "rvc_min": (
        (
            "{pr} in {p} is now held at the least Vietnamese value content",
            "{pr} kỳ {p} nay ở đúng mức RVC tối thiểu",
        ),
        (
            "{pr} in {p} is no longer held at the least Vietnamese value content",
            "{pr} kỳ {p} không còn ở đúng mức RVC tối thiểu",
        ),
    ),
    "supplier_capacity": (
        ("{s} is now at its capacity in {p}", "{s} nay dùng hết công suất kỳ {p}"),
        ("{s} is no longer at its capacity in {p}", "{s} không còn dùng hết công suất kỳ {p}"),
    ),
}
_INPUT_OF = {
    "budget": "budget",
    "qualification_slots": "qualification_slots",
    "qualifications_in_progress": "in_progress_limit",
}


def _binding(plan: Plan) -> dict[tuple[str, str, str, str], Text | None]:
    """The plan's binding limits: those priced in plan.limits (with their sentence) and every
    budget, slot and in-progress limit at its cap in plan.periods."""
    out: dict[tuple[str, str, str, str], Text | None] = {}
    per = plan.periods
    for family, (used, limit) in _PERIOD_LIMITS.items():
        if not {used, limit} <= set(per.columns):
            continue
        cap = pd.to_numeric(per[limit], errors="coerce")
        got = pd.to_numeric(per[used], errors="coerce")
        at = cap.notna() & (cap < math.inf) & (got >= cap - TOL * cap.abs().clip(lower=1.0))
        for p in per.loc[at, "period"]:
            out[(family, str(p), "", "")] = None
    for r in plan.limits.to_dict("records"):
        key = (_str(r["family"]), _str(r["period"]), _str(r["product_id"]), _str(r["supplier_id"]))
        out[key] = Text(_str(r["text_en"]), _str(r["text_vi"]))
    return out


def _limit_figures(plan: Plan, family: str, period: str, currency: str) -> Text | None:
    """'$1,000 of $1,000': a period limit's use in the plan."""
    if family not in _PERIOD_LIMITS:
        return None
    used, limit = _PERIOD_LIMITS[family]
    rows = plan.periods[plan.periods["period"].map(str) == period]
    if rows.empty or not {used, limit} <= set(rows.columns):
        return None
    money = family == "budget"
    if _blank(rows[limit].iloc[0]) or float(rows[limit].iloc[0]) == math.inf:
        return None  # unlimited now: the input that changed says so
    u = _limit_value(rows[used].iloc[0], money, currency)
    cap = _limit_value(rows[limit].iloc[0], money, currency)
    return Text(f" ({u.en} of {cap.en})", f" ({u.vi} trên {cap.vi})")


def _limit_text(
    key: tuple[str, str, str, str], newly: bool, worth: Text | None, ctx: _Context
) -> Text:
    family, p, pr, s = key
    now, gone = _LIMIT_TEXT.get(
        family,
        (
            ("The limit {f} in {p} now binds", "Giới hạn {f} kỳ {p} nay đang chạm"),
            ("The limit {f} in {p} no longer binds", "Giới hạn {f} kỳ {p} không còn chạm"),
        ),
    )
    en, vi = now if newly else gone
    head = t(en, vi, p=p, pr=pr, s=s, f=family)
    figures = _limit_figures(ctx.new, family, p, ctx.currency)
    if figures is not None:
        head = Text(head.en + figures.en, head.vi + figures.vi)
    facts = [Text(head.en + ".", head.vi + ".")]
    if family in _INPUT_OF:
        facts += _input_changes(ctx.old, ctx.new, [p], ctx.currency, (_INPUT_OF[family],))
    if worth is not None and worth.en:
        facts.append(
            worth if newly else Text(f"{ctx.old_name}: {worth.en}", f"{ctx.old_name}: {worth.vi}")
        )
    return _join(facts)


def _limits_table(ctx: _Context) -> pd.DataFrame:
    was, now = _binding(ctx.old), _binding(ctx.new)
    rows = []
    for key, worth in now.items():
        if key not in was:
            text = _limit_text(key, True, worth, ctx)
            rows.append((*key, "newly_binding", text.en, text.vi))
    for key, worth in was.items():
        if key not in now:
            text = _limit_text(key, False, worth, ctx)
            rows.append((*key, "no_longer_binding", text.en, text.vi))
    frame = pd.DataFrame(rows, columns=LIMIT_CHANGE_COLUMNS)
    frame = frame.assign(_at=frame["period"].map(lambda p: ctx.order.get(p, 1 << 30)))
    frame = frame.sort_values(["change", "_at", "family"], kind="stable")
    return frame.drop(columns="_at").reset_index(drop=True)


# Headline ------------------------------------------------------------------------------------

_KIND_WORDS = {
    "material": ("material", "vật tư"),
    "one_time": ("one-time", "chi phí một lần"),
    "duty": ("duty", "thuế"),
}


def _money_headline(money: pd.DataFrame, ctx: _Context) -> Text:
    total = money[money["period"] == TOTAL].iloc[0]
    x = float(total["total_change"])
    names = {"new": ctx.new_name, "old": ctx.old_name}
    if abs(x) < CENT:
        return _compose(
            "{new} costs the same as {old}: {m}.",
            "{new} có cùng chi phí với {old}: {m}.",
            m=_money_text(float(total["total_new"]), ctx.currency),
            **names,
        )
    by = [
        Text(
            f"{en} {_signed(float(total[f'{k}_change']), 'en', ctx.currency)}",
            f"{vi} {_signed(float(total[f'{k}_change']), 'vi', ctx.currency)}",
        )
        for k, (en, vi) in _KIND_WORDS.items()
        if abs(float(total[f"{k}_change"])) >= CENT
    ]
    more = x > 0
    return _compose(
        "{new} costs {m} " + ("more" if more else "less") + " than {old}: {by}.",
        "{new} " + ("tốn hơn" if more else "rẻ hơn") + " {old} {m}: {by}.",
        m=_money_text(abs(x), ctx.currency),
        by=Text(", ".join(b.en for b in by), ", ".join(b.vi for b in by)),
        **names,
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _moves_headline(parts: pd.DataFrame, suppliers: pd.DataFrame) -> Text:
    n = parts["change"].value_counts()
    en: list[str] = []
    vi: list[str] = []
    for key, word_en, word_vi in (
        ("later", "later", "muộn hơn"),
        ("earlier", "earlier", "sớm hơn"),
        ("ready_later", "ready later", "sẵn sàng muộn hơn"),
        ("ready_earlier", "ready earlier", "sẵn sàng sớm hơn"),
        ("other_supplier", "to another supplier", "sang nhà cung cấp khác"),
    ):
        k = int(n.get(key, 0))
        if k:
            en.append(
                f"{_plural(k, 'part moves', 'parts move')} {word_en}"
                if not en
                else f"{k} {word_en}"
            )
            vi.append(f"{k} linh kiện chuyển {word_vi}" if not vi else f"{k} {word_vi}")
    if n.get("new_switch", 0):
        k = int(n["new_switch"])
        en.append(_plural(k, "new switch", "new switches"))
        vi.append(f"{k} chuyển đổi mới")
    if n.get("dropped_switch", 0):
        k = int(n["dropped_switch"])
        en.append(_plural(k, "switch dropped", "switches dropped"))
        vi.append(f"bỏ {k} chuyển đổi")
    if not en:
        en.append("no part changes supplier or quarter")
        vi.append("không linh kiện nào đổi nhà cung cấp hay kỳ chuyển đổi")
    s = suppliers["change"].value_counts()
    sup_en, sup_vi = [], []
    for key, one, many, word_vi in (
        ("added", "supplier added", "suppliers added", "thêm {k} nhà cung cấp"),
        ("dropped", "supplier dropped", "suppliers dropped", "bỏ {k} nhà cung cấp"),
        (
            "moved",
            "supplier onboarded in another quarter",
            "suppliers onboarded in another quarter",
            "{k} nhà cung cấp đổi kỳ tiếp nhận",
        ),
    ):
        k = int(s.get(key, 0))
        if k:
            sup_en.append(_plural(k, one, many))
            sup_vi.append(word_vi.format(k=k))
    text_en = ", ".join(en) + ("; " + ", ".join(sup_en) if sup_en else "") + "."
    text_vi = ", ".join(vi) + ("; " + ", ".join(sup_vi) if sup_vi else "") + "."
    return Text(text_en[0].upper() + text_en[1:], text_vi[0].upper() + text_vi[1:])


def _limits_headline(limits: pd.DataFrame) -> Text | None:
    n = limits["change"].value_counts()
    new, gone = int(n.get("newly_binding", 0)), int(n.get("no_longer_binding", 0))
    if not new and not gone:
        return None
    en = [
        x
        for x in (
            _plural(new, "limit newly binds", "limits newly bind") if new else "",
            _plural(gone, "limit no longer binds", "limits no longer bind") if gone else "",
        )
        if x
    ]
    vi = [
        x
        for x in (
            f"{new} giới hạn mới chạm" if new else "",
            f"{gone} giới hạn không còn chạm" if gone else "",
        )
        if x
    ]
    return Text(", ".join(en) + ".", ", ".join(vi) + ".")


def _headline(diff: PlanDiff, ctx: _Context) -> list[Text]:
    if diff.unchanged:
        total = diff.money[diff.money["period"] == TOTAL]["total_new"].iloc[0]
        return [
            _compose(
                "Nothing changed between {old} and {new}: the same switches, suppliers and "
                "binding limits, at the same cost ({m}).",
                "Không có gì thay đổi giữa {old} và {new}: cùng các chuyển đổi, nhà cung cấp và "
                "giới hạn đang chạm, cùng chi phí ({m}).",
                old=ctx.old_name,
                new=ctx.new_name,
                m=_money_text(float(total), ctx.currency),
            )
        ]
    out = [_money_headline(diff.money, ctx), _moves_headline(diff.parts, diff.suppliers)]
    limits = _limits_headline(diff.limits)
    return out + ([limits] if limits is not None else [])


# The entry points ----------------------------------------------------------------------------


def diff_plans(
    old: Plan,
    new: Plan,
    project: TypedProject,
    *,
    old_name: str = "old",
    new_name: str = "new",
    events: pd.DataFrame | None = None,
) -> PlanDiff:
    """What changed from `old` to `new` (`project` is the new plan's: its parts, periods and
    currency). `events`, the Actuals (EVENT_COLUMNS), explain the lines they concern."""
    order = _period_order(project, old, new)
    money = _money_table(old, new, order)
    ctx = _Context(
        old=old,
        new=new,
        events=_events(events),
        order=order,
        currency=project.settings.currency,
        old_name=old_name,
        new_name=new_name,
        total_change=float(money["total_change"].iloc[-1]),
    )
    diff = PlanDiff(
        old_name=old_name,
        new_name=new_name,
        currency=ctx.currency,
        parts=_parts_table(ctx, project),
        suppliers=_suppliers_table(ctx),
        money=money,
        limits=_limits_table(ctx),
    )
    diff.headline = _headline(diff, ctx)
    return diff


def _plain_value(value: object) -> object:
    """A cell as JSON holds it: numbers as floats, blanks and infinities as null."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def _records(frame: pd.DataFrame, lang: str, texts: tuple[str, str], name: str) -> list[dict]:
    """Rows as dicts, the sentence in `lang` under `name` instead of its two columns."""
    en, vi = texts
    out = []
    for row in frame.to_dict("records"):
        text = row.pop(en, None), row.pop(vi, None)
        row = {k: _plain_value(v) for k, v in row.items()}
        if text[0] is not None:
            row[name] = text[1] if lang == "vi" else text[0]
        out.append(row)
    return out


def diff_dict(diff: PlanDiff, lang: str = "en") -> dict[str, Any]:
    """The diff as JSON-able data in `lang` (`locplan diff --json`)."""
    return {
        "old": diff.old_name,
        "new": diff.new_name,
        "currency": diff.currency,
        "unchanged": diff.unchanged,
        "total_change": _plain_value(diff.total_change),
        "headline": [h.get(lang) for h in diff.headline],
        "parts": _records(diff.parts, lang, ("reason_en", "reason_vi"), "reason"),
        "suppliers": _records(diff.suppliers, lang, ("reason_en", "reason_vi"), "reason"),
        "money": _records(diff.money, lang, ("", ""), ""),
        "limits": _records(diff.limits, lang, ("text_en", "text_vi"), "text"),
    }


__all__ = [
    "EVENT_COLUMNS",
    "LIMIT_CHANGES",
    "LIMIT_CHANGE_COLUMNS",
    "MONEY_COLUMNS",
    "PART_CHANGES",
    "PART_COLUMNS",
    "SUPPLIER_CHANGES",
    "SUPPLIER_COLUMNS",
    "TOTAL",
    "PlanDiff",
    "diff_dict",
    "diff_plans",
]
