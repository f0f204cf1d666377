"""The window's longest pause for `locplan bench --stalls`: the app's stall probe
(ui/stall_probe.py: a 5 ms timer on the GUI thread while the window opens, plans and exports
a project) run in its own process on the benchmark's workbook. planner never imports Qt, so
the app registers the probe under the entry point group `locplan.tools` (pyproject.toml) and
the benchmark runs it by module name."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

from planner.runtime import python_command

# The probe plans for at most this long: the pauses come from opening, showing the plan and
# the exports, not from how long the solver searches.
PROBE_SECONDS = 60.0


def probe_module() -> str | None:
    """The stall probe's module, or None when the app is not installed."""
    for entry in entry_points(group="locplan.tools", name="stall_probe"):
        return entry.module
    return None


def longest_stall(n: int, seed: int, family: str, time_limit: float) -> dict:
    """The probe's figures (ms per phase, `longest_ms`) on the generated project, or
    {"stall_error": why}."""
    module = probe_module()
    if module is None:
        return {"stall_error": "the app is not installed"}
    from planner.generate import generate_project
    from planner.io.write import write_typed

    limit = min(time_limit, PROBE_SECONDS)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "project.xlsx"
        write_typed(generate_project(n, seed=seed, family=family), path)
        # the probe is the app itself (a window, its own workers): a separate command on
        # purpose, not planner.jobs, whose children are forked from a server without Qt
        argv = [*python_command(), "-m", module, str(path), "--export", "--time-limit", str(limit)]
        try:
            done = subprocess.run(
                argv, capture_output=True, text=True, timeout=limit * 5 + 600, env=env
            )
        except subprocess.TimeoutExpired:
            return {"stall_error": "the probe did not finish"}
    if done.returncode != 0:
        return {"stall_error": done.stderr[-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])
