"""Work in a child Python: its memory and its interpreter lock are its own, so writing a large
workbook (openpyxl sorts and collects hundreds of thousands of cells in single C calls) never
stalls the GUI. No Qt is imported here; a child that paints a PDF starts its own offscreen Qt.

Messages are pickles, each preceded by its length. `start` runs a child on the same Python
with the app's code importable; `call_main` is the entry of a child that calls one function.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import importlib
import os
import pickle
import struct
import subprocess
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from typing import IO

HEADER = struct.Struct("!Q")  # the length of the pickle that follows
SPLIT_DEPTH, SPLIT_MOST = 4, 64  # how deep and how wide a message is cut into pieces
ROOT = Path(__file__).resolve().parents[1]
CALL = "from ui.child import call_main; call_main()"
# what a spare child imports while it waits for work (a second or two it then saves)
WARM = (
    "planner.validate",
    "planner.io.read",
    "planner.io.write",
    "planner.report.workbook",
    "ui.open_project",
    "ui.printing",
)
NICE = 5  # a worker's priority below the window's: the window stays quick on two cores
_spare: tuple[subprocess.Popen, IO[bytes]] | None = None
_lock = threading.Lock()
_registered: list[object] = []


def _frame(channel: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    channel.write(HEADER.pack(len(data)) + data)


def _unframe(stream: IO[bytes]) -> object:
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        raise EOFError("the other end closed")
    (size,) = HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other end closed")
    return pickle.loads(data)


def _shape(obj: object, depth: int, leaves: list) -> object:
    """How `obj` splits into pieces pickled one by one: a dataclass by its fields, a dict by
    its values, a short tuple by its items; the pieces go to `leaves`."""
    if depth > 0:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            fields = [
                (f.name, _shape(getattr(obj, f.name), depth - 1, leaves))
                for f in dataclasses.fields(obj)
            ]
            return ("dataclass", type(obj), fields)
        if type(obj) is dict and len(obj) <= SPLIT_MOST:
            return ("dict", [(k, _shape(v, depth - 1, leaves)) for k, v in obj.items()])
        if type(obj) is tuple and len(obj) <= SPLIT_MOST:
            return ("tuple", [_shape(v, depth - 1, leaves) for v in obj])
    leaves.append(obj)
    return ("leaf",)


def _build(shape, leaves) -> object:
    kind = shape[0]
    if kind == "leaf":
        return next(leaves)
    if kind == "tuple":
        return tuple(_build(s, leaves) for s in shape[1])
    if kind == "dict":
        return {k: _build(s, leaves) for k, s in shape[1]}
    obj = shape[1].__new__(shape[1])
    for name, s in shape[2]:
        object.__setattr__(obj, name, _build(s, leaves))  # frozen dataclasses too
    return obj


def send(channel: IO[bytes], kind: str, payload: object) -> None:
    """A message in pieces (see _shape): whoever reads it unpickles one piece at a time, so
    a large plan or project never holds the interpreter lock for one long call."""
    leaves: list = []
    shape = _shape(payload, SPLIT_DEPTH, leaves)
    _frame(channel, (kind, shape, len(leaves)))
    for leaf in leaves:
        _frame(channel, leaf)
    channel.flush()


def receive(stream: IO[bytes]) -> tuple[str, object] | None:
    """The next message, or None when the other end has closed."""
    try:
        kind, shape, count = _unframe(stream)  # type: ignore[misc]
        leaves = [_unframe(stream) for _ in range(count)]
    except EOFError:
        return None
    return kind, _build(shape, iter(leaves))


def start(code: str, errors: IO[bytes]) -> subprocess.Popen:
    """A child Python running `code`, its stdin and stdout piped to us, in its own process
    group (so that killing it also ends what it started, e.g. a solver)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"  # a child that paints (a PDF) never shows a window
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        env=env,
        start_new_session=True,
    )


def channel() -> IO[bytes]:
    """The child's end for messages; what else writes to stdout goes to stderr instead. The
    child also yields the processor to the app's window (background work, lower priority)."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(NICE)
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return out


def error_message(exc: BaseException) -> str:
    """An exception as the window shows it: its type and message, then the traceback."""
    detail = "".join(traceback.format_exception(exc))
    return f"{type(exc).__name__}: {exc}\n\n{detail}"


def spare_call() -> tuple[subprocess.Popen, IO[bytes]]:
    """A child waiting to call one function (see call_main), already warm, and where its
    stderr goes; another is started to wait for the next call."""
    global _spare
    with _lock:
        taken, _spare = _spare, None
        if taken is None or taken[0].poll() is not None:
            taken = _start_spare()
        _spare = _start_spare()
    return taken


def warm() -> None:
    """Start a child waiting for work now (the app starts), so the first call is quick."""
    global _spare
    with _lock:
        if _spare is None or _spare[0].poll() is not None:
            _spare = _start_spare()


def _start_spare() -> tuple[subprocess.Popen, IO[bytes]]:
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by whoever takes the child
    if not _registered:
        _registered.append(atexit.register(stop_spare))
    return start(CALL, errors), errors


def stop_spare() -> None:
    """End the waiting child (the app quits); it would also end on its own when our end of
    its stdin closes."""
    global _spare
    with _lock:
        taken, _spare = _spare, None
    if taken is not None:
        with contextlib.suppress(OSError):
            taken[0].kill()
        taken[0].wait()
        taken[1].close()


def call_main() -> None:
    """Entry of a child that calls one function: it imports WARM, then (function, args,
    kwargs) come pickled on stdin; ("result", value) or ("error", exception or text) goes
    back. Stdin closing before a job comes ends it quietly."""
    out = channel()
    for name in WARM:
        importlib.import_module(name)
    message = receive(sys.stdin.buffer)
    if message is None:
        return
    _kind, (function, args, kwargs) = message
    try:
        result = function(*args, **kwargs)
    except Exception as exc:
        try:
            pickle.loads(pickle.dumps(exc))  # it must come back as itself
            send(out, "error", exc)
        except Exception:  # an exception that does not pickle goes back as its text
            send(out, "error", error_message(exc))
    else:
        send(out, "result", result)
    out.close()
