"""The sign-off page that opens the printed plan: what the director signs. The plan's name and
version, the decision in plain words, the ask (one-time money by quarter, the material premium,
the suppliers to onboard), the chosen scenario against its alternatives, the risks with the
money at stake, what changed since the last approved version, and lines to sign.

Every figure is read from the checked plan's tables (the report's, so paper and screen agree);
nothing is solved here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planner.plan import Plan
from planner.project import TypedProject
from planner.report import fmt
from planner.report import story as st
from planner.report import tables as tb
from planner.report.changes import ChangeReport, short_parts
from planner.report.decision import AT, NEAR
from planner.report.labels import label
from planner.report.phase_plan import grid
from planner.report.plan_diff import PlanDiff

# one row per scenario planned, when the plan was chosen among scenarios
ALTERNATIVE_COLUMNS = [
    "scenario",
    "total_cost",
    "one_time_cost",
    "tariff_cost",
    "china_share_last",
    "verified",
]
RISK_ROWS = 8  # risks listed on the page, the costliest first
CHANGE_ROWS = 6  # parts that move listed on the page (all of them in "What changed")


@dataclass(frozen=True)
class Approval:
    """An approved version of the plan of record."""

    version: int
    date: str
    approver: str
    note: str = ""


@dataclass
class SignOff:
    """What the sign-off page says beyond the plan itself: the version this plan would become
    (or is), the last approved version, what changed since it, and the scenarios it was chosen
    from (ALTERNATIVE_COLUMNS; `chosen` names this plan's)."""

    version: int | None = None
    approved: Approval | None = None
    diff: PlanDiff | None = None
    alternatives: pd.DataFrame | None = None
    chosen: str | None = None
    through: str = ""  # re-planned from what happened through this period ("": planned whole)
    sunk_cost: float = 0.0  # spent on what failed, not in the plan's total


def _w(lang: str, en: str, vi: str) -> str:
    return vi if lang == "vi" else en


def _money(value: object, lang: str, currency: str) -> str:
    return fmt.money(value, lang, currency)


def _ask_figures(
    project: TypedProject, plan: Plan, tables: dict[str, tb.Table], lang: str
) -> tb.Table:
    """The ask in three figures: one-time money, the material premium against buying from
    today's suppliers (their plan pays no one-time cost: its material is its cost less its
    duty), and the suppliers to onboard."""
    head = tb.headline(project, plan)
    phases = tables["phases"].frame
    rows: list[tuple[str, object, str]] = [
        (label("ask_one_time", lang), head["one_time_cost"], tb.MONEY),
    ]
    if head["do_nothing_cost"] is not None and head["do_nothing_tariff"] is not None:
        today = float(head["do_nothing_cost"]) - float(head["do_nothing_tariff"])
        premium = float(head["material_cost"] or 0.0) - today
        rows.append((_premium_label(lang, today, project.settings.currency), premium, tb.MONEY))
    onboard = int((phases["action"] == "onboard").sum())
    rows.append((label("ask_onboard", lang), onboard, tb.COUNT))
    frame = pd.DataFrame(rows, columns=["item", "value", "format"])
    columns = [tb.Column("item", label("item", lang)), tb.Column("value", label("value", lang))]
    return tb.Table("signoff", label("the_ask", lang), columns, frame)


def _premium_label(lang: str, today: float, currency: str) -> str:
    money = _money(today, lang, currency)
    return _w(
        lang,
        f"Material premium over the horizon (against {money} from today's suppliers)",
        f"Chênh lệch chi phí vật tư cả kỳ (so với {money} nếu giữ nhà cung cấp hiện tại)",
    )


def _one_time_by_quarter(tables: dict[str, tb.Table], lang: str) -> tb.Table:
    per = tables["periods"].frame
    frame = per.loc[per["one_time_cost"] > 0, ["period", "one_time_cost", "budget"]]
    total = pd.DataFrame(
        [{"period": label("horizon_total", lang), "one_time_cost": frame["one_time_cost"].sum()}]
    )
    frame = pd.concat([frame, total], ignore_index=True) if len(frame) else frame
    columns = [
        tb.Column("period", label("period", lang)),
        tb.Column("one_time_cost", label("one_time_cost", lang), tb.MONEY),
        tb.Column("budget", label("budget", lang), tb.MONEY),
    ]
    return tb.Table("signoff", label("ask_one_time", lang), columns, frame)


def _onboards(project: TypedProject, tables: dict[str, tb.Table], lang: str) -> tb.Table:
    phases = tables["phases"].frame
    frame = phases.loc[phases["action"] == "onboard", ["period", "supplier_id", "one_time_cost"]]
    sup = project["Suppliers"].drop_duplicates("supplier_id").set_index("supplier_id")
    frame = frame.assign(
        supplier_name=frame["supplier_id"].map(sup["name"]).fillna(""),
        country=frame["supplier_id"].map(sup["country"]).fillna(""),
    )
    columns = [
        tb.Column("period", label("period", lang)),
        tb.Column("supplier_id", label("supplier_id", lang)),
        tb.Column("supplier_name", label("supplier_name", lang)),
        tb.Column("country", label("country", lang)),
        tb.Column("one_time_cost", label("onboarding_cost", lang), tb.MONEY),
    ]
    return tb.Table("signoff", label("ask_onboard", lang), columns, frame.reset_index(drop=True))


def _ask(
    project: TypedProject, plan: Plan, tables: dict[str, tb.Table], lang: str
) -> list[st.Block]:
    currency = project.settings.currency
    figures = _ask_figures(project, plan, tables, lang)
    blocks: list[st.Block] = [
        st.Heading(label("the_ask", lang), keep_with_next=60),
        grid(figures, lang, currency, {"value": {"numeric": True}}, width_fraction=0.82),
    ]
    once = _one_time_by_quarter(tables, lang)
    if not once.frame.empty:
        last = [i == len(once.frame) - 1 for i in range(len(once.frame))]
        blocks.append(grid(once, lang, currency, title=once.title, band=last, width_fraction=0.6))
    onboard = _onboards(project, tables, lang)
    if onboard.frame.empty:
        blocks.append(st.Paragraph(label("no_onboard", lang), st.BODY, 4))
    else:
        hints = {"supplier_id": {"keep": True}}
        blocks.append(grid(onboard, lang, currency, hints, title=onboard.title))
    return blocks


def _alternatives(signoff: SignOff | None, currency: str, lang: str) -> list[st.Block]:
    """The scenarios planned, this plan's marked, so the director sees what was not chosen."""
    if signoff is None or signoff.alternatives is None or signoff.alternatives.empty:
        return []
    frame = signoff.alternatives.reindex(columns=ALTERNATIVE_COLUMNS).copy()
    chosen = frame["scenario"].astype(str) == str(signoff.chosen)
    frame["scenario"] = [
        f"{name} {label('chosen', lang)}" if pick else str(name)
        for name, pick in zip(frame["scenario"], chosen, strict=True)
    ]
    frame["verified"] = frame["verified"].map(lambda v: label("yes" if bool(v) else "no", lang))
    spec = [
        ("scenario", tb.TEXT),
        ("total_cost", tb.MONEY),
        ("one_time_cost", tb.MONEY),
        ("tariff_cost", tb.MONEY),
        ("china_share_last", tb.SHARE),
        ("verified", tb.TEXT),
    ]
    columns = [tb.Column(k, label(k, lang), kind) for k, kind in spec]
    table = tb.Table("signoff", label("alternatives", lang), columns, frame)
    emphasis_rows = [bool(x) for x in chosen]
    shown = grid(table, lang, currency, caption=table.title, band=emphasis_rows)
    return [st.Heading(label("alternatives", lang), keep_with_next=60), shown]


def _bound_risks(plan: Plan, lang: str) -> list[tuple[str, float]]:
    """Each share within NEAR of a tariff bound (the duty a slip over it adds) or of a
    customer's cap (the US-bound shipments the cap guards), as decision.py names them."""
    content = plan.content
    out = []
    if {"tier_margin", "duty_at_stake"} <= set(content.columns):
        room = pd.to_numeric(content["tier_margin"], errors="coerce")
        for r in content[(room < NEAR) & (content["duty_at_stake"] > 0)].itertuples():
            out.append(
                (
                    _w(
                        lang,
                        f"{r.product_id} {r.period}: {fmt.pct(r.tier_margin, lang, 2)} under the "
                        f"{fmt.pct(r.tier_bound, lang)} tariff bound (more duty if it slips over)",
                        f"{r.product_id} {r.period}: thấp hơn ngưỡng thuế "
                        f"{fmt.pct(r.tier_bound, lang)} {fmt.pct(r.tier_margin, lang, 2)} "
                        "(thêm thuế nếu vượt)",
                    ),
                    float(r.duty_at_stake),
                )
            )
    if {"cap_margin", "us_value"} <= set(content.columns):
        room = pd.to_numeric(content["cap_margin"], errors="coerce")
        for r in content[room < NEAR].itertuples():
            at = r.cap_margin < AT
            where = _w(
                lang,
                "at" if at else f"{fmt.pct(r.cap_margin, lang, 2)} under",
                "ở đúng" if at else f"thấp hơn {fmt.pct(r.cap_margin, lang, 2)} so với",
            )
            out.append(
                (
                    _w(
                        lang,
                        f"{r.product_id} {r.period}: {where} the customer's "
                        f"{fmt.pct(r.cap, lang)} cap (shipments to the US)",
                        f"{r.product_id} {r.period}: {where} trần {fmt.pct(r.cap, lang)} của "
                        "khách hàng (hàng xuất sang Mỹ)",
                    ),
                    float(r.us_value),
                )
            )
    return out


def _other_risks(plan: Plan, lang: str) -> list[tuple[str, float]]:
    """Qualifications ready exactly when needed (the duty they keep off if late) and the
    binding limits with their worth (plan.limits)."""
    out = []
    reasons = plan.reasons
    due = reasons[
        (reasons["ready_period"] == reasons["needed_period"]) & (reasons["needed_for"] != "")
    ]
    for r in due.itertuples():
        out.append(
            (
                _w(
                    lang,
                    f"{r.component_id} with {r.supplier_id} is ready exactly when needed "
                    f"({r.needed_period}): a late audit or tooling misses it",
                    f"{r.component_id} với {r.supplier_id} sẵn sàng đúng lúc cần "
                    f"({r.needed_period}): chậm đánh giá hay khuôn mẫu sẽ trễ hạn",
                ),
                float(r.tariff_saved),
            )
        )
    for r in plan.limits.itertuples():
        out.append((str(r.text_vi if lang == "vi" else r.text_en), float(r.value)))
    return out


def _risks(plan: Plan, currency: str, lang: str) -> list[st.Block]:
    rows = sorted(_bound_risks(plan, lang) + _other_risks(plan, lang), key=lambda r: -r[1])
    blocks: list[st.Block] = [st.Heading(label("risks", lang), keep_with_next=60)]
    if not rows:
        return [*blocks, st.Paragraph(label("no_risks", lang), st.BODY, 4)]
    frame = pd.DataFrame(rows[:RISK_ROWS], columns=["risk", "at_stake"])
    columns = [
        tb.Column("risk", label("risk", lang)),
        tb.Column("at_stake", label("at_stake", lang), tb.MONEY),
    ]
    table = tb.Table("signoff", label("risks", lang), columns, frame)
    blocks.append(grid(table, lang, currency, {"risk": {"grow": 1.0}}, caption=table.title))
    if len(rows) > RISK_ROWS:
        more = len(rows) - RISK_ROWS
        text = _w(lang, f"and {more} more", f"và {more} rủi ro khác")
        blocks.append(st.Paragraph(text, st.SMALL_NOTE, 4))
    return blocks


def _since(
    signoff: SignOff | None, changes: ChangeReport | None, currency: str, lang: str
) -> list[st.Block]:
    """What changed since the last approved version, or why there is nothing to compare."""
    blocks: list[st.Block] = [st.Heading(label("since_approved", lang), keep_with_next=40)]
    if signoff is None:
        return [*blocks, st.Paragraph(label("not_approved", lang), st.BODY, 4)]
    approved = signoff.approved
    if approved is not None:
        by = approved.approver or "—"
        text = label("last_approved", lang, n=approved.version, date=approved.date, by=by)
        if approved.note:
            text += f" {approved.note}"
        blocks.append(st.Paragraph(text, st.NOTE, 4))
    if changes is None:
        if approved is None:
            return [*blocks, st.Paragraph(label("first_version", lang), st.BODY, 4)]
        return blocks
    blocks += [st.Paragraph(text, st.BODY, 3) for text in changes.headline]
    return blocks + short_parts(changes, lang, currency, CHANGE_ROWS)


def _replanned(signoff: SignOff | None, currency: str, lang: str) -> list[st.Block]:
    """A re-plan says first what it kept as it happened and what it no longer counts."""
    if signoff is None or not signoff.through:
        return []
    text = _w(
        lang,
        f"Re-planned from what happened through {signoff.through}: the decisions up to then "
        "are kept as they happened (the Actuals sheet), the rest is planned again.",
        f"Lập lại theo thực tế đến hết {signoff.through}: các quyết định đến kỳ đó được giữ "
        "như đã xảy ra (sheet Thực tế), phần còn lại được lập lại.",
    )
    if signoff.sunk_cost > 0:
        money = _money(signoff.sunk_cost, lang, currency)
        text += _w(
            lang,
            f" {money} already spent on what failed is sunk: not in the totals below.",
            f" {money} đã chi cho việc không đạt là chi phí chìm: không tính trong các tổng "
            "dưới đây.",
        )
    return [st.Paragraph(text, st.BODY, 5)]


def signoff_page(
    project: TypedProject,
    plan: Plan,
    tables: dict[str, tb.Table],
    decision: list[str],
    lang: str,
    day: str,
    signoff: SignOff | None = None,
    changes: ChangeReport | None = None,
) -> list[st.Block]:
    """The blocks of the sign-off page (`decision`: the plan in plain words, without its risks
    paragraph: the risks are listed here with their money; `changes`: the diff against the last
    approved version in `lang`)."""
    currency = project.settings.currency
    name = project.settings.plan_name
    version = signoff.version if signoff is not None else None
    subtitle = name if version is None else f"{name} · {label('version', lang, n=version)}"
    return [
        st.Paragraph(label("phase_plan", lang), st.TITLE, 4),
        st.Paragraph(subtitle, st.SUBTITLE, 3),
        st.Paragraph(f"{label('signoff_title', lang)} · {day}", st.DATE, 10),
        st.Heading(label("decision", lang), keep_with_next=60),
        *_replanned(signoff, currency, lang),
        *[st.Paragraph(text, st.BODY, 5) for text in decision],
        *_ask(project, plan, tables, lang),
        *_alternatives(signoff, currency, lang),
        *_risks(plan, currency, lang),
        *_since(signoff, changes, currency, lang),
        st.Spacer(10),
        st.Signature(
            (label("approved_by", lang), label("signature", lang), label("sign_date", lang))
        ),
    ]


__all__ = ["ALTERNATIVE_COLUMNS", "Approval", "SignOff", "signoff_page"]
