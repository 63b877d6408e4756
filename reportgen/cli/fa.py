"""The factual accuracy check: fa send, import, decide, log."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.common import (
    BY_OPTION,
    EXISTING,
    STORE_OPTION,
    reports_errors,
    store_at,
)
from reportgen.files import write_atomically


@click.group()
def fa() -> None:
    """The factual accuracy check by the inspected PDU or region.

    \b
    Example:
        reportgen fa send gwent-pdu-report --out fa/ --as "Megan Harris"
        reportgen fa import gwent-pdu-report returned-form.docx --as "Megan Harris"
        reportgen fa decide gwent-pdu-report 1 --decision accepted --as "Owain Davies"
        reportgen fa log gwent-pdu-report --out fa/log.docx
    """


@fa.command("send")
@click.argument("report_id")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
@STORE_OPTION
@BY_OPTION
@reports_errors
def fa_send(report_id: str, out: Path, store: str, by: str) -> None:
    """Write the draft with numbered paragraphs and the response form, and keep both.

    \b
    Example:
        reportgen fa send gwent-pdu-report --out fa/ --as "Megan Harris"
    """
    from reportgen.workflow import factual_accuracy as fa_
    draft, form, paragraphs = fa_.send(store_at(store), report_id, by)
    for name, content in ((f"{report_id}-factual-accuracy-draft.docx", draft),
                          (f"{report_id}-factual-accuracy-form.docx", form)):
        write_atomically(out / name, content)
    click.echo(f"Wrote the draft ({paragraphs} numbered paragraphs) and the response "
               f"form to {out}")


@fa.command("import")
@click.argument("report_id")
@click.argument("form", type=EXISTING)
@STORE_OPTION
@BY_OPTION
@reports_errors
def fa_import(report_id: str, form: Path, store: str, by: str) -> None:
    """Read a returned response form; every row is checked first, and nothing is imported if
    any row names no paragraph of the draft or is malformed. A form is imported once.

    \b
    Example:
        reportgen fa import gwent-pdu-report returned-form.docx --as "Megan Harris"
    """
    from reportgen.workflow import factual_accuracy as fa_
    numbers = fa_.import_form(store_at(store), report_id, form.read_bytes(), str(form), by)
    click.echo(f"Imported {len(numbers)} item(s) for {report_id}"
               + (f": {numbers[0]} to {numbers[-1]}" if numbers else ""))


@fa.command("decide")
@click.argument("report_id")
@click.argument("item", type=int)
@click.option("--decision", required=True,
              type=click.Choice(["accepted", "partly-accepted", "not-accepted"]))
@click.option("--reason", default="", help="Required unless accepted.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def fa_decide(report_id: str, item: int, decision: str, reason: str, store: str,
              by: str) -> None:
    """Record the decision on one factual accuracy item. Category B items (a judgement or a
    rating challenge) are decided by an account with the chief operating officer's role. A
    decision can be changed until the factual accuracy stage ends; every one is kept.

    \b
    Example:
        reportgen fa decide gwent-pdu-report 2 --decision not-accepted \\
            --reason "The case was inspected as recorded" --as "Lorna Achebe"
    """
    from reportgen.workflow import factual_accuracy as fa_
    fa_.decide(store_at(store), report_id, item, decision, reason, by)
    click.echo(f"Item {item} of {report_id}: {decision}")


@fa.command("log")
@click.argument("report_id")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@STORE_OPTION
@reports_errors
def fa_log(report_id: str, out: Path, store: str) -> None:
    """Write the decision log as a Word document, to go back with the final report.

    \b
    Example:
        reportgen fa log gwent-pdu-report --out gwent-fa-log.docx
    """
    from reportgen.workflow import factual_accuracy as fa_
    write_atomically(out, fa_.log(store_at(store), report_id, report_id))
    click.echo(f"Wrote {out}")
