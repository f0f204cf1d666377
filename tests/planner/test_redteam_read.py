"""Red-team rows about reading (../shared/REDTEAM.md, docs/redteam.md): each test is named
after its row and builds the hostile or careless file for real."""

from __future__ import annotations

import os
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.io import load
from planner.io.files import RefusedFile
from planner.io.guard import precheck_xlsx
from planner.io.load import MAX_RECORD_CHARS, load_xlsx_cells
from planner.io.read import read_project
from planner.io.write import write_raw
from planner.validate import check_file, validate
from tests.planner.hostile import as_plain_user, sheets, write_book, write_csvs


def _codes(result) -> set[str]:
    return {p.code for p in result.problems}


def _where(result, code: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(p.sheet, p.row, p.column) for p in result.problems if p.code == code]


def _refusal(path: Path) -> RefusedFile:
    with pytest.raises(RefusedFile) as info:
        read_project(path)
    assert info.value.message_en and info.value.message_vi
    return info.value


def _rezip(path: Path, transform) -> Path:
    """Rewrite a workbook's zip, member by member: transform(name, data) -> data or None."""
    with zipfile.ZipFile(path) as archive:
        items = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            data = transform(name, data)
            if data is not None:
                archive.writestr(name, data)
    return path


def _formula_book(tmp_path: Path, formula: str, stored: bytes | None) -> Path:
    """The small project with Products!C2 (VR1's fob_price) a real formula, as a script
    writes it: no stored result (openpyxl), or xlsxwriter's default stored 0."""
    tables = sheets()
    path = write_book(tables, tmp_path / "formula.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Products"]["C2"] = formula
    wb.save(path)
    if stored is not None:
        target = f"<f>{formula[1:]}</f>".encode()

        def add_value(name: str, data: bytes) -> bytes:
            return data.replace(target, target + b"<v>" + stored + b"</v>")

        _rezip(path, add_value)
    return path


# A: workbooks as Excel, LibreOffice and scripts write them -------------------------------


def test_A8_formula_without_a_stored_result_is_not_called_empty(tmp_path):
    result = check_file(_formula_book(tmp_path, "=50+10", None))
    errors = [
        p for p in result.errors if (p.sheet, p.row, p.column) == ("Products", 2, "fob_price")
    ]
    assert [p.code for p in errors] == ["formula_no_result"]
    assert "formula" in errors[0].message.en and "công thức" in errors[0].message.vi
    assert "required" not in _codes(result)


def test_A9_formula_stored_result_zero_is_warned(tmp_path):
    result = check_file(_formula_book(tmp_path, "=50+10", b"0"))
    assert _where(result, "formula_zero") == [("Products", 2, "fob_price")]
    # a formula with a real stored result is read, and said so in a note
    result = check_file(_formula_book(tmp_path, "=50+10", b"60"))
    assert result.project["Products"].loc[2, "fob_price"] == 60
    assert _where(result, "formula") == [("Products", 2, "fob_price")]


def test_A12_second_column_under_a_merged_header_is_kept_and_reported(tmp_path):
    tables = sheets()
    tables["Offers"][0] += ["Giá VND", None]
    for row, vnd in zip(tables["Offers"][1:], (125_000, 34_000), strict=True):
        row += ["ref", vnd]
    path = write_book(tables, tmp_path / "merged.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Offers"].merge_cells("J1:K1")
    wb.save(path)
    raw = read_project(path)
    assert raw.sheets["Offers"]["Column K"].tolist() == [125_000, 34_000]
    notes = [p for p in raw.notes if p.code == "blank_header"]
    assert [(p.sheet, p.row, p.column) for p in notes] == [("Offers", 1, "Column K")]
    assert "merged across J:K" in notes[0].message.en
    assert notes[0].severity == "warning"


def test_A13_data_under_a_blank_header_is_kept_noted_and_saved(tmp_path):
    tables = sheets()
    tables["Components"][0] += [None]
    for row, note in zip(tables["Components"][1:], ("ok", "late", "EOL"), strict=True):
        row.append(note)
    raw = read_project(write_book(tables, tmp_path / "blank.xlsx"))
    assert raw.sheets["Components"]["Column I"].tolist() == ["ok", "late", "EOL"]
    assert [(p.severity, p.column) for p in raw.notes if p.code == "blank_header"] == [
        ("warning", "Column I")
    ]
    saved = tmp_path / "saved.xlsx"
    write_raw(raw, saved)
    column = [c.value for c in openpyxl.load_workbook(saved)["Components"]["I"]]
    assert column == ["Column I", "ok", "late", "EOL"]


def test_A14_hidden_stale_sheet_is_named_and_the_visible_one_read(tmp_path):
    tables = sheets()
    stale = [row[:] for row in tables["Offers"]]
    stale[1][2] = 9.99  # last year's price, in a sheet someone hid
    path = tmp_path / "hidden.xlsx"
    write_book({"Offers": stale, **{k: v for k, v in tables.items() if k != "Offers"}}, path)
    wb = openpyxl.load_workbook(path)
    wb["Offers"].sheet_state = "hidden"
    fresh = wb.create_sheet("Báo giá")
    for row in tables["Offers"]:
        fresh.append(row)
    wb.save(path)
    result = check_file(path)
    assert result.project["Offers"]["unit_price"].tolist() == [4.8, 1.3]
    warning = next(p for p in result.problems if p.code == "duplicate_sheet")
    assert "hidden" in warning.message.en and "'Báo giá' is read" in warning.message.en


def test_A17_sheet_formatted_to_the_last_row_is_read_to_its_last_data_row(tmp_path, monkeypatch):
    """1,048,576 formatted empty rows below 5 data rows: the bytes are scanned for the last
    row with a value, and the XML parser stops there instead of parsing a million rows."""
    path = _real_book(tmp_path / "tall.xlsx", rows=5)

    def stretch(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        empty = b"".join(
            b'<row r="%d"><c r="A%d" s="1"/><c r="B%d" s="1"/></row>' % (r, r, r)
            for r in range(7, 1_048_577)
        )
        return data.replace(b"</sheetData>", empty + b"</sheetData>")

    _rezip(path, stretch)
    from openpyxl.worksheet import _reader

    parsed = []
    original = _reader.WorkSheetParser.parse_row

    def counting(self, row):
        parsed.append(1)
        return original(self, row)

    monkeypatch.setattr(_reader.WorkSheetParser, "parse_row", counting)
    (_, grid), *_ = load_xlsx_cells(str(path))
    assert [r[0] for r in grid] == ["component_id", "P1", "P2", "P3", "P4", "P5"]
    assert len(parsed) <= 8  # the data rows and the one after: not 1,048,576


def _real_book(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Components"
    wb.active.append(["component_id"])
    for i in range(1, rows + 1):
        wb.active.append([f"P{i}"])
    wb.save(path)
    return path


def test_A20_semimonthly_periods_are_in_order(tmp_path):
    tables = sheets()
    for row, label in zip(
        tables["Periods"][1:], ("2027-01-15", "2027-01-31", "2027-02-15", "2027-02-28"), strict=True
    ):
        row[0] = label
    tables["Offers"][2][7] = "2027-01-31"
    result = check_file(write_book(tables, tmp_path / "half-months.xlsx"))
    assert "period_order" not in _codes(result), [p.format() for p in result.errors]
    assert result.ok


# B: careless typing ------------------------------------------------------------------------


def test_B05_ids_differing_only_by_case_or_invisible_characters_are_warned(tmp_path):
    tables = sheets()
    twin = ["pcb-01", "Second board", "PCB", "SZ-PCB", "CN", 4.0, None, "no"]
    zero_width = ["HSG-\u200b01", "Housing again", "Plastics", "DG-MOLD", "CN", 1.0, None, "no"]
    full_width = ["ＳＯＣ-01", "SoC again", "IC", "TW-SOC", "TW", 20.0, 0, "no"]
    tables["Components"] += [twin, zero_width, full_width]
    tables["BOM"] += [["VR1", "pcb-01", 1], ["VR1", "HSG-\u200b01", 1], ["VR1", "ＳＯＣ-01", 1]]
    result = check_file(write_book(tables, tmp_path / "twins.xlsx"))
    lookalike = [p for p in result.problems if p.code == "lookalike_id"]
    assert {(p.row, p.column) for p in lookalike} >= {
        (5, "component_id"),
        (6, "component_id"),
        (7, "component_id"),
    }
    by_row = {p.row: p.message.en for p in lookalike}
    assert "'PCB-01' in row 2" in by_row[5]
    assert "<U+200B>" in by_row[6] and "row 3" in by_row[6]
    assert "'SOC-01' in row 4" in by_row[7] or "row 4" in by_row[7]


def test_B10_product_without_bom_rows_is_warned(tmp_path):
    tables = sheets()
    tables["Products"].append(["P3", "Strap", 8.0, 1, 500])
    result = check_file(write_book(tables, tmp_path / "no-bom.xlsx"))
    assert _where(result, "no_parts") == [("Products", 4, "product_id")]
    assert result.ok


# D: damaged and unusual workbooks ------------------------------------------------------------


def test_D03_many_members_each_under_the_ratio_check_are_refused_as_a_bomb(tmp_path, monkeypatch):
    path = tmp_path / "members.xlsx"
    zeros = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(48):
            with archive.open(f"xl/media/blob{i}.bin", "w") as member:
                for _ in range(9):
                    member.write(zeros)
                member.write(zeros[: 900 * 1024])
    monkeypatch.setattr(load, "run_isolated", _no_child)
    assert _refusal(path).code == "bomb"  # by the pre-check: no parser was started


def _no_child(*args, **kwargs):
    raise AssertionError("the pre-check should have refused the file before any parser ran")


def test_D14_sheet_listed_but_missing_is_refused_as_damaged(tmp_path):
    path = write_book(sheets(), tmp_path / "no-bom-part.xlsx")
    wb = openpyxl.load_workbook(path)
    bom = wb.sheetnames.index("BOM") + 1
    _rezip(path, lambda n, d: None if n == f"xl/worksheets/sheet{bom}.xml" else d)
    refusal = _refusal(path)
    assert refusal.code == "damaged" and "'BOM'" in refusal.message_en


def test_D21_strict_open_xml_is_refused_with_advice(tmp_path, monkeypatch):
    path = write_book(sheets(), tmp_path / "strict.xlsx")
    swaps = (
        (
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        ),
        (
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        ),
    )

    def strict(name: str, data: bytes) -> bytes:
        for old, new in swaps:
            data = data.replace(old, new)
        return data

    _rezip(path, strict)
    monkeypatch.setattr(load, "run_isolated", _no_child)
    refusal = _refusal(path)
    assert refusal.code == "strict_xml" and "Excel Workbook (.xlsx)" in refusal.message_en


def test_D24_xlsb_is_refused_with_advice(tmp_path, monkeypatch):
    path = tmp_path / "binary.xlsb"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
        archive.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
    monkeypatch.setattr(load, "run_isolated", _no_child)
    refusal = _refusal(path)
    assert refusal.code == "xlsb" and ".xlsb" in refusal.message_en


def test_D28_optional_volumes_part_missing_is_refused_as_damaged(tmp_path):
    tables = sheets()
    tables["Volumes"] = [["product_id", "period", "units"]] + [
        ["VR1", p[0], 3000] for p in tables["Periods"][1:]
    ]
    path = write_book(tables, tmp_path / "no-volumes-part.xlsx")
    assert check_file(path).ok
    wb = openpyxl.load_workbook(path)
    volumes = wb.sheetnames.index("Volumes") + 1
    _rezip(path, lambda n, d: None if n == f"xl/worksheets/sheet{volumes}.xml" else d)
    result = check_file(path)
    assert not result.ok and _codes(result) == {"damaged"}


# F: CSV files and the file system ---------------------------------------------------------


def test_F04_utf16_unicode_text_is_read(tmp_path):
    tables = sheets()
    tables["Suppliers"][4][1] = "Công ty Điện tử Bắc Ninh"
    folder = write_csvs(tmp_path / "unicode", tables, delimiter="\t", encoding="utf-16")
    result = check_file(folder)
    assert result.ok, [p.format() for p in result.errors]
    assert "Công ty Điện tử Bắc Ninh" in set(result.project["Suppliers"]["name"])


def _with_stray_quote(tmp_path: Path, extra_rows: int) -> Path:
    tables = sheets()
    for i in range(extra_rows):
        tables["Components"].append([f"X-{i}", "Spare", "Misc", "SZ-PCB", "CN", 0.1, None, "no"])
    folder = write_csvs(tmp_path / "csv", tables)
    path = folder / "Components.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",Front housing,", ',"Front housing,', 1), encoding="utf-8")
    return folder


def test_F06_stray_opening_quote_is_an_error_at_its_row(tmp_path):
    result = check_file(_with_stray_quote(tmp_path, 0))
    assert _where(result, "unclosed_quote") == [("Components", 3, None)]
    assert not result.ok


def test_F07_stray_quote_in_a_260_kB_csv_is_a_sentence(tmp_path):
    folder = _with_stray_quote(tmp_path, 7500)
    assert (folder / "Components.csv").stat().st_size > 260_000
    result = check_file(folder)
    assert _where(result, "unclosed_quote") == [("Components", 3, None)]


def test_F08_a_200000_character_field_is_read(tmp_path):
    tables = sheets()
    tables["Components"][1][1] = "Main board " + "x" * 200_000
    result = check_file(write_csvs(tmp_path / "long", tables))
    assert result.ok, [p.format() for p in result.errors]
    assert len(result.project["Components"]["description"].iloc[0]) > 200_000


def test_F10_one_line_csv_is_refused_before_its_fields_are_built(tmp_path):
    path = tmp_path / "Components.csv"
    path.write_bytes(b"a," * (15 * 1024 * 1024))  # 30 MB, 15 million fields on one line
    tracemalloc.start()
    try:
        with pytest.raises(RefusedFile) as info:
            load.load_csv_cells(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.code == "too_wide" and "on one line" in info.value.message_en
    assert f"{MAX_RECORD_CHARS:,}" in info.value.message_en
    assert peak < 4 * path.stat().st_size  # the bytes and their text; no list of 15 M fields


def test_F11_sparse_nul_csv_is_refused(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    with (folder / "Volumes.csv").open("wb") as handle:
        handle.truncate(5 * 1024 * 1024)  # a sparse file: all NUL bytes
    result = check_file(folder)
    assert _codes(result) == {"binary"} and "NUL" in result.problems[0].message.en


def test_F14_fifo_component_csv_is_refused(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    (folder / "Components.csv").unlink()
    os.mkfifo(folder / "Components.csv")  # opening it for reading would wait for a writer
    result = check_file(folder)
    assert _codes(result) == {"not_a_file"}
    assert "pipe (FIFO)" in result.problems[0].message.en


def test_F15_fifo_given_as_the_csv_file_is_refused(tmp_path):
    path = tmp_path / "parts.csv"
    os.mkfifo(path)
    assert _refusal(path).code == "not_a_file"


def test_F17_device_as_volumes_csv_is_refused(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    (folder / "Volumes.csv").symlink_to("/dev/zero")
    result = check_file(folder)
    assert _codes(result) == {"not_a_file"} and "device" in result.problems[0].message.en


def test_F18_file_gone_after_the_folder_was_listed_is_a_sentence(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    (folder / "Offers.csv").unlink()
    (folder / "Offers.csv").symlink_to(tmp_path / "deleted.csv")  # listed, then gone
    result = check_file(folder)
    assert _codes(result) == {"unreadable"}
    assert "does not exist" in result.problems[0].message.en


def test_F19_folder_named_offers_csv_is_a_sentence(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    (folder / "Offers.csv").unlink()
    (folder / "Offers.csv").mkdir()
    result = check_file(folder)
    assert _codes(result) == {"not_a_file"} and "a folder" in result.problems[0].message.en


def test_F20_unreadable_csv_is_a_sentence(tmp_path):
    folder = write_csvs(tmp_path / "csv", sheets())
    (folder / "Offers.csv").chmod(0)
    result = as_plain_user(lambda: [p.message.en for p in check_file(folder).problems])
    assert len(result) == 1 and "permission denied" in result[0]


def test_F21_unreadable_xlsx_is_a_sentence(tmp_path):
    path = write_book(sheets(), tmp_path / "locked.xlsx")
    path.chmod(0)
    result = as_plain_user(lambda: [p.message.en for p in check_file(path).problems])
    assert len(result) == 1 and "permission denied" in result[0]


# H: projects far beyond a real one ------------------------------------------------------------


def _big(tmp_path: Path, parts: int, periods: int) -> Path:
    tables = sheets()
    tables["Components"] += [
        [f"X-{i}", "Spare", "Misc", "SZ-PCB", "CN", 0.1, None, "no"] for i in range(parts - 3)
    ]
    tables["BOM"] += [["VR1", f"X-{i}", 1] for i in range(parts - 3)]
    tables["Offers"] += [[f"X-{i}", "BN-PCB", 0.11] + [None] * 6 for i in range(parts - 3)]
    tables["Periods"] = [tables["Periods"][0]] + [
        [f"{2027 + t // 4}-Q{t % 4 + 1}", None, None, None, "yes"] for t in range(periods)
    ]
    return write_csvs(tmp_path / "big", tables)


def test_H09_project_with_more_parts_than_the_limit_is_refused_with_the_numbers(tmp_path):
    result = check_file(_big(tmp_path, 20_001, 8))
    assert _where(result, "too_large") == [("Components", None, None)]
    message = next(p for p in result.problems if p.code == "too_large").message.en
    assert "20,001 parts" in message and "at most 20,000" in message


def test_H12_project_too_large_to_plan_in_memory_is_refused_before_building(tmp_path):
    result = check_file(_big(tmp_path, 6_000, 40))
    problem = next(p for p in result.problems if p.code == "too_large")
    assert problem.sheet == "Offers" and "479,960 choices" in problem.message.en
    assert result.project is None


# J: a mapping file that is not what it should be ----------------------------------------------


@pytest.mark.parametrize(
    "row, mapping, words",
    [
        ("J03b", '{"columns": {"Components": ["component_id"]}}', "must be a JSON object"),
        ("J03e", '{"columns": {"Components": {"Ref": "part_number"}}}', "not a column"),
    ],
)
def test_J03_bad_mapping_file_is_a_usage_sentence(tmp_path, row, mapping, words, small_book):
    from tests.planner.hostile import run_cli

    path = tmp_path / f"{row}.json"
    path.write_text(mapping)
    code, _, err = run_cli(["check", str(small_book), "--mapping", str(path)])
    assert code == 2 and words in err and "Traceback" not in err


def test_J03e_remembered_mapping_to_a_renamed_column_is_ignored(tmp_path):
    from planner.io.read import ColumnMapping

    tables = sheets()
    tables["Components"][0][1] = "Mô tả chi tiết"
    path = write_book(tables, tmp_path / "m.xlsx")
    mapping = ColumnMapping(columns={"Components": {"Mô tả chi tiết": "long_description"}})
    raw = read_project(path, mapping)
    assert "Mô tả chi tiết" in raw.sheets["Components"].columns
    assert validate(raw).ok


def test_unclosed_quote_at_the_end_of_a_huge_field_is_a_sentence(tmp_path):
    """A quote never closed before 1 M characters: the reader stops with the line."""
    folder = write_csvs(tmp_path / "csv", sheets())
    path = folder / "Components.csv"
    path.write_bytes(path.read_bytes() + b'X-1,"' + b"y" * 1_500_000 + b"\r\n")
    result = check_file(folder)
    assert _codes(result) == {"unclosed_quote"}


def test_precheck_refuses_before_reading_a_fifo_named_xlsx(tmp_path):
    path = tmp_path / "fifo.xlsx"
    os.mkfifo(path)
    with pytest.raises(RefusedFile) as info:
        precheck_xlsx(path)
    assert info.value.code == "not_a_file"


def test_load_cells_copes_with_a_utf16_file_without_bom(tmp_path):
    path = tmp_path / "Periods.csv"
    path.write_bytes("period\tbudget\r\n2027-Q1\t5\r\n".encode("utf-16-le"))
    (_, grid), *_ = load.load_cells(path)
    assert list(grid) == [("period", "budget"), ("2027-Q1", "5")]
