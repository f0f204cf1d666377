"""Scenarios in the app, the plain-data side: the what-if rows, the comparison as shown,
printed and written to the plan workbook's Comparison sheet."""

from __future__ import annotations

import copy

import openpyxl
import pandas as pd

from planner.io.read import read_project
from planner.scenarios import compare, materialise, plan_scenarios, scenario_names
from planner.scenarios import whatif as wi
from planner.scenarios.view import build_view, comparison_story, write_comparison_sheet
from tests.planner.conftest import SMALL, write_book


def book(tmp_path, rows):
    sheets = copy.deepcopy(SMALL)
    sheets["Scenarios"] = [["scenario", "sheet", "row_id", "column", "value"], *rows]
    return write_book(sheets, tmp_path / "whatif.xlsx")


def as_list(rows):
    return [[r["scenario"], r["sheet"], r["row_id"], r["column"], r["value"]] for r in rows]


def test_what_if_rows_apply_to_the_project(tmp_path):
    offers = pd.DataFrame(
        {"component_id": ["PCB-01"], "supplier_id": ["BN-PCB"], "capacity_per_period": [None]}
    )
    rows = (
        wi.budget_rows("w", -20)
        + wi.lead_rows("w", "HP-PLA", 2)
        + wi.capacity_rows("w", "BN-PCB", 30, offers)
        + wi.volume_rows("w", "VR1", 10, pd.DataFrame())
        + wi.tariff_rows("w", "reciprocal_2025", [0.4, 1])
    )
    assert rows[0] == wi.row("w", "Periods", "", "budget", "*0.8")
    assert rows[1]["value"] == "+2" and rows[1]["row_id"] == "*/HP-PLA"
    assert rows[2] == wi.row("w", "Suppliers", "BN-PCB", "capacity_per_period", "*0.7")
    raw = read_project(book(tmp_path, as_list(rows)))
    made = materialise(raw, "w")
    assert not made.problems, [p.format() for p in made.problems]
    periods = made.raw.sheets["Periods"]
    assert float(periods["budget"].iloc[0]) == 40000
    suppliers = made.raw.sheets["Suppliers"].set_index("supplier_id")
    assert float(suppliers.loc["BN-PCB", "capacity_per_period"]) == 3500
    tariffs = made.raw.sheets["Tariffs"]
    assert {float(r) for r in tariffs["rate"]} == {0.46}


def test_names_and_duplicates():
    frame = pd.DataFrame(
        {
            "scenario": ["a", "b", "a"],
            "sheet": ["Periods"] * 3,
            "row_id": [""] * 3,
            "column": ["budget"] * 3,
            "value": ["*2"] * 3,
        }
    )
    assert wi.positions(frame, "a") == [0, 2]
    assert [r["scenario"] for r in wi.duplicate_rows(frame, "a", "c")] == ["c", "c"]
    assert wi.free_name(["base", "a", "Copy of a"], "Copy of a") == "Copy of a 2"


def test_comparison_view_sheet_and_story(tmp_path):
    rows = [
        ["cheap tariff", "Tariffs", "", "rate", "0"],
        ["impossible", "Periods", "2027-Q1", "china_cap", "0.01"],
    ]
    raw = read_project(book(tmp_path, rows))
    results = plan_scenarios(raw, ["base", "cheap tariff", "impossible"], time_limit=3)
    view = build_view(compare(results), "en")
    summary = view.table("summary")
    assert summary.headers[1:] == ["base", "cheap tariff", "impossible"]
    assert view.statuses["impossible"] == "infeasible"
    assert "2027-Q1" in view.explanations["impossible"]
    tariff_row = [r[0] for r in summary.cells].index("Tariff borne")
    assert (tariff_row, 2) in summary.differs  # no tariff: differs from the base
    assert summary.cells[-1][0] == "Why no plan"
    wb = openpyxl.Workbook()
    write_comparison_sheet(wb, view)
    path = tmp_path / "cmp.xlsx"
    wb.save(path)
    ws = openpyxl.load_workbook(path)["Comparison"]
    texts = [c for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    assert "cheap tariff" in texts and "Why no plan" in texts
    story = comparison_story(build_view(compare(results), "vi"))
    assert story.grids("comparison_summary")[0].columns[0].header == "Mục"
    # the sign-off page's alternatives: each scenario's money, as its plan has it
    alternatives = view.alternatives().set_index("scenario")
    base = results["base"].plan
    assert alternatives.loc["base", "total_cost"] == base.total_cost
    assert bool(alternatives.loc["cheap tariff", "verified"])
    assert not bool(alternatives.loc["impossible", "verified"])


def test_formula_like_scenario_names_stay_text_in_the_comparison_sheet(tmp_path):
    """Red-team F01: scenario names that look like formulas (=, +, -, @, a tab or CR before
    =) are written as text in every cell of the Comparison sheet, never as live formulas."""
    names = ['=HYPERLINK("http://x.example","click")', "\t=1+1", "\r=2+2", "@SUM(A1)", "-1+2"]
    raw = read_project(book(tmp_path, [[n, "Tariffs", "", "rate", "0.1"] for n in names]))
    planned = [n for n in scenario_names(raw) if n != "base"]
    assert len(planned) == len(names)
    results = plan_scenarios(raw, ["base", *planned], time_limit=3)
    wb = openpyxl.Workbook()
    write_comparison_sheet(wb, build_view(compare(results), "en"))
    path = tmp_path / "cmp.xlsx"
    wb.save(path)
    ws = openpyxl.load_workbook(path)["Comparison"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells}
    assert all(n in texts for n in planned)  # the names as typed, no apostrophe added
