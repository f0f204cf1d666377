"""Reading workbooks and CSV folders the way real teams write them."""

from __future__ import annotations

import json
import unicodedata

import openpyxl
import pytest

from planner.io.guard import RefusedFile
from planner.io.read import ColumnMapping, read_project
from planner.io.write import write_raw, write_template, write_typed
from planner.validate import check_file, validate
from tests.planner.conftest import write_book


def test_vietnamese_sheets_headers_and_title_rows(tmp_path, small_sheets):
    vi = {
        "Linh kiện": [
            ["DANH SÁCH LINH KIỆN - NHÀ MÁY BẮC NINH"],
            [],
            [
                "Mã linh kiện",
                "Mô tả",
                "Nhóm",
                "Nhà cung cấp hiện tại",
                "Xuất xứ",
                "Đơn giá (USD)",
                "Hàm lượng TQ",
                "Khóa",
            ],
        ]
        + [list(r) for r in small_sheets["Components"][1:]],
        "Sản phẩm": [["Mã sản phẩm", "Tên", "Giá FOB", "Tỷ lệ xuất Mỹ", "Sản lượng"]]
        + small_sheets["Products"][1:],
        "Định mức": small_sheets["BOM"],
        "Nhà cung cấp": [["Mã NCC", "Tên", "Quốc gia", "Tỉnh", "Chi phí đánh giá", "Công suất"]]
        + small_sheets["Suppliers"][1:],
        "Báo giá": small_sheets["Offers"],
        "Kỳ": [["Kỳ", "Ngân sách", "Số phê duyệt tối đa", "Trần", "Áp thuế"]]
        + small_sheets["Periods"][1:],
        "Thuế": [["Ngưỡng", "Thuế suất"]] + small_sheets["Tariffs"][1:],
    }
    vi["Linh kiện"][3][4] = "Trung Quốc"
    vi["Linh kiện"][3][7] = "không"
    raw = read_project(write_book(vi, tmp_path / "vi.xlsx"))
    assert raw.header_rows["Components"] == 3
    assert raw.sheets["Components"].index[0] == 4  # Excel row of the first part
    result = validate(raw)
    assert result.ok, [p.format() for p in result.errors]
    en = check_file(write_book(small_sheets, tmp_path / "en.xlsx")).project
    for sheet in ("Components", "Products", "Suppliers", "Offers", "Periods", "Tariffs"):
        a = result.project[sheet].reset_index(drop=True)
        b = en[sheet].reset_index(drop=True)
        assert a.astype(str).equals(b.astype(str)), sheet


def test_unknown_columns_are_kept_and_noted(tmp_path, small_sheets):
    small_sheets["Components"][0].append("Buyer")
    for row in small_sheets["Components"][1:]:
        row.append("Lan")
    raw = read_project(write_book(small_sheets, tmp_path / "u.xlsx"))
    assert "Buyer" in raw.sheets["Components"].columns
    assert any(p.code == "unknown_column" and p.column == "Buyer" for p in raw.notes)
    assert validate(raw).ok


def test_mapping_file_names_unrecognised_headers(tmp_path, small_sheets):
    small_sheets["Components"][0][0] = "Internal ref"
    small_sheets["Quotes 2026"] = small_sheets.pop("Offers")
    book = write_book(small_sheets, tmp_path / "m.xlsx")
    assert not check_file(book).ok
    mapping_path = tmp_path / "mapping.json"
    mapping_path.write_text(
        json.dumps(
            {
                "sheets": {"Quotes 2026": "Offers"},
                "columns": {"Components": {"Internal ref": "component_id"}},
            }
        )
    )
    result = check_file(book, ColumnMapping.load(mapping_path))
    assert result.ok, [p.format() for p in result.errors]


def _encode(text: str, encoding: str) -> bytes:
    """Windows-1258 stores Vietnamese as a base letter plus a combining tone mark."""
    if encoding != "cp1258":
        return text.encode(encoding)
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (letter + tones).encode("cp1258")  # ư, ơ, â... exist; tones are separate
    return out


def _write_csvs(folder, sheets, encoding, delimiter=","):
    folder.mkdir()
    for name, rows in sheets.items():
        text = "\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows)
        (folder / f"{name}.csv").write_bytes(_encode(text, encoding))
    return folder


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_folder_in_each_encoding(tmp_path, small_sheets, encoding):
    small_sheets["Suppliers"][5][1] = "Công ty Nhựa Hải Phòng"
    folder = _write_csvs(
        tmp_path / "csv", small_sheets, encoding, delimiter=";" if encoding == "cp1258" else ","
    )
    result = check_file(folder)
    assert result.ok, [p.format() for p in result.errors]
    names = result.project["Suppliers"].set_index("supplier_id")["name"]
    assert names["HP-PLA"] == "Công ty Nhựa Hải Phòng"
    assert result.project["Products"]["us_share"].tolist() == [0.8, 0.8]


def test_csv_row_numbers_are_line_numbers(tmp_path, small_sheets):
    small_sheets["Products"][2][2] = "fifteen"
    folder = _write_csvs(tmp_path / "csv", small_sheets, "utf-8")
    result = check_file(folder)
    assert ("Products", 3, "fob_price") in {(p.sheet, p.row, p.column) for p in result.errors}


def test_round_trip_keeps_what_the_user_typed(tmp_path, small_sheets):
    small_sheets["Components"][1][1] = '=HYPERLINK("http://evil")'
    small_sheets["Components"][2][1] = "+84 hotline"
    small_sheets["Components"][3][1] = "@risk part"
    small_sheets["Products"][1][2] = "sixty"  # an error stays as typed
    first = read_project(write_book(small_sheets, tmp_path / "a.xlsx"))
    write_raw(first, tmp_path / "b.xlsx")
    second = read_project(tmp_path / "b.xlsx")
    for name, frame in first.sheets.items():
        a = frame.reset_index(drop=True)
        b = second.sheets[name].reset_index(drop=True)
        assert list(a.columns) == list(b.columns), name
        assert a.astype(str).equals(b.astype(str)), name
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["Components"]
    assert ws["B2"].data_type == "s"  # stored as text, never run as a formula
    assert ws["B2"].value == '=HYPERLINK("http://evil")'


def test_typed_round_trip(tmp_path, small_book):
    project = check_file(small_book).project
    write_typed(project, tmp_path / "t.xlsx")
    again = check_file(tmp_path / "t.xlsx").project
    for name, frame in project.tables.items():
        if frame.empty:
            continue
        assert (
            frame.reset_index(drop=True)
            .astype(str)
            .equals(again[name].reset_index(drop=True).astype(str))
        ), name
    assert again.settings == project.settings


def test_template_is_annotated_and_accepted_once_filled(tmp_path, small_sheets):
    path = tmp_path / "template.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    assert {"Components", "Offers", "Periods", "Tariffs", "Settings"} <= set(wb.sheetnames)
    header = wb["Components"]["A1"]
    assert header.value == "component_id*"
    assert "Mã linh kiện" in header.comment.text
    # every header and every setting is labelled in both languages (schema, fields)
    from planner import fields, schema

    for sheet in schema.SHEETS:
        for cell in wb[sheet.name][1]:
            col = sheet.column(str(cell.value).rstrip("*"))
            assert col.title.en in cell.comment.text and col.title.vi in cell.comment.text
    keys = {str(c.value): c.comment.text for c in wb["Settings"]["A"][1:]}
    for f in fields.current():  # the former names are read, not offered
        assert f.title.en in keys[f.key] and f.title.vi in keys[f.key], f.key
    assert any("yes,no" in dv.formula1 for dv in wb["Components"].data_validations.dataValidation)
    assert not check_file(path).ok  # empty: no parts, no periods
    for name, rows in small_sheets.items():
        ws = wb[name]
        headers = [c.value.rstrip("*") for c in ws[1]]
        for r, row in enumerate(rows[1:], start=2):
            for header_name, value in zip(rows[0], row, strict=True):
                if name != "Settings":
                    ws.cell(row=r, column=headers.index(header_name) + 1, value=value)
    wb.save(path)
    result = check_file(path)
    assert result.ok, [p.format() for p in result.errors]


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(RefusedFile):
        read_project(tmp_path / "nope.xlsx")
