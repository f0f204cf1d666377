"""Twenty-odd new hostile and careless cases in the spirit of the red-team list (rows N01 on
in docs/redteam.md): each test is named after its row."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.io.files import RefusedFile
from planner.io.read import read_project
from planner.validate import check_file
from tests.planner.hostile import run_cli, sheets, write_book, write_csvs


def _where(result, code: str) -> dict[tuple, str]:
    return {(p.sheet, p.row, p.column): p.message.en for p in result.problems if p.code == code}


def _rezip(path: Path, member: str, transform) -> Path:
    with zipfile.ZipFile(path) as archive:
        items = [(i.filename, archive.read(i)) for i in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            archive.writestr(name, transform(data) if name == member else data)
    return path


def _member(path: Path, sheet: str) -> str:
    return f"xl/worksheets/sheet{openpyxl.load_workbook(path).sheetnames.index(sheet) + 1}.xml"


# Outputs --------------------------------------------------------------------------------------


def test_N01_output_is_a_link_to_the_input_workbook(tmp_path, small_book):
    link = tmp_path / "plan.xlsx"
    link.symlink_to(small_book)
    code, _, err = run_cli(["plan", str(small_book), "-o", str(link)])
    assert code == 1 and "would replace it" in err


def test_N02_output_onto_a_file_of_the_input_csv_folder_is_refused(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    before = (folder / "Offers.csv").read_bytes()
    code, _, err = run_cli(["plan", str(folder), "-o", str(folder / "Offers.csv")])
    assert code == 1 and "Offers.csv is the project being read" in err
    assert (folder / "Offers.csv").read_bytes() == before


def test_N17_output_to_a_device_is_refused(small_book):
    code, _, err = run_cli(["plan", str(small_book), "-o", "/dev/null"])
    assert code == 1 and "null is a device, not a file" in err


def test_N18_pdf_inside_a_file_is_a_sentence(small_book):
    code, _, err = run_cli(["plan", str(small_book), "--pdf", str(small_book / "plan.pdf")])
    assert code == 1 and "is a file, not a folder" in err


def test_N19_output_name_too_long_is_a_write_sentence(tmp_path, small_book):
    code, _, err = run_cli(["plan", str(small_book), "-o", str(tmp_path / ("x" * 300 + ".xlsx"))])
    assert code == 1 and "too long" in err and "cannot be read" not in err


def test_N20_mapping_file_that_is_a_device_is_a_usage_sentence(small_book):
    code, _, err = run_cli(["check", str(small_book), "--mapping", "/dev/zero"])
    assert code == 2 and "is a device" in err


# Numbers ----------------------------------------------------------------------------------------


def test_N03_price_marked_vnd_in_a_usd_project_is_read_the_vietnamese_way_and_warned(tmp_path):
    tables = sheets()
    tables["Offers"][1][5] = "25.000 ₫"  # a switching cost typed in VND
    result = check_file(write_book(tables, tmp_path / "vnd.xlsx"))
    assert result.project["Offers"].loc[2, "switching_cost"] == 25_000
    message = _where(result, "money_mark")[("Offers", 2, "switching_cost")]
    assert "marked VND, but the project's money is USD" in message
    assert not _where(result, "ambiguous_number")


def test_N04_dollar_sign_settles_an_ambiguous_number(tmp_path):
    tables = sheets()
    tables["Offers"][1][2] = "0,5"  # the column shows a decimal comma...
    tables["Offers"][2][5] = "$1,025"  # ...but '$' is written the English way
    result = check_file(write_book(tables, tmp_path / "usd.xlsx"))
    assert result.project["Offers"].loc[3, "switching_cost"] == 1025
    assert not _where(result, "ambiguous_number") and not _where(result, "money_mark")


def test_N05_vietnamese_scientific_notation_is_read(tmp_path):
    tables = sheets()
    tables["Offers"][1][5] = "1,5E+03"
    result = check_file(write_book(tables, tmp_path / "sci.xlsx"))
    assert result.project["Offers"].loc[2, "switching_cost"] == 1500


def test_N06_apostrophe_before_a_number_is_excels_text_mark(tmp_path):
    tables = sheets()
    tables["Offers"][1][2] = "'0,125"
    result = check_file(write_book(tables, tmp_path / "apostrophe.xlsx"))
    assert result.project["Offers"].loc[2, "unit_price"] == pytest.approx(0.125)


def test_N07_share_with_decimal_comma_and_percent(tmp_path):
    tables = sheets()
    tables["Offers"][1][3] = "12,5%"
    result = check_file(write_book(tables, tmp_path / "share.xlsx"))
    assert result.project["Offers"].loc[2, "china_share"] == pytest.approx(0.125)


def test_N08_ambiguous_setting_is_warned(tmp_path):
    tables = sheets()
    tables["Settings"].append(["time_limit_s", "1.000"])
    result = check_file(write_book(tables, tmp_path / "settings.xlsx"))
    assert ("Settings", 4, "value") in _where(result, "ambiguous_number")


# Workbooks --------------------------------------------------------------------------------------


def test_N09_formula_giving_an_error_is_named_as_such(tmp_path):
    path = write_book(sheets(), tmp_path / "ref.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Offers"]["C2"] = "=1/0"
    wb.save(path)
    _rezip(
        path,
        _member(path, "Offers"),
        lambda d: d.replace(b"<f>1/0</f>", b"<f>1/0</f><v>#DIV/0!</v>").replace(
            b'<c r="C2"', b'<c t="e" r="C2"'
        ),
    )
    result = check_file(path)
    (message,) = [p.message.en for p in result.errors if p.column == "unit_price"]
    assert "formula in this cell gives an error in Excel (#DIV/0!)" in message


def test_N10_header_that_is_a_formula_without_a_result_keeps_its_column(tmp_path):
    tables = sheets()
    tables["Components"][0].append('="Notes "&YEAR(TODAY())')
    for row in tables["Components"][1:]:
        row.append("check")
    path = tmp_path / "header.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)  # the header is a real formula: no stored result
    wb.save(path)
    raw = read_project(path)
    assert raw.sheets["Components"]["Column I"].tolist() == ["check"] * 3


def test_N11_row_numbered_beyond_excels_grid_is_refused_as_damaged(tmp_path):
    path = write_book(sheets(), tmp_path / "far.xlsx")
    _rezip(
        path,
        _member(path, "Tariffs"),
        lambda d: d.replace(
            b"</sheetData>",
            b'<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    with pytest.raises(RefusedFile) as info:
        read_project(path)
    assert info.value.code == "damaged" and "beyond Excel's last row" in info.value.message_en


def test_N12_shared_string_out_of_range_is_refused_as_damaged(tmp_path):
    path = write_book(sheets(), tmp_path / "strings.xlsx")
    _rezip(
        path,
        _member(path, "Products"),
        lambda d: d.replace(
            b'<c r="A2" t="inlineStr"><is><t>VR1</t></is></c>', b'<c r="A2" t="s"><v>99999</v></c>'
        ),
    )
    with pytest.raises(RefusedFile) as info:
        read_project(path)
    assert info.value.code == "damaged" and "IndexError" in info.value.message_en


def test_N13_rows_without_numbers_are_read_whole(tmp_path):
    path = write_book(sheets(), tmp_path / "unnumbered.xlsx")
    _rezip(path, _member(path, "Products"), lambda d: re.sub(rb' r="[A-Z]*\d+"', b"", d))
    result = check_file(path)
    assert result.ok and result.project["Products"]["product_id"].tolist() == ["VR1", "CT1"]


def test_N21_two_sheets_named_alike_are_warned(tmp_path):
    tables = sheets()
    tables["Components "] = [row[:] for row in tables["Components"]]  # a trailing space
    result = check_file(write_book(tables, tmp_path / "alike.xlsx"))
    assert ("Components ", None, None) in _where(result, "duplicate_sheet")


# CSV --------------------------------------------------------------------------------------------


def test_N14_workbook_named_csv_is_refused_with_advice(tmp_path, small_book):
    path = tmp_path / "Components.csv"
    path.write_bytes(small_book.read_bytes())
    result = check_file(path)
    assert [p.code for p in result.problems] == ["not_text"]
    assert "name it Components.xlsx" in result.problems[0].message.en


def test_N15_excel_sep_line_names_the_delimiter(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets(), delimiter=";")
    for path in folder.iterdir():
        path.write_bytes(b"sep=;\r\n" + path.read_bytes())
    products = folder / "Products.csv"
    products.write_text(products.read_text().replace("Headset", "Head,set"))
    result = check_file(folder)
    assert result.ok, [p.format() for p in result.errors]
    assert "Head,set" in set(result.project["Products"]["name"])
    assert list(result.project["Products"].index) == [2, 3]  # the rows Excel shows


def test_N16_old_mac_line_endings_are_read(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    for path in folder.iterdir():
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\r"))
    assert check_file(folder).ok


def test_N22_same_sheet_as_csv_and_txt_is_warned(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    (folder / "Offers.txt").write_bytes((folder / "Offers.csv").read_bytes())
    result = check_file(folder)
    assert [p.sheet for p in result.problems if p.code == "duplicate_sheet"] == ["Offers"]
