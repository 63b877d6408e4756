"""Jobs: the heavy work a page asks for (publishing, checks), their steps and results."""

from __future__ import annotations

import json
import os
import socket
from typing import Any

import sqlalchemy as sa

from reportgen.workflow.store.base import (
    StoreBase,
    TrackError,
    now,
)
from reportgen.workflow.store.records import Job, record, records


class JobsStore(StoreBase):
    def add_job(self, kind: str, report_id: str | None, by: str, args: dict[str, Any]) -> int:
        at = now()
        with self._tx() as conn:
            return conn.execute(self._t.jobs.insert().values(
                kind=kind, report_id=report_id, by=by, args=json.dumps(args), state="queued",
                created_at=at, updated_at=at).returning(self._t.jobs.c.id)).scalar_one()

    def job(self, job_id: int) -> Job:
        with self._read() as conn:
            row = conn.execute(sa.select(self._t.jobs)
                               .where(self._t.jobs.c.id == job_id)).first()
        if row is None:
            raise TrackError(f"no job {job_id}")
        return record(Job, row)

    def jobs(self, report_id: str | None = None, limit: int = 20) -> list[Job]:
        """The latest jobs, newest first (of one report, or of every one)."""
        t = self._t.jobs
        query = sa.select(t).order_by(t.c.id.desc()).limit(limit)
        if report_id is not None:
            query = query.where(t.c.report_id == report_id)
        with self._read() as conn:
            return records(Job, list(conn.execute(query)))

    def start_job(self, job_id: int) -> Job:
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
