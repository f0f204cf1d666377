"""The caller's side of a child process: `run_in_child(function, *args, **kwargs)` calls the
function in a child (planner/jobs/child.py, forked from the warm server of
planner/jobs/server.py) and returns an Outcome: the result, the exception, or why there is
neither (a timeout, the memory limit, a crash). `ChildCall` is the same call as an object that
another thread can stop (the function ends early with what it has) or kill.

The function must be importable by name (a module-level function) and its arguments and
result must pickle. It gets `should_stop` (a callable, true once a stop is asked) and
`on_progress` (each call's argument is relayed to the caller's on_progress) when it takes
parameters of those names.
"""

from __future__ import annotations

import atexit
import contextlib
import inspect
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from planner.jobs.protocol import ARGS, ERROR, JOB, MEMORY, PROGRESS, RESULT, STOP, receive, send
from planner.jobs.server import Server, Worker

TIMEOUT, CRASH = "timeout", "crash"  # the outcomes the caller finds (see protocol for the rest)
WAIT_S = 0.2  # how often the caller looks at its stop, its timeout and its grace
# what the server imports once for every child (planning and reading); the app adds its own
PRELOAD = ("planner.validate", "planner.io.load", "planner.optimise")
SERVER = Server(PRELOAD)
atexit.register(SERVER.stop)


def warm(preload: Iterable[str] = ()) -> None:
    """Start the server now, importing `preload` too, so that the first child is quick."""
    SERVER.start(preload)


@dataclass
class Outcome:
    """What came of a call: `kind` RESULT (`value` the result), ERROR (`value` the exception,
    or a ChildError), MEMORY, TIMEOUT or CRASH (the child ended without an answer)."""

    kind: str
    value: Any = None
    code: int | None = None  # the child's exit code (negative: the signal that ended it)
    peak_mb: float | None = None  # the child's peak resident memory, when known
    stderr: str = ""  # the end of what the child wrote on stderr
    detail: str = ""  # ERROR: the exception with its traceback in the child, as text

    @property
    def ok(self) -> bool:
        return self.kind == RESULT


def takes(function: Callable, name: str) -> bool:
    """Whether `function` has a parameter called `name`."""
    try:
        return name in inspect.signature(function).parameters
    except (TypeError, ValueError):  # a builtin without a signature
        return False


class ChildCall:
    """`function(*args, **kwargs)` in a child. `timeout_s`: killed after that long (TIMEOUT);
    `memory_mb`: its address-space limit (MEMORY); `nice`: its priority below ours;
    `should_stop`: asked every WAIT_S, a stop once true; `grace_s`: how long the function may
    take to answer once stopped before it is killed (None: as long as it takes)."""

    def __init__(
        self,
        function: Callable,
        args: tuple = (),
        kwargs: dict[str, Any] | None = None,
        *,
        timeout_s: float | None = None,
        memory_mb: int | None = None,
        nice: int = 0,
        on_progress: Callable[[Any], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        grace_s: float | None = None,
    ) -> None:
        if "<locals>" in function.__qualname__:
            raise ValueError(f"{function.__qualname__} cannot be called by name in a child")
        self.function, self.args, self.kwargs = function, args, dict(kwargs or {})
        self.timeout_s, self.memory_mb, self.nice = timeout_s, memory_mb, nice
        self.on_progress, self.should_stop, self.grace_s = on_progress, should_stop, grace_s
        self._lock = threading.Lock()
        self._child: Worker | None = None
        self._listening = False  # the job is sent: the child reads its stdin for "stop"
        self.stopped_at: float | None = None
        self.killed = False

    def stop(self) -> None:
        """Ask the function to end early with what it has (from any thread, at any time)."""
        with self._lock:
            if self.stopped_at is None:
                self.stopped_at = time.monotonic()
            if self._listening:
                self._write_stop()

    def kill(self) -> None:
        """End the child and what it started now (from any thread, at any time)."""
        with self._lock:
            self.killed = True
            if self._child is not None:
                self._child.kill()

    def _write_stop(self) -> None:
        assert self._child is not None
        with contextlib.suppress(OSError, ValueError):  # the child has ended already
            self._child.stdin.write(STOP)
            self._child.stdin.flush()

    def _job(self) -> dict[str, Any]:
        return {
            "module": self.function.__module__,
            "name": self.function.__qualname__,
            "path": list(sys.path),
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "nice": self.nice,
            "memory_mb": self.memory_mb,
            "stoppable": takes(self.function, "should_stop") and "should_stop" not in self.kwargs,
            "progress": self.on_progress is not None and takes(self.function, "on_progress"),
        }

    def run(self) -> Outcome:
        """Call the function in a child and wait for what comes of it."""
        with tempfile.TemporaryFile() as errors:
            child = SERVER.fork(errors)
            with self._lock:
                self._child = child
                if self.killed:
                    child.kill()
            answer: list[tuple[str, object]] = []
            try:
                send(child.stdin, JOB, self._job())
                send(child.stdin, ARGS, (self.args, self.kwargs))
                with self._lock:
                    self._listening = True
                    if self.stopped_at is not None:
                        self._write_stop()
            except (OSError, ValueError):  # the child ended (killed) before it had its job
                pass
            timed_out = self._wait(child, answer)
            code = child.wait()
            peak = None if child.peak_kb is None else round(child.peak_kb / 1024, 1)
            if answer and not timed_out:
                kind, value = answer[0]
                if kind == ERROR:
                    value, detail = cast(tuple[BaseException, str], value)
                    return Outcome(kind, value, code, peak, detail=detail)
                return Outcome(kind, value, code, peak)
            errors.seek(0)
            tail = errors.read()[-4000:].decode("utf-8", errors="replace")
            return Outcome(TIMEOUT if timed_out else CRASH, None, code, peak, tail)

    def _wait(self, child: Worker, answer: list) -> bool:
        """Read the child's messages until it has answered or ended; stop it when asked, kill it
        once out of time or grace. True when it was killed for its timeout."""
        reader = threading.Thread(target=self._read, args=(child, answer), daemon=True)
        reader.start()
        started = time.monotonic()
        timed_out = False
        while reader.is_alive():
            reader.join(WAIT_S)
            if not reader.is_alive():
                break
            now = time.monotonic()
            if self.stopped_at is None and self.should_stop is not None and self.should_stop():
                self.stop()
            late = self.timeout_s is not None and now - started > self.timeout_s
            stopped = self.stopped_at
            if late or (
                stopped is not None and self.grace_s is not None and now - stopped > self.grace_s
            ):
                timed_out = timed_out or late
                child.kill()
                reader.join()
        return timed_out

    def _read(self, child: Worker, answer: list) -> None:
        while (message := receive(child.stdout)) is not None:
            kind, payload = message
            if kind == PROGRESS:
                if self.on_progress is not None:
                    with contextlib.suppress(Exception):  # a progress line is never worth a failure
                        self.on_progress(payload)
            elif kind in (RESULT, ERROR, MEMORY):
                answer.append((kind, payload))
                return


OPTIONS = ("timeout_s", "memory_mb", "nice", "on_progress", "should_stop", "grace_s")


def run_in_child(function: Callable, *args: Any, **kwargs: Any) -> Outcome:
    """`function(*args, **kwargs)` in a child process. The keyword arguments named in OPTIONS
    are ChildCall's options, not the function's (it cannot take parameters of those names)."""
    options = {name: kwargs.pop(name) for name in OPTIONS if name in kwargs}
    return ChildCall(function, args, kwargs, **options).run()
