"""Checks of rendered documents: check stats, check accessibility."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen.cli.common import (
    EXISTING,
    STORE_OPTION,
    load,
    reports_errors,
    store_at,
)


@click.group()
def check() -> None:
    """Checks of rendered documents.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
    """


@check.command("stats")
@click.argument("reports", nargs=-1, required=True, type=EXISTING)
@click.option("--data", "data_file", type=EXISTING, required=True,
              help="The inspection file the report was made from.")
@click.option("--json", "as_json", is_flag=True, help="Every figure, as JSON.")
@click.option("--all", "everything", is_flag=True, help="List traced figures too.")
@click.option("--signoff", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write a workbook (.xlsx) of every figure, to attach to the sign-off.")
@click.option("--track", "report_id", default=None,
              help="Record the result in the tracker for this report (its gate); an edition "
                   "is compared with the version held in the other language if not given.")
@STORE_OPTION
@reports_errors
def check_stats(reports: tuple[Path, ...], data_file: Path, as_json: bool, everything: bool,
                signoff: Path | None, report_id: str | None, store: str) -> None:
    """Check every figure of a report's editions against the inspection data.

    Reads Word documents, web editions and data workbooks, in English and Welsh: table cells
    with their row and column headings, sentences, chart alt text, headers and footers. Each
    figure is bound to the fact its context states and reported as traced, mismatched (another
    value than the data's, or a relation between figures that does not hold) or unbound (to
    confirm). Editions of one format in two languages are checked against each other. Exit
    status 1 when any figure is mismatched.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
        reportgen check stats out/gwent-pdu-report.*.docx --data fixtures/wales/pdus/gwent.json
    """
    import hashlib

    from reportgen.checks import statistics
    from reportgen.checks.statistics import output
    from reportgen.files import write_atomically
    from reportgen.workflow import tracker

    loaded = load(data_file)
    files = [(p.name, p.read_bytes()) for p in reports]
    s = store_at(store) if report_id else None
    counterparts = []
    if s is not None and report_id:
        given = {statistics.read_edition(content, name).lang or "en":
                 hashlib.sha256(content).hexdigest() for name, content in files}
        counterparts = tracker.held_counterparts(s, report_id, given)
    results = statistics.check_editions(files, loaded, counterparts)
    if signoff:
        write_atomically(signoff, output.workbook(results, reports[0].name, data_file.name))
    if s is not None and report_id:
        for name in tracker.record_stats(s, report_id, results):
            click.echo(f"note: {name} is not the version of {report_id} now held; the result "
                       "is recorded but does not open the gate", err=True)
    if as_json:
        click.echo(json.dumps(output.as_json(results), indent=2, ensure_ascii=False,
                              default=str))
    else:
        click.echo(output.text(results, everything))
    if not all(r.passed for r in results):
        sys.exit(1)


@check.command("accessibility")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@click.option("--json", "as_json", is_flag=True)
@reports_errors
def check_accessibility(files: tuple[Path, ...], as_json: bool) -> None:
    """Check DOCX, PDF and HTML files against the accessibility rules, and the chart palette.

    DOCX: title, language, heading order, empty headings, alt text, table header rows. PDF:
    tagged, language, title in the window bar, alt text on figures, heading order, embedded
    fonts. HTML: axe-core in headless Chromium at WCAG 2.2 AA. Each failure names its rule and
    where it failed; exit status 1 if any.

    \b
    Example:
        reportgen check accessibility out/gwent-pdu-report.cy.pdf out/gwent-pdu-report.cy.html
    """
    from reportgen.checks import accessibility
    results = accessibility.check_files(list(files))
    palette = accessibility.check_palette()
    if as_json:
        click.echo(json.dumps({str(p): [vars(f) for f in found] for p, found in results.items()}
                              | {"palette": [vars(f) for f in palette]}, indent=2))
    else:
        for path, found in results.items():
            click.echo(f"{path}: {'passes' if not found else f'{len(found)} failure(s)'}")
            for f in found:
                click.echo(f"  {f.rule}: {f.where}: {f.message}")
        for f in palette:
            click.echo(f"chart palette: {f.rule}: {f.where}: {f.message}")
    if palette or any(results.values()):
        sys.exit(1)
