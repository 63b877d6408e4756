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


@click.group()
def check() -> None:
    """Checks of rendered documents.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
    """


@check.command("stats")
@click.argument("report", type=DOCUMENT)
@click.option("--data", "data_file", type=EXISTING, required=True,
              help="The inspection file the report was made from.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--track", "report_id", default=None,
              help="Record the result in the tracker for this report (its gate).")
@STORE_OPTION
@reports_errors
def check_stats(report: Path, data_file: Path, as_json: bool, report_id: str | None,
                store: str) -> None:
    """Trace every figure in a report to the inspection data.

    Reads body text, tables, headers, footers and chart alt text; reports each whole number,
    percentage, "30 of 40" and date as traced, mismatched or untraced. Exit status 1 when any
    is mismatched or untraced.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
    """
    import hashlib

    from reportgen.checks import statistics
    from reportgen.loading import read_document
    s = store_at(store, report_id) if report_id else None
    content = read_document(report)
    found = statistics.check(content, load(data_file))
    result = statistics.summary(found)
    if s is not None and report_id:
        sha = hashlib.sha256(content).hexdigest()
        s.record_stats(report_id, sha, result["passed"], json.dumps(result))
        held = s.latest(report_id, "en")
        if held is None or held.sha256 != sha:
            click.echo(f"note: {report} is not the version of {report_id} now held; the result "
                       "is recorded but does not open the gate", err=True)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        for p in result["problems"]:
            click.echo(f"{p['status']:<10} {p['text']:<12} {p['where']}: {p['source']}")
        click.echo(f"{result['figures']} figures: {result['traced']} traced, "
                   f"{result['mismatched']} mismatched, {result['untraced']} untraced")
    if not result["passed"]:
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
