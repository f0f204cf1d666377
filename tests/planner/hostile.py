"""Hostile and careless inputs, built for real on disk, and the CLI run as a user runs it.

Shared by the red-team row tests and by the sweep that runs every hostile file through
`locplan` (tests/planner/test_redteam_cli.py).
"""

from __future__ import annotations

import contextlib
import copy
import csv
import ctypes
import io
import os
import pickle
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from planner.cli import main
from tests.planner.conftest import SMALL, write_book

FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def sheets() -> dict[str, list[list[object]]]:
    return copy.deepcopy(SMALL)


def write_csvs(
    folder: Path,
    tables: dict[str, list[list[object]]],
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """One CSV file per sheet, as Excel's 'Save as CSV' writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
        (folder / f"{name}.csv").write_bytes(out.getvalue().encode(encoding))
    return folder


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`locplan ARGV` in this process: (exit code, stdout, stderr). An exception escaping
    main() is a traceback the user would see: it fails the test that called this."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


# Running without root's power to read and write anything --------------------------------

CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _drop_dac_override() -> None:
    """Drop the capabilities that let root ignore file permissions (this process only)."""
    libc = ctypes.CDLL(None, use_errno=True)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    mask = ~((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH)) & 0xFFFFFFFF
    data[0].effective &= mask
    data[0].permitted &= mask
    data[0].inheritable &= mask
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def as_plain_user(func: Callable[[], object]) -> object:
    """func() as a user without root's override of file permissions, so that chmod really
    protects a file or folder (the tests may run as root, in CI containers too)."""
    if os.geteuid() != 0:
        return func()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop the override, run, send the outcome back
        os.close(read)
        try:
            _drop_dac_override()
            outcome = ("ok", func())
        except BaseException as exc:
            outcome = ("raised", f"{type(exc).__name__}: {exc}")
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    status, value = pickle.loads(data)
    if status != "ok":
        raise AssertionError(f"the unprivileged run raised {value}")
    return value


# Looking inside written workbooks ----------------------------------------------------------


def live_formulas(path: Path) -> list[str]:
    """Every <f> element of the workbook's sheets and every chart reference that is more than
    a cell range: what Excel would run."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += [f"{name}: {m.group(0)!r}" for m in FORMULA_TAG.finditer(data)]
            elif name.startswith("xl/charts/"):
                for ref in re.findall(rb"<c:f>([^<]*)</c:f>", data):
                    if not re.fullmatch(rb"'?[^!]+'?!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?", ref):
                        found.append(f"{name}: {ref!r}")
            elif name.startswith("docProps/"):
                for text in re.findall(rb">([^<]+)<", data):
                    if text.startswith((b"=", b"+", b"@")):
                        found.append(f"{name}: {text!r}")
    return found


def unprotected_text(path: Path) -> list[str]:
    """Cells whose text starts like a formula but is not quote-prefixed."""
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if (
                    isinstance(value, str)
                    and value.startswith(("=", "+", "-", "@", "\t", "\r"))
                    and not cell.quotePrefix
                ):
                    out.append(f"{ws.title}!{cell.coordinate}: {value!r}")
    return out


__all__ = [
    "SMALL",
    "as_plain_user",
    "live_formulas",
    "run_cli",
    "sheets",
    "unprotected_text",
    "write_book",
    "write_csvs",
]
