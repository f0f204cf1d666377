"""Every hostile file of the red-team list through `locplan`: never a traceback, exit 1 (2 for
usage) with a sentence that says what is wrong."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.planner.hostile import as_plain_user, run_cli, sheets, write_book, write_csvs


def _folder(tmp: Path) -> Path:
    return write_csvs(tmp / "csv", sheets())


def _replace(folder: Path, name: str, make: Callable[[Path], None]) -> Path:
    (folder / name).unlink()
    make(folder / name)
    return folder


def _rezip(path: Path, drop: str | None = None, swap: tuple[bytes, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path) as archive:
        items = [(i.filename, archive.read(i)) for i in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            if name == drop:
                continue
            if swap:
                data = data.replace(*swap)
            archive.writestr(name, data)
    return path


def _book(tmp: Path, name: str = "p.xlsx") -> Path:
    return write_book(sheets(), tmp / name)


def _stray_quote(tmp: Path) -> Path:
    tables = sheets()
    tables["Components"] += [[f"X-{i}", "d", "c", "SZ-PCB", "CN", 0.1] for i in range(7000)]
    folder = write_csvs(tmp / "csv", tables)
    path = folder / "Components.csv"
    path.write_text(path.read_text().replace(",Front housing,", ',"Front housing,', 1))
    return folder


def _unreadable(path: Path) -> Path:
    path.chmod(0)
    return path


def _bomb_members(tmp: Path) -> Path:
    path = tmp / "members.xlsx"
    zeros = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(12):
            with archive.open(f"xl/media/{i}.bin", "w") as member:
                for _ in range(9):
                    member.write(zeros)
    return path


def _xlsb(tmp: Path) -> Path:
    path = tmp / "b.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


def _missing_part(tmp: Path) -> Path:
    path = _book(tmp)
    index = openpyxl.load_workbook(path).sheetnames.index("BOM") + 1
    return _rezip(path, drop=f"xl/worksheets/sheet{index}.xml")


def _strict(tmp: Path) -> Path:
    path = _book(tmp)
    old, new = (
        b"schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"purl.oclc.org/ooxml/spreadsheetml/main",
    )
    return _rezip(path, swap=(old, new))


def _huge(tmp: Path, parts: int, periods: int) -> Path:
    tables = sheets()
    tables["Components"] += [[f"X-{i}", "", "", "SZ-PCB", "CN", 0.1] for i in range(parts)]
    tables["Periods"] = [tables["Periods"][0]] + [[f"P{t:02d}"] for t in range(periods)]
    return write_csvs(tmp / "big", tables)


def _mapping(tmp: Path, text: str) -> Path:
    path = tmp / "map.json"
    path.write_text(text)
    return path


# case: (argv from a temporary folder, expected exit code, words the message must hold)
CASES: dict[str, tuple[Callable[[Path], list[str]], int, str]] = {
    "F14 FIFO named Components.csv": (
        lambda t: ["check", str(_replace(_folder(t), "Components.csv", os.mkfifo))],
        1,
        "pipe (FIFO)",
    ),
    "F15 FIFO given as file.csv": (
        lambda t: (os.mkfifo(t / "f.csv"), ["check", str(t / "f.csv")])[1],
        1,
        "pipe (FIFO)",
    ),
    "F16 FIFO given as file.xlsx": (
        lambda t: (os.mkfifo(t / "f.xlsx"), ["plan", str(t / "f.xlsx")])[1],
        1,
        "pipe (FIFO)",
    ),
    "F17 a CSV that is /dev/zero": (
        lambda t: [
            "check",
            str(_replace(_folder(t), "Components.csv", lambda p: p.symlink_to("/dev/zero"))),
        ],
        1,
        "a device",
    ),
    "F18 dangling link": (
        lambda t: [
            "check",
            str(_replace(_folder(t), "Offers.csv", lambda p: p.symlink_to(t / "gone.csv"))),
        ],
        1,
        "does not exist",
    ),
    "F19 directory named Offers.csv": (
        lambda t: ["check", str(_replace(_folder(t), "Offers.csv", Path.mkdir))],
        1,
        "a folder",
    ),
    "F20 unreadable CSV": (
        lambda t: ["check", str(_unreadable(_folder(t) / "Offers.csv").parent)],
        1,
        "permission denied",
    ),
    "F21 unreadable xlsx": (lambda t: ["plan", str(_unreadable(_book(t)))], 1, "permission denied"),
    "F07 stray quote, 260 kB": (lambda t: ["check", str(_stray_quote(t))], 1, 'A quote (")'),
    "F10 one-line CSV": (
        lambda t: (
            (t / "Components.csv").write_bytes(b"1;" * 2_000_000),
            ["check", str(t / "Components.csv")],
        )[1],
        1,
        "on one line",
    ),
    "F11 sparse NUL CSV": (
        lambda t: (os.truncate(_folder(t) / "Offers.csv", 3_000_000), ["check", str(t / "csv")])[1],
        1,
        "NUL bytes",
    ),
    "D03 members under the ratio check": (
        lambda t: ["check", str(_bomb_members(t))],
        1,
        "zip bomb",
    ),
    "D14 listed sheet missing": (lambda t: ["plan", str(_missing_part(t))], 1, "is damaged"),
    "D21 Strict Open XML": (lambda t: ["check", str(_strict(t))], 1, "Strict Open XML"),
    "D24 .xlsb": (lambda t: ["check", str(_xlsb(t))], 1, "save it as 'Excel Workbook"),
    "H09 parts beyond the limit": (
        lambda t: ["plan", str(_huge(t, 20_000, 8))],
        1,
        "at most 20,000",
    ),
    "H12 beyond 4 GB": (lambda t: ["plan", str(_huge(t, 10_500, 40))], 1, "GB of memory"),
    "G05 read-only target": (
        lambda t: ["plan", str(_book(t)), "-o", str(_unreadable(_book(t, "old.xlsx")))],
        1,
        "read-only",
    ),
    "G06 -o is a folder": (
        lambda t: ["plan", str(_book(t)), "-o", str(t)],
        1,
        "a folder is in the way",
    ),
    "G07 -o in a missing folder": (
        lambda t: ["plan", str(_book(t)), "-o", str(t / "no" / "p.xlsx")],
        1,
        "does not exist",
    ),
    "G08 -o is the input": (
        lambda t: ["plan", str(_book(t)), "-o", str(t / "p.xlsx")],
        1,
        "would replace it",
    ),
    "G09 --pdf equals -o": (
        lambda t: ["plan", str(_book(t)), "-o", str(t / "o.xlsx"), "--pdf", str(t / "o.xlsx")],
        1,
        "name the same file",
    ),
    "J03a mapping not JSON": (
        lambda t: ["check", str(_book(t)), "--mapping", str(_mapping(t, "{sheets:"))],
        2,
        "cannot be used",
    ),
    "J03b mapping with a list": (
        lambda t: [
            "check",
            str(_book(t)),
            "--mapping",
            str(_mapping(t, '{"columns": {"BOM": []}}')),
        ],
        2,
        "must be a JSON object",
    ),
    "J03e mapping to an unknown column": (
        lambda t: [
            "check",
            str(_book(t)),
            "--mapping",
            str(_mapping(t, '{"columns": {"BOM": {"a": "b"}}}')),
        ],
        2,
        "not a column",
    ),
    "J03f mapping file is a FIFO": (
        lambda t: (
            os.mkfifo(t / "m.json"),
            ["check", str(_book(t)), "--mapping", str(t / "m.json")],
        )[1],
        2,
        "pipe (FIFO)",
    ),
    "J06 --time-limit nan": (
        lambda t: ["plan", str(_book(t)), "--time-limit", "nan"],
        2,
        "time limit",
    ),
    "J08 --time-limit -5": (
        lambda t: ["plan", str(_book(t)), "--time-limit", "-5"],
        2,
        "time limit",
    ),
    "J09 generate --components 0": (
        lambda t: ["generate", str(t / "g.xlsx"), "--components", "0"],
        2,
        "1 or more",
    ),
    "J11 generate --periods 0": (
        lambda t: ["generate", str(t / "g.xlsx"), "--periods", "0"],
        2,
        "1 or more",
    ),
    "J12 generate into a missing folder": (
        lambda t: ["generate", str(t / "no" / "g.xlsx"), "--components", "3"],
        1,
        "does not exist",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_hostile_file_through_the_cli_is_a_sentence(tmp_path, case):
    build, expected, words = CASES[case]
    argv = build(tmp_path)
    code, out, err = as_plain_user(lambda: run_cli(argv))  # chmod protects, as for a user
    said = out + err
    assert "Traceback" not in said and "Error:" not in said.replace("error:", "")
    assert code == expected, said
    assert words in said, said
    assert said.strip()[-1] in ".)!?" or said.strip().endswith(tuple("0123456789")), said
