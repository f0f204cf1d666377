"""Red-team rows about numbers as a Vietnamese user types them, and prices typed in VND."""

from __future__ import annotations

import pytest

from planner.io.parse import ParseError, is_ambiguous, number_style, parse_number
from planner.validate import check_file
from tests.planner.hostile import sheets, write_book, write_csvs


def _problems(result, code: str) -> dict[tuple[str | None, int | None, str | None], str]:
    return {(p.sheet, p.row, p.column): p.message.en for p in result.problems if p.code == code}


def test_B03_vietnamese_decimals_in_cells(tmp_path):
    tables = sheets()
    tables["Offers"][1][2] = "0,025"  # PCB-01 at BN-PCB: two and a half cents
    tables["Offers"][1][5] = "1.234,5"  # switching cost, Vietnamese thousands and decimal
    tables["Offers"][2][2] = "3,400"  # reads two ways: the column's decimal comma decides
    tables["Periods"][1][1] = "19.000"  # a budget: thousands dot (Vietnamese), or 19.0
    tables["Periods"][2][1] = "50.000,0"
    result = check_file(write_book(tables, tmp_path / "vi-numbers.xlsx"))
    assert result.ok, [p.format() for p in result.errors]
    offers = result.project["Offers"]
    assert offers.loc[2, "unit_price"] == pytest.approx(0.025)
    assert offers.loc[2, "switching_cost"] == pytest.approx(1234.5)
    assert offers.loc[3, "unit_price"] == pytest.approx(3.4)
    assert result.project["Periods"].loc[2, "budget"] == pytest.approx(19_000)
    warned = _problems(result, "ambiguous_number")
    assert set(warned) == {("Offers", 3, "unit_price"), ("Periods", 2, "budget")}
    assert (
        "'3,400' can be read as 3.4 or as 3400; it was read as 3.4"
        in warned[("Offers", 3, "unit_price")]
    )


def test_B03_accounting_negative_is_read_and_explained(tmp_path):
    tables = sheets()
    tables["Offers"][1][5] = "(59)"
    result = check_file(write_book(tables, tmp_path / "negative.xlsx"))
    message = next(p.message for p in result.errors if p.column == "switching_cost")
    assert "it is -59 ('(59)': brackets mark a negative amount)" in message.en
    assert "dấu ngoặc nghĩa là số âm" in message.vi


@pytest.mark.parametrize(
    "text, comma_column, dot_column",
    [
        ("0,125", 0.125, 0.125),
        ("-0,125", -0.125, -0.125),
        ("1,025", 1.025, 1025.0),
        ("3,400", 3.4, 3400.0),
        ("19.000", 19000.0, 19.0),
        ("1.234,5", 1234.5, 1234.5),
        ("1,234.5", 1234.5, 1234.5),
        ("(59)", -59.0, -59.0),
    ],
)
def test_B03b_parse_number_honours_the_decimal_comma(text, comma_column, dot_column):
    assert parse_number(text, ",") == pytest.approx(comma_column)
    assert parse_number(text, ".") == pytest.approx(dot_column)
    assert is_ambiguous(text) == (comma_column != dot_column)


@pytest.mark.parametrize("text", ["0.000.001", "1_000", "1_9", "1,2,3", "1.23.4", "nan", "1e5,5"])
def test_B03b_numbers_that_cannot_be_read_for_sure_are_refused(text):
    with pytest.raises(ParseError):
        parse_number(text)


def test_B03b_styles_the_text_shows():
    assert [number_style(s) for s in ("0,125", "0.125", "1.234.567", "1,025", 12.5, "30,5%")] == [
        ",",
        ".",
        ",",
        None,
        None,
        ",",
    ]


def test_F05_semicolon_csv_with_decimal_comma(tmp_path):
    tables = sheets()
    for row in tables["Offers"][1:]:
        row[2] = str(row[2]).replace(".", ",")
    tables["Offers"][1][2] = "0,025"
    tables["Offers"][2][5] = "1,500"  # only the file's ';' says this is one and a half
    for table in tables.values():  # every decimal as Vietnamese Excel exports it
        for row in table[1:]:
            for j, v in enumerate(row):
                if isinstance(v, float) and not v.is_integer():
                    row[j] = str(v).replace(".", ",")
    result = check_file(write_csvs(tmp_path / "csv", tables, delimiter=";"))
    assert result.ok, [p.format() for p in result.errors]
    offers = result.project["Offers"]
    assert offers.loc[2, "unit_price"] == pytest.approx(0.025)
    assert offers.loc[3, "switching_cost"] == pytest.approx(1.5)
    assert (
        "read as 1.5 (a decimal comma"
        in _problems(result, "ambiguous_number")[("Offers", 3, "switching_cost")]
    )


def test_F05_semicolon_csv_means_decimal_comma_when_nothing_else_says(tmp_path):
    from planner.io.conventions import decimal_conventions
    from planner.io.read import read_project

    folder = write_csvs(
        tmp_path / "csv", {"Periods": [["period", "budget"], ["2027-Q1", "1,500"]]}, delimiter=";"
    )
    by_column, _ = decimal_conventions(read_project(folder))
    assert by_column[("Periods", "budget")].mark == ","
    assert "';'" in by_column[("Periods", "budget")].why.en
    (folder / "Periods.csv").write_text('period,budget\r\n2027-Q1,"1,500"\r\n')
    by_column, _ = decimal_conventions(read_project(folder))
    assert by_column[("Periods", "budget")].mark == "."


def test_F31_decimal_comma_price_is_not_read_a_thousand_times(tmp_path):
    tables = sheets()
    tables["Components"][2][5] = "0,125"  # HSG-01 today
    tables["Offers"][2][2] = "0,13"  # its local quote
    result = check_file(write_book(tables, tmp_path / "prices.xlsx"))
    assert result.ok, [p.format() for p in result.errors]
    assert result.project["Components"].loc[3, "current_unit_price"] == pytest.approx(0.125)
    assert result.project["Offers"].loc[3, "unit_price"] == pytest.approx(0.13)
    assert not _problems(result, "share_above_100")


def test_H10_price_typed_in_vnd_is_warned(tmp_path):
    tables = sheets()
    tables["Settings"].append(["fx_vnd_per_usd", 26_000])
    tables["Components"][1][5] = 109_200  # PCB-01: $4.20 typed in VND
    result = check_file(write_book(tables, tmp_path / "vnd.xlsx"))
    above = _problems(result, "price_above_fob")
    assert list(above) == [("Components", 2, "current_unit_price")]
    assert "VND" in above[("Components", 2, "current_unit_price")]
    assert "$4.2000 at 26,000 VND/USD" in above[("Components", 2, "current_unit_price")]
    assert set(_problems(result, "share_above_100")) == {
        ("Products", 2, "fob_price"),
        ("Products", 3, "fob_price"),
    }


def test_H11_price_and_quote_in_vnd_are_warned(tmp_path):
    tables = sheets()
    tables["Components"][2][5] = 28_600  # HSG-01
    tables["Offers"][2][2] = 33_800  # its quote from HP-PLA
    result = check_file(write_book(tables, tmp_path / "vnd2.xlsx"))
    assert set(_problems(result, "price_above_fob")) == {
        ("Components", 3, "current_unit_price"),
        ("Offers", 3, "unit_price"),
    }
