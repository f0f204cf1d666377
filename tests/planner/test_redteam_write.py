"""Red-team rows about what the project writes: no live formula, atomic files, outputs that
must not be written, usage errors; and the app's own workbook edited elsewhere (K01)."""

from __future__ import annotations

import errno
import io
from pathlib import Path

import openpyxl
import pytest

from planner.io import files
from planner.io.provenance import save_losses, written_as
from planner.io.read import read_project
from planner.io.write import write_raw
from planner.optimise import plan_project
from planner.report.labels import label
from planner.report.workbook import write_plan_workbook
from planner.validate import validate
from tests.planner.hostile import (
    as_plain_user,
    live_formulas,
    run_cli,
    sheets,
    unprotected_text,
    write_book,
    write_csvs,
)

LINK = '=HYPERLINK("http://x.example","open")'


def _payload_tables() -> dict[str, list[list[object]]]:
    """The small project with what a hostile colleague types: formula-like ids, labels,
    free text and extra-column headers (C1 to C5 of the red-team list)."""
    tables = sheets()
    renames = {
        "VR1": '=HYPERLINK("http://x.example","P1")',
        "CT1": "=1+2",
        "PCB-01": "+cmd|' /c calc'!A0",
        "BN-PCB": "@SUM(1)",
        "2027-Q1": "-2+3",
    }
    for table in tables.values():
        for row in table[1:]:
            for j, value in enumerate(row):
                if value in renames:
                    row[j] = renames[value]
    tables["Products"][2][1] = "=1+2 Controller"
    tables["Components"][1][1] = "\t=1+1"  # C1: free text, tab first
    tables["Components"][2][2] = "@SUM(A1:A9)"
    tables["Components"][0].append(LINK)  # C3: an extra column's header
    tables["Offers"][0].append("@SUM(1)")
    for row in tables["Components"][1:]:
        row.append("-5+5")
    for row in tables["Offers"][1:]:
        row.append("=2*3")
    return tables


def _plan_and_write(raw, out: Path) -> tuple[Path, Path]:
    result = validate(raw)
    assert result.ok, [p.format() for p in result.errors]
    plan = plan_project(result.project, time_limit_s=10)
    assert plan.verified
    workbook, saved = out / "plan.xlsx", out / "saved.xlsx"
    write_plan_workbook(result.project, plan, workbook, raw=raw)
    write_raw(raw, saved)  # Save and autosave write this
    return workbook, saved


@pytest.fixture(scope="module")
def payload_outputs(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("payload")
    raw = read_project(write_book(_payload_tables(), out / "payload.xlsx"))
    return _plan_and_write(raw, out)


def _header(path: Path, sheet: str) -> list[object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [c.value for c in ws[1]]


def test_C2_payload_ids_and_period_label_are_text_in_the_chart_sheet(payload_outputs):
    workbook, _ = payload_outputs
    assert live_formulas(workbook) == []
    chart = openpyxl.load_workbook(workbook)[label("sheet_chart")]  # the chart sheet
    assert chart["B1"].value.startswith('=HYPERLINK("http://x.example","P1")')
    assert chart["B1"].quotePrefix and chart["A2"].value == "-2+3" and chart["A2"].quotePrefix


def test_C3_payload_header_of_an_extra_column_is_text(payload_outputs):
    for path in payload_outputs:
        assert live_formulas(path) == []
        assert LINK in _header(path, "Components") and "@SUM(1)" in _header(path, "Offers")
        assert unprotected_text(path) == []


def test_C4_free_text_and_header_payloads_together(payload_outputs):
    for path in payload_outputs:
        wb = openpyxl.load_workbook(path)
        cells = [c for row in wb["Components"].iter_rows() for c in row]
        risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t"]
        assert len(risky) >= 6 and all(c.quotePrefix and c.data_type == "s" for c in risky)


def test_C5_equals_payload_in_every_id_is_never_a_formula(payload_outputs):
    workbook, _ = payload_outputs
    wb = openpyxl.load_workbook(workbook)
    chart = wb[label("sheet_chart")]
    assert chart["C1"].value.startswith("=1+2") and chart["C1"].quotePrefix
    assert live_formulas(workbook) == [] and unprotected_text(workbook) == []


def test_F27_payloads_arriving_by_csv_are_text(tmp_path):
    folder = write_csvs(tmp_path / "csv", _payload_tables())
    workbook, saved = _plan_and_write(read_project(folder), tmp_path)
    for path in (workbook, saved):
        assert live_formulas(path) == [] and unprotected_text(path) == []


def test_formula_like_sheet_title_is_never_written(tmp_path):
    from planner.io.write import safe_title

    assert safe_title("=Offers", "Offers") == "Offers"
    assert safe_title("Báo giá", "Offers") == "Báo giá"


# Atomic writes and outputs that must not be written ---------------------------------------


class _FullDisk(io.BufferedWriter):
    """A file on a disk that fills after 4 kB: the write raises ENOSPC."""

    def __init__(self, fd: int) -> None:
        super().__init__(io.FileIO(fd, "wb"))
        self.room = 4096

    def write(self, data) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return super().write(data)


def _old_file(folder: Path, name: str) -> tuple[Path, bytes]:
    path = folder / name
    path.write_bytes(b"the old file, still valid")
    return path, path.read_bytes()


def test_G01_disk_full_writing_the_plan_keeps_the_old_file(tmp_path, small_book, monkeypatch):
    out, before = _old_file(tmp_path, "plan.xlsx")
    monkeypatch.setattr(files, "_open_temp", _FullDisk)
    code, _, err = run_cli(["plan", str(small_book), "-o", str(out), "--time-limit", "5"])
    assert code == 1 and "The disk is full: plan.xlsx was not written" in err
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx", "small.xlsx"]  # no litter


def test_G03_read_only_output_folder_is_a_sentence(tmp_path, small_book):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    argv = ["plan", str(small_book), "-o", str(folder / "plan.xlsx")]
    code, _, err = as_plain_user(lambda: run_cli(argv))
    assert code == 1 and "permission denied" in err and "Traceback" not in err


def test_G04_read_only_output_folder_for_the_pdf_is_a_sentence(tmp_path, small_book):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    argv = ["plan", str(small_book), "--pdf", str(folder / "plan.pdf")]
    code, _, err = as_plain_user(lambda: run_cli(argv))
    assert code == 1 and "plan.pdf cannot be written" in err


def test_G05_read_only_target_file_is_not_replaced(tmp_path, small_book):
    out, before = _old_file(tmp_path, "plan.xlsx")
    out.chmod(0o444)
    code, _, err = run_cli(["plan", str(small_book), "-o", str(out)])
    assert code == 1 and "plan.xlsx is read-only" in err
    assert out.read_bytes() == before


def test_G06_output_naming_a_folder_is_a_sentence(tmp_path, small_book):
    (tmp_path / "plans").mkdir()
    code, _, err = run_cli(["plan", str(small_book), "-o", str(tmp_path / "plans")])
    assert code == 1 and "a folder is in the way" in err


def test_G07_output_in_a_missing_folder_is_a_sentence(tmp_path, small_book):
    code, _, err = run_cli(["plan", str(small_book), "-o", str(tmp_path / "nope" / "p.xlsx")])
    assert code == 1 and "does not exist" in err


def test_G08_output_equal_to_the_input_is_refused(tmp_path, small_book):
    before = small_book.read_bytes()
    code, _, err = run_cli(["plan", str(small_book), "-o", str(small_book)])
    assert code == 1 and "would replace it" in err
    assert small_book.read_bytes() == before


def test_G09_pdf_equal_to_the_workbook_is_refused(tmp_path, small_book):
    out = tmp_path / "plan.xlsx"
    code, _, err = run_cli(["plan", str(small_book), "-o", str(out), "--pdf", str(out)])
    assert code == 1 and "name the same file" in err and not out.exists()


def test_every_write_is_flushed_before_it_replaces(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(files.os, "fsync", lambda fd: synced.append(fd))
    files.atomic_write(tmp_path / "x.bin", lambda handle: handle.write(b"data"))
    assert len(synced) >= 1 and (tmp_path / "x.bin").read_bytes() == b"data"


# Usage ------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["nan", "-5", "inf", "soon"])
def test_J06_J08_time_limit_that_is_not_a_time_is_a_usage_error(small_book, limit):
    code, _, err = run_cli(["plan", str(small_book), "--time-limit", limit])
    assert code == 2 and "time-limit" in err


@pytest.mark.parametrize(
    "flag, value", [("--components", "0"), ("--components", "-3"), ("--periods", "0")]
)
def test_J09_J10_J11_generate_counts_below_one_are_usage_errors(tmp_path, flag, value):
    out = tmp_path / "g.xlsx"
    code, _, err = run_cli(["generate", str(out), flag, value])
    assert code == 2 and "give 1 or more" in err and not out.exists()


def test_J12_generate_into_a_missing_folder_is_a_sentence(tmp_path):
    code, _, err = run_cli(["generate", str(tmp_path / "no" / "g.xlsx"), "--components", "5"])
    assert code == 1 and "does not exist" in err


@pytest.mark.slow
def test_J16_generated_caps_never_exceed_one():
    from planner.generate import generate_project

    project = generate_project(10_000, seed=1)
    assert project["Periods"]["china_cap"].max() <= 1.0


# K01 --------------------------------------------------------------------------------------


def test_K01_project_edited_elsewhere_is_asked_about_before_save(tmp_path, small_book):
    saved = tmp_path / "project.xlsx"
    raw = read_project(small_book)
    write_raw(raw, saved)
    assert written_as(saved) == "project" and save_losses(read_project(saved), saved) == []
    wb = openpyxl.load_workbook(saved)  # a colleague adds a notes column and a formula
    wb["Components"]["J1"] = "Notes"
    wb["Components"]["J2"] = "=C2*2"
    wb.save(saved)
    assert written_as(saved) is None
    assert [loss.kind for loss in save_losses(read_project(saved), saved)][:1] == ["foreign"]
