"""Autosave: the cells of an open project with unsaved changes are written every minute beside
the app's data, and offered back at the next start if the app did not close cleanly."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from planner.io.read import RawProject
from planner.io.write import write_raw


def folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    path = Path(base or Path.home() / ".locplan") / "autosave"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stem(original: Path | None, session: str) -> str:
    key = str(original.resolve()) if original else f"untitled-{session}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Recovery:
    workbook: Path
    original: Path | None
    saved_at: float


def write(raw: RawProject, original: Path | None, session: str) -> Path:
    """Atomic like every save; the sidecar says which file the cells belong to."""
    stem = _stem(original, session)
    target = folder() / f"{stem}.xlsx"
    write_raw(raw, target)
    meta = {"original": str(original) if original else None, "saved_at": time.time()}
    (folder() / f"{stem}.json").write_text(json.dumps(meta), encoding="utf-8")
    return target


def discard(original: Path | None, session: str) -> None:
    stem = _stem(original, session)
    for suffix in (".xlsx", ".json"):
        (folder() / f"{stem}{suffix}").unlink(missing_ok=True)


def discard_recovery(rec: Recovery) -> None:
    rec.workbook.unlink(missing_ok=True)
    rec.workbook.with_suffix(".json").unlink(missing_ok=True)


def pending() -> list[Recovery]:
    """Autosaves left behind by a session that did not close cleanly, newest first."""
    found = []
    for meta_path in folder().glob("*.json"):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        workbook = meta_path.with_suffix(".xlsx")
        if not workbook.exists():
            continue
        original = Path(meta["original"]) if meta.get("original") else None
        found.append(Recovery(workbook, original, float(meta.get("saved_at", 0))))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
