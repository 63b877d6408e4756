"""The worker that runs heavy jobs (publishing, the statistics check) queued in a shared store."""

from __future__ import annotations

import logging
import os

import click

from reportgen.cli.common import STORE_OPTION, reports_errors, store_at


@click.command()
@STORE_OPTION
@click.option("--concurrency", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Jobs run at once by this worker (each may start LibreOffice).")
@click.option("--until-idle", is_flag=True,
              help="Stop once no job is waiting, instead of waiting for more.")
@click.option("--nice", type=click.IntRange(0, 19), default=10, show_default=True,
              help="How much lower than the service's its processor priority is (LibreOffice's "
                   "with it), so that pages stay quick while jobs run on the same machine.")
@reports_errors
def worker(store: str, concurrency: int, until_idle: bool, nice: int) -> None:
    """Run the jobs the editorial service queues (publishing, the statistics check) from a
    shared PostgreSQL store, on this machine or any other that reaches the database; start as
    many as the machines allow. SIGTERM or Ctrl-C stops it after the jobs under way; a worker
    that dies mid-job leaves its job to another. (With a SQLite store, `reportgen serve` runs
    the jobs itself.)

    \b
    Example:
        reportgen worker --store postgresql://reportgen@db.example/reportgen
    """
    from reportgen.workflow import jobs
    os.nice(nice)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
    jobs.work(store_at(store), concurrency, until_idle)
