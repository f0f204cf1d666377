"""The planning process: the app plans in a child Python, so no engine work (building the
model, the greedy plan, the checker, the plan's tables) ever competes with the GUI thread for
the interpreter lock. No Qt here: the child starts with the engine only.

Messages are pickled, each preceded by its length: ("progress", ProgressEvent), then
("plan", Plan), ("report", PlanReport or None) or ("error", text). A line "stop" on the child's
stdin (or stdin closing) asks the planner to stop with its best plan.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from ui.child import channel, error_message, receive, send, stop_requested

MAIN = "ui.plan_child:main"


def report_for_screen(project, plan, lang: str):
    """The plan's report as the app shows it (with its search index), in `lang`."""
    from planner.report.plan_report import build_report

    return build_report(project, plan, lang, story=False).index_for_search()


def plan_and_report(project, time_limit_s: float, lang: str, out: IO[bytes], stop) -> None:
    """Plan, price its margins, then build the report the screen shows (with its search
    index)."""
    from planner.optimise import plan_project
    from planner.optimise.margins import with_margin_prices

    def progress(event) -> None:
        send(out, "progress", event)

    plan = plan_project(
        project, time_limit_s=time_limit_s, on_progress=progress, should_stop=stop.is_set
    )
    plan = with_margin_prices(
        project, plan, time_limit_s=time_limit_s, on_progress=progress, should_stop=stop.is_set
    )
    send(out, "plan", plan)
    send(out, "report", report_for_screen(project, plan, lang) if plan.has_plan else None)


def main() -> None:
    """Entry of the child: the job (project, time limit, language) comes pickled on stdin."""
    out = channel()
    message = receive(sys.stdin.buffer)
    if message is None:
        return
    _kind, (project, time_limit_s, lang) = message
    stop = stop_requested()
    try:
        plan_and_report(project, time_limit_s, lang, out, stop)
    except Exception as exc:  # a failed plan is a message, never a crash
        send(out, "error", error_message(exc))
    out.close()
    sys.stderr.flush()
    os._exit(0)  # the stdin watcher may still be reading: end without waiting for it
