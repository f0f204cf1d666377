"""What calamine does not say about an Excel 97-2003 (.xls) workbook: whether it is encrypted
(a FILEPASS record: a password, RC4 or XOR obfuscation) and which cells hold formulas, with or
without a saved result.

A compound (OLE) file is a small file system; the workbook is its 'Workbook' stream (or 'Book'
in older files), a run of BIFF records. Both are read here with every length and chain checked,
so a hostile file ends in ValueError, never in a loop or a large allocation. Runs in the
sandboxed child with the rest of the .xls reader.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN, FREE = 0xFFFFFFFE, 0xFFFFFFFF
BOF, EOF, BOUNDSHEET, FILEPASS, FORMULA = 0x0809, 0x000A, 0x0085, 0x002F, 0x0006


@dataclass
class BiffFacts:
    encrypted: bool = False
    # sheet name -> [(row, column) of a formula cell, 0-based; True when it has a saved result]
    formulas: dict[str, list[tuple[int, int, bool]]] = field(default_factory=dict)


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from("<H", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]


class _Compound:
    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(SIGNATURE):
            raise ValueError("not a compound file")
        self.data = data
        self.size = 1 << _u16(data, 0x1E)
        self.mini_size = 1 << _u16(data, 0x20)
        if self.size not in (512, 4096) or self.mini_size != 64:
            raise ValueError("unknown sector sizes")
        self.sectors = -(-(len(data) - self.size) // self.size)  # the last one may be cut
        self.cutoff = _u32(data, 0x38)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        difat, count = _u32(data, 0x44), _u32(data, 0x48)
        for _ in range(min(count, self.sectors)):
            if difat >= self.sectors:
                break
            block = self.sector(difat)
            entries = struct.unpack_from(f"<{self.size // 4}I", block)
            fat_sectors += entries[:-1]
            difat = entries[-1]
        fat: list[int] = []
        for s in fat_sectors[: _u32(data, 0x2C)]:
            if s < self.sectors:
                fat += struct.unpack_from(f"<{self.size // 4}I", self.sector(s))
        self.fat = fat
        self.directory = self.chain(_u32(data, 0x30), self.fat, self.sector)
        self.mini_fat_ids = _u32(data, 0x3C)

    def sector(self, n: int) -> bytes:
        if n >= self.sectors:
            raise ValueError("a sector beyond the file")
        at = (n + 1) * self.size
        return self.data[at : at + self.size]

    def chain(self, start: int, fat: list[int], read) -> bytes:
        parts, seen, n = [], set(), start
        while n not in (END_OF_CHAIN, FREE):
            if n in seen or n >= len(fat):
                raise ValueError("a broken sector chain")
            seen.add(n)
            parts.append(read(n))
            n = fat[n]
        return b"".join(parts)

    def stream(self, names: tuple[str, ...]) -> bytes | None:
        entries = [self.directory[i : i + 128] for i in range(0, len(self.directory), 128)]
        if not entries:
            raise ValueError("no directory")
        root = entries[0]
        for entry in entries:
            length = _u16(entry, 0x40)
            if entry[0x42] != 2 or not 2 <= length <= 64:
                continue
            name = entry[: length - 2].decode("utf-16-le", "replace")
            if name not in names:
                continue
            start, size = _u32(entry, 0x74), _u32(entry, 0x78)
            if size < self.cutoff:
                mini = self.chain(_u32(root, 0x74), self.fat, self.sector)
                mini_fat_bytes = self.chain(self.mini_fat_ids, self.fat, self.sector)
                mini_fat = list(struct.unpack_from(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))

                def piece(k: int, mini: bytes = mini) -> bytes:
                    return mini[k * self.mini_size : (k + 1) * self.mini_size]

                data = self.chain(start, mini_fat, piece)
            else:
                data = self.chain(start, self.fat, self.sector)
            return data[:size]
        return None


def _sheet_name(data: bytes) -> str:
    """A BOUNDSHEET record's name: a ShortXLUnicodeString after 6 bytes."""
    count, flags = data[6], data[7]
    text = data[8:]
    return text[: 2 * count].decode("utf-16-le") if flags & 1 else text[:count].decode("latin-1")


def biff_facts(data: bytes, max_formulas: int = 20_000) -> BiffFacts:
    """Read the workbook stream's records; raises ValueError when the file is not one."""
    stream = _Compound(data).stream(("Workbook", "Book"))
    if stream is None:
        raise ValueError("no Workbook stream")
    facts = BiffFacts()
    starts: dict[int, str] = {}  # a sheet's BOF offset -> its name
    within: list[str | None] = []  # the substreams open (a chart may sit inside a sheet)
    kept, at, end = 0, 0, len(stream)
    while at + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + size]
        if kind == FILEPASS:
            facts.encrypted = True
            return facts
        if kind == BOUNDSHEET and len(body) >= 8:
            starts[_u32(body, 0)] = _sheet_name(body)
        elif kind == BOF:
            within.append(starts.get(at))
        elif kind == EOF and within:
            within.pop()
        elif kind == FORMULA and within and within[-1] and len(body) >= 14 and kept < max_formulas:
            sheet = within[-1]
            row, col = _u16(body, 0), _u16(body, 2)
            # a result of type 3 (an empty text) is what writers that never calculate store
            blank = body[12:14] == b"\xff\xff" and body[6] == 3
            facts.formulas.setdefault(sheet, []).append((row, col, not blank))
            kept += 1
        at += 4 + size
    return facts
