"""Planning from the window: progress, cancel keeping the best plan, the plan views, exports,
an infeasible project explained, and the language switch."""

from __future__ import annotations

import copy
import dataclasses

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from planner.generate import generate_project
from planner.io.write import write_typed
from planner.validate import check_file
from tests.ui.conftest import SMALL, open_and_wait, write_book
from ui import dialogs


def plan_and_wait(qtbot, win, timeout_s=120):
    with qtbot.waitSignal(win.plan_finished, timeout=timeout_s * 1000) as blocker:
        win.actions.plan.trigger()  # the wait is armed before the worker starts
    return blocker.args[0]


def test_plan_shows_the_checked_plan_and_exports(qtbot, window, small_path, tmp_path, monkeypatch):
    open_and_wait(qtbot, window, small_path)
    plan = plan_and_wait(qtbot, window)
    assert plan.has_plan and plan.verified
    panel = window.plan_panel
    assert window.stack.currentWidget() is window.plan_page  # the panel under its banner
    assert panel.tabs.isEnabled()
    headline = panel.headline.text()
    assert "Small test plan" in headline and "checked independently" in headline
    summary = panel.summary.model
    items = {
        summary.index(i, 0).data(): summary.index(i, 1).data() for i in range(summary.rowCount())
    }
    assert items["Total cost of the plan"] == f"${plan.total_cost:,.0f}"
    allocation = panel.allocation.model
    assert allocation.rowCount() == len(plan.allocation)
    assert panel.gantt.has_data() and panel.chart.has_data()

    # Ctrl+A, Ctrl+C on the allocation: headers and every row, as Excel pastes them
    table = panel.allocation.view
    table.selectAll()
    qtbot.keyClick(table, Qt.Key_C, Qt.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 1 + len(plan.allocation)
    assert lines[0].split("\t")[0] == allocation.headerData(0, Qt.Horizontal).replace("\n", " ")
    assert lines[1].split("\t")[0] == table.model().index(0, 0).data()
    assert window.actions.export_excel.isEnabled() and window.actions.export_pdf.isEnabled()

    out = tmp_path / "plan.xlsx"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(out))
    with qtbot.waitSignal(window.exports.finished, timeout=120_000) as written:
        window.actions.export_excel.trigger()  # written in a worker
    assert written.args == [out, True]
    reopened = check_file(out)
    assert reopened.ok and len(reopened.project["Components"]) == 3
    assert "Plan summary" in openpyxl.load_workbook(out, read_only=True).sheetnames


def test_vnd_display_uses_the_exchange_rate(qtbot, window, tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Settings"].append(["fx_vnd_per_usd", 25000])
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "fx.xlsx"))
    plan = plan_and_wait(qtbot, window)
    window.actions.show_vnd.trigger()
    summary = window.plan_panel.summary.model
    total = next(
        summary.index(i, 1).data()
        for i in range(summary.rowCount())
        if summary.index(i, 0).data() == "Total cost of the plan"
    )
    assert total == f"{plan.total_cost * 25000:,.0f} VND"  # English separators


def test_infeasible_is_explained(qtbot, window, tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Periods"][1][3] = 0.01  # a 1% cap in the first quarter: impossible
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "tight.xlsx"))
    plan = plan_and_wait(qtbot, window)
    assert not plan.has_plan
    panel = window.plan_panel
    assert "No plan meets these limits" in panel.headline.text()
    assert "2027-Q1" in panel.explanation.text() and "cap cannot be met" in panel.explanation.text()
    assert not window.actions.export_excel.isEnabled()


@pytest.fixture
def slow_project(tmp_path):
    """The smallest generated factory the solver does not finish within its limit."""
    project = generate_project(120, seed=3)
    project = dataclasses.replace(
        project, settings=dataclasses.replace(project.settings, time_limit_s=30)
    )
    path = tmp_path / "slow.xlsx"
    write_typed(project, path)
    return path


def test_progress_and_cancel_keep_the_best_plan(qtbot, window, slow_project):
    open_and_wait(qtbot, window, slow_project)
    assert window.doc.can_plan
    events = []
    progress = window.plan_status.progress
    with qtbot.waitSignal(window.plan_finished, timeout=120_000) as finished:
        window.actions.plan.trigger()
        window.planning.worker.progress.connect(events.append)
        assert window.planning.running and window.actions.cancel.isEnabled()
        assert progress.isVisible()
        qtbot.waitUntil(lambda: progress.value() > 0, timeout=60_000)  # the window ticks on
        qtbot.waitUntil(lambda: bool(events), timeout=60_000)
        window.actions.cancel.trigger()
    plan = finished.args[0]
    assert plan.has_plan and plan.verified
    text = window.plan_status.text.text()
    assert "best" in text or "Planned" in text
    assert not progress.isVisible() and not window.actions.cancel.isEnabled()
    assert window.plan_panel.tabs.isEnabled()


def test_opening_another_project_drops_the_running_plan(qtbot, window, slow_project, small_path):
    """A plan still running for the project being replaced is stopped, and its result never
    lands on the project opened instead."""
    open_and_wait(qtbot, window, slow_project)
    events = []
    window.actions.plan.trigger()
    old = window.planning.worker
    old.progress.connect(events.append)
    qtbot.waitUntil(lambda: bool(events), timeout=60_000)
    finished = []
    window.plan_finished.connect(finished.append)
    open_and_wait(qtbot, window, small_path)
    assert not window.planning.running and window.plan_status.progress.isHidden()
    # it was told to stop, and it did: its end has been handled
    qtbot.waitUntil(lambda: window.planning.stopping == 0, timeout=60_000)
    assert finished == [] and window.planning.plan is None  # its plan was dropped
    assert not window.plan_panel.tabs.isEnabled()
    assert window.actions.plan.isEnabled()


def test_language_switch_is_complete_and_remembered(qtbot, window, small_path):
    from PySide6.QtCore import QSettings

    open_and_wait(qtbot, window, small_path)
    model = window.panels["Components"].table.sheet_model
    model.setData(model.index(0, 1), "Bo mạch")
    window.actions.language_vi.trigger()
    assert QSettings().value("language") == "vi"
    assert window.actions.menu_file.title() == "&Tệp"
    assert window.nav.item(0).text() == "Linh kiện (3)"
    assert window.actions.undo.text().startswith("Hoàn tác")
    assert model.headerData(0, Qt.Horizontal) == "Linh kiện *"
    assert window.actions.plan.iconText() == "Lập kế hoạch"
    plan = plan_and_wait(qtbot, window)
    assert plan.has_plan
    assert window.plan_panel.tabs.tabText(0) == "Tóm tắt"
    summary = window.plan_panel.summary.model
    assert summary.index(0, 0).data() == "Kế hoạch"
    window.actions.language_en.trigger()
    assert window.actions.menu_file.title() == "&File"
    assert window.plan_panel.tabs.tabText(0) == "Summary"
