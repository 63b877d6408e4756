"""The audit trail: every action asked for, allowed or refused."""

from __future__ import annotations

import sqlalchemy as sa

from reportgen.workflow.store.base import (
    StoreBase,
    now,
)
from reportgen.workflow.store.records import AuditLine, records


class AuditStore(StoreBase):
    def audit(self, account: str, action: str, report_id: str | None, allowed: bool,
              detail: str = "") -> None:
        with self._tx() as conn:
            conn.execute(self._t.audit.insert().values(
                at=now(), account=account, action=action, report_id=report_id,
                allowed=allowed, detail=detail))

    def audit_lines(self, report_id: str | None = None, refused_only: bool = False
                    ) -> list[AuditLine]:
        query = sa.select(self._t.audit).order_by(self._t.audit.c.id)
        if report_id is not None:
            query = query.where(self._t.audit.c.report_id == report_id)
        if refused_only:
            query = query.where(self._t.audit.c.allowed == sa.false())
        with self._read() as conn:
            return records(AuditLine, list(conn.execute(query)))
