"""The app's side of a trustworthy import and a good first hour: the column dialog opens where it
is needed, old formats open, the plan is never stale, a new project starts calmly."""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument

from planner.problems import ERROR
from tests.planner.conftest import SMALL, write_book
from tests.planner.test_formats import write_ods, write_xls
from tests.ui.conftest import close_quietly, open_and_wait
from tests.ui.test_planning import plan_and_wait
from ui import dialogs, i18n
from ui.guide import guide_path
from ui.main_window import MainWindow, dropped_project


def _dialogs_seen(window) -> list:
    seen: list = []

    def run(dialog) -> bool:
        seen.append(dialog)
        return False  # cancelled: the file opens as it was read

    window.run_dialog = run
    return seen


def test_a_renamed_offers_sheet_is_never_ready_to_plan(qtbot, window, tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Sheet1"] = [["Code", "Who", "Cost"]] + [r[:3] for r in sheets.pop("Offers")[1:]]
    seen = _dialogs_seen(window)
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "renamed.xlsx"))
    (dialog,) = seen
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Sheet1"
    assert not window.actions.plan.isEnabled()
    assert "Ready to plan" not in window.state_label.text()
    (error,) = [p for p in window.doc.problems if p.severity == ERROR]
    assert error.code == "missing_sheet" and "'Sheet1'" in error.message.en


def test_a_column_that_looks_like_a_field_opens_the_dialog_on_its_sheet(qtbot, window, tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Offers"][0][3] = "Hàm lượng T.Q"
    seen = _dialogs_seen(window)
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "doubt.xlsx"))
    (dialog,) = seen
    page = dialog.tabs.currentWidget()
    assert page.title == "Offers"
    assert dict(page.boxes)["Hàm lượng T.Q"].currentData() is None  # not yet matched
    assert window.actions.plan.isEnabled()  # a warning: it can still be planned


def test_the_answer_in_the_dialog_is_read_and_remembered(qtbot, window, tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Offers"][0][3] = "Hàm lượng T.Q"
    path = write_book(sheets, tmp_path / "answer.xlsx")

    def answer(dialog) -> bool:
        box = dict(dialog.tabs.currentWidget().boxes)["Hàm lượng T.Q"]
        box.setCurrentIndex(box.findData("china_share"))
        return True

    window.run_dialog = answer
    open_and_wait(qtbot, window, path)
    assert list(window.doc.frame("Offers")["china_share"]) == [0.4, None]
    window.run_dialog = _dialogs_seen(window).append  # a second dialog would be recorded
    window.doc.undo.setClean()
    seen = _dialogs_seen(window)
    open_and_wait(qtbot, window, path)
    assert seen == []  # the same layout: the remembered answer, no question


def test_xls_and_ods_open_and_save_as_a_new_xlsx(qtbot, window, tmp_path, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "save_path", lambda _p, _t, start, _f: asked.append(start) or "")
    for writer, suffix in ((write_xls, ".xls"), (write_ods, ".ods")):
        path = writer(copy.deepcopy(SMALL), tmp_path / f"old{suffix}")
        open_and_wait(qtbot, window, path)
        assert "Saving writes a project workbook (.xlsx)" in window.statusBar().currentMessage()
        assert window.actions.plan.isEnabled() and window.doc.path is None
        window.saves.save()
        assert asked.pop() == path.with_suffix(".xlsx").name  # a new .xlsx is proposed


def test_dropping_a_workbook_on_the_window_opens_it(qtbot, window, small_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(small_path))])
    event = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(window.project_loaded, timeout=60_000):
        window.dropEvent(event)
    assert window.doc.source == small_path
    two = QMimeData()
    two.setUrls([QUrl.fromLocalFile(str(small_path))] * 2)
    assert dropped_project(two) is None  # one project at a time


def test_an_edit_after_planning_marks_the_plan_out_of_date(qtbot, window, small_path, monkeypatch):
    open_and_wait(qtbot, window, small_path)
    plan_and_wait(qtbot, window)
    page = window.plan_page
    assert not page.stale and page.banner.isHidden()
    model = window.panels["Offers"].table.sheet_model
    model.setData(model.index(0, list(model.frame.columns).index("unit_price")), "5")
    assert page.stale and not page.banner.isHidden()
    assert "#A0A0A0" in page.panel.tabs.styleSheet()  # greyed
    asked = []

    def refuse(parent, title, text):
        asked.append(title)
        return False

    monkeypatch.setattr(dialogs, "ask_yes_no", refuse)
    window.exports.export_excel()  # refused before any file chooser opens
    assert asked == ["The plan is out of date"]
    window.actions.undo.trigger()  # back where it was planned: current again
    assert not page.stale
    window.actions.redo.trigger()
    assert page.stale
    plan_and_wait(qtbot, window)
    assert not page.stale and page.panel.tabs.styleSheet() == ""


def test_window_size_and_layout_are_remembered(qtbot, english):
    first = MainWindow()
    assert not first.restore_layout()  # nothing remembered yet
    first.show()
    first.resize(700, 500)
    first.splitter.setSizes([230, 470])
    size, nav = first.size(), first.splitter.sizes()[0]
    close_quietly(first)
    assert QSettings().value("window/geometry")
    second = MainWindow()
    assert second.restore_layout()
    second.show()
    assert second.size() == size
    assert second.splitter.sizes()[0] == nav
    close_quietly(second)


def test_a_new_project_starts_calmly_from_the_template(qtbot, window):
    window.actions.new.trigger()
    assert window.doc.is_empty and window.doc.path is None
    assert window.problems.problems_model.rowCount() == 0
    assert "A new project" in window.state_label.text()
    assert not window.actions.plan.isEnabled()
    assert set(window.doc.raw.sheets) >= {"Components", "Offers", "Periods", "Settings"}
    assert window.problems_dock.windowTitle() == "Problems: 0 errors, 0 warnings"


def test_the_guide_opens_in_the_apps_language_with_its_screenshots(qtbot, window):
    for lang, words in (("en", "user guide"), ("vi", "hướng dẫn sử dụng")):
        window.set_language(lang)
        seen = _dialogs_seen(window)
        window.actions.guide.trigger()
        (dialog,) = seen
        document = dialog.browser.document()
        assert words in document.toPlainText()
        shots = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide_path(lang).read_text("utf-8"))
        assert f"screenshots/components_{lang}_1366x768.png" in shots
        for shot in shots:  # every image of the guide is found where the dialog looks
            image = document.resource(QTextDocument.ImageResource, QUrl(shot))
            assert image is not None and not image.isNull(), shot
    window.set_language("en")


def test_the_sample_is_one_click_away(qtbot, window):
    with qtbot.waitSignal(window.project_loaded, timeout=60_000):
        window.state_label.linkActivated.emit("sample")
    assert window.doc.name == "vr_headset_bac_ninh.xlsx" and window.actions.plan.isEnabled()


def test_problem_counts_are_said_in_the_singular_too(qtbot, window, tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Offers"][1][2] = "four dollars"
    window.run_dialog = lambda d: False
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "one.xlsx"))
    assert window.problems_dock.windowTitle().startswith("Problems: 1 error,")


def test_input_tables_show_thousands_separators(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    model = window.panels["Suppliers"].table.sheet_model
    j = list(model.frame.columns).index("onboarding_cost")
    assert model.index(3, j).data() == "10,000"
    assert model.index(3, j).data(Qt.EditRole) == "10000"  # edited as plain digits
    window.set_language("vi")
    assert model.index(3, j).data() == "10.000"
    window.set_language("en")


def test_tariff_box_shows_what_the_sheet_holds_and_fills_ask(
    qtbot, window, small_path, monkeypatch
):
    open_and_wait(qtbot, window, small_path)
    scenario = window.scenario
    assert scenario.tariffs.preset.currentData() == "content_hypothetical"  # 20%/40% at 40%
    model = window.panels["Tariffs"].table.sheet_model
    model.setData(model.index(1, list(model.frame.columns).index("rate")), "35%")
    assert scenario.tariffs.preset.currentData() == ""  # tiers of its own: no preset's name shown
    assert not scenario.tariffs.apply_preset.isEnabled()
    scenario.tariffs.preset.setCurrentIndex(scenario.tariffs.preset.findData("section122_2026"))
    scenario.tariffs.apply_tariff_preset()
    assert scenario.tariffs.preset.currentData() == "section122_2026"
    answers = [False]
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: answers.pop(0))
    before = list(window.doc.frame("Periods")["budget"])
    scenario.fills.budget.setValue(1234)
    scenario.fills.fill_budget_and_slots()  # the project's own budgets: asked, and kept
    assert list(window.doc.frame("Periods")["budget"]) == before and answers == []


def test_page_suppliers_is_the_plans_supplier_load_once_planned(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    window.show_page_named("suppliers")
    assert window.stack.currentWidget() is window.panels["Suppliers"]
    plan_and_wait(qtbot, window)
    window.show_page_named("suppliers")
    assert window.stack.currentWidget() is window.plan_page
    assert window.plan_panel.tabs.currentWidget() is window.plan_panel.suppliers


def test_allocation_and_planned_in_speak_the_apps_language(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    plan_and_wait(qtbot, window)
    model = window.plan_panel.allocation.model
    texts = {
        model.index(i, j).data()
        for i in range(model.rowCount())
        for j in range(model.columnCount())
    }
    assert "True" not in texts and "False" not in texts
    assert window.plan_status.text.text().startswith("Planned in")
    window.set_language("vi")
    assert not window.plan_status.text.text().startswith("Planned in")
    assert i18n.current() == "vi"
    window.set_language("en")


def test_the_apps_own_column_labels_read_back_exactly(qtbot, window):
    """A table copied from the app into a workbook (its headers in either language) reads as
    the columns it came from."""
    from planner import schema
    from ui.labels import column_label

    for lang in ("en", "vi"):
        window.set_language(lang)
        for sheet in schema.SHEETS:
            for col in sheet.columns:
                found = schema.match_header(sheet, column_label(col.name))
                assert found is not None and found.column is col, (lang, sheet.name, col.name)
                assert not found.loose, (lang, sheet.name, column_label(col.name))
    window.set_language("en")
