"""DOCX to tagged PDF through a pool of LibreOffice workers, as many as the machine has cores.

Each worker (uno_worker.py, under the Python that carries LibreOffice's UNO bridge) runs one
headless LibreOffice with its own profile, in its own process group. Documents go to whichever
worker is free. A worker that dies, or does not answer within the timeout, is killed with its
LibreOffice and replaced, and its document is tried once more; a document that fails twice, or
that LibreOffice cannot convert, is named in the error. Workers end with the run, however it
ends (see reportgen.processes).

A new LibreOffice profile takes a second or more to make, so the first one made is kept (in the
user's cache folder, keyed by the LibreOffice version) and copied for later workers; deleting it
is safe."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import selectors
import shutil
import subprocess
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.cache import folder
from reportgen.convert import metadata
from reportgen.errors import ConversionError
from reportgen.files import output_folder, place, workspace
from reportgen.processes import kill_group

WORKER = Path(__file__).with_name("uno_worker.py")
START_SECONDS = 90  # LibreOffice's start, with a new profile on a busy machine
PER_DOCUMENT_SECONDS = 90
ATTEMPTS = 2  # a document whose worker died or hung is tried once more on a new worker
RECYCLE_AFTER = 25  # documents a LibreOffice converts before a fresh one takes over: it grows
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
LIBREOFFICE = Path("/usr/lib/libreoffice/program")


def uno_python() -> str:
    """A Python interpreter that can import LibreOffice's `uno` module."""
    return _uno_python(os.environ.get("REPORTGEN_UNO_PYTHON"))


_found: dict[str | None, str] = {}


def _uno_python(preferred: str | None) -> str:
    if preferred not in _found:
        for candidate in (preferred, *UNO_PYTHONS):
            if candidate and Path(candidate).exists() and subprocess.run(
                    [candidate, "-c", "import uno"], env=_clean_env(),
                    capture_output=True).returncode == 0:
                _found[preferred] = candidate
                break
        else:
            raise ConversionError("LibreOffice's Python bridge (python3-uno) is not installed: "
                                  "run bash scripts/setup.sh")
    return _found[preferred]


def _clean_env() -> dict[str, str]:
    # The worker runs under another Python: this one's paths must not leak into it.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.setdefault("HOME", tempfile.gettempdir())
    return env


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _profile_cache() -> Path:
    """Where a made profile is kept, per LibreOffice version (the version file's contents)."""
    try:
        version = (LIBREOFFICE / "versionrc").read_bytes()
    except OSError:
        version = b"unknown"
    return folder() / f"libreoffice-profile-{hashlib.sha256(version).hexdigest()[:12]}"


@dataclass
class Task:
    src: Path
    dst: Path
    attempts: int = 0
    seconds: float = 0.0  # wall time LibreOffice took
    cpu: float = 0.0  # processor time it took


@dataclass
class Worker:
    proc: subprocess.Popen
    profile: Path
    fresh_profile: bool
    ready: bool = False
    task: Task | None = None
    deadline: float = 0.0
    buffer: bytes = b""
    done: int = 0

    def send(self, obj: dict) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        self.proc.stdin.flush()


@dataclass
class Converter:
    """A pool of LibreOffice workers, as a context manager: `submit` documents, `poll` now and
    then (each finished one is passed to `on_done`), then `finish` waits for the rest and raises
    once all are done if any failed, naming each. Leaving the block stops every worker; leaving
    it by an exception kills them."""

    workspace: Path
    workers: int = field(default_factory=cores)
    timeout: float = 0.0  # seconds a document may take; PER_DOCUMENT_SECONDS if not given
    on_done: Callable[[Task], None] = lambda _: None

    def __post_init__(self) -> None:
        self.timeout = self.timeout or PER_DOCUMENT_SECONDS
        if not shutil.which("soffice"):
            raise ConversionError("LibreOffice (soffice) is not installed: run bash "
                                  "scripts/setup.sh")
        self._python = uno_python()
        self._queue: deque[Task] = deque()
        self._pool: list[Worker] = []
        self._sel = selectors.DefaultSelector()
        self._failed: list[str] = []
        self._made = 0
        self._start_failures = 0
        self._retiring: list[Worker] = []
        self.done: list[Task] = []

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            self._stop_all()
        else:
            self.kill()

    def submit(self, src: Path, dst: Path) -> None:
        self._queue.append(Task(src, dst))
        self._start_workers()
        self._dispatch()

    def pending(self) -> int:
        return len(self._queue) + sum(w.task is not None for w in self._pool)

    def poll(self, timeout: float = 0.0) -> list[Task]:
        """Wait up to `timeout` for answers; the tasks finished since the last call."""
        before = len(self.done)
        if self._pool:
            due = min((w.deadline for w in self._pool if w.task or not w.ready),
                      default=time.monotonic() + timeout) - time.monotonic()
            for key, _ in self._sel.select(timeout=max(0.0, min(timeout, due))):
                self._read(key.data)
        elif timeout:
            time.sleep(timeout)
        self._check_deadlines()
        self._dispatch()
        return self.done[before:]

    def finish(self) -> list[Task]:
        """Wait for every submitted document; raise if any failed."""
        while self.pending():
            self.poll(timeout=1.0)
        if self._failed:
            raise ConversionError("\n".join(self._failed))
        return self.done

    def kill(self) -> None:
        for worker in [*self._pool, *self._retiring]:
            self._drop(worker)

    # -- workers ---------------------------------------------------------------------------

    def _start_workers(self) -> None:
        while len(self._pool) < min(self.workers, self.pending() or 1):
            self._pool.append(self._spawn())

    def _spawn(self) -> Worker:
        self._made += 1
        profile = self.workspace / f"libreoffice-{self._made}"
        cached = _profile_cache()
        fresh = True
        with contextlib.suppress(OSError):
            if cached.is_dir():
                shutil.copytree(cached, profile)
                fresh = False
        profile.mkdir(exist_ok=True)
        scratch = profile.with_name(f"{profile.name}-tmp")  # LibreOffice's own temporary files
        scratch.mkdir(exist_ok=True)
        proc = subprocess.Popen([self._python, str(WORKER), str(profile)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL,
                                env=_clean_env() | {"TMPDIR": str(scratch)},
                                start_new_session=True)
        worker = Worker(proc, profile, fresh, deadline=time.monotonic() + START_SECONDS)
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        self._sel.register(proc.stdout, selectors.EVENT_READ, worker)
        return worker

    def _dispatch(self) -> None:
        self._recycle()
        for worker in self._pool:
            if worker.ready and worker.task is None and self._queue:
                task = self._queue.popleft()
                task.attempts += 1
                worker.task = task
                worker.deadline = time.monotonic() + self.timeout
                try:
                    worker.send({"src": str(task.src), "dst": str(task.dst)})
                except OSError:
                    self._lost(worker, "LibreOffice stopped before converting it")

    def _recycle(self) -> None:
        """An idle worker that has converted its share stops (LibreOffice's memory grows with
        each document it converts) and a fresh one takes its place."""
        for worker in list(self._pool):
            if worker.ready and worker.task is None and worker.done >= RECYCLE_AFTER:
                with contextlib.suppress(OSError):
                    worker.send({"stop": True})
                with contextlib.suppress(KeyError, ValueError):
                    self._sel.unregister(worker.proc.stdout)
                self._pool.remove(worker)
                self._retiring.append(worker)
        for worker in [w for w in self._retiring if w.proc.poll() is not None]:
            self._stopped(worker)
        if self._queue:
            self._start_workers()

    def _read(self, worker: Worker) -> None:
        assert worker.proc.stdout is not None
        try:
            chunk = os.read(worker.proc.stdout.fileno(), 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._lost(worker, "LibreOffice stopped while converting it")
            return
        worker.buffer += chunk
        while b"\n" in worker.buffer:
            line, worker.buffer = worker.buffer.split(b"\n", 1)
            self._answer(worker, json.loads(line))

    def _answer(self, worker: Worker, answer: dict) -> None:
        if answer.get("ready"):
            worker.ready = True
            return
        task, worker.task = worker.task, None
        if task is None:
            return
        worker.done += 1
        if "ok" in answer:
            task.seconds = answer.get("seconds", 0.0)
            task.cpu = answer.get("cpu", 0.0)
            metadata.restate(task.src, task.dst)  # LibreOffice's XMP title and keywords mended
            self.done.append(task)
            self.on_done(task)
        else:
            self._failed.append(f"{task.src.name}: LibreOffice could not convert it: "
                                f"{answer.get('error', 'no reason given')}")

    def _check_deadlines(self) -> None:
        now = time.monotonic()
        for worker in list(self._pool):
            if now > worker.deadline and (worker.task is not None or not worker.ready):
                limit = self.timeout if worker.ready else START_SECONDS
                self._lost(worker, f"LibreOffice did not convert it within {limit:.0f} s")

    def _lost(self, worker: Worker, why: str) -> None:
        """A worker died or hung: kill it and its LibreOffice, and start another for what is
        left; its document is tried again once, then named as failed."""
        task = worker.task
        self._drop(worker)
        if task is not None:
            if task.attempts < ATTEMPTS:
                self._queue.appendleft(task)
            else:
                self._failed.append(f"{task.src.name}: {why} (tried {task.attempts} times, "
                                    "each time on a new LibreOffice); it was stopped")
        elif not worker.ready:
            self._start_failures += 1
            if not worker.fresh_profile:
                shutil.rmtree(_profile_cache(), ignore_errors=True)  # a bad kept profile?
            if self._start_failures >= ATTEMPTS and not any(w.ready for w in self._pool):
                names = ", ".join(t.src.name for t in self._queue)
                self._queue.clear()
                self._failed.append(f"{names}: LibreOffice did not start; it was stopped")
        if self._queue:
            self._start_workers()

    def _drop(self, worker: Worker) -> None:
        """Kill a worker's process group (LibreOffice included) and let it go."""
        kill_group(worker.proc.pid)
        with contextlib.suppress(KeyError, ValueError):
            self._sel.unregister(worker.proc.stdout)
        for pipe in (worker.proc.stdin, worker.proc.stdout):
            with contextlib.suppress(OSError):
                if pipe:
                    pipe.close()
        worker.proc.wait()
        if worker in self._pool:
            self._pool.remove(worker)
        if worker in self._retiring:
            self._retiring.remove(worker)

    def _stop_all(self) -> None:
        for worker in self._pool:
            with contextlib.suppress(OSError):
                worker.send({"stop": True})
        deadline = time.monotonic() + 30
        for worker in [*self._pool, *self._retiring]:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            self._stopped(worker)

    def _stopped(self, worker: Worker) -> None:
        """A worker asked to stop: its profile kept if it was new and closed cleanly."""
        if worker.ready and worker.fresh_profile and worker.proc.returncode == 0:
            _keep_profile(worker.profile)
        self._drop(worker)


def _keep_profile(profile: Path) -> None:
    """Keep a cleanly closed profile for later workers to copy (renamed into place whole)."""
    cached = _profile_cache()
    if cached.exists():
        return
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".profile-", dir=cached.parent))
        shutil.copytree(profile, tmp, dirs_exist_ok=True)
        try:
            os.rename(tmp, cached)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)


def convert(docx_files: Sequence[Path], out: Path, timeout: float = 0.0,
            progress: Callable[[str], None] = lambda _: None,
            workers: int | None = None) -> list[Path]:
    """Convert every file to PDF, written into `out` (complete files only); the PDFs, in order.
    The work happens in a private workspace: nothing but finished PDFs reaches `out`."""
    output_folder(out)
    with workspace("pdf") as work:
        tasks = []
        with Converter(work, workers or cores(), timeout,
                       on_done=lambda t: progress(t.dst.name)) as converter:
            for src in docx_files:
                dst = work / f"{len(tasks)}" / f"{Path(src).stem}.pdf"
                dst.parent.mkdir()
                tasks.append(dst)
                converter.submit(Path(src), dst)
            converter.finish()
        written = []
        for dst in tasks:
            place(dst, out / dst.name)
            written.append(out / dst.name)
    return written
