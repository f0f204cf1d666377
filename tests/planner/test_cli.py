"""`locplan check` and `locplan template` as a user runs them."""

from __future__ import annotations

import subprocess
import sys

from planner.cli import main
from tests.planner.conftest import write_book


def test_check_accepts_a_good_project(small_book, capsys):
    assert main(["check", str(small_book)]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out
    assert "OK: 3 components, 2 products" in out


def test_check_lists_every_fault_with_sheet_row_column(tmp_path, small_sheets, capsys):
    small_sheets["Products"][1][2] = "sixty"
    small_sheets["Offers"][2][1] = "GHOST"
    assert main(["check", str(write_book(small_sheets, tmp_path / "bad.xlsx"))]) == 1
    out = capsys.readouterr().out
    assert "error: Products, row 2, column fob_price: 'sixty' is not a number" in out
    assert "error: Offers, row 3, column supplier_id: Supplier GHOST is not in the Suppliers" in out
    assert "2 error(s)" in out


def test_check_in_vietnamese(tmp_path, small_sheets, capsys):
    small_sheets["Products"][1][2] = "sixty"
    assert main(["--lang", "vi", "check", str(write_book(small_sheets, tmp_path / "b.xlsx"))]) == 1
    out = capsys.readouterr().out
    assert "lỗi: Products, dòng 2, cột fob_price: 'sixty' không phải là số" in out


def test_refused_file_exits_1(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_text("this is not a workbook")
    assert main(["check", str(path)]) == 1
    assert "error" in capsys.readouterr().out.lower()


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["check"]) == 2
    assert main(["frobnicate"]) == 2


def test_template_then_check(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    assert main(["template", str(path)]) == 0
    assert path.exists()
    assert main(["check", str(path)]) == 1  # empty template: nothing to plan yet


def test_console_script_runs_as_a_module(small_book):
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli", "check", str(small_book)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


VI_SHEETS = {
    "Components": "Linh kiện",
    "Products": "Sản phẩm",
    "BOM": "Định mức",
    "Suppliers": "Nhà cung cấp",
    "Offers": "Báo giá",
    "Periods": "Kỳ",
    "Tariffs": "Thuế",
    "Settings": "Thiết lập",
}


def test_plan_documents_speak_the_workbooks_language(tmp_path, small_sheets, capsys):
    import openpyxl

    from planner.report.workbook import plan_sheet_names

    english = write_book(small_sheets, tmp_path / "en.xlsx")
    vi_sheets = {VI_SHEETS.get(k, k): v for k, v in small_sheets.items()}
    vietnamese = write_book(vi_sheets, tmp_path / "vi.xlsx")
    for book, lang in ((english, "en"), (vietnamese, "vi")):
        out = tmp_path / f"plan-{lang}.xlsx"
        assert main(["plan", str(book), "-o", str(out), "--time-limit", "20"]) == 0
        assert (
            openpyxl.load_workbook(out, read_only=True).sheetnames[0] == plan_sheet_names(lang)[0]
        )
    # asked for, English wins
    out = tmp_path / "asked.xlsx"
    assert (
        main(["--lang", "en", "plan", str(vietnamese), "-o", str(out), "--time-limit", "20"]) == 0
    )
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == plan_sheet_names("en")[0]
