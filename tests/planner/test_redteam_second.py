"""The second red-team list (shared REDTEAM-2.md), reading and checking: each test fails
without its fix and asserts what a user reads from `locplan check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import schema
from planner.io.parse import ParseError, parse_country
from tests.planner.hostile import run_cli, sheets, write_book


def _check(tmp_path: Path, tables, name: str = "book.xlsx") -> tuple[int, list[str]]:
    code, out, err = run_cli(["check", str(write_book(tables, tmp_path / name))])
    assert not err.strip() or "Traceback" not in err
    return code, out.splitlines()


# E01: a share setting's bare number --------------------------------------------------------

SHARE_SETTINGS = [s for s in schema.SETTING_SPECS if s.kind == schema.SHARE]


@pytest.mark.parametrize("spec", SHARE_SETTINGS, ids=lambda s: s.key)
def test_E01_a_bare_share_setting_between_1_and_2_is_refused_not_read_as_a_percent(tmp_path, spec):
    """tariff_pass_through 1.5 was read as 1.5%: it reads two ways (150% or 1.5%) and is
    refused with a sentence, as '150%' is, for every share setting of the schema."""
    tables = sheets()
    tables["Settings"].append([spec.key, 1.5])
    code, lines = _check(tmp_path, tables)
    assert code == 1
    (line,) = [x for x in lines if spec.key in x and x.startswith("error:")]
    assert line.startswith(f"error: Settings, row 4, column value: {spec.key}: '1.5' is a share")
    assert "150%, above 100%" in line and "(1.5%)" in line
    tables["Settings"][-1][1] = "150%"
    code, lines = _check(tmp_path, tables, "percent.xlsx")
    assert code == 1 and any(x.startswith("error: Settings, row 4") for x in lines)


def test_E01_a_bare_share_setting_from_2_to_100_is_a_percent_and_said(tmp_path):
    tables = sheets()
    tables["Settings"] += [["tariff_pass_through", 30], ["min_share", "2"], ["rvc_min", 120]]
    code, lines = _check(tmp_path, tables)
    assert (
        "warning: Settings, row 4, column value: tariff_pass_through: '30' was read as 30% "
        "(a share is written 0.3 or 30%)."
    ) in lines
    assert any(
        x.startswith("warning: Settings, row 5") and "'2' was read as 2%" in x for x in lines
    )
    assert any(x.startswith("error: Settings, row 6") and "'120' is above 100%" in x for x in lines)
    assert code == 1


def test_E01_a_share_column_above_one_says_it_is_a_share(tmp_path):
    tables = sheets()
    tables["Products"][1][3] = 1.5
    code, lines = _check(tmp_path, tables)
    assert code == 1
    assert (
        "error: Products, row 2, column us_share: us_share must be at most 1 (100%); it is 1.5 "
        "(150%). A share is written 0.3 or 30%."
    ) in lines


def test_E01_the_settings_form_reads_a_share_as_the_plan_does():
    from planner.io.parse import bare_share

    assert bare_share(0.4) == 0.4 and bare_share(30) == 0.3
    assert bare_share(1.5) is None and bare_share(150) is None


# E02: a setting given twice ----------------------------------------------------------------


def test_E02_a_setting_given_twice_is_warned_at_the_second_row_naming_the_first(tmp_path):
    tables = sheets()
    tables["Settings"] += [["min_share", 0.1], ["plan_name", "again"], ["Minimum share", 0.2]]
    code, lines = _check(tmp_path, tables)
    assert code == 0
    assert (
        "warning: Settings, row 6, column key: min_share is set again here (first in row 4), to "
        "another value; this row's value is used."
    ) in lines
    assert any(
        x.startswith("warning: Settings, row 5, column key: plan_name is set") for x in lines
    )


# T05: one error per fault ------------------------------------------------------------------


def test_T05_duplicate_tariff_rows_give_one_error_per_fault(tmp_path):
    tables = sheets()
    tables["Tariffs"] = [["max_china_share", "rate"], [0.4, 0.2], [0.4, 0.2], [1, 0.4], [0.9, 0.3]]
    _, lines = _check(tmp_path, tables)
    errors = [x for x in lines if x.startswith("error:")]
    assert len(errors) == len(set(errors)) == 4, errors
    assert (
        "error: Tariffs, row 3, column max_china_share: Tiers must rise: this bound (0.4) is not "
        "above the one in row 2 (0.4)."
    ) in errors
    assert any("row 5, column rate" in x and "row 4 (40.0%)" in x for x in errors)


# R04: countries and least orders -----------------------------------------------------------


def test_R04_a_two_letter_text_that_is_no_country_is_refused_and_names_are_read(tmp_path):
    tables = sheets()
    tables["Offers"][0] += ["min_units", "origin_country"]
    tables["Offers"][1] += [-5, "Trung Quốc"]
    tables["Offers"][2] += ["lots", "XX"]
    code, lines = _check(tmp_path, tables)
    assert code == 1
    errors = [x for x in lines if x.startswith("error:")]
    assert sorted(errors) == [
        "error: Offers, row 2, column min_units: min_units must be at least 0; it is -5.",
        "error: Offers, row 3, column min_units: 'lots' is not a number",
        "error: Offers, row 3, column origin_country: 'XX' is not a country code: use a "
        "two-letter ISO code such as CN or VN, or the country's name",
    ]
    assert [parse_country(x) for x in ("Trung Quốc", "TQ", "tq", "uk", "Vn")] == [
        "CN",
        "CN",
        "CN",
        "GB",
        "VN",
    ]
    for text in ("XX", "ZZ", "EU"):
        with pytest.raises(ParseError):
            parse_country(text)


# X03, X08: password-protected .xls and .ods --------------------------------------------------

XLS_BOF = b"\x09\x08\x10\x00\x00\x06\x05\x00"  # BIFF8, workbook globals
WRITEACCESS = b"\x5c\x00\x70\x00"  # xlwt writes its 112 bytes right after the BOF's neighbours


def _with_filepass(tmp_path: Path, name: str, filepass: bytes) -> Path:
    """A real .xls (xlwt) whose WRITEACCESS record becomes a FILEPASS record (and a filler
    record of the same total length), as Excel writes one before the encrypted records."""
    from tests.planner.test_formats import write_xls

    data = bytearray(write_xls(sheets(), tmp_path / f"{name}-plain.xls").read_bytes())
    at = data.index(WRITEACCESS, data.index(XLS_BOF))
    record = b"\x2f\x00" + len(filepass).to_bytes(2, "little") + filepass
    filler = 116 - len(record) - 4
    assert filler >= 0
    data[at : at + 116] = record + WRITEACCESS[:2] + filler.to_bytes(2, "little") + b" " * filler
    # the records after it are scrambled, as an encrypted workbook's are
    data[at + 116 : at + 116 + 64] = bytes(b ^ 0x5A for b in data[at + 116 : at + 116 + 64])
    path = tmp_path / f"{name}.xls"
    path.write_bytes(bytes(data))
    return path


def _xor_filepass() -> bytes:
    return b"\x00\x00" + b"\x34\x12" + b"\x78\x56"  # XOR obfuscation: key, verifier


def _rc4_cryptoapi_filepass() -> bytes:
    csp = "\0".encode("utf-16-le")  # no provider name: the record fits in xlwt's slot
    header = (
        (0x04).to_bytes(4, "little")  # flags: CryptoAPI
        + bytes(4)  # size extra
        + (0x6801).to_bytes(4, "little")  # RC4
        + (0x8004).to_bytes(4, "little")  # SHA-1
        + (128).to_bytes(4, "little")
        + (1).to_bytes(4, "little")  # provider type
        + bytes(8)
        + csp
    )
    verifier = (16).to_bytes(4, "little") + bytes(32) + (20).to_bytes(4, "little") + bytes(20)
    return (
        b"\x01\x00"  # RC4
        + b"\x02\x00\x02\x00"  # version 2.2: CryptoAPI, Excel's default
        + (0x04).to_bytes(4, "little")
        + len(header).to_bytes(4, "little")
        + header
        + verifier
    )


@pytest.mark.parametrize("filepass", [_xor_filepass, _rc4_cryptoapi_filepass])
def test_X03_a_password_protected_xls_is_said_to_be_one(tmp_path, filepass):
    path = _with_filepass(tmp_path, filepass.__name__, filepass())
    code, out, _ = run_cli(["check", str(path)])
    assert code == 1
    assert (
        f"error: {path.name} is password-protected (encrypted), so its cells cannot be read." in out
    )
    assert "Encrypt with Password, clear the password" in out and "OK:" not in out


def test_X08_an_ods_saved_with_a_password_is_said_to_be_one(tmp_path):
    import zipfile

    from tests.planner.test_formats import write_ods

    plain = write_ods(sheets(), tmp_path / "plain.ods")
    path = tmp_path / "locked.ods"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="5000">'
        '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:'
        'xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm '
        'manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
        'manifest:initialisation-vector="AAAA"/></manifest:encryption-data>'
        "</manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "META-INF/manifest.xml":
                data = manifest.encode()
            elif info.filename == "content.xml":
                data = bytes(b ^ 0xA5 for b in data)  # scrambled, as encrypted parts are
            target.writestr(info, data)
    code, out, _ = run_cli(["check", str(path)])
    assert code == 1
    assert f"error: {path.name} is password-protected (encrypted)" in out
    assert "clear 'Save with password'" in out


# X09: an .xls formula written without its result ------------------------------------------


def test_X09_an_xls_formula_without_a_saved_result_is_said_as_for_xlsx(tmp_path):
    """xlwt writes formulas without calculating them; the cell is not empty, it holds a
    formula with no saved result, named at its cell as the .xlsx reader names one (A8). The
    sheet starts in column B: columns stay where Excel shows them. Suppliers holds Vietnamese
    names ("Bắc Ninh PCB")."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets().items():
        ws = book.add_sheet(name)
        offset = 1 if name == "Products" else 0
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if name == "Products" and i == 1 and j == 2:
                    ws.write(i, j + offset, xlwt.Formula("30*2"))
                elif value is not None:
                    ws.write(i, j + offset, value)
    path = tmp_path / "x09.xls"
    book.save(str(path))
    code, out, _ = run_cli(["check", str(path)])
    assert code == 1
    assert (
        "error: Products, row 2, column fob_price: The cell holds a formula with no saved "
        "result (the program that wrote the file did not calculate it): open the file in Excel "
        "and save it, or type the value."
    ) in out.splitlines()
    assert "is required but the cell is empty" not in out


# L02: Vietnamese messages on an ASCII terminal ---------------------------------------------


def test_L02_vietnamese_on_an_ascii_terminal_degrades_to_plain_letters(tmp_path):
    import os
    import subprocess
    import sys

    tables = sheets()
    tables["Products"][1][3] = 1.5  # an error to print: 'lỗi' and a sentence
    book = write_book(tables, tmp_path / "l02.xlsx")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2]), *sys.path])
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli", "--lang", "vi", "check", str(book)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    out, err = done.stdout.decode("ascii"), done.stderr.decode("ascii")
    assert done.returncode == 1 and "Traceback" not in err, err
    assert "loi: Products, dong 2, cot us_share: us_share phai khong qua 1 (100%)" in out
    assert "1 loi, 0 canh bao." in out


def test_a_required_column_empty_in_every_row_is_one_error(tmp_path):
    """The header is there, every cell under it blank: one error at its first row, not one
    per row (the app's column dialog case, from the command line)."""
    tables = sheets()
    for row in tables["Offers"][1:]:
        row[2] = None
    code, lines = _check(tmp_path, tables)
    assert code == 1
    assert [x for x in lines if x.startswith("error:")] == [
        "error: Offers, row 2, column unit_price: unit_price is required but it is empty in "
        "every row (2 rows)."
    ]


def test_text_escaped_as_excel_stores_it_reads_as_excel_shows_it(tmp_path):
    """Excel stores a carriage return (text pasted from another program) as _x000D_ and a
    vertical tab as _x000B_: they read as the characters, not as '_x000D_' in a name."""
    from planner.io.read import read_project
    from planner.validate import validate

    tables = sheets()
    tables["Components"][1][1] = "Main_x000D_\nboard"
    tables["Components"][2][1] = "Front_x000B_housing"
    raw = read_project(write_book(tables, tmp_path / "escaped.xlsx"))
    assert list(raw.sheets["Components"]["description"])[:2] == [
        "Main\r\nboard",
        "Front\x0bhousing",
    ]
    warned = [p for p in validate(raw).warnings if p.code == "control_character"]
    assert [(p.sheet, p.row, p.column) for p in warned] == [("Components", 3, "description")]
