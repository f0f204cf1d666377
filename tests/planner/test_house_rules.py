"""House rules the code keeps without anyone remembering them: every function of the engine
reads in one screen (about 80 lines), so a rule is a small piece that can be tested alone."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "planner"
MOST_LINES = 80


def test_no_function_of_the_engine_is_longer_than_a_screen():
    long = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MOST_LINES:
                    long.append(
                        f"{path.relative_to(ENGINE.parent)}:{node.lineno} {node.name} {lines}"
                    )
    assert not long, "split these into named steps:\n" + "\n".join(long)
