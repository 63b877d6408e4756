"""Every command fails cleanly: an unknown report, a missing or unreadable file, a store that does
not exist each give one line naming the problem and exit status 2, never a traceback, and never
exit status 0 with nothing done."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen.cli.main import cli
from reportgen.ooxml.upload import UnsafeDocument
from reportgen.workflow import factual_accuracy
from tests.conftest import PASSWORD, WALES, tracking

GWENT = WALES / "pdus" / "gwent.json"


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"REPORTGEN_USER": "Owain Davies", "REPORTGEN_STORE": None,
                          "REPORTGEN_PASSWORD": PASSWORD, **(env or {})}).invoke(
        cli, [str(a) for a in args], prog_name="reportgen")


def one_line(result: Result, *wanted: str) -> str:
    """The single line a failed command printed, which must hold every wanted text."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for text in wanted:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store that tracks gwent-pdu-report."""
    path = tmp_path_factory.mktemp("store") / "tracker.db"
    tracking(path, GWENT)
    return path


def _docx(tmp_path: Path) -> Path:
    path = tmp_path / "edited.docx"
    path.write_bytes((WALES.parent.parent / "styles" / "house-styles.docx").read_bytes())
    return path


UNKNOWN_REPORT = [
    ["track", "advance", "nosuch", "--to", "initial-edit"],
    ["track", "diff", "nosuch", "1", "2"],
    ["edits", "diff", "nosuch", "{docx}"],
    ["edits", "apply", "nosuch", "{docx}"],
    ["translate", "export", "nosuch", "--out", "{tmp}/x.xlf"],
    ["translate", "status", "nosuch"],
    ["translate", "confirm", "nosuch", "--all"],
    ["track", "history", "nosuch"],
    ["track", "versions", "nosuch"],
    ["track", "versions", "nosuch", "--get", "1", "--out", "{tmp}/v.docx"],
    ["fa", "send", "nosuch", "--out", "{tmp}/fa"],
    ["fa", "import", "nosuch", "{docx}"],
    ["fa", "decide", "nosuch", "1", "--decision", "accepted"],
    ["fa", "log", "nosuch", "--out", "{tmp}/log.docx"],
    ["publish", "nosuch", "--out", "{tmp}/published"],
    ["check", "stats", "--track", "nosuch"],
]


def _args(args: list[str], tmp_path: Path) -> list[str]:
    docx = _docx(tmp_path)
    return [a.format(tmp=tmp_path, docx=docx) for a in args]


@pytest.mark.parametrize("args", UNKNOWN_REPORT, ids=lambda a: " ".join(a[:2]))
def test_an_unknown_report_is_one_line_and_exit_2_with_nothing_written(args, store, tmp_path):
    """`track history nosuch` and `track versions nosuch` said nothing and exited 0; `fa log
    nosuch` wrote an empty log."""
    args = _args(args, tmp_path)
    before = set(tmp_path.iterdir())
    result = run(*args, "--store", store)
    one_line(result, "no report nosuch is tracked", "gwent-pdu-report")
    assert set(tmp_path.iterdir()) == before


FILES = [
    ["track", "advance", "gwent-pdu-report", "--to", "initial-edit", "--file", "{file}",
     "--store", "{store}"],
    ["edits", "diff", "gwent-pdu-report", "{file}", "--store", "{store}"],
    ["edits", "apply", "gwent-pdu-report", "{file}", "--store", "{store}"],
    ["fa", "decide", "gwent-pdu-report", "1", "--decision", "accepted", "--file", "{file}",
     "--store", "{store}"],
    ["fa", "import", "gwent-pdu-report", "{file}", "--store", "{store}"],
    ["check", "stats", "{file}", "--data", str(GWENT)],
    ["check", "stats", "{docx}", "--data", "{file}"],
    ["check", "accessibility", "{file}"],
    ["translate", "import", str(GWENT), "{file}"],
    ["track", "start", "{file}", "--doc", "pdu-report", "--store", "{store}"],
    ["validate", "{file}"],
    ["ratings", "{file}"],
    ["plan", "{file}"],
    ["render", "{file}", "--doc", "pdu-report"],
    ["translate", "export", "{file}.json"],
    ["translate", "status", "{file}.json"],
]


@pytest.mark.parametrize("args", FILES, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("bad", ["missing.docx", "folder.pdf", "fifo.html"])
def test_a_missing_or_unreadable_file_is_one_line_and_exit_2(args, bad, store, tmp_path):
    """A FIFO would block a reader for ever: it is refused without being opened."""
    for name in ("folder.pdf", "folder.pdf.json"):
        (tmp_path / name).mkdir()
    for name in ("fifo.html", "fifo.html.json"):
        os.mkfifo(tmp_path / name)
    path = tmp_path / bad
    docx = _docx(tmp_path)
    line = one_line(run(*[a.format(file=path, store=store, docx=docx) for a in args]))
    assert bad in line


def test_a_file_that_is_not_a_word_document_is_one_line_and_exit_2(store, tmp_path):
    text = tmp_path / "notes.docx"
    text.write_text("not a Word document")
    for args in (["edits", "diff", "gwent-pdu-report", text, "--store", store],
                 ["check", "accessibility", text]):
        one_line(run(*args), "notes.docx: expected a Word document (.docx)")
    one_line(run("check", "stats", text, "--data", GWENT), "notes.docx: the statistics check "
                                                          "cannot read it")
    pdf = tmp_path / "report.en.pdf"
    pdf.write_text("not a PDF")
    one_line(run("check", "accessibility", pdf), "report.en.pdf: expected a PDF file")


STORE_COMMANDS = [
    ["track", "status"],
    ["track", "history", "gwent-pdu-report"],
    ["track", "versions", "gwent-pdu-report"],
    ["track", "advance", "gwent-pdu-report", "--to", "initial-edit"],
    ["fa", "log", "gwent-pdu-report", "--out", "{tmp}/log.docx"],
    ["fa", "decide", "gwent-pdu-report", "1", "--decision", "accepted"],
    ["publish", "gwent-pdu-report", "--out", "{tmp}/published"],
    ["check", "stats", "--track", "gwent-pdu-report"],
]


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_store_that_does_not_exist_is_not_created(args, tmp_path):
    """REPORTGEN_STORE=tracker.db, run in another folder, silently made an empty store."""
    elsewhere = tmp_path / "elsewhere" / "tracker.db"
    (tmp_path / "elsewhere").mkdir()
    result = run(*_args(args, tmp_path), env={"REPORTGEN_STORE": str(elsewhere)})
    one_line(result, f"no tracker store at {elsewhere}", "users add")
    assert not elsewhere.exists()


def test_the_first_account_creates_the_store_and_says_where(tmp_path):
    path = tmp_path / "new.db"
    result = run("users", "add", "Ada Admin", "--role", "admin", "--store", path,
                 env={"REPORTGEN_USER": None})
    assert result.exit_code == 0, result.output
    assert f"Created the tracker's store at {path}" in result.stderr
    again = run("track", "status", "--store", path)
    assert again.exit_code == 0 and "Created" not in again.stderr


def test_track_start_does_not_create_a_store(tmp_path):
    path = tmp_path / "new.db"
    one_line(run("track", "start", GWENT, "--doc", "pdu-report", "--store", path),
             f"no tracker store at {path}")
    assert not path.exists()


def test_create_makes_an_empty_store_on_request(tmp_path):
    path = tmp_path / "empty.db"
    result = run("track", "status", "--store", path, "--create")
    assert result.exit_code == 0 and f"at {path}" in result.stderr and path.exists()


def test_a_store_in_a_folder_that_does_not_exist_is_one_line(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "t.db"
    one_line(run("users", "add", "Ada Admin", "--role", "admin", "--store", path,
                 env={"REPORTGEN_USER": None}), f"no folder {path.parent}")


def test_a_file_that_is_not_a_store_is_one_line(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database " * 100)
    one_line(run("track", "status", "--store", path), "cannot open the tracker store")


def test_a_usage_error_is_one_line_naming_where_help_is():
    line = one_line(run("track", "history"), "Missing argument 'REPORT_ID'")
    assert line.endswith("(see reportgen track history --help)")


def test_a_word_file_with_macros_handed_in_is_refused_before_it_is_read(store, tmp_path):
    # The same checks as the web service's uploads: an edited document or a returned form
    # comes from outside, whichever way it arrives.
    import zipfile

    macro = tmp_path / "macros.docx"
    with zipfile.ZipFile(_docx(tmp_path)) as plain, zipfile.ZipFile(macro, "w") as out:
        for item in plain.infolist():
            out.writestr(item, plain.read(item))
        out.writestr("word/vbaProject.bin", b"\0" * 64)
    says = "macros.docx: it carries macros (word/vbaProject.bin)"
    one_line(run("edits", "diff", "gwent-pdu-report", macro, "--store", store), says)
    with pytest.raises(UnsafeDocument, match=re.escape(says)):
        factual_accuracy.read_form(macro.read_bytes(), {}, "macros.docx")
