"""Headers as Vietnamese procurement sheets write them: read exactly like the canonical twin, or
reported by name; nothing read wrong in silence."""

from __future__ import annotations

import copy
import subprocess
import sys
import unicodedata

import pytest

from planner import schema
from planner.io.read import read_project
from planner.problems import ERROR, NOTE, WARNING
from planner.validate import check_file, validate
from tests.planner.conftest import SMALL, write_book


def _typed_equal(a, b) -> None:
    for sheet in ("Components", "Products", "BOM", "Suppliers", "Offers", "Periods", "Tariffs"):
        x, y = a[sheet].reset_index(drop=True), b[sheet].reset_index(drop=True)
        assert x.astype(str).equals(y.astype(str)), sheet


def _renamed(sheet: str, column: str, header: str) -> dict:
    sheets = copy.deepcopy(SMALL)
    sheets[sheet][0][sheets[sheet][0].index(column)] = header
    return sheets


@pytest.fixture(scope="module")
def canonical(tmp_path_factory):
    return check_file(write_book(SMALL, tmp_path_factory.mktemp("c") / "canonical.xlsx")).project


VARIANTS = [
    ("Offers", "china_share", "% TQ"),
    ("Offers", "china_share", "TQ (%)"),
    ("Offers", "china_share", "Tỷ lệ TQ (%)"),
    ("Offers", "china_share", "Tỉ lệ TQ"),
    ("Offers", "china_share", "HL TQ"),
    ("Offers", "china_share", "TY LE TQ"),
    ("Offers", "china_share", "Hàm lượng Trung Quốc"),
    ("Offers", "china_share", "CN %"),
    ("Offers", "unit_price", "Đơn giá (USD)"),
    ("Offers", "unit_price", "Đơn giá USD"),
    ("Offers", "unit_price", "Đơn giá ($)"),
    ("Offers", "unit_price", "Giá chào"),
    ("Offers", "unit_price", "don gia*"),
    ("Offers", "supplier_id", "Mã NCC"),
    ("Offers", "component_id", "Mã LK"),
    ("Offers", "lead_periods", "Thời gian phê duyệt / kỳ"),
    ("Offers", "lead_periods", "Thời gian phê duyệt (quý)"),
    ("Offers", "max_ramp", "Tăng tối đa / kỳ"),
    ("Offers", "switching_cost", "Chi phí khuôn (USD)"),
    ("Offers", "capacity_per_period", "Công suất (chiếc/quý)"),
    ("Products", "units_per_period", "Sản lượng / kỳ"),
    ("Products", "units_per_period", "SL/kỳ"),
    ("Products", "units_per_period", "Sản lượng mỗi kỳ"),
    ("Products", "us_share", "% xuất Mỹ"),
    ("Products", "us_share", "US %"),
    ("Products", "fob_price", "Giá FOB (USD)"),
    ("Products", "product_id", "Mã SP"),
    ("Components", "component_id", "Mã vật tư"),
    ("Components", "current_supplier", "NCC hiện tại"),
    ("Components", "current_unit_price", "Đơn giá mua (USD)"),
    ("Components", "current_china_share", "% TQ"),
    ("Components", "locked", "KHÓA"),
    ("Suppliers", "supplier_id", "Mã NCC"),
    ("Suppliers", "province", "Tỉnh/thành phố"),
    ("Suppliers", "capacity_per_period", "Năng lực / quý"),
    ("Periods", "period", "Quí"),
    ("Periods", "budget", "Ngân sách (USD)"),
    ("Periods", "china_cap", "Trần TQ (%)"),
    ("Tariffs", "rate", "Thuế suất (%)"),
]


@pytest.mark.parametrize(("sheet", "column", "header"), VARIANTS)
def test_vietnamese_header_variants_read_like_the_canonical_twin(
    tmp_path, canonical, sheet, column, header
):
    result = check_file(write_book(_renamed(sheet, column, header), tmp_path / "v.xlsx"))
    assert result.ok, [p.format() for p in result.errors]
    assert not [p for p in result.problems if p.severity == WARNING], [
        p.format() for p in result.problems
    ]
    _typed_equal(result.project, canonical)


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFD", text)
    return "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d")


def _disguises(spelling: str) -> list[str]:
    """How the same header is typed in practice: capitals, no accents, a required mark, a unit
    in brackets or after a slash, a currency or percent sign."""
    return [
        spelling.upper(),
        _fold(spelling),
        spelling.title() + "*",
        f"{spelling} (USD)",
        f"{spelling} / kỳ",
        f"  {spelling}:  ",
    ]


def test_every_spelling_in_every_disguise_reads_as_its_column():
    for sheet in schema.SHEETS:
        for col in sheet.columns:
            for spelling in (col.name, *col.synonyms):
                for header in _disguises(spelling):
                    found = schema.match_header(sheet, header)
                    assert found is not None and found.column is col, (sheet.name, header)
                    assert not found.loose, (sheet.name, header)


def test_no_two_columns_of_a_sheet_share_a_spelling():
    for sheet in schema.SHEETS:
        owner: dict[str, str] = {}
        for col in sheet.columns:
            for spelling in (col.name, *col.synonyms):
                key = schema.header_words(spelling).full
                assert owner.setdefault(key, col.name) == col.name, (sheet.name, spelling)


def test_sheet_names_in_any_case_and_without_accents(tmp_path, canonical):
    sheets = {
        {"Offers": "BAO GIA", "Suppliers": "NCC", "Periods": "Quý"}.get(name, name): rows
        for name, rows in copy.deepcopy(SMALL).items()
    }
    result = check_file(write_book(sheets, tmp_path / "names.xlsx"))
    assert result.ok and not result.warnings, [p.format() for p in result.problems]
    _typed_equal(result.project, canonical)


def test_extra_words_read_loosely_with_a_warning_naming_header_and_field(tmp_path, canonical):
    path = write_book(
        _renamed("Offers", "china_share", "Hàm lượng TQ dự kiến"), tmp_path / "l.xlsx"
    )
    result = check_file(path)
    assert result.ok
    _typed_equal(result.project, canonical)
    (warning,) = [p for p in result.problems if p.code == "loose_column"]
    assert warning.severity == WARNING and warning.column == "china_share"
    assert "'Hàm lượng TQ dự kiến'" in warning.message.en and "china_share" in warning.message.en
    assert "'Hàm lượng TQ dự kiến'" in warning.message.vi


def test_a_column_that_resembles_a_field_is_named_with_the_field_and_not_read(tmp_path):
    sheets = _renamed("Offers", "china_share", "Hàm lượng T.Q")
    result = check_file(write_book(sheets, tmp_path / "d.xlsx"))
    (warning,) = [p for p in result.problems if p.code == "doubtful_column"]
    assert warning.severity == WARNING and warning.column == "Hàm lượng T.Q"
    assert "is not used: did you mean china_share?" in warning.message.en
    assert "có phải là cột china_share" in warning.message.vi
    # its values are not read: the defaults apply, and the plan says so
    assert result.ok and set(result.project["Offers"]["china_share"]) == {0.0}
    assert any("Hàm lượng T.Q" in s.en for s in result.project.unread)


def test_unknown_and_known_unused_columns_and_sheets_are_named(tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Components"][0] += ["Buyer", "STT"]
    for row in sheets["Components"][1:]:
        row += ["Lan", 1]
    sheets["Notes"] = [["anything"], ["x"]]
    result = check_file(write_book(sheets, tmp_path / "u.xlsx"))
    assert result.ok
    notes = {(p.code, p.sheet, p.column): p for p in result.problems if p.severity == NOTE}
    assert (
        "is not used by the planner" in notes[("unknown_column", "Components", "Buyer")].message.en
    )
    assert "(a row number)" in notes[("unknown_column", "Components", "STT")].message.en
    assert ("unknown_sheet", "Notes", None) in notes
    unread = " ".join(s.en for s in result.project.unread)
    assert "'Buyer'" in unread and "'STT'" in unread and "'Notes'" in unread


def test_check_names_what_it_did_not_read_without_being_asked(tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Offers"][0].append("Người phụ trách")
    sheets["Old data"] = [["x"], [1]]
    path = write_book(sheets, tmp_path / "c.xlsx")
    out = subprocess.run(
        [sys.executable, "-m", "planner.cli", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "Người phụ trách" in out.stdout and "Old data" in out.stdout


def test_renamed_offers_sheet_is_read_by_its_columns_with_a_warning(tmp_path, canonical):
    sheets = copy.deepcopy(SMALL)
    sheets["Quotes 2026"] = sheets.pop("Offers")
    result = check_file(write_book(sheets, tmp_path / "r.xlsx"))
    assert result.ok
    _typed_equal(result.project, canonical)
    (warning,) = [p for p in result.problems if p.code == "guessed_sheet"]
    assert "'Quotes 2026' is read as the Offers sheet" in warning.message.en


def test_loosely_named_sheet_is_checked_by_its_columns(tmp_path, canonical):
    """'Báo giá NCC' names both offers and suppliers: its columns settle it."""
    sheets = copy.deepcopy(SMALL)
    sheets["Báo giá NCC Q4-2026"] = sheets.pop("Offers")
    result = check_file(write_book(sheets, tmp_path / "q.xlsx"))
    assert result.ok
    _typed_equal(result.project, canonical)


def test_missing_sheet_is_one_error_naming_the_sheets_not_recognised(tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Sheet1"] = [["Code", "Who", "Cost"]] + [r[:3] for r in sheets.pop("Offers")[1:]]
    result = check_file(write_book(sheets, tmp_path / "m.xlsx"))
    errors = result.errors
    assert len(errors) == 1, [p.format() for p in errors]
    (error,) = errors
    assert error.code == "missing_sheet" and error.sheet == "Offers"
    assert "Sheets not recognised: 'Sheet1'" in error.message.en
    assert "Báo giá" in error.message.vi and "'Sheet1'" in error.message.vi


@pytest.mark.parametrize(
    ("sheet", "column"),
    [
        ("Components", "component_id"),
        ("Products", "product_id"),
        ("Suppliers", "supplier_id"),
        ("Periods", "period"),
        ("Offers", "unit_price"),
    ],
)
def test_missing_required_column_is_one_error(tmp_path, sheet, column):
    sheets = copy.deepcopy(SMALL)
    j = sheets[sheet][0].index(column)
    sheets[sheet][0][j] = "Something else"
    result = check_file(write_book(sheets, tmp_path / "c.xlsx"))
    assert [(p.code, p.sheet, p.column) for p in result.errors] == [
        ("missing_column", sheet, column)
    ]
    assert "'Something else'" in result.errors[0].message.en


def _vietnamese(sheets: dict) -> dict:
    vi = copy.deepcopy(sheets)
    vi["Báo giá"] = vi.pop("Offers")
    vi["Báo giá"][0] = [
        "Mã linh kiện",
        "Mã NCC",
        "Đơn giá (USD)",
        "Tỷ lệ TQ",
        "Thời gian phê duyệt (quý)",
        "Chi phí chuyển đổi (USD)",
        "Tăng tối đa",
        "Kỳ sớm nhất",
        "Công suất",
    ]
    return vi


def test_vietnamese_messages_name_the_users_own_headers(tmp_path):
    vi = _vietnamese(SMALL)
    vi["Báo giá"][1][2] = "bốn đô"
    result = check_file(write_book(vi, tmp_path / "vi.xlsx"))
    (error,) = result.errors
    assert error.where("vi") == "Báo giá, dòng 2, cột Đơn giá (USD)"
    assert "unit_price" not in error.format("vi")


def test_vietnamese_missing_column_names_the_sheet_and_its_headers(tmp_path):
    vi = _vietnamese(SMALL)
    vi["Báo giá"][0][0] = "Số hiệu"
    (error,) = check_file(write_book(vi, tmp_path / "vi.xlsx")).errors
    text = error.format("vi")
    assert "Sheet 'Báo giá' thiếu cột bắt buộc" in text and "'Số hiệu'" in text
    assert error.where("vi") == "Báo giá, dòng 1, cột component_id"


def test_a_header_whose_unit_is_not_the_columns_is_warned(tmp_path):
    sheets = _renamed("Offers", "unit_price", "Đơn giá (VNĐ)")
    result = check_file(write_book(sheets, tmp_path / "vnd.xlsx"))
    (warning,) = [p for p in result.problems if p.code == "header_unit"]
    assert "says VND" in warning.message.en and "USD" in warning.message.en
    sheets = _renamed("Offers", "lead_periods", "Thời gian phê duyệt (tuần)")
    result = check_file(write_book(sheets, tmp_path / "weeks.xlsx"))
    (warning,) = [p for p in result.problems if p.code == "header_unit"]
    assert "weeks" in warning.message.en and "quarter" in warning.message.en
    assert "tuần" in warning.message.vi


def test_a_repeated_column_is_warned_and_the_first_read(tmp_path, canonical):
    sheets = copy.deepcopy(SMALL)
    sheets["Offers"][0].append("Đơn giá")
    for row in sheets["Offers"][1:]:
        row.append(999)
    result = check_file(write_book(sheets, tmp_path / "twice.xlsx"))
    (warning,) = [p for p in result.problems if p.code == "repeated_column"]
    assert "repeats column unit_price ('unit_price')" in warning.message.en
    _typed_equal(result.project, canonical)


def test_a_remembered_answer_that_ignores_a_column_is_said_as_chosen(tmp_path):
    from planner.io.read import ColumnMapping

    sheets = _renamed("Offers", "china_share", "TQ?")
    path = write_book(sheets, tmp_path / "m.xlsx")
    raw = read_project(path, ColumnMapping(columns={"Offers": {"TQ?": None}}))
    codes = {p.code for p in raw.notes if p.column == "TQ?"}
    assert codes == {"ignored_column"}
    assert not [p for p in validate(raw).problems if p.severity == ERROR]
