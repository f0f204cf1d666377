"""The whole job through the window: open, edit and undo, paste, problems, save and reopen."""

from __future__ import annotations

import copy

import openpyxl
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from planner.problems import ERROR
from tests.ui.conftest import SAMPLE, SMALL, close_quietly, open_and_wait, write_book
from ui import dialogs


def _cell(win, sheet, row_pos, column):
    panel = win.panels[sheet]
    model = panel.table.sheet_model
    j = list(model.frame.columns).index(column)
    return model, model.index(row_pos, j)


def test_opens_the_sample(qtbot, window):
    open_and_wait(qtbot, window, SAMPLE)
    doc = window.doc
    assert doc.name == SAMPLE.name
    assert window.panels["Components"].table.sheet_model.rowCount() == 150
    assert window.nav.item(0).text() == "Components (150)"
    assert not [p for p in doc.problems if p.severity == ERROR]
    assert window.actions.plan.isEnabled()
    assert SAMPLE.name in window.windowTitle()
    assert not window.isWindowModified()


def test_edit_is_converted_checked_and_undone(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Components", 0, "current_unit_price")
    assert model.setData(index, "1,234.5")
    assert model.frame["current_unit_price"].iloc[0] == 1234.5  # stored as a number
    assert window.isWindowModified()
    assert window.actions.undo.text().startswith("Undo Edit Components row 2")

    with qtbot.waitSignal(model.message) as said:
        assert model.setData(index, "four dollars")  # kept as typed, flagged
    assert "four dollars" in said.args[0]
    assert model.frame["current_unit_price"].iloc[0] == "four dollars"
    window.validation.validate_now()
    errors = [p for p in window.doc.problems if p.severity == ERROR]
    assert {(p.sheet, p.row, p.column) for p in errors} == {("Components", 2, "current_unit_price")}
    assert "'four dollars' is not a number" in errors[0].message.en
    assert index.data(Qt.BackgroundRole) is not None  # tinted
    assert not window.actions.plan.isEnabled()  # errors block planning

    window.actions.undo.trigger()
    window.actions.undo.trigger()
    window.validation.validate_now()
    assert model.frame["current_unit_price"].iloc[0] == 4.2
    assert not [p for p in window.doc.problems if p.severity == ERROR]
    assert window.actions.plan.isEnabled()
    assert not window.isWindowModified()
    window.actions.redo.trigger()
    assert model.frame["current_unit_price"].iloc[0] == 1234.5


def test_problem_double_click_jumps_to_the_cell(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Offers", 1, "unit_price")
    model.setData(index, "")  # a required price left blank
    window.validation.validate_now()
    problems = window.problems.problems_model
    row = next(i for i, p in enumerate(problems.problems) if p.severity == ERROR)
    window.show_page("Components")
    window.problems.doubleClicked.emit(problems.index(row, 4))
    table = window.panels["Offers"].table
    assert window.stack.currentWidget() is window.panels["Offers"]
    current = table.proxy.mapToSource(table.currentIndex())
    assert (current.row(), model.column_name(current.column())) == (1, "unit_price")


def test_paste_a_block_from_excel_is_one_undo_step(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    table = window.panels["Suppliers"].table
    model = table.sheet_model
    assert model.rowCount() == 5
    table.setCurrentIndex(table.proxy.index(4, 0))
    QGuiApplication.clipboard().setText(
        "HP-PLA\tHải Phòng Plastics\tVN\n"
        "TN-BAT\tThái Nguyên Battery\tViệt Nam\n"
        "HN-CAM\tHà Nội Camera\tVN\n"
    )
    table.paste()
    assert model.rowCount() == 7  # the paste ran past the end: two rows added
    assert list(model.frame["supplier_id"].iloc[4:]) == ["HP-PLA", "TN-BAT", "HN-CAM"]
    assert model.frame["country"].iloc[5] == "VN"  # converted like a workbook cell
    window.actions.undo.trigger()
    assert model.rowCount() == 5
    assert model.frame["name"].iloc[4] == "Hải Phòng Plastics"

    table.selectAll()
    table.copy()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert len(copied) == 5 and copied[3].split("\t")[0] == "BN-PCB"


def test_add_and_delete_rows(qtbot, window, small_path):
    open_and_wait(qtbot, window, small_path)
    table = window.panels["Products"].table
    model = table.sheet_model
    table.add_row()
    assert model.rowCount() == 3
    model.setData(model.index(2, 0), "MOD1")
    table.selectionModel().select(  # the first row alone, whatever keys an earlier test left
        table.proxy.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
    )
    table.delete_rows()
    assert list(model.frame["product_id"]) == ["CT1", "MOD1"]
    window.actions.undo.trigger()
    assert list(model.frame["product_id"]) == ["VR1", "CT1", "MOD1"]
    assert list(model.frame.index) == [2, 3, 4]  # Excel row numbers kept


def test_save_and_reopen(qtbot, window, small_path, tmp_path, monkeypatch):
    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Components", 1, "description")
    model.setData(index, "=SUM(A1:A2) housing")  # typed text that looks like a formula
    target = tmp_path / "saved.xlsx"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(target))
    with qtbot.waitSignal(window.saves.saved, timeout=60_000) as saved:
        assert window.saves.save_as()  # written in a worker
    assert saved.args == [target]
    assert not window.isWindowModified()
    assert window.files.recent.files()[0] == str(target)
    cell = openpyxl.load_workbook(target)["Components"]["B3"]
    assert cell.value == "=SUM(A1:A2) housing" and cell.data_type == "s"
    open_and_wait(qtbot, window, target)
    model, index = _cell(window, "Components", 1, "description")
    assert index.data() == "=SUM(A1:A2) housing"
    assert window.doc.path == target


def test_unsaved_changes_prompt(qtbot, window, small_path, monkeypatch):
    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Products", 0, "name")
    model.setData(index, "Headset 2")
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_save_changes", lambda parent, name: asked.append(name) or dialogs.CANCEL
    )
    assert not window.close()
    assert window.isVisible() and asked == ["small.xlsx"]
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: dialogs.DISCARD)
    assert window.close()


def test_autosave_is_offered_back_after_a_crash(qtbot, window, small_path, monkeypatch):
    from ui import autosave
    from ui.app import offer_recovery
    from ui.main_window import MainWindow

    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Products", 0, "name")
    model.setData(index, "Headset after crash")
    with qtbot.waitSignal(window.saves.autosaved, timeout=60_000):
        window.saves.autosave_now()
    assert autosave.pending() == []  # the window is open: its autosave is not offered
    autosave.end_session(window.session)  # the app dies here (the OS drops its lock)
    assert len(autosave.pending()) == 1
    # a new one starts
    fresh = MainWindow()
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    with qtbot.waitSignal(fresh.project_loaded, timeout=60_000):
        assert offer_recovery(fresh)
    model, index = _cell(fresh, "Products", 0, "name")
    assert index.data() == "Headset after crash"
    assert fresh.isWindowModified() and fresh.doc.path == small_path
    assert autosave.pending() == []
    close_quietly(fresh)


def test_refused_file_shows_a_message(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "not-a-workbook.xlsx"
    bad.write_text("this is not a zip")
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, detail="": shown.append(text))
    open_and_wait(qtbot, window, bad)
    assert shown and "not-a-workbook.xlsx" in shown[0]
    assert window.doc.source is None  # the empty project is still open


def test_import_with_a_column_mapping_remembered(qtbot, window, tmp_path, monkeypatch):
    sheets = copy.deepcopy(SMALL)
    sheets["Components"][0][0] = "Item code (ERP)"
    sheets["Components"][0][5] = "Cost now"
    path = write_book(sheets, tmp_path / "erp.xlsx")
    seen = []

    def answer(dialog):
        page = next(p for p in dialog.pages if p.title == "Components")
        for text, box in page.boxes:
            if text == "Item code (ERP)":
                box.setCurrentIndex(box.findData("component_id"))
            if text == "Cost now":
                box.setCurrentIndex(box.findData("current_unit_price"))
        seen.append(page.missing_required())
        return True

    monkeypatch.setattr(window, "run_dialog", answer)
    open_and_wait(qtbot, window, path)
    assert seen == [[]]
    assert window.doc.can_plan
    assert window.doc.frame("Components")["current_unit_price"].iloc[0] == 4.2

    monkeypatch.setattr(window, "run_dialog", lambda d: pytest_fail("asked twice"))
    open_and_wait(qtbot, window, path)  # same headers: the answer is remembered
    assert window.doc.can_plan


def pytest_fail(message):
    import pytest

    pytest.fail(message)


def test_tariff_preset_and_glide_path(qtbot, window, small_path, monkeypatch):
    open_and_wait(qtbot, window, small_path)
    asked = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda _w, title, _t: asked.append(title) or True)
    scenario = window.scenario
    scenario.tariffs.preset.setCurrentIndex(scenario.tariffs.preset.findData("section122_2026"))
    scenario.tariffs.apply_tariff_preset()
    tariffs = window.doc.frame("Tariffs")
    assert list(tariffs["max_china_share"]) == [1.0] and list(tariffs["rate"]) == [0.1]
    scenario.fills.cap_from.setValue(60)
    scenario.fills.cap_to.setValue(30)
    scenario.fills.hold.setValue(1)
    scenario.fills.fill_glide_path()
    assert asked == ["Replace the project's own values?"]  # the sheet had caps of its own
    assert list(window.doc.frame("Periods")["china_cap"]) == [0.6, 0.6, 0.45, 0.3]
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert list(window.doc.frame("Tariffs")["rate"]) == [0.2, 0.4]
    scenario.settings.editors["time_limit_s"].setValue(15)
    scenario.settings.editors["time_limit_s"].editingFinished.emit()
    window.validation.validate_now()
    assert window.doc.validation.project.settings.time_limit_s == 15
    # the stable-award rules and the tariff borne, as a buyer sets them on the form
    settings = scenario.settings
    shown = settings.editors
    assert shown["no_reversal"].isChecked() and shown["min_share"].value() == 5
    shown["no_reversal"].setChecked(False)
    for key, percent in (("min_share", 10), ("tariff_margin", 1), ("tariff_pass_through", 60)):
        shown[key].setValue(percent)
        shown[key].editingFinished.emit()
    window.validation.validate_now()
    typed = window.doc.validation.project.settings
    assert (typed.no_reversal, typed.min_share, typed.tariff_margin) == (False, 0.1, 0.01)
    assert typed.tariff_pass_through == 0.6
    window.actions.undo.trigger()  # one step per field
    window.validation.validate_now()
    assert window.doc.validation.project.settings.tariff_pass_through == 1.0


def test_saving_over_a_users_workbook_asks_first(qtbot, window, tmp_path, monkeypatch):
    """Ctrl+S on a workbook made in Excel: the app lists what the project format drops and
    offers a new file; the user's workbook stays byte for byte unless they choose Replace."""
    path = write_book(copy.deepcopy(SMALL), tmp_path / "theirs.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Notes").append(["call Hưng on Monday"])
    wb.save(path)
    before = path.read_bytes()
    open_and_wait(qtbot, window, path)
    model, index = _cell(window, "Components", 0, "description")
    model.setData(index, "SoC, second source")

    asked = []

    def answer(choice):
        def ask(parent, name, losses):
            asked.append((name, losses))
            return choice

        return ask

    monkeypatch.setattr(dialogs, "ask_replace_workbook", answer(dialogs.CANCEL))
    assert not window.saves.save()
    assert path.read_bytes() == before and window.isWindowModified()
    name, losses = asked[-1]
    assert name == "theirs.xlsx"
    assert any("formulas" in line for line in losses)
    assert any("Notes" in line for line in losses)

    new = tmp_path / "theirs (project).xlsx"
    suggested = []
    monkeypatch.setattr(dialogs, "ask_replace_workbook", answer(dialogs.SAVE_NEW))
    monkeypatch.setattr(
        dialogs,
        "save_path",
        lambda parent, title, start, filters: suggested.append(start) or str(new),
    )
    with qtbot.waitSignal(window.saves.saved, timeout=60_000):
        assert window.saves.save()
    assert suggested == [str(new)]  # the suggestion sits beside the original
    assert path.read_bytes() == before
    assert window.doc.path == new and not window.isWindowModified()
    assert openpyxl.load_workbook(new)["Components"]["B2"].value == "SoC, second source"

    # the new file is the app's own: later saves replace it without asking
    asked.clear()
    model.setData(index, "SoC, third source")
    with qtbot.waitSignal(window.saves.saved, timeout=60_000):
        assert window.saves.save()
    assert asked == []
    assert openpyxl.load_workbook(new)["Components"]["B2"].value == "SoC, third source"


def test_replace_writes_over_the_users_workbook_when_chosen(qtbot, window, small_path, monkeypatch):
    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Components", 0, "description")
    model.setData(index, "SoC, replaced")
    monkeypatch.setattr(dialogs, "ask_replace_workbook", lambda *a: dialogs.REPLACE)
    with qtbot.waitSignal(window.saves.saved, timeout=60_000):
        assert window.saves.save()
    assert openpyxl.load_workbook(small_path)["Components"]["B2"].value == "SoC, replaced"
