"""The messages between a caller and its child process: pickles, each preceded by its length.

A message is (kind, payload) sent in pieces (see `_shape`): whoever reads it unpickles one
piece at a time, so a large plan or project never holds the interpreter lock for one long
call (the app's window keeps painting while a plan comes back).

The caller sends two messages on the child's stdin, JOB (what to call and how: see
planner/jobs/child.py) and ARGS (the arguments), then at most the line STOP. The child answers
on its stdout with any number of PROGRESS messages, then one of RESULT, ERROR (the exception,
or a ChildError with its text when it does not pickle, and its traceback as text) or MEMORY (the child ran out of the
memory it was allowed).
"""

from __future__ import annotations

import dataclasses
import pickle
import struct
import traceback
from typing import IO, Any, cast

JOB, ARGS, PROGRESS, RESULT, ERROR, MEMORY = "job", "args", "progress", "result", "error", "memory"
STOP = b"stop\n"  # on a child's stdin, after its job: end early with what you have
HEADER = struct.Struct("!Q")  # the length of the pickle that follows
SPLIT_DEPTH, SPLIT_MOST = 4, 64  # how deep and how wide a message is cut into pieces


class ChildError(RuntimeError):
    """The child failed with an exception that could not come back as itself: its text (type,
    message, then the traceback)."""


def error_message(exc: BaseException) -> str:
    """An exception as the window shows it: its type and message, then the traceback."""
    detail = "".join(traceback.format_exception(exc))
    return f"{type(exc).__name__}: {exc}\n\n{detail}"


def summary(exc: BaseException) -> str:
    """An exception in one line: its type and message."""
    if isinstance(exc, ChildError):
        return str(exc).partition("\n\n")[0]
    return f"{type(exc).__name__}: {exc}"


def portable(exc: BaseException) -> BaseException:
    """The exception if it comes back as itself through a pickle, else a ChildError."""
    try:
        pickle.loads(pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        return ChildError(error_message(exc))
    return exc


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
    """One message, in pieces (see _shape)."""
    leaves: list = []
    shape = _shape(payload, SPLIT_DEPTH, leaves)
    _frame(channel, (kind, shape, len(leaves)))
    for leaf in leaves:
        _frame(channel, leaf)
    channel.flush()


def receive(stream: IO[bytes]) -> tuple[str, object] | None:
    """The next message, or None when the other end has closed."""
    try:
        kind, shape, count = cast(tuple[str, Any, int], _unframe(stream))
        leaves = [_unframe(stream) for _ in range(count)]
    except EOFError:
        return None
    return kind, _build(shape, iter(leaves))
