"""The tracker's store: SQLAlchemy Core over an embedded SQLite file by default (any SQLAlchemy
URL, such as a shared PostgreSQL server, works the same). Created when asked and migrated with
Alembic when it was made by an older reportgen. Only this package speaks SQL.

It keeps the inspection data itself, never a path to it: each report has numbered data versions
(1, 2, 3 ...), each change to the data (an edit read back from Word, a translation, a factual
accuracy correction) a new one, none ever overwritten, and the documents made from each.

Every move is one transaction: a process killed in the middle leaves the store as it was before
the move. Two people moving the same report at once are told apart by the report's revision
number (optimistic locking): the second is told the report moved under them.

One class, `Store`, made of one part per concern, each in its own module: reports and their
versions (`reports`), jobs, factual accuracy, statistics checks, accounts and sessions, the
audit trail, inputs and correspondence; `base` opens the store and holds what they share."""

from __future__ import annotations

from reportgen.workflow.store.accounts import AccountsStore
from reportgen.workflow.store.audit import AuditStore
from reportgen.workflow.store.base import (
    DEFAULT_STORE,
    MovedUnderYou,
    NewData,
    NewVersion,
    Publication,
    TrackError,
    now,
)
from reportgen.workflow.store.factual_accuracy import FactualAccuracyStore
from reportgen.workflow.store.inputs import InputsStore
from reportgen.workflow.store.jobs import JobsStore
from reportgen.workflow.store.reports import ReportsStore
from reportgen.workflow.store.statistics import StatisticsStore

__all__ = ["DEFAULT_STORE", "MovedUnderYou", "NewData", "NewVersion", "Publication", "Store",
           "TrackError", "now"]


class Store(ReportsStore, JobsStore, FactualAccuracyStore, StatisticsStore, AccountsStore,
            AuditStore, InputsStore):
    """The tracker's store."""
