"""Screen, workbook and paper show one report: a plan made in the window, then its Plan page
(the table models), its plan workbook read back with openpyxl and its PDF read back with
pdftotext carry the same headline figures and the same phase tables."""

from __future__ import annotations

import copy
import re

import openpyxl
import pytest

from planner.report import fmt
from planner.report.labels import label
from planner.report.tables import SUMMARY_LABELS, format_value
from tests.ui.conftest import SMALL, export_plan, open_and_wait, write_book
from tests.ui.test_printing import flat, pages_text

HEADLINE = ("total_cost", "do_nothing_cost", "material_cost", "one_time_cost", "tariff_cost")


@pytest.fixture
def switching_path(tmp_path):
    """The small factory with local quotes cheap enough that the plan onboards a supplier,
    qualifies a part and ramps it up: every kind of phase row."""
    sheets = copy.deepcopy(SMALL)
    sheets["Offers"][1][2], sheets["Offers"][1][5] = 3.9, 500  # PCB-01 at BN-PCB
    sheets["Offers"][2][2], sheets["Offers"][2][5] = 0.9, 800  # HSG-01 at HP-PLA
    sheets["Suppliers"][4][4], sheets["Suppliers"][5][4] = 1000, 700  # onboarding
    return write_book(sheets, tmp_path / "switching.xlsx")


def _screen_rows(model) -> list[list[str]]:
    return [[model.text(i, j) for j in range(model.columnCount())] for i in range(model.rowCount())]


def _sheet_rows(ws) -> list[list[object]]:
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_screen_workbook_and_paper_show_the_same_plan(qtbot, window, switching_path, tmp_path):
    open_and_wait(qtbot, window, switching_path)
    with qtbot.waitSignal(window.plan_finished, timeout=120_000) as planned:
        window.actions.plan.trigger()
    plan = planned.args[0]
    assert plan.has_plan and set(plan.actions["kind"]) == {"onboard", "start_qualification", "ramp"}
    xlsx, pdf = export_plan(qtbot, window, tmp_path / "out")

    screen = window.plan_panel
    book = openpyxl.load_workbook(xlsx)
    pages = pages_text(pdf)
    cover = flat(" ".join(pages[:2]))  # the sign-off page, then the figures

    # the headline figures: the screen's text, the workbook's number, the cover's line
    shown = dict(_screen_rows(screen.summary.model))
    stored = {row[0]: row[1] for row in _sheet_rows(book[label("sheet_summary")])}
    for key in HEADLINE:
        item = SUMMARY_LABELS[key][0]
        assert shown[item] == fmt.money(stored[item]), item
        assert f"{item} {shown[item]}" in cover, item
    assert fmt.money(plan.total_cost) in screen.headline.text()

    # the phase table: row by row the same on screen and in the workbook...
    model = screen.phases.model
    columns = model.table.columns
    on_screen = _screen_rows(model)
    in_book = _sheet_rows(book[label("sheet_phases")])
    assert len(on_screen) == len(in_book) == len(plan.actions)
    for shown_row, stored_row in zip(on_screen, in_book, strict=True):
        as_stored = [
            format_value(v, c.kind) if v is not None else ""
            for v, c in zip(stored_row, columns, strict=True)
        ]
        assert shown_row == as_stored

    # ...and on paper, each action in its phase's section, on one line of its table
    project = window.planning.project
    headings = {f"{label('phase')} {n} · {p}": p for n, p in enumerate(project.periods, 1)}
    sections: dict[str, list[str]] = {}
    period = None
    for page in pages:
        for line in map(flat, page.splitlines()):
            period = next((p for h, p in headings.items() if line.startswith(h)), period)
            if period is not None:
                sections.setdefault(period, []).append(line)
            if line.startswith(label("gantt")):
                period = None
    for a in plan.actions.itertuples(index=False):
        if a.kind == "onboard":
            wanted = [a.supplier_id, fmt.money(a.one_time_cost)]
        elif a.kind == "start_qualification":
            wanted = [a.component_id, a.supplier_id, fmt.money(a.one_time_cost), a.ready_period]
        else:
            wanted = [a.component_id, a.supplier_id, fmt.pct(a.share_from), fmt.pct(a.share_to)]
        pattern = re.compile(r"\s.*".join(re.escape(str(w)) for w in wanted))
        assert any(pattern.search(line) for line in sections[a.period]), (a.period, wanted)
