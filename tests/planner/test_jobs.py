"""Work in a child process (planner.jobs): a call answers with its result or its exception,
relays its progress, stops with what it has when asked, and is bounded in time and memory; a
crash is an outcome, not an exception; a child dies with what it started and ends when its
caller is killed outright; a dead server is replaced, and a fresh Python works the same."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from planner import jobs
from planner.jobs import run
from planner.jobs.server import Server

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 120  # a guard against a hang, far above any answer's time


@pytest.fixture(params=["forked", "fresh"])
def server(request, monkeypatch):
    """A server of our own (forked children, or fresh Pythons where there is no fork)."""
    served = Server(("json",), fresh=request.param == "fresh")
    monkeypatch.setattr(run, "SERVER", served)
    yield served
    served.stop()


@pytest.fixture
def forked(monkeypatch):
    served = Server(("json",))
    monkeypatch.setattr(run, "SERVER", served)
    yield served
    served.stop()


class Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("cannot come back")
        self.lock = threading.Lock()


def raise_unpicklable() -> None:
    raise Unpicklable()


def preloaded() -> bool:
    return "json" in sys.modules


def count(n: int, on_progress) -> int:
    for i in range(n):
        on_progress(i)
    return n


def until_stopped(should_stop, on_progress) -> str:
    """Says its pid, then works until it is asked to stop, and answers with its best."""
    on_progress(os.getpid())
    while not should_stop():
        time.sleep(0.01)
    return "best so far"


def never_stops(should_stop, on_progress) -> None:
    on_progress(os.getpid())
    while True:
        time.sleep(0.05)


def eat_memory() -> int:
    return len(bytearray(4 * 1024**3))


def exit_3() -> None:
    os._exit(3)


def sleep_then_print(seconds: float) -> None:
    time.sleep(seconds)
    print("slept", file=sys.stderr)


def grandchild(on_progress) -> None:
    """Start a process in the child's group, say its pid, and hang."""
    started = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    on_progress(started.pid)
    time.sleep(600)


def test_a_call_answers_with_its_result(server):
    outcome = jobs.run_in_child(divmod, 7, 2)
    assert (outcome.kind, outcome.value, outcome.code) == (jobs.RESULT, (3, 1), 0)
    assert jobs.run_in_child(sorted, [3, 1, 2], reverse=True).value == [3, 2, 1]


def test_a_forked_child_starts_with_the_preloaded_modules(forked):
    assert jobs.run_in_child(preloaded).value is True


def test_an_exception_comes_back_as_itself_or_as_its_text(server):
    outcome = jobs.run_in_child(int, "x")
    assert outcome.kind == jobs.ERROR and isinstance(outcome.value, ValueError)
    assert "invalid literal" in outcome.detail
    outcome = jobs.run_in_child(raise_unpicklable)
    assert outcome.kind == jobs.ERROR and isinstance(outcome.value, jobs.ChildError)
    assert jobs.summary(outcome.value) == "Unpicklable: cannot come back"
    assert "raise_unpicklable" in str(outcome.value)  # the traceback in the child


def test_progress_is_relayed_in_order(server):
    seen: list[int] = []
    outcome = jobs.run_in_child(count, 5, on_progress=seen.append)
    assert outcome.value == 5 and seen == [0, 1, 2, 3, 4]


def test_a_stop_is_honoured_and_the_best_result_still_comes(server):
    said: list[int] = []
    outcome = jobs.run_in_child(
        until_stopped, on_progress=said.append, should_stop=lambda: bool(said)
    )
    assert outcome.value == "best so far" and outcome.code == 0


def test_a_stop_asked_before_the_child_listens_is_not_lost(server):
    call = jobs.ChildCall(until_stopped, on_progress=lambda _pid: None)
    call.stop()
    assert call.run().value == "best so far"


def test_a_burst_of_signals_only_asks_the_child_to_stop(forked):
    """The child's signal handlers raise a plain flag: fifty SIGINT and SIGTERM (as a dying
    parent's threads send) stop the work, and the best result still comes."""
    said: list[int] = []

    def burst(pid: int) -> None:
        said.append(pid)
        for number in [signal.SIGINT, signal.SIGTERM] * 25:
            os.kill(pid, number)

    outcome = jobs.run_in_child(until_stopped, on_progress=burst)
    assert outcome.value == "best so far" and outcome.code == 0 and said


def test_a_child_that_will_not_stop_is_killed_after_its_grace(server):
    call = jobs.ChildCall(never_stops, on_progress=lambda _pid: call.stop(), grace_s=0.5)
    outcome = call.run()
    assert outcome.kind == jobs.CRASH and outcome.code == -signal.SIGKILL


def test_a_timeout_ends_the_child(server):
    outcome = jobs.run_in_child(time.sleep, 60, timeout_s=1)
    assert outcome.kind == jobs.TIMEOUT and outcome.code == -signal.SIGKILL


def test_the_memory_limit_holds(forked):
    outcome = jobs.run_in_child(eat_memory, memory_mb=512)
    assert outcome.kind == jobs.MEMORY
    assert outcome.peak_mb is not None and outcome.peak_mb < 1024  # it never held 1 GB


def test_a_crash_is_an_outcome(server):
    outcome = jobs.run_in_child(os.abort)
    assert outcome.kind == jobs.CRASH and outcome.code == -signal.SIGABRT
    outcome = jobs.run_in_child(exit_3)
    assert outcome.kind == jobs.CRASH and outcome.code == 3


def test_a_function_defined_in_a_function_is_refused():
    def local() -> None:
        pass

    with pytest.raises(ValueError):
        jobs.ChildCall(local)


def test_every_child_reports_its_end_without_a_further_request(forked):
    """The exit code comes from the server's loop; no later fork is needed to deliver it,
    whichever of the server's threads the SIGCHLD reached."""
    outcomes: list[tuple] = []

    def calls() -> None:
        for _ in range(10):
            outcome = jobs.run_in_child(sleep_then_print, 0.05)
            outcomes.append((outcome.kind, outcome.code))

    runner = threading.Thread(target=calls)
    runner.start()
    runner.join(WAIT_S)
    assert not runner.is_alive()
    assert outcomes == [(jobs.RESULT, 0)] * 10


def test_killing_a_child_ends_what_it_started(server):
    started: list[int] = []
    call = jobs.ChildCall(grandchild, on_progress=lambda pid: (started.append(pid), call.kill()))
    outcome = call.run()
    assert outcome.kind == jobs.CRASH and outcome.code == -signal.SIGKILL
    _until_ended(started[0])


def test_a_dead_server_is_started_again(forked):
    assert jobs.run_in_child(divmod, 9, 4).value == (2, 1)
    assert forked._process is not None
    forked._process.kill()
    forked._process.wait()
    assert jobs.run_in_child(divmod, 9, 4).value == (2, 1)


def test_a_child_ends_when_its_caller_is_killed_outright():
    """A caller killed with SIGKILL cannot stop its child: the child ends by itself (its
    stdin closes, and the server it was forked from ends)."""
    code = (
        "from planner.jobs import run_in_child\n"
        "from tests.planner.test_jobs import never_stops\n"
        "run_in_child(never_stops, on_progress=lambda pid: print(pid, flush=True))\n"
    )
    with tempfile.TemporaryFile() as errors:
        caller = subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=errors
        )
        try:
            assert caller.stdout is not None
            pid = int(caller.stdout.readline())
            started = _start_time(pid)
            caller.kill()
            caller.wait(WAIT_S)
            _until_ended(pid, started)
        finally:
            if caller.poll() is None:
                caller.kill()
            caller.wait(WAIT_S)


def _start_time(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except OSError:
        return None


def _until_ended(pid: int, started: str | None = None) -> None:
    """Wait (bounded) until `pid` is gone, a zombie, or another process's."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return
        if fields[0] in "ZX" or (started is not None and fields[19] != started):
            return
        time.sleep(0.05)
    pytest.fail(f"process {pid} outlived what should have ended it")
