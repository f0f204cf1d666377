"""The log file support asks for (planner/logs.py): where it is, what it says when a program
starts, and an error nobody caught with its traceback. Every test writes to a temporary folder
(LOCPLAN_LOG_DIR; tests/conftest.py sets one for the whole run)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from planner import logs, version
from tests.conftest import log_text, run_from_source

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "vr_headset_bac_ninh.xlsx"


@pytest.mark.parametrize(
    "platform, env, expected",
    [
        ("win32", {"LOCALAPPDATA": "C:/Users/an/AppData/Local"}, "C:/Users/an/AppData/Local"),
        ("linux", {"XDG_DATA_HOME": "/home/an/.data"}, "/home/an/.data"),
        ("linux", {}, "~/.local/share"),
        ("darwin", {}, "~/Library/Application Support"),
    ],
)
def test_the_folder_is_the_platforms_own(monkeypatch, platform, env, expected):
    monkeypatch.setattr(sys, "platform", platform)
    for name in ("LOCALAPPDATA", "XDG_DATA_HOME", logs.LOG_DIR_ENV):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    base = Path(expected).expanduser()
    app = base / "LocPlan" / "Supplier Localization Planner"
    assert logs.standard_data_dir() == app
    assert logs.log_dir() == app / "logs"


def test_the_log_says_who_started_without_project_contents(log_dir):
    path = logs.start_log("locplan-gui", more={"Qt": "6.11"})
    assert path == log_dir / "locplan.log"
    text = log_text(log_dir)
    assert f"locplan-gui {version()} started" in text
    assert f"Python {sys.version.split()[0]}" in text and "Qt 6.11" in text


def test_an_uncaught_error_is_logged_with_its_traceback(log_dir, capsys):
    logs.start_log("locplan")

    def deep_down():
        raise ValueError("the error support needs to see")

    try:
        deep_down()
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    text = log_text(log_dir)
    assert "ERROR Uncaught error" in text
    assert "Traceback (most recent call last)" in text and "in deep_down" in text
    assert "ValueError: the error support needs to see" in text
    assert "ValueError" in capsys.readouterr().err  # still printed, as before


def test_an_error_in_another_thread_is_logged(log_dir):
    logs.start_log("locplan")

    def work():
        raise RuntimeError("a worker thread failed")

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
    text = log_text(log_dir)
    assert "Uncaught error in thread worker" in text
    assert "RuntimeError: a worker thread failed" in text


def test_a_folder_that_cannot_be_written_leaves_no_log_and_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(blocker / "logs"))
    assert logs.start_log("locplan") is None


def test_the_command_line_logs_its_start(tmp_path):
    done = run_from_source("planner.cli", "check", str(SAMPLE), log_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "locplan.log").read_text("utf-8")
    assert f"locplan {version()} started" in text
    assert SAMPLE.name not in text  # no project's name or contents
