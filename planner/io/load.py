"""Load every sheet's cells from an .xlsx workbook (parsed in the sandbox) or CSV files.

Bounded in bytes, rows, columns and characters; only regular files are opened; what the
reader notices beside the values (formulas, hidden sheets, merged headers, a quote that is
never closed) travels with the cells so that the validator can name the cell.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

from planner.io.cells import (
    EXCEL_ROWS,
    MAX_COLS,
    MAX_CSV_BYTES,
    MAX_FIELD_CHARS,
    MAX_FORMULAS_KEPT,
    MAX_MERGES_KEPT,
    MAX_RECORD_CHARS,
    MAX_ROWS,
    Cells,
    Grid,
    refuse_long,
    refuse_wide,
)
from planner.io.files import RefusedFile, open_regular, read_failure, read_regular
from planner.io.guard import precheck_workbook, run_isolated
from planner.io.xls_ods import load_calamine_cells
from planner.problems import ERROR
from planner.text import t

__all__ = [
    "MAX_COLS",
    "MAX_CSV_BYTES",
    "MAX_RECORD_CHARS",
    "MAX_ROWS",
    "Cells",
    "Grid",
    "load_cells",
    "load_csv_cells",
    "load_xlsx_cells",
]

XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
XLS_SUFFIXES = (".xls", ".xlt")
ODS_SUFFIXES = (".ods", ".ots")
WORKBOOK_SUFFIXES = XLSX_SUFFIXES + XLS_SUFFIXES + ODS_SUFFIXES
CSV_SUFFIXES = (".csv", ".txt")


# .xlsx (runs in the sandbox) ---------------------------------------------------------------

_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"(\d+)\"")
_ANY_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)[\s>/]")
_END_DATA = re.compile(rb"</(?:\w+:)?sheetData>")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\sref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def scan_sheet(source, chunk: int = 1 << 20) -> tuple[int | None, list[tuple[int, int, int, int]]]:
    """The last row that holds a value, formula or text (None when rows are not numbered), and
    the merged ranges. Bytes are scanned, not parsed: a sheet formatted down to row 1,048,576
    is then read up to its last data row only, in seconds instead of minutes."""
    last = current = 0
    carry = b""
    in_data, unnumbered = True, False
    merges: list[tuple[int, int, int, int]] = []
    while True:
        block = source.read(chunk)
        buf = carry + block
        cut = buf.rfind(b"<")
        if block and cut >= 0 and buf.find(b">", cut) < 0:
            buf, carry = buf[:cut], buf[cut:]  # a tag split by the chunk: finish it next time
        else:
            carry = b""
        rest = buf
        if in_data:
            end = _END_DATA.search(buf)
            data = buf if end is None else buf[: end.start()]
            rest = b"" if end is None else buf[end.end() :]
            rows = [(m.start(), int(m.group(1))) for m in _ROW.finditer(data)]
            unnumbered = unnumbered or len(_ANY_ROW.findall(data)) != len(rows)
            values = [m.start() for m in _VALUE.finditer(data)]
            if values:
                before = [r for pos, r in rows if pos < values[-1]]
                last = max(last, before[-1] if before else current)
            if rows:
                current = max(current, rows[-1][1])
            in_data = end is None
        if not in_data:
            for m in _MERGE.finditer(rest):
                if len(merges) < MAX_MERGES_KEPT:
                    first = (int(m.group(2)), _column_number(m.group(1)))
                    merges.append((*first, int(m.group(4)), _column_number(m.group(3))))
        if not block:
            break
    return (None if unnumbered else last), merges


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _damaged(name: str, why_en: str, why_vi: str) -> RefusedFile:
    return RefusedFile(
        "damaged",
        f"{name} is damaged: {why_en}. Open it in Excel, which may repair it, and save it again.",
        f"{name} bị hỏng: {why_vi}. Hãy mở bằng Excel (Excel có thể sửa) rồi lưu lại.",
    )


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescaped(value: object) -> object:
    """Text as Excel shows it: a workbook stores a character XML cannot carry as _xHHHH_
    (a carriage return pasted from another program is _x000D_), which openpyxl leaves."""
    if isinstance(value, str) and "_x" in value:
        return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _sheet_cells(reader, ws, name: str) -> Cells:
    """One worksheet's values, with its formulas noted, read up to its last data row."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if element.find(FORMULA_TAG) is not None:
                found.append((cell["row"], cell["column"], cell["value"]))
            return cell

    wb = reader.wb
    with reader.archive.open(ws._worksheet_path) as src:
        last, merges = scan_sheet(src)
    grid = Cells(hidden=ws.sheet_state != "visible")
    grid.merged = merges
    found: list[tuple[int, int, object]] = []
    data_rows = 0
    with reader.archive.open(ws._worksheet_path) as src:
        parser = Parser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for idx, cells in parser.parse():
            if last is not None and idx > last:
                break
            for r, c, value in found:
                grid.formula_count += 1
                if len(grid.formulas) < MAX_FORMULAS_KEPT and c <= MAX_COLS:
                    grid.formulas[(r - 1, c - 1)] = value
            found.clear()
            if idx > EXCEL_ROWS:
                raise _damaged(
                    name,
                    f"sheet '{ws.title}' has a row numbered {idx:,}, beyond Excel's last row",
                    f"sheet '{ws.title}' có dòng số {idx:,}, vượt quá dòng cuối của Excel",
                )
            if idx <= len(grid):
                continue  # a row repeated or out of order: the first one counts
            width = 0
            for cell in cells:
                if not _blank(cell["value"]):
                    if cell["column"] > MAX_COLS:
                        raise refuse_wide(ws.title)
                    width = max(width, cell["column"])
            grid.extend([()] * (idx - 1 - len(grid)))  # rows Excel shows as blank
            if width == 0:
                grid.append(())
                continue
            row: list[object] = [None] * width
            for cell in cells:
                if cell["column"] <= width:
                    row[cell["column"] - 1] = _unescaped(cell["value"])
            grid.append(tuple(row))
            data_rows += 1
            if data_rows > MAX_ROWS:
                raise refuse_long(ws.title)
    while grid and grid[-1] == ():
        grid.pop()
    return grid


def load_xlsx_cells(path: str) -> list[tuple[str, Cells]]:
    """Every worksheet's cells: values, and formulas' stored results. Runs in the sandbox."""
    from openpyxl.reader.excel import ExcelReader  # the child needs it, the parent may not

    name = Path(path).name
    with open_regular(path) as handle:
        reader = ExcelReader(handle, read_only=True, data_only=True)
        try:
            reader.read()
            for sheet, rel in reader.parser.find_sheets():
                if rel.target not in reader.valid_files:
                    raise _damaged(
                        name,
                        f"sheet '{sheet.name}' is listed but its part ({rel.target}) is missing",
                        f"sheet '{sheet.name}' có trong danh sách nhưng thiếu phần dữ liệu "
                        f"({rel.target})",
                    )
            return [(ws.title, _sheet_cells(reader, ws, name)) for ws in reader.wb.worksheets]
        except (KeyError, IndexError, ValueError, SyntaxError, EOFError, zipfile.BadZipFile) as exc:
            cause = exc.__cause__ or exc  # openpyxl's own message says only "see the cause"
            why = f"{type(cause).__name__}: {cause}"[:300]
            raise _damaged(
                name, f"its contents cannot be read ({why})", f"không đọc được nội dung ({why})"
            ) from None
        finally:
            if getattr(reader, "wb", None) is not None:
                reader.wb.close()


# CSV ---------------------------------------------------------------------------------------


def _decode(data: bytes, encoding: str | None, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 (Excel's 'Unicode Text'), else Windows-1258."""
    try:
        if encoding:
            return data.decode(encoding)
        for bom, codec in (
            (codecs.BOM_UTF32_LE, "utf-32"),
            (codecs.BOM_UTF8, "utf-8-sig"),
            (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"),
        ):
            if data.startswith(bom):
                return data.decode(codec)
        head = data[:4096]
        if len(head) >= 4:
            odd, even = head[1::2], head[0::2]
            if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
                return data.decode("utf-16-le")
            if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
                return data.decode("utf-16-be")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1258")  # Vietnamese Windows code page
    except (UnicodeDecodeError, LookupError) as exc:
        raise RefusedFile(
            "encoding",
            f"{name}: cannot decode the text ({exc}). Save it as 'CSV UTF-8' or give its encoding.",
            f"{name}: không giải mã được văn bản ({exc}). Hãy lưu dạng 'CSV UTF-8' hoặc chỉ rõ "
            "bảng mã.",
        ) from None


def _sniff(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


_SEP_LINE = re.compile(r"^sep=([,;\t|])\n")


class _Lines:
    """The text's lines for csv.reader, refusing a record longer than any real one before the
    reader builds millions of fields from it."""

    def __init__(self, name: str, text: str) -> None:
        self.name, self.text = name, text
        self.pos = 0
        self.line = 0
        self.record_chars = 0
        self.record_line = 1

    def __iter__(self):
        text, n = self.text, len(self.text)
        while self.pos < n:
            end = text.find("\n", self.pos)
            end = n if end < 0 else end + 1
            self.record_chars += end - self.pos
            self.line += 1
            if self.record_chars > MAX_RECORD_CHARS:
                raise self._too_long()
            line = text[self.pos : end]
            self.pos = end
            yield line

    def record_done(self) -> None:
        self.record_chars = 0
        self.record_line = self.line + 1

    def _too_long(self) -> RefusedFile:
        if self.line == self.record_line:
            return RefusedFile(
                "too_wide",
                f"{self.name}, line {self.line:,}: more than {MAX_RECORD_CHARS:,} characters on "
                "one line; a project file's rows are far shorter.",
                f"{self.name}, dòng {self.line:,}: hơn {MAX_RECORD_CHARS:,} ký tự trên một dòng; "
                "các dòng của tệp dự án ngắn hơn nhiều.",
            )
        return _unclosed_quote(self.name, self.record_line)


def _unclosed_quote(name: str, line: int) -> RefusedFile:
    return RefusedFile(
        "unclosed_quote",
        f'{name}, line {line:,}: a quote (") opens a cell that is never closed, so the rest of '
        "the file would be read as one cell. Close the quote or delete it.",
        f'{name}, dòng {line:,}: một dấu ngoặc kép (") mở một ô mà không đóng lại, nên phần còn '
        "lại của tệp sẽ bị đọc thành một ô. Hãy đóng hoặc xóa dấu ngoặc đó.",
    )


def _swallowed(row: Sequence[str], delimiter: str, width: int) -> int:
    """How many lines inside the row's multi-line cells look like whole records: a quote
    opened by mistake reads the rows below it into one cell."""
    need = max(2, (width - 1) // 2)
    return sum(
        1
        for cell in row
        if "\n" in cell
        for part in cell.split("\n")[1:]
        if part.count(delimiter) >= need
    )


def parse_csv_text(name: str, text: str) -> Cells:
    """A CSV text as rows; the delimiter is sniffed (',', ';' or tab)."""
    if "\0" in text[:1_000_000] and text[:1_000_000].count("\0") > len(text[:1_000_000]) // 10:
        raise RefusedFile(
            "binary",
            f"{name} holds binary data, not text (it is mostly NUL bytes).",
            f"{name} chứa dữ liệu nhị phân, không phải văn bản (hầu hết là byte NUL).",
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    hint = _SEP_LINE.match(text)  # Excel's 'sep=;' first line names the delimiter
    if hint:
        text = text[hint.end() :]
    delimiter = hint.group(1) if hint else _sniff(text[:20_000])
    grid = Cells(delimiter=delimiter)
    lines = _Lines(name, text)
    reader = csv.reader(lines, delimiter=delimiter)
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    width = 0
    try:
        for row in reader:
            first = lines.record_line
            lines.record_done()
            if len(row) > MAX_COLS and any(v.strip() for v in row[MAX_COLS:]):
                raise RefusedFile(
                    "too_wide",
                    f"{name} has more than {MAX_COLS} columns.",
                    f"{name} có hơn {MAX_COLS} cột.",
                )
            blank = not any(v.strip() for v in row)
            grid.append(() if blank else tuple(row[:MAX_COLS]))
            width = width or (0 if blank else len(row))
            if len(grid) > MAX_ROWS:
                raise RefusedFile(
                    "too_long",
                    f"{name} has more than {MAX_ROWS:,} rows.",
                    f"{name} có hơn {MAX_ROWS:,} dòng.",
                )
            if lines.line > first and _swallowed(row, delimiter, width):
                grid.problems.append(
                    (
                        ERROR,
                        len(grid),
                        t(
                            'A quote (") in this row (line {a} of the file) opens a cell that runs '
                            "on to line {b}, so the {n:,} lines below it, rows among them, are read "
                            "as part of one cell. Close the quote or delete it.",
                            'Một dấu ngoặc kép (") ở dòng này (dòng {a} của tệp) mở một ô kéo dài '
                            "tới dòng {b}, nên {n:,} dòng bên dưới, trong đó có các hàng dữ liệu, bị "
                            "đọc thành một phần của ô đó. Hãy đóng hoặc xóa dấu ngoặc.",
                            a=first,
                            b=lines.line,
                            n=lines.line - first,
                        ),
                        "unclosed_quote",
                    )
                )
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _unclosed_quote(name, lines.record_line) from None
        raise RefusedFile(
            "csv",
            f"{name}, line {lines.line:,}: the text cannot be read as CSV ({exc}).",
            f"{name}, dòng {lines.line:,}: không đọc được văn bản dạng CSV ({exc}).",
        ) from None
    finally:
        csv.field_size_limit(limit)
    return grid


def load_csv_cells(path: Path, encoding: str | None = None) -> Cells:
    data = read_regular(path, MAX_CSV_BYTES, t("a project CSV file", "một tệp CSV dự án"))
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        right = ".xls" if data.startswith(b"\xd0\xcf") else ".xlsx"
        raise RefusedFile(
            "not_text",
            f"{path.name} is an Excel workbook (or another binary file), not CSV text: if it is "
            f"a workbook, name it {path.stem}{right} and open that.",
            f"{path.name} là tệp Excel (hoặc tệp nhị phân khác), không phải văn bản CSV: nếu là "
            f"tệp Excel, hãy đặt tên {path.stem}{right} rồi mở tệp đó.",
        )
    text = unicodedata.normalize("NFC", _decode(data, encoding, path.name))
    del data
    return parse_csv_text(path.name, text)


# Dispatch ----------------------------------------------------------------------------------


def load_cells(path: Path | str, encoding: str | None = None) -> list[tuple[str, Cells]]:
    """Every sheet's cells (an .xlsx, .xls or .ods workbook, a folder of CSV files or one CSV
    file), safely; raises RefusedFile with a sentence for anything else."""
    path = Path(path)
    if path.is_dir():
        try:
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in CSV_SUFFIXES)
        except OSError as exc:
            raise read_failure(exc, path) from None
        if not files:
            raise RefusedFile(
                "no_csv", f"No CSV files in {path}.", f"Không có tệp CSV nào trong {path}."
            )
        return [(f.stem, load_csv_cells(f, encoding)) for f in files]
    if not path.exists() and not path.is_symlink():
        raise RefusedFile("missing", f"{path} does not exist.", f"{path} không tồn tại.")
    if path.suffix.lower() in CSV_SUFFIXES:
        return [(path.stem, load_csv_cells(path, encoding))]
    kind = precheck_workbook(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        right = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods"}[kind]
        raise RefusedFile(
            "suffix",
            f"{path.name} is a workbook but its name does not end in {right}: rename it "
            f"(for example to {path.stem}{right}) and open it again.",
            f"{path.name} là bảng tính nhưng tên không kết thúc bằng {right}: hãy đổi tên (ví "
            f"dụ thành {path.stem}{right}) rồi mở lại.",
        )
    # the content decides the reader: an .xls that is really an .xlsx is read as one
    if kind == "xlsx":
        return run_isolated(load_xlsx_cells, str(path), timeout_s=60.0, memory_mb=3072)
    return run_isolated(load_calamine_cells, str(path), kind, timeout_s=60.0, memory_mb=3072)
