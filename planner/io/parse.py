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


_CURRENCY = re.compile(r"(?i)\s*(usd|us\$|\$|vnd|vnđ|đ|₫)\s*")
_PLAIN = re.compile(r"^\d+(\.\d+)?([eE][+-]?\d+)?$")  # what float() may see: no '_', no 'nan'
_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:X\d{3})+$")  # 1,234,567 with X the group mark
DECIMAL_COMMA, DECIMAL_DOT = ",", "."
_EXPONENT = re.compile(r"[eE][+-]?\d+$")
_VND = re.compile(r"(?i)vnd|vnđ|đ|₫")
_USD = re.compile(r"(?i)usd|\$")


def money_mark(text: str) -> str | None:
    """'VND' or 'USD' when a typed amount carries its currency ('25.000 ₫', '$12'), else None."""
    if _VND.search(text):
        return "VND"
    if _USD.search(text):
        return "USD"
    return None


def number_style(value: object) -> str | None:
    """The decimal mark a text number shows beyond doubt: ',' ('0,125', '1.234,5', '12,5',
    '1.234.567'), '.' ('0.125', '1,234.5', '1,234,567'), or None (a number cell, plain digits,
    or ambiguous text such as '1,025' or '19.000')."""
    if not isinstance(value, str):
        return None
    try:
        _, style, ambiguous = _read_number(value.strip().removesuffix("%"), None)
    except ParseError:
        return None
    return None if ambiguous else style


def is_ambiguous(value: object) -> bool:
    """'1,025', '3,400', '19.000': one mark followed by three digits reads two ways."""
    if not isinstance(value, str):
        return False
    try:
        return _read_number(value.strip().removesuffix("%"), None)[2]
    except ParseError:
        return False


def _grouped(digits: str, mark: str) -> bool:
    return bool(_GROUPED.match(digits.replace(mark, "X")))


def _read_number(value: str, decimal: str | None) -> tuple[float, str | None, bool]:
    """(number, decimal mark the text showed or None, whether the text was ambiguous)."""
    original = clean_text(value)
    currency = money_mark(original)
    if currency == "VND":
        decimal = DECIMAL_COMMA  # '25.000 ₫' is written the Vietnamese way
    elif currency == "USD":
        decimal = DECIMAL_DOT
    s = _CURRENCY.sub("", original).replace("\u00a0", " ").replace("\u202f", " ").strip()
    s = s.removeprefix("'")  # Excel's mark for 'keep this as text'
    negative = s.startswith("(") and s.endswith(")")  # accounting negative
    if negative:
        s = s[1:-1].strip()
    s = s.replace(" ", "")
    if s[:1] in ("+", "-") and not negative:
        negative, s = s[0] == "-", s[1:]

    def bad() -> ParseError:
        return ParseError(t("'{v}' is not a number", "'{v}' không phải là số", v=original))

    exponent = _EXPONENT.search(s)  # '1,5E+03': Vietnamese Excel's scientific format
    if exponent:
        s, exponent_text = s[: exponent.start()], exponent.group(0)
    else:
        exponent_text = ""
    style, ambiguous = None, False
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        # both marks: the last one is the decimal mark, the other groups thousands
        style = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if style == "," else ","
        whole, _, frac = s.rpartition(style)
        if not _grouped(whole, group) or not frac.isdigit():
            raise bad()
        s = whole.replace(group, "") + "." + frac
    elif commas or dots:
        mark = "," if commas else "."
        parts = s.split(mark)
        if len(parts) > 2:  # 1.234.567: only a thousands mark repeats
            if not _grouped(s, mark):
                raise bad()  # '0.000.001', '1.23.4'
            style = "." if mark == "," else ","
            s = s.replace(mark, "")
        else:
            whole, frac = parts
            if not (whole.isdigit() or whole == "") or not frac.isdigit():
                raise bad()  # '.5' is a half; '5.', '1.2e3,4' are not numbers
            if len(frac) == 3 and _grouped(s, mark):
                ambiguous = True  # '1,025': thousands, or a decimal with three places
                use = decimal or DECIMAL_DOT
                s = s.replace(mark, "") if use != mark else whole + "." + frac
            else:
                style = mark
                s = (whole or "0") + "." + frac
    s += exponent_text
    if not _PLAIN.match(s):
        raise bad()
    number = float(s)
    if not math.isfinite(number):
        raise ParseError(t("expected a finite number", "cần một số hữu hạn"))
    return (-number if negative else number), style, ambiguous and currency is None


def parse_number(value: object, decimal: str | None = None) -> float:
    """A number, also when stored as text: '1,234.5', '1.234,5', '0,125', '$12', '12 USD',
    '(5)'. Text that reads two ways ('1,025') takes `decimal` as its decimal mark (',' for a
    Vietnamese column, '.' by default); the validator warns about it."""
    if isinstance(value, bool):
        raise ParseError(t("expected a number, found yes/no", "cần một số, gặp có/không"))
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ParseError(t("expected a finite number", "cần một số hữu hạn"))
        return float(value)
    return _read_number(str(value), decimal)[0]


def parse_share(value: object, decimal: str | None = None) -> tuple[float, bool]:
    """A share: 0.3, '30%' or '0,3'. Returns (value, written_as_percent).

    A bare number above 1 is returned as is; the validator decides, column by column, whether
    the whole column was typed in percent (all values in 0..100).
    """
    if isinstance(value, str) and value.strip().endswith("%"):
        return parse_number(value.strip()[:-1], decimal) / 100.0, True
    return parse_number(value, decimal), False


# A share typed as a bare number from 2 to 100 is a percent (30 is 30%); between 1 and 2 it
# reads two ways (1.5: 150% or 1.5%?) and is not guessed at (docs/format.md, Shares).
PERCENT_FROM = 2


def bare_share(value: float) -> float | None:
    """A share typed as one bare number, as the validator reads a setting: itself up to 1, a
    percent from 2 to 100, else None (it reads two ways, or it is above 100%)."""
    if value <= 1:
        return value
    if PERCENT_FROM <= value <= 100:
        return value / 100
    return None


def parse_integer(value: object, decimal: str | None = None) -> int:
    number = parse_number(value, decimal)
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

# ISO 3166-1 alpha-2: the 249 codes assigned to countries and territories (as the IANA time
# zone database's iso3166.tab lists them), and the reserved UK (for GB) and XK (Kosovo).
_ISO = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
    "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ "
    "DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP "
    "GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG "
    "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
    "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
    "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL "
    "SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM "
    "US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
)
ISO_CODES = frozenset(_ISO.split()) | {"XK"}
CODE_ALIASES = {"UK": "GB"}


def parse_country(value: object) -> str:
    """ISO-2 code from a code or an English/Vietnamese name ('CN', 'China', 'Trung Quốc')."""
    s = clean_text(value)
    code = _COUNTRY_LOOKUP.get(s.lower())
    if code:
        return code
    if len(s) == 2 and s.isalpha() and s.isascii():
        upper = CODE_ALIASES.get(s.upper(), s.upper())
        if upper in ISO_CODES:
            return upper
        raise ParseError(
            t(
                "'{v}' is not a country code: use a two-letter ISO code such as CN or VN, or "
                "the country's name",
                "'{v}' không phải mã quốc gia: dùng mã ISO hai chữ như CN, VN, hoặc tên quốc gia",
                v=s,
            )
        )
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


# Words a team types for a choice, by the canonical choice they mean.
CHOICE_WORDS = {
    "any": ("any", "all", "every", "tất cả", "mọi", "*"),
    "VN": ("vn", "vietnam", "viet nam", "việt nam", "vietnamese", "xuất xứ vn", "xuất xứ việt nam"),
    "not VN": (
        "not vn",
        "non vn",
        "non-vn",
        "not vietnam",
        "không phải vn",
        "ngoài vn",
        "không xuất xứ vn",
        "transshipped",
        "chuyển tải",
    ),
    "process": ("process", "substantial transformation", "gia công", "sản xuất"),
    "rvc": ("rvc", "value content", "hàm lượng giá trị"),
    # the Actuals sheet's events (planner.schema.EVENTS); "_" is read as a space
    "onboarded": ("onboarded", "onboarding", "onboard", "đã đánh giá ncc", "đánh giá ncc"),
    "qualification_started": (
        "qualification started",
        "started",
        "start",
        "bắt đầu phê duyệt",
        "bắt đầu chứng nhận",
    ),
    "qualification_done": (
        "qualification done",
        "qualified",
        "done",
        "phê duyệt xong",
        "đã phê duyệt",
        "hoàn tất phê duyệt",
    ),
    "qualification_failed": (
        "qualification failed",
        "failed",
        "phê duyệt không đạt",
        "không đạt",
        "trượt phê duyệt",
    ),
    "award": ("award", "awarded", "trao thầu", "đặt hàng", "phân bổ"),
    "supplier_late": (
        "supplier late",
        "late",
        "delay",
        "slip",
        "ncc trễ",
        "nhà cung cấp trễ",
        "trễ",
        "chậm tiến độ",
    ),
}


def parse_choice(value: object, choices: tuple[str, ...]) -> str:
    """One of `choices`, matched without case, accents' forms or extra spaces, or a word a
    team uses for it (CHOICE_WORDS)."""
    text = clean_text(value)
    key = " ".join(text.lower().replace("_", " ").split())
    for choice in choices:
        words = {choice.lower(), *CHOICE_WORDS.get(choice, ())}
        if key in words:
            return choice
    raise ParseError(
        t(
            "'{v}' is not one of {c}",
            "'{v}' không thuộc {c}",
            v=text,
            c=", ".join(choices),
        )
    )
