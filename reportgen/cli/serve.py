"""The editorial service: serve."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from reportgen.cli.common import STORE_OPTION, reports_errors
from reportgen.errors import ReportgenError


@click.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (behind a TLS proxy for anything beyond this "
                   "machine).")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False),
              default=Path("reportgen-service"), show_default=True,
              help="Where the service keeps its signing key, inputs and publication sets.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Service processes, each answering its share of the requests. Default: "
                   "one per processor with a PostgreSQL store, one with a SQLite file (whose "
                   "jobs run in the service's own thread, so it takes no more).")
@click.option("--threads", default=32, show_default=True, type=int,
              help="Requests each process serves at once: with the processes, at least the "
                   "number of people working at once.")
@reports_errors
def serve(store: str, host: str, port: int, instance: Path, processes: int | None,
          threads: int) -> None:
    """Serve the editorial service (gunicorn): reports, inputs, correspondence and accounts, in
    English and Welsh, for the accounts of the store. Make the first administrator with
    `reportgen users add NAME --role admin --password` first.

    \b
    Example:
        reportgen users add "Ada Admin" --role admin --password-stdin < secret.txt
        reportgen serve --port 8080
        reportgen serve --store postgresql://reportgen@db.internal/reportgen --processes 4
    """
    from reportgen.web import create_app
    from reportgen.web.extensions import reportgen
    from reportgen.workflow.jobs import is_shared
    # Made once here, before any process starts: the store migrated, the signing key written
    # (every process must sign with the same one), every problem said before listening.
    made = create_app(store, instance).extensions[reportgen.name].store
    shared = is_shared(made)
    made.engine.dispose()  # no connection of this process carried into the others
    if processes is None:
        processes = (os.cpu_count() or 1) if shared else 1
    if processes > 1 and not shared:
        raise ReportgenError(f"--processes {processes}: a SQLite store is served by one process "
                             "(its jobs run in that process's own thread); use a PostgreSQL "
                             "store, with `reportgen worker`, for more")
    click.echo(f"Serving on http://{host}:{port}/ with {processes} process(es) of {threads} "
               "threads (stop with Ctrl+C)")
    _run(lambda: create_app(store, instance), {
        "bind": f"{host}:{port}", "workers": processes, "threads": threads,
        "worker_class": "gthread", "accesslog": None, "errorlog": "-", "loglevel": "warning",
        "proc_name": "reportgen-serve", "post_fork": _post_fork,
        # An upload is read back and checked inside its request: seconds, not minutes.
        "graceful_timeout": 60,
        # A browser's connection kept between one click and the next (gunicorn's 2 s would
        # close it while its reader thinks), as long as a proxy in front keeps its own.
        "keepalive": 75,
    })


def _run(make: Callable[[], Any], options: dict[str, Any]) -> None:
    """gunicorn, configured here rather than by a file or its own command line; each process
    makes its own application (and its own database connections) after it starts."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return make()

    Server().run()


def _post_fork(server: Any, worker: Any) -> None:
    # A page makes some twenty database round trips, each giving up Python's lock while it
    # waits; at the default 5 ms switch interval, a request coming back from one waits up to
    # that long behind the others each time. A shorter interval keeps pages quick under load.
    sys.setswitchinterval(0.0005)
