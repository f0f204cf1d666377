"""The field registry drives the Settings sheet's reader, the settings form, the plan's
assumptions and docs/format.md: they agree on every value, and a setting added to the
registry alone is read, edited, stated and documented."""

from __future__ import annotations

import copy

import pytest

from planner import fields, format_doc
from planner.io.read import read_project
from planner.report.tables import assumptions_table
from planner.text import Text
from planner.validate import validate
from tests.planner.conftest import SMALL, write_book


def _book(tmp_path, rows: list[list[object]], name: str = "settings.xlsx"):
    sheets = copy.deepcopy(SMALL)
    sheets["Settings"] = [["key", "value"], *rows]
    return write_book(sheets, tmp_path / name)


def _form(qtbot, path):
    from ui.document import ProjectDocument
    from ui.settings_form import SettingsForm

    doc = ProjectDocument(read_project(path), path)
    form = SettingsForm(doc)
    qtbot.addWidget(form)
    form.retranslate()
    return doc, form


@pytest.mark.parametrize("typed", [30, "30%", 0.3, "30,0%"])
def test_the_form_shows_the_share_the_planner_reads(qtbot, english, tmp_path, typed):
    """`30`, `30%` and `0.3` are one share, 30%, to the planner and on the form alike."""
    path = _book(tmp_path, [["min_share", typed]])
    read = validate(read_project(path)).project.settings.min_share
    _doc, form = _form(qtbot, path)
    assert read == pytest.approx(0.3)
    assert form.editors["min_share"].value() == pytest.approx(100 * read)


def test_a_key_given_twice_is_warned_once_and_the_form_edits_the_row_the_planner_reads(
    qtbot, english, tmp_path
):
    path = _book(tmp_path, [["min_share", "10%"], ["Least share of an award", "20%"]])
    checked = validate(read_project(path))
    said = [p for p in checked.problems if p.code == "repeated_setting"]
    assert len(said) == 1 and said[0].row == 3  # the second row, named
    assert checked.project.settings.min_share == pytest.approx(0.2)
    doc, form = _form(qtbot, path)
    assert form.editors["min_share"].value() == pytest.approx(20)
    form.editors["min_share"].setValue(25)
    form.editors["min_share"].editingFinished.emit()
    assert list(doc.frame("Settings")["value"]) == ["10%", 0.25]  # the row the plan reads


def test_settings_are_read_under_their_vietnamese_titles(tmp_path):
    """A Vietnamese team types the keys as the form titles them, in its own language."""
    path = _book(
        tmp_path,
        [
            ["Tên kế hoạch", "Kế hoạch nội địa hoá"],
            ["Tỷ lệ tối thiểu của một phân bổ", "10%"],
            ["Phân bổ ổn định: không đảo chiều tỷ lệ", "không"],
            ["Mục tiêu", "min_china"],
        ],
    )
    checked = validate(read_project(path))
    assert not [p for p in checked.problems if p.sheet == "Settings"]
    typed = checked.project.settings
    assert typed.plan_name == "Kế hoạch nội địa hoá"
    assert (typed.min_share, typed.no_reversal, typed.objective) == (0.1, False, "min_china")


HARMLESS = fields.Field(
    "review_note",
    fields.TEXT,
    "",
    Text("Review note", "Ghi chú duyệt"),
    Text("Who reviewed the plan's inputs.", "Ai đã duyệt dữ liệu đầu vào của kế hoạch."),
    editor=fields.LINE,
    assumption=True,
)


def test_a_setting_added_to_the_registry_alone_is_read_edited_stated_and_documented(
    qtbot, english, tmp_path, monkeypatch
):
    """Adding a setting is one registry entry: the reader takes it under its key or titles,
    the form edits it, the plan states it among its assumptions, the page lists it."""
    from planner.optimise import plan_project

    monkeypatch.setattr(fields, "SETTINGS", (*fields.SETTINGS, HARMLESS))
    path = _book(tmp_path, [["Ghi chú duyệt", "Lan, 2026-12-01"]])
    checked = validate(read_project(path))
    assert not [p for p in checked.problems if p.sheet == "Settings"]
    assert checked.project.settings.value("review_note") == "Lan, 2026-12-01"

    doc, form = _form(qtbot, path)
    box = form.editors["review_note"]
    assert box.text() == "Lan, 2026-12-01"
    box.setText("Lan and Hưng")
    box.editingFinished.emit()
    assert "Lan and Hưng" in list(doc.frame("Settings")["value"])
    doc.undo.undo()
    assert "Lan, 2026-12-01" in list(doc.frame("Settings")["value"])

    plan = plan_project(checked.project, time_limit_s=10)
    for lang, title in (("en", "Review note"), ("vi", "Ghi chú duyệt")):
        rows = dict(assumptions_table(checked.project, plan, lang).frame.values.tolist())
        assert rows[title] == "Lan, 2026-12-01"
    assert "| review_note | Review note; Ghi chú duyệt | text |" in format_doc.settings_table()


def test_every_setting_the_model_reads_is_typed_and_every_typed_one_is_registered():
    import dataclasses

    from planner.project import Settings

    typed = {f.name for f in dataclasses.fields(Settings)} - {"extra"}
    assert typed == {f.key for f in fields.current()}
    for f in fields.SETTINGS:
        if f.key in typed:
            assert getattr(Settings(), f.key) == f.default
        assert f.title.en and f.title.vi and f.help.en and f.help.vi, f.key
        assert len(f.choice_titles) == len(f.choices), f.key


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_column_of_every_sheet_has_a_header_in_both_languages(qtbot, tmp_path, lang):
    """The app's tables head each column with its title in the app's language, never its
    raw key (`max_supplier_share`), and a name two sheets share reads the same in both."""
    from PySide6.QtCore import Qt

    from planner import schema
    from ui import i18n
    from ui.document import ProjectDocument
    from ui.sheet_model import SheetModel

    i18n.set_language(lang, remember=False)
    try:
        doc = ProjectDocument(read_project(_book(tmp_path, [["plan_name", "x"]])))
        seen: dict[str, str] = {}
        for sheet in schema.SHEETS:
            model = SheetModel(doc, sheet.name)
            shown = {
                model.column_name(j): str(model.headerData(j, Qt.Horizontal)).removesuffix(" *")
                for j in range(model.columnCount())
            }
            for col in sheet.columns:
                assert col.title is not None and col.title.en and col.title.vi, col.name
                header = shown[col.name]
                assert header != col.name and "_" not in header, (sheet.name, header)
                assert header.startswith(col.title.get(lang)), (sheet.name, header)
                assert seen.setdefault(col.name, header) == header, (sheet.name, col.name)
    finally:
        i18n.set_language("en", remember=False)


def test_a_euro_project_shows_euros_in_the_headline(qtbot, window, tmp_path):
    """The `currency` setting is the money of every figure the window shows: a EUR project's
    headline says EUR, never $."""
    from tests.ui.conftest import open_and_wait
    from tests.ui.test_planning import plan_and_wait

    path = _book(tmp_path, [["currency", "EUR"]], "euro.xlsx")
    open_and_wait(qtbot, window, path)
    plan = plan_and_wait(qtbot, window)
    assert plan.has_plan
    headline = window.plan_panel.headline.text()
    assert "EUR" in headline and "$" not in headline, headline
    from PySide6.QtCore import Qt

    from ui.sheet_model import SheetModel

    offers = SheetModel(window.doc, "Offers")
    heads = [str(offers.headerData(j, Qt.Horizontal)) for j in range(offers.columnCount())]
    assert "Unit price (EUR) *" in heads and not [h for h in heads if "USD" in h], heads


def test_choice_settings_are_read_under_their_titles_in_both_languages(tmp_path):
    path = _book(
        tmp_path,
        [
            ["Mục tiêu", "Ít hàm lượng TQ nhất, rồi chi phí thấp nhất"],
            ["content_basis", "Chi phí vật tư"],
        ],
    )
    checked = validate(read_project(path))
    assert not [p for p in checked.problems if p.sheet == "Settings"]
    assert checked.project.settings.objective == "min_china"
    assert checked.project.settings.content_basis == "materials"
    wrong = validate(read_project(_book(tmp_path, [["objective", "cheapest"]], "wrong.xlsx")))
    said = [p.message.en for p in wrong.problems if p.sheet == "Settings"]
    assert said == ["objective: 'cheapest' is not one of min_cost, min_china"]


def test_the_former_margin_key_sets_both_margins_for_the_planner_and_the_form(
    qtbot, english, tmp_path
):
    """A workbook written before the two margins says `threshold_margin`: the planner reads
    it as both, the form shows it in both, and a margin given by its own key wins."""
    path = _book(tmp_path, [["threshold_margin", "3%"]])
    settings = validate(read_project(path)).project.settings
    assert (settings.cap_margin, settings.tariff_margin) == (0.03, 0.03)
    _, form = _form(qtbot, path)
    assert form.editors["cap_margin"].value() == 3 and form.editors["tariff_margin"].value() == 3
    assert "threshold_margin" not in form.editors  # the former name is read, not offered

    path = _book(tmp_path, [["margin", "3%"], ["tariff_margin", "1%"]], "both.xlsx")
    settings = validate(read_project(path)).project.settings
    assert (settings.cap_margin, settings.tariff_margin) == (0.03, 0.01)
    _, form = _form(qtbot, path)
    assert form.editors["cap_margin"].value() == 3 and form.editors["tariff_margin"].value() == 1
