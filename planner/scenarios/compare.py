"""Scenarios side by side, as plain tables that the screen, the workbook, the printed plan and
`locplan compare` all render: the headline costs, the Chinese share and RVC per product and
period, and for each part the supplier and quarter it moves in under each scenario, with the
cells that differ from the base flagged.

Each scenario's difference from the base is read against both plans' gaps: a plan may cost up
to gap x cost more than the best plan of its project, so a difference smaller than
gap_base x cost_base + gap x cost may be the planner's, not the scenario's ("within the
planner's uncertainty"; a plan without a bound counts as exact). Its reason names the largest
of the duty, material and one-time changes, and the parts and quarters that drive it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner.plan import Plan
from planner.report import fmt
from planner.scenarios.run import ScenarioResult
from planner.text import Text, t

# (key, label, kind): the summary's rows; kind tells the renderer how to format
SUMMARY_ROWS: tuple[tuple[str, Text, str], ...] = (
    ("status", t("Status", "Trạng thái"), "text"),
    ("total_cost", t("Total cost", "Tổng chi phí"), "money"),
    ("material_cost", t("Material", "Vật tư"), "money"),
    ("one_time_cost", t("One-time", "Chi phí một lần"), "money"),
    ("tariff_cost", t("Tariff borne", "Thuế phải chịu"), "money"),
    (
        "saving_vs_do_nothing",
        t("Saving against doing nothing", "Tiết kiệm so với giữ nguyên"),
        "money",
    ),
    ("parts_switched", t("Parts switched", "Linh kiện chuyển đổi"), "count"),
    ("suppliers_onboarded", t("Suppliers onboarded", "Nhà cung cấp mới"), "count"),
    ("vn_spend_share", t("Spend on Vietnamese parts", "Chi tiêu cho linh kiện Việt Nam"), "share"),
)
SEARCH_ROWS = ("best_bound", "gap", "stopped_by")  # also in the summary, not shown as rows
# the changes a reason can name: (key, the periods table's column, label)
CHANGES: tuple[tuple[str, str, Text], ...] = (
    ("tariff", "tariff_cost", t("the duty", "thuế")),
    ("material", "material_cost", t("material", "vật tư")),
    ("one_time", "one_time_cost", t("one-time costs", "chi phí một lần")),
)
WITHIN = t("within the planner's uncertainty", "trong sai số của bộ tối ưu")
SAME = 0.5  # a difference below half a unit of money is none


@dataclass
class Difference:
    """A scenario's total cost against the base's, and why."""

    delta: float  # the scenario's total cost less the base's
    uncertainty: float  # gap_base x cost_base + gap x cost (a plan without a bound: 0)
    change: str  # the largest change: tariff | material | one_time ("" when none)
    amount: float  # that change (the scenario's less the base's)
    drivers: list[str]  # the parts that drive it (for the duty: products, then parts moved)
    periods: list[str]  # the quarters that drive it, largest first
    reason: Text

    @property
    def within(self) -> bool:
        """A difference smaller than what the two searches may still be off by: it may be
        the planner's, not the scenario's (no difference at all is not marked)."""
        return _within(self.delta, self.uncertainty)


def _within(delta: float, uncertainty: float) -> bool:
    return SAME <= abs(delta) < uncertainty


def _signed(value: float, lang: str, currency: str) -> str:
    text = fmt.money(value, lang, currency)
    return "+" + text if value > 0 else text


def _top(series: pd.Series, sign: float, k: int, least: float = 0.5) -> list[str]:
    """The k labels with the largest change in the direction `sign` (above `least`)."""
    moved = series[(series * sign) > least]
    order = (moved * sign).sort_values(ascending=False, kind="stable")
    return [str(i) for i in order.index[:k]]


def _by(frame: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    if frame.empty:
        return pd.Series(dtype=float)
    return frame.groupby(keys)[column].sum().astype(float)


def difference(base: Plan, plan: Plan, currency: str = "USD") -> Difference:
    """The scenario `plan` against the `base` plan (both with a plan)."""
    cost_b, cost_s = float(base.total_cost or 0.0), float(plan.total_cost or 0.0)
    delta = cost_s - cost_b
    uncertainty = (base.gap or 0.0) * abs(cost_b) + (plan.gap or 0.0) * abs(cost_s)
    pb, ps = base.periods.set_index("period"), plan.periods.set_index("period")
    amounts = {key: float(ps[col].sum() - pb[col].sum()) for key, col, _ in CHANGES}
    change = max(amounts, key=lambda k: abs(amounts[k]))
    amount = amounts[change]
    if abs(amount) < SAME and abs(delta) < SAME:
        return Difference(
            delta,
            uncertainty,
            "",
            0.0,
            [],
            [],
            t("Same cost as the base.", "Cùng chi phí với base."),
        )
    sign = 1.0 if amount > 0 else -1.0
    column = dict((k, c) for k, c, _ in CHANGES)[change]
    by_period = ps[column].sub(pb[column], fill_value=0.0)
    periods = _top(by_period, sign, 2)
    moved: list[str] = []
    if change == "material":
        key = ["component_id"]
        drivers = _top(
            _by(plan.allocation, key, "cost").sub(_by(base.allocation, key, "cost"), fill_value=0),
            sign,
            3,
        )
    elif change == "one_time":
        acts = []
        for frame in (base.actions, plan.actions):
            a = frame[frame["kind"].isin(["onboard", "start_qualification"])].copy()
            a["who"] = a["component_id"].where(a["component_id"].astype(bool), a["supplier_id"])
            acts.append(a)
        drivers = _top(
            _by(acts[1], ["who"], "one_time_cost").sub(
                _by(acts[0], ["who"], "one_time_cost"), fill_value=0
            ),
            sign,
            3,
        )
    else:  # the duty: the products that pay it, and the parts whose supplier mix moved
        key = ["product_id"]
        drivers = _top(
            _by(plan.content, key, "tariff_cost").sub(
                _by(base.content, key, "tariff_cost"), fill_value=0
            ),
            sign,
            2,
        )
        cells = ["component_id", "supplier_id", "period"]
        mix = _by(plan.allocation, cells, "share").sub(
            _by(base.allocation, cells, "share"), fill_value=0
        )
        if len(mix):  # the parts whose suppliers' shares moved, most moved first
            moved = _top(mix.abs().groupby(level="component_id").sum(), 1.0, 3, 1e-6)
    what = next(x for k, _, x in CHANGES if k == change)
    reason = _reason(what, amount, drivers, moved, periods, currency)
    if _within(delta, uncertainty):
        reason = t(
            "{w} (±{u}). {r}",
            "{w_vi} (±{u_vi}). {r_vi}",
            w=WITHIN.en[:1].upper() + WITHIN.en[1:],
            w_vi=WITHIN.vi[:1].upper() + WITHIN.vi[1:],
            u=fmt.money(uncertainty, "en", currency),
            u_vi=fmt.money(uncertainty, "vi", currency),
            r=reason.en,
            r_vi=reason.vi,
        )
    return Difference(delta, uncertainty, change, amount, drivers + moved, periods, reason)


def _reason(
    what: Text, amount: float, drivers: list[str], moved: list[str], periods, currency: str
) -> Text:
    """'Mostly the duty, +$1,234 (VR1; parts moved: PCB-01), most in 2027-Q3, 2027-Q4.'"""

    def one(lang: str) -> str:
        who = ", ".join(drivers)
        if moved:
            part = "parts moved" if lang == "en" else "linh kiện đổi nguồn"
            who = "; ".join(x for x in (who, f"{part}: {', '.join(moved)}") if x)
        text = ("Mostly {w}, {a}" if lang == "en" else "Chủ yếu do {w}, {a}").format(
            w=what.get(lang), a=_signed(amount, lang, currency)
        )
        if who:
            text += f" ({who})"
        if periods:
            text += (", most in " if lang == "en" else ", nhiều nhất ở ") + ", ".join(periods)
        return text + "."

    return Text(one("en"), one("vi"))


@dataclass
class Comparison:
    names: list[str]
    summary: pd.DataFrame  # index: SUMMARY_ROWS keys; columns: scenario names
    shares: pd.DataFrame  # product_id, period, measure ('china' | 'rvc'), one column each
    parts: pd.DataFrame  # component_id, one column each: 'SUPPLIER from PERIOD' or ''
    differs: pd.DataFrame  # parts' cells that differ from the base (bool, same shape)
    explanations: dict[str, list[Text]] = field(default_factory=dict)
    problems: dict[str, list] = field(default_factory=dict)
    differences: dict[str, Difference] = field(default_factory=dict)  # planned, not the base

    def to_json(self, lang: str = "en") -> dict:
        """What `locplan compare --json` prints."""
        out = []
        for name in self.names:
            s = self.summary[name]
            ok = s["status"] in ("optimal", "feasible")
            last = self.shares[
                (self.shares["measure"] == "china") & (self.shares["period"] == self._last)
            ]
            d = self.differences.get(name)
            out.append(
                {
                    "scenario": name,
                    "status": s["status"],
                    "total_cost": s["total_cost"] if ok else None,
                    "material_cost": s["material_cost"] if ok else None,
                    "one_time_cost": s["one_time_cost"] if ok else None,
                    "tariff_cost": s["tariff_cost"] if ok else None,
                    "saving_vs_do_nothing": s["saving_vs_do_nothing"] if ok else None,
                    "parts_switched": s["parts_switched"] if ok else None,
                    "china_share_last": (
                        dict(zip(last["product_id"], last[name], strict=True)) if ok else {}
                    ),
                    "best_bound": _value(s.get("best_bound")) if ok else None,
                    "gap": _value(s.get("gap")) if ok else None,
                    "stopped_by": (s.get("stopped_by") or None) if ok else None,
                    "difference_from_base": d.delta if d else None,
                    "uncertainty": d.uncertainty if d else None,
                    "within_uncertainty": d.within if d else None,
                    "reason": d.reason.get(lang) if d else None,
                    "explanation": [x.get(lang) for x in self.explanations.get(name, [])],
                    "problems": [p.format(lang) for p in self.problems.get(name, [])],
                }
            )
        return {"scenarios": out}

    @property
    def _last(self) -> str:
        periods = list(dict.fromkeys(self.shares["period"]))
        return periods[-1] if periods else ""


def _value(v: object) -> object:
    return None if v is None or (isinstance(v, float) and v != v) else v


def compare(results: dict[str, ScenarioResult]) -> Comparison:
    names = list(results)
    summary = pd.DataFrame(
        index=[k for k, _, _ in SUMMARY_ROWS] + list(SEARCH_ROWS), columns=names, dtype=object
    )
    share_frames, part_columns = [], {}
    explanations, problems = {}, {}
    for name, r in results.items():
        plan = r.plan
        explanations[name] = list(plan.explanation) if plan is not None else []
        # its errors, and the warnings of its Scenarios rows (two rows that set one cell)
        problems[name] = [p for p in r.problems if p.is_error or p.sheet == "Scenarios"]
        if plan is None:
            invalid = any(p.is_error for p in problems[name])
            summary.loc["status", name] = "invalid" if invalid else "no_plan"
            continue
        summary.loc["status", name] = plan.status.value
        if not plan.has_plan:
            continue
        for key, _, _ in SUMMARY_ROWS[1:]:  # the rows are Summary's fields: a typo raises
            summary.loc[key, name] = (
                getattr(plan.summary, key) if plan.summary is not None else None
            )
        summary.loc["best_bound", name] = plan.best_bound
        summary.loc["gap", name] = plan.gap
        summary.loc["stopped_by", name] = plan.stopped_by.value
        content = plan.content[["product_id", "period", "china_share", "rvc"]]
        long = content.melt(
            id_vars=["product_id", "period"], value_vars=["china_share", "rvc"], var_name="measure"
        )
        long["measure"] = long["measure"].map({"china_share": "china", "rvc": "rvc"})
        share_frames.append(long.rename(columns={"value": name}))
        starts = plan.actions[plan.actions["kind"] == "start_qualification"]
        part_columns[name] = (
            starts.groupby("component_id")
            .apply(
                lambda g: "; ".join(
                    f"{s} from {p}" for s, p in zip(g["supplier_id"], g["period"], strict=True)
                ),
                include_groups=False,
            )
            .to_dict()
        )
    shares = pd.DataFrame(columns=["product_id", "period", "measure"])
    for frame in share_frames:
        shares = (
            frame
            if shares.empty
            else shares.merge(
                frame, on=["product_id", "period", "measure"], how="outer", sort=False
            )
        )
    for name in names:
        if name not in shares.columns:
            shares[name] = None
    parts_ids = sorted({c for cols in part_columns.values() for c in cols})
    parts = pd.DataFrame({"component_id": parts_ids})
    for name in names:
        moves = part_columns.get(name, {})
        parts[name] = [moves.get(c, "") for c in parts_ids]
    base = names[0]
    differs = parts[names].ne(parts[base], axis=0)
    differs[base] = False
    differences = {}
    first = results[base].plan if names else None
    if first is not None and first.has_plan:
        currency = next(
            (r.project.settings.currency for r in results.values() if r.project is not None),
            "USD",
        )
        for name in names[1:]:
            plan = results[name].plan
            if plan is not None and plan.has_plan:
                differences[name] = difference(first, plan, currency)
    return Comparison(names, summary, shares, parts, differs, explanations, problems, differences)
