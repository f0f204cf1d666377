"""Refuse hostile or broken files before and while parsing them.

Two layers: `precheck_xlsx` looks at the zip's structure and declared sizes (no XML parsed, so
a bomb is refused in milliseconds), and `run_isolated` parses in a child process with an
address-space limit and a timeout, so that a parser that hangs, eats memory or crashes (the
Rust calamine reader aborts the process on some sheets) never takes the app down.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.io.files import RefusedFile, encrypted, open_regular, read_failure
from planner.runtime import python_command

__all__ = ["RefusedFile", "precheck_workbook", "precheck_xlsx", "run_isolated"]

MAX_FILE_BYTES = 100 * 1024 * 1024  # a 150-part project is ~100 kB; 10,000 parts ~5 MB
MAX_MEMBERS = 10_000
MAX_TOTAL_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200  # real sheets compress 5-30x; bombs 1000x and more
RATIO_CHECK_FROM = 10 * 1024 * 1024  # small members may compress well legitimately
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the stream an .xlsx saved with a password keeps in its OLE container (its name is UTF-16);
# any other OLE file is taken for an .xls, and the .xls reader says if it is not one
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def precheck_workbook(path: Path) -> str:
    """Fast structural checks before any parser runs; returns what the file is by its content
    ("xlsx", "xls" or "ods"), whatever its name says; raises RefusedFile."""
    path = Path(path)
    name = path.name
    with open_regular(path) as handle:  # a FIFO, device or folder is refused here
        try:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(8)
        except OSError as exc:
            raise read_failure(exc, path) from None
        if size == 0:
            raise RefusedFile("empty", f"{name} is empty.", f"{name} rỗng.")
        if size > MAX_FILE_BYTES:
            raise RefusedFile(
                "too_large",
                f"{name} is {size / 1e6:.0f} MB; a project workbook is far smaller, so it was "
                "not opened.",
                f"{name} nặng {size / 1e6:.0f} MB; tệp dự án nhỏ hơn nhiều nên không được mở.",
            )
        if head == OLE_SIGNATURE:
            try:
                handle.seek(0)
                data = handle.read()
            except OSError as exc:
                raise read_failure(exc, path) from None
            # an .xlsx saved with a password is an OLE file holding the encrypted package
            if ENCRYPTED_PACKAGE in data:
                raise encrypted(name, "xlsx")
            return "xls"
        if not head.startswith(b"PK"):
            raise RefusedFile(
                "not_workbook",
                f"{name} is not an Excel workbook (.xlsx, .xls) nor an OpenDocument "
                "spreadsheet (.ods).",
                f"{name} không phải là tệp Excel (.xlsx, .xls) hay bảng tính OpenDocument (.ods).",
            )
        try:
            handle.seek(0)
            with zipfile.ZipFile(handle) as archive:
                _check_members(name, archive.infolist())
                return _check_flavour(name, archive)
        except OSError as exc:
            raise read_failure(exc, path) from None
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
            raise RefusedFile(
                "corrupt",
                f"{name} is damaged or incomplete (the zip structure cannot be read).",
                f"{name} bị hỏng hoặc không đầy đủ (không đọc được cấu trúc zip).",
            ) from None


def precheck_xlsx(path: Path) -> None:
    """precheck_workbook, for callers that only need the checks."""
    precheck_workbook(path)


_SAVE_AS_XLSX_VI = "hãy mở trong Excel và lưu thành 'Excel Workbook (.xlsx)'."


def _check_flavour(name: str, archive: zipfile.ZipFile) -> str:
    """What a zip holds: an .xlsx or an .ods workbook; workbooks Excel writes that are not the
    .xlsx format openpyxl reads are refused with advice."""
    names = set(archive.namelist())
    if "xl/workbook.bin" in names:
        raise RefusedFile(
            "xlsb",
            f"{name} is an Excel binary workbook (.xlsb), which cannot be read: open it in Excel "
            "and save it as 'Excel Workbook (.xlsx)'.",
            f"{name} là tệp Excel nhị phân (.xlsb), không đọc được: " + _SAVE_AS_XLSX_VI,
        )
    if "mimetype" in names and "content.xml" in names:
        with archive.open("mimetype") as member:
            if member.read(200).strip().startswith(ODS_MIMETYPE):
                if _ods_encrypted(archive, names):
                    raise encrypted(name, "ods")
                return "ods"
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise RefusedFile(
            "not_workbook",
            f"{name} is a zip archive but not a workbook (.xlsx or .ods).",
            f"{name} là tệp nén zip nhưng không phải bảng tính (.xlsx hoặc .ods).",
        )
    with archive.open("xl/workbook.xml") as member:
        head = member.read(4096)
    if b"purl.oclc.org/ooxml" in head:  # ISO Strict namespaces: openpyxl finds no sheet
        raise RefusedFile(
            "strict_xml",
            f"{name} is saved as 'Strict Open XML Spreadsheet', which cannot be read: open it in "
            "Excel and save it as 'Excel Workbook (.xlsx)'.",
            f"{name} được lưu dạng 'Strict Open XML Spreadsheet', không đọc được: "
            + _SAVE_AS_XLSX_VI,
        )
    return "xlsx"


def _ods_encrypted(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """An .ods saved with a password lists how each part is encrypted in its manifest."""
    if "META-INF/manifest.xml" not in names:
        return False
    with archive.open("META-INF/manifest.xml") as member:
        manifest = member.read(1 << 20)  # a manifest is a few kB
    return b"encryption-data" in manifest


def _check_members(name: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise RefusedFile(
            "bomb",
            f"{name} holds {len(members):,} parts; a workbook holds a few dozen.",
            f"{name} chứa {len(members):,} phần; một tệp Excel chỉ có vài chục.",
        )
    total = packed = 0
    declared = sum(m.file_size for m in members)  # what the whole would expand to, for the message
    for member in members:
        parts = member.filename.replace("\\", "/").split("/")
        if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise RefusedFile(
                "bad_path",
                f"{name} contains a part with an unsafe path ({member.filename}).",
                f"{name} chứa một phần có đường dẫn không an toàn ({member.filename}).",
            )
        if member.flag_bits & 0x1:
            raise RefusedFile(
                "encrypted",
                f"{name} has encrypted parts; save it without a password.",
                f"{name} có phần bị mã hóa; hãy lưu lại không đặt mật khẩu.",
            )
        total += member.file_size
        packed += member.compress_size
        ratio = member.file_size / max(member.compress_size, 1)
        # many members each just under the per-member check add up: the whole is checked too
        if (
            total > MAX_TOTAL_UNCOMPRESSED
            or (member.file_size > RATIO_CHECK_FROM and ratio > MAX_RATIO)
            or (total > RATIO_CHECK_FROM and total / max(packed, 1) > MAX_RATIO)
        ):
            raise RefusedFile(
                "bomb",
                f"{name} would expand to {declared / 1e6:,.0f} MB (a 'zip bomb'); it was not "
                "opened.",
                f"{name} sẽ bung ra {declared / 1e6:,.0f} MB (tệp 'bom zip'); không mở tệp này.",
            )


# Running a parser where it cannot hurt the app ----------------------------------------------


def _child_main() -> None:
    """Entry of the child process: read the job from stdin, write the outcome to stdout."""
    import importlib
    import resource

    job = pickle.loads(sys.stdin.buffer.read())
    sys.path[:] = job["path"]
    limit = job["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        module = importlib.import_module(job["module"])
        func: Any = module
        for part in job["name"].split("."):
            func = getattr(func, part)
        payload = ("ok", func(*job["args"]))
    except RefusedFile as exc:
        payload = ("refused", (exc.code, exc.message_en, exc.message_vi))
    except MemoryError:
        payload = ("memory", None)
    except BaseException as exc:  # anything the parser raises is a fact about the file
        payload = ("error", f"{type(exc).__name__}: {exc}"[:500])
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("memory", None))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def run_isolated(
    func: Callable[..., Any], *args: Any, timeout_s: float = 60.0, memory_mb: int = 2048
) -> Any:
    """Run func(*args) in a child process with a memory limit and a timeout.

    func must be a module-level function. A crash, timeout or exhausted memory in the child
    becomes RefusedFile; RefusedFile raised by func is passed on as it is. The child is a
    fresh interpreter (not a fork, and not multiprocessing's spawn, which re-runs the
    caller's main script), so it is safe from a Qt app with threads and from any script.
    """
    job = pickle.dumps(
        {
            "module": func.__module__,
            "name": func.__qualname__,
            "args": args,
            "memory_mb": memory_mb,
            "path": list(sys.path),
        }
    )
    process = subprocess.Popen(
        [*python_command(), "-c", "from planner.io.guard import _child_main; _child_main()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=os.getcwd(),
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
    )
    value: Any  # what the child returned, or the arguments of its refusal
    try:
        out, _ = process.communicate(job, timeout=timeout_s)  # reads while the child writes
        status, value = pickle.loads(out) if out else ("crash", None)
    except subprocess.TimeoutExpired:
        status, value = "timeout", None
    except (pickle.UnpicklingError, EOFError, ValueError):
        status, value = "crash", None
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(5)
        for pipe in (process.stdin, process.stdout):  # a timeout leaves them open
            if pipe is not None:
                pipe.close()
    if status == "ok":
        return value
    if status == "refused":
        raise RefusedFile(*value)
    if status == "timeout":
        raise RefusedFile(
            "timeout",
            f"Reading the file took more than {timeout_s:.0f} s, far longer than any real "
            "project; it was stopped.",
            f"Đọc tệp mất hơn {timeout_s:.0f} giây, lâu hơn mọi dự án thực; đã dừng lại.",
        )
    if status == "memory":
        raise RefusedFile(
            "memory",
            f"Reading the file needed more than {memory_mb:,} MB of memory; it was stopped.",
            f"Đọc tệp cần hơn {memory_mb:,} MB bộ nhớ; đã dừng lại.",
        )
    if status == "error":
        raise RefusedFile(
            "unreadable",
            f"The file could not be read: {value}",
            f"Không đọc được tệp: {value}",
        )
    raise RefusedFile(
        "crash",
        "The file reader stopped unexpectedly on this file (it may be damaged); the app is "
        f"safe (exit code {process.returncode}).",
        "Trình đọc tệp dừng đột ngột với tệp này (có thể tệp bị hỏng); ứng dụng vẫn an toàn "
        f"(mã thoát {process.returncode}).",
    )
