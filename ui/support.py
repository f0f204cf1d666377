"""Support: the app's log file (planner/logs.py) in Qt's folder for the app's local data, and
Help → Open the log folder, for whoever is asked to send it."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QStandardPaths, QUrl, qVersion
from PySide6.QtGui import QDesktopServices

from planner.logs import log_dir, start_log


def data_dir() -> Path:
    """Qt's AppLocalDataLocation (the organisation and app names are set first)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation))


def log_folder() -> Path:
    return log_dir(data_dir())


def start_app_log() -> Path | None:
    """The log, started with the versions support asks about first."""
    return start_log("locplan-gui", data_dir(), {"Qt": qVersion(), "PySide6": PySide6.__version__})


def open_log_folder() -> bool:
    """Show the log folder in the file manager (made if there is none yet)."""
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
