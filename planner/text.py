"""Bilingual text: every sentence the engine shows a user exists in English and Vietnamese."""

from __future__ import annotations

import string
from dataclasses import dataclass

LANGUAGES = ("en", "vi")


@dataclass(frozen=True)
class Text:
    """One sentence in both languages; `str()` gives English."""

    en: str
    vi: str

    def get(self, lang: str = "en") -> str:
        return self.vi if lang == "vi" else self.en

    def __str__(self) -> str:
        return self.en


class _Vietnamese(string.Formatter):
    """Numbers as a Vietnamese reader writes them: 1.234.567,5 and 12,5%."""

    def format_field(self, value: object, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if format_spec and isinstance(value, int | float) and not isinstance(value, bool):
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text


_VI = _Vietnamese()


def t(en: str, vi: str, /, **values: object) -> Text:
    """Build a Text from two templates filled with the same named values (the Vietnamese one
    with Vietnamese separators in every formatted number)."""
    return Text(en.format(**values), _VI.format(vi, **values))
