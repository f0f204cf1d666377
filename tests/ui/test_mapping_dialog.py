"""The column-matching dialog (issue 25): it never reads an answer that leaves a required
column unchosen (the button says why, in both languages); a required column missing is one
problem, not one per row; and the Problems panel lists every problem once."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt

from planner.problems import ERROR
from tests.planner.conftest import SMALL, write_book
from tests.ui.conftest import open_and_wait
from ui import i18n

UNKNOWN = "Quoted amount"  # the price, under a header the reader does not place


def _book(tmp_path, rows: int = 40):
    """The small project with many offers, their price under an unknown header."""
    sheets = copy.deepcopy(SMALL)
    offers = sheets["Offers"]
    offers[0][2] = UNKNOWN
    for k in range(rows):
        offers.append([f"P{k}", "BN-PCB", 1.0 + k / 100, 0.4, 1, 0, 1, None, None])
        sheets["Components"].append([f"P{k}", f"part {k}", "misc", "", "", None, None, "no"])
    return write_book(sheets, tmp_path / "unknown_price.xlsx")


def _on_offers(dialog):
    page = next(p for p in dialog.pages if p.title == "Offers")
    dialog.tabs.setCurrentWidget(page)
    return page


def test_the_dialog_does_not_read_while_a_required_column_is_unchosen(qtbot, window, tmp_path):
    seen: dict[str, object] = {}

    def answer(dialog) -> bool:
        """What the user sees, recorded (an assertion here would stall the opening)."""
        page = _on_offers(dialog)
        seen["enabled"] = dialog.ok.isEnabled()
        seen["shown"] = not dialog.blocked.isHidden()
        seen["text"], seen["tip"] = dialog.blocked.text(), dialog.ok.toolTip()
        dialog.show()
        qtbot.keyClick(dialog, Qt.Key_Return)  # Enter on the default button reads nothing
        seen["after_enter"] = dialog.isVisible()
        i18n.set_language("vi", remember=False)
        try:
            dialog._update_ok()
            seen["vi"] = dialog.blocked.text()
        finally:
            i18n.set_language("en", remember=False)
        box = dict(page.boxes)[UNKNOWN]
        box.setCurrentIndex(box.findData("unit_price"))
        seen["chosen"] = (dialog.ok.isEnabled(), dialog.blocked.isHidden())
        dialog.hide()
        return True

    window.run_dialog = answer
    open_and_wait(qtbot, window, _book(tmp_path))
    assert seen["enabled"] is False and seen["shown"] is True
    text = str(seen["text"])
    assert text.startswith("Choose a column for every required field (marked *) before reading")
    assert "Offers: " in text and "(unit_price)" in text and seen["tip"] == text
    assert seen["after_enter"] is True
    assert str(seen["vi"]).startswith("Hãy chọn cột cho mọi trường bắt buộc")
    assert seen["chosen"] == (True, True)
    assert window.doc.validation.ok and window.actions.plan.isEnabled()
    assert float(window.doc.frame("Offers")["unit_price"].iloc[-1]) == 1.39


def test_a_required_column_left_out_is_one_problem_not_one_per_row(qtbot, window, tmp_path):
    """Cancelled, the file opens as read: the price column is missing, said once, as
    `locplan check` says it, and a check after an edit (in a worker) says the same."""
    from tests.planner.hostile import run_cli

    book = _book(tmp_path)
    window.run_dialog = lambda dialog: False
    open_and_wait(qtbot, window, book)
    errors = [p for p in window.doc.problems if p.severity == ERROR]
    assert [(p.sheet, p.column, p.code) for p in errors] == [
        ("Offers", "unit_price", "missing_column")
    ]
    assert "has no unit_price column" in errors[0].message.en
    code, out, _ = run_cli(["check", str(book)])
    assert code == 1 and out.count("error:") == 1 and "has no unit_price column" in out
    from planner.validate import validate

    assert validate(window.doc.snapshot()).problems == window.doc.validation.problems


def test_the_problems_panel_lists_each_note_once_after_the_dialog(qtbot, window, tmp_path):
    def answer(dialog) -> bool:
        box = dict(_on_offers(dialog).boxes)[UNKNOWN]
        box.setCurrentIndex(box.findData("unit_price"))
        return True

    sheets = copy.deepcopy(SMALL)
    sheets["Offers"][0][2] = UNKNOWN
    sheets["Offers"][0].append("Ghi chú")  # a column the planner does not use: a note
    for row in sheets["Offers"][1:]:
        row.append("x")
    window.run_dialog = answer
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "notes.xlsx"))
    window.show_problems()
    model = window.problems.problems_model
    shown = [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]
    assert shown, "the note about 'Ghi chú' is listed"
    assert any("Ghi chú" in row[4] for row in shown)
    assert len(shown) == len(set(shown)), shown


def test_E02_the_settings_form_edits_the_row_the_plan_reads(qtbot, window, tmp_path):
    """A setting given twice: the plan reads the later row (check warns), and the settings
    form shows and edits that row, not the first."""
    from ui.settings_cells import set_setting, setting_value

    sheets = copy.deepcopy(SMALL)
    sheets["Settings"] += [["min_share", 0.1], ["min_share", 0.2]]
    open_and_wait(qtbot, window, write_book(sheets, tmp_path / "twice.xlsx"))
    doc = window.doc
    assert setting_value(doc, "min_share") == 0.2 == doc.validation.project.settings.min_share
    set_setting(doc, "min_share", 0.15, "test")
    assert list(doc.frame("Settings")["value"])[-2:] == [0.1, 0.15]
    assert doc.revalidate().project.settings.min_share == 0.15
