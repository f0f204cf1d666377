"""The Settings sheet read and written one key at a time (under any of a key's spellings),
and the lenient number and share readers the settings forms use. Each write is an undo step."""

from __future__ import annotations

from planner import schema
from planner.io import parse
from ui.commands import AddRows, SetCells
from ui.document import ProjectDocument

SPEC = {s.key: s for s in schema.SETTING_SPECS}


def _setting_row(doc: ProjectDocument, key: str) -> int | None:
    """Position of the Settings row holding `key` (under any of its spellings): the row the
    plan reads, the last one with a value when the key is given twice (check warns)."""
    frame = doc.frame("Settings")
    if "key" not in frame.columns:
        return None
    names = {schema.normalise_header(n) for n in (key, *SPEC[key].synonyms)}
    rows = [
        pos
        for pos, typed in enumerate(frame["key"])
        if schema.normalise_header(parse.clean_text(typed)) in names
    ]
    if not rows:
        return None
    if "value" in frame.columns:
        filled = [pos for pos in rows if not parse.is_blank(frame["value"].iloc[pos])]
        if filled:
            return filled[-1]
    return rows[0]


def setting_value(doc: ProjectDocument, key: str) -> object:
    pos = _setting_row(doc, key)
    if pos is None:
        return SPEC[key].default
    value = doc.frame("Settings")["value"].iloc[pos]
    return SPEC[key].default if parse.is_blank(value) else value


def set_setting(doc: ProjectDocument, key: str, value: object, text: str) -> None:
    pos = _setting_row(doc, key)
    if pos is None:
        doc.undo.push(AddRows(doc, "Settings", [{"key": key, "value": value}], text))
        return
    old = doc.frame("Settings")["value"].iloc[pos]
    if old == value or (parse.is_blank(old) and parse.is_blank(value)):
        return
    doc.undo.push(SetCells(doc, "Settings", [(pos, "value", old, value)], text))


def number(value: object, default: float) -> float:
    try:
        return float(parse.parse_number(value))
    except (parse.ParseError, TypeError, ValueError):
        return default


def share(value: object, default: float) -> float:
    """A share setting as the plan reads it (30 is 30%); the default when it cannot be read."""
    try:
        number, percent = parse.parse_share(value)
    except (parse.ParseError, TypeError, ValueError):
        return default
    read = number if percent else parse.bare_share(number)
    return default if read is None else float(read)
