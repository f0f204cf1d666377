"""`--lang vi` speaks Vietnamese in every command's output, with the app's number formats
(1.234 USD, 12,5%), and English stays as scripts read it."""

from __future__ import annotations

import copy
import re

from tests.planner.conftest import SMALL, write_book
from tests.planner.hostile import run_cli

ENGLISH = re.compile(r"\b(status|total.cost|gap|final share|ended by|components|Wrote|nan)\b")


def _book(tmp_path):
    return str(write_book(copy.deepcopy(SMALL), tmp_path / "small.xlsx"))


def test_every_command_speaks_vietnamese(tmp_path):
    path = _book(tmp_path)
    runs = {
        "check": ["--lang", "vi", "check", path],
        "plan": [
            "--lang",
            "vi",
            "plan",
            path,
            "-o",
            str(tmp_path / "p.xlsx"),
            "--time-limit",
            "10",
        ],
        "sweep": [
            "--lang",
            "vi",
            "sweep",
            path,
            "--final-share",
            "60%:40%:10%",
            "--time-limit",
            "10",
            "--workers",
            "1",
        ],
        "template": ["--lang", "vi", "template", str(tmp_path / "mau.xlsx")],
    }
    said = {}
    for command, argv in runs.items():
        code, out, err = run_cli(argv)
        assert code == 0, (command, err)
        said[command] = out + err
        assert not ENGLISH.search(said[command]), (command, said[command])
    for command in ("plan", "sweep"):
        assert re.search(r"\d{3}\.\d{3} USD", said[command]), said[command]  # 204.800 USD
        assert re.search(r"\d+,\d+%", said[command]), said[command]  # 0,00%
    assert "tỷ lệ cuối" in said["sweep"] and "trạng thái" in said["sweep"]
    assert "tối ưu" in said["sweep"]


def test_english_output_keeps_the_codes_a_script_reads(tmp_path):
    code, out, _ = run_cli(
        ["plan", _book(tmp_path), "-o", str(tmp_path / "p.xlsx"), "--time-limit", "10"]
    )
    assert code == 0
    assert re.search(r"status: optimal  total_cost: \$[\d,]+  best_bound: \$[\d,]+", out), out
