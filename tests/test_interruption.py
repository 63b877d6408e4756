"""A run killed at any moment (SIGKILL, SIGTERM, SIGINT) leaves no partial file or folder in its
output and no child process (rendering workers, LibreOffice, chromedriver, Chromium); what it
left in the temporary folder is removed by the next run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

import pikepdf
import pytest

from reportgen.files import WORKSPACE_PREFIX
from reportgen.workflow import editions
from tests.conftest import EAST, PASSWORD, ROOT, TEAM, WALES, tracking

LUTON = EAST / "pdus" / "luton.json"
ID = "luton-pdu-report"
KILLS = 6  # each, one in each sixth of a run; twenty, and a whole region, with -m slow


class Runs:
    """Starts the command line in new processes, each child of which carries a marker in its
    environment, so that any process a run leaves behind can be found."""

    def __init__(self, tmp_path: Path) -> None:
        # The runs' own temporary folder, with a short path, as /tmp has: Chromium makes a
        # socket there, and a socket's path is at most 108 bytes.
        self.tmp = Path(tempfile.mkdtemp(prefix="rg-", dir="/tmp"))
        self.base = tmp_path
        self.marker = f"reportgen-test-{uuid.uuid4().hex}"

    def start(self, *args: str | Path) -> subprocess.Popen:
        env = os.environ | {"TMPDIR": str(self.tmp), "REPORTGEN_TEST_RUN": self.marker,
                            "REPORTGEN_PASSWORD": PASSWORD}
        return subprocess.Popen([sys.executable, "-m", "reportgen", *map(str, args)], cwd=ROOT,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def complete(self, *args: str | Path) -> float:
        start = time.monotonic()
        env = os.environ | {"TMPDIR": str(self.tmp), "REPORTGEN_TEST_RUN": self.marker,
                            "REPORTGEN_PASSWORD": PASSWORD}
        done = subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], cwd=ROOT,
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return time.monotonic() - start

    def left(self) -> list[str]:
        """Processes still running that one of the runs started."""
        found = []
        for environ in Path("/proc").glob("[0-9]*/environ"):
            try:
                if self.marker.encode() in environ.read_bytes():
                    found.append((environ.parent / "comm").read_text().strip())
            except OSError:
                continue
        return found

    def none_left(self, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while self.left() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.left() == []

    def stop(self, proc: subprocess.Popen, after: float, sig: int = signal.SIGKILL) -> None:
        time.sleep(after)
        self.signal(proc, sig)

    def stop_while_working(self, proc: subprocess.Popen, sig: int) -> None:
        """Signal a run once it is at work (its workspace made, a LibreOffice converting),
        however fast the machine or warm the chart cache: a fixed delay can outlast a run."""
        deadline = time.monotonic() + 30
        while not (any(self.tmp.glob(f"{WORKSPACE_PREFIX}*")) and "soffice.bin" in self.left()):
            assert proc.poll() is None, "the run ended before it was at work"
            assert time.monotonic() < deadline, "no LibreOffice started in 30 s"
            time.sleep(0.02)
        self.signal(proc, sig)

    def signal(self, proc: subprocess.Popen, sig: int) -> None:
        proc.send_signal(sig)
        proc.wait(timeout=60)
        self.none_left()


def complete_files(out: Path, expected: set[str]) -> None:
    """Every file in `out` is one the run makes, whole."""
    if not out.exists():
        return
    for path in out.iterdir():
        assert path.name in expected, path.name  # no temporary or hidden file
        content = path.read_bytes()
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as docx:
                assert docx.testzip() is None
        elif path.suffix == ".pdf":
            with pikepdf.open(path) as pdf:
                assert len(pdf.pages) > 0
        elif path.suffix == ".ics":
            assert content.endswith(b"END:VCALENDAR\r\n")


def moments(seconds: float, kills: int, sig: int) -> list[float]:
    """When to kill each run: one moment at random in each of `kills` equal parts of a run
    that takes `seconds`, so that every stage of it is reached, from start to finish."""
    rng = random.Random(sig * 100 + kills)
    return [(i + rng.random()) * seconds / kills for i in range(kills)]


def render_all(runs: Runs, kills: int, source: Path, sig: int = signal.SIGKILL) -> None:
    reference = runs.base / "reference"
    seconds = runs.complete("render-all", source, "--out", reference, "--force")
    expected = {p.name for p in reference.iterdir()}
    for i, at in enumerate(moments(seconds, kills, sig)):
        out = runs.base / f"out-{i}"
        proc = runs.start("render-all", source, "--out", out, "--force")
        runs.stop(proc, at, sig)
        complete_files(out, expected)
    runs.complete("render-all", source, "--out", reference, "--force")
    assert list(runs.tmp.iterdir()) == []  # what the killed runs left, the next removed


def copy_store(store: Path, to: Path) -> Path:
    """A copy of an SQLite store, its write-ahead log included."""
    with sqlite3.connect(store) as source, sqlite3.connect(to) as target:
        source.backup(target)
    return to


@pytest.fixture(scope="module")
def ready_store(tmp_path_factory) -> Path:
    """A store with Luton's report at ready-to-publish, every gate holding."""
    path = tmp_path_factory.mktemp("store") / "t.db"
    s = tracking(path, LUTON)
    for stage in ("initial-edit", "strategic-edit", "chief-inspector-review",
                  "factual-accuracy", "statistics-check"):
        s.move(ID, s.report(ID).revision, stage, "x", "")
    number, _ = editions.held(s, ID)
    s.record_stats(ID, "", True, "{}", number, "en")
    s.move(ID, s.report(ID).revision, "ready-to-publish", "x", "")
    return path


def publish(runs: Runs, ready_store: Path, kills: int, sig: int = signal.SIGKILL) -> None:
    def command(i: int) -> tuple:
        store = copy_store(ready_store, runs.base / f"store-{i}.db")
        out = runs.base / f"published-{i}"
        return out, ("publish", ID, "--out", out, "--store", store, "--as", TEAM["publication"])

    out, args = command(-1)
    seconds = runs.complete(*args)
    expected = {p.name for p in (out / ID).iterdir()}
    for i, at in enumerate(moments(seconds, kills, sig)):
        out, args = command(i)
        runs.stop(runs.start(*args), at, sig)
        if out.exists():
            sets = os.listdir(out)
            assert sets in ([], [ID])  # nothing, or the whole set
            if sets:
                assert set(os.listdir(out / ID)) == expected
    runs.complete(*command(kills)[1])
    assert list(runs.tmp.iterdir()) == []


@pytest.fixture
def runs(tmp_path):
    made = Runs(tmp_path)
    yield made
    shutil.rmtree(made.tmp, ignore_errors=True)


def test_render_all_killed_throughout_leaves_nothing_behind(runs):
    render_all(runs, KILLS, LUTON)


def test_publish_killed_throughout_leaves_nothing_behind(runs, ready_store):
    publish(runs, ready_store, KILLS)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_run_asked_to_stop_cleans_up_at_once(runs, tmp_path, ready_store, sig):
    for args in (("render-all", WALES, "--out", tmp_path / "out"),
                 ("publish", ID, "--out", tmp_path / "published", "--store",
                  copy_store(ready_store, tmp_path / "t.db"), "--as", TEAM["publication"])):
        proc = runs.start(*args)
        runs.stop_while_working(proc, sig)
        assert proc.returncode != 0
        assert list(runs.tmp.iterdir()) == []  # removed by the run itself, not the next
        assert not (tmp_path / "published").exists()


@pytest.mark.slow
def test_publish_killed_twenty_times_leaves_nothing_behind(runs, ready_store):
    publish(runs, ready_store, 20)


@pytest.mark.slow
def test_render_all_of_a_region_killed_twenty_times_leaves_nothing_behind(runs):
    render_all(runs, 20, WALES)
