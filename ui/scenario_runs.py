"""Planning the project's scenarios from the window, all at once: each scenario is planned in
its own child process (planner.scenarios.run.plan_one through ui.workers.ProcessCall), as many at a time as there are
cores, with its own progress and Cancel; the rest wait their turn. Preparing the scenarios
(materialise and check) and building the comparison run in worker processes too: the GUI
thread only starts the work and shows what comes back.

Given the plan shown (current), the base is not planned again: it is that plan, and every
scenario starts from it. Once all are planned, a scenario's plan that meets every limit of the
base and costs less there becomes the base plan (planner.scenarios.warm.settle), and the
window is told (`base_improved`)."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject, QTimer, Signal

from planner.io.read import RawProject
from planner.plan import Plan
from planner.scenarios.jobs import prepare_all, settle_and_compare
from planner.scenarios.overrides import BASE
from planner.scenarios.run import GRACE_S, ScenarioResult, failed_plan, plan_one
from planner.scenarios.view import compare_results
from ui.workers import ProcessCall

WAITING, RUNNING, DONE, CANCELLED = "waiting", "running", "done", "cancelled"
TICK_MS = 250


class ScenarioThread(ProcessCall):
    """One scenario planned in a child process (planner.scenarios.run.plan_one); this thread
    only waits for it (and relays its progress), so it holds the interpreter lock for
    moments. Cancel asks the child for its best plan, and kills it after GRACE_S."""

    def __init__(self, result: ScenarioResult, time_limit: float, parent=None, starts=()) -> None:
        assert result.project is not None
        super().__init__(
            plan_one,
            result.project,
            time_limit,
            parent=parent,
            grace_s=GRACE_S,
            starts=list(starts),  # the base plan shown: a scenario never costs more than it
        )
        self.result, self.time_limit = result, time_limit
        self.started_at = 0.0

    def cancel(self) -> None:
        self.stop()

    def run(self) -> None:
        super().run()
        outcome = self.outcome  # the plan is the result's before QThread.finished
        ok = outcome is not None and outcome.ok
        self.result.plan = outcome.value if ok else failed_plan(getattr(outcome, "code", None))


def workers() -> int:
    return max(1, os.cpu_count() or 1)


class ScenarioRunner(QObject):
    """Plans scenarios; says how each one goes and hands over the comparison at the end."""

    prepared = Signal(object)  # {name: ScenarioResult} (projects checked, or problems)
    state = Signal(str, str, float, str)  # scenario, WAITING/RUNNING/DONE/CANCELLED, 0..1, text
    finished = Signal(object)  # ComparisonView, or None when the work failed
    failed = Signal(str)
    base_improved = Signal(object, object)  # the cheaper base plan, the plan it replaces

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
        self.base_plan: Plan | None = None  # the plan shown, the base of this run
        self.settled = False  # the plans were settled against the base once
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._on_tick)

    @property
    def running(self) -> bool:
        return self.call is not None or bool(self.threads) or bool(self.queue)

    def start(
        self,
        raw: RawProject,
        names: list[str],
        lang: str,
        time_limit: float | None,
        base_plan: Plan | None = None,
    ) -> bool:
        """Plan `names`; `base_plan`: the plan shown, when current (the base is not planned
        again and every scenario starts from it)."""
        if self.running or self.closed:
            return False
        self.lang, self.time_limit = lang, time_limit
        self.base_plan = base_plan if base_plan is not None and base_plan.has_plan else None
        self.settled = False
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
        if self.base_plan is not None and BASE in results and results[BASE].project is not None:
            results[BASE].plan = self.base_plan  # the plan shown: not planned again
        elif self.base_plan is not None:
            self.base_plan = None
        for name, result in results.items():
            if result.project is None:
                self.state.emit(name, DONE, 1.0, "invalid")
            elif result.plan is not None:
                self.state.emit(name, DONE, 1.0, result.plan.status.value)
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
            starts = [self.base_plan] if self.base_plan is not None else []
            thread = ScenarioThread(result, self._limit(result), self, starts)
            thread.progress.connect(lambda event, n=name: self._on_progress(n, event))
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
        if self.settled or self.cancelled:  # a Cancel keeps the plans as they came
            call = ProcessCall(compare_results, self.results, self.lang, parent=self)
            call.done.connect(self.finished.emit)
        else:
            self.settled = True
            call = ProcessCall(
                settle_and_compare,
                self.results,
                self.lang,
                self.time_limit,
                self.base_plan is not None,
                parent=self,
            )
            call.done.connect(self._on_settled)
        call.failed.connect(lambda exc: self._fail(str(exc)))
        call.finished.connect(lambda c=call: self._call_ended(c))
        self.call = call
        call.start()

    def _on_settled(self, answer) -> None:
        view, changed = answer
        for name, plan in changed.items():
            if name in self.results:
                self.results[name].plan = plan
        if BASE in changed and self.base_plan is not None:
            self.base_improved.emit(changed[BASE], self.base_plan)
        self.finished.emit(view)

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
