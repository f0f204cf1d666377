"""The program of the one-folder app, built twice from this script (packaging/locplan.spec):
as `locplan` (the command line) and as `locplan-gui` (the desktop app). Each runs the command
of pyproject.toml named as its file, and with `--child-python -c CODE ...` it is the Python
the app's worker processes need (planner/runtime.py)."""

import sys

from planner.runtime import launch

if __name__ == "__main__":
    raise SystemExit(launch(sys.argv, sys.executable))
