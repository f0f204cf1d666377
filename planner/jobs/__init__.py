"""Work in a child process, one way for all: a plain function called by name in a child forked
from a warm server (planner/jobs/server.py), with progress, stop, a timeout and a memory
limit (planner/jobs/run.py), over one protocol (planner/jobs/protocol.py)."""

from planner.jobs.protocol import ERROR, MEMORY, RESULT, ChildError, error_message, summary
from planner.jobs.run import CRASH, TIMEOUT, ChildCall, Outcome, run_in_child, warm

__all__ = [
    "CRASH",
    "ERROR",
    "MEMORY",
    "RESULT",
    "TIMEOUT",
    "ChildCall",
    "ChildError",
    "Outcome",
    "error_message",
    "run_in_child",
    "summary",
    "warm",
]
