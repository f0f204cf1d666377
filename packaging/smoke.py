"""Check a built one-folder app as a user's computer would run it (`make smoke`).

    python3 packaging/smoke.py dist/locplan [--archive dist/locplan-0.1.0-linux-x86_64.tar.gz]

The folder is copied to a temporary folder away from the source tree and run with a clean
environment (no PYTHONPATH, PYTHONHOME or VIRTUAL_ENV; a temporary home and log folder), so
nothing of this repository or its virtual environments can help it. It checks:
  - the folder holds both programs, the translations, the PDF's fonts, the samples and guides;
  - `locplan --version` states the version of pyproject.toml (the packed metadata is read);
  - the frozen program runs Python code from its own folder (`--child-python`: the workers);
  - `locplan check` passes the sample, and `locplan plan --pdf` writes a workbook (naming
    the version) and a PDF (the PDF writer is found through the packed entry points);
  - `locplan-gui --smoke` opens, plans and exports the sample offscreen and exits 0;
  - the log file names the version.
It prints each check, then the folder's size, the archive's, and the times; exit 0 when every
check passed. Standard library only: any Python 3.11 runs it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "vr_headset_bac_ninh.xlsx"
# what the folder must hold, by name anywhere inside it
CONTENTS = (
    "locplan_vi.qm",
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    SAMPLE,
    "vr_headset_bac_ninh_vi.xlsx",
    "guide.md",
    "guide.vi.md",
    "phase-plan-page.png",
    "entry_points.txt",
)
DROPPED = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "CONDA_PREFIX")
TIMEOUT_S = 600


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    seconds: float | None = None


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    figures: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str = "", seconds: float | None = None) -> bool:
        self.checks.append(Check(name, ok, detail, seconds))
        return ok

    def lines(self) -> list[str]:
        out = []
        for c in self.checks:
            took = f" [{c.seconds:.1f} s]" if c.seconds is not None else ""
            out.append(
                f"{'PASS' if c.ok else 'FAIL'}  {c.name}{took}{': ' + c.detail if c.detail else ''}"
            )
        out += [f"{k}: {v}" for k, v in self.figures.items()]
        out.append("smoke: all checks passed" if self.ok else "smoke: FAILED")
        return out


def expected_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The version pyproject.toml states (the one the app must show)."""
    with open(pyproject, "rb") as f:
        return tomllib.load(f)["project"]["version"]


def clean_env(environ: dict[str, str], home: Path) -> dict[str, str]:
    """The environment a user's session would give: no Python settings of a developer's,
    no virtual environment on PATH, a fresh home, the log in `home/logs`, no display."""
    env = {k: v for k, v in environ.items() if k not in DROPPED and not k.startswith("LOCPLAN_")}
    venv = environ.get("VIRTUAL_ENV")
    parts = env.get("PATH", "").split(os.pathsep)
    env["PATH"] = os.pathsep.join(p for p in parts if p and not (venv and p.startswith(venv)))
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        LOCPLAN_LOG_DIR=str(home / "logs"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def program(folder: Path, name: str) -> Path:
    """`name` in the folder (`name.exe` on Windows)."""
    exe = folder / (name + ".exe")
    return exe if exe.exists() else folder / name


def folder_size(path: Path) -> int:
    """Bytes of every file under `path` (links not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"


def missing_contents(folder: Path) -> list[str]:
    names = {p.name for p in folder.rglob("*")}
    return [n for n in CONTENTS if n not in names]


def outside(path: Path, tree: Path) -> bool:
    """True when `path` is not inside `tree`."""
    try:
        path.resolve().relative_to(tree.resolve())
    except ValueError:
        return True
    return False


def run(argv: list, env: dict, cwd: Path) -> tuple[int, str, float]:
    """Exit code, output (stdout and stderr) and seconds of one command."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [str(a) for a in argv],
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return -1, f"no end within {TIMEOUT_S} s", time.perf_counter() - started
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - started


def last_line(text: str, prefix: str = "") -> str:
    """The output's last line (the last starting with `prefix`, when one does)."""
    lines = [s for s in text.strip().splitlines() if s.strip()]
    lines = [s for s in lines if s.startswith(prefix)] or lines
    return lines[-1][-300:] if lines else ""


def written(path: Path, magic: bytes) -> bool:
    """A file that is there, not empty, and starts as its kind does."""
    return path.is_file() and path.stat().st_size > 0 and path.read_bytes()[: len(magic)] == magic


def workbook_names(path: Path, text: str) -> bool:
    """True when the .xlsx holds `text` among its cells (shared strings or inline)."""
    with zipfile.ZipFile(path) as book:
        return any(
            text in book.read(name).decode("utf-8", "replace")
            for name in book.namelist()
            if name.startswith("xl/") and name.endswith(".xml")
        )


def check_folder(report: Report, app: Path) -> bool:
    missing = missing_contents(app)
    found = [n for n in ("locplan", "locplan-gui") if program(app, n).is_file()]
    report.add("both programs", len(found) == 2, ", ".join(found))
    return report.add("contents", not missing, "missing " + ", ".join(missing) if missing else "")


def check_cli(report: Report, app: Path, env: dict, work: Path, version: str) -> None:
    cli = program(app, "locplan")
    code, out, took = run([cli, "--version"], env, work)
    again = run([cli, "--version"], env, work)[2]  # the files in the disk cache now
    report.figures["locplan --version"] = f"{took:.2f} s first, {again:.2f} s again"
    report.add(
        "locplan --version", code == 0 and out.strip() == f"locplan {version}", out.strip(), took
    )
    probe = "import planner, sys; print(planner.__file__); print(sys.argv[1:])"
    code, out, took = run([cli, "--child-python", "-c", probe, "a b"], env, work)
    lines = out.strip().splitlines()
    ok = (
        code == 0 and len(lines) >= 2 and not outside(Path(lines[0]), app) and lines[1] == "['a b']"
    )
    report.add("child Python from the folder", ok, last_line(out), took)
    sample = next(app.rglob(SAMPLE), None)
    if sample is None:
        report.add("locplan check", False, "no sample in the folder")
        return
    code, out, took = run([cli, "check", sample], env, work)
    report.add("locplan check (sample)", code == 0, last_line(out), took)
    book, pdf = work / "cli-plan.xlsx", work / "cli-plan.pdf"
    argv = [cli, "plan", sample, "-o", book, "--pdf", pdf, "--time-limit", "10"]
    code, out, took = run(argv, env, work)
    ok = code == 0 and written(book, b"PK") and written(pdf, b"%PDF")
    report.add("locplan plan --pdf (sample)", ok, last_line(out), took)
    if ok:
        stated = f"Supplier Localization Planner {version}"
        report.add("the workbook names the version", workbook_names(book, stated), stated)


def check_gui(report: Report, app: Path, env: dict, work: Path, version: str) -> None:
    out_dir = work / "gui"
    code, out, took = run([program(app, "locplan-gui"), "--smoke", out_dir], env, work)
    report.figures["locplan-gui --smoke"] = f"{took:.1f} s"
    ok = (
        code == 0
        and written(out_dir / "smoke-plan.xlsx", b"PK")
        and written(out_dir / "smoke-plan.pdf", b"%PDF")
    )
    report.add("locplan-gui --smoke", ok, last_line(out, "smoke:"), took)
    log = Path(env["LOCPLAN_LOG_DIR"]) / "locplan.log"
    text = log.read_text("utf-8", "replace") if log.is_file() else ""
    report.add("the log names the version", f"locplan-gui {version} started" in text, str(log))


def smoke(folder: Path, archive: Path | None, version: str, keep: bool = False) -> Report:
    """Every check on a copy of `folder`; the report."""
    report = Report()
    if archive is not None and archive.is_file():
        report.figures["archive"] = f"{archive.name}, {mib(archive.stat().st_size)}"
    tmp = Path(tempfile.mkdtemp(prefix="locplan-smoke-"))
    try:
        app = tmp / folder.name
        shutil.copytree(folder, app, symlinks=True)
        report.figures["folder"] = mib(folder_size(app))
        report.add("copied away from the source tree", outside(app, ROOT), str(app))
        home, work = tmp / "home", tmp / "work"
        home.mkdir()
        work.mkdir()
        env = clean_env(dict(os.environ), home)
        if check_folder(report, app):
            check_cli(report, app, env, work, version)
            check_gui(report, app, env, work, version)
    finally:
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the built folder, e.g. dist/locplan")
    parser.add_argument("--archive", type=Path, help="the archive made of it (its size)")
    parser.add_argument("--version", dest="expect", help="default: pyproject.toml's")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"smoke: no folder {args.folder} (run make dist first)", file=sys.stderr)
        return 2
    report = smoke(args.folder, args.archive, args.expect or expected_version(), args.keep)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
