"""Cell values as procurement workbooks really hold them."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.io.parse import (
    ParseError,
    clean_text,
    parse_bool,
    parse_country,
    parse_integer,
    parse_number,
    parse_share,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (12, 12.0),
        ("12", 12.0),
        (" 4.25 ", 4.25),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234", 1234.0),
        ("1.234.567", 1234567.0),
        ("0,35", 0.35),
        ("$12", 12.0),
        ("12 USD", 12.0),
        ("(5)", -5.0),
    ],
)
def test_numbers_stored_as_text(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["abc", "1..2", True, float("inf"), "NaN", "12 apples"])
def test_not_a_number(text):
    with pytest.raises(ParseError) as info:
        parse_number(text)
    assert info.value.reason.en and info.value.reason.vi


def test_shares():
    assert parse_share("30%") == (pytest.approx(0.3), True)
    assert parse_share(0.3) == (0.3, False)
    assert parse_share("0,3") == (pytest.approx(0.3), False)
    assert parse_share(30) == (30.0, False)  # the validator decides per column


@pytest.mark.parametrize("text", ["yes", "Y", "TRUE", 1, "x", "có", "Có", True])
def test_yes(text):
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["no", "N", "false", 0, "không", "KHÔNG", False])
def test_no(text):
    assert parse_bool(text) is False


def test_not_yes_or_no():
    with pytest.raises(ParseError):
        parse_bool("maybe")


@pytest.mark.parametrize(
    "text, code",
    [
        ("CN", "CN"),
        ("cn", "CN"),
        ("China", "CN"),
        ("Trung Quốc", "CN"),
        ("Việt Nam", "VN"),
        ("Vietnam", "VN"),
        ("Hàn Quốc", "KR"),
        ("Japan", "JP"),
        ("Đài Loan", "TW"),
    ],
)
def test_countries(text, code):
    assert parse_country(text) == code


def test_decomposed_vietnamese_is_normalised():
    decomposed = "Trung Quo\u0302\u0301c"  # NFD form from some exporters
    assert parse_country(decomposed) == "CN"
    assert clean_text("Ba\u0306\u0301c Ninh") == "Bắc Ninh"


def test_integer_and_text():
    assert parse_integer("2") == 2
    with pytest.raises(ParseError):
        parse_integer(1.5)
    assert clean_text(12.0) == "12"
    assert clean_text(dt.datetime(2027, 1, 1)) == "2027-01-01"
