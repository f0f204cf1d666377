"""The second red-team list in the app: the Scenarios sheet's problems are the document's, so
the Problems panel lists them with sheet, row and column, the Scenarios page shows the same
ones, and none stops planning the base (issue 25; S06/A02, S16)."""

from __future__ import annotations

import copy

from tests.ui.conftest import SMALL, open_and_wait, write_book


def _listed(view):
    model = view.problems_model
    return {(p.sheet, p.row, p.column) for p in model.problems}


def test_scenario_problems_show_in_the_problems_panel_and_on_the_scenarios_page(
    qtbot, window, tmp_path
):
    sheets = copy.deepcopy(SMALL)
    sheets["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column", "value"],
        ["base", "Periods", "2027-Q1", "budget", "1"],  # row 2: S06, A02
        ["typo", "Offers", "*/NOBODY", "lead_periods", "+1"],  # row 3: no such row
        ["pass 0", "Settings", "tariff_passthrough", "value", "0"],  # row 4: S08
    ]
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "bad.xlsx"))
    qtbot.waitUntil(lambda: window.validation.scenarios_current, timeout=60_000)
    expected = {
        ("Scenarios", 2, "scenario"),
        ("Scenarios", 3, "row_id"),
        ("Scenarios", 4, "row_id"),
    }
    assert expected <= _listed(window.problems)
    assert window.actions.plan.isEnabled()  # warnings: the base plans
    window.show_page_named("scenarios")
    page = window.stack.currentWidget()
    assert _listed(page.sheet.problems) == expected
    # an edit that mends a row: both lists follow, from the one check
    frame = window.doc.frame("Scenarios")
    from ui.commands import SetCells

    window.doc.undo.push(
        SetCells(window.doc, "Scenarios", [(0, "scenario", frame["scenario"].iloc[0], "low")], "x")
    )
    qtbot.waitUntil(
        lambda: (
            window.validation.scenarios_current
            and ("Scenarios", 2, "scenario") not in _listed(window.problems)
        ),
        timeout=60_000,
    )
    assert _listed(page.sheet.problems) == expected - {("Scenarios", 2, "scenario")}


def test_a_scenarios_sheet_without_its_value_header_never_stops_the_base(qtbot, window, tmp_path):
    """S16 in the app: the app adds the missing column, blank; its empty cell is a warning at
    the row, and Plan stays enabled."""
    sheets = copy.deepcopy(SMALL)
    sheets["Scenarios"] = [
        ["scenario", "sheet", "row_id", "column"],
        ["flat", "Tariffs", "", "rate"],
    ]
    window.run_dialog = lambda dialog: False  # the column dialog: left as it is
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "s16.xlsx"))
    qtbot.waitUntil(lambda: window.validation.scenarios_current, timeout=60_000)
    assert ("Scenarios", 2, "value") in _listed(window.problems)
    assert all(p.severity == "warning" for p in window.doc.scenario_problems)
    assert window.actions.plan.isEnabled()
