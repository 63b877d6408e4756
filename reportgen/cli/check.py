"""Checks of rendered documents: check stats, check accessibility."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen.cli.common import (
    DOCUMENT,
    EXISTING,
    STORE_OPTION,
    load,
    reports_errors,
    store_at,
)
from reportgen.errors import ReportgenError
from reportgen.loading import read_document


@click.group()
def check() -> None:
    """Checks of rendered documents.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
    """


@check.command("stats")
@click.argument("report", type=DOCUMENT, required=False)
@click.option("--data", "data_file", type=EXISTING, default=None,
              help="The inspection file REPORT was made from.")
@click.option("--track", "report_id", default=None,
              help="Check a tracked report instead: every language's edition of the data "
                   "version held, each result recorded for the statistics check stage's gate.")
@click.option("--json", "as_json", is_flag=True)
@STORE_OPTION
@reports_errors
def check_stats(report: Path | None, data_file: Path | None, report_id: str | None,
                as_json: bool, store: str) -> None:
    """Trace every figure in a report to the inspection data.

    Reads body text, tables, headers, footers and chart alt text; reports each whole number,
    percentage, "30 of 40" and date as traced, mismatched or untraced. Exit status 1 when any
    is mismatched or untraced.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
        reportgen check stats --track gwent-pdu-report
    """
    from reportgen.checks import statistics
    if report_id:
        if report or data_file:
            raise ReportgenError("give either REPORT with --data, or --track ID: not both")
        from reportgen.workflow import stats_check
        number, results = stats_check.run(store_at(store, report_id), report_id)
        heading = f"{report_id}, data version {number}"
    else:
        if not (report and data_file):
            raise ReportgenError("give REPORT and --data FILE, or --track ID")
        results = {"": statistics.summary(statistics.check(read_document(report),
                                                           load(data_file)))}
        heading = str(report)
    if as_json:
        click.echo(json.dumps(results if report_id else results[""], indent=2,
                              ensure_ascii=False))
    else:
        for lang, result in results.items():
            name = f"{heading} ({lang})" if lang else heading
            for p in result["problems"]:
                click.echo(f"{p['status']:<10} {p['text']:<12} {p['where']}: {p['source']}")
            click.echo(f"{name}: {result['figures']} figures: {result['traced']} traced, "
                       f"{result['mismatched']} mismatched, {result['untraced']} untraced")
    if not all(r["passed"] for r in results.values()):
        sys.exit(1)


@check.command("accessibility")
@click.argument("files", nargs=-1, required=True, type=DOCUMENT)
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
