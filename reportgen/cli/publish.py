"""Publishing a report: publish."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.common import BY_OPTION, STORE_OPTION, a_run, reports_errors, store_at


@click.command()
@click.argument("report_id")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("published"),
              show_default=True)
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day of publication, if not today: on the cover and in the properties.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def publish(report_id: str, out: Path, on, store: str, by: str) -> None:
    """Publish a report: refused unless every stage is complete, the statistics check passed on
    the data version held, every factual accuracy item is decided and (in Wales) the Welsh is
    complete. The day of publication goes into the data; then every edition is made from it:
    the DOCX and PDF of each language, the web edition and the data workbook, with the factual
    accuracy log and a manifest of checksums, all at once. The set is kept in the store (the
    service serves it from there) and written to --out.

    \b
    Example:
        reportgen publish gwent-pdu-report --out published/ --as "Publication team"
    """
    from reportgen.workflow.publish import publish as run_publish
    with a_run("publish"):
        target = run_publish(store_at(store, report_id), report_id, by,
                             on.date() if on else None, out=out)
    click.echo(f"Published {report_id}: the set is kept in the store and written to {target}")
