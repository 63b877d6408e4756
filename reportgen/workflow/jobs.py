"""Heavy work as jobs, away from the web requests that ask for it: publishing (about five seconds
of rendering, LibreOffice and checks) and the statistics check.

A job is a row of the store's `jobs` table: what to do, for which report and account, what it is
doing now and its result; the pages read it there. Where it runs depends on the store:

- PostgreSQL: the job waits in Procrastinate's queue, in the same database, for any
  `reportgen worker` process, on this machine or any other that reaches the database. Workers
  send a heartbeat; one that dies mid-job stops sending it, and another worker takes the job
  again.
- SQLite (one machine, one service): jobs run one at a time in a thread of the service itself.

Either way a job is done once: each kind's work ends in one transaction of the store (or changes
nothing), and a job taken again sees what an earlier attempt finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import procrastinate

from reportgen.errors import ReportgenError
from reportgen.i18n import N_
from reportgen.workflow import publish, stats_check
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import Store, TrackError

log = logging.getLogger(__name__)

QUEUE = "reportgen"
HEARTBEAT_SECONDS = 2.0  # how often a worker says it is alive
STALLED_SECONDS = 10.0  # a worker silent this long is taken for dead, and its job taken again

Step = Callable[[str], None]


@dataclass(frozen=True)
class Kind:
    """What a kind of job needs of its account, how it runs, and how a later attempt tells that
    an earlier one already finished it."""

    action: str  # the account's permission (reportgen/data/roles.toml)
    run: Callable[[Store, Any, Step], str]  # (store, job row, step) -> what it made
    finished: Callable[[Store, Any], str | None] = lambda _store, _job: None


def _publish(store: Store, job: Any, step: Step) -> str:
    args = json.loads(job.args)
    on = dt.date.fromisoformat(args["on"]) if args.get("on") else None
    publish.publish(store, job.report_id, job.by, on, step=step)
    return _published(store, job) or ""


def _published(store: Store, job: Any) -> str | None:
    done = store.publication(job.report_id)
    if done is None:
        return None
    files = store.published_files(job.report_id)
    return (f"Published on {done.published_on.isoformat()} from data version "
            f"{done.data_version}: {len(files)} files")


def _stats(store: Store, job: Any, step: Step) -> str:
    confirm = json.loads(job.args).get("confirm", False)
    step(N_("checking every figure of every edition"))
    number, results = stats_check.run(store, job.report_id, job.by, confirm)
    passed = [lang for lang, r in results.items()
              if r.cleared(set(r.to_confirm) if confirm else set())]
    verdicts = ", ".join(f"{lang} {'passed' if lang in passed else 'not passed'}"
                         for lang in results)
    return f"Checked data version {number}: {verdicts}"


KINDS: dict[str, Kind] = {
    "publish": Kind("publish", _publish, _published),
    "stats-check": Kind("stats.check", _stats),
}


def submit(store: Store, kind: str, report_id: str, by: str, **args: Any) -> int:
    """Queue a job as the account `by` (refused now, with the reason, if the account may not do
    it); its number. It runs when a worker takes it (see `runner`)."""
    if kind not in KINDS:
        raise ReportgenError(f"no kind of job {kind!r}: one of {', '.join(KINDS)}")
    authorise(store, by, KINDS[kind].action, report_id)
    taker = runner(store)  # made first: a new thread runner takes up jobs queued before it
    job_id = store.add_job(kind, report_id, by, args)
    taker.defer(job_id)
    return job_id


def run(store: Store, job_id: int) -> None:
    """Do one job, whichever worker took it: its result or its refusal recorded with it. A job
    an earlier attempt finished is only marked done."""
    job = store.job(job_id)
    if job.state in ("done", "failed"):
        return
    kind = KINDS[job.kind]
    earlier = kind.finished(store, job)
    if earlier is not None:
        store.finish_job(job_id, "done", earlier)
        return
    job = store.start_job(job_id)
    try:
        result = kind.run(store, job, lambda step: store.job_step(job_id, step))
    except ReportgenError as exc:  # refused: a gate, a rule, an account; nothing was changed
        store.finish_job(job_id, "failed", str(exc))
        return
    except Exception as exc:
        log.exception("job %s (%s of %s) failed", job_id, job.kind, job.report_id)
        store.finish_job(job_id, "failed", f"it failed unexpectedly ({type(exc).__name__}); "
                         "nothing was changed: try again, and tell the service's administrator "
                         "if it fails again")
        return
    store.finish_job(job_id, "done", result)


# ------------------------------------------------------------------------------ runners


class ThreadRunner:
    """SQLite: the service's own worker thread, one job at a time. Jobs a restart interrupted
    are taken again when the service starts."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.Queue[int] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="reportgen-jobs", daemon=True)
        self._thread.start()
        for job in reversed(store.jobs(limit=1000)):
            if job.state in ("queued", "running"):
                self.defer(job.id)

    def defer(self, job_id: int) -> None:
        self._queue.put(job_id)

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                run(self.store, job_id)
            except Exception:  # the store itself away: the job stays queued for a restart
                log.exception("job %s could not be run", job_id)
            finally:
                self._queue.task_done()

    def join(self) -> None:
        """Wait until every job deferred so far has run (for the command line and tests)."""
        self._queue.join()


class QueueRunner:
    """PostgreSQL: jobs deferred to Procrastinate's queue in the store's database, for any
    worker process to take."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.app = queue_app(store)
        self.app.open()

    def defer(self, job_id: int) -> None:
        self.app.configure_task("reportgen.job", queue=QUEUE).defer(job_id=job_id)


_RUNNERS: dict[str, ThreadRunner | QueueRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def runner(store: Store) -> ThreadRunner | QueueRunner:
    """The runner of this store's jobs, one a process."""
    with _RUNNERS_LOCK:
        if store.url not in _RUNNERS:
            _RUNNERS[store.url] = QueueRunner(store) if is_shared(store) else ThreadRunner(store)
        return _RUNNERS[store.url]


def is_shared(store: Store) -> bool:
    return store.engine.dialect.name == "postgresql"


def queue_app(store: Store) -> procrastinate.App:
    """Procrastinate's app over the store's database, with the one task that runs a job."""
    url = store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))

    @app.task(name="reportgen.job", queue=QUEUE)
    def job(job_id: int) -> None:
        run(store, job_id)

    return app


def work(store: Store, concurrency: int = 1, until_idle: bool = False) -> None:
    """Run jobs as they come (a `reportgen worker`): several at once with `concurrency`, until
    stopped (SIGTERM or SIGINT: the jobs under way finish first), or, with `until_idle`, until
    the queue is empty. Jobs of a worker that stopped answering are taken again."""
    if not is_shared(store):
        raise TrackError("a SQLite store's jobs run inside `reportgen serve`: workers share a "
                         "PostgreSQL store (--store postgresql://...)")
    asyncio.run(_work(queue_app(store), concurrency, until_idle))


async def _work(app: procrastinate.App, concurrency: int, until_idle: bool) -> None:
    async with app.open_async():
        reviving = asyncio.create_task(_revive_stalled(app))
        try:
            await app.run_worker_async(
                queues=[QUEUE], concurrency=concurrency, wait=not until_idle,
                update_heartbeat_interval=HEARTBEAT_SECONDS,
                stalled_worker_timeout=STALLED_SECONDS, delete_jobs="successful")
        finally:
            reviving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reviving


async def _revive_stalled(app: procrastinate.App) -> None:
    """Put back in the queue the jobs of workers whose heartbeat stopped (killed, or their
    machine gone): another worker, this one perhaps, takes them again."""
    while True:
        for stalled in await app.job_manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=STALLED_SECONDS):
            log.warning("job %s was left by a worker that stopped; taking it again", stalled.id)
            await app.job_manager.retry_job(stalled)
        await asyncio.sleep(HEARTBEAT_SECONDS)
