"""The files opened last, remembered in QSettings and listed in File → Open recent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8


class RecentFiles(QObject):
    chosen = Signal(str)  # a file picked in the menu

    def __init__(self, menu: QMenu, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = menu
        self.rebuild()

    def files(self) -> list[str]:
        value = QSettings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add(self, path: str) -> None:
        files = [path] + [p for p in self.files() if p != path]
        QSettings().setValue("recentFiles", files[:MAX_RECENT])
        self.rebuild()

    def rebuild(self) -> None:
        self.menu.clear()
        files = self.files()
        for k, path in enumerate(files, start=1):
            action = self.menu.addAction(f"&{k} {Path(path).name}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _=False, p=path: self.chosen.emit(p))
        self.menu.setEnabled(bool(files))
