"""packaging/smoke.py, the check of a built one-folder app, on fake built folders: small
scripts that answer as the real programs do, or fail as a broken build would. (The real build
takes minutes and is not part of the suite: `make dist smoke`.)"""

from __future__ import annotations

import importlib.util
import stat
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("smoke", ROOT / "packaging" / "smoke.py")
smoke = importlib.util.module_from_spec(_spec)
sys.modules["smoke"] = smoke  # its dataclasses look their module up
_spec.loader.exec_module(smoke)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fakes are scripts")

VERSION = "1.2.3"
CLI = """
import os, sys, zipfile
from pathlib import Path
args = sys.argv[1:]
if os.environ.get("PYTHONPATH") or os.environ.get("VIRTUAL_ENV"):
    sys.exit("a developer's environment leaked in")
if args == ["--version"]:
    print("locplan VERSION")
elif args[0] == "--child-python":
    print(Path(__file__).resolve().parent / "_internal" / "planner" / "__init__.py")
    print(args[3:])
elif args[0] == "check":
    print("OK: 150 components")
elif args[0] == "plan":
    with zipfile.ZipFile(args[args.index("-o") + 1], "w") as book:
        book.writestr("xl/sharedStrings.xml", "<sst>Supplier Localization Planner VERSION</sst>")
    Path(args[args.index("--pdf") + 1]).write_bytes(b"%PDF-1.7 a plan")
"""
GUI = """
import os, sys, zipfile
from pathlib import Path
out = Path(sys.argv[2])
out.mkdir(parents=True)
with zipfile.ZipFile(out / "smoke-plan.xlsx", "w") as book:
    book.writestr("xl/workbook.xml", "<workbook/>")
if not BROKEN:
    (out / "smoke-plan.pdf").write_bytes(b"%PDF-1.7 a plan")
log = Path(os.environ["LOCPLAN_LOG_DIR"])
log.mkdir(parents=True)
(log / "locplan.log").write_text("x INFO locplan-gui VERSION started: Python 3.11")
print("This plugin does not support propagateSizeHints()")
print("smoke: passed: ok")
"""


def _script(path: Path, body: str) -> None:
    path.write_text(f"#!{sys.executable}\n{body}")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def built(tmp_path: Path, *, broken: bool = False, without: str = "") -> Path:
    """A fake dist/locplan: both programs and every file the real one holds."""
    folder = tmp_path / "dist" / "locplan"
    inner = folder / "_internal"
    inner.mkdir(parents=True)
    for name in smoke.CONTENTS:
        if name != without:
            (inner / name).write_bytes(b"x")
    _script(folder / "locplan", CLI.replace("VERSION", VERSION))
    _script(folder / "locplan-gui", GUI.replace("VERSION", VERSION).replace("BROKEN", str(broken)))
    return folder


def _results(report) -> dict[str, bool]:
    return {c.name: c.ok for c in report.checks}


def test_a_good_build_passes_every_check_in_a_clean_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # as in a developer's shell: not passed on
    monkeypatch.setenv("VIRTUAL_ENV", str(ROOT / ".venv"))
    archive = tmp_path / "dist" / "locplan-1.2.3-linux-x86_64.tar.gz"
    folder = built(tmp_path)
    archive.write_bytes(b"\0" * 2**20)
    report = smoke.smoke(folder, archive, VERSION)
    assert report.ok, report.lines()
    assert set(_results(report)) == {
        "copied away from the source tree",
        "both programs",
        "contents",
        "locplan --version",
        "child Python from the folder",
        "locplan check (sample)",
        "locplan plan --pdf (sample)",
        "the workbook names the version",
        "locplan-gui --smoke",
        "the log names the version",
    }
    assert report.figures["archive"] == "locplan-1.2.3-linux-x86_64.tar.gz, 1 MiB"
    assert set(report.figures) >= {"folder", "locplan --version", "locplan-gui --smoke"}
    assert report.lines()[-1] == "smoke: all checks passed"
    gui = next(c for c in report.checks if c.name == "locplan-gui --smoke")
    assert gui.detail == "smoke: passed: ok"  # its own last word, not Qt's warning


def test_an_app_that_exits_0_without_its_pdf_fails(tmp_path):
    report = smoke.smoke(built(tmp_path, broken=True), None, VERSION)
    assert not report.ok
    assert [n for n, ok in _results(report).items() if not ok] == ["locplan-gui --smoke"]
    assert report.lines()[-1] == "smoke: FAILED"


def test_another_version_than_pyprojects_fails(tmp_path):
    report = smoke.smoke(built(tmp_path), None, "9.9.9")
    failed = [n for n, ok in _results(report).items() if not ok]
    assert failed == [
        "locplan --version",
        "the workbook names the version",
        "the log names the version",
    ]


def test_a_missing_translation_is_named_and_nothing_is_run(tmp_path):
    report = smoke.smoke(built(tmp_path, without="locplan_vi.qm"), None, VERSION)
    contents = next(c for c in report.checks if c.name == "contents")
    assert not contents.ok and contents.detail == "missing locplan_vi.qm"
    assert "locplan --version" not in _results(report)


def test_the_environment_is_a_users(tmp_path):
    env = smoke.clean_env(
        {
            "PATH": "/work/.venv/bin:/usr/bin",
            "VIRTUAL_ENV": "/work/.venv",
            "PYTHONPATH": "/work",
            "LOCPLAN_CLOCK": "off",
            "LANG": "vi_VN.UTF-8",
        },
        tmp_path,
    )
    assert env["PATH"] == "/usr/bin" and env["LANG"] == "vi_VN.UTF-8"
    assert not {"VIRTUAL_ENV", "PYTHONPATH", "LOCPLAN_CLOCK"} & set(env)
    assert env["HOME"] == str(tmp_path) and env["LOCPLAN_LOG_DIR"] == str(tmp_path / "logs")


def test_the_small_checks(tmp_path):
    book = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/sharedStrings.xml", "<sst><t>Supplier Localization Planner 1.2.3</t></sst>")
    assert smoke.workbook_names(book, "Planner 1.2.3") and not smoke.workbook_names(book, "4.5")
    assert smoke.written(book, b"PK") and not smoke.written(book, b"%PDF")
    assert not smoke.written(tmp_path / "none.pdf", b"%PDF")
    assert smoke.outside(tmp_path, ROOT) and not smoke.outside(ROOT / "packaging", ROOT)
    assert (
        smoke.expected_version()
        == smoke.tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    )
    assert smoke.main([str(tmp_path / "no such folder")]) == 2
