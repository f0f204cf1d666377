"""Which workbooks this app wrote, and what saving over a user's own workbook would not keep.

The app saves a project in the project format: canonical sheets and columns, values only. A
workbook the user made in Excel holds more (title rows, extra sheets and columns, formatting,
formulas, charts), so the app must not replace it without saying what goes. Sheet names and
headers the reader recognises, and columns it does not use, are written back as they were. Project workbooks
the app writes carry a mark in their document properties; the mark is read straight from the
zip with a size cap, never by parsing the whole file again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import tostring

from planner import schema
from planner.io.marks import CREATOR, PLAN, PROJECT, mark, plan_sheet_names
from planner.io.read import RawProject

_CORE = "docProps/core.xml"
_CORE_MAX_BYTES = 64 * 1024  # real core.xml files are about 1 KB
_FINGERPRINT = "locplan-parts:"


def _fingerprint(members: list[zipfile.ZipInfo]) -> str:
    """The parts as saved (names, sizes, CRCs from the zip's directory), the properties apart:
    Excel and LibreOffice rewrite every part when they save, so any edit changes it."""
    digest = hashlib.sha256()
    for info in sorted(members, key=lambda i: i.filename):
        if info.filename != _CORE:
            digest.update(f"{info.filename}\0{info.file_size}\0{info.CRC}\n".encode())
    return _FINGERPRINT + digest.hexdigest()[:32]


class _Archive:
    """A zip being written, whose properties part is held back until every other part is in,
    so that it can carry their fingerprint."""

    def __init__(self, wb: Workbook, handle: BinaryIO) -> None:
        self.wb = wb
        self.zip = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, allowZip64=True)

    def writestr(self, name, data, *args, **kwargs) -> None:
        if name != _CORE:
            self.zip.writestr(name, data, *args, **kwargs)

    def close(self) -> None:
        if self.wb.properties.creator == CREATOR:
            self.wb.properties.identifier = _fingerprint(self.zip.infolist())
        self.zip.writestr(_CORE, tostring(self.wb.properties.to_tree()))
        self.zip.close()

    def abandon(self) -> None:
        """The write failed (a full disk): the half-written zip is dropped, not finished."""
        self.zip.fp = None

    def __getattr__(self, name: str):
        return getattr(self.zip, name)


def save_fingerprinted(wb: Workbook, handle: BinaryIO) -> None:
    """openpyxl's save, into an open file, with the parts' fingerprint in the properties."""
    wb.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    archive = _Archive(wb, handle)
    try:
        ExcelWriter(wb, archive).save()
    except BaseException:
        archive.abandon()
        raise


def written_as(path: Path | str) -> str | None:
    """PROJECT or PLAN for a workbook this app wrote and nobody changed since, else None (also
    for anything unreadable). Files from before the fingerprint carry only the mark."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CORE)
            if info.file_size > _CORE_MAX_BYTES:
                return None
            text = archive.read(info).decode("utf-8", errors="replace")
            members = archive.infolist()
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return None
    creator = re.search(r"<dc:creator>([^<]*)</dc:creator>", text)
    category = re.search(r"<cp:category>([^<]*)</cp:category>", text)
    if creator is None or creator.group(1).strip() != CREATOR or category is None:
        return None
    stored = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", text)
    fingerprint = stored.group(1).strip() if stored else ""
    if fingerprint.startswith(_FINGERPRINT) and fingerprint != _fingerprint(members):
        return None  # edited in Excel or LibreOffice after this app saved it
    kind = category.group(1).strip()
    return kind if kind in (PROJECT, PLAN) else None


@dataclass(frozen=True)
class Loss:
    """One thing of the opened workbook that saving it in the project format does not keep.

    kind: "foreign" (formatting, formulas, charts of a workbook the app did not write),
    "plan_sheets" (the plan sheets of an exported plan), "title_rows" (detail: how many),
    "names" (a sheet or header the user mapped is saved under its project name, detail),
    "sheet" (a sheet the project does not use). Columns the project does not use are kept.
    """

    kind: str
    sheet: str = ""
    detail: str = ""


def save_losses(raw: RawProject, path: Path | str | None = None) -> list[Loss]:
    """What replacing `path` (the workbook `raw` was read from) with the project would drop."""
    path = Path(path or raw.path or "")
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return []  # nothing on disk to replace (CSV folders are never written over)
    written = written_as(path)
    losses: list[Loss] = []
    if written is None:
        losses.append(Loss("foreign"))
    elif written == PLAN:
        losses.append(Loss("plan_sheets"))
    for sheet in schema.SHEETS:
        name = sheet.name
        if name not in raw.sheets:
            continue
        source = raw.source_names.get(name, name)
        titles = raw.header_rows.get(name, 1) - 1
        if titles > 0:
            losses.append(Loss("title_rows", source, str(titles)))
        # names the reader knows are written back as they were; only mapped ones change
        if source != name and schema.match_sheet(source) is not sheet:
            losses.append(Loss("names", source, name))
        elif any(
            schema.match_column(sheet, h) is not sheet.column(k)
            for k, h in raw.original_headers.get(name, {}).items()
            if k in sheet.column_names
        ):
            losses.append(Loss("names", source, source))
    plan_sheets: set[str] = set()
    if written == PLAN:
        plan_sheets = {*plan_sheet_names("en"), *plan_sheet_names("vi")}
    for note in raw.notes:
        if note.code == "unknown_sheet" and note.sheet and note.sheet not in plan_sheets:
            losses.append(Loss("sheet", note.sheet))
    return losses


__all__ = [
    "CREATOR",
    "PLAN",
    "PROJECT",
    "Loss",
    "mark",
    "save_fingerprinted",
    "save_losses",
    "written_as",
]
