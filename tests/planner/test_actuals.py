"""The Actuals sheet (planner.record.actuals): read in English and Vietnamese, each rule a
problem at its sheet, Excel row and column with a sentence in both languages, and the typed
table a re-plan reads; planning ignores it."""

from __future__ import annotations

import copy
import math

import pytest

from planner.io.read import read_project
from planner.optimise import plan_project
from planner.validate import check_file, validate
from tests.planner.conftest import SMALL, write_book

HEADER = ["period", "event", "component_id", "supplier_id", "value", "note"]


def checked(tmp_path, rows, header=HEADER, sheet="Actuals"):
    sheets = copy.deepcopy(SMALL)
    sheets[sheet] = [header, *rows]
    return check_file(write_book(sheets, tmp_path / "actuals.xlsx"))


def problems_at(result, column):
    return [p for p in result.problems if p.sheet == "Actuals" and p.column == column]


def test_good_events_give_a_typed_table(tmp_path):
    result = checked(
        tmp_path,
        [
            ["2027-Q1", "onboarded", None, "BN-PCB", None, "audit passed"],
            ["2027-Q1", "qualification started", "PCB-01", "BN-PCB", None, None],
            ["2027-Q2", "Phê duyệt xong", "PCB-01", "BN-PCB", None, None],
            ["2027-Q2", "award", "PCB-01", "BN-PCB", "60%", None],
            ["2027-Q2", "trao thầu", "PCB-01", "SZ-PCB", 0.4, None],
            ["2027-Q3", "award", "HSG-01", "DG-MOLD", 30, None],
            ["2027-Q2", "trễ", None, "HP-PLA", 2, "moulds late"],
        ],
    )
    assert result.ok, [p.format() for p in result.problems]
    assert not [p for p in result.problems if p.sheet == "Actuals"]
    table = result.project.tables["Actuals"]
    assert table["event"].tolist() == [
        "onboarded",
        "qualification_started",
        "qualification_done",
        "award",
        "award",
        "award",
        "supplier_late",
    ]
    assert table.index.tolist() == list(range(2, 9))  # Excel rows
    values = table["value"].tolist()
    assert math.isnan(values[0]) and values[3:] == [0.6, 0.4, 0.3, 2.0]
    assert table["note"].iloc[0] == "audit passed"


def test_vietnamese_sheet_and_headers(tmp_path):
    header = ["Kỳ", "Sự kiện", "Mã linh kiện", "Mã NCC", "Giá trị", "Ghi chú"]
    result = checked(
        tmp_path,
        [["2027-Q1", "bắt đầu phê duyệt", "PCB-01", "BN-PCB", None, "gửi mẫu"]],
        header=header,
        sheet="Thực tế",
    )
    assert result.ok, [p.format() for p in result.problems]
    table = result.project.tables["Actuals"]
    assert table[["event", "component_id", "supplier_id", "note"]].values.tolist() == [
        ["qualification_started", "PCB-01", "BN-PCB", "gửi mẫu"]
    ]


def test_no_sheet_no_table_and_no_problem(tmp_path):
    result = check_file(write_book(copy.deepcopy(SMALL), tmp_path / "plain.xlsx"))
    assert result.ok and "Actuals" not in result.project.tables


@pytest.mark.parametrize(
    "row, column, en, vi",
    [
        (["2030-Q1", "onboarded", None, "BN-PCB", None, None], "period", "not a period", "kỳ"),
        (["2027-Q1", "hired", None, "BN-PCB", None, None], "event", "not one of", "không thuộc"),
        (["2027-Q1", "onboarded", None, "XX", None, None], "supplier_id", "no supplier 'XX'", "XX"),
        (
            ["2027-Q1", "award", "NOPE", "BN-PCB", 0.5, None],
            "component_id",
            "no part 'NOPE'",
            "linh kiện 'NOPE'",
        ),
        (
            ["2027-Q1", "qualification_started", None, "BN-PCB", None, None],
            "component_id",
            "needs the part",
            "cần mã linh kiện",
        ),
        (
            ["2027-Q1", "qualification_failed", "HSG-01", "BN-PCB", None, None],
            "supplier_id",
            "has no offer for HSG-01",
            "không có báo giá",
        ),
        (
            ["2027-Q1", "award", "HSG-01", "BN-PCB", 0.5, None],
            "supplier_id",
            "neither the incumbent",
            "không phải NCC hiện tại",
        ),
        (["2027-Q1", "award", "PCB-01", "BN-PCB", None, None], "value", "needs the share", "tỷ lệ"),
        (
            ["2027-Q1", "award", "PCB-01", "BN-PCB", "150%", None],
            "value",
            "between 0 and 100%",
            "từ 0 đến 100%",
        ),
        (
            ["2027-Q1", "supplier_late", None, "BN-PCB", 1.5, None],
            "value",
            "whole periods",
            "số nguyên",
        ),
        (
            ["2027-Q1", "supplier_late", None, "BN-PCB", 0, None],
            "value",
            "1 or more",
            "từ 1",
        ),
        (
            ["2027-Q1", "supplier_late", "HSG-01", "BN-PCB", 1, None],
            "supplier_id",
            "has no offer",
            "không có báo giá",
        ),
        (["2027-Q1", "award", "PCB-01", None, 0.5, None], "supplier_id", "required", "bắt buộc"),
    ],
)
def test_each_rule_is_an_error_at_its_row_and_column(tmp_path, row, column, en, vi):
    result = checked(tmp_path, [["2027-Q1", "onboarded", None, "BN-PCB", None, None], row])
    assert not result.ok
    found = problems_at(result, column)
    assert [p.row for p in found] == [3], [p.format() for p in result.problems]
    problem = found[0]
    assert problem.is_error
    assert en in problem.message.en and vi in problem.message.vi, problem.message
    assert problem.format("en").startswith("error: Actuals, row 3, column ")
    assert "dòng 3" in problem.format("vi")


def test_awards_above_100_percent_in_one_part_and_period(tmp_path):
    result = checked(
        tmp_path,
        [
            ["2027-Q2", "award", "PCB-01", "BN-PCB", "70%", None],
            ["2027-Q2", "award", "PCB-01", "SZ-PCB", "40%", None],
            ["2027-Q3", "award", "PCB-01", "SZ-PCB", "40%", None],
        ],
    )
    (problem,) = [p for p in result.errors if p.sheet == "Actuals"]
    assert (problem.row, problem.column) == (3, "value")
    assert "110.0%" in problem.message.en and "110,0%" in problem.message.vi


def test_a_value_or_part_an_event_does_not_use_is_a_warning(tmp_path):
    result = checked(
        tmp_path,
        [
            ["2027-Q1", "onboarded", "PCB-01", "BN-PCB", None, None],
            ["2027-Q1", "qualification_started", "PCB-01", "BN-PCB", 3, None],
        ],
    )
    assert result.ok
    warned = {(p.row, p.column) for p in result.warnings if p.sheet == "Actuals"}
    assert warned == {(2, "component_id"), (3, "value")}


def test_planning_ignores_the_actuals(tmp_path):
    """The same project with and without events plans the same: only a re-plan reads them."""
    plain = validate(read_project(write_book(copy.deepcopy(SMALL), tmp_path / "a.xlsx")))
    with_events = checked(
        tmp_path, [["2027-Q1", "qualification_failed", "PCB-01", "BN-PCB", None, None]]
    )
    a = plan_project(plain.project, time_limit_s=5)
    b = plan_project(with_events.project, time_limit_s=5)
    assert a.verified and b.verified
    assert a.total_cost == pytest.approx(b.total_cost)
    assert a.actions.equals(b.actions)
