"""Qt fixtures: isolated settings and autosave folder, a guard against modal dialogs nobody can
click (offscreen, one would hang the suite), and a main window with helpers to wait on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from tests.planner.conftest import SMALL, write_book

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "vr_headset_bac_ninh.xlsx"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings and autosaves in a temporary folder: tests never touch the user's."""
    QCoreApplication.setOrganizationName("LocPlanTests")
    QCoreApplication.setApplicationName("tests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    from ui import autosave

    folder = tmp_path / "autosave"
    folder.mkdir()
    monkeypatch.setattr(autosave, "folder", lambda: folder)
    yield


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """Fail any test that opens a modal dialog it did not replace."""

    def refuse(*args, **kwargs):
        pytest.fail("a modal dialog was opened without being mocked")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))


@pytest.fixture
def english(qapp):
    from ui import i18n

    i18n.set_language("en", remember=False)
    i18n.set_currency("USD")
    yield
    i18n.set_language("en", remember=False)
    i18n.set_currency("USD")  # a project in another currency ends with its test


@pytest.fixture
def window(qtbot, english):
    from ui.main_window import MainWindow

    win = MainWindow()  # closed here, not by qtbot: its unsaved-changes prompt is mocked
    win.show()
    yield win
    close_quietly(win)


def close_quietly(win) -> None:
    win.files.shutdown()  # a file being written ends first: the window then closes at once
    win.doc.undo.setClean()  # no prompt: the test is over
    win.close()  # stops a running plan (keeping its best) and waits for the workers
    win.deleteLater()


def open_and_wait(qtbot, win, path, **kwargs) -> None:
    with qtbot.waitSignal(win.project_loaded, timeout=60_000):
        win.files.open_path(path, **kwargs)


@pytest.fixture
def small_path(tmp_path) -> Path:
    import copy

    return write_book(copy.deepcopy(SMALL), tmp_path / "small.xlsx")


def export_plan(qtbot, win, folder: Path) -> tuple[Path, Path]:
    """Write the shown plan to a workbook and a PDF in `folder`, as Export does."""
    folder.mkdir()
    xlsx, pdf = folder / "plan.xlsx", folder / "plan.pdf"
    for write, path in ((win.exports.write_excel, xlsx), (win.exports.write_pdf, pdf)):
        with qtbot.waitSignal(win.exports.finished, timeout=120_000) as written:
            assert write(path)
        assert written.args == [path, True]
    return xlsx, pdf
