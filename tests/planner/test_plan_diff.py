"""What changed between two plans of a tiny project whose moves are known by construction, the
sign-off page's figures, and the "Plan changes" sheet read back.

Three parts bought from China (P1 $20, P2 $20, P3 $10 of a $100 product) must leave under a
glide path (40% in Q2, 20% in Q3, 1% in Q4). In v1 P1 and P3 (to VN2, the cheapest for P3)
start in Q1, P2 (to VN1) in Q2. v2 cuts Q1's one-time budget to $1,000 (one start) and adds a
cheaper quote for P2 from VN3: P3 starts a quarter later with VN2 (which is onboarded a
quarter later), P2 goes to VN3 (a supplier added), and the Q1 budget binds.
"""

from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pytest

from planner.optimise import plan_project
from planner.project import INF, Settings, TypedProject
from planner.report.labels import label
from planner.report.plan_diff import PART_COLUMNS, TOTAL, diff_dict, diff_plans
from planner.report.plan_report import build_report
from planner.report.signoff import Approval, SignOff
from planner.report.story import Grid, Heading, Paragraph, Signature
from planner.report.workbook import write_plan_workbook

PERIODS = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]


def offer(c: str, s: str, price: float) -> dict:
    return {
        "component_id": c,
        "supplier_id": s,
        "unit_price": price,
        "china_share": 0.0,
        "lead_periods": 1,
        "switching_cost": 1000.0,
        "max_ramp": 1.0,
        "earliest_period": "2027-Q1",
        "capacity_per_period": INF,
    }


BASE = [offer("P1", "VN1", 22.0), offer("P2", "VN1", 23.5), offer("P3", "VN2", 10.2)]
BASE.append(offer("P3", "VN1", 11.0))


def three(offers: list[dict], budget: list[float]) -> TypedProject:
    return TypedProject(
        tables={
            "Components": pd.DataFrame(
                {
                    "component_id": ["P1", "P2", "P3"],
                    "description": ["Board", "Housing", "Cable"],
                    "category": [""] * 3,
                    "hs_code": [""] * 3,
                    "qty_per_unit": [math.nan] * 3,
                    "current_supplier": ["CN1"] * 3,
                    "current_country": ["CN"] * 3,
                    "current_unit_price": [20.0, 20.0, 10.0],
                    "current_china_share": [1.0] * 3,
                    "locked": [False] * 3,
                }
            ),
            "Products": pd.DataFrame(
                {
                    "product_id": ["X"],
                    "name": [""],
                    "fob_price": [100.0],
                    "us_share": [1.0],
                    "units_per_period": [100.0],
                }
            ),
            "BOM": pd.DataFrame(
                {"product_id": ["X"] * 3, "component_id": ["P1", "P2", "P3"], "qty_per_unit": 1.0}
            ),
            "Suppliers": pd.DataFrame(
                {
                    "supplier_id": ["CN1", "VN1", "VN2", "VN3"],
                    "name": ["Shenzhen", "Hà Nội", "Hải Phòng", "Đà Nẵng"],
                    "country": ["CN", "VN", "VN", "VN"],
                    "province": [""] * 4,
                    "onboarding_cost": [0.0, 0.0, 100.0, 0.0],
                    "capacity_per_period": [INF] * 4,
                }
            ),
            "Offers": pd.DataFrame(offers),
            "Periods": pd.DataFrame(
                {
                    "period": PERIODS,
                    "budget": budget,
                    "max_new_qualifications": [INF] * 4,
                    "china_cap": [math.nan, 0.40, 0.20, 0.01],
                    "tariff_active": [True] * 4,
                }
            ),
            "Volumes": pd.DataFrame({"product_id": [], "period": [], "units": []}),
            "Tariffs": pd.DataFrame({"max_china_share": [0.3, 1.0], "rate": [0.05, 0.1]}),
        },
        settings=Settings(
            tariff_margin=0.0,
            max_utilisation=1.0,
            max_supplier_spend_share=1.0,
            plan_name="Tiny",
        ),
    )


@pytest.fixture(scope="module")
def plans():
    old_project = three(BASE, [INF] * 4)
    new_project = three([*BASE, offer("P2", "VN3", 23.0)], [1000.0, INF, INF, INF])
    old = plan_project(old_project, time_limit_s=20)
    new = plan_project(new_project, time_limit_s=20)
    assert old.has_plan and new.has_plan
    return old, new, new_project


def _starts(plan) -> set[tuple[str, str, str]]:
    a = plan.actions[plan.actions["kind"] == "start_qualification"]
    return set(zip(a["component_id"], a["supplier_id"], a["period"], strict=True))


def test_the_plans_move_as_built(plans):
    old, new, _ = plans
    assert _starts(old) == {
        ("P1", "VN1", "2027-Q1"),
        ("P3", "VN2", "2027-Q1"),
        ("P2", "VN1", "2027-Q2"),
    }
    assert _starts(new) == {
        ("P1", "VN1", "2027-Q1"),
        ("P3", "VN2", "2027-Q2"),
        ("P2", "VN3", "2027-Q2"),
    }


def test_each_changed_part_with_its_reason(plans):
    old, new, project = plans
    diff = diff_plans(old, new, project, old_name="v1", new_name="v2")
    parts = diff.parts.set_index("component_id")
    assert list(diff.parts.columns) == PART_COLUMNS
    assert sorted(parts.index) == ["P2", "P3"]  # P1 starts as before
    p3 = parts.loc["P3"]
    assert (p3["change"], p3["supplier_old"], p3["start_old"]) == ("later", "VN2", "2027-Q1")
    assert (p3["supplier_new"], p3["start_new"], p3["ready_new"]) == ("VN2", "2027-Q2", "2027-Q3")
    assert p3["reason_en"].startswith(
        "The one-time budget of 2027-Q1 went from unlimited to $1,000."
    )
    assert "Ngân sách một lần kỳ 2027-Q1 đổi từ không giới hạn thành 1.000 USD." in p3["reason_vi"]
    reason = new.reasons[new.reasons["component_id"] == "P3"]["reason_en"].iloc[0]
    assert f"v2: {reason}" in p3["reason_en"]  # the new plan's own sentence follows
    p2 = parts.loc["P2"]
    assert (p2["change"], p2["supplier_old"], p2["supplier_new"]) == (
        "other_supplier",
        "VN1",
        "VN3",
    )
    assert p2["reason_en"].startswith(
        "VN3 supplies P2 at $23.00 a unit in v2; VN1 at $23.50 in v1."
    )
    assert "VN3 cung cấp P2 giá 23,00 USD" in p2["reason_vi"]


def test_suppliers_limits_and_money(plans):
    old, new, project = plans
    diff = diff_plans(old, new, project, old_name="v1", new_name="v2")
    sup = diff.suppliers.set_index("supplier_id")
    assert sup.loc["VN3", "change"] == "added" and sup.loc["VN3", "onboard_new"] == "2027-Q2"
    assert sup.loc["VN3", "reason_en"] == "v2 onboards VN3 in 2027-Q2 for P2."
    assert sup.loc["VN2", "change"] == "moved"
    assert (sup.loc["VN2", "onboard_old"], sup.loc["VN2", "onboard_new"]) == ("2027-Q1", "2027-Q2")
    limits = diff.limits.set_index(["family", "period"])
    assert limits.loc[("budget", "2027-Q1"), "change"] == "newly_binding"
    assert limits.loc[("budget", "2027-Q1"), "text_en"].startswith(
        "The one-time budget of 2027-Q1 is now fully used ($1,000 of $1,000)."
    )
    money = diff.money.set_index("period")
    total = money.loc[TOTAL]
    # exactly new less old, by kind and in all
    assert (
        total["total_change"] == new.periods["total_cost"].sum() - old.periods["total_cost"].sum()
    )
    assert total["total_change"] == pytest.approx(new.total_cost - old.total_cost, abs=1e-6)
    for kind, column in (
        ("material", "material_cost"),
        ("one_time", "one_time_cost"),
        ("duty", "tariff_cost"),
    ):
        assert total[f"{kind}_change"] == pytest.approx(
            new.periods[column].sum() - old.periods[column].sum(), abs=1e-9
        )
    q1 = money.loc["2027-Q1"]
    assert (q1["one_time_old"], q1["one_time_new"], q1["one_time_change"]) == (
        2100.0,
        1000.0,
        -1100.0,
    )
    assert diff.headline[0].en == "v2 costs $428 more than v1: material −$72, duty +$500."
    assert diff.headline[1].en == (
        "1 part moves later, 1 to another supplier; 1 supplier added, "
        "1 supplier onboarded in another quarter."
    )
    assert diff.headline[1].vi.startswith("1 linh kiện chuyển muộn hơn")
    data = diff_dict(diff, "vi")
    import json

    assert (
        json.loads(json.dumps(data, allow_nan=False))["parts"][0]["reason"]
        == (diff.parts["reason_vi"].iloc[0])
    )


def test_the_reverse_diff_and_events(plans):
    old, new, project = plans
    back = diff_plans(new, old, project, old_name="v2", new_name="v1")
    assert dict(zip(back.parts["component_id"], back.parts["change"], strict=True)) == {
        "P3": "earlier",
        "P2": "other_supplier",
    }
    assert back.suppliers.set_index("supplier_id").loc["VN3", "change"] == "dropped"
    assert set(back.limits["change"]) == {"no_longer_binding"}
    events = pd.DataFrame(
        [
            {
                "period": "2027-Q1",
                "event": "supplier_late",
                "component_id": "",
                "supplier_id": "VN2",
                "value": 2,
                "note": "",
            }
        ]
    )
    diff = diff_plans(old, new, project, old_name="v1", new_name="v2", events=events)
    parts = diff.parts.set_index("component_id")
    assert parts.loc["P3", "reason_en"] == "VN2 is 2 quarters late (2027-Q1)."
    assert parts.loc["P3", "reason_vi"] == "VN2 chậm 2 quý (2027-Q1)."


def test_an_identical_pair_is_an_empty_diff(plans):
    _, new, project = plans
    diff = diff_plans(new, new, project, old_name="v2", new_name="v3")
    assert diff.unchanged
    assert diff.parts.empty and diff.suppliers.empty and diff.limits.empty
    assert (diff.money.filter(like="_change") == 0).all().all()
    assert [h.en for h in diff.headline] == [
        "Nothing changed between v2 and v3: the same switches, suppliers and binding limits, "
        "at the same cost ($26,955)."
    ]
    assert diff.headline[0].vi.startswith("Không có gì thay đổi giữa v2 và v3")


def _texts(story) -> list[str]:
    out = []
    for block in story.blocks:
        if isinstance(block, Paragraph | Heading):
            out.append(block.text)
        elif isinstance(block, Grid):
            out += [c for row in block.cells for c in row] + [c.header for c in block.columns]
        elif isinstance(block, Signature):
            out += list(block.labels)
    return out


def _signoff(plans) -> SignOff:
    old, new, project = plans
    diff = diff_plans(old, new, project, old_name="v1", new_name="v2")
    return SignOff(version=2, approved=Approval(1, "2027-01-15", "Nguyễn Văn An"), diff=diff)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_signoff_page_shows_the_ask_and_lines_to_sign(plans, lang):
    _, new, project = plans
    story = build_report(project, new, lang, signoff=_signoff(plans)).story
    page = story.blocks[
        : story.blocks.index(next(b for b in story.blocks if isinstance(b, Signature))) + 1
    ]
    sign = page[-1]
    assert sign.labels == tuple(label(k, lang) for k in ("approved_by", "signature", "sign_date"))
    if lang == "vi":
        assert sign.labels == ("Người duyệt", "Chữ ký", "Ngày")
    texts = _texts(type(story)(**{**story.__dict__, "blocks": page}))
    from planner.report import fmt

    # the ask: one-time money by quarter, equal to the plan's periods table
    per = new.periods[new.periods["one_time_cost"] > 0]
    for p, money in zip(per["period"], per["one_time_cost"], strict=True):
        assert p in texts and fmt.money(money, lang) in texts
    assert fmt.money(new.periods["one_time_cost"].sum(), lang) in texts
    # the suppliers to onboard, and the material premium against today's suppliers
    onboard = new.actions[new.actions["kind"] == "onboard"]
    assert set(onboard["supplier_id"]) <= set(texts)
    s = new.summary
    premium = s.material_cost - (s.do_nothing_cost - s.do_nothing_tariff)
    assert fmt.money(premium, lang) in texts
    # what changed since v1, in the language
    diff = _signoff(plans).diff
    assert diff.headline[0].get(lang) in texts
    assert label("changes_title", lang, old="v1") in _texts(story)  # the full section follows
    if lang == "vi":
        assert label("the_ask", "vi") == "Nội dung đề nghị duyệt"
        assert "Kế hoạch theo giai đoạn" in texts


def test_without_signoff_the_page_says_not_yet_approved(plans):
    _, new, project = plans
    story = build_report(project, new, "vi").story
    texts = _texts(story)
    assert label("not_approved", "vi") in texts
    assert "Người duyệt" in texts
    assert not any(g.source.startswith("changes") for g in story.grids())


def test_workbook_has_the_plan_changes_sheet(plans, tmp_path):
    _, new, project = plans
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, new, out, signoff=_signoff(plans))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames.index("Plan changes") == wb.sheetnames.index("Plan summary") + 1
    rows = [r for r in wb["Plan changes"].iter_rows(values_only=True)]
    cells = [c for r in rows for c in r if c is not None]
    diff = _signoff(plans).diff
    assert rows[0][0] == "What changed since v1"
    assert [r[0] for r in rows[2:5]] == [h.en for h in diff.headline]
    header = next(i for i, r in enumerate(rows) if r[0] == "Part")
    got = {r[0]: r for r in rows[header + 1 : header + 3]}
    assert got["P3"][1] == "later" and got["P2"][1] == "to another supplier"
    assert diff.parts.set_index("component_id").loc["P3", "reason_en"] in cells
    money_head = next(i for i, r in enumerate(rows) if r[0] == "Period")
    money = {r[0]: r for r in rows[money_head + 1 :] if r[0] in (*PERIODS, "Horizon")}
    total_change = money["Horizon"][12]
    assert total_change == pytest.approx(diff.total_change)
    # without a diff the sheet says there is nothing to compare
    plain = tmp_path / "plain.xlsx"
    write_plan_workbook(project, new, plain, lang="vi")
    ws = openpyxl.load_workbook(plain)["KH - Thay đổi"]
    assert ws.cell(3, 1).value == label("not_approved", "vi")
