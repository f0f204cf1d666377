"""Child Pythons: installed, `python -c`; in the one-folder app, the app's own program in its
child mode, which runs the code as Python would (planner/runtime.py, packaging/launcher.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planner import runtime
from planner.runtime import CHILD_FLAG, launch, python_command, run_child

ROOT = Path(__file__).resolve().parents[2]


def test_installed_the_child_is_this_python(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert python_command() == [sys.executable]


def test_frozen_the_child_is_the_app_in_its_child_mode(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/locplan/locplan-gui")
    assert python_command() == ["/opt/locplan/locplan-gui", CHILD_FLAG]


def test_every_child_is_started_through_python_command():
    """No module of the app names sys.executable to start a child (a frozen app would start
    itself instead of Python)."""
    users = [
        str(path.relative_to(ROOT))
        for folder in ("planner", "ui")
        for path in (ROOT / folder).rglob("*.py")
        if "sys.executable" in path.read_text("utf-8") and path.name != "runtime.py"
    ]
    assert users == []


def test_the_child_mode_runs_code_with_its_arguments(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    code = "import sys; print(sys.argv); raise SystemExit(int(sys.argv[2]))"
    assert run_child(["-c", code, "first", "3"]) == 3
    assert capsys.readouterr().out.strip() == "['-c', 'first', '3']"


def test_the_child_mode_runs_a_module(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert run_child(["-m", "json.tool", "--help"]) == 0
    assert "json.tool" in capsys.readouterr().out


def test_an_error_in_the_child_is_printed_and_gives_1(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert run_child(["-c", "1 / 0"]) == 1
    assert "ZeroDivisionError" in capsys.readouterr().err
    assert run_child(["-x"]) == 2  # neither -c nor -m


def test_the_launcher_runs_the_command_named_as_its_program(monkeypatch):
    class Entry:
        def load(self):
            return lambda: 7

    seen = []

    def found(group, name):
        seen.append((group, name))
        return [Entry()] if (group, name) == ("gui_scripts", "locplan-gui") else []

    monkeypatch.setattr(runtime, "entry_points", found)
    assert launch(["x"], r"C:\Program Files\LocPlan\locplan-gui.exe".replace("\\", "/")) == 7
    assert ("gui_scripts", "locplan-gui") in seen
    assert launch(["x"], "/opt/locplan/unknown") == 2


@pytest.mark.parametrize("args", [["-c", "import sys; print(sys.argv[1:])", "a b", "c"]])
def test_the_launcher_script_in_child_mode_is_python(args):
    """packaging/launcher.py, as the frozen program runs it, with the child flag."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "launcher.py"), CHILD_FLAG, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['a b', 'c']"
