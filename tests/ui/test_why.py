"""The reasons why, everywhere a user looks: a plan made in the window shows on its Why tab a
reason per qualification and what each binding limit is worth; the plan workbook has a Why
sheet with the same sentences; the printed plan opens with the decision in plain words and
gives each switch its reason in its phase. The convergence chart fills from the planner's
progress reports while it plans."""

from __future__ import annotations

import subprocess

import openpyxl
import pytest

from planner.plan import ProgressEvent
from planner.report.labels import label
from tests.ui.conftest import export_plan, open_and_wait
from tests.ui.test_agreement import switching_path  # noqa: F401  (a fixture)
from tests.ui.test_printing import _poppler, flat, letters, pages_text


def _column(model, header: str) -> list[str]:
    j = next(j for j in range(model.columnCount()) if model.table.columns[j].label == header)
    return [model.text(i, j) for i in range(model.rowCount())]


def _raw_text(path) -> str:
    """The PDF's text in reading order (a wrapped cell's lines follow each other)."""
    _poppler()
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return letters(out.stdout)


def test_why_on_screen_in_the_workbook_and_on_paper(qtbot, window, switching_path, tmp_path):  # noqa: F811
    open_and_wait(qtbot, window, switching_path)
    with qtbot.waitSignal(window.plan_finished, timeout=120_000) as planned:
        window.actions.plan.trigger()
    plan = planned.args[0]
    assert plan.has_plan and len(plan.reasons) >= 1
    started = plan.actions[plan.actions["kind"] == "start_qualification"]
    assert len(plan.reasons) == len(started)  # a reason per qualification
    assert set(plan.reasons["needed_for"]) <= {"cap", "tariff", "origin", "price", "new_part", ""}

    # the headline says the Vietnamese share of spend and the pass-through used
    head = window.plan_panel.headline.text()
    assert "Vietnamese share of spend" in head and "of the US duty" in head

    # the Why tab: a row per switch with its sentence; the filter finds one part
    window.show_page_named("why")
    panel = window.plan_panel
    assert panel.tabs.currentWidget().isAncestorOf(panel.why)
    qtbot.waitUntil(lambda: panel.why.model.rowCount() == len(plan.reasons), timeout=10_000)
    shown = _column(panel.why.model, label("reason"))
    assert sorted(shown) == sorted(plan.reasons["reason_en"])
    assert panel.limits.model.rowCount() == len(plan.limits)
    part = plan.reasons["component_id"].iloc[0]
    panel.why.filter.setText(part)
    assert panel.why.model.rowCount() == (plan.reasons["component_id"] == part).sum()
    panel.why.filter.clear()

    xlsx, pdf = export_plan(qtbot, window, tmp_path / "out")

    # the workbook's Why sheet: the same sentences under the same header
    ws = openpyxl.load_workbook(xlsx)[label("sheet_why")]
    rows = list(ws.iter_rows(values_only=True))
    j = list(rows[0]).index(label("reason"))
    assert sorted(r[j] for r in rows[1:]) == sorted(plan.reasons["reason_en"])
    assert label("sheet_limits") in openpyxl.load_workbook(xlsx, read_only=True).sheetnames

    # paper: the decision first, then each switch with its reason in its phase
    report = window.planning.report
    cover = flat(pages_text(pdf)[0])
    assert label("decision") in cover
    assert report.decision and report.decision[0][:60] in cover
    text = _raw_text(pdf)
    assert letters(label("starts")) in text
    for reason in plan.reasons["reason_en"]:
        assert letters(reason) in text, reason
    assert letters(label("appendix")) in text


def test_convergence_fills_from_progress_before_the_plan_lands(qtbot, window):
    """Synthetic progress into the controller: points appear while 'planning', and stay."""
    panel, controller = window.plan_panel, window.planning
    window.show_page(window.PLAN)
    panel.start_progress(30.0)
    assert panel.convergence.isVisible() and not panel.convergence.chart.has_points
    assert panel.headline.text() == "Planning…"
    controller.worker = object()  # as while a plan runs: progress is shown
    try:
        controller._on_progress(ProgressEvent(0.4, objective=1200.0, phase="first plan"))
        controller._on_progress(ProgressEvent(1.0, message="improving"))  # no figure: no point
        controller._on_progress(ProgressEvent(2.5, objective=1100.0, bound=900.0, gap=0.18))
        controller._on_progress(ProgressEvent(6.0, objective=1050.0, bound=1000.0, gap=0.05))
    finally:
        controller.worker = None
    points = panel.convergence.chart.points
    assert [p.elapsed_s for p in points] == [0.4, 2.5, 6.0]
    assert [p.best for p in points] == [1200.0, 1100.0, 1050.0]
    assert [p.bound for p in points] == [None, 900.0, 1000.0]
    image = panel.convergence.grab()  # it paints (offscreen) without error
    assert not image.isNull()
    controller._on_progress(ProgressEvent(7.0, objective=1000.0))  # after the plan: ignored
    assert len(panel.convergence.chart.points) == 3


@pytest.mark.parametrize("lang", ["vi"])
def test_convergence_words_follow_the_language(qtbot, window, lang):
    from ui import i18n

    panel = window.plan_panel
    panel.start_progress(10.0)
    panel.add_progress(ProgressEvent(1.0, objective=5.0, bound=4.0))
    i18n.set_language(lang, remember=False)
    window.retranslate()
    chart = panel.convergence.chart
    assert chart.title == label("convergence", lang) and len(chart.points) == 1
