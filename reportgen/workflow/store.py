"""The tracker's store: SQLAlchemy Core over an embedded SQLite file by default (any SQLAlchemy
URL, such as a shared PostgreSQL server, works the same). Created when asked and migrated with
Alembic when it was made by an older reportgen. Only this module speaks SQL.

It keeps the inspection data itself, never a path to it: each report has numbered data versions
(1, 2, 3 ...), each change to the data (an edit read back from Word, a translation, a factual
accuracy correction) a new one, none ever overwritten, and the documents made from each.

Every move is one transaction: a process killed in the middle leaves the store as it was before
the move. Two people moving the same report at once are told apart by the report's revision
number (optimistic locking): the second is told the report moved under them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from reportgen.errors import ReportgenError

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATING = threading.Lock()
DEFAULT_STORE = "reportgen-tracker.db"


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


class Store:
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
            self.url, connect_args={"timeout": 30} if self.url.startswith("sqlite") else {}
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

    def migrate(self, to: str = "head") -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with _MIGRATING, self.engine.begin() as conn:  # Alembic's context is process-global
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, to)

    def schema_revision(self) -> str:
        with self.engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # --------------------------------------------------------------------- reports

    def add(
        self,
        report_id: str,
        doc: str,
        in_wales: bool,
        by: str,
        data: NewData,
        new: Sequence[NewVersion],
    ) -> None:
        """Start tracking a report at draft with its data as version 1 and its first documents."""
        with self._tx() as conn:
            if conn.execute(
                sa.select(self._t.reports.c.id).where(self._t.reports.c.id == report_id)
            ).first():
                raise TrackError(f"{report_id} is already tracked")
            at = now()
            conn.execute(
                self._t.reports.insert().values(
                    id=report_id,
                    doc=doc,
                    in_wales=in_wales,
                    stage="draft",
                    revision=1,
                    created_at=at,
                )
            )
            conn.execute(
                self._t.history.insert().values(
                    report_id=report_id,
                    at=at,
                    by=by,
                    from_stage=None,
                    to_stage="draft",
                    note="tracking started",
                )
            )
            number = self._add_data(conn, report_id, "draft", by, at, data)
            self._add_versions(conn, report_id, "draft", by, at, _of(new, number))

    def report(self, report_id: str) -> Row[Any]:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(self._t.reports).where(self._t.reports.c.id == report_id)
            ).first()
            if row is None:
                known = [r.id for r in conn.execute(sa.select(self._t.reports.c.id))]
                raise TrackError(
                    f"no report {report_id} is tracked"
                    + (f" (tracked: {', '.join(known)})" if known else "")
                )
            return row

    def all_reports(self) -> list[Row[Any]]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(self._t.reports).order_by(self._t.reports.c.id)))

    def move(
        self,
        report_id: str,
        revision: int,
        to_stage: str,
        by: str,
        note: str,
        new: Sequence[NewVersion] = (),
        data: NewData | None = None,
        publication: Publication | None = None,
    ) -> int | None:
        """Move the report if it is still at `revision`: the stage, the history line, a new
        version of the data made in the stage it leaves, its documents and (to published) the
        published set are written together or not at all. The new data version's number, if
        any."""
        with self._tx() as conn:
            current = conn.execute(
                sa.select(self._t.reports).where(self._t.reports.c.id == report_id)
            ).one()
            moved = conn.execute(
                self._t.reports.update()
                .where(self._t.reports.c.id == report_id, self._t.reports.c.revision == revision)
                .values(stage=to_stage, revision=revision + 1)
            )
            if moved.rowcount != 1:
                raise MovedUnderYou(
                    f"{report_id} moved under you: it is now at {current.stage} (revision "
                    f"{current.revision}); look at its history and try again"
                )
            at = now()
            _pause_for_fault_tests()
            number = None
            if data is not None:
                number = self._add_data(conn, report_id, current.stage, by, at, data)
            conn.execute(
                self._t.history.insert().values(
                    report_id=report_id,
                    at=at,
                    by=by,
                    from_stage=current.stage,
                    to_stage=to_stage,
                    note=note,
                )
            )
            self._add_versions(conn, report_id, current.stage if number else to_stage, by, at,
                               _of(new, number))
            if publication is not None:
                self._publish(conn, report_id, by, at, publication)
            return number

    # ----------------------------------------------------------------- publication

    def _publish(self, conn: Connection, report_id: str, by: str, at: dt.datetime,
                 publication: Publication) -> None:
        conn.execute(self._t.publications.insert().values(
            report_id=report_id, data_version=publication.data_version,
            published_on=publication.published_on, by=by, at=at,
            manifest=publication.manifest))
        conn.execute(self._t.published_files.insert(), [
            {"report_id": report_id, "name": name, "sha256": hashlib.sha256(content).hexdigest(),
             "bytes": len(content), "content": content}
            for name, content in publication.files.items()])

    def publication(self, report_id: str) -> Row[Any] | None:
        """The report's publication (day, data version, who, manifest), or None."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(self._t.publications)
                                .where(self._t.publications.c.report_id == report_id)).first()

    def published_files(self, report_id: str) -> list[Row[Any]]:
        """The published set's files by name, with their sizes and checksums."""
        t = self._t.published_files
        with self.engine.connect() as conn:
            return list(conn.execute(
                sa.select(t.c.name, t.c.sha256, t.c.bytes)
                .where(t.c.report_id == report_id).order_by(t.c.name)))

    def published_file(self, report_id: str, name: str) -> bytes:
        t = self._t.published_files
        with self.engine.connect() as conn:
            content = conn.execute(sa.select(t.c.content).where(
                t.c.report_id == report_id, t.c.name == name)).scalar()
        if content is None:
            raise TrackError(f"{report_id} has no published file {name}")
        return bytes(content)

    # ------------------------------------------------------------------------ jobs

    def add_job(self, kind: str, report_id: str | None, by: str, args: dict[str, Any]) -> int:
        at = now()
        with self._tx() as conn:
            return conn.execute(self._t.jobs.insert().values(
                kind=kind, report_id=report_id, by=by, args=json.dumps(args), state="queued",
                created_at=at, updated_at=at).returning(self._t.jobs.c.id)).scalar_one()

    def job(self, job_id: int) -> Row[Any]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(self._t.jobs)
                               .where(self._t.jobs.c.id == job_id)).first()
        if row is None:
            raise TrackError(f"no job {job_id}")
        return row

    def jobs(self, report_id: str | None = None, limit: int = 20) -> list[Row[Any]]:
        """The latest jobs, newest first (of one report, or of every one)."""
        t = self._t.jobs
        query = sa.select(t).order_by(t.c.id.desc()).limit(limit)
        if report_id is not None:
            query = query.where(t.c.report_id == report_id)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def start_job(self, job_id: int) -> Row[Any]:
        """The job marked running, one more attempt counted (a worker that died before it
        finished leaves the job to another, which counts again)."""
        t = self._t.jobs
        with self._tx() as conn:
            conn.execute(t.update().where(t.c.id == job_id).values(
                state="running", step="", attempts=t.c.attempts + 1, updated_at=now(),
                worker=f"{socket.gethostname()}:{os.getpid()}"))
        return self.job(job_id)

    def job_step(self, job_id: int, step: str) -> None:
        """What the job is doing now, for the page that follows it."""
        self._set_job(job_id, step=step)

    def finish_job(self, job_id: int, state: str, result: str) -> None:
        self._set_job(job_id, state=state, step="", result=result)

    def _set_job(self, job_id: int, **values: Any) -> None:
        t = self._t.jobs
        with self._tx() as conn:
            conn.execute(t.update().where(t.c.id == job_id).values(updated_at=now(), **values))

    def add_data(self, report_id: str, by: str, data: NewData,
                 new: Sequence[NewVersion] = (), revision: int | None = None) -> int:
        """Keep a new version of the report's data (and its documents) at its current stage,
        without moving it; refused once it is published, or if it moved since `revision`.
        Returns the new version's number."""
        with self._tx() as conn:
            report = conn.execute(
                sa.select(self._t.reports).where(self._t.reports.c.id == report_id)
            ).one()
            if report.stage == "published":
                raise TrackError(f"{report_id} is published: its data no longer changes")
            if revision is not None and report.revision != revision:
                raise MovedUnderYou(f"{report_id} moved under you: it is now at {report.stage}")
            at = now()
            number = self._add_data(conn, report_id, report.stage, by, at, data)
            self._add_versions(conn, report_id, report.stage, by, at, _of(new, number))
            return number

    def _add_data(self, conn: Connection, report_id: str, stage: str, by: str,
                  at: dt.datetime, data: NewData) -> int:
        last = conn.execute(
            sa.select(sa.func.max(self._t.data_versions.c.number))
            .where(self._t.data_versions.c.report_id == report_id)
        ).scalar()
        number = (last or 0) + 1
        if data.number != number:
            raise MovedUnderYou(f"{report_id} changed under you: its data is now at version "
                                f"{last}; look at its history and try again")
        conn.execute(
            self._t.data_versions.insert().values(
                report_id=report_id, number=number, stage=stage, at=at, by=by, note=data.note,
                sha256=data.sha256, content=data.content,
            )
        )
        return number

    def data_versions(self, report_id: str) -> list[Row[Any]]:
        """Every version of the report's data, oldest first, without the data itself."""
        self.report(report_id)
        cols = [c for c in self._t.data_versions.c if c.name != "content"]
        with self.engine.connect() as conn:
            return list(conn.execute(
                sa.select(*cols).where(self._t.data_versions.c.report_id == report_id)
                .order_by(self._t.data_versions.c.number)))

    def held_versions(self) -> dict[str, Row[Any]]:
        """The latest data version of every report, without the data itself, in one query (the
        dashboard shows every report's)."""
        t = self._t.data_versions
        latest = (sa.select(t.c.report_id, sa.func.max(t.c.number).label("number"))
                  .group_by(t.c.report_id).subquery())
        cols = [c for c in t.c if c.name != "content"]
        query = sa.select(*cols).join(latest, (t.c.report_id == latest.c.report_id)
                                      & (t.c.number == latest.c.number))
        with self.engine.connect() as conn:
            return {row.report_id: row for row in conn.execute(query)}

    def data(self, report_id: str, number: int | None = None) -> Row[Any]:
        """One version of the report's data (the latest, the one held, by default)."""
        self.report(report_id)
        t = self._t.data_versions
        query = sa.select(t).where(t.c.report_id == report_id)
        query = query.where(t.c.number == number) if number is not None else \
            query.order_by(t.c.number.desc()).limit(1)
        with self.engine.connect() as conn:
            found = conn.execute(query).first()
        if found is None:
            held = [str(v.number) for v in self.data_versions(report_id)]
            raise TrackError(f"{report_id} has no data version {number}" + (
                f" (it has {', '.join(held)})" if held else " (no data is held: the store was "
                "made by an older reportgen and the input file had gone)"))
        return found

    def add_versions(self, report_id: str, stage: str, by: str, new: Sequence[NewVersion]) -> None:
        with self._tx() as conn:
            self._add_versions(conn, report_id, stage, by, now(), new)

    def _add_versions(
        self,
        conn: Connection,
        report_id: str,
        stage: str,
        by: str,
        at: dt.datetime,
        new: Iterable[NewVersion],
    ) -> None:
        for v in new:
            conn.execute(
                self._t.versions.insert().values(
                    report_id=report_id,
                    stage=stage,
                    lang=v.lang,
                    name=v.name,
                    sha256=v.sha256,
                    content=v.content,
                    at=at,
                    by=by,
                    source_sha256=v.source_sha256,
                    data_version=v.data_version,
                )
            )

    def history(self, report_id: str) -> list[Row[Any]]:
        self.report(report_id)
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    sa.select(self._t.history)
                    .where(self._t.history.c.report_id == report_id)
                    .order_by(self._t.history.c.id)
                )
            )

    def versions(self, report_id: str) -> list[Row[Any]]:
        """Every document kept for the report, oldest first, without its content."""
        self.report(report_id)
        cols = [c for c in self._t.versions.c if c.name != "content"]
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    sa.select(*cols)
                    .where(self._t.versions.c.report_id == report_id)
                    .order_by(self._t.versions.c.id)
                )
            )

    def content(self, report_id: str, version_id: int) -> bytes:
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(self._t.versions.c.content).where(
                    self._t.versions.c.report_id == report_id, self._t.versions.c.id == version_id
                )
            ).scalar()
        if found is None:
            raise TrackError(f"{report_id} has no version {version_id}")
        return found

    def latest(self, report_id: str, lang: str, data_version: int | None = None
               ) -> Row[Any] | None:
        """The newest document of a kind ("en", "cy", "en:fa-sent" ...), of one data version
        if given."""
        found = [v for v in self.versions(report_id) if v.lang == lang
                 and (data_version is None or v.data_version == data_version)]
        return found[-1] if found else None

    # ------------------------------------------------------------ factual accuracy

    def add_fa_items(self, report_id: str, items: Sequence[dict[str, Any]], form_sha256: str,
                     form_name: str, by: str) -> list[int]:
        """Import the items of one returned form, numbered on from the report's last item.
        A form already imported is refused; two imports at once are numbered one after the
        other (the report's row is locked, and the numbers are unique per report)."""
        try:
            with self._tx() as conn:
                conn.execute(self._t.fa_imports.insert().values(
                    report_id=report_id, sha256=form_sha256, name=form_name, items=len(items),
                    by=by, at=now()))
                self._lock(conn, report_id)
                start = conn.execute(
                    sa.select(sa.func.coalesce(sa.func.max(self._t.fa_items.c.number), 0))
                    .where(self._t.fa_items.c.report_id == report_id)
                ).scalar_one()
                numbers = list(range(start + 1, start + 1 + len(items)))
                for n, item in zip(numbers, items, strict=True):
                    conn.execute(
                        self._t.fa_items.insert().values(report_id=report_id, number=n, **item)
                    )
                return numbers
        except IntegrityError:
            first = self.fa_import(report_id, form_sha256)
            if first is None:  # not the form: the numbers collided, which the lock prevents
                raise
            raise TrackError(f"this form was imported already, as {first.name} by {first.by} "
                             f"on {first.at:%Y-%m-%d %H:%M}: a form is imported once") from None

    def fa_import(self, report_id: str, form_sha256: str) -> Row[Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(self._t.fa_imports).where(
                self._t.fa_imports.c.report_id == report_id,
                self._t.fa_imports.c.sha256 == form_sha256)).first()

    def _lock(self, conn: Connection, report_id: str) -> Row[Any]:
        """The report's row, locked until the transaction ends: a write that changes nothing
        takes PostgreSQL's lock on the row and SQLite's on the file, before anything is read."""
        reports = self._t.reports
        found = conn.execute(reports.update().where(reports.c.id == report_id)
                             .values(revision=reports.c.revision))
        if found.rowcount != 1:
            raise TrackError(f"no report {report_id} is tracked")
        return conn.execute(sa.select(reports).where(reports.c.id == report_id)).one()

    def fa_items(self, report_id: str) -> list[Row[Any]]:
        self.report(report_id)
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    sa.select(self._t.fa_items)
                    .where(self._t.fa_items.c.report_id == report_id)
                    .order_by(self._t.fa_items.c.number)
                )
            )

    def decide(self, report_id: str, number: int, decision: str, reason: str, by: str,
               coo: bool, revision: int, data_version: int | None = None) -> None:
        """Record a decision, with the data version whose change answers the item, keeping
        every earlier one. Refused once the report has moved since `revision` (the decision
        was made on what the decider saw) and on an item whose decision became final when a
        factual accuracy stage ended."""
        with self._tx() as conn:
            report = self._lock(conn, report_id)
            if report.revision != revision:
                raise MovedUnderYou(f"{report_id} moved under you: it is now at {report.stage}; "
                                    "look again and decide")
            earlier = conn.execute(
                sa.select(self._t.fa_decisions.c.revision)
                .where(self._t.fa_decisions.c.report_id == report_id,
                       self._t.fa_decisions.c.number == number)
                .order_by(self._t.fa_decisions.c.id.desc())).first()
            if earlier is not None and earlier.revision != revision:
                raise TrackError(f"the decision on item {number} is final: the factual "
                                 "accuracy stage in which it was made has ended")
            at = now()
            done = conn.execute(
                self._t.fa_items.update()
                .where(
                    self._t.fa_items.c.report_id == report_id, self._t.fa_items.c.number == number
                )
                .values(
                    decision=decision,
                    reason=reason,
                    decided_by=by,
                    decided_by_coo=coo,
                    decided_at=at,
                    data_version=data_version,
                )
            )
            if done.rowcount != 1:
                raise TrackError(f"{report_id} has no factual accuracy item {number}")
            conn.execute(self._t.fa_decisions.insert().values(
                report_id=report_id, number=number, decision=decision, reason=reason, by=by,
                as_coo=coo, revision=revision, data_version=data_version, at=at))

    def fa_decisions(self, report_id: str) -> list[Row[Any]]:
        """Every decision ever recorded on the report's items, oldest first."""
        with self.engine.connect() as conn:
            return list(conn.execute(
                sa.select(self._t.fa_decisions)
                .where(self._t.fa_decisions.c.report_id == report_id)
                .order_by(self._t.fa_decisions.c.id)))

    # ------------------------------------------------------------------ statistics

    def record_stats(self, report_id: str, sha256: str, passed: bool, result: str,
                     data_version: int | None = None, lang: str | None = None,
                     by: str | None = None) -> None:
        with self._tx() as conn:
            conn.execute(
                self._t.stats_checks.insert().values(
                    report_id=report_id, sha256=sha256, passed=passed, result=result, at=now(),
                    data_version=data_version, lang=lang, by=by,
                )
            )

    def stats_results(self, report_id: str) -> list[dict[str, Any]]:
        """Every statistics check recorded for the report, oldest first: what was recorded,
        with its data version, language and whether it passed."""
        t = self._t.stats_checks
        with self.engine.connect() as conn:
            rows = list(conn.execute(sa.select(t).where(t.c.report_id == report_id)
                                     .order_by(t.c.id)))
        found = []
        for row in rows:
            try:
                recorded = json.loads(row.result or "{}")
            except ValueError:
                recorded = {}
            found.append({**(recorded if isinstance(recorded, dict) else {}),
                          "data_version": row.data_version, "lang": row.lang,
                          "passed": bool(row.passed), "by": row.by, "at": row.at})
        return found

    def stats_passed(self, report_id: str, data_version: int, lang: str) -> bool:
        """Whether the last statistics check of this data version's document in `lang`
        passed."""
        t = self._t.stats_checks
        with self.engine.connect() as conn:
            rows = list(conn.execute(
                sa.select(t.c.passed).where(t.c.report_id == report_id,
                                            t.c.data_version == data_version, t.c.lang == lang)
                .order_by(t.c.id)))
        return bool(rows) and rows[-1].passed

    # -------------------------------------------------------------------- accounts

    def add_account(self, name: str, roles: str, password_hash: str | None, language: str,
                    by: str) -> None:
        try:
            with self._tx() as conn:
                conn.execute(self._t.accounts.insert().values(
                    name=name, roles=roles, password_hash=password_hash, active=True,
                    language=language, created_at=now(), created_by=by))
        except IntegrityError:
            raise TrackError(f"an account named {name} exists already") from None

    def account(self, name: str) -> Row[Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(self._t.accounts).where(self._t.accounts.c.name == name)).first()

    def accounts(self) -> list[Row[Any]]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(self._t.accounts)
                                     .order_by(self._t.accounts.c.name)))

    def update_account(self, name: str, **values: Any) -> None:
        with self._tx() as conn:
            conn.execute(self._t.accounts.update().where(self._t.accounts.c.name == name)
                         .values(**values))

    def audit(self, account: str, action: str, report_id: str | None, allowed: bool,
              detail: str = "") -> None:
        with self._tx() as conn:
            conn.execute(self._t.audit.insert().values(
                at=now(), account=account, action=action, report_id=report_id,
                allowed=allowed, detail=detail))

    def audit_lines(self, report_id: str | None = None, refused_only: bool = False
                    ) -> list[Row[Any]]:
        query = sa.select(self._t.audit).order_by(self._t.audit.c.id)
        if report_id is not None:
            query = query.where(self._t.audit.c.report_id == report_id)
        if refused_only:
            query = query.where(self._t.audit.c.allowed == sa.false())
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    # ---------------------------------------------------------------------- inputs

    def add_input(self, kind: str, code: str, title: str, content: str, by: str) -> int:
        """Keep a checked input file; the same file again is the one kept already."""
        sha = hashlib.sha256(content.encode()).hexdigest()
        with self._tx() as conn:
            found = conn.execute(sa.select(self._t.inputs.c.id)
                                 .where(self._t.inputs.c.sha256 == sha)).scalar()
            if found is not None:
                return found
            return conn.execute(self._t.inputs.insert().values(
                kind=kind, code=code, title=title, sha256=sha, content=content, by=by,
                at=now())).inserted_primary_key[0]

    def inputs(self, kind: str | None = None) -> list[Row[Any]]:
        cols = [c for c in self._t.inputs.c if c.name != "content"]
        query = sa.select(*cols).order_by(self._t.inputs.c.id)
        if kind:
            query = query.where(self._t.inputs.c.kind == kind)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    # ------------------------------------------------------------------- sessions

    def add_session(self, id_sha256: str, account: str, client: str, agent: str) -> None:
        at = now()
        with self._tx() as conn:
            conn.execute(self._t.sessions.insert().values(
                id_sha256=id_sha256, account=account, created_at=at, seen_at=at,
                client=client[:100], agent=agent[:200]))

    def session(self, id_sha256: str) -> Row[Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(self._t.sessions)
                                .where(self._t.sessions.c.id_sha256 == id_sha256)).first()

    def sessions(self, account: str) -> list[Row[Any]]:
        """The account's sessions still open, the latest first."""
        t = self._t.sessions
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(t).where(t.c.account == account,
                                                        t.c.ended_at.is_(None))
                                     .order_by(t.c.seen_at.desc())))

    def session_seen(self, id_sha256: str, at: dt.datetime) -> None:
        t = self._t.sessions
        with self._tx() as conn:
            conn.execute(t.update().where(t.c.id_sha256 == id_sha256).values(seen_at=at))

    def end_sessions(self, why: str, account: str | None = None,
                     id_sha256: str | None = None, keep: str | None = None) -> int:
        """End one session, or every open session of an account but `keep`; how many were
        ended."""
        t = self._t.sessions
        query = t.update().where(t.c.ended_at.is_(None))
        query = query.where(t.c.account == account, t.c.id_sha256 != (keep or "")) \
            if account is not None else query.where(t.c.id_sha256 == id_sha256)
        with self._tx() as conn:
            return conn.execute(query.values(ended_at=now(), ended_why=why[:200])).rowcount

    # ------------------------------------------------------------------ sign-ins

    def sign_in_failures(self, account: str, client: str) -> Row[Any] | None:
        t = self._t.sign_in_failures
        with self.engine.connect() as conn:
            return conn.execute(sa.select(t).where(t.c.account == account,
                                                   t.c.client == client)).first()

    def sign_in_failed(self, account: str, client: str) -> None:
        """One more failure for this account from this client (one row: concurrent failures
        each count, whichever process saw them)."""
        t = self._t.sign_in_failures
        with self._tx() as conn:
            counted = conn.execute(t.update().where(t.c.account == account, t.c.client == client)
                                   .values(failures=t.c.failures + 1, last_at=now())).rowcount
            if not counted:
                try:
                    with conn.begin_nested():
                        conn.execute(t.insert().values(account=account, client=client,
                                                       failures=1, last_at=now()))
                except IntegrityError:  # another process counted the first at the same time
                    conn.execute(t.update().where(t.c.account == account,
                                                  t.c.client == client)
                                 .values(failures=t.c.failures + 1, last_at=now()))

    def sign_in_cleared(self, account: str, client: str) -> None:
        t = self._t.sign_in_failures
        with self._tx() as conn:
            conn.execute(t.delete().where(t.c.account == account, t.c.client == client))

    # -------------------------------------------------------------------- tokens

    def add_token(self, id_sha256: str, account: str, label: str, by: str,
                  expires_at: dt.datetime) -> None:
        with self._tx() as conn:
            conn.execute(self._t.tokens.insert().values(
                id_sha256=id_sha256, account=account, label=label[:100], created_at=now(),
                created_by=by, expires_at=expires_at))

    def token(self, id_sha256: str) -> Row[Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(self._t.tokens)
                                .where(self._t.tokens.c.id_sha256 == id_sha256)).first()

    def tokens(self, account: str) -> list[Row[Any]]:
        t = self._t.tokens
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(t).where(t.c.account == account,
                                                        t.c.revoked_at.is_(None))
                                     .order_by(t.c.created_at.desc())))

    def token_used(self, id_sha256: str) -> None:
        t = self._t.tokens
        with self._tx() as conn:
            conn.execute(t.update().where(t.c.id_sha256 == id_sha256).values(used_at=now()))

    def revoke_tokens(self, account: str, id_sha256: str | None = None) -> int:
        t = self._t.tokens
        query = t.update().where(t.c.account == account, t.c.revoked_at.is_(None))
        if id_sha256 is not None:
            query = query.where(t.c.id_sha256 == id_sha256)
        with self._tx() as conn:
            return conn.execute(query.values(revoked_at=now())).rowcount

    # ---------------------------------------------------------------- renditions

    def rendition(self, report_id: str, data_version: int, lang: str, fmt: str,
                  source_sha256: str) -> bytes | None:
        """A download made before from this edition (the Word edition's checksum), or None."""
        t = self._t.renditions
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(t.c.content).where(
                t.c.report_id == report_id, t.c.data_version == data_version,
                t.c.lang == lang, t.c.format == fmt,
                t.c.source_sha256 == source_sha256)).scalar()
        return bytes(found) if found is not None else None

    def keep_rendition(self, report_id: str, data_version: int, lang: str, fmt: str,
                       source_sha256: str, content: bytes) -> None:
        t = self._t.renditions
        try:
            with self._tx() as conn:
                conn.execute(t.delete().where(t.c.report_id == report_id,
                                              t.c.data_version == data_version,
                                              t.c.lang == lang, t.c.format == fmt))
                conn.execute(t.insert().values(report_id=report_id, data_version=data_version,
                                               lang=lang, format=fmt,
                                               source_sha256=source_sha256, content=content,
                                               at=now()))
        except IntegrityError:
            pass  # made and kept by another request at the same time: the same file

    def input_kind(self, input_id: int) -> str:
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(self._t.inputs.c.kind)
                                 .where(self._t.inputs.c.id == input_id)).scalar()
        if found is None:
            raise TrackError(f"no input {input_id} is kept")
        return found

    def add_issue(self, input_id: int, by: str, files: dict[str, bytes]) -> int:
        """Keep correspondence as issued: every file as sent, with who and when."""
        with self._tx() as conn:
            issue_id = conn.execute(self._t.issues.insert().values(
                input_id=input_id, by=by, at=now()).returning(self._t.issues.c.id)).scalar_one()
            conn.execute(self._t.issued_files.insert(), [
                {"issue_id": issue_id, "name": name, "content": content,
                 "sha256": hashlib.sha256(content).hexdigest()}
                for name, content in files.items()])
        return issue_id

    def issues(self, input_id: int) -> list[dict[str, Any]]:
        """Each issue of a plan's correspondence, newest first, with its files' names."""
        t, f = self._t.issues, self._t.issued_files
        with self.engine.connect() as conn:
            rows = list(conn.execute(sa.select(t).where(t.c.input_id == input_id)
                                     .order_by(t.c.id.desc())))
            names = list(conn.execute(sa.select(f.c.issue_id, f.c.name)
                                      .where(f.c.issue_id.in_([r.id for r in rows]))
                                      .order_by(f.c.name)))
        return [{"id": r.id, "by": r.by, "at": r.at,
                 "files": [n.name for n in names if n.issue_id == r.id]} for r in rows]

    def issued_file(self, issue_id: int, name: str) -> bytes:
        f = self._t.issued_files
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(f.c.content).where(
                f.c.issue_id == issue_id, f.c.name == name)).scalar()
        if found is None:
            raise TrackError(f"issue {issue_id} holds no file {name}")
        return bytes(found)

    def input_content(self, input_id: int) -> str:
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(self._t.inputs.c.content)
                                 .where(self._t.inputs.c.id == input_id)).scalar()
        if found is None:
            raise TrackError(f"no input {input_id} is kept")
        return found


def _of(new: Sequence[NewVersion], number: int | None) -> list[NewVersion]:
    """Documents made from data version `number`, where they do not say."""
    return [v if v.data_version is not None or number is None else replace(v, data_version=number)
            for v in new]
