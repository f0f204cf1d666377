"""Planning the project's scenarios from the window, all at once: each scenario is planned in
its own child process (planner.scenarios.run.plan_in_child), as many at a time as there are
cores, with its own progress and Cancel; the rest wait their turn. Preparing the scenarios
(materialise and check) and building the comparison run in worker processes too: the GUI
thread only starts the work and shows what comes back."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from planner.io.read import RawProject
from planner.scenarios.jobs import prepare_all
from planner.scenarios.run import ScenarioResult, plan_in_child
from planner.scenarios.view import compare_results
from ui.child import NICE
from ui.workers import ProcessCall

WAITING, RUNNING, DONE, CANCELLED = "waiting", "running", "done", "cancelled"
TICK_MS = 250


class ScenarioThread(QThread):
    """One scenario planned in a child process; this thread only waits for it (and reads its
    progress lines), so it holds the interpreter lock for moments."""

    progress = Signal(str, object)  # scenario, ProgressEvent

    def __init__(self, result: ScenarioResult, time_limit: float, parent=None) -> None:
        super().__init__(parent)
        self.result, self.time_limit = result, time_limit
        self._stop = False
        self.started_at = 0.0

    def cancel(self) -> None:
        self._stop = True

    def run(self) -> None:
        name = self.result.name
        assert self.result.project is not None
        self.result.plan = plan_in_child(
            self.result.project,
            self.time_limit,
            on_progress=lambda event: self.progress.emit(name, event),
            should_stop=lambda: self._stop,
            nice=NICE,  # below the window, like every worker of the app
        )


def workers() -> int:
    return max(1, os.cpu_count() or 1)


class ScenarioRunner(QObject):
    """Plans scenarios; says how each one goes and hands over the comparison at the end."""

    prepared = Signal(object)  # {name: ScenarioResult} (projects checked, or problems)
    state = Signal(str, str, float, str)  # scenario, WAITING/RUNNING/DONE/CANCELLED, 0..1, text
    finished = Signal(object)  # ComparisonView, or None when the work failed
    failed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.results: dict[str, ScenarioResult] = {}
        self.threads: dict[str, ScenarioThread] = {}
        self.queue: list[str] = []
        self.names: list[str] = []
        self.cancelled: set[str] = set()
        self.lang = "en"
        self.time_limit: float | None = None
        self.call: ProcessCall | None = None
        self.closed = False
        self.active = False  # a run (or a translation) waits for its comparison
        self.max_workers: int | None = None  # None: one per core (the probe sets 1 to compare)
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._on_tick)

    @property
    def running(self) -> bool:
        return self.call is not None or bool(self.threads) or bool(self.queue)

    def start(self, raw: RawProject, names: list[str], lang: str, time_limit: float | None) -> bool:
        if self.running or self.closed:
            return False
        self.lang, self.time_limit = lang, time_limit
        self.results, self.cancelled = {}, set()
        self.names = list(names)
        self.active = True
        for name in names:
            self.state.emit(name, WAITING, 0.0, "")
        call = ProcessCall(prepare_all, raw, names, parent=self)
        call.done.connect(self._on_prepared)
        call.failed.connect(lambda exc: self._fail(str(exc)))
        call.finished.connect(lambda c=call: self._call_ended(c))
        self.call = call
        call.start()
        return True

    def _call_ended(self, call: ProcessCall) -> None:
        call.deleteLater()
        if self.call is call:
            self.call = None

    def _fail(self, text: str) -> None:
        self.queue = []
        self.active = False
        self.failed.emit(text)
        self.finished.emit(None)

    def _on_prepared(self, results: dict[str, ScenarioResult]) -> None:
        self.call = None
        self.results = results
        self.prepared.emit(results)
        self.queue = []
        for name, result in results.items():
            if result.project is None:
                self.state.emit(name, DONE, 1.0, "invalid")
            elif name in self.cancelled:
                self.state.emit(name, CANCELLED, 0.0, "")
            else:
                self.queue.append(name)
        self.tick.start()
        self._launch()

    def _limit(self, result: ScenarioResult) -> float:
        if self.time_limit is not None:
            return float(self.time_limit)
        assert result.project is not None
        return float(result.project.settings.time_limit_s)

    def _launch(self) -> None:
        while (
            self.queue and len(self.threads) < (self.max_workers or workers()) and not self.closed
        ):
            name = self.queue.pop(0)
            result = self.results[name]
            thread = ScenarioThread(result, self._limit(result), self)
            thread.progress.connect(self._on_progress)
            thread.finished.connect(lambda n=name, t=thread: self._on_done(n, t))
            thread.started_at = time.monotonic()
            self.threads[name] = thread
            self.state.emit(name, RUNNING, 0.0, "")
            thread.start()
        if not self.queue and not self.threads and self.call is None:
            self._compare()

    def _on_progress(self, name: str, event) -> None:
        thread = self.threads.get(name)
        if thread is not None and event.objective is not None:
            self.state.emit(name, RUNNING, self._fraction(thread), f"best:{event.objective}")

    def _fraction(self, thread: ScenarioThread) -> float:
        return min(1.0, (time.monotonic() - thread.started_at) / max(1.0, thread.time_limit))

    def _on_tick(self) -> None:
        for name, thread in self.threads.items():
            self.state.emit(name, RUNNING, self._fraction(thread), "")

    def _on_done(self, name: str, thread: ScenarioThread) -> None:
        thread.deleteLater()
        self.threads.pop(name, None)
        plan = self.results[name].plan
        status = plan.status.value if plan is not None else "error"
        self.state.emit(name, DONE, 1.0, status)
        self._launch()

    def _compare(self) -> None:
        self.tick.stop()
        if self.closed or not self.results or not self.active:
            return
        self.active = False
        call = ProcessCall(compare_results, self.results, self.lang, parent=self)
        call.done.connect(self.finished.emit)
        call.failed.connect(lambda exc: self._fail(str(exc)))
        call.finished.connect(lambda c=call: self._call_ended(c))
        self.call = call
        call.start()

    def translate(self, lang: str) -> None:
        """The comparison again in another language (the plans are kept)."""
        if self.running or not self.results or self.closed:
            return
        self.lang = lang
        self.active = True
        self._compare()

    def cancel(self, name: str | None = None) -> None:
        """Stop one scenario (its best plan so far is kept), or every one."""
        names = [name] if name else list(self.names)
        for n in names:
            self.cancelled.add(n)
            if n in self.queue:
                self.queue.remove(n)
                self.state.emit(n, CANCELLED, 0.0, "")
            thread = self.threads.get(n)
            if thread is not None:
                thread.cancel()
        self._launch()

    def shutdown(self) -> None:
        """The page or the window closes: stop everything and wait for the threads."""
        self.closed = True
        self.queue = []
        for thread in list(self.threads.values()):
            thread.cancel()
        for thread in list(self.threads.values()):
            thread.wait(20_000)
        if self.call is not None:
            self.call.kill()
            self.call.wait(10_000)
        self.tick.stop()
