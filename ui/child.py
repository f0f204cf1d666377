"""Work in a child Python: its memory and its interpreter lock are its own, so writing a large
workbook (openpyxl sorts and collects hundreds of thousands of cells in single C calls) never
stalls the GUI. No Qt is imported here; a child that paints a PDF starts its own offscreen Qt.

Messages are pickles, each preceded by its length. `spawn` forks a child from a server that
has imported the engine once; `call_main` is the entry of a child that calls one function.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import struct
import sys
import threading
import traceback
from typing import IO

from ui.fork_server import Server, Worker

HEADER = struct.Struct("!Q")  # the length of the pickle that follows
SPLIT_DEPTH, SPLIT_MOST = 4, 64  # how deep and how wide a message is cut into pieces
CALL = "ui.child:call_main"
# what the server imports once for every child it forks (a second or two each then saves)
WARM = (
    "planner.validate",
    "planner.io.read",
    "planner.io.write",
    "planner.report.workbook",
    "ui.open_project",
    "ui.printing",
)
SERVER = Server(WARM)
NICE = 5  # a worker's priority below the window's: the window stays quick on two cores


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


def spawn(main: str, errors: IO[bytes]) -> Worker:
    """A worker running `main` ("module:function"), forked from the server (ui/fork_server.py)
    that has imported WARM once: it starts in milliseconds, not in the second or two a fresh
    Python takes. Its stderr goes to `errors`."""
    return SERVER.fork(main, errors)


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


def warm() -> None:
    """Start the server now (the app starts), so that the first worker is quick."""
    SERVER.start()


STOP = b"stop\n"  # on a child's stdin, after its job: end early with what you have


class StopLine:
    """Our end of a child's "stop" line: asked from any thread at any time, written once the
    child's job is (the child reads its stdin for the line only after the job)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: Worker | None = None
        self.asked = False

    def job_sent(self, child: Worker) -> None:
        with self._lock:
            self._child = child
            if self.asked:  # asked before the child was listening
                self._write()

    def ask(self) -> None:
        with self._lock:
            self.asked = True
            if self._child is not None:
                self._write()

    def _write(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # the child has ended already
            self._child.stdin.write(STOP)
            self._child.stdin.flush()


def stop_requested() -> threading.Event:
    """The child's end: set once the line "stop" comes on stdin, or stdin closes (the app
    quit or died)."""
    stop = threading.Event()

    def watch_stdin() -> None:
        for line in sys.stdin.buffer:
            if line == STOP:
                break
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    return stop


def call_main() -> None:
    """Entry of a child that calls one function: (function, args, kwargs, stoppable) come
    pickled on stdin; ("result", value) or ("error", exception or text) goes back. Stdin
    closing before a job comes ends it quietly. A stoppable function gets `should_stop`: true
    once a line "stop" comes on stdin, or stdin closes (the app quit)."""
    out = channel()
    message = receive(sys.stdin.buffer)
    if message is None:
        return
    _kind, (function, args, kwargs, stoppable) = message
    if stoppable:
        kwargs = {**kwargs, "should_stop": stop_requested().is_set}
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
