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
TIGHT = 0.005  # a share this close under a tier bound or cap is a risk worth naming


def _w(lang: str, en: str, vi: str) -> str:
    return vi if lang == "vi" else en


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
        f"{len(periods)} quarter(s) from {periods[0]} to {periods[-1]} and onboarding "
        f"{onboard} new supplier(s). {by_period}.",
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


def _risks(plan: Plan, lang: str, currency: str) -> str:
    risks: list[str] = []
    content = plan.content
    if "tier_margin" in content.columns:
        near = content[pd.to_numeric(content["tier_margin"], errors="coerce") < TIGHT]
        if not near.empty:
            r = near.sort_values("tier_margin").iloc[0]
            risks.append(
                _w(
                    lang,
                    f"{r['product_id']} is only {fmt.pct(r['tier_margin'], lang, 2)} under the "
                    f"{fmt.pct(r['tier_bound'], lang)} tariff threshold in {r['period']} "
                    f"({len(near)} product-quarter(s) this close): a price or volume change "
                    "can tip it into the higher rate",
                    f"{r['product_id']} chỉ thấp hơn ngưỡng thuế {fmt.pct(r['tier_bound'], lang)} "
                    f"{fmt.pct(r['tier_margin'], lang, 2)} trong kỳ {r['period']} "
                    f"({len(near)} sản phẩm-kỳ sát ngưỡng): thay đổi giá hay sản lượng có thể "
                    "đẩy sang mức thuế cao hơn",
                )
            )
    reasons = plan.reasons
    if not reasons.empty:
        due = reasons[
            (reasons["ready_period"] == reasons["needed_period"]) & (reasons["needed_for"] != "")
        ]
        if not due.empty:
            risks.append(
                _w(
                    lang,
                    f"{len(due)} qualification(s) are ready exactly when they are needed: a late "
                    "audit or tooling moves the deadline",
                    f"{len(due)} phê duyệt sẵn sàng đúng lúc cần: chậm đánh giá hay khuôn mẫu sẽ "
                    "trễ hạn",
                )
            )
    limits = plan.limits
    if not limits.empty:
        top = limits.sort_values("value", ascending=False).iloc[0]
        risks.append(
            _w(
                lang,
                f"{len(limits)} limit(s) bind; the most costly: {top['text_en'].rstrip('.')}",
                f"{len(limits)} giới hạn đang chạm; tốn kém nhất: {top['text_vi'].rstrip('.')}",
            )
        )
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


def decision(project: TypedProject, plan: Plan, lang: str = "en") -> list[str]:
    """The plan as a manager decides on it: a paragraph each for what moves when, why, what it
    costs, what it saves, what it risks and what it assumes."""
    currency = project.settings.currency
    out = [_moves(project, plan, lang)]
    needs = _needs(plan, lang)
    if needs:
        out.append(needs)
    out += [
        _costs(project, plan, lang, currency),
        certainty(plan, float(project.settings.mip_gap), currency, lang),
        _saves(project, plan, lang, currency),
        _risks(plan, lang, currency),
        _assumptions(project, plan, lang),
    ]
    return out


__all__ = ["decision"]
