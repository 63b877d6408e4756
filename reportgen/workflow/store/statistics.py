"""Statistics checks: each result, by data version and language."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from reportgen.workflow.store.base import (
    StoreBase,
    now,
)


class StatisticsStore(StoreBase):
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
        with self._read() as conn:
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
        with self._read() as conn:
            rows = list(conn.execute(
                sa.select(t.c.passed).where(t.c.report_id == report_id,
                                            t.c.data_version == data_version, t.c.lang == lang)
                .order_by(t.c.id)))
        return bool(rows) and rows[-1].passed
