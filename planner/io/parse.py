"""Cell parsers: what a procurement workbook holds, turned into typed values.

Each parser takes the raw cell (whatever openpyxl or the CSV reader gave) and returns the typed
value, or raises `ParseError` with a bilingual reason. Blank cells are handled by the caller.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from planner.text import Text, t


class ParseError(ValueError):
    def __init__(self, reason: Text):
        super().__init__(reason.en)
        self.reason = reason


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def clean_text(value: object) -> str:
    """Text as the user meant it: NFC-normalised, trimmed; 12.0 read from Excel becomes '12'."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()[:10]
    return unicodedata.normalize("NFC", str(value)).strip()


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,.\s ]\d{3})+([.,]\d+)?$")
_CURRENCY = re.compile(r"(?i)\s*(usd|us\$|\$|vnd|vnđ|đ|₫)\s*")


def parse_number(value: object) -> float:
    """A number, also when stored as text: '1,234.5', '1.234,5', '$12', '12 USD', '(5)'."""
    if isinstance(value, bool):
        raise ParseError(t("expected a number, found yes/no", "cần một số, gặp có/không"))
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ParseError(t("expected a finite number", "cần một số hữu hạn"))
        return float(value)
    s = clean_text(value)
    original = s
    s = _CURRENCY.sub("", s).replace("\u00a0", " ").strip()
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1].strip()
    s = s.replace(" ", "").replace("\u202f", "")
    if "," in s and "." in s:
        # Both marks: the last one is the decimal mark (1,234.5 or Vietnamese 1.234,5)
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif s.count(",") > 1 or (s.count(",") == 1 and _THOUSANDS.match(s)):
        s = s.replace(",", "")  # 1,234 or 1,234,567: thousands
    elif s.count(",") == 1:
        s = s.replace(",", ".")  # 0,35 written with a decimal comma
    elif s.count(".") > 1 and _THOUSANDS.match(s):
        s = s.replace(".", "")  # 1.234.567 (Vietnamese thousands)
    s = s.replace(" ", "")
    try:
        number = float(s)
    except ValueError:
        raise ParseError(t("'{v}' is not a number", "'{v}' không phải là số", v=original)) from None
    if not math.isfinite(number):
        raise ParseError(t("expected a finite number", "cần một số hữu hạn"))
    return -number if negative else number


def parse_share(value: object) -> tuple[float, bool]:
    """A share: 0.3, '30%' or '0,3'. Returns (value, written_as_percent).

    A bare number above 1 is returned as is; the validator decides, column by column, whether
    the whole column was typed in percent (all values in 0..100).
    """
    if isinstance(value, str) and value.strip().endswith("%"):
        return parse_number(value.strip()[:-1]) / 100.0, True
    return parse_number(value), False


def parse_integer(value: object) -> int:
    number = parse_number(value)
    if not float(number).is_integer():
        raise ParseError(
            t("expected a whole number, found {v}", "cần số nguyên, gặp {v}", v=clean_text(value))
        )
    return int(number)


_TRUE = {"yes", "y", "true", "1", "x", "có", "co", "c", "đúng", "t", "on", "✓", "✔"}
_FALSE = {"no", "n", "false", "0", "không", "khong", "k", "sai", "f", "off", "-"}


def parse_bool(value: object) -> bool:
    """yes/no, y/n, true/false, 1/0, x/blank, có/không."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    s = clean_text(value).lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ParseError(
        t("'{v}' is not yes or no", "'{v}' không phải có hoặc không", v=clean_text(value))
    )


# ISO-2 code -> names users type, English and Vietnamese (folded, without case).
COUNTRIES: dict[str, tuple[str, ...]] = {
    "CN": (
        "china",
        "prc",
        "people's republic of china",
        "trung quốc",
        "trung quoc",
        "tq",
        "chn",
        "mainland china",
    ),
    "VN": ("vietnam", "viet nam", "việt nam", "vn", "vnm"),
    "KR": ("korea", "south korea", "republic of korea", "hàn quốc", "han quoc", "kor"),
    "JP": ("japan", "nhật bản", "nhật", "nhat ban", "jpn"),
    "TW": ("taiwan", "đài loan", "dai loan", "twn", "chinese taipei"),
    "TH": ("thailand", "thái lan", "thai lan", "tha"),
    "MY": ("malaysia", "mys"),
    "SG": ("singapore", "sgp"),
    "ID": ("indonesia", "idn"),
    "PH": ("philippines", "phi"),
    "IN": ("india", "ấn độ", "an do", "ind"),
    "US": ("united states", "usa", "us", "mỹ", "hoa kỳ", "america"),
    "MX": ("mexico", "mex"),
    "DE": ("germany", "đức", "deu"),
    "HK": ("hong kong", "hồng kông", "hkg"),
    "KH": ("cambodia", "campuchia", "khm"),
    "LA": ("laos", "lào", "lao"),
}
COUNTRY_NAMES_EN = {
    "CN": "China",
    "VN": "Vietnam",
    "KR": "Korea",
    "JP": "Japan",
    "TW": "Taiwan",
    "TH": "Thailand",
    "MY": "Malaysia",
    "SG": "Singapore",
    "ID": "Indonesia",
    "PH": "Philippines",
    "IN": "India",
    "US": "United States",
    "MX": "Mexico",
    "DE": "Germany",
    "HK": "Hong Kong",
    "KH": "Cambodia",
    "LA": "Laos",
}
_COUNTRY_LOOKUP = {name: code for code, names in COUNTRIES.items() for name in names}


def parse_country(value: object) -> str:
    """ISO-2 code from a code or an English/Vietnamese name ('CN', 'China', 'Trung Quốc')."""
    s = clean_text(value)
    if len(s) == 2 and s.isalpha() and s.isascii():
        return s.upper()
    code = _COUNTRY_LOOKUP.get(s.lower())
    if code:
        return code
    raise ParseError(
        t(
            "'{v}' is not a country we know: use a two-letter ISO code such as CN or VN",
            "'{v}' không phải quốc gia đã biết: dùng mã ISO hai chữ như CN, VN",
            v=s,
        )
    )


def parse_period(value: object) -> str:
    """A period label; dates become ISO text so '2027-01-01' and a date cell match."""
    return clean_text(value)
