"""Hostile and broken files are refused fast, with bounded memory, without hurting the app."""

from __future__ import annotations

import os
import struct
import time
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from planner.io import load
from planner.io.guard import RefusedFile, precheck_xlsx, run_isolated
from planner.io.read import read_project
from planner.validate import check_file


def _no_parser(*args, **kwargs):
    raise AssertionError("the cheap pre-check should refuse this before any parser starts")


def _refused(path: Path, code: str) -> RefusedFile:
    """Refused by the pre-check, from the zip's structure alone: no child parser was started
    (that, not a stopwatch, is what keeps a hostile file fast to refuse)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "run_isolated", _no_parser)
        with pytest.raises(RefusedFile) as info:
            read_project(path)
    assert info.value.code == code, info.value.message_en
    assert info.value.message_en and info.value.message_vi
    return info.value


def _real_book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Components"
    wb.active.append(["component_id"])
    wb.active.append(["P1"])
    wb.save(path)
    return path


def test_real_workbook_passes(tmp_path):
    precheck_xlsx(_real_book(tmp_path / "ok.xlsx"))


def test_text_renamed_to_xlsx(tmp_path):
    path = tmp_path / "parts.xlsx"
    path.write_text("component_id,price\nP1,2\n")
    assert "not an Excel workbook" in _refused(path, "not_workbook").message_en


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    _refused(path, "empty")


def test_password_protected_xlsx(tmp_path):
    path = tmp_path / "locked.xlsx"
    package = "EncryptedPackage".encode("utf-16-le")  # the stream such a file holds
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096 + package)
    assert "password" in _refused(path, "encrypted").message_en


def test_truncated_workbook(tmp_path):
    good = _real_book(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    _refused(path, "corrupt")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8" * 100)
    _refused(path, "not_workbook")


def _bomb(path: Path, inflated: int) -> Path:
    """A workbook whose shared strings inflate to `inflated` bytes of zeros (streamed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(inflated >> 20):
                member.write(chunk)
    return path


def test_zip_bomb(tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 1 << 30)  # 1 GiB of zeros, about 1 MB on disk
    assert path.stat().st_size < 3 * 1024 * 1024
    assert "zip bomb" in _refused(path, "bomb").message_en


def test_too_many_members(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(20_000):
            archive.writestr(f"xl/media/{i}.bin", b"")
    _refused(path, "bomb")


def test_path_traversal(tmp_path):
    path = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("../../etc/cron.d/x", "boom")
    _refused(path, "bad_path")


def _patch_member(path: Path, member: str, transform) -> None:
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            if info.filename == member:
                data = transform(data)
            archive.writestr(info.filename, data)


def test_sheet_spanning_the_whole_grid(tmp_path):
    """<dimension ref="A1:XFD1048576"/> and a cell at XFD1048576: openpyxl alone hangs."""
    path = _real_book(tmp_path / "huge.xlsx")

    def stretch(xml: bytes) -> bytes:
        xml = xml.replace(b'<dimension ref="A1:A2" />', b'<dimension ref="A1:XFD1048576" />')
        assert b"XFD1048576" in xml
        return xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        )

    _patch_member(path, "xl/worksheets/sheet1.xml", stretch)
    result = check_file(path)
    assert not result.ok
    assert [p.code for p in result.errors] == ["too_wide"]  # the reader stopped at XFD


def test_billion_laughs_entity_expansion(tmp_path):
    """Nested entities that would expand to gigabytes: defusedxml refuses any DTD entity."""
    path = _real_book(tmp_path / "laughs.xlsx")
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))

    def inject(xml: bytes) -> bytes:
        doctype = f'<!DOCTYPE worksheet [<!ENTITY l0 "ha">{laughs}]>'.encode()
        xml = xml.replace(b"<is><t>P1</t></is>", b"<is><t>&l9;</t></is>")
        assert b"&l9;" in xml
        return doctype + xml

    _patch_member(path, "xl/worksheets/sheet1.xml", inject)
    with pytest.raises(RefusedFile) as info:
        read_project(path)
    assert info.value.code == "damaged" and "EntitiesForbidden" in info.value.message_en


# The sandbox itself --------------------------------------------------------------------------


def _double(x: int) -> int:
    return 2 * x


def _abort() -> None:
    os.abort()


def _sleep() -> None:
    time.sleep(60)


def _eat_memory() -> int:
    block = bytearray(4 * 1024**3)
    return len(block)


def _refuse() -> None:
    raise RefusedFile("custom", "custom reason", "lý do riêng")


def test_run_isolated_returns_the_result():
    assert run_isolated(_double, 21) == 42


def test_a_crashing_parser_does_not_take_the_app_down():
    with pytest.raises(RefusedFile) as info:
        run_isolated(_abort)
    assert info.value.code == "crash"


def test_a_hanging_parser_is_stopped():
    with pytest.raises(RefusedFile) as info:
        run_isolated(_sleep, timeout_s=2)
    assert info.value.code == "timeout" and "more than 2 s" in info.value.message_en


def test_a_greedy_parser_is_bounded():
    """(That the child never held 1 GB: tests/planner/test_jobs.py, the memory limit.)"""
    with pytest.raises(RefusedFile) as info:
        run_isolated(_eat_memory, memory_mb=512)
    assert info.value.code == "memory" and "512 MB" in info.value.message_en


def test_refusals_from_the_child_keep_their_words():
    with pytest.raises(RefusedFile) as info:
        run_isolated(_refuse)
    assert (info.value.code, info.value.message_vi) == ("custom", "lý do riêng")


def test_zip_declared_sizes_are_not_trusted_blindly(tmp_path):
    """A local header may lie; the central directory is what zipfile reads: both are checked."""
    path = _bomb(tmp_path / "b.xlsx", 64 << 20)
    data = bytearray(path.read_bytes())
    # Shrink the declared size in the central directory: the ratio check no longer fires,
    # but the workbook still holds no sheet, and reading is bounded by the sandbox anyway.
    offset = data.rfind(b"PK\x01\x02")
    assert offset > 0
    struct.pack_into("<I", data, offset + 24, 100)
    path.write_bytes(bytes(data))
    result = check_file(path)
    assert not result.ok
    assert zlib  # keep the import honest: the bomb is deflate-compressed
