"""A warm server that forks the app's workers. A fresh Python needs a second or two of CPU to
import pandas, openpyxl and the engine; the app starts a worker for every file read, check,
export and plan, and on two cores those seconds add up. The server is one fresh Python (no
Qt threads are ever forked) that imports the engine once; each worker is a fork of it and
starts in milliseconds.

The app and the server talk over a Unix socket: the app sends the worker's entry
("module:function") with four file descriptors (its stdin, its stdout, its stderr and a pipe
for its exit code) and gets the worker's pid back. The server reaps each worker and writes its
exit code to that pipe. Each worker leads its own process group, so killing the group also
ends what it started (e.g. a solver).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from planner.runtime import python_command

PID = struct.Struct("!q")
CODE = struct.Struct("!i")
REAP_EVERY_S = 1.0  # the server also looks for ended workers this often
ROOT = Path(__file__).resolve().parents[1]


class Worker:
    """One forked worker: `stdin` and `stdout` are our ends of its pipes."""

    def __init__(self, pid: int, stdin: IO[bytes], stdout: IO[bytes], status: int) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self._status = status
        self._ended = threading.Event()

    def kill(self) -> None:
        """End it and everything it started (callable from any thread)."""
        if self._ended.is_set():
            return  # its pid may belong to another process by now
        with contextlib.suppress(OSError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # killed before it led its own group

    def wait(self) -> int:
        """Its exit code once it has ended (negative: the signal that ended it; -255: the
        server died first). Call from one thread."""
        data = b""
        with contextlib.suppress(OSError):
            while len(data) < CODE.size and (chunk := os.read(self._status, CODE.size)):
                data += chunk
        self._ended.set()
        os.close(self._status)
        for pipe in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        return CODE.unpack(data)[0] if len(data) == CODE.size else -255


class Server:
    """Our end of the server; started on first use, started again if it died."""

    def __init__(self, preload: Iterable[str]) -> None:
        self.preload = tuple(preload)
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None

    def start(self) -> None:
        with self._lock:
            self._ensure()

    def fork(self, main: str, errors: IO[bytes]) -> Worker:
        """A worker running `main` ("module:function") with its stderr to `errors`."""
        job_in, job_out = os.pipe()
        messages_in, messages_out = os.pipe()
        status_in, status_out = os.pipe()
        try:
            fds = [job_in, messages_out, errors.fileno(), status_out]
            with self._lock:
                try:
                    pid = self._request(main, fds)
                except OSError:  # the server died (killed, out of memory): once more
                    self._stop()
                    pid = self._request(main, fds)
        except BaseException:
            for fd in (job_out, messages_in, status_in):
                os.close(fd)
            raise
        finally:
            for fd in (job_in, messages_out, status_out):
                os.close(fd)
        return Worker(pid, os.fdopen(job_out, "wb"), os.fdopen(messages_in, "rb"), status_in)

    def _request(self, main: str, fds: list[int]) -> int:
        link = self._ensure()
        socket.send_fds(link, [main.encode()], fds)
        data = b""
        while len(data) < PID.size:
            chunk = link.recv(PID.size - len(data))
            if not chunk:
                raise ConnectionResetError("the fork server closed")
            data += chunk
        return PID.unpack(data)[0]

    def _ensure(self) -> socket.socket:
        if self._socket is not None and self._process and self._process.poll() is None:
            return self._socket
        self._stop()
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        env["QT_QPA_PLATFORM"] = "offscreen"  # a worker that paints (a PDF) never shows one
        code = "import sys; from ui.fork_server import serve; serve(int(sys.argv[1]), sys.argv[2:])"
        with theirs:
            self._process = subprocess.Popen(
                [*python_command(), "-c", code, str(theirs.fileno()), *self.preload],
                stdin=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),),
                env=env,
                start_new_session=True,  # a Ctrl+C in the app's terminal is the app's
            )
        self._socket = ours
        return ours

    def _stop(self) -> None:
        if self._socket is not None:
            self._socket.close()  # the server ends when its socket closes
            self._socket = None
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._process.kill()
            self._process.wait()
            self._process = None

    def stop(self) -> None:
        with self._lock:
            self._stop()


# The server's side --------------------------------------------------------------------------


def serve(fd: int, preload: list[str]) -> None:
    """Entry of the server: import `preload`, then fork a worker for each request until the
    app closes its end of the socket. Workers are reaped here, in the loop, not in a signal
    handler: the libraries' own threads (OpenBLAS) may take the SIGCHLD, and a handler would
    then wait for the next request. The wakeup pipe wakes the loop whichever thread took it."""
    link = socket.socket(fileno=fd)
    for name in preload:
        importlib.import_module(name)
    statuses: dict[int, int] = {}  # worker pid -> the pipe its exit code goes to
    wake_in, wake_out = os.pipe()
    for end in (wake_in, wake_out):
        os.set_blocking(end, False)
    signal.set_wakeup_fd(wake_out)
    signal.signal(signal.SIGCHLD, lambda _signum, _frame: None)
    while True:
        ready, _, _ = select.select([link, wake_in], [], [], REAP_EVERY_S)
        if wake_in in ready:
            with contextlib.suppress(BlockingIOError):
                os.read(wake_in, 4096)
        _reap(statuses)
        if link not in ready:
            continue
        try:
            message, fds, _flags, _address = socket.recv_fds(link, 1024, 4)
        except OSError:
            return
        if not message or len(fds) != 4:
            return  # the app has gone
        pid = os.fork()
        if pid == 0:
            signal.set_wakeup_fd(-1)
            for own in (link.detach(), wake_in, wake_out, *statuses.values()):
                os.close(own)
            _worker(message.decode(), fds)
        job, messages, errors, status = fds
        for used in (job, messages, errors):
            os.close(used)
        statuses[pid] = status
        try:
            link.sendall(PID.pack(pid))
        except OSError:
            return


def _reap(statuses: dict[int, int]) -> None:
    """Collect every ended worker and send its exit code to whoever waits for it."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        fd = statuses.pop(pid, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.write(fd, CODE.pack(os.waitstatus_to_exitcode(status)))
            os.close(fd)


def _worker(main: str, fds: list[int]) -> None:
    """First code of a forked worker; it never returns."""
    job, messages, errors, status = fds
    os.close(status)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    for source, target in ((job, 0), (messages, 1), (errors, 2)):
        os.dup2(source, target)
        os.close(source)
    code = 0
    try:
        module, name = main.split(":")
        getattr(importlib.import_module(module), name)()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
