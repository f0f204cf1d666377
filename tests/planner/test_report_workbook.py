"""The plan workbook: reopens as the same project, shows the plan's own figures, formatted."""

from __future__ import annotations

import dataclasses

import openpyxl
import pandas as pd
import pytest

from planner.io.read import read_project
from planner.optimise import plan_project
from planner.report.labels import label
from planner.report.workbook import UnverifiedPlan, plan_sheet_names, write_plan_workbook
from planner.validate import check_file, validate
from tests.planner.conftest import write_book


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    from tests.planner.conftest import SMALL

    sheets = {k: [list(r) for r in v] for k, v in SMALL.items()}
    sheets["Components"][1][1] = '=HYPERLINK("http://x")'  # typed text that looks like a formula
    sheets["Components"][2][1] = "+84 housing"
    path = write_book(sheets, tmp_path_factory.mktemp("wb") / "small.xlsx")
    raw = read_project(path)
    result = validate(raw)
    assert result.ok
    plan = plan_project(result.project, time_limit_s=30)
    assert plan.has_plan
    return raw, result.project, plan


def _sheet(wb, key, lang="en"):
    return wb[label(f"sheet_{key}", lang)]


def _rows(ws) -> pd.DataFrame:
    values = list(ws.values)
    return pd.DataFrame(values[1:], columns=values[0])


def test_reopens_as_the_same_project_plus_plan_sheets(planned, tmp_path):
    raw, project, plan = planned
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, plan, out, raw=raw)
    again = check_file(out)
    assert again.ok, [p.format("en") for p in again.errors]
    for name in ("Components", "Offers", "Periods", "Tariffs", "Suppliers"):
        pd.testing.assert_frame_equal(
            again.project[name].reset_index(drop=True),
            project[name].reset_index(drop=True),
            check_dtype=False,
        )
    wb = openpyxl.load_workbook(out)
    for name in plan_sheet_names():
        assert name in wb.sheetnames
    assert wb.sheetnames[0] == label("sheet_decision")  # the decision opens the workbook


def test_formula_looking_text_stays_text(planned, tmp_path):
    raw, project, plan = planned
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, plan, out, raw=raw)
    ws = openpyxl.load_workbook(out)["Components"]
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if c.value}
    assert cells['=HYPERLINK("http://x")'] == "s"
    assert cells["+84 housing"] == "s"


def test_figures_equal_the_plans(planned, tmp_path):
    raw, project, plan = planned
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, plan, out, raw=raw)
    wb = openpyxl.load_workbook(out)
    summary = _rows(_sheet(wb, "summary"))
    values = dict(zip(summary.iloc[:, 0], summary.iloc[:, 1], strict=False))
    assert values["Total cost of the plan"] == pytest.approx(plan.total_cost)
    assert values["Cost of doing nothing (incumbents only)"] == pytest.approx(
        plan.summary.do_nothing_cost
    )
    alloc = _rows(_sheet(wb, "allocation"))
    assert len(alloc) == len(plan.allocation)
    assert alloc[f"{label('cost')} (USD)"].sum() == pytest.approx(plan.allocation["cost"].sum())
    content = _rows(_sheet(wb, "content"))
    assert content[label("china_share")].tolist() == pytest.approx(
        plan.content["china_share"].tolist()
    )
    periods = _rows(_sheet(wb, "periods"))
    total = periods[f"{label('total_cost')} (USD)"].sum()
    assert total == pytest.approx(plan.total_cost, rel=1e-6)


def test_formatted_as_an_analyst_would(planned, tmp_path):
    raw, project, plan = planned
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, plan, out, raw=raw)
    wb = openpyxl.load_workbook(out)
    alloc = _sheet(wb, "allocation")
    assert alloc.freeze_panes in ("A2", "B2")
    assert alloc.auto_filter.ref.startswith("A1:")
    header = [c.value for c in alloc[1]]
    share_col = header.index(label("share")) + 1
    assert alloc.cell(row=2, column=share_col).number_format.startswith("0.0%")
    cost_col = header.index(f"{label('cost')} (USD)") + 1
    assert alloc.cell(row=2, column=cost_col).number_format.startswith("#,##0_)")
    assert alloc.column_dimensions["A"].width >= 9
    # printable: A4, one page wide, the header row repeated on every page; the summary's
    # long note wraps inside the table's width instead of shrinking the page
    assert alloc.page_setup.fitToWidth in (None, 1) and alloc.sheet_properties.pageSetUpPr.fitToPage
    assert alloc.print_title_rows == "$1:$1"
    assert any(r.min_col == 1 and r.max_col == 2 for r in _sheet(wb, "summary").merged_cells.ranges)
    # binding limits are highlighted by live rules
    assert _sheet(wb, "periods").conditional_formatting
    assert _sheet(wb, "content").conditional_formatting
    chart_ws = _sheet(wb, "chart")
    assert len(chart_ws._charts) == 1
    # one series per product, the glide path, and one line per tariff threshold below 100%
    assert len(chart_ws._charts[0].series) == len(project["Products"]) + 1 + 1


def test_vietnamese_labels(planned, tmp_path):
    raw, project, plan = planned
    out = tmp_path / "plan_vi.xlsx"
    write_plan_workbook(project, plan, out, raw=raw, lang="vi")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["KH - Quyết định", "KH - Tóm tắt"]
    summary = _rows(wb["KH - Tóm tắt"])
    assert "Tổng chi phí của kế hoạch" in summary.iloc[:, 0].tolist()
    assert check_file(out).ok


def test_unverified_plan_is_refused(planned, tmp_path):
    raw, project, plan = planned
    bad = dataclasses.replace(plan, verified=False, violations=["demand not met"])
    with pytest.raises(UnverifiedPlan, match="independent check"):
        write_plan_workbook(project, bad, tmp_path / "bad.xlsx", raw=raw)
    assert not (tmp_path / "bad.xlsx").exists()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_workbook_and_the_printed_appendix_state_the_apps_version(planned, tmp_path, lang):
    """Support asks which version made a plan: the summary sheet says it, and so does the
    printed phase plan's appendix (with the solver's terms)."""
    from planner import version
    from planner.report.plan_report import build_report
    from planner.report.story import Grid, Heading
    from planner.report.tables import SUMMARY_LABELS

    raw, project, plan = planned
    stated = f"Supplier Localization Planner {version()}"
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, plan, out, raw=raw, lang=lang)
    summary = openpyxl.load_workbook(out)[label("sheet_summary", lang)]
    assert stated in [c for row in summary.values for c in row]
    blocks = build_report(project, plan, lang).story.blocks
    at = next(i for i, b in enumerate(blocks) if b == Heading(label("appendix", lang)))
    appendix = next(b for b in blocks[at:] if isinstance(b, Grid))
    assert [SUMMARY_LABELS["software"][lang == "vi"], stated] in appendix.cells
