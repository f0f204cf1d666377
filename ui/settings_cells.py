"""The Settings sheet read and written one key at a time (under any of a key's spellings),
and the lenient number and share readers the settings forms use. Each write is an undo step."""

from __future__ import annotations

from planner import fields
from planner.io import parse
from planner.validate import read_setting
from ui.commands import AddRows, SetCells
from ui.document import ProjectDocument


def _setting_row(doc: ProjectDocument, key: str) -> int | None:
    """Position of the Settings row holding `key` (under any of its spellings): the row the
    plan reads, the last one with a value when the key is given twice (check warns)."""
    frame = doc.frame("Settings")
    if "key" not in frame.columns:
        return None
    rows = [
        pos
        for pos, typed in enumerate(frame["key"])
        if (found := fields.setting_named(parse.clean_text(typed))) is not None and found.key == key
    ]
    if not rows:
        return None
    if "value" in frame.columns:
        filled = [pos for pos in rows if not parse.is_blank(frame["value"].iloc[pos])]
        if filled:
            return filled[-1]
    return rows[0]


def setting_value(doc: ProjectDocument, key: str) -> object:
    """The Settings cell of `key` as typed (its default when it has none); the cell of its
    former name when the sheet gives only that (as the planner reads it)."""
    pos = _setting_row(doc, key)
    former = fields.former_name_of(key)
    if pos is None and former is not None:
        typed = setting_value(doc, former.key)
        return fields.setting(key).default if parse.is_blank(typed) else typed
    if pos is None:
        return fields.setting(key).default
    value = doc.frame("Settings")["value"].iloc[pos]
    return fields.setting(key).default if parse.is_blank(value) else value


def read_setting_value(doc: ProjectDocument, key: str) -> object:
    """`key`'s value as the planner reads it (`30` is 30%, `có` is yes), by the validator's
    own reader; its default when the cell cannot be read (check names the cell)."""
    typed = setting_value(doc, key)
    if parse.is_blank(typed):
        return fields.setting(key).default
    try:
        return read_setting(fields.setting(key), typed)[0]
    except parse.ParseError:
        return fields.setting(key).default


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
