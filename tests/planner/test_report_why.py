"""The report's new tables on the tiny project of test_optimise_families: the reasons why and
the limits' worth as report tables (both languages), the Vietnamese share of spend beside the
Chinese share, the tariff as it works (schedule, origin, tier, duty before and after
pass-through), the content-tier rule named as an assumption, the decision in plain words and
the content chart marking where a tariff regime starts."""

from __future__ import annotations

import pytest

from planner.project import INF
from planner.report.labels import label
from planner.report.plan_report import build_report
from tests.planner.test_optimise_families import solved, tiny
from tests.planner.test_tariffs import CONTENT, tariffs


def rows(table, lang="en") -> list[dict[str, str]]:
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, r, strict=True)) for r in table.display(lang)]


@pytest.fixture(scope="module")
def budget_bound():
    """The Q1 budget keeps the switch to Q2: a reason, and a binding budget priced."""
    project = tiny(offer={"switching_cost": 3000.0}, periods={"budget": [1000.0, INF]})
    return project, solved(project)


def test_a_reason_per_qualification_and_the_limits_worth(budget_bound):
    project, plan = budget_bound
    for lang in ("en", "vi"):
        report = build_report(project, plan, lang, story=False)
        why = rows(report.tables["why"], lang)
        assert len(why) == len(plan.reasons) == 1
        assert why[0]["reason"] == plan.reasons[f"reason_{lang}"].iloc[0]
        assert why[0]["component_id"] == "P1" and why[0]["supplier_id"] == "VN1"
        assert label("reason", lang) in [c.label for c in report.tables["why"].columns]
        limits = rows(report.tables["limits"], lang)
        budget = [r for r in limits if r["family"] == label("fam_budget", lang)]
        assert budget and budget[0]["period"] == "2027-Q1"
        assert budget[0]["unit"] == label("unit_budget", lang)
        assert "2027-Q1" in budget[0]["limit_text"]
    vi = build_report(project, plan, "vi", story=False)
    assert "ngân sách" in rows(vi.tables["limits"], "vi")[0]["limit_text"]


def test_vietnamese_share_and_the_tariff_as_it_works(budget_bound):
    project, plan = budget_bound
    report = build_report(project, plan, "en", story=False)
    periods = rows(report.tables["periods"])
    assert [r["vn_spend_share"] for r in periods] == [
        f"{100 * v:.1f}%" for v in plan.periods["vn_spend_share"]
    ]
    content = rows(report.tables["content"])
    assert [r["schedule"] for r in content] == ["all products from 2027-Q1"] * 2
    assert {r["origin"] for r in content} <= {"VN", "not VN"}
    assert content[0]["tariff_full"] == f"${plan.content['tariff_full'].iloc[0]:,.0f}"
    summary = {r["item"]: r["value"] for r in rows(report.tables["summary"])}
    assert summary["Share of the duty the factory bears (pass-through)"] == "100.0%"
    assert summary["Vietnamese share of material spend"].endswith("%")
    # tiers keyed to the Chinese share are named an assumption, in the summary and the decision
    assert plan.summary.content_tiers_assumed
    assert "hypothetical, not enacted law" in summary["Tariff tiers by Chinese share"]
    assert any("not enacted law" in s and "pass-through" in s for s in report.decision)


def test_the_decision_says_what_moves_costs_saves_risks(budget_bound):
    project, plan = budget_bound
    words = " ".join(build_report(project, plan, "en", story=False).decision)
    assert "Move 1 parts to new suppliers" in words and "P1" in words
    assert "It costs $3,000 once" in words
    assert "It saves" in words and "Risks:" in words and "assumptions" in words
    vi = " ".join(build_report(project, plan, "vi", story=False).decision)
    assert "Chuyển 1 linh kiện" in vi and "3.000 USD" in vi


def test_the_content_chart_marks_a_tariff_regime_change():
    project = tiny()
    project.tables["Tariffs"] = tariffs(*CONTENT, (1.0, 0.2, "2027-Q2", "", "any"))
    plan = solved(project)
    for lang, words in (("en", "all products from 2027-Q2"), ("vi", "mọi sản phẩm từ 2027-Q2")):
        chart = build_report(project, plan, lang, story=False).content
        assert chart.regime_changes == [(1, f"{label('regime_change', lang)}: {words}")]
        # the thresholds drawn only where their schedule is in force; a flat rate has none
        spans = [(s.first, s.last, s.tiers) for s in chart.tier_spans]
        assert spans == [(0, 0, [(0.4, 0.1)]), (1, len(project.periods) - 1, [])]
    assert build_report(project, solved(tiny()), story=False).content.regime_changes == []


def test_the_checker_recomputes_the_tier_bound_shown():
    import copy

    from planner.verify import verify_plan

    project = tiny()
    plan = solved(project)
    wrong = copy.copy(plan)
    wrong.content = plan.content.copy()
    wrong.content.loc[0, "tier_bound"] = 0.25
    assert any("tier bound" in v for v in verify_plan(project, wrong).violations)


def test_the_workbook_says_the_pass_through_and_gives_the_reasons(budget_bound, tmp_path):
    import openpyxl

    from planner.report.workbook import write_plan_workbook

    project, plan = budget_bound
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, plan, out, lang="vi")
    book = openpyxl.load_workbook(out)
    summary = {r[0].value: r[1] for r in book[label("sheet_summary", "vi")].iter_rows(min_row=2)}
    cell = summary["Phần thuế nhà máy chịu (tỷ lệ chia sẻ)"]
    assert cell.value == 1 and "%" in cell.number_format
    assert summary["Bậc thuế theo tỷ lệ TQ"].value.startswith("giả định")
    why = list(book[label("sheet_why", "vi")].iter_rows(values_only=True))
    assert label("reason", "vi") in why[0]
    assert [r[why[0].index(label("reason", "vi"))] for r in why[1:]] == list(
        plan.reasons["reason_vi"]
    )
