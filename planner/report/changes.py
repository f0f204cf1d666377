"""What changed between two plans (planner.report.plan_diff) as presentable tables: the screen, the
"Plan changes" sheet and the printed plan's section show these rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner.project import TypedProject
from planner.report import story as st
from planner.report import tables as tb
from planner.report.labels import label
from planner.report.plan_diff import MONEY_KINDS, TOTAL, PlanDiff

CHANGE_TABLES = ("changes_parts", "changes_suppliers", "changes_money", "changes_limits")


@dataclass
class ChangeReport:
    """The diff in one language: its headline sentences and a table per kind of change."""

    old_name: str
    new_name: str
    headline: list[str]
    tables: dict[str, tb.Table] = field(default_factory=dict)  # CHANGE_TABLES


def _lookup(frame: pd.DataFrame, key: str, value: str) -> dict:
    frame = frame.drop_duplicates(key)
    return dict(zip(frame[key], frame[value], strict=True))


def _named(what: str, name: str, lang: str) -> str:
    return label("col_in", lang, what=label(what, lang), name=name)


def parts_table(project: TypedProject, diff: PlanDiff, lang: str) -> tb.Table:
    frame = diff.parts.copy()
    comp = project["Components"]
    frame["description"] = frame["component_id"].map(_lookup(comp, "component_id", "description"))
    frame["change_key"] = frame["change"]
    frame["change"] = [label(f"chg_{c}", lang) for c in frame["change"]]
    frame["reason"] = frame["reason_vi" if lang == "vi" else "reason_en"]
    o, n = diff.old_name, diff.new_name
    columns = [
        tb.Column("component_id", label("component_id", lang)),
        tb.Column("change", label("change", lang)),
        tb.Column("supplier_old", _named("supplier_id", o, lang)),
        tb.Column("start_old", _named("start", o, lang)),
        tb.Column("ready_old", _named("ready_period", o, lang)),
        tb.Column("supplier_new", _named("supplier_id", n, lang)),
        tb.Column("start_new", _named("start", n, lang)),
        tb.Column("ready_new", _named("ready_period", n, lang)),
        tb.Column("one_time_change", label("one_time_change", lang), tb.MONEY),
        tb.Column("reason", label("reason", lang)),
        tb.Column("description", label("description", lang)),
    ]
    keep = [c.key for c in columns] + ["change_key"]
    return tb.Table("changes_parts", label("changes_parts", lang), columns, frame[keep])


def suppliers_table(project: TypedProject, diff: PlanDiff, lang: str) -> tb.Table:
    frame = diff.suppliers.copy()
    sup = project["Suppliers"]
    frame["supplier_name"] = frame["supplier_id"].map(_lookup(sup, "supplier_id", "name"))
    frame["change_key"] = frame["change"]
    frame["change"] = [label(f"chg_{c}", lang) for c in frame["change"]]
    frame["reason"] = frame["reason_vi" if lang == "vi" else "reason_en"]
    columns = [
        tb.Column("supplier_id", label("supplier_id", lang)),
        tb.Column("supplier_name", label("supplier_name", lang)),
        tb.Column("change", label("change", lang)),
        tb.Column("onboard_old", _named("onboard_in", diff.old_name, lang)),
        tb.Column("onboard_new", _named("onboard_in", diff.new_name, lang)),
        tb.Column("reason", label("reason", lang)),
    ]
    keep = [c.key for c in columns] + ["change_key"]
    return tb.Table("changes_suppliers", label("changes_suppliers", lang), columns, frame[keep])


def money_table(diff: PlanDiff, lang: str) -> tb.Table:
    """Each quarter's money in both plans and the change, by kind; the horizon last."""
    frame = diff.money.copy()
    frame["period_key"] = frame["period"]
    frame["period"] = [label("horizon_total", lang) if p == TOTAL else p for p in frame["period"]]
    columns = [tb.Column("period", label("period", lang))]
    for kind in MONEY_KINDS:
        what = f"kind_{kind}"
        columns += [
            tb.Column(f"{kind}_old", _named(what, diff.old_name, lang), tb.MONEY),
            tb.Column(f"{kind}_new", _named(what, diff.new_name, lang), tb.MONEY),
            tb.Column(
                f"{kind}_change", label("money_change", lang, what=label(what, lang)), tb.MONEY
            ),
        ]
    keep = [c.key for c in columns] + ["period_key"]
    return tb.Table("changes_money", label("changes_money", lang), columns, frame[keep])


def limits_table(diff: PlanDiff, lang: str) -> tb.Table:
    frame = diff.limits.copy()
    frame["limit"] = frame["family"]
    frame["family"] = [label(f"fam_{f}", lang) for f in frame["family"]]
    frame["change_key"] = frame["change"]
    frame["change"] = [label(f"chg_{c}", lang) for c in frame["change"]]
    frame["limit_text"] = frame["text_vi" if lang == "vi" else "text_en"]
    spec = ["family", "period", "product_id", "supplier_id", "change", "limit_text"]
    columns = [tb.Column(k, label(k, lang)) for k in spec]
    keep = [*spec, "limit", "change_key"]
    return tb.Table("changes_limits", label("changes_limits", lang), columns, frame[keep])


def change_report(project: TypedProject, diff: PlanDiff, lang: str = "en") -> ChangeReport:
    """The diff's headline and tables in `lang` (`project` is the new plan's)."""
    made = [
        parts_table(project, diff, lang),
        suppliers_table(project, diff, lang),
        money_table(diff, lang),
        limits_table(diff, lang),
    ]
    return ChangeReport(
        old_name=diff.old_name,
        new_name=diff.new_name,
        headline=[h.get(lang) for h in diff.headline],
        tables={t.key: t for t in made},
    )


# On paper ----------------------------------------------------------------------------------

# the money columns printed: the changes by kind and the totals of both plans
PRINTED_MONEY = (
    "period",
    "material_change",
    "one_time_change",
    "duty_change",
    "total_old",
    "total_new",
    "total_change",
)


def _select(table: tb.Table, keys: tuple[str, ...]) -> tb.Table:
    columns = [c for c in table.columns if c.key in keys]
    return tb.Table(table.key, table.title, columns, table.frame)


def _grid(table: tb.Table, lang: str, currency: str, hints: dict, **options) -> st.Grid:
    from planner.report.phase_plan import grid

    return grid(table, lang, currency, hints, title=table.title, caption=table.title, **options)


def short_parts(changes: ChangeReport, lang: str, currency: str, rows: int) -> list[st.Block]:
    """The first `rows` parts that move, for the sign-off page (the rest in the section)."""
    table = changes.tables["changes_parts"]
    if table.frame.empty:
        return [st.Paragraph(label("no_changes_parts", lang), st.BODY, 4)]
    keys = ("component_id", "change", "supplier_old", "start_old", "supplier_new", "start_new")
    shown = _select(table, keys).where([i < rows for i in range(len(table.frame))])
    hints = {"component_id": {"keep": True}, "supplier_old": {"keep": True}}
    blocks: list[st.Block] = [_grid(shown, lang, currency, hints)]
    more = len(table.frame) - rows
    if more > 0:
        blocks.append(st.Paragraph(label("more_rows", lang, n=more), st.SMALL_NOTE, 4))
    return blocks


def change_blocks(changes: ChangeReport, lang: str, currency: str) -> list[st.Block]:
    """The printed section "What changed since <old>": the headline, then the parts, the
    suppliers, the money and the limits (each only when it has rows; the money always)."""
    blocks: list[st.Block] = [
        st.PageBreak(),
        st.Heading(label("changes_title", lang, old=changes.old_name)),
        *[st.Paragraph(text, st.BODY, 4) for text in changes.headline],
        st.Spacer(4),
    ]
    ids = {"component_id": {"keep": True}, "supplier_id": {"keep": True}}
    wide = {"reason": {"grow": 1.0}, "limit_text": {"grow": 1.0}, "description": {"grow": 0.3}}
    for key in ("changes_parts", "changes_suppliers"):
        table = changes.tables[key]
        if not table.frame.empty:
            blocks.append(_grid(table, lang, currency, {**ids, **wide}))
    money = _select(changes.tables["changes_money"], PRINTED_MONEY)
    total = [p == TOTAL for p in money.frame["period_key"]]
    blocks.append(_grid(money, lang, currency, {}, band=total))
    limits = changes.tables["changes_limits"]
    if not limits.frame.empty:
        blocks.append(_grid(limits, lang, currency, wide))
    return blocks


__all__ = [
    "CHANGE_TABLES",
    "ChangeReport",
    "change_blocks",
    "change_report",
    "short_parts",
]
