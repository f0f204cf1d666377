"""What support and IT rely on: the log file the app starts (in its platform's folder, here a
temporary one through LOCPLAN_LOG_DIR), Help → Open the log folder, and `locplan-gui --smoke`
(the check run on a built app by packaging/smoke.py), here from the source tree."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QDesktopServices

from planner import logs, version
from tests.conftest import log_text, run_from_source
from ui import app, support


def test_smoke_mode_plans_the_sample_and_writes_both_files(qtbot, window, tmp_path):
    """What `locplan-gui --smoke` does, in this test's window: open the sample, plan it,
    Cancel, export both files; 0."""
    from ui.smoke import Smoke

    smoke = Smoke(window, tmp_path / "smoke", plan_seconds=2.0)
    with qtbot.waitSignal(smoke.finished, timeout=300_000) as ended:
        smoke.start()
    assert ended.args == [0]
    assert (tmp_path / "smoke" / "smoke-plan.xlsx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "smoke" / "smoke-plan.pdf").read_bytes()[:4] == b"%PDF"


def test_the_app_started_with_smoke_exits_0_and_logs(log_dir, tmp_path):
    """The command itself, from the source tree, as packaging/smoke.py runs the built one:
    its log exists once it has started, with the versions."""
    out = tmp_path / "smoke"
    done = run_from_source("ui.app", "--smoke", str(out), log_dir=log_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke: passed" in done.stdout
    assert (out / "smoke-plan.xlsx").is_file() and (out / "smoke-plan.pdf").is_file()
    text = (log_dir / logs.LOG_FILE).read_text("utf-8")
    assert f"locplan-gui {version()} started" in text and "Qt 6." in text
    assert "smoke: passed" in text


def test_an_error_in_the_app_is_logged_with_its_traceback(qtbot, log_dir):
    def broken_slot():
        raise KeyError("a slot that failed")

    with qtbot.captureExceptions() as caught:  # the hook the log wraps: the test's
        assert support.start_app_log() == log_dir / "locplan.log"
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: len(caught) == 1)
    text = log_text(log_dir)
    assert "ERROR Uncaught error" in text
    assert "in broken_slot" in text and "KeyError: 'a slot that failed'" in text


def test_help_opens_the_log_folder(window, log_dir, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    action = window.findChild(type(window.actions.about), "actionOpenLogFolder")
    assert action in window.actions.menu_help.actions()
    assert action.text() == "Open the &log folder"
    action.trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [log_dir]
    assert log_dir.is_dir()  # made when there was none yet
    window.set_language("vi")  # as the Language menu does
    assert action.text() == "Mở thư mục &nhật ký"


def test_the_engines_folder_is_qts(qapp, monkeypatch, tmp_path):
    """`locplan` (no Qt) logs into the folder the app does."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(logs.LOG_DIR_ENV)
    QCoreApplication.setOrganizationName(app.ORGANISATION)
    QCoreApplication.setApplicationName(app.APPLICATION)
    assert (logs.ORGANISATION, logs.APPLICATION) == (app.ORGANISATION, app.APPLICATION)
    assert support.data_dir() == logs.standard_data_dir()
    assert support.log_folder() == logs.log_dir()
