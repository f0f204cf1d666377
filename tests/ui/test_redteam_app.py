"""Red-team rows the app meets: the PDF on a full disk, autosaves that cannot lock the app out,
two windows on one file, a project edited in Excel after the app saved it."""

from __future__ import annotations

import copy
import errno
import io
import json
import time

import openpyxl
import pytest

from planner.io import files
from planner.io.files import CannotWrite
from tests.planner.conftest import SMALL, write_book
from tests.ui.conftest import close_quietly, open_and_wait
from tests.ui.test_main_window import _cell
from ui import autosave, dialogs
from ui.app import offer_recovery


class _FullDisk(io.BufferedWriter):
    """A file on a disk that fills after 4 kB: the write raises ENOSPC."""

    def __init__(self, fd: int) -> None:
        super().__init__(io.FileIO(fd, "wb"))
        self.room = 4096

    def write(self, data) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return super().write(data)


@pytest.fixture(scope="module")
def small_plan(tmp_path_factory):
    from planner.optimise import plan_project
    from planner.validate import check_file

    book = write_book(copy.deepcopy(SMALL), tmp_path_factory.mktemp("plan") / "small.xlsx")
    result = check_file(book)
    return result.project, plan_project(result.project, time_limit_s=10)


def test_G02_disk_full_writing_the_pdf_keeps_the_old_pdf(qapp, small_plan, tmp_path, monkeypatch):
    from ui.printing import write_plan_pdf

    project, plan = small_plan
    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "plan.pdf"
    write_plan_pdf(project, plan, old)
    before = old.read_bytes()
    assert before.rstrip().endswith(b"%%EOF")
    monkeypatch.setattr(files, "_open_temp", _FullDisk)
    with pytest.raises(CannotWrite) as info:
        write_plan_pdf(project, plan, old)
    assert "The disk is full" in info.value.message_en and info.value.message_vi
    assert old.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["plan.pdf"]  # no litter


def test_G02_disk_full_writing_the_pdf_from_the_cli_exits_1(qapp, tmp_path, monkeypatch):
    from tests.planner.hostile import run_cli

    book = write_book(copy.deepcopy(SMALL), tmp_path / "small.xlsx")
    old = tmp_path / "plan.pdf"
    old.write_bytes(b"%PDF-1.4 an old plan %%EOF")
    monkeypatch.setattr(files, "_open_temp", _FullDisk)
    code, _, err = run_cli(["plan", str(book), "--pdf", str(old), "--time-limit", "5"])
    assert code == 1 and "The disk is full: plan.pdf was not written" in err
    assert old.read_bytes() == b"%PDF-1.4 an old plan %%EOF"


def _sidecar(name: str, meta: object, workbook: bytes | None = b"PK\x03\x04 not really") -> None:
    folder = autosave.folder()
    (folder / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    if workbook is not None:
        (folder / f"{name}.xlsx").write_bytes(workbook)


@pytest.mark.parametrize(
    "row, meta",
    [
        ("I01", ["a", "list"]),
        ("I02", {"original": None, "saved_at": "yesterday"}),
        ("I02b", {"original": 42, "saved_at": 1.0}),
    ],
)
def test_I01_I02_corrupt_sidecar_is_set_aside_at_start(qtbot, window, row, meta):
    _sidecar(row, meta)
    messages = []
    window.show_message = messages.append
    assert offer_recovery(window) is False  # nothing raised, nothing offered
    assert autosave.pending() == []
    aside = autosave.folder() / autosave.SET_ASIDE
    assert sorted(p.name for p in aside.iterdir()) == [f"{row}.json", f"{row}.xlsx"]
    assert messages and "set aside" in messages[0]


def test_I03_unreadable_autosave_is_set_aside_and_the_app_goes_on(qtbot, window, monkeypatch):
    _sidecar("I03", {"original": None, "saved_at": time.time(), "session": "gone"})
    errors, went_on = [], []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: True)
    monkeypatch.setattr(
        dialogs, "error", lambda parent, title, text, detail="": errors.append(text)
    )
    with qtbot.waitSignal(window.project_loaded, timeout=60_000):  # read in a worker
        assert offer_recovery(window, lambda: went_on.append(True))
    assert went_on  # so the FILE argument is opened next
    assert errors and "cannot be read" in errors[0]
    assert autosave.pending() == []  # not offered again at every start
    assert (autosave.folder() / autosave.SET_ASIDE / "I03.xlsx").exists()


def test_I04_two_windows_on_one_file_keep_separate_autosaves(qtbot, window, small_path):
    from ui.main_window import MainWindow

    second = MainWindow()
    try:
        for win, text in ((window, "first window"), (second, "second window")):
            open_and_wait(qtbot, win, small_path)
            model, index = _cell(win, "Products", 0, "name")
            model.setData(index, text)
            with qtbot.waitSignal(win.saves.autosaved, timeout=60_000):
                win.saves.autosave_now()
        assert len(list(autosave.folder().glob("*.xlsx"))) == 2
        assert autosave.pending() == []  # both windows are open: nothing to recover
        autosave.end_session(window.session)  # the first dies
        (rec,) = autosave.pending()
        names = openpyxl.load_workbook(rec.workbook)["Products"]
        assert names["B2"].value == "first window"
    finally:
        close_quietly(second)


def test_K01_project_edited_in_excel_after_the_app_saved_it_is_asked_about(
    qtbot, window, tmp_path, monkeypatch
):
    path = write_book(copy.deepcopy(SMALL), tmp_path / "theirs.xlsx")
    open_and_wait(qtbot, window, path)
    mine = tmp_path / "project.xlsx"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(mine))
    model, index = _cell(window, "Components", 0, "description")
    model.setData(index, "SoC, saved by the app")
    with qtbot.waitSignal(window.saves.saved, timeout=60_000):
        assert window.saves.save_as()
    wb = openpyxl.load_workbook(mine)  # then a colleague adds notes in Excel
    wb["Components"]["J1"] = "Notes"
    wb["Components"]["J2"] = "ask Hưng"
    wb.save(mine)
    asked = []
    monkeypatch.setattr(
        dialogs,
        "ask_replace_workbook",
        lambda p, name, losses: asked.append(name) or dialogs.CANCEL,
    )
    model.setData(index, "SoC, edited again")
    assert not window.saves.save()
    assert asked == ["project.xlsx"]
    assert openpyxl.load_workbook(mine)["Components"]["J2"].value == "ask Hưng"


def test_failed_autosave_is_a_message_not_a_crash(qtbot, window, small_path, tmp_path, monkeypatch):
    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Products", 0, "name")
    model.setData(index, "changed")
    # the autosave is written by a worker process: a folder it cannot write into fails it
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setattr(autosave, "folder", lambda: blocked / "autosave")
    messages = []
    window.show_message = messages.append
    with qtbot.waitSignal(window.saves.autosaved, timeout=60_000) as done:
        window.saves.autosave_now()
    assert done.args == [None]
    assert messages and messages[-1].startswith("Autosave failed")


def test_N23_autosave_folder_that_cannot_be_made_never_stops_the_app(
    qtbot, window, small_path, monkeypatch
):
    def no_folder():
        raise PermissionError(13, "Permission denied", "/home/user/.local/share/LocPlan")

    monkeypatch.setattr(autosave, "folder", no_folder)
    messages = []
    window.show_message = messages.append
    assert offer_recovery(window) is False  # at start-up: nothing to offer, no exception
    open_and_wait(qtbot, window, small_path)
    model, index = _cell(window, "Products", 0, "name")
    model.setData(index, "changed")
    window.saves.autosave_now()  # the folder is asked for first, on the window's side
    assert messages[-1].startswith("Autosave failed") and "Permission denied" in messages[-1]


@pytest.mark.parametrize("lang, typed, value", [("vi", "3,400", 3.4), ("en", "3,400", 3400)])
def test_B03_ambiguous_number_typed_in_the_app_follows_its_language(qapp, lang, typed, value):
    from ui import i18n
    from ui.sheet_model import convert

    i18n.set_language(lang, remember=False)
    try:
        assert convert("number", typed) == (value, None)
        assert convert("number", "0,125") == (0.125, None)  # unambiguous in both
    finally:
        i18n.set_language("en", remember=False)
