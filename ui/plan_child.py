"""The planning process: the app plans in a child Python, so no engine work (building the
model, the greedy plan, the checker, the plan's tables) ever competes with the GUI thread for
the interpreter lock. No Qt here: the child starts with the engine only.

Messages are pickled, each preceded by its length: ("progress", ProgressEvent), then
("plan", Plan), ("report", PlanReport or None) or ("error", text). A line "stop" on the child's
stdin (or stdin closing) asks the planner to stop with its best plan.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import threading
import traceback
from typing import BinaryIO

HEADER = struct.Struct("!Q")  # the length of the pickle that follows


def send(channel: BinaryIO, kind: str, payload: object) -> None:
    data = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
    channel.write(HEADER.pack(len(data)) + data)
    channel.flush()


def receive(stream: BinaryIO) -> tuple[str, object] | None:
    """The next message, or None when the child has closed its end."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def plan_and_report(project, time_limit_s: float, lang: str, channel: BinaryIO, stop) -> None:
    """Plan, then build the report the screen shows (with its search index)."""
    from planner.optimise import plan_project
    from planner.report.plan_report import build_report

    plan = plan_project(
        project,
        time_limit_s=time_limit_s,
        on_progress=lambda event: send(channel, "progress", event),
        should_stop=stop.is_set,
    )
    send(channel, "plan", plan)
    report = build_report(project, plan, lang).index_for_search() if plan.has_plan else None
    send(channel, "report", report)


def main() -> None:
    """Entry of the child: the job (project, time limit, language) comes pickled on stdin."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt messages
    project, time_limit_s, lang = pickle.load(sys.stdin.buffer)
    stop = threading.Event()

    def watch_stdin() -> None:
        for line in sys.stdin.buffer:
            if line.strip() == b"stop":
                break
        stop.set()  # "stop", or the app closed our stdin (it quit or died)

    threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        plan_and_report(project, time_limit_s, lang, channel, stop)
    except Exception as exc:  # a failed plan is a message, never a crash
        detail = "".join(traceback.format_exception(exc))
        send(channel, "error", f"{type(exc).__name__}: {exc}\n\n{detail}")
    channel.close()
