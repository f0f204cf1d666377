"""The decision in plain words, for the first page of the printed plan: what moves when, what it
costs, what it saves, what it risks and which assumptions it rests on.

Every figure comes from the plan's tables (checked by planner/verify.py); nothing is solved
or estimated here, only counted, summed and put into sentences.
"""

from __future__ import annotations

import math

import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.report import fmt
from planner.report.certainty import certainty
from planner.report.tables import TIERS_ASSUMED, headline, need_label

LIST_PARTS = 5  # parts named per quarter before "and N more"
NEAR = 0.01  # a share this close under a tariff bound or a customer's cap is named, with its money
AT = 5e-5  # closer than this is at the cap ("0.00% under" would say nothing)
LIST_BOUNDS = 6  # bounds named before "and N more"


def _w(lang: str, en: str, vi: str) -> str:
    return vi if lang == "vi" else en


def _count(n: int, one: str, many: str) -> str:
    """'1 bound', '3 bounds': English numbers agree with their noun (no '(s)')."""
    return f"{n} {one if n == 1 else many}"


def _parts(names: list[str], lang: str) -> str:
    shown = ", ".join(names[:LIST_PARTS])
    more = len(names) - LIST_PARTS
    if more > 0:
        shown += _w(lang, f" and {more} more", f" và {more} linh kiện khác")
    return shown


def _moves(project: TypedProject, plan: Plan, lang: str) -> str:
    starts = plan.actions[plan.actions["kind"] == "start_qualification"]
    if starts.empty:
        return _w(
            lang,
            "Keep every part with its current supplier: no switch pays for itself or is needed.",
            "Giữ mọi linh kiện với nhà cung cấp hiện tại: không chuyển đổi nào cần hoặc có lợi.",
        )
    periods = [p for p in project.periods if (starts["period"] == p).any()]
    parts = starts["component_id"].nunique()
    onboard = int((plan.actions["kind"] == "onboard").sum())
    by_period = "; ".join(
        f"{p}: {_parts(list(starts.loc[starts['period'] == p, 'component_id']), lang)}"
        for p in periods
    )
    return _w(
        lang,
        f"Move {parts} parts to new suppliers, starting their qualification in "
        f"{_count(len(periods), 'quarter', 'quarters')} from {periods[0]} to {periods[-1]} "
        f"and onboarding {_count(onboard, 'new supplier', 'new suppliers')}. {by_period}.",
        f"Chuyển {parts} linh kiện sang nhà cung cấp mới, bắt đầu phê duyệt trong "
        f"{len(periods)} kỳ từ {periods[0]} đến {periods[-1]} và đánh giá {onboard} nhà "
        f"cung cấp mới. {by_period}.",
    )


def _costs(project: TypedProject, plan: Plan, lang: str, currency: str) -> str:
    head = headline(project, plan)
    once = fmt.money(head["one_time_cost"], lang, currency)
    reasons = plan.reasons
    premium = float(reasons.loc[reasons["needed_for"] != "new_part", "premium"].sum())
    money = fmt.money(abs(premium), lang, currency)
    if premium >= 0:
        extra = _w(
            lang,
            f" and {money} more for the new suppliers' parts over the horizon",
            f" và thêm {money} tiền mua linh kiện từ nhà cung cấp mới trong cả kỳ kế hoạch",
        )
    else:
        extra = _w(
            lang,
            f"; the new suppliers' parts cost {money} less over the horizon",
            f"; linh kiện từ nhà cung cấp mới rẻ hơn {money} trong cả kỳ kế hoạch",
        )
    return _w(
        lang,
        f"It costs {once} once (switching and onboarding, within every quarter's budget){extra}.",
        f"Chi phí một lần {once} (chuyển đổi và đánh giá, trong ngân sách từng kỳ){extra}.",
    )


def _saves(project: TypedProject, plan: Plan, lang: str, currency: str) -> str:
    head = headline(project, plan)

    def m(key: str) -> str:
        return fmt.money(head[key], lang, currency)

    if head["do_nothing_cost"] is None:
        return _w(
            lang, f"The plan costs {m('total_cost')} in all.", f"Tổng chi phí {m('total_cost')}."
        )
    saving = head["saving_vs_do_nothing"] or 0.0
    text = _w(
        lang,
        f"It saves {fmt.money(saving, lang, currency)} against keeping today's suppliers "
        f"({m('total_cost')} instead of {m('do_nothing_cost')})",
        f"Tiết kiệm {fmt.money(saving, lang, currency)} so với giữ nguyên nhà cung cấp "
        f"({m('total_cost')} thay vì {m('do_nothing_cost')})",
    )
    if head["tariffs_saved"] is not None:
        text += _w(
            lang,
            f": the duty falls from {m('do_nothing_tariff')} to {m('tariff_cost')}.",
            f": thuế giảm từ {m('do_nothing_tariff')} xuống {m('tariff_cost')}.",
        )
    else:
        text += "."
    per = plan.periods
    if "vn_spend_share" in per.columns and len(per):
        first, last = per["vn_spend_share"].iloc[0], per["vn_spend_share"].iloc[-1]
        text += _w(
            lang,
            f" The Vietnamese share of material spend rises from {fmt.pct(first, lang, 1)} "
            f"in {per['period'].iloc[0]} to {fmt.pct(last, lang, 1)} in {per['period'].iloc[-1]}.",
            f" Tỷ lệ chi phí vật tư mua tại Việt Nam tăng từ {fmt.pct(first, lang, 1)} "
            f"kỳ {per['period'].iloc[0]} lên {fmt.pct(last, lang, 1)} kỳ {per['period'].iloc[-1]}.",
        )
    return text


def _near_bounds(plan: Plan, lang: str, currency: str) -> list[str]:
    """Every bound a product sits within NEAR of, with the money at stake: the duty a slip
    over a tariff bound adds (products that pay duty only), the US-bound shipments a
    customer's cap guards."""
    content = plan.content
    out: list[str] = []
    if {"tier_margin", "duty_at_stake"} <= set(content.columns):
        room = pd.to_numeric(content["tier_margin"], errors="coerce")
        near = content[(room < NEAR) & (content["duty_at_stake"] > 0)]
        for r in near.sort_values("tier_margin").itertuples(index=False):
            out.append(
                _w(
                    lang,
                    f"{r.product_id} {r.period} is {fmt.pct(r.tier_margin, lang, 2)} under the "
                    f"{fmt.pct(r.tier_bound, lang)} tariff bound "
                    f"({fmt.compact_money(r.duty_at_stake, lang, currency)} more duty if it "
                    "slips over)",
                    f"{r.product_id} {r.period} thấp hơn ngưỡng thuế "
                    f"{fmt.pct(r.tier_bound, lang)} {fmt.pct(r.tier_margin, lang, 2)} "
                    f"(thêm {fmt.compact_money(r.duty_at_stake, lang, currency)} thuế nếu vượt)",
                )
            )
    if {"cap_margin", "us_value"} <= set(content.columns):
        room = pd.to_numeric(content["cap_margin"], errors="coerce")
        near = content[room < NEAR]
        for r in near.sort_values("cap_margin").itertuples(index=False):
            room = fmt.pct(r.cap_margin, lang, 2)
            at = r.cap_margin < AT
            out.append(
                _w(
                    lang,
                    f"{r.product_id} {r.period} is "
                    + ("at" if at else f"{room} under")
                    + f" the customer's {fmt.pct(r.cap, lang)} cap "
                    f"({fmt.compact_money(r.us_value, lang, currency)} shipped to the US)",
                    f"{r.product_id} {r.period} "
                    + ("ở đúng" if at else f"thấp hơn {room} so với")
                    + f" trần {fmt.pct(r.cap, lang)} của khách hàng "
                    f"({fmt.compact_money(r.us_value, lang, currency)} xuất sang Mỹ)",
                )
            )
    return out


def _margin_prices(plan: Plan, lang: str, currency: str) -> list[str]:
    """What each margin kept below a bound costs, as planned (planner.optimise.margins)."""
    from planner import fields

    out = []
    for r in plan.margins.itertuples(index=False):
        if pd.isna(r.price):
            continue
        title = fields.setting(str(r.setting)).title.get(lang).lower()
        price = fmt.compact_money(r.price, lang, currency)
        without = fmt.compact_money(r.cost_without, lang, currency)
        span = ""
        if not pd.isna(r.price_low) and not pd.isna(r.price_high):
            low = fmt.compact_money(r.price_low, lang, currency)
            high = fmt.compact_money(r.price_high, lang, currency)
            span = _w(
                lang,
                f"; the best plans' difference lies between {low} and {high}",
                f"; chênh lệch của các kế hoạch tốt nhất nằm giữa {low} và {high}",
            )
        out.append(
            _w(
                lang,
                f"{title} ({fmt.pct(r.margin, lang)}) costs {price} as planned (the plan "
                f"without it: {without}{span})",
                f"{title} ({fmt.pct(r.margin, lang)}) tốn {price} theo kế hoạch (kế hoạch "
                f"không có biên: {without}{span})",
            )
        )
    return out


def _limits_reached(plan: Plan) -> dict[str, int]:
    """How many limits of each kind the plan is at (per quarter: the budget, the
    qualification slots, the qualifications engineering can run at once; per product and
    quarter: the customer's cap): the execution buffer a late audit eats first."""
    per = plan.periods
    reached: dict[str, int] = {}
    for used, limit, key in (
        ("budget_used", "budget", "budget"),
        ("slots_used", "qualification_slots", "slots"),
        ("in_progress", "in_progress_limit", "in_progress"),
    ):
        if {used, limit} <= set(per.columns):
            room = pd.to_numeric(per[limit], errors="coerce") - per[used]
            at = room[pd.to_numeric(per[limit], errors="coerce") < math.inf] < 1e-6
            if at.any():
                reached[key] = int(at.sum())
    if "cap_margin" in plan.content.columns:
        at_cap = int((pd.to_numeric(plan.content["cap_margin"], errors="coerce") < AT).sum())
        if at_cap:
            reached["cap"] = at_cap
    return reached


_REACHED = {
    "budget": ("quarter at its budget", "quarters at their budget", "kỳ hết ngân sách"),
    "slots": (
        "quarter with every qualification slot used",
        "quarters with every qualification slot used",
        "kỳ dùng hết lượt phê duyệt",
    ),
    "in_progress": (
        "quarter with engineering running all the qualifications it can",
        "quarters with engineering running all the qualifications it can",
        "kỳ kỹ thuật chạy tối đa số phê duyệt",
    ),
    "cap": (
        "product-quarter at the customer's cap",
        "product-quarters at the customer's cap",
        "sản phẩm-kỳ ở đúng trần khách hàng",
    ),
}


def _reached_text(reached: dict[str, int], plan: Plan, lang: str) -> str:
    """The limits the plan is at, and which of them has a price (plan.limits)."""
    parts = [
        _w(lang, _count(n, *_REACHED[k][:2]), f"{n} {_REACHED[k][2]}") for k, n in reached.items()
    ]
    text = _w(lang, "no room left in ", "hết dư địa: ") + ", ".join(parts)
    limits = plan.limits
    if not limits.empty:
        top = limits.sort_values("value", ascending=False).iloc[0]
        text += _w(
            lang,
            f" ({_count(len(limits), 'limit has', 'limits have')} a price; the most costly: "
            f"{top['text_en'].rstrip('.')})",
            f" ({len(limits)} giới hạn có giá; tốn kém nhất: {top['text_vi'].rstrip('.')})",
        )
    return text


def _risks(plan: Plan, lang: str, currency: str) -> str:
    near = _near_bounds(plan, lang, currency)
    risks: list[str] = []
    if near:
        head = _w(
            lang,
            f"{_count(len(near), 'bound', 'bounds')} within {NEAR * 100:g} point: ",
            f"{len(near)} ngưỡng trong phạm vi {NEAR * 100:g} điểm: ",
        )
        shown = near[:LIST_BOUNDS]
        more = len(near) - len(shown)
        tail = _w(lang, f" and {more} more", f" và {more} ngưỡng khác") if more > 0 else ""
        risks.append(head + ", ".join(shown) + tail)
    risks += _margin_prices(plan, lang, currency)
    reasons = plan.reasons
    if not reasons.empty:
        due = reasons[
            (reasons["ready_period"] == reasons["needed_period"]) & (reasons["needed_for"] != "")
        ]
        if not due.empty:
            risks.append(
                _w(
                    lang,
                    f"{_count(len(due), 'qualification is', 'qualifications are')} ready exactly "
                    "when needed: a late "
                    "audit or tooling moves the deadline",
                    f"{len(due)} phê duyệt sẵn sàng đúng lúc cần: chậm đánh giá hay khuôn mẫu sẽ "
                    "trễ hạn",
                )
            )
    reached = _limits_reached(plan)
    if reached:
        risks.append(_reached_text(reached, plan, lang))
    # how sure the plan is (a cheaper plan may exist) is its own paragraph: certainty.py
    if not risks:
        return _w(
            lang,
            "No limit binds and no share sits close to a threshold.",
            "Không giới hạn nào đang chạm và không tỷ lệ nào sát ngưỡng.",
        )
    return _w(lang, "Risks: ", "Rủi ro: ") + "; ".join(risks) + "."


def _assumptions(project: TypedProject, plan: Plan, lang: str) -> str:
    s = plan.summary
    parts = []
    if s is not None:
        share = s.tariff_pass_through
        parts.append(
            _w(
                lang,
                f"the factory bears {fmt.pct(share, lang)} of the US duty (pass-through)",
                f"nhà máy chịu {fmt.pct(share, lang)} thuế Mỹ (tỷ lệ chia sẻ)",
            )
        )
    if s is not None and s.content_tiers_assumed:
        parts.append(
            _w(
                lang,
                f"tariff rates that depend on the Chinese share are {TIERS_ASSUMED[0]}",
                f"mức thuế theo tỷ lệ TQ là {TIERS_ASSUMED[1]}",
            )
        )
    caps = [
        (p, c)
        for p, c in zip(project.periods, project["Periods"]["china_cap"], strict=True)
        if c is not None and not (isinstance(c, float) and math.isnan(c))
    ]
    if caps:
        p, c = caps[-1]
        parts.append(
            _w(
                lang,
                f"the glide path brings the Chinese share under {fmt.pct(c, lang)} by {p}",
                f"lộ trình đưa tỷ lệ TQ xuống dưới {fmt.pct(c, lang)} vào {p}",
            )
        )
    parts.append(
        _w(
            lang,
            "the quotes hold as given (prices, lead times, ramps and capacities)",
            "các báo giá giữ nguyên (giá, thời gian, tốc độ chuyển và công suất)",
        )
    )
    return _w(lang, "It rests on these assumptions: ", "Kế hoạch dựa trên các giả định: ") + (
        "; ".join(parts) + "."
    )


def _needs(plan: Plan, lang: str) -> str | None:
    reasons = plan.reasons
    if reasons.empty:
        return None
    counts = reasons["needed_for"].value_counts()
    listed = ", ".join(f"{n} × {need_label(k, lang)}" for k, n in counts.items())
    return _w(
        lang,
        f"What needs the switches: {listed} (each switch's reason is in its phase).",
        f"Nhu cầu chuyển đổi: {listed} (lý do từng chuyển đổi nằm trong giai đoạn của nó).",
    )


def decision(project: TypedProject, plan: Plan, lang: str = "en", risks: bool = True) -> list[str]:
    """The plan as a manager decides on it: a paragraph each for what moves when, why, what it
    costs, what it saves, what it risks (unless `risks` is False: the sign-off page lists them
    with their money) and what it assumes."""
    currency = project.settings.currency
    out = [_moves(project, plan, lang)]
    needs = _needs(plan, lang)
    if needs:
        out.append(needs)
    out += [
        _costs(project, plan, lang, currency),
        certainty(plan, float(project.settings.mip_gap), currency, lang),
        _saves(project, plan, lang, currency),
        _risks(plan, lang, currency) if risks else "",
        _concentration(project, plan, lang),
        _assumptions(project, plan, lang),
    ]
    return [paragraph for paragraph in out if paragraph]


def _concentration(project: TypedProject, plan: Plan, lang: str) -> str:
    """Who holds the most of the last quarter's spend: the largest country other than China
    and the largest new supplier against their limits, and every supplier today above the
    share a new supplier may hold (the rules bind new suppliers; today's are warned of)."""
    load = plan.supplier_load
    if "spend_share" not in load.columns or load.empty:
        return ""
    last = project.periods[-1]
    now = load[load["period"] == last]
    settings = project.settings
    most = settings.max_supplier_spend_share
    parts = []
    countries = now[~now["country"].isin(["CN", "VN"])].groupby("country")["spend_share"].sum()
    if not countries.empty:
        k = countries.idxmax()
        parts.append(
            _w(
                lang,
                f"{k} holds {fmt.pct(countries[k], lang, 1)} of {last}'s material spend",
                f"{k} chiếm {fmt.pct(countries[k], lang, 1)} chi phí vật tư kỳ {last}",
            )
        )
    new = now[now["is_new"].astype(bool)]
    if not new.empty:
        top = new.sort_values("spend_share").iloc[-1]
        unlimited = most is None or most >= 1
        limit = _w(lang, "no limit", "không giới hạn") if unlimited else fmt.pct(most, lang)
        parts.append(
            _w(
                lang,
                f"the largest new supplier, {top['supplier_id']}, "
                f"{fmt.pct(top['spend_share'], lang, 1)} (limit {limit})",
                f"NCC mới lớn nhất, {top['supplier_id']}, {fmt.pct(top['spend_share'], lang, 1)} "
                f"(giới hạn {limit})",
            )
        )
    if most is not None and most < 1:
        above = now[~now["is_new"].astype(bool) & (now["spend_share"] > float(most))]
        for r in above.itertuples(index=False):
            parts.append(
                _w(
                    lang,
                    f"today's supplier {r.supplier_id} holds {fmt.pct(r.spend_share, lang, 1)}, "
                    f"above the {fmt.pct(most, lang)} a new supplier may hold",
                    f"NCC hiện tại {r.supplier_id} chiếm {fmt.pct(r.spend_share, lang, 1)}, "
                    f"trên mức {fmt.pct(most, lang)} một NCC mới được nhận",
                )
            )
    if not parts:
        return ""
    return _w(lang, "Concentration: ", "Mức tập trung: ") + "; ".join(parts) + "."


__all__ = ["decision"]
