"""Bilingual text: every sentence the engine shows a user exists in English and Vietnamese."""

from __future__ import annotations

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


def t(en: str, vi: str, /, **values: object) -> Text:
    """Build a Text from two templates filled with the same named values."""
    return Text(en.format(**values), vi.format(**values))
