"""One formula guard for every cell this app writes (issue 25, item 2; red-team F01, F06).

The project below holds formula-like text in every text field the reader accepts: every text
and period column of every sheet in planner/schema.py, every text setting, the scenario names
and an extra column of notes. It is planned, and every workbook written from it (the plan
workbook with its Comparison sheet, from the cells or from the typed tables; Save; the
project as typed; `locplan plan -o`) is opened with openpyxl: no cell is a formula, and the
text typed is shown as typed, with no apostrophe in sight.
"""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest

from planner import schema
from planner.io.read import read_project
from planner.io.write import looks_like_formula, set_cell, write_raw, write_typed
from planner.optimise import plan_project
from planner.report.workbook import write_plan_workbook
from planner.scenarios import compare, plan_scenarios, scenario_names
from planner.scenarios.view import build_view
from planner.text import visible_controls
from planner.validate import validate
from tests.planner.conftest import SMALL, write_book
from tests.planner.hostile import live_formulas, run_cli

PREFIXES = ("", "\t", "\r", "\n", "  ")
FORMS = ("=1+{n}", '=HYPERLINK("http://x.example","x{n}")', "+{n}", "-1+{n}", "@SUM(A{n})")
TEXT_KINDS = (schema.TEXT, schema.PERIOD)
NOTES = "Notes"  # a column the planner does not use: kept and written back


def payload(n: int) -> str:
    """The n-th formula-like text: every form after every prefix within the first 25, each
    one distinct (ids stay unique once trimmed)."""
    return PREFIXES[n % len(PREFIXES)] + FORMS[(n // len(PREFIXES)) % len(FORMS)].format(n=n + 1)


def text_fields() -> list[tuple[str, str]]:
    """(sheet, column) of every text the reader accepts, from the schema."""
    return [(s.name, c.name) for s in schema.SHEETS for c in s.columns if c.kind in TEXT_KINDS]


def text_settings() -> list[str]:
    return [s.key for s in schema.SETTING_SPECS if s.kind == schema.TEXT]


def _vocabulary() -> set[str]:
    """Names the reader interprets (sheets, columns, settings): they stay as they are."""
    names = {s.name for s in schema.SHEETS}
    names |= {c.name for s in schema.SHEETS for c in s.columns}
    return names | {s.key for s in schema.SETTING_SPECS}


def _referenced(col: schema.Column) -> tuple[str, str] | None:
    """The sheet and column a column refers to: a period to Periods, product_id to Products."""
    if col.kind == schema.PERIOD:
        return "Periods", "period"
    for sheet in schema.SHEETS:
        if sheet.key == (col.name,):
            return sheet.name, col.name
    return None


def _add_column(tables, sheet: schema.Sheet, col: schema.Column) -> None:
    """A text column the small project lacks: free text in every row, or, for a reference to
    another sheet, copies of the rows that refer to its first row (a tariff schedule of one
    product, from the first period)."""
    rows = tables[sheet.name]
    rows[0].append(col.name)
    target = _referenced(col)
    if target is None:
        for row in rows[1:]:
            row.append(f"{sheet.name} {col.name} {len(row)}")
        return
    first = tables[target[0]][1][tables[target[0]][0].index(target[1])]
    copies = [[*row, first] for row in rows[1:]]
    for row in rows[1:]:
        row.append(None)
    rows.extend(copies)


def payload_tables() -> dict[str, list[list[object]]]:
    tables = copy.deepcopy(SMALL)
    periods = [r[0] for r in tables["Periods"][1:]]
    tables["Volumes"] = [["product_id", "period", "units"]] + [
        [p[0], period, 1000] for p in tables["Products"][1:] for period in periods
    ]
    tables["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["cheap tariff", "Tariffs", None, "rate", 0.1],  # a number: the scenario stands
        ["a broken one", "no such sheet", "no such row", "no such column", "no value"],
    ]
    # an event of the plan as it ran (its value is not used by the event: a warning)
    tables["Actuals"] = [
        ["period", "event", "component_id", "supplier_id", "value", "note"],
        ["2027-Q1", "qualification_started", "PCB-01", "BN-PCB", "n/a", "samples sent"],
    ]
    listed = {r[0] for r in tables["Settings"][1:]}
    tables["Settings"] += [[key, f"the {key}"] for key in text_settings() if key not in listed]
    tables["Settings"].append(["a setting of our own", "its value"])  # unknown: warned
    for sheet in schema.SHEETS:
        for col in sheet.columns:
            if col.kind in TEXT_KINDS and col.name not in tables[sheet.name][0]:
                _add_column(tables, sheet, col)
        tables[sheet.name][0].append(NOTES)
        for k, row in enumerate(tables[sheet.name][1:]):
            row.append(f"note {sheet.name} {k}")
    # every text of a text column becomes a formula-like text, the same one wherever it is
    keep, renames = _vocabulary(), {}
    kinds = {s.key: s.kind for s in schema.SETTING_SPECS}
    for sheet in schema.SHEETS:
        header = tables[sheet.name][0]
        columns = [c.name for c in sheet.columns if c.kind in TEXT_KINDS] + [NOTES]
        for row in tables[sheet.name][1:]:
            for name in columns:
                j = header.index(name)
                setting = sheet.name == "Settings" and name == "value"
                if setting and kinds.get(row[0], schema.TEXT) != schema.TEXT:
                    continue  # a number or a choice, not text
                value = row[j]
                if isinstance(value, str) and value not in keep:
                    row[j] = renames.setdefault(value, payload(len(renames)))
    return tables


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    out = tmp_path_factory.mktemp("guard")
    tables = payload_tables()
    book = write_book(tables, out / "payload.xlsx")
    raw = read_project(book)
    result = validate(raw)
    assert result.ok, [p.format() for p in result.errors]
    plan = plan_project(result.project, time_limit_s=10)
    names = scenario_names(raw)
    comparison = build_view(compare(plan_scenarios(raw, names, time_limit=5)), "en")
    written = {
        "plan from the cells": out / "plan.xlsx",
        "plan from the typed tables": out / "plan_typed.xlsx",
        "saved": out / "saved.xlsx",
        "typed": out / "typed.xlsx",
        "locplan plan -o": out / "cli.xlsx",
    }
    write_plan_workbook(
        result.project, plan, written["plan from the cells"], raw=raw, comparison=comparison
    )
    write_plan_workbook(result.project, plan, written["plan from the typed tables"], lang="vi")
    write_raw(raw, written["saved"])
    write_typed(result.project, written["typed"])
    code, _, err = run_cli(["plan", str(book), "-o", str(written["locplan plan -o"])])
    assert code == 0, err
    planned_texts = {
        v for frame in result.project.tables.values() for v in frame.to_numpy().ravel()
    } | {getattr(result.project.settings, key) for key in text_settings()}
    return tables, raw, names, written, planned_texts


def _typed(tables) -> list[str]:
    return sorted(
        {v for rows in tables.values() for row in rows for v in row if isinstance(v, str)}
        & {payload(n) for n in range(200)}
    )


def test_the_project_holds_a_formula_like_text_in_every_text_field(planned):
    tables, raw, names, _, _ = planned
    for sheet, column in text_fields():
        cells = [str(v) for v in raw.sheets[sheet][column] if isinstance(v, str)]
        assert any(looks_like_formula(v) for v in cells), (sheet, column)
    settings = dict(
        zip(raw.sheets["Settings"]["key"], raw.sheets["Settings"]["value"], strict=True)
    )
    assert all(looks_like_formula(settings[key]) for key in text_settings())
    assert sum(looks_like_formula(n) for n in names) >= 2  # scenario names
    typed = _typed(tables)
    assert {payload(n) for n in range(len(PREFIXES) * len(FORMS))} <= set(typed)


def _cells(path: Path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def _as_shown(text: str) -> str:
    """What a workbook shows of a typed text: XML reads a carriage return as a line feed
    (Excel shows both as a line break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(
    "output",
    ["plan from the cells", "plan from the typed tables", "saved", "typed", "locplan plan -o"],
)
def test_no_cell_of_any_output_is_a_formula_and_the_text_is_shown_as_typed(planned, output):
    tables, _, names, written, planned_texts = planned
    path = written[output]
    assert live_formulas(path) == []
    cells = list(_cells(path))
    assert not [f"{s}!{c.coordinate}" for s, c in cells if c.data_type == "f"]
    texts = [c for _, c in cells if isinstance(c.value, str)]
    assert not [c.value for c in texts if c.value.startswith("'")]  # no apostrophe shown
    unguarded = [c.value for c in texts if looks_like_formula(c.value) and not c.quotePrefix]
    assert unguarded == []
    shown = {c.value for c in texts}
    from_cells = output in ("plan from the cells", "saved", "locplan plan -o")
    for text in _typed(tables):  # as typed in the input sheets
        if from_cells:
            assert _as_shown(text) in shown, repr(text)
        elif text.strip() in planned_texts:  # trimmed, as planned
            assert text.strip() in shown, repr(text)
    if output == "plan from the cells":
        assert {_as_shown(n) for n in names if n != "base"} <= shown  # the Comparison sheet


def test_control_characters_are_written_as_symbols_never_a_crash(tmp_path):
    """F06: a vertical tab, BEL or ESC (any C0 control but tab, LF and CR) cannot be stored
    in a workbook; every cell shows it as its symbol, headers too."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for j, text in enumerate(["Main\x0bboard\x07bell", "\x1b[2J=1+1", "a\x00b\ufffe", "ok"], 1):
        set_cell(ws, 1, j, text)
    path = tmp_path / "controls.xlsx"
    wb.save(path)
    row = [c.value for c in openpyxl.load_workbook(path).active[1]]
    assert row == ["Main\u240bboard\u2407bell", "\u241b[2J=1+1", "a\u2400b\ufffd", "ok"]
    assert visible_controls("tab\tline\nreturn\r") == "tab\tline\nreturn\r"


def test_control_characters_are_warned_at_their_cells_and_planned(tmp_path):
    """F06: `check` names the cell (sheet, row, column) of a vertical tab or BEL in a CSV
    description and of an ESC in a header; `plan -o` writes the workbook."""
    from tests.planner.hostile import write_csvs

    tables = copy.deepcopy(SMALL)
    tables["Components"][1][1] = "Main\x0bboard\x07bell"
    tables["Suppliers"][0].append("Notes\x1b[31m")
    tables["Products"][0][2] = "fob\x0bprice"  # still read as fob_price
    for row in tables["Suppliers"][1:]:
        row.append("")
    folder = write_csvs(tmp_path / "f06", tables)
    code, out, _ = run_cli(["check", str(folder)])
    assert code == 0
    assert (
        "warning: Components, row 2, column description: 'Main\u240bboard\u2407bell' holds a "
        "control character (U+000B, U+0007)"
    ) in out
    assert "warning: Suppliers, row 1, column Notes\u241b[31m:" in out
    assert "warning: Products, row 1, column fob\u240bprice: 'fob\u240bprice' holds" in out
    assert "\x1b" not in out and "\x0b" not in out
    code, _, err = run_cli(["plan", str(folder), "-o", str(tmp_path / "plan.xlsx")])
    assert code == 0, err
    ws = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Components"]
    assert ws["B2"].value == "Main\u240bboard\u2407bell"
