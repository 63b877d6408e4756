"""The editorial service: serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.cli.common import STORE_OPTION, reports_errors


@click.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (behind a TLS proxy for anything beyond this "
                   "machine).")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False),
              default=Path("reportgen-service"), show_default=True,
              help="Where the service keeps its signing key, inputs and publication sets.")
@click.option("--threads", default=32, show_default=True, type=int,
              help="Requests served at once: at least the number of people working at once.")
@reports_errors
def serve(store: str, host: str, port: int, instance: Path, threads: int) -> None:
    """Serve the editorial service (waitress): reports, inputs, correspondence and accounts, in
    English and Welsh, for the accounts of the store. Make the first administrator with
    `reportgen users add NAME --role admin --password` first.

    \b
    Example:
        reportgen users add "Ada Admin" --role admin --password-stdin < secret.txt
        reportgen serve --port 8080
        reportgen serve --store postgresql://reportgen@db.internal/reportgen
    """
    import waitress

    from reportgen.web import create_app
    app = create_app(store, instance)
    # A page makes some twenty database round trips, each giving up Python's lock while it
    # waits; at the default 5 ms switch interval, a request coming back from one waits up to
    # that long behind the others each time. A shorter interval keeps pages quick under load.
    sys.setswitchinterval(0.0005)
    click.echo(f"Serving on http://{host}:{port}/ (stop with Ctrl+C)")
    waitress.serve(app, host=host, port=port, threads=threads, ident="reportgen",
                   max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 65536)
