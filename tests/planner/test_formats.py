"""Excel 97-2003 (.xls) and OpenDocument (.ods) workbooks, written by real writers (xlwt, and
odfpy through pandas), read in the same sandboxed child as .xlsx and planned the same."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import xlwt

from planner.io import load
from planner.io.guard import MAX_FILE_BYTES, RefusedFile, run_isolated
from planner.io.read import read_project
from planner.io.xls_ods import load_calamine_cells
from planner.optimise import plan_project
from planner.validate import check_file
from tests.planner.conftest import SMALL, remember, write_book

SUFFIXES = (".xlsx", ".xls", ".ods")


def write_xls(sheets: dict[str, list[list[object]]], path: Path, hidden=()) -> Path:
    """An Excel 97-2003 workbook, as xlwt writes it (dates with a date format)."""
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets.items():
        ws = book.add_sheet(name)
        if name in hidden:
            ws.visibility = 1
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write(i, j, value, date_style)
                elif value is not None:
                    ws.write(i, j, value)
    book.save(str(path))
    return remember(path)


def write_ods(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    """An OpenDocument spreadsheet, as LibreOffice's format is written by odfpy."""
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            width = max(len(r) for r in rows)
            frame = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
            frame.to_excel(writer, sheet_name=name, index=False, header=False)
    return remember(path)


WRITERS = {".xlsx": write_book, ".xls": write_xls, ".ods": write_ods}


def _book(sheets, tmp_path: Path, suffix: str, name: str = "project") -> Path:
    return WRITERS[suffix](sheets, tmp_path / f"{name}{suffix}")


def _vietnamese() -> dict[str, list[list[object]]]:
    vi = copy.deepcopy(SMALL)
    vi["Báo giá"] = vi.pop("Offers")
    vi["Báo giá"][0] = [
        "Mã linh kiện",
        "Mã NCC",
        "Đơn giá (USD)",
        "% TQ",
        "Thời gian phê duyệt (quý)",
        "Chi phí chuyển đổi (USD)",
        "Tăng tối đa / kỳ",
        "Kỳ sớm nhất",
        "Công suất",
    ]
    vi["Báo giá"].insert(0, ["BÁO GIÁ CỦA NHÀ CUNG CẤP ỨNG VIÊN"])
    vi["Báo giá"].insert(1, [])
    return vi


@pytest.mark.parametrize("sheets", [SMALL, _vietnamese()], ids=["english", "vietnamese"])
def test_the_same_data_reads_the_same_from_xlsx_xls_and_ods(tmp_path, sheets):
    results = {s: check_file(_book(sheets, tmp_path, s)) for s in SUFFIXES}
    for suffix, result in results.items():
        assert result.ok, (suffix, [p.format() for p in result.errors])
    base = results[".xlsx"]
    for suffix in (".xls", ".ods"):
        other = results[suffix]
        for sheet, frame in base.project.tables.items():
            assert frame.equals(other.project[sheet]), (suffix, sheet)  # rows numbered alike
        assert [p.format() for p in other.problems] == [p.format() for p in base.problems]


def test_they_plan_exactly_alike(tmp_path):
    plans = {}
    for suffix in SUFFIXES:
        project = check_file(_book(SMALL, tmp_path, suffix)).project
        plans[suffix] = plan_project(project, time_limit_s=5)
    base = plans[".xlsx"]
    assert base.has_plan and base.verified
    for suffix in (".xls", ".ods"):
        plan = plans[suffix]
        assert plan.verified and plan.status == base.status
        assert plan.total_cost == pytest.approx(base.total_cost, rel=1e-9)
        assert plan.allocation.reset_index(drop=True).equals(base.allocation.reset_index(drop=True))


def test_cells_come_out_as_the_xlsx_reader_gives_them(tmp_path):
    rows = [["id", "whole", "half", "flag", "date", "blank", "text number"]]
    rows.append(["A", 3, 2.5, True, dt.date(2027, 1, 1), None, "0042"])
    grids = {
        suffix: dict(load.load_cells(_book({"Data": rows}, tmp_path, suffix)))["Data"]
        for suffix in SUFFIXES
    }
    expected = grids[".xlsx"][1]
    assert expected == ("A", 3, 2.5, True, dt.datetime(2027, 1, 1), None, "0042")
    for suffix in (".xls", ".ods"):
        got = grids[suffix][1]
        assert got[:5] == expected[:5] and got[6] == "0042", suffix
        assert type(got[1]) is int, suffix


def test_a_hidden_stale_sheet_in_an_xls_is_named_and_the_visible_one_read(tmp_path):
    sheets = copy.deepcopy(SMALL)
    stale = copy.deepcopy(sheets["Offers"])
    stale[1][2] = 99.0
    sheets["Offers (old)"] = stale
    sheets["Báo giá"] = sheets.pop("Offers")
    path = write_xls(sheets, tmp_path / "hidden.xls", hidden=("Offers (old)",))
    raw = read_project(path)
    assert raw.source_names["Offers"] == "Báo giá"
    assert "Offers (old)" in raw.unused_sheets
    assert check_file(path).ok


def test_xls_and_ods_are_parsed_in_the_sandboxed_child(tmp_path, monkeypatch):
    calls = []

    def recording(func, *args, **kwargs):
        calls.append((func, args, kwargs))
        return run_isolated(func, *args, **kwargs)

    monkeypatch.setattr(load, "run_isolated", recording)
    for suffix in (".xls", ".ods"):
        read_project(_book(SMALL, tmp_path, suffix))
    assert [c[0] for c in calls] == [load_calamine_cells, load_calamine_cells]
    assert [c[1][1] for c in calls] == ["xls", "ods"]
    assert all(c[2]["timeout_s"] == 60.0 and c[2]["memory_mb"] == 3072 for c in calls)


def _refusal(path: Path) -> RefusedFile:
    with pytest.raises(RefusedFile) as info:
        read_project(path)
    assert info.value.message_en and info.value.message_vi
    return info.value


def test_damaged_xls_is_a_sentence(tmp_path):
    good = write_xls(SMALL, tmp_path / "good.xls").read_bytes()
    path = tmp_path / "cut.xls"
    path.write_bytes(good[: len(good) // 3])
    refusal = _refusal(path)
    assert refusal.code == "damaged" and "Excel 97-2003 (.xls)" in refusal.message_en


def test_damaged_ods_is_a_sentence(tmp_path):
    good = write_ods(SMALL, tmp_path / "good.ods").read_bytes()
    path = tmp_path / "cut.ods"
    path.write_bytes(good[: len(good) // 2])
    assert _refusal(path).code == "corrupt"


def test_password_protected_xlsx_is_told_apart_from_an_xls(tmp_path):
    path = tmp_path / "locked.xlsx"
    directory = "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + directory + b"\0" * 512)
    refusal = _refusal(path)
    assert refusal.code == "encrypted" and "password" in refusal.message_en


def test_an_xls_larger_than_any_project_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "huge.xls"
    with open(path, "wb") as handle:
        handle.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    monkeypatch.setattr(load, "run_isolated", pytest.fail)
    assert _refusal(path).code == "too_large"


def test_a_workbook_is_read_by_its_content_whatever_its_suffix_says(tmp_path):
    xlsx_named_xls = tmp_path / "really-xlsx.xls"
    shutil.copy(write_book(SMALL, tmp_path / "a.xlsx"), xlsx_named_xls)
    xls_named_xlsx = tmp_path / "really-xls.xlsx"
    shutil.copy(write_xls(SMALL, tmp_path / "b.xls"), xls_named_xlsx)
    assert check_file(xlsx_named_xls).ok and check_file(xls_named_xlsx).ok
    odd = tmp_path / "project.dat"
    shutil.copy(write_ods(SMALL, tmp_path / "c.ods"), odd)
    refusal = _refusal(odd)
    assert refusal.code == "suffix" and "project.ods" in refusal.message_en


def test_check_and_plan_take_xls_and_ods_and_write_xlsx(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for suffix in (".xls", ".ods"):
        path = _book(SMALL, tmp_path, suffix)
        out = subprocess.run(
            [sys.executable, "-m", "planner.cli", "check", str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert out.returncode == 0 and "OK: 3 components" in out.stdout, out.stdout + out.stderr
    plan = tmp_path / "plan.xlsx"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner.cli",
            "plan",
            str(tmp_path / "project.ods"),
            "-o",
            str(plan),
            "--time-limit",
            "5",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert check_file(plan).ok  # the plan workbook reopens as a project
