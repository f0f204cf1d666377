"""The file system as a careless or hostile user leaves it: every failure is a sentence.

Reads open only regular files (a FIFO would block for ever, /dev/zero never ends, a folder is
not a file) and never read more bytes than asked. Writes go beside the target, are flushed to
the disk, then replace it: a full disk or a crash leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, Self

from planner.text import Text, t


class RefusedFile(Exception):
    """The file cannot be read safely; carries a plain sentence in English and Vietnamese."""

    def __init__(self, code: str, message_en: str, message_vi: str):
        super().__init__(code, message_en, message_vi)
        self.code = code
        self.message_en = message_en
        self.message_vi = message_vi

    def __str__(self) -> str:
        return self.message_en

    @property
    def text(self) -> Text:
        return Text(self.message_en, self.message_vi)

    @classmethod
    def of(cls, code: str, text: Text) -> Self:
        return cls(code, text.en, text.vi)


class CannotWrite(RefusedFile):
    """A file could not be written (or must not be); the old file, if any, is unchanged."""


def _kind(mode: int) -> Text:
    if stat.S_ISDIR(mode):
        return t("a folder", "một thư mục")
    if stat.S_ISFIFO(mode):
        return t("a pipe (FIFO)", "một ống dẫn (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("a device", "một thiết bị")
    if stat.S_ISSOCK(mode):
        return t("a socket", "một socket")
    return t("not a regular file", "không phải tệp thường")


def not_regular(path: Path, mode: int) -> RefusedFile:
    kind = _kind(mode)
    return RefusedFile.of(
        "not_a_file",
        t(
            "{name} is {k}, not a file; only ordinary files are read.",
            "{name} là {k_vi}, không phải tệp; chỉ đọc các tệp thông thường.",
            name=path.name,
            k=kind.en,
            k_vi=kind.vi,
        ),
    )


def read_failure(exc: OSError, path: Path) -> RefusedFile:
    """An OSError met while reading `path`, as a sentence."""
    name = path.name or str(path)
    code = exc.errno
    if code == errno.ENOENT:
        text = t(
            "{n} does not exist (it may have been moved or deleted while it was being read).",
            "{n} không tồn tại (có thể đã bị di chuyển hoặc xóa trong khi đang đọc).",
            n=name,
        )
    elif code in (errno.EACCES, errno.EPERM):
        text = t(
            "{n} cannot be read: permission denied. If it is open in another program, close it "
            "there; otherwise ask for read access.",
            "Không đọc được {n}: không có quyền. Nếu tệp đang mở trong chương trình khác, hãy "
            "đóng lại; nếu không, hãy xin quyền đọc.",
            n=name,
        )
    elif code == errno.EISDIR:
        text = t("{n} is a folder, not a file.", "{n} là thư mục, không phải tệp.", n=name)
    elif code == errno.ELOOP:
        text = t(
            "{n} is a link that never reaches a file.",
            "{n} là liên kết không trỏ tới tệp nào.",
            n=name,
        )
    else:
        text = t(
            "{n} cannot be read: {why}.",
            "Không đọc được {n}: {why}.",
            n=name,
            why=exc.strerror or type(exc).__name__,
        )
    return RefusedFile.of("unreadable", text)


def write_failure(exc: OSError, path: Path) -> CannotWrite:
    """An OSError met while writing `path`, as a sentence that says the old file is kept."""
    name, folder = path.name or str(path), str(path.parent)
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        text = t(
            "The disk is full: {n} was not written (a previous {n}, if any, is unchanged). Free "
            "some space and try again.",
            "Đĩa đã đầy: chưa ghi được {n} (tệp {n} cũ, nếu có, vẫn nguyên vẹn). Hãy giải phóng "
            "bớt dung lượng rồi thử lại.",
            n=name,
        )
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        text = t(
            "{n} cannot be written in {f}: permission denied (a read-only folder or disk, or the "
            "file is open in another program). Choose another folder.",
            "Không ghi được {n} vào {f}: không có quyền (thư mục hoặc ổ đĩa chỉ đọc, hoặc tệp "
            "đang mở trong chương trình khác). Hãy chọn thư mục khác.",
            n=name,
            f=folder,
        )
    elif code == errno.ENOENT:
        text = t(
            "The folder {f} does not exist, so {n} cannot be written there.",
            "Thư mục {f} không tồn tại nên không ghi được {n} vào đó.",
            n=name,
            f=folder,
        )
    elif code == errno.EISDIR:
        text = t(
            "{p} is not a file name: a folder is in the way.",
            "{p} không phải tên tệp: có một thư mục trùng tên.",
            p=str(path),
        )
    elif code == errno.ENOTDIR:
        text = t(
            "{f} is a file, not a folder, so {n} cannot be written in it.",
            "{f} là một tệp, không phải thư mục, nên không ghi được {n} vào đó.",
            n=name,
            f=folder,
        )
    elif code == errno.ENAMETOOLONG:
        text = t(
            "The name {n} is too long for this disk; choose a shorter one.",
            "Tên {n} quá dài đối với ổ đĩa này; hãy chọn tên ngắn hơn.",
            n=name[:60] + "…",
        )
    else:
        text = t(
            "{n} could not be written: {why}. A previous {n}, if any, is unchanged.",
            "Không ghi được {n}: {why}. Tệp {n} cũ, nếu có, vẫn nguyên vẹn.",
            n=name,
            why=exc.strerror or type(exc).__name__,
        )
    return CannotWrite.of("write_failed", text)


# Reading ---------------------------------------------------------------------------------


def open_regular(path: Path | str) -> BinaryIO:
    """Open a regular file for reading, or refuse with a sentence.

    O_NONBLOCK: opening a FIFO does not wait for a writer; the type is then checked on the
    open descriptor, so a file swapped for a FIFO or a device after a check is caught too."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise read_failure(exc, path) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise not_regular(path, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path | str, limit: int, what: Text | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a refusal with a sentence."""
    path = Path(path)
    with open_regular(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(limit + 1) if size <= limit else b""
        except OSError as exc:
            raise read_failure(exc, path) from None
    if size > limit or len(data) > limit:
        size = max(size, len(data))
        what = what or t("a project file", "một tệp dự án")
        raise RefusedFile.of(
            "too_large",
            t(
                "{n} is {mb:,.0f} MB; {w} is far smaller, so it was not read.",
                "{n} nặng {mb:,.0f} MB; {w_vi} nhỏ hơn nhiều nên không đọc tệp này.",
                n=path.name,
                mb=size / 1e6,
                w=what.en,
                w_vi=what.vi,
            ),
        )
    return data


# Writing ---------------------------------------------------------------------------------


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name the same file (links and relative paths included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def check_target(path: Path | str, inputs: Iterable[Path | str] = ()) -> None:
    """Refuse, before any work, a target that cannot or must not be written: a missing or
    read-only folder, a folder in the file's place, a read-only file, or an input file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    for source in inputs:
        if source is not None and same_file(path, source):
            raise CannotWrite.of(
                "same_as_input",
                t(
                    "{n} is the project being read: writing there would replace it. Choose "
                    "another file name.",
                    "{n} là tệp dự án đang đọc: ghi vào đó sẽ thay mất nó. Hãy chọn tên tệp khác.",
                    n=path.name,
                ),
            )
    try:
        _check_place(path, folder)
    except OSError as exc:  # a name too long, a loop of links: said as a write failure
        raise write_failure(exc, path) from None


def _check_place(path: Path, folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise write_failure(OSError(errno.ENOTDIR, "not a folder"), path)
    if not folder.is_dir():
        raise write_failure(OSError(errno.ENOENT, "missing folder"), path)
    if path.is_dir():
        raise write_failure(OSError(errno.EISDIR, "is a directory"), path)
    if path.exists() and not path.is_file():
        raise not_regular_target(path)
    # no write bit at all is the read-only attribute: refused like Excel does, even for root
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222):
        raise CannotWrite.of(
            "read_only",
            t(
                "{n} is read-only, so it was not replaced. Remove the protection or choose "
                "another file name.",
                "{n} đang ở chế độ chỉ đọc nên không bị thay thế. Hãy bỏ chế độ đó hoặc chọn tên "
                "tệp khác.",
                n=path.name,
            ),
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise write_failure(OSError(errno.EACCES, "read-only folder"), path)


def not_regular_target(path: Path) -> CannotWrite:
    kind = _kind(path.stat().st_mode)
    return CannotWrite.of(
        "not_a_file",
        t(
            "{n} is {k}, not a file; choose another file name.",
            "{n} là {k_vi}, không phải tệp; hãy chọn tên tệp khác.",
            n=path.name,
            k=kind.en,
            k_vi=kind.vi,
        ),
    )


def _shared_mode(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the user's umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path | str, produce: Callable[[BinaryIO], None]) -> None:
    """Write through `produce` beside the target, flush it to the disk, then replace the
    target: a full disk, a crash or a failing `produce` leaves the old file as it was.

    OSErrors become CannotWrite with a sentence; other errors pass on (the old file kept)."""
    path = Path(path)
    check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_failure(exc, path) from None
    try:
        with _open_temp(fd) as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())  # ENOSPC and EIO show here, before the old file goes
        os.chmod(tmp, _shared_mode(path))  # mkstemp makes it private; colleagues read it too
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise write_failure(exc, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def _open_temp(fd: int) -> BinaryIO:
    """The file written beside the target (tests make it a full disk)."""
    return os.fdopen(fd, "wb")


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX); not possible, nor needed, everywhere."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def encrypted(name: str, kind: str) -> RefusedFile:
    """The sentence for a workbook saved with a password (or an encrypting protection)."""
    how_en = {
        "xls": "in Excel, File > Info > Protect Workbook > Encrypt with Password, clear the "
        "password",
        "ods": "in LibreOffice, File > Save As, clear 'Save with password'",
        "xlsx": "in Excel, File > Info > Protect Workbook > Encrypt with Password, clear the "
        "password",
    }[kind]
    how_vi = {
        "xls": "trong Excel, Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa "
        "mật khẩu",
        "ods": "trong LibreOffice, Tệp > Lưu thành, bỏ chọn 'Lưu với mật khẩu'",
        "xlsx": "trong Excel, Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa "
        "mật khẩu",
    }[kind]
    return RefusedFile(
        "encrypted",
        f"{name} is password-protected (encrypted), so its cells cannot be read. Open it, "
        f"{how_en}, save it and open it here again.",
        f"{name} có mật khẩu (đã mã hóa) nên không đọc được các ô. Hãy mở tệp, {how_vi}, lưu "
        "lại rồi mở lại ở đây.",
    )
