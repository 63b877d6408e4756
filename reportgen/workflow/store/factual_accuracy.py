"""Factual accuracy: the items an inspected body returned, and the decisions on them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from reportgen.workflow.store.base import (
    MovedUnderYou,
    StoreBase,
    TrackError,
    now,
)
from reportgen.workflow.store.records import FaDecision, FaImport, FaItem, optional, records


class FactualAccuracyStore(StoreBase):
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

    def fa_import(self, report_id: str, form_sha256: str) -> FaImport | None:
        with self._read() as conn:
            return optional(FaImport, conn.execute(sa.select(self._t.fa_imports).where(
                self._t.fa_imports.c.report_id == report_id,
                self._t.fa_imports.c.sha256 == form_sha256)).first())

    def fa_items(self, report_id: str) -> list[FaItem]:
        with self._read() as conn:
            return self._of_known(report_id, records(FaItem, list(
                conn.execute(
                    sa.select(self._t.fa_items)
                    .where(self._t.fa_items.c.report_id == report_id)
                    .order_by(self._t.fa_items.c.number)
                )
            )))

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

    def fa_decisions(self, report_id: str) -> list[FaDecision]:
        """Every decision ever recorded on the report's items, oldest first."""
        with self._read() as conn:
            return records(FaDecision, list(conn.execute(
                sa.select(self._t.fa_decisions)
                .where(self._t.fa_decisions.c.report_id == report_id)
                .order_by(self._t.fa_decisions.c.id))))
