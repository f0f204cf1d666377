"""One validation, one verdict: every broken workbook the test suite builds is run through both
`locplan check` and the app, and they agree on whether it can be planned."""

from __future__ import annotations

import copy
import hashlib
import pickle
from pathlib import Path

from planner.io import load
from planner.io.guard import RefusedFile
from planner.io.read import load_cells
from tests.planner.conftest import SMALL, WRITTEN, write_book
from tests.planner.hostile import run_cli


def _catalogue(folder: Path) -> list[Path]:
    """The issue's broken workbooks, built here so that this test stands on its own too."""
    books = []

    def book(name: str, change) -> None:
        sheets = copy.deepcopy(SMALL)
        change(sheets)
        books.append(write_book(sheets, folder / f"{name}.xlsx"))

    def renamed_offers(s):  # neither its name nor its headers say what it is
        s["Sheet1"] = [["Code", "Who", "Cost"]] + [r[:3] for r in s.pop("Offers")[1:]]

    def offers_by_content(s):
        s["Quotes 2026"] = s.pop("Offers")

    def missing_column(s):
        s["Offers"][0][0] = "Ref"

    def doubtful_column(s):
        s["Offers"][0][3] = "Hàm lượng T.Q"

    def bad_cell(s):
        s["Offers"][1][2] = "four dollars"

    def no_periods(s):
        del s["Periods"]

    def empty_offers(s):
        s["Offers"] = s["Offers"][:1]

    for name, change in [
        ("renamed-offers", renamed_offers),
        ("offers-by-content", offers_by_content),
        ("missing-column", missing_column),
        ("doubtful-column", doubtful_column),
        ("bad-cell", bad_cell),
        ("no-periods", no_periods),
        ("empty-offers", empty_offers),
    ]:
        book(name, change)
    return books


def _app_verdict(qtbot, window, path: Path, grids) -> tuple[bool, str]:
    """Open the cells as the window does once its worker has read them (the column dialog, if
    it opens, is cancelled, as a user who does not know what to answer would)."""
    window.run_dialog = lambda dialog: False
    with qtbot.waitSignal(window.project_loaded, timeout=60_000):
        window.files.open_cells(path, grids)
    return window.actions.plan.isEnabled(), window.state_label.text()


def test_check_and_the_app_agree_on_every_workbook_the_tests_build(
    qtbot, window, tmp_path, monkeypatch
):
    # the workbooks are the suite's own: read in this process, not one sandbox per file
    monkeypatch.setattr(load, "run_isolated", lambda func, *args, **_limits: func(*args))
    paths = _catalogue(tmp_path) + [p for p in WRITTEN if p.suffix in (".xlsx", ".xls", ".ods")]
    seen: set[str] = set()
    compared = 0
    for path in paths:
        if not path.is_file():
            continue
        try:
            grids = load_cells(path)
        except RefusedFile:
            code, out, err = run_cli(["check", str(path)])
            assert code == 1 and (out or err), path  # both refuse, each with the sentence
            continue
        digest = hashlib.sha256(pickle.dumps([(t, list(g)) for t, g in grids])).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        code, out, _ = run_cli(["check", str(path)])
        can_plan, state = _app_verdict(qtbot, window, path, grids)
        assert (code == 0) == can_plan, (path, out, state)
        assert ("Ready to plan" in state) == (code == 0), (path, out, state)
        compared += 1
        window.doc.undo.setClean()
    assert compared >= 7
