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
from reportgen.loading import read_document


@click.group()
def fa() -> None:
    """The factual accuracy check by the inspected PDU or region.

    \b
    Example:
        reportgen fa send gwent-pdu-report --out fa/ --by "Megan Harris"
        reportgen fa import gwent-pdu-report returned-form.docx
        reportgen fa decide gwent-pdu-report 1 --decision accepted --by "Owain Davies"
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
        reportgen fa send gwent-pdu-report --out fa/ --by "Megan Harris"
    """
    from reportgen.workflow import factual_accuracy as fa_
    from reportgen.workflow.store import NewVersion, TrackError
    s = store_at(store, report_id)
    report = s.report(report_id)
    if report.stage != "factual-accuracy":
        raise TrackError(f"{report_id} is at {report.stage}: the draft is sent for factual "
                         "accuracy once the report is at factual-accuracy")
    latest = s.latest(report_id, "en")
    draft, paragraphs = fa_.numbered(s.content(report_id, latest.id))
    form = fa_.response_form(report_id, report_id)
    s.add_versions(report_id, "factual-accuracy", by, [
        NewVersion("en:fa-sent", f"{report_id}-factual-accuracy-draft.docx", draft),
        NewVersion("en:fa-form", f"{report_id}-factual-accuracy-form.docx", form)])
    for name, content in ((f"{report_id}-factual-accuracy-draft.docx", draft),
                          (f"{report_id}-factual-accuracy-form.docx", form)):
        write_atomically(out / name, content)
    click.echo(f"Wrote the draft ({len(paragraphs)} numbered paragraphs) and the response "
               f"form to {out}")


@fa.command("import")
@click.argument("report_id")
@click.argument("form", type=DOCUMENT)
@STORE_OPTION
@reports_errors
def fa_import(report_id: str, form: Path, store: str) -> None:
    """Read a returned response form; every row is checked first, and nothing is imported if
    any row names no paragraph of the draft or is malformed.

    \b
    Example:
        reportgen fa import gwent-pdu-report returned-form.docx
    """
    from reportgen.workflow import factual_accuracy as fa_
    from reportgen.workflow.store import TrackError
    content = read_document(form)
    s = store_at(store, report_id)
    sent = s.latest(report_id, "en:fa-sent")
    if sent is None:
        raise TrackError(f"no draft of {report_id} was sent for factual accuracy (fa send)")
    _, paragraphs = fa_.numbered_texts(s.content(report_id, sent.id))
    items = fa_.read_form(content, paragraphs, str(form))
    s.add_fa_items(report_id, items)
    click.echo(f"Imported {len(items)} item(s) for {report_id}")


@fa.command("decide")
@click.argument("report_id")
@click.argument("item", type=int)
@click.option("--decision", required=True,
              type=click.Choice(["accepted", "partly-accepted", "not-accepted"]))
@click.option("--reason", default="", help="Required unless accepted.")
@click.option("--coo", is_flag=True, help="The chief operating officer decides (category B).")
@STORE_OPTION
@BY_OPTION
@reports_errors
def fa_decide(report_id: str, item: int, decision: str, reason: str, coo: bool, store: str,
              by: str) -> None:
    """Record the decision on one factual accuracy item.

    \b
    Example:
        reportgen fa decide gwent-pdu-report 2 --decision not-accepted \\
            --reason "The case was inspected as recorded" --coo --by "Lorna Achebe"
    """
    from reportgen.workflow import factual_accuracy as fa_
    fa_.decide(store_at(store, report_id), report_id, item, decision, reason, by, coo)
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
    write_atomically(out, fa_.log(store_at(store, report_id), report_id, report_id))
    click.echo(f"Wrote {out}")
