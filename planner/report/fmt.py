"""Numbers as a reader of each language expects them (Vietnamese: 1.234.567,5 and 12,5%)."""

from __future__ import annotations

import math


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _localise(text: str, lang: str) -> str:
    if lang != "vi":
        return text
    # swap separators through a placeholder: 1,234.5 -> 1.234,5
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def number(value: object, lang: str = "en", decimals: int = 0) -> str:
    if _is_blank(value):
        return ""
    x = float(value)  # type: ignore[arg-type]
    if math.isinf(x):
        return "∞"
    return _localise(f"{x:,.{decimals}f}", lang)


def money(value: object, lang: str = "en", currency: str = "USD", decimals: int = 0) -> str:
    """'$1,234' in English, '1.234 USD' in Vietnamese (the way local invoices write it)."""
    if _is_blank(value):
        return ""
    x = float(value)  # type: ignore[arg-type]
    if math.isinf(x):
        return "∞"
    body = number(abs(x), lang, decimals)
    sign = "−" if x < 0 else ""
    if lang == "vi" or currency != "USD":
        return f"{sign}{body} {currency}"
    return f"{sign}${body}"


def pct(value: object, lang: str = "en", decimals: int | None = None) -> str:
    """A share as a percent; whole percents without decimals unless asked."""
    if _is_blank(value):
        return ""
    x = 100 * float(value)  # type: ignore[arg-type]
    if decimals is None:
        decimals = 0 if abs(x - round(x)) < 0.05 else 1
    return _localise(f"{x:.{decimals}f}", lang) + "%"


def compact_money(value: object, lang: str = "en", currency: str = "USD") -> str:
    """A large amount in few characters for a chart's axis: '$533.3M', '533,3 tr USD'."""
    if _is_blank(value):
        return ""
    x = float(value)  # type: ignore[arg-type]
    steps = [(1e9, "B", "tỷ"), (1e6, "M", "tr"), (1e3, "k", "nghìn")]
    for size, en, vi in steps:
        if abs(x) >= size:
            body = number(x / size, lang, 1)
            if lang == "vi" or currency != "USD":
                return f"{body} {vi if lang == 'vi' else en} {currency}"
            sign = "−" if x < 0 else ""  # −$6.9M, as money() writes a loss
            return f"{sign}${number(abs(x) / size, lang, 1)}{en}"
    return money(x, lang, currency)
