"""Writing output: never through a link planted in the output folder, a clear message for an
output folder that cannot be used, nothing left when conversion fails, and files that are the
user's alone whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import files
from reportgen.convert import pdf
from tests.conftest import ROOT, WALES, fixture, run

GWENT = WALES / "pdus" / "gwent.json"
ONE = ["render", GWENT, "--doc", "pdu-report", "--lang", "en"]


def test_a_link_planted_in_the_output_folder_is_replaced_not_written_through(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victims = {}
    for suffix in ("docx", "pdf"):
        victim = tmp_path / f"victim-{suffix}.txt"
        victim.write_text("not to be overwritten")
        (out / f"gwent-pdu-report.en.{suffix}").symlink_to(victim)
        victims[suffix] = victim
    result = run(*ONE, "--out", out, "--format", "docx,pdf")
    assert result.exit_code == 0, result.output
    for suffix, victim in victims.items():
        assert victim.read_text() == "not to be overwritten"
        written = out / f"gwent-pdu-report.en.{suffix}"
        assert not written.is_symlink() and written.stat().st_size > 10_000


@pytest.mark.parametrize(("out", "says"), [
    ("a-file/out", "a-file/out: cannot make the output folder: "),
    ("a-file", "Invalid value for '--out': Directory 'a-file' is a file"),
    ("/dev/null", "/dev/null: cannot write there: it is a file, not a folder"),
])
def test_an_output_folder_that_cannot_be_used_is_named(tmp_path, monkeypatch, out, says):
    monkeypatch.chdir(tmp_path)
    Path("a-file").write_text("a file, not a folder")
    result = run(*ONE, "--out", out, "--format", "docx")
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.output
    assert sorted(os.listdir(tmp_path)) == ["a-file"]


def test_an_output_name_taken_by_a_folder_is_named_and_nothing_is_written(tmp_path):
    out = tmp_path / "out"
    (out / "gwent-pdu-report.en.docx").mkdir(parents=True)
    result = run("render", GWENT, "--doc", "pdu-report", "--out", out, "--format", "docx")
    assert result.exit_code == 2
    assert "gwent-pdu-report.en.docx: cannot write the file: a folder has that name" \
        in result.stderr
    assert sorted(os.listdir(out)) == ["gwent-pdu-report.en.docx"]  # not the Welsh one either


def cli(*args: str | Path, umask: int = 0o022):
    """The command in a new process, with this umask."""
    def child() -> None:
        os.umask(umask)
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, preexec_fn=child)


@pytest.fixture
def read_only(tmp_path):
    """A folder nobody may write in: by its mode, or for root (whom modes do not stop) by the
    file system's immutable attribute."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.getuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("running as root on a file system without the immutable attribute: no "
                    "folder here is read-only to root")
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_output_folder_is_named(read_only):
    result = run(*ONE, "--out", read_only, "--format", "docx")
    assert result.exit_code == 2
    assert f"error: {read_only}: cannot write in this folder: permission denied" in result.stderr
    assert os.listdir(read_only) == []


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002, 0o000])
def test_files_and_folders_are_the_users_alone_whatever_the_umask(tmp_path, umask):
    """Outputs took the user's umask: 0644 under the usual one, readable by every account of the
    machine, for documents of unpublished reports."""
    out = tmp_path / "new" / "out"
    result = cli(*ONE, "--out", out, "--format", "docx", umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "gwent-pdu-report.en.docx").stat().st_mode) == 0o600


def test_a_folder_put_in_place_is_the_users_alone(tmp_path):
    old = os.umask(0o002)
    try:
        with files.workspace("test") as work:
            staging = work / "set"
            staging.mkdir()
            (staging / "a.txt").write_text("a")
            files.place_folder(staging, tmp_path / "set")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "set").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "set" / "a.txt").stat().st_mode) == 0o600


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_store_and_its_log_files_are_the_users_alone(tmp_path, umask):
    """The SQLite store and its -wal and -shm were 0644 under the usual umask: password hashes
    and unpublished reports, readable by every account of the machine."""
    store = tmp_path / "tracker.db"
    result = cli("users", "add", "Ada Admin", "--role", "admin", "--store", store,
                 umask=umask)
    assert result.returncode == 0, result.stderr
    worker = subprocess.Popen([sys.executable, "-c", (
        f"import os, time; os.umask({umask}); from reportgen.workflow.store import Store; "
        f"s = Store({str(store)!r}); c = s.engine.connect(); c.exec_driver_sql('SELECT 1'); "
        "print('open', flush=True); time.sleep(3)")],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert worker.stdout.readline().strip() == "open"
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    worker.wait(30)
    assert modes["tracker.db"] == 0o600
    assert {m for n, m in modes.items() if n.startswith("tracker.db-")} <= {0o600}


def test_a_conversion_that_fails_leaves_nothing_in_the_output_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "PER_DOCUMENT_SECONDS", 0.01)
    out = tmp_path / "out"
    out.mkdir()
    result = run(*ONE, "--out", out, "--format", "docx,pdf")
    assert result.exit_code == 2
    assert "gwent-pdu-report.en.docx: LibreOffice did not convert it within 0 s" in result.stderr
    assert os.listdir(out) == []  # no .docx, no LibreOffice lock file, no temporary file


def test_a_file_left_by_a_killed_run_is_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    left = out / f"{files.TEMP_PREFIX}gwent-pdu-report.en.docx.abc123"
    left.write_bytes(b"half a file")
    os.utime(left, (1, 1))
    assert run(*ONE, "--out", out, "--format", "docx").exit_code == 0
    assert os.listdir(out) == ["gwent-pdu-report.en.docx"]


def test_an_output_name_too_long_for_the_file_system_is_refused_cleanly(tmp_path, write):
    data = fixture("wales/pdus/gwent.json")
    data["pdu"]["code"] = "a" * 300
    out = tmp_path / "out"
    result = run("render", write(data), "--doc", "pdu-report", "--out", out, "--format", "docx")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "longer than the file system allows" in result.stderr or "$.pdu.code" in result.stderr
    assert not out.exists()


def test_a_librarys_temporary_files_are_made_in_the_runs_workspace(tmp_path, monkeypatch):
    # openpyxl writes each sheet to a temporary file first: a run killed then must not leave
    # it loose in the temporary folder, where nothing would remove it.
    import tempfile

    import openpyxl

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with files.temporaries_in_workspace() as space:
        made = Path(tempfile.mkstemp(prefix="openpyxl.")[1])
        assert space in made.parents
        book = openpyxl.Workbook()
        book.active.append(["a", 1])
        book.save(space / "book.xlsx")
    assert tempfile.gettempdir() == str(tmp_path)  # given back when the run ends
    assert os.listdir(tmp_path) == []


def test_a_workspace_opened_inside_another_is_made_beside_it(tmp_path, monkeypatch):
    # Chromium's socket path must stay short: a browser's workspace is not nested in the run's.
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with files.temporaries_in_workspace("publish") as outer, \
            files.workspace("browser") as inner:
        assert inner.parent == outer.parent == tmp_path
        assert Path(tempfile.gettempdir()).parent == outer  # the run's, for the whole run
    assert os.listdir(tmp_path) == []


def test_a_stop_whose_exception_was_dropped_still_puts_nothing_in_place(tmp_path):
    # Python prints and drops an exception raised while it runs a finaliser; the signal that
    # raised it is remembered, and nothing is put in place after it.
    import signal
    import time

    from reportgen import processes

    made = tmp_path / "made.docx"
    made.write_bytes(b"whole")
    with pytest.raises(processes.Interrupted), processes.stopping_on_signals():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
        except processes.Interrupted:
            pass  # dropped, as in a finaliser
        files.place(made, tmp_path / "out" / "report.docx")
    assert not (tmp_path / "out" / "report.docx").exists()
    files.place(made, tmp_path / "out" / "report.docx")  # a later run is not stopped by it
    assert (tmp_path / "out" / "report.docx").read_bytes() == b"whole"
