"""How this program starts a child Python, installed or frozen into the one-folder app.

Installed (pip, a virtual environment), `sys.executable` is Python and a child is
`[sys.executable, "-c", CODE, ...]`. In the one-folder app PyInstaller builds (packaging/),
`sys.executable` is the app's own program (`locplan-gui` or `locplan`), which starts the app,
not Python: there the child is `[sys.executable, "--child-python", "-c", CODE, ...]`, and the
program's launcher (packaging/launcher.py, through `launch`) runs the code as Python would.
Every child the app or the engine starts goes through `python_command()`.
"""

from __future__ import annotations

import runpy
import sys
import traceback
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path

CHILD_FLAG = "--child-python"  # the frozen program's hidden mode: behave as `python`
SCRIPT_GROUPS = ("console_scripts", "gui_scripts")  # where pyproject.toml's commands are


def frozen() -> bool:
    """True in the one-folder app (PyInstaller sets `sys.frozen`)."""
    return bool(getattr(sys, "frozen", False))


def python_command() -> list[str]:
    """The start of a command line that runs Python: `[python]`, or the frozen app's own
    program in its child mode. Append `-c CODE args` or `-m MODULE args` as for Python."""
    if frozen():
        return [sys.executable, CHILD_FLAG]
    return [sys.executable]


def run_child(args: Sequence[str]) -> int:
    """Run `-c CODE [ARG...]` or `-m MODULE [ARG...]` as `python` would (the frozen child
    mode); the exit code. An uncaught exception prints its traceback and gives 1 (a frozen
    windowed program would otherwise show it in a dialog box nobody asked for)."""
    if len(args) < 2 or args[0] not in ("-c", "-m"):
        print(f"{CHILD_FLAG}: expected -c CODE or -m MODULE, got {list(args)}", file=sys.stderr)
        return 2
    mode, target, rest = args[0], args[1], list(args[2:])
    try:
        if mode == "-c":
            sys.argv = ["-c", *rest]
            namespace = {"__name__": "__main__", "__builtins__": __builtins__}
            exec(compile(target, "<string>", "exec"), namespace)
        else:
            sys.argv = [target, *rest]
            runpy.run_module(target, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return _exit_code(exc.code)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message"), as Python does
    return 1


def launch(argv: Sequence[str], program: str) -> int:
    """The frozen program's main: the child mode when asked for, else the command of
    pyproject.toml named as the program (`locplan`, `locplan-gui`), found in the package
    metadata the build copies beside it."""
    if len(argv) > 1 and argv[1] == CHILD_FLAG:
        return run_child(argv[2:])
    name = Path(program).stem
    for group in SCRIPT_GROUPS:
        for entry in entry_points(group=group, name=name):
            try:
                return _exit_code(entry.load()())
            except SystemExit as exc:
                return _exit_code(exc.code)
    print(f"{name}: no such command in this build", file=sys.stderr)
    return 2


__all__ = ["CHILD_FLAG", "frozen", "launch", "python_command", "run_child"]
