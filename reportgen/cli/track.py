"""The editing stages: track start, status, advance, attach, history, versions."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reportgen.cli.common import (
    BY_OPTION,
    DOCUMENT,
    EXISTING,
    STORE_OPTION,
    reports_errors,
    store_at,
)
from reportgen.files import write_atomically


@click.group()
def track() -> None:
    """Track reports through the editing stages to publication.

    Stages: draft, initial-edit, strategic-edit, chief-inspector-review, factual-accuracy,
    statistics-check, translation (Wales only), ready-to-publish, published. A report moves one
    stage at a time, and leaves a stage only when its gate holds.

    \b
    Example:
        reportgen track start fixtures/wales/pdus/gwent.json --doc pdu-report --by "Owain Davies"
        reportgen track status
    """


@track.command("start")
@click.argument("file", type=EXISTING)
@click.option("--doc", type=click.Choice(["pdu-report", "regional-report"]), required=True)
@STORE_OPTION
@BY_OPTION
@reports_errors
def track_start(file: Path, doc: str, store: str, by: str) -> None:
    """Start tracking a report: render its draft (each language) and keep it as version 1.

    \b
    Example:
        reportgen track start fixtures/wales/pdus/gwent.json --doc pdu-report --by "Owain Davies"
    """
    from reportgen.workflow import tracker
    report_id = tracker.start(store_at(store, create=True), file, doc, by)
    click.echo(f"Tracking {report_id} from draft")


@track.command("status")
@STORE_OPTION
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date to judge what is overdue (default: today).")
@click.option("--json", "as_json", is_flag=True)
@reports_errors
def track_status(store: str, today, as_json: bool) -> None:
    """Every tracked report: its stage, what is due and what is overdue.

    \b
    Example:
        reportgen track status --today 2026-04-20
    """
    import datetime as dt

    from reportgen.workflow import tracker
    rows = tracker.status(store_at(store), today.date() if today else dt.date.today())
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        due = ", ".join(f"{s} by {d}" + (" (OVERDUE)" if s in r["overdue"] else "")
                        for s, d in r["due"].items())
        click.echo(f"{r['id']:<40} {r['stage']:<24} next: {r['next'] or '-'}"
                   + (f"; due: {due}" if due else ""))


@track.command("advance")
@click.argument("report_id")
@click.option("--to", "to", required=True, help="The next stage.")
@click.option("--note", default="", help="Why, or what was done.")
@click.option("--file", "file_en", type=DOCUMENT, default=None,
              help="The edited English document this stage produced.")
@click.option("--file-cy", type=DOCUMENT, default=None,
              help="The Welsh document made from it.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def track_advance(report_id: str, to: str, note: str, file_en: Path | None,
                  file_cy: Path | None, store: str, by: str) -> None:
    """Move a report to its next stage, with the edited document if there is one.

    Refused, with the reason, when the move skips a stage or the current stage's gate does not
    hold; refused if someone else moved the report first.

    \b
    Example:
        reportgen track advance gwent-pdu-report --to initial-edit --by "Sam Editor" \\
            --file gwent-edited.docx
    """
    from reportgen.workflow import tracker
    files = {k: v for k, v in (("en", file_en), ("cy", file_cy)) if v}
    tracker.advance(store_at(store, report_id), report_id, to, by, note, files)
    click.echo(f"{report_id} is now at {to}")


@track.command("attach")
@click.argument("report_id")
@click.option("--file", "file_en", type=DOCUMENT, default=None,
              help="An edited English document.")
@click.option("--file-cy", type=DOCUMENT, default=None,
              help="The Welsh document made from the English now held.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def track_attach(report_id: str, file_en: Path | None, file_cy: Path | None, store: str,
                 by: str) -> None:
    """Keep an edited version of a report at its current stage, without moving it.

    \b
    Example:
        reportgen track attach gwent-pdu-report --file gwent-corrected.docx --by "Data team"
    """
    from reportgen.workflow import tracker
    files = {k: v for k, v in (("en", file_en), ("cy", file_cy)) if v}
    tracker.attach(store_at(store, report_id), report_id, by, files)
    click.echo(f"Kept {len(files)} new version(s) of {report_id}")


@track.command("history")
@click.argument("report_id")
@STORE_OPTION
@reports_errors
def track_history(report_id: str, store: str) -> None:
    """Every move of a report: when, who, from where to where, and why.

    \b
    Example:
        reportgen track history gwent-pdu-report
    """
    for h in store_at(store, report_id).history(report_id):
        click.echo(f"{h.at:%Y-%m-%d %H:%M}  {h.by:<20} {h.from_stage or '-':<24} -> "
                   f"{h.to_stage:<24} {h.note}")


@track.command("versions")
@click.argument("report_id")
@click.option("--get", "get", type=int, default=None, help="Write this version to --out.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None)
@STORE_OPTION
@reports_errors
def track_versions(report_id: str, get: int | None, out: Path | None, store: str) -> None:
    """Every version of a report's documents, with its checksum; --get writes one out again.

    \b
    Example:
        reportgen track versions gwent-pdu-report
        reportgen track versions gwent-pdu-report --get 3 --out sent-for-fa.docx
    """
    s = store_at(store, report_id)
    if get is not None:
        target = out or Path(f"{report_id}-version-{get}.docx")
        write_atomically(target, s.content(report_id, get))
        click.echo(f"Wrote version {get} to {target}")
        return
    for v in s.versions(report_id):
        click.echo(f"{v.id:>4}  {v.stage:<24} {v.lang:<12} {v.sha256[:16]}  {v.at:%Y-%m-%d %H:%M}"
                   f"  {v.by}  {v.name}")
