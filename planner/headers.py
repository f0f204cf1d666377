"""Matching a header (or a sheet name) to known names by its words, the way procurement sheets
are written: accents, case, abbreviations, units in brackets or after a slash, "%" and
currency signs, and extra words.

Pure text: the vocabulary (which abbreviation means what, which words are units) is given by
`planner.schema`, which owns it; this module only applies it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

SIGNS = {"%": "pct", "$": "usd", "₫": "vnd", "€": "eur", "¥": "cny", "#": "no"}
_BRACKETS = re.compile(r"[\(\[\{]([^\)\]\}]*)[\)\]\}]?")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Vocabulary:
    """What the words of a header mean; see planner.schema for the lists and their sources."""

    expansions: Mapping[str, tuple[str, ...]]  # folded word -> the words it stands for
    units: frozenset[str]  # words that say what a number is counted in
    signs: frozenset[str]  # unit words that may also stand inside a name (pct, usd, vnd)
    fillers: frozenset[str]  # words that carry no meaning of their own ("của", "per")


def fold(text: object) -> str:
    """Accent- and case-insensitive form: 'Đơn giá (USD)*' -> 'don gia (usd)'."""
    s = unicodedata.normalize("NFD", str(text or "")).replace("*", "")
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D").lower().strip()


@dataclass(frozen=True)
class Words:
    """A header as words: its name (abbreviations expanded) and the units it states."""

    name: tuple[str, ...]
    units: tuple[str, ...]
    signs: tuple[str, ...]  # sign words in the name or its units ("% TQ", "TQ (%)" -> pct)

    @property
    def full(self) -> str:
        return " ".join(self.name)

    @property
    def bare(self) -> str:
        """The name without its sign words: '% TQ' -> 'trung quoc'."""
        return " ".join(w for w in self.name if w not in self.signs)

    def content(self, vocab: Vocabulary) -> frozenset[str]:
        return frozenset(w for w in self.name if w not in vocab.fillers)


def _tokens(text: str, vocab: Vocabulary) -> list[str]:
    for sign, word in SIGNS.items():
        text = text.replace(sign, f" {word} ")
    out: list[str] = []
    for word in _NOT_WORD.split(text):
        if word:
            out.extend(vocab.expansions.get(word, (word,)))
    return out


def _is_unit(words: list[str], vocab: Vocabulary) -> bool:
    return bool(words) and all(w in vocab.units or w in vocab.fillers for w in words)


def words(text: object, vocab: Vocabulary) -> Words:
    """Split a header into the words of its name and the units it states.

    'Đơn giá (USD)' -> name (don, gia), units (usd); 'Sản lượng / kỳ' -> (san, luong), (ky);
    'Tỉnh/thành' keeps both words (thành is not a unit); '% TQ' -> (pct, trung, quoc).
    """
    s = fold(text).rstrip(":").strip()
    units: list[str] = []
    for inside in _BRACKETS.findall(s):
        units.extend(_tokens(inside, vocab))
    s = _BRACKETS.sub(" ", s)
    parts = [p for p in s.split("/") if p.strip()]
    # a unit after the last slash, several times over: "SL / SP / kỳ"
    while len(parts) > 1 and _is_unit(_tokens(parts[-1], vocab), vocab):
        units = _tokens(parts.pop(), vocab) + units
    name = _tokens(" ".join(parts), vocab)
    # "... per quarter", "... mỗi kỳ": a trailing unit phrase
    for k in range(len(name) - 1, 0, -1):
        if name[k - 1] in ("per", "moi", "tren") and _is_unit(name[k:], vocab):
            units = name[k:] + units
            name = name[: k - 1]
            break
    if all(w in vocab.signs for w in name):  # only "%" or "USD": nothing but a unit
        units, name = list(name) + units, []
    # a sign in the name or among the units marks the kind of number: "% TQ", "TQ (%)"
    signs = tuple(dict.fromkeys(w for w in (*name, *units) if w in vocab.signs))
    return Words(tuple(name), tuple(units), signs)


@dataclass(frozen=True)
class Match:
    key: str
    loose: bool  # found among extra words, not as a known spelling
    spelling: str  # the known spelling it matched ('tỷ lệ tq')


class Matcher:
    """Known names, each with its spellings: finds which one a header stands for. Spellings are
    indexed by their words, so that a grid's every cell can be tried as a header quickly."""

    def __init__(self, names: Mapping[str, Iterable[str]], vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.words = lru_cache(maxsize=8192)(lambda text: words(text, vocab))
        self.spellings: list[tuple[str, str, Words]] = []
        self.by_full: dict[str, dict[str, str]] = {}  # full form -> {key: spelling}
        self.by_signed_bare: dict[str, dict[str, str]] = {}
        self.by_word: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
        for key, spellings in names.items():
            seen = set()
            for spelling in (key, *spellings):
                w = words(spelling, vocab)
                if not w.name or w.full in seen:
                    continue
                seen.add(w.full)
                self.spellings.append((key, spelling, w))
                self.by_full.setdefault(w.full, {}).setdefault(key, spelling)
                if w.signs:
                    self.by_signed_bare.setdefault(w.bare, {}).setdefault(key, spelling)
                content = w.content(vocab)
                for word in content:
                    self.by_word.setdefault(word, []).append((key, spelling, content))

    def parsed(self, header: object) -> Words:
        """The header's words (remembered: a grid repeats its texts)."""
        return self.words("" if header is None else str(header))

    def exact(self, header: object) -> Match | None:
        """The name whose spelling the header is, units and signs aside; None when there is
        none, or when two names are spelled that way."""
        h = self.parsed(header)
        if not h.name:
            return None
        found = {**self.by_full.get(h.full, {}), **self.by_full.get(h.bare, {})}
        if h.signs:
            found.update(self.by_signed_bare.get(h.bare, {}))
        if len(found) == 1:
            key, spelling = next(iter(found.items()))
            return Match(key, False, spelling)
        return None

    def loose(self, header: object) -> Match | None:
        """The name one of whose spellings stands whole among the header's words, covering at
        least half of them ('Hàm lượng TQ dự kiến' -> 'hàm lượng tq'); the longest spelling
        wins, and a tie between two names is no match."""
        h = self.parsed(header).content(self.vocab)
        best: dict[str, tuple[int, str]] = {}
        for word in h:
            for key, spelling, need in self.by_word.get(word, ()):
                fits = need <= h and 2 * len(need) >= len(h)
                if fits and len(need) > best.get(key, (0, ""))[0]:
                    best[key] = (len(need), spelling)
        if not best:
            return None
        top = max(n for n, _ in best.values())
        keys = [k for k, (n, _) in best.items() if n == top]
        if len(keys) != 1:
            return None
        return Match(keys[0], True, best[keys[0]][1])

    def match(self, header: object) -> Match | None:
        return self.exact(header) or self.loose(header)

    def nearest(self, header: object, least: float = 0.6) -> list[str]:
        """Names the header resembles (a misspelling, a part of the words), best first."""
        h = self.parsed(header)
        if not h.name:
            return []
        hw = h.content(self.vocab)
        scores: dict[str, float] = {}
        for key, _, s in self.spellings:
            sw = s.content(self.vocab)
            ratio = SequenceMatcher(None, h.bare or h.full, s.bare or s.full).ratio()
            overlap = len(hw & sw) / len(hw | sw) if hw | sw else 0.0
            scores[key] = max(scores.get(key, 0.0), ratio, overlap)
        ranked = sorted((k for k, v in scores.items() if v >= least), key=lambda k: -scores[k])
        return ranked
