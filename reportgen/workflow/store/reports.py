"""Reports, their moves between stages, their data versions, the documents made from each,
renditions cached by data version, and publication."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from reportgen.workflow.store.base import (
    MovedUnderYou,
    NewData,
    NewVersion,
    Publication,
    StoreBase,
    TrackError,
    _of,
    _pause_for_fault_tests,
    now,
)
from reportgen.workflow.store.records import (
    DataVersion,
    HistoryLine,
    PublicationRecord,
    PublishedFile,
    R,
    Report,
    Version,
    optional,
    record,
    records,
)


class ReportsStore(StoreBase):
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

    def report(self, report_id: str) -> Report:
        with self._read() as conn:
            row = conn.execute(
                sa.select(self._t.reports).where(self._t.reports.c.id == report_id)
            ).first()
            if row is None:
                known = [r.id for r in conn.execute(sa.select(self._t.reports.c.id))]
                raise TrackError(
                    f"no report {report_id} is tracked"
                    + (f" (tracked: {', '.join(known)})" if known else "")
                )
            return record(Report, row)

    def _of_known(self, report_id: str, found: list[R]) -> list[R]:
        """What a query of one report found; nothing found is first told apart from a report
        not tracked (TrackError), in a second query only then (pages ask many such queries)."""
        if not found:
            self.report(report_id)
        return found

    def all_reports(self) -> list[Report]:
        with self._read() as conn:
            return records(Report, conn.execute(
                sa.select(self._t.reports).order_by(self._t.reports.c.id)))

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

    def publication(self, report_id: str) -> PublicationRecord | None:
        """The report's publication (day, data version, who, manifest), or None."""
        with self._read() as conn:
            return optional(PublicationRecord, conn.execute(sa.select(self._t.publications)
                                .where(self._t.publications.c.report_id == report_id)).first())

    def published_files(self, report_id: str) -> list[PublishedFile]:
        """The published set's files by name, with their sizes and checksums."""
        t = self._t.published_files
        with self._read() as conn:
            return records(PublishedFile, list(conn.execute(
                sa.select(t.c.name, t.c.sha256, t.c.bytes)
                .where(t.c.report_id == report_id).order_by(t.c.name))))

    def published_file(self, report_id: str, name: str) -> bytes:
        t = self._t.published_files
        return bytes(self._one(t.c.content, t.c.report_id == report_id, t.c.name == name,
                               missing=f"{report_id} has no published file {name}"))

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

    def data_versions(self, report_id: str) -> list[DataVersion]:
        """Every version of the report's data, oldest first, without the data itself."""
        cols = [c for c in self._t.data_versions.c if c.name != "content"]
        with self._read() as conn:
            return self._of_known(report_id, records(DataVersion, conn.execute(
                sa.select(*cols).where(self._t.data_versions.c.report_id == report_id)
                .order_by(self._t.data_versions.c.number))))

    def held_versions(self) -> dict[str, DataVersion]:
        """The latest data version of every report, without the data itself, in one query (the
        dashboard shows every report's)."""
        t = self._t.data_versions
        latest = (sa.select(t.c.report_id, sa.func.max(t.c.number).label("number"))
                  .group_by(t.c.report_id).subquery())
        cols = [c for c in t.c if c.name != "content"]
        query = sa.select(*cols).join(latest, (t.c.report_id == latest.c.report_id)
                                      & (t.c.number == latest.c.number))
        with self._read() as conn:
            return {row.report_id: record(DataVersion, row) for row in conn.execute(query)}

    def held_number(self, report_id: str) -> int:
        """The number of the report's data version held (its latest), without reading it."""
        t = self._t.data_versions
        with self._read() as conn:
            found = conn.execute(sa.select(sa.func.max(t.c.number))
                                 .where(t.c.report_id == report_id)).scalar()
        return found if found is not None else self.data(report_id).number

    def data(self, report_id: str, number: int | None = None) -> DataVersion:
        """One version of the report's data (the latest, the one held, by default)."""
        t = self._t.data_versions
        query = sa.select(t).where(t.c.report_id == report_id)
        query = query.where(t.c.number == number) if number is not None else \
            query.order_by(t.c.number.desc()).limit(1)
        with self._read() as conn:
            found = conn.execute(query).first()
        if found is None:
            self.report(report_id)  # an unknown report is told apart from a missing version
            held = [str(v.number) for v in self.data_versions(report_id)]
            raise TrackError(f"{report_id} has no data version {number}" + (
                f" (it has {', '.join(held)})" if held else " (no data is held: the store was "
                "made by an older reportgen and the input file had gone)"))
        return record(DataVersion, found)

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

    def history(self, report_id: str) -> list[HistoryLine]:
        with self._read() as conn:
            return self._of_known(report_id, records(HistoryLine, list(
                conn.execute(
                    sa.select(self._t.history)
                    .where(self._t.history.c.report_id == report_id)
                    .order_by(self._t.history.c.id)
                )
            )))

    def versions(self, report_id: str) -> list[Version]:
        """Every document kept for the report, oldest first, without its content."""
        cols = [c for c in self._t.versions.c if c.name != "content"]
        with self._read() as conn:
            return self._of_known(report_id, records(Version, list(
                conn.execute(
                    sa.select(*cols)
                    .where(self._t.versions.c.report_id == report_id)
                    .order_by(self._t.versions.c.id)
                )
            )))

    def content(self, report_id: str, version_id: int) -> bytes:
        t = self._t.versions
        return self._one(t.c.content, t.c.report_id == report_id, t.c.id == version_id,
                         missing=f"{report_id} has no version {version_id}")

    def latest(self, report_id: str, lang: str, data_version: int | None = None
               ) -> Version | None:
        """The newest document of a kind ("en", "cy", "en:fa-sent" ...), of one data version
        if given."""
        found = [v for v in self.versions(report_id) if v.lang == lang
                 and (data_version is None or v.data_version == data_version)]
        return found[-1] if found else None

    def _lock(self, conn: Connection, report_id: str) -> Row[Any]:
        """The report's row, locked until the transaction ends: a write that changes nothing
        takes PostgreSQL's lock on the row and SQLite's on the file, before anything is read."""
        reports = self._t.reports
        found = conn.execute(reports.update().where(reports.c.id == report_id)
                             .values(revision=reports.c.revision))
        if found.rowcount != 1:
            raise TrackError(f"no report {report_id} is tracked")
        return conn.execute(sa.select(reports).where(reports.c.id == report_id)).one()

    def rendition(self, report_id: str, data_version: int, lang: str, fmt: str,
                  source_sha256: str) -> bytes | None:
        """A download made before from this edition (the Word edition's checksum), or None."""
        t = self._t.renditions
        with self._read() as conn:
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
