"""The plan as presentable tables: labelled columns (en/vi), a kind per column for formatting,
and the limits that bind. The workbook and the printed plan both render these."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner import fields, version
from planner.plan import Plan, StoppedBy
from planner.project import TypedProject
from planner.report import fmt
from planner.report.certainty import certainty
from planner.report.chart_data import schedule_text
from planner.report.labels import label

# column kinds: how a value is formatted
TEXT, MONEY, SHARE, UNITS, PRICE, COUNT, DECIMAL = (
    "text",
    "money",
    "share",
    "units",
    "price",
    "count",
    "decimal",
)
GAP = "gap"  # a share small enough to need two decimals (0.02% must not read as 0.0%)
PERCENT = "percent"  # a share in whole percents unless it needs a decimal (the printed phases)
TOL = 1e-6
BINDING = "binding"  # emphasis: a limit that is fully used
KEY_FIGURE = "key"  # emphasis: the figure a reader looks for first (the plan's total cost)


class UnverifiedPlan(ValueError):
    """Only a plan that passed the independent checker is exported or printed."""


def require_verified(plan: Plan) -> None:
    """Refuse a plan that is not a verified optimal or feasible plan, saying why."""
    if plan.has_plan:
        return
    if not plan.verified and plan.status.value in ("optimal", "feasible"):
        why = "it failed the independent check: " + "; ".join(plan.violations[:3])
    else:
        why = f"its status is '{plan.status.value}' (no plan to show)"
    raise UnverifiedPlan(f"Only a verified plan can be exported or printed; {why}.")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT


@dataclass(frozen=True)
class Binding:
    """A limit that holds with equality: `value` column has reached `limit` column."""

    value: str
    limit: str


@dataclass
class Table:
    """One plan table as every backend shows it: the screen, the workbook and the paper.

    `frame` holds one column per Column.key with raw values (numbers stay numbers), and may
    hold more: "format" gives a row its own format (the summary's item/value rows), "key" names a
    row, "action" keeps an action's kind before it was translated."""

    key: str  # sheet key: summary, phases, allocation, ...
    title: str  # sheet / section title in the chosen language
    columns: list[Column]
    frame: pd.DataFrame
    bindings: list[Binding] = field(default_factory=list)
    key_rows: tuple[str, ...] = ()  # "key" values of rows whose value is a key figure

    def binding_mask(self, binding: Binding) -> pd.Series:
        """Rows where the limit binds (a blank or unlimited limit never binds)."""
        value = pd.to_numeric(self.frame[binding.value], errors="coerce")
        limit = pd.to_numeric(self.frame[binding.limit], errors="coerce")
        finite = limit.notna() & ~limit.isin([math.inf, -math.inf])
        return finite & (value >= limit - TOL * limit.abs().clip(lower=1.0))

    def emphasis(self) -> dict[tuple[int, int], str]:
        """(row, column) -> BINDING or KEY_FIGURE: the cells every backend emphasises."""
        keys = [c.key for c in self.columns]
        out: dict[tuple[int, int], str] = {}
        for binding in self.bindings:
            j = keys.index(binding.value)
            hits = np.flatnonzero(self.binding_mask(binding).to_numpy())
            out.update({(int(i), j): BINDING for i in hits})
        if self.key_rows and "key" in self.frame.columns and "value" in keys:
            j = keys.index("value")
            for i, row_key in enumerate(self.frame["key"]):
                if row_key in self.key_rows:
                    out[(i, j)] = KEY_FIGURE
        return out

    @property
    def row_kinds(self) -> list[str] | None:
        """Each row's own format for the "value" column, when rows differ (the summary)."""
        return list(self.frame["format"]) if "format" in self.frame.columns else None

    def kind(self, i: int, j: int) -> str:
        """How cell (i, j) is formatted."""
        col = self.columns[j]
        if col.key == "value" and "format" in self.frame.columns:
            return str(self.frame["format"].iloc[i])
        return col.kind

    def display(self, lang: str = "en", currency: str = "USD") -> list[list[str]]:
        """Cells as text, each in its column's (or its row's) format."""
        kinds = self.row_kinds
        value_at = next((j for j, c in enumerate(self.columns) if c.key == "value"), -1)
        values = [self.frame[c.key].tolist() for c in self.columns]
        out = []
        for i in range(len(self.frame)):
            out.append(
                [
                    format_value(
                        values[j][i],
                        kinds[i] if kinds is not None and j == value_at else c.kind,
                        lang,
                        currency,
                    )
                    for j, c in enumerate(self.columns)
                ]
            )
        return out

    def where(self, mask: pd.Series | np.ndarray | list[bool], title: str | None = None) -> Table:
        """The same table restricted to some rows (a phase's actions, one period's load)."""
        frame = self.frame[np.asarray(mask, dtype=bool)].reset_index(drop=True)
        return Table(
            self.key, title or self.title, self.columns, frame, self.bindings, self.key_rows
        )


def format_value(value: object, kind: str, lang: str = "en", currency: str = "USD") -> str:
    if kind == MONEY:
        if isinstance(value, float) and math.isinf(value):
            return label("unlimited", lang)
        return fmt.money(value, lang, currency)
    if kind == PRICE:
        return fmt.number(value, lang, 4)
    if kind == SHARE:
        return fmt.pct(value, lang, 1)
    if kind == GAP:
        return fmt.pct(value, lang, 2)
    if kind == PERCENT:
        return fmt.pct(value, lang)
    if kind in (UNITS, COUNT):
        if isinstance(value, float) and math.isinf(value):
            return label("unlimited", lang)
        return fmt.number(value, lang, 0)
    if kind == DECIMAL:
        return fmt.number(value, lang, 2)
    if isinstance(value, bool | np.bool_):  # a frame's bools are numpy's: never "True"
        return label("yes" if value else "no", lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _cols(lang: str, spec: list[tuple[str, str]]) -> list[Column]:
    return [Column(key, label(key, lang), kind) for key, kind in spec]


def _blank_missing(frame: pd.DataFrame, spec: list[tuple[str, str]]) -> pd.DataFrame:
    """The columns of `spec` a plan made by hand (or before a column existed) lacks, blank."""
    return frame.assign(**{key: None for key, _ in spec if key not in frame.columns})


def _title(key: str, lang: str) -> str:
    return label(f"sheet_{key}", lang)


def _lookup(frame: pd.DataFrame, key: str, value: str) -> dict:
    return dict(zip(frame[key], frame[value], strict=False))


# The tables --------------------------------------------------------------------------------


def phases_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """Actions per period: onboard, start qualification (one-time cost, ready from), ramps."""
    frame = plan.actions.copy()
    frame["action"] = frame["kind"]
    frame["kind"] = [label(k, lang) for k in frame["kind"]]
    frame["ready_period"] = [
        label("beyond_horizon", lang) if (k == "start_qualification" and not r) else r
        for k, r in zip(plan.actions["kind"], frame["ready_period"], strict=True)
    ]
    spec = [
        ("period", TEXT),
        ("kind", TEXT),
        ("component_id", TEXT),
        ("supplier_id", TEXT),
        ("one_time_cost", MONEY),
        ("ready_period", TEXT),
        ("share_from", SHARE),
        ("share_to", SHARE),
    ]
    keep = [k for k, _ in spec] + ["action"]
    return Table("phases", _title("phases", lang), _cols(lang, spec), frame[keep])


def allocation_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    frame = plan.allocation.copy()
    spec = [
        ("component_id", TEXT),
        ("supplier_id", TEXT),
        ("period", TEXT),
        ("share", SHARE),
        ("units", UNITS),
        ("unit_price", PRICE),
        ("cost", MONEY),
        ("is_incumbent", TEXT),
    ]
    frame["is_incumbent"] = frame["is_incumbent"].astype(bool)
    return Table(
        "allocation", _title("allocation", lang), _cols(lang, spec), frame[[k for k, _ in spec]]
    )


def suppliers_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """Load against capacity per supplier and period (blank capacity = unlimited)."""
    frame = plan.supplier_load.copy()
    sup = project["Suppliers"]
    frame.insert(1, "supplier_name", frame["supplier_id"].map(_lookup(sup, "supplier_id", "name")))
    if "country" not in frame.columns:  # a hand-made plan
        frame.insert(2, "country", frame["supplier_id"].map(_lookup(sup, "supplier_id", "country")))
    cap = pd.to_numeric(frame["capacity"], errors="coerce")
    finite = cap.notna() & ~cap.isin([math.inf])
    frame["utilisation"] = (frame["units"] / cap).where(finite & (cap > 0))
    if "usable" not in frame.columns:  # a hand-made plan: all of it
        frame["usable"] = frame["capacity"]
    spec = [
        ("supplier_id", TEXT),
        ("supplier_name", TEXT),
        ("country", TEXT),
        ("period", TEXT),
        ("units", UNITS),
        ("capacity", UNITS),
        ("usable", UNITS),
        ("utilisation", SHARE),
        ("parts", COUNT),
        ("spend", MONEY),
        ("spend_share", SHARE),
    ]
    frame = _blank_missing(frame, spec)
    return Table(
        "suppliers",
        _title("suppliers", lang),
        _cols(lang, spec),
        frame[[k for k, _ in spec]],
        [Binding("units", "usable")],
    )


def content_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """Per product and period: Chinese share beside the cap and the RVC, and the tariff as it
    works: the schedule in force, the origin, the tier billed (its rate and bound, the room to
    that bound), the duty before pass-through and the share the factory bears."""
    spec = [
        ("product_id", TEXT),
        ("period", TEXT),
        ("china_content_usd", DECIMAL),
        ("china_share", SHARE),
        ("cap", SHARE),
        ("cap_margin", GAP),
        ("rvc", SHARE),
        ("schedule", TEXT),
        ("origin", TEXT),
        ("tariff_tier", COUNT),
        ("tariff_rate", SHARE),
        ("tier_bound", SHARE),
        ("tier_margin", GAP),
        ("duty_at_stake", MONEY),
        ("tariff_full", MONEY),
        ("tariff_cost", MONEY),
        ("us_value", MONEY),
    ]
    frame = plan.content.copy()
    frame = _blank_missing(frame, spec)  # a hand-made plan may lack the tariff details
    origins = {"VN": label("origin_vn", lang), "not VN": label("origin_not_vn", lang)}
    frame["origin"] = [origins.get(o, o) for o in frame["origin"]]
    frame["schedule"] = [schedule_text(n, lang) for n in frame["schedule"]]
    return Table(
        "content",
        _title("content", lang),
        _cols(lang, spec),
        frame[[k for k, _ in spec]],
        [Binding("china_share", "cap")],
    )


NEEDS = ("tariff", "cap", "origin", "price", "new_part")


def need_label(need: object, lang: str) -> str:
    """What needs a switch, in words ("tariff threshold", "glide path cap"...)."""
    return label(f"need_{need}" if need in NEEDS else "need_choice", lang)


def why_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """Why each qualification starts when it does: one row per switch, its figures and the
    sentence (plan.reasons), in the order the switches start."""
    frame = plan.reasons.copy()
    comp = project["Components"].drop_duplicates("component_id")
    frame.insert(
        2, "description", frame["component_id"].map(_lookup(comp, "component_id", "description"))
    )
    frame["need"] = frame["needed_for"]
    frame["needed_for"] = [need_label(n, lang) for n in frame["needed_for"]]
    frame["reason"] = frame["reason_vi" if lang == "vi" else "reason_en"]
    # the sentence early: on a screen the reader sees it beside the part without scrolling
    spec = [
        ("period", TEXT),
        ("component_id", TEXT),
        ("supplier_id", TEXT),
        ("needed_for", TEXT),
        ("needed_period", TEXT),
        ("reason", TEXT),
        ("one_time_cost", MONEY),
        ("premium", MONEY),
        ("tariff_saved", MONEY),
        ("ready_period", TEXT),
        ("description", TEXT),
    ]
    return Table(
        "why", _title("why", lang), _cols(lang, spec), frame[[k for k, _ in spec] + ["need"]]
    )


def limits_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """What one more unit of each binding limit is worth (plan.limits), the most valuable
    first."""
    frame = plan.limits.copy()
    frame["limit"] = frame["family"]
    frame["family"] = [label(f"fam_{f}", lang) for f in frame["family"]]
    frame["unit"] = [label(f"unit_{f}", lang) for f in frame["limit"]]
    frame["limit_value"] = frame["value"]
    frame["limit_text"] = frame["text_vi" if lang == "vi" else "text_en"]
    frame = frame.sort_values("limit_value", ascending=False, kind="stable")
    spec = [
        ("family", TEXT),
        ("period", TEXT),
        ("product_id", TEXT),
        ("supplier_id", TEXT),
        ("unit", TEXT),
        ("limit_value", MONEY),
        ("limit_text", TEXT),
    ]
    keep = [k for k, _ in spec] + ["limit"]
    return Table(
        "limits", _title("limits", lang), _cols(lang, spec), frame[keep].reset_index(drop=True)
    )


def margins_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """What each margin kept below a bound costs (plan.margins, planner.optimise.margins): the
    plan against the plan planned again without it, and the range the best plans' difference
    lies in (from both searches' bounds)."""
    frame = plan.margins.copy()
    frame["margin_setting"] = [fields.setting(k).title.get(lang) for k in frame["setting"]]
    frame["margin_price"] = frame["price"]
    spec = [
        ("margin_setting", TEXT),
        ("margin", GAP),
        ("cost_with", MONEY),
        ("cost_without", MONEY),
        ("margin_price", MONEY),
        ("price_low", MONEY),
        ("price_high", MONEY),
    ]
    return Table(
        "margins",
        _title("margins", lang),
        _cols(lang, spec),
        frame[[k for k, _ in spec]].reset_index(drop=True),
    )


def periods_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    spec = [
        ("period", TEXT),
        ("material_cost", MONEY),
        ("one_time_cost", MONEY),
        ("tariff_cost", MONEY),
        ("total_cost", MONEY),
        ("budget", MONEY),
        ("budget_used", MONEY),
        ("qualification_slots", COUNT),
        ("slots_used", COUNT),
        ("in_progress_limit", COUNT),
        ("in_progress", COUNT),
        ("vn_spend_share", SHARE),
    ]
    frame = _blank_missing(plan.periods, spec)
    return Table(
        "periods",
        _title("periods", lang),
        _cols(lang, spec),
        frame[[k for k, _ in spec]],
        [
            Binding("budget_used", "budget"),
            Binding("slots_used", "qualification_slots"),
            Binding("in_progress", "in_progress_limit"),
        ],
    )


def _shares(plan: Plan, last: bool) -> dict[str, float]:
    """Each product's Chinese share in the first (or `last`) period."""
    if plan.summary is not None:
        return plan.summary.china_share_last if last else plan.summary.china_share_first
    # a hand-made plan without the summary: read the content table
    content = plan.content
    if content.empty:
        return {}
    periods = list(dict.fromkeys(content["period"]))
    pick = periods[-1] if last else periods[0]
    rows = content[content["period"] == pick]
    return dict(zip(rows["product_id"], rows["china_share"], strict=True))


def headline(project: TypedProject, plan: Plan) -> dict[str, float | None]:
    """The figures a manager reads first (all from the plan, none recomputed here)."""
    s = plan.summary
    total = plan.total_cost
    if s is None:  # a hand-made plan: its own tables, and no do-nothing plan to compare
        return {
            "total_cost": total,
            "do_nothing_cost": None,
            "saving_vs_do_nothing": None,
            "tariff_cost": float(plan.periods["tariff_cost"].sum()),
            "do_nothing_tariff": None,
            "tariffs_saved": None,
            "one_time_cost": float(plan.periods["one_time_cost"].sum()),
            "material_cost": float(plan.periods["material_cost"].sum()),
        }
    return {
        "total_cost": total,
        "do_nothing_cost": s.do_nothing_cost,
        "saving_vs_do_nothing": s.saving_vs_do_nothing,
        "tariff_cost": s.tariff_cost,
        "do_nothing_tariff": s.do_nothing_tariff,
        "tariffs_saved": s.do_nothing_tariff - s.tariff_cost,
        "one_time_cost": s.one_time_cost,
        "material_cost": s.material_cost,
    }


SUMMARY_LABELS: dict[str, tuple[str, str]] = {
    "plan_name": ("Plan", "Kế hoạch"),
    "status": ("Status", "Trạng thái"),
    "verified": ("Passed the independent check", "Đã qua kiểm tra độc lập"),
    "total_cost": ("Total cost of the plan", "Tổng chi phí của kế hoạch"),
    "do_nothing_cost": ("Cost of doing nothing (incumbents only)", "Chi phí nếu giữ nguyên"),
    "saving_vs_do_nothing": ("Saving against doing nothing", "Tiết kiệm so với giữ nguyên"),
    "tariff_cost": ("Tariffs paid", "Thuế phải trả"),
    "do_nothing_tariff": ("Tariffs if doing nothing", "Thuế nếu giữ nguyên"),
    "tariffs_saved": ("Tariffs saved", "Thuế tiết kiệm được"),
    "one_time_cost": (
        "One-time spending (switching, onboarding)",
        "Chi phí một lần (chuyển đổi, đánh giá)",
    ),
    "material_cost": ("Material cost", "Chi phí vật tư"),
    "best_bound": ("Best bound (no plan can cost less)", "Cận dưới (không kế hoạch nào rẻ hơn)"),
    "gap": ("Optimality gap", "Sai số tối ưu"),
    "certainty": ("How sure", "Mức chắc chắn"),
    "stopped_by": ("The search ended by", "Tìm kiếm kết thúc do"),
    "solve_seconds": ("Solve time (s)", "Thời gian giải (giây)"),
    "backend": ("Solver", "Bộ giải"),
    "software": ("Planned with", "Lập bằng"),
    "parts_switched": ("Parts switched", "Số linh kiện chuyển đổi"),
    "suppliers_onboarded": ("Suppliers onboarded", "Số nhà cung cấp mới"),
    "china_share": ("Chinese share {p}: {a} → {b}", "Tỷ lệ TQ {p}: {a} → {b}"),
    "vn_spend_share": (
        "Vietnamese share of material spend",
        "Tỷ lệ chi phí vật tư mua tại Việt Nam",
    ),
    "tariff_pass_through": (
        "Share of the duty the factory bears (pass-through)",
        "Phần thuế nhà máy chịu (tỷ lệ chia sẻ)",
    ),
    "content_tiers_assumed": ("Tariff tiers by Chinese share", "Bậc thuế theo tỷ lệ TQ"),
}
# the solver's terms: on screen and in the workbook's summary, in the printed appendix
SOLVER_KEYS = (
    "best_bound",
    "gap",
    "certainty",
    "stopped_by",
    "solve_seconds",
    "backend",
    "software",
)
TIERS_ASSUMED = (
    "an assumption (hypothetical, not enacted law)",
    "giả định (chưa phải luật đã ban hành)",
)

STOPPED_BY: dict[StoppedBy, tuple[str, str]] = {
    StoppedBy.OPTIMAL: ("the proof (best within the gap)", "đã chứng minh (tốt nhất trong sai số)"),
    StoppedBy.WORK: (
        "its planned work (the same plan on every run)",
        "làm xong phần việc đã định (mọi lần chạy cùng kế hoạch)",
    ),
    StoppedBy.CLOCK: (
        "the time limit (another run may differ)",
        "giới hạn thời gian (lần chạy khác có thể khác)",
    ),
    StoppedBy.CANCEL: ("Cancel", "lệnh Hủy"),
}
STATUS_LABELS = {
    "optimal": ("optimal", "tối ưu"),
    "feasible": ("feasible (not proven optimal)", "khả thi (chưa chứng minh tối ưu)"),
}


def summary_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """Item / value rows; each row carries its own kind (money, share, text...)."""
    vi = lang == "vi"
    s = plan.summary
    head = headline(project, plan)
    rows: list[tuple[str, object, str, str]] = []

    def add(key: str, value: object, kind: str) -> None:
        rows.append((SUMMARY_LABELS[key][1 if vi else 0], value, kind, key))

    status = plan.status.value
    add("plan_name", project.settings.plan_name, TEXT)
    add("status", STATUS_LABELS.get(status, (status, status))[1 if vi else 0], TEXT)
    add("verified", label("yes" if plan.verified else "no", lang), TEXT)
    for key in (
        "total_cost",
        "do_nothing_cost",
        "saving_vs_do_nothing",
        "material_cost",
        "one_time_cost",
        "tariff_cost",
        "do_nothing_tariff",
        "tariffs_saved",
    ):
        if head.get(key) is not None:
            add(key, head[key], MONEY)
    if plan.best_bound is not None:
        add("best_bound", plan.best_bound, MONEY)
    if plan.gap is not None:
        add("gap", plan.gap, GAP)
    settings = project.settings
    add("certainty", certainty(plan, float(settings.mip_gap), settings.currency, lang), TEXT)
    if plan.stopped_by:
        add("stopped_by", STOPPED_BY[plan.stopped_by][1 if vi else 0], TEXT)
    switched = s.parts_switched if s is not None else _count(plan, "start_qualification")
    add("parts_switched", switched, COUNT)
    onboarded = s.suppliers_onboarded if s is not None else _count(plan, "onboard")
    add("suppliers_onboarded", onboarded, COUNT)
    first, last = _shares(plan, last=False), _shares(plan, last=True)
    template = SUMMARY_LABELS["china_share"][1 if vi else 0]
    periods = project.periods
    for p in first:
        text = template.format(p=p, a=periods[0], b=periods[-1])
        shares = f"{fmt.pct(first[p], lang, 1)} → {fmt.pct(last.get(p), lang, 1)}"
        rows.append((text, shares, TEXT, f"china_share:{p}"))
    if s is not None:
        add("vn_spend_share", s.vn_spend_share, SHARE)
        add("tariff_pass_through", s.tariff_pass_through, SHARE)
    if s is not None and s.content_tiers_assumed:
        add("content_tiers_assumed", TIERS_ASSUMED[1 if vi else 0], TEXT)
    add("solve_seconds", round(plan.solve_seconds, 1), DECIMAL)
    if plan.backend:
        add("backend", plan.backend, TEXT)
    add("software", f"Supplier Localization Planner {version()}", TEXT)  # the app's version
    frame = pd.DataFrame(rows, columns=["item", "value", "format", "key"])
    columns = [Column("item", label("item", lang)), Column("value", label("value", lang))]
    return Table("summary", _title("summary", lang), columns, frame, key_rows=("total_cost",))


def _count(plan: Plan, kind: str) -> int:
    acts = plan.actions
    picked = acts[acts["kind"] == kind]
    return int(picked["component_id" if kind != "onboard" else "supplier_id"].nunique())


# the assumptions that are not settings (the settings come from planner.fields)
ASSUMPTION_LABELS: dict[str, tuple[str, str]] = {
    "horizon": ("Horizon", "Thời gian kế hoạch"),
    "tiers": ("Tariff on US-bound units", "Thuế với hàng xuất Mỹ"),
    "preset": ("Tariff schedule used", "Biểu thuế sử dụng"),
    "in_progress": ("Qualifications engineering can run at once", "Số phê duyệt chạy cùng lúc"),
    "budget": ("One-time budget per period", "Ngân sách một lần mỗi kỳ"),
    "slots": ("New qualifications per period", "Số phê duyệt mới mỗi kỳ"),
    "cap": ("Glide path (largest Chinese share)", "Lộ trình trần tỷ lệ TQ"),
    "inactive": ("Periods without tariff", "Các kỳ không áp thuế"),
    "counts": ("Project size", "Quy mô dự án"),
    "unread": ("Not read from the workbook", "Không đọc từ tệp"),
}


def _preset_text(project: TypedProject, lang: str) -> str:
    """The tariff preset the Tariffs sheet holds, with its source, dates and status; or that
    the sheet was typed (or edited) by hand."""
    from planner.presets import matching

    preset = matching(project["Tariffs"], project.periods)
    if preset is None:
        return (
            "Bảng Tariffs do người dùng nhập (không phải biểu thuế có sẵn)"
            if lang == "vi"
            else "as typed in the Tariffs sheet (no preset)"
        )
    return f"{preset.name.get(lang)} — {preset.status.get(lang)} {preset.source.get(lang)}"


def setting_shown(f: fields.Field, value: object, lang: str) -> str:
    """A setting's value as the plan states it: a choice by its title, a share as a percent,
    yes or no, a number in the language's format; blank as "none"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return fields.NONE.get(lang)
    if f.kind == fields.CHOICE:
        title = f.choice_title(value)
        return title.get(lang) if title is not None else str(value)
    if f.kind == fields.SHARE:
        return fmt.pct(value, lang)
    if f.kind == fields.BOOL:
        return label("yes" if value else "no", lang)
    if f.kind == fields.NUMBER:
        return fmt.number(value, lang, 6 if f.key == "mip_gap" else 0)
    return str(value)


def _per_period(values: list[object], periods: list[str], kind: str, lang: str) -> str:
    """'2027-Q1: 50,000; 2027-Q2: 50,000' compressed to a range when all equal."""
    shown = [format_value(v, kind, lang) or label("none", lang) for v in values]
    if len(set(shown)) == 1:
        return shown[0]
    return "; ".join(f"{p}: {v}" for p, v in zip(periods, shown, strict=True))


def assumptions_table(project: TypedProject, plan: Plan, lang: str = "en") -> Table:
    """What the plan assumed: settings, limits, tariff tiers, horizon (as readable sentences)."""
    vi = lang == "vi"
    st = project.settings
    per = project["Periods"]
    periods = project.periods
    rows: list[tuple[str, str]] = []

    def add(key: str, value: str) -> None:
        rows.append((ASSUMPTION_LABELS[key][1 if vi else 0], value))

    add("horizon", f"{periods[0]} → {periods[-1]} ({len(periods)})" if periods else "")
    for f in fields.SETTINGS:  # every setting that changes the plan, as the registry says
        if f.assumption:
            title = f.title.get(lang) + (
                f" ({fields.UNIT_TITLES[f.unit].get(lang)})" if f.unit else ""
            )
            rows.append((title, setting_shown(f, st.value(f.key), lang)))
    add("budget", _per_period(list(per["budget"]), periods, MONEY, lang))
    add("slots", _per_period(list(per["max_new_qualifications"]), periods, COUNT, lang))
    add("cap", _per_period(list(per["china_cap"]), periods, SHARE, lang))
    if "max_qualifications_in_progress" in per.columns:
        add(
            "in_progress",
            _per_period(list(per["max_qualifications_in_progress"]), periods, COUNT, lang),
        )
    tiers = project["Tariffs"].sort_values("max_china_share")
    add(
        "tiers",
        "; ".join(
            f"≤ {fmt.pct(s, lang)}: {fmt.pct(r, lang)}"
            for s, r in zip(tiers["max_china_share"], tiers["rate"], strict=True)
        ),
    )
    add("preset", _preset_text(project, lang))
    off = [p for p, a in zip(periods, per["tariff_active"], strict=True) if not bool(a)]
    if off:
        add("inactive", ", ".join(off))
    counts = (
        f"{len(project['Components'])} linh kiện, {len(project['Products'])} sản phẩm, "
        f"{len(project['Suppliers'])} nhà cung cấp, {len(project['Offers'])} báo giá"
        if vi
        else f"{len(project['Components'])} parts, {len(project['Products'])} products, "
        f"{len(project['Suppliers'])} suppliers, {len(project['Offers'])} quotes"
    )
    add("counts", counts)
    for sentence in project.unread:  # what the plan did not see, so nobody assumes it did
        add("unread", sentence.get(lang))
    frame = pd.DataFrame(rows, columns=["item", "value"])
    columns = [Column("item", label("item", lang)), Column("value", label("value", lang))]
    return Table("assumptions", _title("assumptions", lang), columns, frame)


def all_tables(project: TypedProject, plan: Plan, lang: str = "en") -> list[Table]:
    """Every plan table in the order the workbook shows them."""
    return [
        summary_table(project, plan, lang),
        phases_table(project, plan, lang),
        why_table(project, plan, lang),
        limits_table(project, plan, lang),
        margins_table(project, plan, lang),
        periods_table(project, plan, lang),
        allocation_table(project, plan, lang),
        suppliers_table(project, plan, lang),
        content_table(project, plan, lang),
        assumptions_table(project, plan, lang),
    ]
