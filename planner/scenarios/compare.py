"""Scenarios side by side, as plain tables that the screen, the workbook, the printed plan and
`locplan compare` all render: the headline costs, the Chinese share and RVC per product and
period, and for each part the supplier and quarter it moves in under each scenario, with the
cells that differ from the base flagged."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

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


@dataclass
class Comparison:
    names: list[str]
    summary: pd.DataFrame  # index: SUMMARY_ROWS keys; columns: scenario names
    shares: pd.DataFrame  # product_id, period, measure ('china' | 'rvc'), one column each
    parts: pd.DataFrame  # component_id, one column each: 'SUPPLIER from PERIOD' or ''
    differs: pd.DataFrame  # parts' cells that differ from the base (bool, same shape)
    explanations: dict[str, list[Text]] = field(default_factory=dict)
    problems: dict[str, list] = field(default_factory=dict)

    def to_json(self, lang: str = "en") -> dict:
        """What `locplan compare --json` prints."""
        out = []
        for name in self.names:
            s = self.summary[name]
            ok = s["status"] in ("optimal", "feasible")
            last = self.shares[
                (self.shares["measure"] == "china") & (self.shares["period"] == self._last)
            ]
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
                    "explanation": [x.get(lang) for x in self.explanations.get(name, [])],
                    "problems": [p.format(lang) for p in self.problems.get(name, [])],
                }
            )
        return {"scenarios": out}

    @property
    def _last(self) -> str:
        periods = list(dict.fromkeys(self.shares["period"]))
        return periods[-1] if periods else ""


def compare(results: dict[str, ScenarioResult]) -> Comparison:
    names = list(results)
    summary = pd.DataFrame(index=[k for k, _, _ in SUMMARY_ROWS], columns=names, dtype=object)
    share_frames, part_columns = [], {}
    explanations, problems = {}, {}
    for name, r in results.items():
        plan = r.plan
        explanations[name] = list(plan.explanation) if plan is not None else []
        problems[name] = [p for p in r.problems if p.is_error]
        if plan is None:
            summary.loc["status", name] = "invalid" if problems[name] else "no_plan"
            continue
        summary.loc["status", name] = plan.status.value
        if not plan.has_plan:
            continue
        for key, _, _ in SUMMARY_ROWS[1:]:
            summary.loc[key, name] = plan.summary.get(key)
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
    return Comparison(names, summary, shares, parts, differs, explanations, problems)
