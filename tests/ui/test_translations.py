"""Every visible string is translated to Vietnamese, and the shipped .qm is built from the .ts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "locplan_vi.ts"
QM = ROOT / "resources" / "i18n" / "locplan_vi.qm"
TOOLS = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(TOOLS)) or shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _messages(ts: Path) -> list[tuple[str, str | None, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (m.findtext("source") or "", m.findtext("comment"), m.find("translation"))
        for m in root.iter("message")
    ]


def test_every_message_is_translated_with_its_placeholders():
    messages = _messages(TS)
    assert len(messages) > 150
    for source, _, translation in messages:
        assert translation is not None and translation.get("type") is None, source
        assert translation.text, source
        assert set(re.findall(r"\{\w+\}", source)) == set(
            re.findall(r"\{\w+\}", translation.text)
        ), source


def test_ts_holds_every_string_in_the_sources(tmp_path):
    """lupdate over ui/ finds no text the committed .ts lacks (run it after adding texts)."""
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in sorted((ROOT / "ui").glob("*.py"))]
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    found = {(s, c) for s, c, _ in _messages(fresh)}
    shipped = {(s, c) for s, c, _ in _messages(TS)}
    assert found - shipped == set(), "run pyside6-lupdate and resources/i18n/fill_vi.py"


def test_qm_is_built_from_the_ts(tmp_path):
    built = tmp_path / "vi.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True
    )
    assert built.read_bytes() == QM.read_bytes(), "run resources/i18n/fill_vi.py"


def test_translator_loads_and_switches_back(qapp):
    from ui import i18n

    i18n.set_language("vi", remember=False)
    try:
        assert i18n.tr("Undo") == "Hoàn tác"
        assert i18n.tr("Plan", "verb") == "Lập kế hoạch"
        assert i18n.tr("Plan") == "Kế hoạch"
    finally:
        i18n.set_language("en", remember=False)
    assert i18n.tr("Undo") == "Undo"
