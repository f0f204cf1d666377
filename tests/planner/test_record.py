"""The plan of record: approved versions kept in the project workbook, read back exactly,
priced again without planning, and out of date when an input changes."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pandas as pd
import pytest

from planner.cli import main
from planner.io.read import read_project
from planner.io.write import write_raw
from planner.optimise import plan_project
from planner.record.fingerprint import changes, row_prints
from planner.record.store import Unreadable, approve, read_record
from planner.record.workbook import plan_in, record_of, save_record
from planner.replanning.restore import plan_of_record
from planner.validate import validate


def _project(path):
    raw = read_project(path)
    result = validate(raw)
    assert result.ok, [p.format("en") for p in result.errors]
    return raw, result.project


def _sheets(record):
    return {k: f.astype(object) for k, f in record.frames().items()}


@pytest.fixture
def planned(small_book):
    raw, project = _project(small_book)
    plan = plan_project(project, time_limit_s=5)
    assert plan.verified
    return raw, project, plan


def test_an_approved_plan_reads_back_as_the_plan_approved(planned):
    _, project, plan = planned
    record = read_record(_sheets(approve(None, project, plan, "An", "first cut")))
    assert record is not None and record.latest.number == 1
    assert record.latest.approved_by == "An" and record.latest.note == "first cut"
    assert record.latest.total_cost == pytest.approx(plan.total_cost, abs=1e-6)
    standing = plan_of_record(project, record)
    assert standing.plan.verified, standing.plan.violations
    assert standing.current and standing.changed == []
    # the same decisions, the same figures, cent for cent
    assert standing.plan.total_cost == pytest.approx(plan.total_cost, abs=1e-6)
    pd.testing.assert_frame_equal(
        standing.plan.periods.reset_index(drop=True), plan.periods.reset_index(drop=True)
    )
    got = standing.plan.actions[["period", "kind", "component_id", "supplier_id"]]
    want = plan.actions[["period", "kind", "component_id", "supplier_id"]]
    assert got.reset_index(drop=True).equals(want.reset_index(drop=True))


def test_versions_are_kept_and_each_reads_back(planned):
    _, project, plan = planned
    first = approve(None, project, plan, "An")
    cheaper = plan_project(project, time_limit_s=5, backend="greedy")
    second = read_record(_sheets(approve(first, project, cheaper, "Bình", "v2")))
    assert [v.number for v in second.versions] == [1, 2]
    assert second.latest.approved_by == "Bình"
    old = plan_of_record(project, second, 1)
    assert not old.latest and old.plan.verified
    assert old.plan.total_cost == pytest.approx(plan.total_cost, abs=1e-6)
    assert plan_of_record(project, second).plan.total_cost == pytest.approx(
        cheaper.total_cost, abs=1e-6
    )


def test_an_input_changed_since_approval_is_named_by_sheet_row_and_key(small_sheets, tmp_path):
    from tests.planner.conftest import write_book

    before = write_book(small_sheets, tmp_path / "before.xlsx")
    small_sheets["Offers"][1][2] = 5.1  # PCB-01 from BN-PCB, Excel row 2
    small_sheets["Settings"].append(["time_limit_s", 30])  # steers the search only
    small_sheets["Suppliers"].append(["QN-NEW", "Quảng Ninh New", "VN", "Quảng Ninh", 0, None])
    after = write_book(small_sheets, tmp_path / "after.xlsx")
    found = changes(row_prints(_project(before)[1]), row_prints(_project(after)[1]))
    said = [(c.sheet, c.kind, c.row, c.row_key) for c in found]
    assert ("Offers", "changed", 2, "PCB-01 / BN-PCB") in said
    assert ("Suppliers", "added", 7, "QN-NEW") in said
    assert all(c.sheet != "Settings" for c in found)
    assert len(found) == 2
    assert "Offers row 2 (PCB-01 / BN-PCB) changed" in [c.text().en for c in found]
    assert "Offers dòng 2 (PCB-01 / BN-PCB) đã thay đổi" in [c.text().vi for c in found]


def test_a_hand_edited_record_is_refused_with_sheet_row_and_column(planned):
    _, project, plan = planned
    sheets = _sheets(approve(None, project, plan, "An"))
    sheets["decisions"].loc[3, "kind"] = "bought"
    with pytest.raises(Unreadable) as err:
        read_record(sheets)
    problem = err.value.problem
    assert (problem.sheet, problem.row, problem.column) == ("Plan of record", 5, "kind")
    assert "'bought' is not a decision" in problem.message.en
    assert "không phải là quyết định" in problem.message.vi


def test_approve_writes_into_the_workbook_and_record_shows_it_without_planning(
    small_book, tmp_path, capsys
):
    book = shutil.copy(small_book, tmp_path / "project.xlsx")
    wb = openpyxl.load_workbook(book)
    wb["Components"]["J1"] = "buyer's own column"  # the user's own cells stay
    wb.save(book)
    assert main(["approve", str(book), "--by", "Director Lan", "--note", "go", "--json"]) == 0
    approved = json.loads(capsys.readouterr().out)
    assert approved["version"] == 1 and approved["approved_by"] == "Director Lan"
    wb = openpyxl.load_workbook(book)
    assert {"Plan versions", "Plan of record", "Plan inputs"} <= set(wb.sheetnames)
    assert wb["Components"]["J1"].value == "buyer's own column"
    assert main(["record", str(book), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["verified"] and shown["current"]
    assert shown["total_cost"] == pytest.approx(approved["total_cost"], abs=1e-6)
    # a second approval is version 2; the first is still there
    assert main(["approve", str(book), "--by", "Director Lan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == 2
    raw = read_project(book)
    assert [v.number for v in record_of(raw).versions] == [1, 2]
    assert not any("Plan" in p.message.en for p in validate(raw).problems)


def test_saving_the_project_keeps_its_plan_of_record(planned, tmp_path):
    raw, project, plan = planned
    record = approve(None, project, plan, "An")
    target = tmp_path / "saved.xlsx"
    save_target = shutil.copy(raw.path, target)
    save_record(save_target, raw, record)
    again = read_project(target)
    write_raw(again, tmp_path / "resaved.xlsx")  # the app saves a project this way
    kept = record_of(read_project(tmp_path / "resaved.xlsx"))
    assert kept is not None and kept.latest.total_cost == record.latest.total_cost
    assert kept.decisions.equals(record_of(again).decisions)


def test_a_csv_project_cannot_hold_a_plan_of_record(small_sheets, tmp_path, capsys):
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, rows in small_sheets.items():
        pd.DataFrame(rows[1:], columns=rows[0]).to_csv(folder / f"{name}.csv", index=False)
    assert main(["approve", str(folder), "--by", "An"]) == 1
    assert "only an .xlsx workbook can hold the plan of record" in capsys.readouterr().err


def test_a_plan_workbook_carries_its_decisions(planned, tmp_path):
    from planner.report.workbook import write_plan_workbook

    raw, project, plan = planned
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(project, plan, out, raw=raw)
    again = read_project(out)
    mine = plan_in(again)
    assert mine is not None
    from planner.optimise import plan_as_given

    same = plan_as_given(_project(out)[1], mine)
    assert same.verified and same.total_cost == pytest.approx(plan.total_cost, abs=1e-6)
