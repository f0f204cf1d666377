"""Every test plans with the clock off (planner.optimise.solve.plan_project): a plan is then
decided by its work budget alone, so no test depends on how busy the machine is. The
children the app starts inherit the setting. The log files of the app and of `locplan` (the
ones the tests start too) go to a temporary folder, never the user's (planner/logs.py)."""

import atexit
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import pytest

os.environ["LOCPLAN_CLOCK"] = "off"
_LOGS = tempfile.mkdtemp(prefix="locplan-test-logs-")
os.environ["LOCPLAN_LOG_DIR"] = _LOGS
atexit.register(shutil.rmtree, _LOGS, True)


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    """A test's own log folder (LOCPLAN_LOG_DIR), the log closed after it, and the error hooks
    a started log installs put back. The hooks found before ours: Python's own for the main
    thread (it prints), a quiet one for other threads (pytest's would fail the test for the
    error it provokes)."""
    from planner import logs

    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(threading, "excepthook", lambda args: None)
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    yield tmp_path / "logs"
    for handler in list(logs.LOGGER.handlers):
        logs.LOGGER.removeHandler(handler)
        handler.close()


def log_text(folder: Path) -> str:
    """What the log in `folder` says so far."""
    from planner import logs

    for handler in logs.LOGGER.handlers:
        handler.flush()
    return (folder / logs.LOG_FILE).read_text("utf-8")


def run_from_source(*args: str, log_dir: Path, cwd: Path | None = None):
    """`python -m ARGS` from this source tree (offscreen), logging into `log_dir`: a command
    as a user starts it, not a function call."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    env["LOCPLAN_LOG_DIR"] = str(log_dir)
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, timeout=600, env=env, cwd=cwd
    )
