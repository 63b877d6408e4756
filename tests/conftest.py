"""Shared helpers: the bundled fixtures, and a way to write variants of them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from reportgen.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
WALES = FIXTURES / "wales"
EAST = FIXTURES / "east-of-england"


def fixture(name: str) -> dict[str, Any]:
    """A fixture file's JSON, to change in a test."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def all_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.json"))


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory) -> Path:
    """The tests' own cache folder (kept charts, LibreOffice profile, render records), so that
    the tests neither read nor fill the user's."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


@pytest.fixture
def write(tmp_path: Path):
    """write(obj, name) -> the path of `obj` written as JSON in a temporary folder."""

    def _write(obj: Any, name: str = "input.json") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
        return path

    return _write


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """A command, as a person at a terminal: every test account's password in
    REPORTGEN_PASSWORD, where a command acts as an account."""
    return CliRunner(env={"REPORTGEN_PASSWORD": PASSWORD, **(env or {})}).invoke(
        cli, [str(a) for a in args], catch_exceptions=False)


def rendered_inputs() -> list:
    """What the `rendered` fixture renders: both regions, the national review, and the minimal
    and maximal PDU files (their codes changed so that no file names clash)."""
    from reportgen import pipeline
    loaded = pipeline.inputs([WALES, EAST, FIXTURES / "national-review.json",
                              FIXTURES / "pdu-minimal.json", FIXTURES / "pdu-maximal.json"])
    for ld, code in ((loaded[-2], "minimal"), (loaded[-1], "maximal")):
        ld.data = ld.data.model_copy(update={"pdu": ld.data.pdu.model_copy(update={"code": code})})
    return loaded


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, worker_id) -> Path:
    """Every document of rendered_inputs(), rendered once to DOCX and PDF: once for the whole
    run, whichever test process asks first (the others wait for it and read the same files,
    which no test changes)."""
    import fcntl

    from reportgen import pipeline
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    out = shared / "rendered"
    with (shared / "rendered.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "rendered.done").exists():
            out.mkdir(exist_ok=True)
            pipeline.run(pipeline.all_jobs(rendered_inputs()), out, ["docx", "pdf"])
            (shared / "rendered.done").touch()
    return out


# ------------------------------------------------------------------ stores: SQLite and PostgreSQL

TEAM = {  # one account a role: the names the tests act as
    "lead-inspector": "Owain Davies",
    "editor": "Sam Editor",
    "coo": "Lorna Achebe",
    "chief-inspector": "Justin Russell",
    "translator": "Megan Harris",
    "admin": "Ada Admin",
    "publication": "Publication team",
}
PASSWORD = "correct horse battery"


def add_team(store, password: str | None = None) -> None:
    """The first administrator, then one account for each other role, each with `password`
    (the test password by default: a credential is what an account acts with)."""
    password = password or PASSWORD
    from reportgen.workflow import accounts
    accounts.add(store, TEAM["admin"], ["admin"], password, None)
    for role, name in TEAM.items():
        if role != "admin":
            accounts.add(store, name, [role], password, TEAM["admin"])


def tracking(path: Path, source: Path, doc: str = "pdu-report"):
    """A new store at `path`, with the team, tracking the report made from `source`."""
    from reportgen.workflow import tracker
    from reportgen.workflow.store import Store
    store = Store(str(path))
    add_team(store)
    tracker.start(store, source, doc, TEAM["lead-inspector"])
    return store


@pytest.fixture(scope="session", autouse=True)
def quick_hashing():
    """Argon2 with the least work it allows, in the tests' own process, so tests that add and
    sign in many accounts stay fast; the service's own parameters are argon2-cffi's defaults
    (RFC 9106, low memory), as every command run in a process of its own uses."""
    from argon2 import PasswordHasher

    from reportgen.workflow import accounts
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                          parallelism=1))
        yield


def owner(stage: str) -> str:
    """The test account that owns a stage (a published report's: nobody's, so the editor's)."""
    from reportgen.workflow.accounts import owners
    return TEAM[(owners(stage) or ["editor"])[0]]


def walk(store, report_id: str, *stages: str) -> None:
    """Move a report through `stages`, each move made by the owner of the stage it leaves."""
    from reportgen.workflow import tracker
    for stage in stages:
        tracker.advance(store, report_id, stage, owner(store.report(report_id).stage))


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of the test session's own, in a temporary folder."""
    from tests.postgres import Server
    server = Server()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A new, empty store: an SQLite file, then a database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture(scope="session")
def luton_draft():
    """Luton's data version 1 and its draft, made once for the session's tests that need a
    tracked report."""
    from reportgen.bundle import Bundle
    from reportgen.workflow import editions
    bundle = Bundle.read(EAST / "pdus" / "luton.json")
    return (editions.new_data(bundle, 1, "read from luton.json"),
            editions.documents(bundle, "pdu-report", "luton-pdu-report", 1))


def track_luton(store, draft) -> str:
    """Luton's report tracked from its draft, as `tracker.start` does, without rendering it
    again."""
    store.add("luton-pdu-report", "pdu-report", False, TEAM["lead-inspector"], *draft)
    return "luton-pdu-report"


def edited(content: bytes, change) -> bytes:
    """A Word document as `change(doc)` leaves it, saved as python-docx saves it."""
    import io

    from docx import Document
    doc = Document(io.BytesIO(content))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def boxed_edit(content: bytes, addr: str, text: str) -> bytes:
    """What an editor does in Word: retype the text in one content control."""
    from docx.oxml.ns import qn

    from reportgen.render.controls import ours

    def retype(doc) -> None:
        sdt = next(s for s in doc.element.body.iter(qn("w:sdt")) if ours(s) == addr)
        ts = list(sdt.iter(qn("w:t")))
        ts[0].text = text
        for t in ts[1:]:
            t.text = ""

    return edited(content, retype)


def filled_form(content: bytes, rows: list[list[str]]) -> bytes:
    """A factual accuracy response form with its rows filled in, as the inspected body returns
    it."""
    def fill(doc) -> None:
        for row, values in zip(doc.tables[0].rows[1:], rows, strict=False):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value

    return edited(content, fill)


# The longest test files first, so that the two test processes finish together rather than one
# running a browser journey alone at the end (xdist hands out whole files in this order, as
# long as --no-loadscope-reorder in pyproject.toml stops it putting files of many tests first).
LONGEST_FIRST = ("tests/web/test_browser_region.py", "tests/web/test_browser.py",
                 "tests/test_setup.py", "tests/test_examples.py", "tests/test_interruption.py",
                 "tests/render/test_ooxml.py", "tests/checks/test_statistics_corpus.py",
                 "tests/documents/test_workbook_and_web.py", "tests/checks/test_claims_corpus.py")


def pytest_collection_modifyitems(items: list) -> None:
    def rank(item) -> int:  # type: ignore[no-untyped-def]
        path = item.nodeid.split("::", 1)[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)
    items.sort(key=rank)  # a stable sort: each file's own order is kept
