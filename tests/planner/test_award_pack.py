"""The award pack in the plan workbook, read back as a buyer reads it: the decision first, the
awards per supplier, the part x quarter matrix in units, spend by country, the margins and
their price, money headers naming the currency, the assumptions complete."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from planner.optimise import plan_project
from planner.optimise.margins import with_margin_prices
from planner.report.labels import label
from planner.report.workbook import write_plan_workbook
from planner.validate import check_file
from tests.planner.test_report_workbook import _rows, _sheet

SAMPLE = "sample_data/vr_headset_bac_ninh.xlsx"


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    project = check_file(SAMPLE).project
    plan = with_margin_prices(project, plan_project(project, time_limit_s=8), time_limit_s=8)
    assert plan.verified
    books = {}
    for lang in ("en", "vi"):
        out = tmp_path_factory.mktemp("pack") / f"plan-{lang}.xlsx"
        write_plan_workbook(project, plan, out, lang=lang)
        books[lang] = openpyxl.load_workbook(out)
    return project, plan, books


def test_the_workbook_opens_on_the_decision(pack):
    project, _plan, books = pack
    for lang, first in (("en", "Move "), ("vi", "Chuyển ")):
        wb = books[lang]
        assert wb.sheetnames[0] == label("sheet_decision", lang)
        cells = [c for (c,) in wb.worksheets[0].iter_rows(values_only=True) if c]
        assert cells[0] == project.settings.plan_name
        assert cells[1].startswith(first)
        assert not any("(s)" in c for c in cells)


def test_awards_per_supplier_hold_every_unit_and_dollar_of_the_plan(pack):
    project, plan, books = pack
    awards = _rows(_sheet(books["en"], "awards"))
    spend = f"{label('spend')} (USD)"
    assert awards[spend].sum() == pytest.approx(plan.allocation["cost"].sum())
    assert list(awards[label("supplier_id")]) == sorted(awards[label("supplier_id")])
    units = awards[[label("units_in", p=p) for p in project.periods]].to_numpy().sum()
    assert units == pytest.approx(plan.allocation["units"].sum())
    # a new supplier's award names the quarter its qualification starts
    starts = plan.actions[plan.actions["kind"] == "start_qualification"].iloc[0]
    row = awards[
        (awards[label("supplier_id")] == starts["supplier_id"])
        & (awards[label("component_id")] == starts["component_id"])
    ]
    assert row[label("qualification_start")].item() == starts["period"]


def test_the_matrix_is_by_part_and_the_countries_add_up(pack):
    project, _plan, books = pack
    matrix = _rows(_sheet(books["en"], "matrix"))
    assert list(matrix[label("component_id")]) == sorted(matrix[label("component_id")])
    countries = _rows(_sheet(books["en"], "countries"))
    for p in project.periods:
        assert countries[p].sum() == pytest.approx(1.0)
    assert set(countries[label("country")]) >= {"CN", "VN"}


def test_margins_and_their_price_are_in_the_pack(pack):
    _project, plan, books = pack
    margins = _rows(_sheet(books["en"], "margins"))
    (row,) = margins.to_dict("records")
    assert row[label("margin_setting")] == "Margin below every tariff bound"
    assert row[f"{label('margin_price')} (USD)"] == pytest.approx(plan.margins["price"].item())
    assert plan.margins["price"].item() > 0


def test_money_is_labelled_with_its_currency(pack):
    _project, _plan, books = pack
    summary = list(_sheet(books["en"], "summary").iter_rows(values_only=True))
    assert summary[0][:3] == ("Item", "Value", "Currency")
    by_item = {r[0]: r for r in summary[1:]}
    assert by_item["Total cost of the plan"][2] == "USD"
    assert by_item["Parts switched"][2] is None
    for key in ("awards", "periods", "suppliers", "allocation"):
        headers = [c.value for c in _sheet(books["en"], key)[1]]
        assert any(str(h).endswith("(USD)") for h in headers), key


def test_the_assumptions_name_every_rule_margin_and_the_tariff_preset(pack):
    _project, _plan, books = pack
    rows = dict(list(_sheet(books["en"], "assumptions").iter_rows(values_only=True))[1:])
    for title in (
        "Margin below every tariff bound",
        "Margin below the customer's cap",
        "Most of a new supplier's capacity used",
        "Second source of a critical part",
        "Share of the US tariff the factory bears",
        "Stable awards: no share reverses",
        "Least share of an award",
        "Qualifications engineering can run at once",
    ):
        assert title in rows, title
    assert rows["Tariff schedule used"].startswith("Hypothetical")
    assert "Never enacted" in rows["Tariff schedule used"]
    frame = pd.DataFrame(list(rows.items()))
    assert not frame[1].astype(str).str.contains(r"\(s\)").any()


def test_page_one_names_the_bounds_the_margins_price_and_the_concentration(pack):
    from planner.report.decision import decision

    project, plan, _books = pack
    text = " ".join(decision(project, plan, "en"))
    content = plan.content
    near = content[(content["cap_margin"] < 0.01)]
    assert f"{len(near)} bounds within 1 point" in text or len(near) == 0
    for r in near.itertuples():
        assert f"{r.product_id} {r.period} is" in text or "more" in text
    price = plan.margins["price"].item()
    assert "margin below every tariff bound (2%) costs" in text
    assert f"${price / 1e6:.1f}M" in text or f"${price / 1e3:.1f}k" in text
    assert "Concentration: " in text and "(limit 25%)" in text
    assert "(s)" not in text
    vi = " ".join(decision(project, plan, "vi"))
    assert "Mức tập trung: " in vi and "biên dưới mọi ngưỡng thuế (2%) tốn" in vi
