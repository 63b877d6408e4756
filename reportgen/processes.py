"""Child processes that end with their parent, and runs that stop cleanly on a signal.

A run's children (the rendering workers, the LibreOffice workers) must not outlive it, however
it ends: on an exception or SIGINT its `finally` blocks stop them; SIGTERM and SIGHUP are turned
into the same exception, so that those blocks run too; and on SIGKILL, which nothing can catch,
each child learns that its parent is gone (the kernel's parent-death signal for the rendering
workers; the end of their input for the LibreOffice workers, which then end their own process
group; a watchdog in the process group of the browser and its driver, see `process_group`)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
from collections.abc import Iterator
from types import FrameType

PR_SET_PDEATHSIG = 1


class Interrupted(KeyboardInterrupt):
    """The run was asked to stop (SIGINT, SIGTERM or SIGHUP)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def die_with_parent(parent: int) -> None:
    """In a child: be killed when the parent dies (Linux), and stop now if it already has."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def release_memory() -> None:
    """Give freed memory back to the system (glibc keeps it otherwise): a rendering worker
    renders hundreds of documents, each allocating and freeing tens of megabytes."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def ignore_interrupts() -> None:
    """In a worker: leave SIGINT from the terminal to the parent, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_asked: int | None = None  # the signal a run was asked to stop by, once it has been


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into `Interrupted` for the block, so that cleanup runs,
    and remember that the run was asked to stop: an exception raised while Python runs a
    finaliser (`__del__`, a weakref callback) is printed and dropped, so output is put in place
    only after `check_not_stopped`."""

    def raise_interrupted(signum: int, _frame: FrameType | None) -> None:
        global _asked
        _asked = signum
        raise Interrupted(signum)

    previous = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            previous[sig] = signal.signal(sig, raise_interrupted)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield
        check_not_stopped()
    finally:
        global _asked
        _asked = None
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def check_not_stopped() -> None:
    """Raise `Interrupted` if the run was asked to stop, even if that exception was lost."""
    if _asked is not None:
        raise Interrupted(_asked)


def kill_group(pid: int) -> None:
    """SIGKILL the process group led by `pid` (a child started in its own session)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


@contextlib.contextmanager
def process_group() -> Iterator[int]:
    """A new process group for the children started in the block (Popen's
    `process_group=pgid`), killed, whatever is left of it, when the block ends or when this
    process dies, however it dies. Its first member is a watchdog shell waiting for its input
    to end: the input's only writer is this process."""
    watchdog = subprocess.Popen(["/bin/sh", "-c", "read _; kill -9 0"], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                process_group=0)
    try:
        yield watchdog.pid
    finally:
        assert watchdog.stdin is not None
        watchdog.stdin.close()
        watchdog.wait()
