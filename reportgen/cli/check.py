"""Checks of rendered documents and of the Welsh: check stats, accessibility, layout, welsh."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen.cli.common import (
    AS_OPTIONAL,
    DOCUMENT,
    EXISTING,
    STORE_OPTION,
    load,
    reports_errors,
    store_at,
)
from reportgen.errors import ReportgenError
from reportgen.reading import read_file


@click.group()
def check() -> None:
    """Checks of rendered documents.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
    """


@check.command("stats")
@click.argument("reports", nargs=-1, type=DOCUMENT)
@click.option("--data", "data_file", type=EXISTING, default=None,
              help="The inspection file the REPORTS were made from.")
@click.option("--track", "report_id", default=None,
              help="Check a tracked report instead: every language's edition of the data "
                   "version held, each result recorded for the statistics check stage's gate.")
@click.option("--json", "as_json", is_flag=True, help="Every figure, as JSON.")
@click.option("--all", "everything", is_flag=True, help="List traced figures too.")
@click.option("--signoff", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write a workbook (.xlsx) of every figure, to attach to the sign-off.")
@click.option("--confirm", is_flag=True,
              help="With --track: you have checked every unbound figure listed, and confirm "
                   "them (the gate opens only once they are confirmed).")
@STORE_OPTION
@AS_OPTIONAL
@reports_errors
def check_stats(reports: tuple[Path, ...], data_file: Path | None, report_id: str | None,
                as_json: bool, everything: bool, signoff: Path | None, confirm: bool,
                by: str | None, store: str) -> None:
    """Check every figure of a report's editions against the inspection data.

    Reads Word documents, web editions and data workbooks, in English and Welsh: table cells
    with their row and column headings, sentences, chart alt text, headers and footers. Each
    figure is bound to the fact its context states and reported as traced, mismatched (another
    value than the data's, or a relation between figures that does not hold) or unbound (to
    confirm). Editions of one format in two languages are checked against each other. With
    --track, every language's edition of the data version held is checked and the result kept
    for the stage's gate, which opens when nothing is mismatched and the unbound figures are
    confirmed. Exit status 1 when a figure is mismatched, or (with --track) unconfirmed.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
        reportgen check stats out/gwent-pdu-report.*.docx --data fixtures/wales/pdus/gwent.json
        reportgen check stats --track gwent-pdu-report --signoff gwent-statistics.xlsx \\
            --as "Sam Editor"
        reportgen check stats --track wales-regional-report --confirm --as "Sam Editor"
    """
    from reportgen.checks import statistics
    from reportgen.checks.statistics import output
    from reportgen.files import write_atomically

    if confirm and not report_id:
        raise ReportgenError("--confirm needs --track ID")
    if report_id and not by:
        raise ReportgenError("--track records the result as an account: give --as ACCOUNT "
                             "(or REPORTGEN_USER)")
    cleared = True
    if report_id:
        if reports or data_file:
            raise ReportgenError("give either REPORTS with --data, or --track ID: not both")
        from reportgen.workflow import stats_check
        number, by_lang = stats_check.run(store_at(store, report_id), report_id, by, confirm)
        results = list(by_lang.values())
        title, source = f"{report_id}, data version {number}", f"data version {number}"
        cleared = confirm or not any(r.unbound for r in results)
    else:
        if not (reports and data_file):
            raise ReportgenError("give REPORTS and --data FILE, or --track ID")
        results = statistics.check_editions([(p.name, read_file(p)) for p in reports],
                                            load(data_file))
        title, source = reports[0].name, data_file.name
    if signoff:
        write_atomically(signoff, output.workbook(results, title, source))
    if as_json:
        click.echo(json.dumps(output.as_json(results), indent=2, ensure_ascii=False,
                              default=str))
    else:
        click.echo(output.text(results, everything))
        if not cleared:
            click.echo("The unbound figures are to confirm: check each, then run again with "
                       "--confirm --as ACCOUNT to record that you have.")
        elif confirm:
            click.echo(f"Unbound figures confirmed by {by}.")
    if not all(r.passed for r in results) or not cleared:
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


@check.command("welsh")
@click.argument("files", nargs=-1, type=EXISTING)
@reports_errors
def check_welsh(files: tuple[Path, ...]) -> None:
    """Lint the Welsh: the catalogue, the Welsh templates, the framework and glossary, the
    Welsh narrative of each input FILE given, and each rendered Welsh FILE (.docx, .pdf,
    .xlsx): soft mutation after "Dylai …:" and of an object after "gan" with a pronoun or an
    inflected verb, the article after a vowel ('r) and before one (yr), the singular noun after
    a numeral, "Dylai'r Uned (…)", a full stop before a colon, a word repeated across a label,
    meaning turned round against the English, English codes in a workbook and XML entities in
    metadata. Each finding says what it saw and what it expects; exit status 1 if any.

    \b
    Example:
        reportgen check welsh fixtures/wales/pdus/*.json fixtures/wales/region.json
        reportgen check welsh out/wales-regional-report.cy.pdf out/gwent-pdu-report.cy.docx
    """
    from reportgen.checks import welsh
    found = welsh.project()
    for path in files:
        found += welsh.rendered(path) if path.suffix in (".docx", ".pdf", ".xlsx") else \
            welsh.narrative(load(path).data, str(path))
    for f in found:
        click.echo(f.line())
    click.echo(f"{len(found)} finding(s)")
    if found:
        sys.exit(1)


@check.command("layout")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@reports_errors
def check_layout(files: tuple[Path, ...]) -> None:
    """Check tagged PDFs for print layout: no table row split over two pages, no caption on
    another page than its table or figure, and no short table (12 rows or fewer) on another
    page than the chart drawn from it, unless the table already begins its page. Exit status 1
    if any.

    \b
    Example:
        reportgen check layout out/gwent-pdu-report.cy.pdf out/wales-regional-report.en.pdf
    """
    from reportgen.checks import layout
    problems = [f.line(str(path)) for path in files for f in layout.check(path)]
    for line in problems:
        click.echo(line)
    click.echo(f"{len(files)} file(s): {len(problems)} layout problem(s)")
    if problems:
        sys.exit(1)
