"""Bilingual text: every sentence the engine shows a user exists in English and Vietnamese."""

from __future__ import annotations

import re
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


# Characters no workbook can hold (XML 1.0 forbids them): the C0 controls but tab, line feed and
# carriage return (a vertical tab, BEL, ESC...), U+FFFE, U+FFFF and lone surrogates.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _visible(match: re.Match) -> str:
    code = ord(match.group(0))
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def visible_controls(text: str) -> str:
    """The text with each character a workbook cannot hold shown instead: a C0 control as its
    Unicode symbol (vertical tab as '\u240b', BEL as '\u2407', ESC as '\u241b'), any other as
    '\ufffd'. Every workbook this app writes and every problem printed shows them so."""
    return UNWRITABLE.sub(_visible, text) if UNWRITABLE.search(text) else text


def control_names(text: str) -> str:
    """'U+000B, U+0007': the characters a workbook cannot hold, as their code points."""
    seen = dict.fromkeys(f"U+{ord(c):04X}" for c in UNWRITABLE.findall(text))
    return ", ".join(seen)
