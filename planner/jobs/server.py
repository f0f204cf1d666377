"""How a child process starts: forked from a warm server. A fresh Python needs a second or two
of CPU to import pandas, openpyxl and the engine; the app starts a child for every file read,
check, export and plan, and on two cores those seconds add up. The server is one fresh Python
(so no thread of the caller, such as Qt's, is ever forked) that imports the modules it is given
once; each child is a fork of it and starts in milliseconds.

The caller and the server talk over a Unix socket: the caller sends three file descriptors
(the child's stdin, its stdout and its stderr) and a pipe for its end, and gets the child's
pid back. The server reaps each child and writes its exit code and peak memory to that pipe.
Each child leads its own process group, so killing the group also ends what it started (e.g.
a solver). The server ends when the caller's end of the socket closes (the caller ended).

Where a process cannot be forked or a descriptor sent (not POSIX), or with `fresh=True`, each
child is a fresh `python -c` instead: slower to start, the same child (planner.jobs.child).
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
from typing import IO, Any

from planner.runtime import python_command

PID = struct.Struct("!q")
END = struct.Struct("!iq")  # exit code, peak memory (kB)
REAP_EVERY_S = 1.0  # the server also looks for ended children this often
ROOT = Path(__file__).resolve().parents[2]
CHILD = "from planner.jobs.child import main; main()"
SERVER_ENV = "LOCPLAN_JOBS_SERVER"  # set in the server's environment (and a fresh child's)
FORKS = os.name == "posix" and hasattr(socket, "send_fds") and hasattr(os, "fork")


class Worker:
    """One child: `stdin` and `stdout` are our ends of its pipes."""

    def __init__(self, pid: int, stdin: IO[bytes], stdout: IO[bytes], status: int) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.peak_kb: int | None = None  # its peak resident memory, once it has ended
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
            while len(data) < END.size and (chunk := os.read(self._status, END.size)):
                data += chunk
        self._ended.set()
        os.close(self._status)
        self._close()
        if len(data) < END.size:
            return -255
        code, self.peak_kb = END.unpack(data)
        return code

    def _close(self) -> None:
        for pipe in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


class FreshWorker(Worker):
    """A child that is a fresh Python, where there is no server."""

    def __init__(self, process: subprocess.Popen) -> None:
        assert process.stdin is not None and process.stdout is not None
        self.process = process
        self.pid = process.pid
        self.stdin, self.stdout = process.stdin, process.stdout
        self.peak_kb = None
        self._ended = threading.Event()

    def kill(self) -> None:
        if self._ended.is_set():
            return
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.process.kill()

    def wait(self) -> int:
        code = self.process.wait()
        self._ended.set()
        self._close()
        return code


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env[SERVER_ENV] = "1"
    return env


class Server:
    """Our end of the server; started on first use, started again if it died."""

    def __init__(self, preload: Iterable[str] = (), fresh: bool = not FORKS) -> None:
        self.preload = tuple(preload)
        self.fresh = fresh  # every child a fresh Python: no server
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None

    def start(self, preload: Iterable[str] = ()) -> None:
        """Start now, importing `preload` too (a server already started keeps what it has)."""
        with self._lock:
            self.preload += tuple(m for m in preload if m not in self.preload)
            if not self.fresh:
                self._ensure()

    def fork(self, errors: IO[bytes]) -> Worker:
        """A child (planner.jobs.child.main) with its stderr to `errors`."""
        if self.fresh:
            return self._fresh(errors)
        job_in, job_out = os.pipe()
        messages_in, messages_out = os.pipe()
        status_in, status_out = os.pipe()
        try:
            fds = [job_in, messages_out, errors.fileno(), status_out]
            with self._lock:
                try:
                    pid = self._request(fds)
                except OSError:  # the server died (killed, out of memory): once more
                    self._stop()
                    pid = self._request(fds)
        except BaseException:
            for fd in (job_out, messages_in, status_in):
                os.close(fd)
            raise
        finally:
            for fd in (job_in, messages_out, status_out):
                os.close(fd)
        return Worker(pid, os.fdopen(job_out, "wb"), os.fdopen(messages_in, "rb"), status_in)

    def _fresh(self, errors: IO[bytes]) -> Worker:
        process = subprocess.Popen(
            [*python_command(), "-c", CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_environment(),
            start_new_session=True,  # its own group, as a forked child's
        )
        return FreshWorker(process)

    def _request(self, fds: list[int]) -> int:
        link = self._ensure()
        socket.send_fds(link, [b"fork"], fds)
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
        code = "import sys; from planner.jobs.server import serve; serve(int(sys.argv[1]), sys.argv[2:])"
        with theirs:
            self._process = subprocess.Popen(
                [*python_command(), "-c", code, str(theirs.fileno()), *self.preload],
                stdin=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),),
                env=_environment(),
                start_new_session=True,  # a Ctrl+C in the caller's terminal is the caller's
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
    """Entry of the server: import `preload`, then fork a child for each request until the
    caller closes its end of the socket. Children are reaped here, in the loop, not in a signal
    handler: the libraries' own threads (OpenBLAS) may take the SIGCHLD, and a handler would
    then wait for the next request. The wakeup pipe wakes the loop whichever thread took it."""
    link = socket.socket(fileno=fd)
    for name in preload:
        importlib.import_module(name)
    statuses: dict[int, int] = {}  # child pid -> the pipe its end goes to
    wake_in, wake_out = os.pipe()
    for end in (wake_in, wake_out):
        os.set_blocking(end, False)
    signal.set_wakeup_fd(wake_out)
    signal.signal(signal.SIGCHLD, lambda _signum, _frame: None)
    while True:
        watched: list[Any] = [link, wake_in]
        ready, _, _ = select.select(watched, [], [], REAP_EVERY_S)
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
            return  # the caller has gone
        pid = os.fork()
        if pid == 0:
            signal.set_wakeup_fd(-1)
            for own in (link.detach(), wake_in, wake_out, *statuses.values()):
                os.close(own)
            _child(fds)
        job, messages, errors, status = fds
        for used in (job, messages, errors):
            os.close(used)
        statuses[pid] = status
        try:
            link.sendall(PID.pack(pid))
        except OSError:
            return


def _reap(statuses: dict[int, int]) -> None:
    """Collect every ended child and send its end to whoever waits for it."""
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        fd = statuses.pop(pid, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.write(fd, END.pack(os.waitstatus_to_exitcode(status), usage.ru_maxrss))
            os.close(fd)


def _child(fds: list[int]) -> None:
    """First code of a forked child; it never returns."""
    job, messages, errors, status = fds
    os.close(status)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    for source, target in ((job, 0), (messages, 1), (errors, 2)):
        os.dup2(source, target)
        os.close(source)
    code = 0
    try:
        from planner.jobs.child import main

        main()
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
