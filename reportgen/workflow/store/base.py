"""What every part of the store shares: opening and migrating it, transactions, the errors
it raises and the records it takes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from reportgen.errors import ReportgenError

MIGRATIONS = Path(__file__).parents[1] / "migrations"
_MIGRATING = threading.Lock()
DEFAULT_STORE = "reportgen-tracker.db"
POOL = 32  # database connections kept open: `reportgen serve`'s threads


class TrackError(ReportgenError):
    """A tracker operation that cannot be done, with the reason."""


class MovedUnderYou(TrackError):
    """Another move of the same report happened first."""


@dataclass(frozen=True)
class NewData:
    """A new version of a report's data: its number (the next; its documents are stamped with
    it before they are kept), its stored form and why it was made."""

    number: int
    content: str
    sha256: str
    note: str


@dataclass(frozen=True)
class NewVersion:
    lang: str
    name: str
    content: bytes
    source_sha256: str | None = None  # for a Welsh version: the English version it renders
    data_version: int | None = None  # the data version it was made from

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Publication:
    """A report's published set: every file by name, and its manifest (checksums, the data
    version and its checksum), kept in the store with the move to published."""

    data_version: int
    published_on: dt.date
    manifest: str
    files: dict[str, bytes]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _url(location: str) -> str:
    if location.startswith(("postgresql://", "postgres://")):  # the driver installed: psycopg 3
        return "postgresql+psycopg://" + location.split("://", 1)[1]
    return location if "://" in location else f"sqlite:///{Path(location).resolve()}"


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for an in-memory database or another server)."""
    path = sa.engine.make_url(url).database if url.startswith("sqlite") else None
    return Path(path) if path and path != ":memory:" else None


def _private(file: Path) -> None:
    """The store's file readable and writable by its owner only, whatever the umask: it holds
    password hashes and unpublished reports. SQLite gives its -wal and -shm files the mode of
    the database file; those left by an earlier run are tightened too."""
    if not file.exists():
        os.close(os.open(file, os.O_CREAT | os.O_WRONLY, 0o600))
    for path in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
        if path.exists() and path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
            path.chmod(0o600)


def _pause_for_fault_tests() -> None:
    # Lets a test kill a real process in the middle of a move (tests/workflow/test_store.py).
    seconds = os.environ.get("REPORTGEN_FAULT_PAUSE_IN_MOVE")
    if seconds:
        Path(os.environ["REPORTGEN_FAULT_MARKER"]).write_text("in move")
        time.sleep(float(seconds))


def _write_ahead_log(dbapi_connection: Any, _record: Any) -> None:
    """SQLite in write-ahead-log mode: people reading (the service's pages) never wait for a
    move being written, nor a move for them."""
    dbapi_connection.execute("PRAGMA journal_mode=WAL")


class StoreBase:
    """The store opened: its engine and its tables as the migrations made them."""

    def __init__(self, location: str = DEFAULT_STORE, upgrade_to: str = "head",
                 create: bool = True) -> None:
        """Open the store at `location`, migrated to `upgrade_to`. With `create` false, a store
        that does not exist yet is an error rather than a new, empty one (a mistyped path would
        otherwise look like a tracker with no reports); `created` says where one was made."""
        self.url = _url(location)
        file = _sqlite_file(self.url)
        if file is not None and not file.exists():
            if not create:
                raise TrackError(f"no tracker store at {file}: reportgen users add, adding its "
                                 "first account, creates one (or give --create); check --store "
                                 "or REPORTGEN_STORE")
            if not file.parent.is_dir():
                raise TrackError(f"cannot create the tracker store {file}: no folder "
                                 f"{file.parent}")
        self.created = file if file is not None and not file.exists() else None
        if file is not None:
            _private(file)
        self.engine = sa.create_engine(
            self.url, connect_args={"timeout": 30} if self.url.startswith("sqlite") else {},
            # A connection kept for each request the service serves at once (its threads):
            # connections made and dropped beyond a small pool cost each burst of pages dearly.
            **({} if self.url.startswith("sqlite") else {"pool_size": POOL, "max_overflow": 8}),
        )
        if self.url.startswith("sqlite"):
            sa.event.listen(self.engine, "connect", _write_ahead_log)
        shown = sa.engine.make_url(self.url).render_as_string(hide_password=True)
        try:
            if not create and not sa.inspect(self.engine).has_table("alembic_version"):
                raise TrackError(f"{shown} holds no tracker store: reportgen users add, "
                                 "adding its first account, creates one (or give --create)")
            self.migrate(upgrade_to)
            # The tables as the migrations made them: the schema has one source, the migrations.
            meta = sa.MetaData()
            meta.reflect(self.engine)
        except sa.exc.SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise TrackError(f"cannot open the tracker store {shown}: {reason}") from None
        self._t = SimpleNamespace(**meta.tables)
        # Reads of one statement need no transaction: on PostgreSQL that saves the BEGIN and
        # ROLLBACK round trips around each (a report's page makes some thirty reads).
        self._reader = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    def migrate(self, to: str = "head") -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with _MIGRATING, self.engine.begin() as conn:  # Alembic's context is process-global
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, to)

    def schema_revision(self) -> str:
        with self.engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()

    def _read(self) -> Connection:
        """A connection for reading (every write goes through _tx)."""
        return self._reader.connect()

    def _one(self, column: Any, *where: Any, missing: str) -> Any:
        """The value of `column` in the one row where `where` holds; if none, a TrackError
        saying what is `missing`."""
        with self._read() as conn:
            found = conn.execute(sa.select(column).where(*where)).scalar()
        if found is None:
            raise TrackError(missing)
        return found

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn


def _of(new: Sequence[NewVersion], number: int | None) -> list[NewVersion]:
    """Documents made from data version `number`, where they do not say."""
    return [v if v.data_version is not None or number is None else replace(v, data_version=number)
            for v in new]
