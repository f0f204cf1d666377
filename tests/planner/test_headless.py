"""The engine runs without Qt: importing every planner module never loads PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import planner


def test_planner_imports_without_qt():
    modules = [m.name for m in pkgutil.walk_packages(planner.__path__, "planner.")]
    script = textwrap.dedent(f"""
        import importlib, sys
        class Forbid:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6", "ui"):
                    raise ImportError("planner imported " + name)
        sys.meta_path.insert(0, Forbid())
        for name in {modules!r}:
            importlib.import_module(name)
        print("ok", len({modules!r}))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")
