"""`locplan-gui --smoke [FOLDER]`: the check run on an installed app (packaging/smoke.py runs
it on the built folder). Offscreen, it opens the sample project, plans it for a few seconds
(Cancel keeps the best plan), writes the plan workbook and the phase plan PDF into FOLDER
through the app's own exports (so its worker processes are started as a user's would be),
says what it wrote and exits 0; any failure, or no end within TIMEOUT_S, exits 1.

It leaves the user's settings, recent files and autosaves alone: the settings go to FOLDER,
and no recovery is offered. The log is the app's usual one.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from planner import version
from planner.logs import LOGGER
from ui.start_points import sample_path

PLAN_SECONDS = 5.0  # then Cancel: the sample has a plan after about two seconds
TIMEOUT_S = 300.0  # the whole check, reading and both exports included
WORKBOOK, PDF = "smoke-plan.xlsx", "smoke-plan.pdf"


def isolate_settings(folder: Path) -> None:
    """The app's settings (layout, language, recent files) in `folder`, not the user's."""
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder / "settings"))


class Smoke(QObject):
    """Drives the window through open → plan → Cancel → Excel → PDF; `finished` gives the
    exit code once the window is closed."""

    finished = Signal(int)

    def __init__(self, window, folder: Path, plan_seconds: float = PLAN_SECONDS) -> None:
        super().__init__(window)
        self.window, self.folder, self.plan_seconds = window, folder, plan_seconds
        self.code: int | None = None
        self.started = time.monotonic()
        window.project_loaded.connect(self._plan)
        window.plan_finished.connect(self._planned)
        window.exports.finished.connect(self._written)
        self.watchdog = QTimer(self, singleShot=True, interval=int(TIMEOUT_S * 1000))
        self.watchdog.timeout.connect(lambda: self._end(1, f"no end within {TIMEOUT_S:.0f} s"))

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.watchdog.start()
        self._say(f"locplan-gui {version()}: opening the sample, writing into {self.folder}")
        self.window.files.open_path(sample_path("en"))

    def _plan(self) -> None:
        doc = self.window.doc
        if doc is None or not doc.can_plan:
            self._end(1, "the sample did not open ready to plan")
            return
        self._say("planning")
        self.window.planning.start()
        QTimer.singleShot(int(self.plan_seconds * 1000), self._cancel)

    def _cancel(self) -> None:
        planning = self.window.planning
        if self.code is None and planning.plan is None:
            if planning.running:
                planning.cancel()  # the best plan so far is kept
            else:  # still checking the project: try again soon
                QTimer.singleShot(500, self._cancel)

    def _planned(self, plan) -> None:
        if self.code is not None:
            return
        if plan is None or not self.window.planning.ready:
            self._end(1, "planning gave no plan")
            return
        self._say(f"planned: {plan.status.value}, total cost {plan.total_cost:,.0f}")
        if not self.window.exports.write_excel(self.folder / WORKBOOK):
            self._end(1, "the workbook export did not start")

    def _written(self, path, ok: bool) -> None:
        if self.code is not None:
            return
        if not ok or path is None or not Path(path).is_file() or Path(path).stat().st_size == 0:
            self._end(1, f"not written: {path}")
            return
        self._say(f"wrote {Path(path).name} ({Path(path).stat().st_size:,} bytes)")
        if Path(path).name == WORKBOOK:
            if not self.window.exports.write_pdf(self.folder / PDF):
                self._end(1, "the PDF export did not start")
        else:
            self._end(0, "ok")

    def _say(self, text: str) -> None:
        line = f"smoke: {text} ({time.monotonic() - self.started:.1f} s)"
        print(line, flush=True)
        LOGGER.info(line)

    def _end(self, code: int, text: str) -> None:
        if self.code is not None:
            return
        self.code = code
        self.watchdog.stop()
        self._say(("passed: " if code == 0 else "FAILED: ") + text)
        window = self.window
        window.files.shutdown()
        window.planning.shutdown()
        if window.doc is not None:
            window.doc.undo.setClean()  # nothing to save: no question asked
        window.close()
        self.finished.emit(code)


def run(app, folder_arg: str) -> int:
    """The smoke check in `app` (already made): its exit code."""
    from ui.main_window import MainWindow  # after the translator, as the app does

    folder = Path(folder_arg) if folder_arg else Path(tempfile.mkdtemp(prefix="locplan-smoke-"))
    isolate_settings(folder)
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    smoke = Smoke(window, folder)
    smoke.finished.connect(app.exit)
    QTimer.singleShot(0, smoke.start)
    app.exec()
    return 1 if smoke.code is None else smoke.code
