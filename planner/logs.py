"""The log file support asks for: in the platform's folder for an app's local data, under
`logs/`, rotated (a few files of 1 MB at most). It holds when the app or `locplan` started,
its version and Python's (the app adds Qt's), and every error nobody caught, with its
traceback; never a project's contents (no file names, no figures).

The folder is Qt's AppLocalDataLocation for the app (the app passes it), else the same
folder worked out here for `locplan`, which never imports Qt:
  Windows  %LOCALAPPDATA%\\LocPlan\\Supplier Localization Planner\\logs
  macOS    ~/Library/Application Support/LocPlan/Supplier Localization Planner/logs
  Linux    $XDG_DATA_HOME (~/.local/share)/LocPlan/Supplier Localization Planner/logs
LOCPLAN_LOG_DIR names another folder (the tests give a temporary one).
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

from planner import version

ORGANISATION = "LocPlan"  # as the app's QCoreApplication names (ui/app.py)
APPLICATION = "Supplier Localization Planner"
LOG_DIR_ENV = "LOCPLAN_LOG_DIR"
LOG_FILE = "locplan.log"
MAX_BYTES, BACKUPS = 1_000_000, 4
LOGGER = logging.getLogger("locplan")


def standard_data_dir() -> Path:
    """The app's local data folder, as Qt's QStandardPaths.AppLocalDataLocation says."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORGANISATION / APPLICATION


def log_dir(data_dir: Path | None = None) -> Path:
    """Where the log files are: LOCPLAN_LOG_DIR, else `logs` in the local data folder."""
    named = os.environ.get(LOG_DIR_ENV)
    if named:
        return Path(named)
    return (data_dir or standard_data_dir()) / "logs"


def start_log(
    program: str, data_dir: Path | None = None, more: dict[str, str] | None = None
) -> Path | None:
    """Log to the rotating file from now on and note who started; the file, or None when
    the folder cannot be written (the program goes on without a log)."""
    path = log_dir(data_dir) / LOG_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(message)s"))
    for old in list(LOGGER.handlers):  # started again (tests): one file at a time
        LOGGER.removeHandler(old)
        old.close()
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
    versions = {"Python": platform.python_version(), **(more or {})}
    LOGGER.info(
        "%s %s started: %s; %s",
        program,
        version(),
        ", ".join(f"{k} {v}" for k, v in versions.items()),
        platform.platform(),
    )
    install_hooks()
    return path


def log_exception(what: str, exc: BaseException) -> None:
    """An error and its traceback, into the log (nothing when no log was started)."""
    LOGGER.error(what, exc_info=(type(exc), exc, exc.__traceback__))


def install_hooks() -> None:
    """Errors nobody caught, in the main thread or another, go to the log and then on to
    the hook that was there before (which prints them)."""
    if getattr(sys.excepthook, "_locplan", False):
        return
    before, before_thread = sys.excepthook, threading.excepthook

    def hook(kind, exc, tb) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            LOGGER.error("Uncaught error", exc_info=(kind, exc, tb))
        before(kind, exc, tb)

    def thread_hook(args) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread is not None else "?"
            LOGGER.error(
                "Uncaught error in thread %s",
                name,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
        before_thread(args)

    hook._locplan = True  # type: ignore[attr-defined]
    sys.excepthook = hook
    threading.excepthook = thread_hook


__all__ = ["LOGGER", "install_hooks", "log_dir", "log_exception", "standard_data_dir", "start_log"]
