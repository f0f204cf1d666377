"""The one entry of every child process (forked from the server, or a fresh Python): read the
job, call its function, send back what came of it.

The job (protocol.JOB) names the function by module and qualified name (imported once the
caller's import path is set) and says how to run it: `path`, `cwd` and `env` (the caller's, so
the child behaves as if the caller had started it now), `nice`, `memory_mb` (an address-space
limit: allocating past it raises MemoryError, answered as protocol.MEMORY), and whether the
function gets `should_stop` and `on_progress`.

The child follows its caller: the line "stop" on stdin, SIGINT, SIGTERM or SIGHUP ask the
function to end early with what it has (`should_stop()` turns true); stdin closing (the caller
ended, or has its answer) or the parent process ending (on Linux the kernel also says so with
SIGTERM, PR_SET_PDEATHSIG) ends the child at once, since nobody will read its answer.

Signal handlers here only set a plain flag (a list element), never threading.Event.set or
anything that takes a lock: a handler runs between any two bytecodes of the main thread, even
inside another handler (the kernel sends the parent-death signal once for each thread of the
parent as they die), and a second signal deadlocked a child inside Event.set.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any, cast

from planner.jobs.protocol import (
    ERROR,
    MEMORY,
    PROGRESS,
    RESULT,
    STOP,
    error_message,
    portable,
    receive,
    send,
)

FOLLOW_EVERY_S = 0.2  # how often the child looks whether its parent is still there


def main() -> None:
    """Entry of a child: its stdin and stdout are the pipes to its caller."""
    out = _channel()
    message = receive(sys.stdin.buffer)
    if message is None:  # the caller ended before it sent the job
        os._exit(0)
    _kind, job = message
    assert isinstance(job, dict)
    _setup(job)
    arguments = receive(sys.stdin.buffer)
    if arguments is None:
        os._exit(0)
    args, kwargs = cast(tuple[tuple, dict[str, Any]], arguments[1])
    stop = [False]  # set by signal handlers and the stdin watcher: a plain flag, no lock
    _follow(stop)  # stdin is the watcher's from now on
    lock = threading.Lock()
    if job["stoppable"]:
        kwargs = {**kwargs, "should_stop": lambda: stop[0]}
    if job["progress"]:
        kwargs = {**kwargs, "on_progress": lambda event: _send(out, lock, PROGRESS, event)}
    _limit(job["memory_mb"])
    _answer(out, lock, lambda: _resolve(job["module"], job["name"])(*args, **kwargs))
    os._exit(0)  # without waiting for the watchers or the libraries' threads


def _answer(out: IO[bytes], lock: threading.Lock, call: Callable[[], object]) -> None:
    try:
        kind, value = RESULT, call()
    except MemoryError:
        kind, value = MEMORY, None
    except BaseException as exc:  # whatever the function raises is its answer
        kind, value = ERROR, (portable(exc), error_message(exc))
    try:
        _send(out, lock, kind, value)
    except MemoryError:
        with contextlib.suppress(MemoryError):
            _send(out, lock, MEMORY, None)
    except (OSError, ValueError):  # nobody reads any more: the caller has ended
        pass


def _send(out: IO[bytes], lock: threading.Lock, kind: str, payload: object) -> None:
    with lock:
        send(out, kind, payload)


def _channel() -> IO[bytes]:
    """The child's end for messages; what else writes to stdout goes to stderr instead."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return out


def _setup(job: dict[str, Any]) -> None:
    """The caller's import path, folder and environment, and the child's priority."""
    sys.path[:] = job["path"]
    with contextlib.suppress(OSError):
        os.chdir(job["cwd"])
    os.environ.clear()
    os.environ.update(job["env"])
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a child that paints (a PDF) shows no window
    with contextlib.suppress(OSError, AttributeError):
        os.nice(int(job["nice"]))


def _resolve(module: str, name: str) -> Any:
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        found = getattr(found, part)
    return found


def _limit(memory_mb: int | None) -> None:
    """The address-space limit, set last: the child's threads have their stacks by now."""
    if memory_mb is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no RLIMIT_AS (a job object would be needed); the timeout
        return  # still bounds a hostile file there

    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _follow(stop: list[bool]) -> None:
    """Stop signals raise the flag; stdin's "stop" line too; stdin closing or the parent
    ending ends the child now."""

    def stop_now(*_) -> None:
        stop[0] = True

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop_now)
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    threading.Thread(target=_watch_stdin, args=(stop,), daemon=True).start()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_stdin(stop: list[bool]) -> None:
    for line in sys.stdin.buffer:
        if line == STOP:
            stop[0] = True
    os._exit(0)  # stdin closed: nobody will read the answer


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(FOLLOW_EVERY_S)
    os._exit(0)
