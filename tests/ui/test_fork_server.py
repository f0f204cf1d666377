"""The server that forks the app's workers: a worker starts warm, answers, reports how it
ended without anyone else asking, dies with what it started, and a dead server is replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest

from ui import child
from ui.fork_server import Server

WAIT_S = 60  # a guard against a hang, far above any answer's time


@pytest.fixture
def server():
    served = Server(child.WARM)
    yield served
    served.stop()


def call(server: Server, function, *args) -> tuple[object, int, str]:
    """(message, exit code, stderr) of one call in a forked worker."""
    with tempfile.TemporaryFile() as errors:
        worker = server.fork(child.CALL, errors)
        child.send(worker.stdin, "call", (function, args, {}, False))
        worker.stdin.close()
        message = child.receive(worker.stdout)
        code = worker.wait()
        errors.seek(0)
        return message, code, errors.read().decode()


def warm_modules() -> list[str]:
    return [name for name in child.WARM if name in sys.modules]


def sleep_then_print(seconds: float) -> None:
    time.sleep(seconds)
    print("slept", file=sys.stderr)


def grandchild_pid() -> int:
    """Start a process in the worker's group, and hang."""
    started = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    print(started.pid, file=sys.stderr, flush=True)
    time.sleep(600)
    return started.pid


def test_a_worker_answers_with_the_engine_already_imported(server):
    message, code, _ = call(server, warm_modules)
    assert message == ("result", list(child.WARM)) and code == 0
    assert call(server, divmod, 7, 2)[:2] == (("result", (3, 1)), 0)


def test_an_exception_comes_back_and_a_crash_gives_its_signal(server):
    (kind, error), code, _ = call(server, int, "x")
    assert kind == "error" and isinstance(error, ValueError) and code == 0
    message, code, _ = call(server, os.abort)
    assert message is None and code == -signal.SIGABRT


def test_every_worker_reports_its_end_without_a_further_request(server):
    """The exit code comes from the server's loop; no later fork is needed to deliver it,
    whichever of the server's threads the SIGCHLD reached."""
    outcomes: list[tuple] = []

    def run() -> None:
        for _ in range(10):
            outcomes.append(call(server, sleep_then_print, 0.05))

    runner = threading.Thread(target=run)
    runner.start()
    runner.join(WAIT_S)
    assert not runner.is_alive()
    assert outcomes == [(("result", None), 0, "slept\n")] * 10


def test_killing_a_worker_ends_what_it_started(server):
    with tempfile.TemporaryFile() as errors:
        worker = server.fork(child.CALL, errors)
        child.send(worker.stdin, "call", (grandchild_pid, (), {}, False))
        worker.stdin.close()
        for _ in range(WAIT_S * 10):  # until the worker has started its own child
            errors.seek(0)
            if errors.read().strip():
                break
            time.sleep(0.1)
        errors.seek(0)
        started = int(errors.read())
        worker.kill()
        assert child.receive(worker.stdout) is None
        assert worker.wait() == -signal.SIGKILL
    for _ in range(WAIT_S * 10):  # the kill reaches the group's members one by one
        try:
            os.kill(started, 0)
        except ProcessLookupError:
            break
        if _zombie(started):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the worker's own child outlived it")


def test_a_dead_server_is_started_again(server):
    assert call(server, divmod, 9, 4)[0] == ("result", (2, 1))
    server._process.kill()
    server._process.wait()
    assert call(server, divmod, 9, 4)[0] == ("result", (2, 1))


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
