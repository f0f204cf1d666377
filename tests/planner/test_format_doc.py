"""docs/format.md describes the workbook the code reads (red-team Z01): every sheet, column and
setting of planner/schema.py is listed with its type, whether it is required, its fixed
choices and its true default; a column or setting added to the schema fails here until the
page says what it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner import format_doc, schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"
KIND_WORDS = {
    schema.TEXT: "text",
    schema.NUMBER: "number",
    schema.INTEGER: "integer",
    schema.SHARE: "share",
    schema.BOOL: "yes/no",
    schema.COUNTRY: "country",
    schema.PERIOD: "period",
}


def _tables() -> dict[str, list[dict[str, str]]]:
    """Each '### Sheet' section's table, as rows keyed by the table's own headers."""
    out: dict[str, list[dict[str, str]]] = {}
    section = None
    header: list[str] | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            section, header = line[4:].split(":")[0].split(" (")[0].strip(), None
            continue
        if section is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set(line) <= set("|- "):
            assert len(cells) == len(header), f"{section}: {line}"
            out.setdefault(section, []).append(dict(zip(header, cells, strict=True)))
    return out


def _choices(text: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", text))


def _check_type(where: str, kind: str, choices: tuple[str, ...], typed: str) -> None:
    if kind == schema.CHOICE:
        assert _choices(typed) == set(choices), f"{where}: {typed!r} lists {choices}"
    else:
        assert typed.startswith(KIND_WORDS[kind]), f"{where}: {typed!r} is not {kind}"


@pytest.mark.parametrize("sheet", [s for s in schema.SHEETS if s.name != "Settings"], ids=str)
def test_every_column_is_listed_with_its_type_and_default(sheet):
    rows = _tables().get(sheet.name)
    assert rows, f"docs/format.md has no '### {sheet.name}' table"
    listed = {r["column"].replace("\\*", "*"): r for r in rows}
    assert [n.rstrip("*") for n in listed] == sheet.column_names, "listed in schema order"
    for col in sheet.columns:
        row = listed.get(col.label)
        assert row is not None, f"{sheet.name}.{col.name}: listed as {col.label!r}"
        _check_type(f"{sheet.name}.{col.name}", col.kind, col.choices, row["type"])
        if col.default is not None and "default" in row:
            assert row["default"] == format_doc.shown(col.default), f"{sheet.name}.{col.name}"


def test_every_setting_is_listed_with_its_type_and_true_default():
    rows = {r["key"]: r for r in _tables()["Settings"]}
    assert list(rows) == [s.key for s in schema.SETTING_SPECS], "listed in schema order"
    for spec in schema.SETTING_SPECS:
        row = rows[spec.key]
        _check_type(f"Settings {spec.key}", spec.kind, spec.choices, row["type"])
        assert row["default"] == format_doc.shown(spec.default), spec.key


def test_the_generated_parts_of_the_page_are_fresh():
    """Every sheet's table and the Settings table are written from planner.schema and the
    field registry (python -m planner.format_doc): a column or setting added, retitled or
    given another default fails here until the page is written again."""
    page = DOC.read_text(encoding="utf-8")
    assert format_doc.render(page) == page, "run: python -m planner.format_doc"
