"""How long the GUI's event loop stalls while the app opens a project, plans it and exports it.

A 5 ms timer runs on the GUI thread; a stall is how much later than due it fires (the
event loop was busy, or waiting for the interpreter lock). `locplan bench` runs this as
`python -m ui.stall_probe FILE [--plan] [--export] [--compare]`, which prints one JSON object:
{"file": ..., "open_ms": ..., "plan_ms": ..., "export_xlsx_ms": ..., "export_pdf_ms": ...,
"longest_ms": ...} (a phase not run is left out). `--compare` plans the base and every
scenario from the Scenarios page, once in parallel (one per core) and once one after
another, and adds their wall times, the speed-up and the longest stall of each.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, SignalInstance

INTERVAL_MS = 5
PHASE_TIMEOUT_S = 3600
SETTLE_MS = 300  # after a phase's signal: its last repaints and deferred work count too


class StallProbe(QObject):
    """The longest delay of a 5 ms timer on the GUI thread, per phase."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._on_timeout)
        self._last = 0.0
        self.longest = 0.0  # seconds

    def _on_timeout(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last - INTERVAL_MS / 1000)
        self._last = now

    def run(self, start, signal: SignalInstance, timeout_s: float = PHASE_TIMEOUT_S) -> float:
        """Call `start` from the event loop and run it until `signal` (and SETTLE_MS more);
        the longest stall in ms."""
        loop = QEventLoop()

        def settle() -> None:
            QTimer.singleShot(SETTLE_MS, loop.quit)

        signal.connect(settle)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        QTimer.singleShot(0, start)
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer.start()
        loop.exec()
        self._on_timeout()  # the work that ended the phase (it emitted `signal`) counts too
        self.timer.stop()
        signal.disconnect(settle)
        return round(1000 * max(0.0, self.longest), 1)


def measure(
    path: Path,
    plan: bool = False,
    export: bool = False,
    time_limit_s: float | None = None,
    compare: bool = False,
) -> dict:
    """Open `path` in the main window (then plan it, then export the plan) and report the
    longest stall of each phase in milliseconds."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import make_app

    make_app()
    from ui.main_window import MainWindow
    from ui.settings_cells import set_setting

    window = MainWindow()
    window.show()
    settle = QEventLoop()  # the window's first paint is the app starting, not the opening
    QTimer.singleShot(SETTLE_MS, settle.quit)
    settle.exec()
    probe = StallProbe(window)
    out: dict = {"file": str(path)}
    out["open_ms"] = probe.run(lambda: window.files.open_path(path), window.project_loaded)
    try:
        if (plan or export) and window.doc is not None and window.doc.can_plan:
            if time_limit_s is not None:
                set_setting(window.doc, "time_limit_s", float(time_limit_s), "time limit")
            out["plan_ms"] = probe.run(window.planning.start, window.plan_finished)
            out["planned"] = window.planning.ready
        if export and window.planning.ready:
            with tempfile.TemporaryDirectory(prefix="locplan-stall-") as folder:
                for kind, write in (
                    ("xlsx", window.exports.write_excel),
                    ("pdf", window.exports.write_pdf),
                ):
                    target = Path(folder) / f"plan.{kind}"
                    out[f"export_{kind}_ms"] = probe.run(
                        lambda w=write, t=target: w(t), window.exports.finished
                    )
        if compare and window.doc is not None:
            out.update(_compare(window, probe, time_limit_s))
    finally:
        if window.doc is not None:
            window.doc.undo.setClean()  # the time limit was set for the probe only
        window.close()
    out["longest_ms"] = max(v for k, v in out.items() if k.endswith("_ms"))
    return out


def _compare(window, probe: StallProbe, time_limit_s: float | None) -> dict:
    """The scenarios planned side by side (one per core), then one after another."""
    from ui.scenario_runs import workers

    window.show_page_named("compare")
    page = window.stack.currentWidget()
    out: dict = {"scenarios": page.scenarios.names(), "cores": workers()}
    for key, most in (("parallel", None), ("sequential", 1)):
        page.compare.runner.max_workers = most
        began = time.perf_counter()
        out[f"compare_{key}_ms"] = probe.run(
            lambda: page.plan_scenarios(time_limit=time_limit_s), page.compare.compared
        )
        out[f"compare_{key}_s"] = round(time.perf_counter() - began - SETTLE_MS / 1000, 2)
        view = page.view
        out[f"compare_{key}_statuses"] = dict(view.statuses) if view is not None else {}
    out["compare_speedup"] = round(out["compare_sequential_s"] / out["compare_parallel_s"], 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.stall_probe", description=__doc__)
    parser.add_argument("file", type=Path, help="project workbook (.xlsx) or CSV folder")
    parser.add_argument("--plan", action="store_true", help="plan the project once open")
    parser.add_argument("--export", action="store_true", help="plan, then write both exports")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="plan every scenario in parallel, then one after another (Scenarios page)",
    )
    parser.add_argument("--time-limit", type=float, help="the planner's time limit (seconds)")
    args = parser.parse_args(argv)
    result = measure(args.file, args.plan, args.export, args.time_limit, args.compare)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
