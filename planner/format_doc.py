"""The parts of docs/format.md that the field registry states: written from planner.fields, so
the page and the reader cannot disagree (a test holds the page to this output).

    python -m planner.format_doc      # rewrites the generated parts of docs/format.md
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from planner import fields, schema

DOC = Path(__file__).resolve().parents[1] / "docs" / "format.md"
BEGIN, END = "<!-- generated: {0} (python -m planner.format_doc) -->", "<!-- end: {0} -->"


def _listed(items: list[str]) -> str:
    quoted = [f"`{x}`" for x in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def kind_text(f: fields.Field) -> str:
    """A field's type as the page states it: `share, at most 0.5`, `number 1..86400`."""
    if f.kind == fields.CHOICE:
        return _listed(list(f.choices))
    word = {fields.BOOL: "yes/no"}.get(f.kind, f.kind)
    if f.kind == fields.SHARE:
        return word + (
            f", at most {f.maximum:g}" if f.maximum is not None and f.maximum < 1 else ""
        )
    if f.kind == fields.NUMBER and f.minimum is not None:
        if f.maximum is not None:
            return f"{word} {f.minimum:g}..{f.maximum:g}"
        return f"{word} >= {f.minimum:g}"
    return word


def column_kind_text(col: schema.Column) -> str:
    """A column's type as the page states it: `number > 0`, `share, 0 to 10 (1000%)`."""
    if col.kind == fields.CHOICE:
        return _listed(list(col.choices))
    word = {fields.BOOL: "yes/no"}.get(col.kind, col.kind)
    if col.kind == fields.SHARE:
        if col.maximum is not None and col.maximum > 1:
            return f"share, 0 to {col.maximum:g} ({100 * col.maximum:g}%)"
        return word + (" > 0" if col.min_exclusive else "")
    if col.kind in (fields.NUMBER, fields.INTEGER) and col.minimum is not None:
        return f"{word} {'>' if col.min_exclusive else '>='} {col.minimum:g}"
    return word


def column_table(sheet: schema.Sheet) -> str:
    lines = ["| column | type | default | meaning |", "|---|---|---|---|"]
    for col in sheet.columns:
        name = col.name + ("\\*" if col.required else "")
        default = col.default_text or ("" if col.default is None else shown(col.default))
        meaning = col.doc or _fragment(col.help_en)
        lines.append(f"| {name} | {column_kind_text(col)} | {default} | {meaning} |")
    return "\n".join(line.replace("|  |", "| |") for line in lines)


def _fragment(sentence: str) -> str:
    """A help sentence as a table cell: no full stop, a capital kept only on an acronym
    (`HS code`, `FOB price`)."""
    text = sentence.rstrip(".")
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def shown(value: object) -> str:
    """A default as the page states it."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value) if value != "" else "blank"


def settings_table() -> str:
    lines = [
        "| key | also written | type | default | meaning |",
        "|---|---|---|---|---|",
    ]
    for f in fields.SETTINGS:
        also = "; ".join(dict.fromkeys(s for s in (f.title.en, f.title.vi, *f.synonyms)))
        unit = f" (unit: {fields.UNIT_TITLES[f.unit].en})" if f.unit else ""
        lines.append(
            f"| {f.key} | {also} | {kind_text(f)} | {shown(f.default)} | {f.help.en}{unit} |"
        )
    return "\n".join(lines)


PARTS: dict[str, Callable[[], str]] = {
    **{
        sheet.name.lower(): partial(column_table, sheet)
        for sheet in schema.SHEETS
        if sheet.name != "Settings"
    },
    "settings": settings_table,
}


def render(page: str) -> str:
    """`page` with each generated part written afresh (the text around them is kept)."""
    for name, build in PARTS.items():
        begin, end = BEGIN.format(name), END.format(name)
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
        if not pattern.search(page):
            raise ValueError(f"docs/format.md has no '{begin}' ... '{end}' part")
        fresh = f"{begin}\n{build()}\n{end}".replace("\\", "\\\\")  # a template for sub
        page = pattern.sub(fresh, page)
    return page


def main() -> int:
    page = DOC.read_text(encoding="utf-8")
    fresh = render(page)
    if fresh != page:
        DOC.write_text(fresh, encoding="utf-8")
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
