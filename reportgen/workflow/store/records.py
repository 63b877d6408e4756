"""The records the store returns: one frozen dataclass per kind of row, so that what the
workflow and the service read from the store is typed and named, never a database row. A query
that leaves out a large column (a document's content) gives None there."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

R = TypeVar("R")


def record(cls: type[R], row: Any) -> R:
    """A record of `cls` from a row: the columns it has by name (any it lacks left at their
    default)."""
    found = row._mapping
    return cls(**{f.name: found[f.name] for f in dataclasses.fields(cls)  # type: ignore[arg-type]
                  if f.name in found})


def optional(cls: type[R], row: Any) -> R | None:
    return None if row is None else record(cls, row)


def records(cls: type[R], rows: Iterable[Any]) -> list[R]:
    return [record(cls, row) for row in rows]


@dataclass(frozen=True)
class Report:
    id: str
    doc: str  # its document type
    in_wales: bool
    stage: str
    revision: int  # moved on by each move: two moves at once are told apart
    created_at: dt.datetime
    inspection: str | None = None


@dataclass(frozen=True)
class HistoryLine:
    id: int
    report_id: str
    at: dt.datetime
    by: str
    from_stage: str | None
    to_stage: str
    note: str


@dataclass(frozen=True)
class DataVersion:
    report_id: str
    number: int
    stage: str
    at: dt.datetime
    by: str
    note: str
    sha256: str
    id: int | None = None
    content: str | None = None  # the data as JSON (a Bundle), where asked for


@dataclass(frozen=True)
class Version:
    """A Word document kept with a report: made from a data version, or uploaded."""

    id: int
    report_id: str
    stage: str
    lang: str  # "en", "cy", or a kind: "en:fa-sent", "en:edited" ...
    name: str
    sha256: str
    at: dt.datetime
    by: str
    source_sha256: str | None = None
    data_version: int | None = None
    content: bytes | None = None


@dataclass(frozen=True)
class PublishedFile:
    name: str
    sha256: str
    bytes: int


@dataclass(frozen=True)
class PublicationRecord:
    report_id: str
    data_version: int
    published_on: dt.date
    by: str
    at: dt.datetime
    manifest: str


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    report_id: str | None
    by: str
    args: str  # JSON
    state: str  # queued, running, done, failed
    step: str
    attempts: int
    worker: str
    result: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class FaItem:
    id: int
    report_id: str
    number: int
    paragraph: int
    current_text: str
    proposed: str
    category: str
    evidence: str
    decision: str | None = None
    reason: str | None = None
    decided_by: str | None = None
    decided_by_coo: bool | None = None
    decided_at: dt.datetime | None = None
    data_version: int | None = None
    segment: str | None = None
    cites: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class FaDecision:
    id: int
    report_id: str
    number: int
    decision: str
    reason: str
    by: str
    as_coo: bool
    revision: int
    at: dt.datetime
    data_version: int | None = None


@dataclass(frozen=True)
class FaImport:
    id: int
    report_id: str
    sha256: str
    name: str
    items: int
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class Account:
    name: str
    roles: str  # comma-separated
    password_hash: str | None
    active: bool
    language: str
    created_at: dt.datetime
    created_by: str


@dataclass(frozen=True)
class Session:
    id_sha256: str
    account: str
    created_at: dt.datetime
    seen_at: dt.datetime
    client: str
    agent: str
    ended_at: dt.datetime | None = None
    ended_why: str | None = None


@dataclass(frozen=True)
class Token:
    id_sha256: str
    account: str
    label: str
    created_at: dt.datetime
    created_by: str
    expires_at: dt.datetime
    used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


@dataclass(frozen=True)
class SignInFailures:
    account: str
    client: str
    failures: int
    last_at: dt.datetime


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    account: str
    action: str
    report_id: str | None
    allowed: bool
    detail: str


@dataclass(frozen=True)
class Input:
    id: int
    kind: str
    code: str
    title: str
    sha256: str
    by: str
    at: dt.datetime
    content: str | None = None
