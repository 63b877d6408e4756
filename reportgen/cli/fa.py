"""The factual accuracy check: fa send, import, decide, log."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.common import (
    BY_OPTION,
    DOCUMENT,
    STORE_OPTION,
    reports_errors,
    store_at,
)
from reportgen.files import write_atomically
from reportgen.reading import read_document


@click.group()
def fa() -> None:
    """The factual accuracy check by the inspected PDU or region.

    \b
    Example:
        reportgen fa send gwent-pdu-report --out fa/ --as "Sam Editor"
        reportgen fa import gwent-pdu-report returned-form.docx --as "Sam Editor"
        reportgen fa decide gwent-pdu-report 1 --decision accepted \\
            --set '$.case_profile.women=9' --as "Owain Davies"
        reportgen fa log gwent-pdu-report --out fa/log.docx
    """


@fa.command("send")
@click.argument("report_id")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              show_default=True, help="Folder to write the draft and form to.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def fa_send(report_id: str, out: Path, store: str, by: str) -> None:
    """Write the draft with numbered paragraphs and the response form, in each language of the
    report, made from the data version held, and keep them.

    \b
    Example:
        reportgen fa send gwent-pdu-report --out fa/ --as "Sam Editor"
    """
    from reportgen.workflow import factual_accuracy as fa_
    files = fa_.send(store_at(store, report_id), report_id, by)
    for name, content in files.items():
        write_atomically(out / name, content)
    click.echo(f"Wrote {', '.join(files)} to {out}")
    for name, content in files.items():
        if "-draft." in name and (english := fa_.untranslated(content)):
            click.echo(f"warning: {name}: {len(english)} paragraph(s) still in English, each "
                       "marked as not translated and listed at the top: "
                       + ", ".join(f"[{n}]" for n in english) + ". The Welsh is translated "
                       "after this check: tell the inspected body, or translate them first "
                       f"(reportgen translate export {report_id} --todo) and send again.",
                       err=True)


@fa.command("import")
@click.argument("report_id")
@click.argument("form", type=DOCUMENT)
@STORE_OPTION
@BY_OPTION
@reports_errors
def fa_import(report_id: str, form: Path, store: str, by: str) -> None:
    """Read a returned response form (English or Welsh); every row is checked first, and
    nothing is imported if any row names no paragraph, table or figure of the draft, or is
    malformed. A form is imported once; its items are numbered on from the report's last.

    \b
    Example:
        reportgen fa import gwent-pdu-report returned-form.docx --as "Sam Editor"
    """
    from reportgen.workflow import factual_accuracy as fa_
    items = fa_.import_form(store_at(store, report_id), report_id, read_document(form),
                            str(form), by)
    click.echo(f"Imported {len(items)} item(s) for {report_id}"
               + (f": {items[0]['number']} to {items[-1]['number']}" if items else ""))


@fa.command("decide")
@click.argument("report_id")
@click.argument("item", type=int)
@click.option("--decision", required=True,
              type=click.Choice(["accepted", "partly-accepted", "not-accepted"]))
@click.option("--reason", default="", help="Required unless accepted.")
@click.option("--file", "edited", type=DOCUMENT, default=None,
              help="The edition with the correction made, read back as the change answering "
                   "the item.")
@click.option("--set", "values", multiple=True, metavar="ADDRESS=VALUE",
              help="A value of the data corrected (a figure), as the change answering it.")
@click.option("--data-version", "version", type=int, default=None,
              help="A data version already made during the check that answers it.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def fa_decide(report_id: str, item: int, decision: str, reason: str, edited: Path | None,
              values: tuple[str, ...], version: int | None, store: str, by: str) -> None:
    """Record the decision on one factual accuracy item; an accepted (or partly accepted) item
    with the change to the data that answers it. Category B items (a judgement or a rating
    challenge) are decided by an account with the chief operating officer's role. A decision
    can be changed until the factual accuracy stage ends; every one is kept.

    \b
    Example:
        reportgen fa decide gwent-pdu-report 3 --decision accepted \\
            --file gwent-corrected.docx --as "Owain Davies"
        reportgen fa decide gwent-pdu-report 2 --decision not-accepted \\
            --reason "The case was inspected as recorded" --as "Lorna Achebe"
    """
    from reportgen.workflow import factual_accuracy as fa_
    answer = fa_.Answer((read_document(edited), str(edited)) if edited else None,
                        fa_.parse_values(values), version)
    made = fa_.decide(store_at(store, report_id), report_id, item, decision, reason, by,
                      answer)
    click.echo(f"Item {item} of {report_id}: {decision}"
               + (f", answered by data version {made}" if made else ""))


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
    write_atomically(out, fa_.log(store_at(store, report_id), report_id))
    click.echo(f"Wrote {out}")
