"""The plan of record's cycle on the sample, through the commands a team runs: approve v1,
show it without planning, record what happened in 2027-Q1 and Q2 (a late supplier and a
failed qualification), re-plan through Q2, approve that as v2, and see what changed on the
screen's JSON, in the plan workbook and on the printed plan."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from planner.cli import main
from tests.conftest import run_from_source

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "vr_headset_bac_ninh.xlsx"
LATE = ("LED-IR-CT", "TW-NEIHU-SEMI")  # the sample plan starts both in 2027-Q1 (10 s)
FAILED = ("CAM-RGB-16M", "KR-SEOGWANG-OPTO")
EVENTS = [
    ["period", "event", "component_id", "supplier_id", "value", "note"],
    ["2027-Q1", "qualification_started", *LATE, None, "as planned"],
    ["2027-Q2", "supplier_late", *LATE, 1, "samples late"],
    ["2027-Q2", "qualification_failed", *FAILED, None, "image quality"],
]


def run(capsys, *args: str) -> dict:
    assert main([*args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) not installed")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def test_approve_record_replan_approve_and_what_changed(tmp_path, capsys):
    book = Path(shutil.copy(SAMPLE, tmp_path / "project.xlsx"))
    v1 = run(capsys, "approve", str(book), "--by", "Director Lan", "--time-limit", "10")
    assert v1["version"] == 1
    shown = run(capsys, "record", str(book))
    assert shown["verified"] and shown["current"]
    assert shown["total_cost"] == pytest.approx(v1["total_cost"], abs=0.01)

    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("Actuals")
    for row in EVENTS:
        ws.append(row)
    wb.save(book)
    assert main(["check", str(book)]) == 0
    capsys.readouterr()
    # what happened does not make the plan of record out of date: it is not an input of it
    assert run(capsys, "record", str(book))["current"]

    out, pdf = tmp_path / "replan.xlsx", tmp_path / "replan.pdf"
    args = ["--through", "2027-Q2", "--time-limit", "15"]
    # as a user runs it, in its own process: the PDF needs a Qt application, which must not
    # be made in this test process (a later test's window needs a QApplication)
    done = run_from_source(
        "planner.cli",
        "replan",
        str(book),
        *args,
        "-o",
        str(out),
        "--pdf",
        str(pdf),
        "--json",
        log_dir=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    replanned = json.loads(done.stdout)
    assert replanned["verified"] and replanned["sunk_cost"] == 48_000
    assert replanned["through"] == "2027-Q2"
    v2 = run(capsys, "approve", str(book), "--by", "Director Lan", *args, "--note", "after Q2")
    assert v2["version"] == 2 and v2["through"] == "2027-Q2" and v2["sunk_cost"] == 48_000
    assert v2["total_cost"] == pytest.approx(replanned["total_cost"], abs=0.01)  # one plan
    shown = run(capsys, "record", str(book))
    assert shown["verified"] and shown["current"] and shown["version"]["version"] == 2
    assert shown["total_cost"] == pytest.approx(v2["total_cost"], abs=0.01)

    changed = run(capsys, "diff", str(book), "--versions", "1,2")
    parts = {r["component_id"]: r for r in changed["parts"]}
    assert parts[FAILED[0]]["change"] == "dropped_switch"
    assert "failed in 2027-Q2" in parts[FAILED[0]]["reason"]
    assert parts[LATE[0]]["change"] == "ready_later"
    assert "late" in parts[LATE[0]]["reason"]
    assert any("$48,000" in line and "sunk" in line for line in changed["headline"])
    money = {r["period"]: r for r in changed["money"]}
    assert money["total"]["total_change"] == pytest.approx(
        v2["total_cost"] - v1["total_cost"], abs=0.01
    )

    # the next quarter: re-planned from v2 (itself re-planned: the failure is already out of
    # it, its cost sunk there) through 2027-Q3, approved as v3, shown checked
    v3 = run(
        capsys,
        "approve",
        str(book),
        "--by",
        "Director Lan",
        "--through",
        "2027-Q3",
        "--time-limit",
        "15",
    )
    assert v3["version"] == 3 and v3["sunk_cost"] == 48_000  # still sunk, not sunk twice
    shown = run(capsys, "record", str(book))
    assert shown["verified"] and shown["current"]
    assert shown["total_cost"] == pytest.approx(v3["total_cost"], abs=0.01)

    # the re-plan's workbook and printed plan say what changed against v1
    sheet = openpyxl.load_workbook(out, read_only=True)["Plan changes"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any(FAILED[0] == c for c in cells) and any(LATE[0] == c for c in cells)
    text = pdf_text(pdf)
    assert "Version 2" in text and "What changed since the last approved version" in text
    assert "Approved by" in text and "Signature" in text
    flat = " ".join(text.split())
    assert "Re-planned from what happened through 2027-Q2" in flat
    assert "$48,000 already spent on what failed is sunk" in flat
