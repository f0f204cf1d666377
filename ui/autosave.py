"""Autosave: the cells of an open project with unsaved changes are written every minute beside
the app's data, and offered back at the next start if the app did not close cleanly.

Each window (session) has its own autosave, even for the same file, and holds a lock while it
runs, so a second app never offers back the autosave of a window that is still open. Nothing
found in the folder can stop the app from starting: a sidecar or workbook that cannot be read
is moved to the folder's 'set-aside' subfolder and said so.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

from planner.io.read import RawProject
from planner.io.write import write_raw

SET_ASIDE = "set-aside"
_locks: dict[str, QLockFile] = {}


def folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    path = Path(base or Path.home() / ".locplan") / "autosave"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stem(original: Path | None, session: str) -> str:
    key = f"{original.resolve() if original else 'untitled'}\0{session}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Recovery:
    workbook: Path
    original: Path | None
    saved_at: float


def hold(session: str) -> None:
    """This session is alive as long as the app runs: a lock the OS releases if it dies."""
    if session not in _locks:
        lock = QLockFile(str(folder() / f"{session}.lock"))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        lock.tryLock(0)
        _locks[session] = lock


def end_session(session: str) -> None:
    """The window closed cleanly (or a test plays the app's death): its lock is released."""
    lock = _locks.pop(session, None)
    if lock is not None:
        lock.unlock()


def _alive(session: str) -> bool:
    if session in _locks:
        return True
    lock = QLockFile(str(folder() / f"{session}.lock"))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()  # nobody held it (or a dead app did): removed
        return False
    return lock.error() == QLockFile.LockFailedError


def write(raw: RawProject, original: Path | None, session: str) -> Path:
    """Atomic like every save; the sidecar says which file the cells belong to."""
    hold(session)
    return write_to(folder(), raw, original, session)


def write_to(into: Path, raw: RawProject, original: Path | None, session: str) -> Path:
    """`write` into a given folder (a worker process has no app to ask where it is); the
    window holds its session's lock (`hold`)."""
    stem = _stem(original, session)
    target = into / f"{stem}.xlsx"
    write_raw(raw, target)
    meta = {
        "original": str(original) if original else None,
        "saved_at": time.time(),
        "session": session,
    }
    (into / f"{stem}.json").write_text(json.dumps(meta), encoding="utf-8")
    return target


def discard(original: Path | None, session: str) -> None:
    stem = _stem(original, session)
    for suffix in (".xlsx", ".json"):
        with contextlib.suppress(OSError):
            (folder() / f"{stem}{suffix}").unlink(missing_ok=True)


def discard_recovery(rec: Recovery) -> None:
    for path in (rec.workbook, rec.workbook.with_suffix(".json")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def set_aside(*paths: Path) -> Path | None:
    """Move files that cannot be used out of the way (kept, for the curious); the folder."""
    try:
        target = folder() / SET_ASIDE
        target.mkdir(exist_ok=True)
        for path in paths:
            if path.exists():
                path.replace(target / path.name)
        return target
    except OSError:
        for path in paths:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        return None


def _recovery(meta_path: Path) -> Recovery | None:
    """The recovery a sidecar describes; ValueError when it cannot be one."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if not isinstance(meta, dict):
        raise ValueError("not a JSON object")
    original, saved_at = meta.get("original"), meta.get("saved_at", 0)
    if original is not None and not isinstance(original, str):
        raise ValueError("'original' is not a file name")
    if isinstance(saved_at, bool) or not isinstance(saved_at, int | float):
        raise ValueError("'saved_at' is not a time")
    if not math.isfinite(saved_at):
        raise ValueError("'saved_at' is not a time")
    session = meta.get("session")
    if isinstance(session, str) and _alive(session):
        return None  # another window, still open, owns it
    workbook = meta_path.with_suffix(".xlsx")
    if not workbook.is_file():
        raise ValueError("its workbook is missing")
    return Recovery(workbook, Path(original) if original else None, float(saved_at))


def scan() -> tuple[list[Recovery], list[str]]:
    """(autosaves left by sessions that did not close cleanly, newest first; a sentence per
    sidecar that could not be used and was set aside). Never raises."""
    found, problems = [], []
    try:
        sidecars = sorted(folder().glob("*.json"))
    except OSError:
        return [], []  # no folder, nothing to recover; the first autosave will say why
    for meta_path in sidecars:
        try:
            rec = _recovery(meta_path)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            where = set_aside(meta_path, meta_path.with_suffix(".xlsx"))
            problems.append(f"{meta_path.name}: {exc} ({where or ''})")
            continue
        if rec is not None:
            found.append(rec)
    return sorted(found, key=lambda r: r.saved_at, reverse=True), problems


def pending() -> list[Recovery]:
    """Autosaves left behind by a session that did not close cleanly, newest first."""
    return scan()[0]
