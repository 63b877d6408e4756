"""The editing stages: track start, status, advance, history, versions, diff."""

from __future__ import annotations

import datetime as dt
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
from reportgen.errors import ReportgenError
from reportgen.files import write_atomically


@click.group()
def track() -> None:
    """Track reports through the editing stages to publication.

    Stages: draft, initial-edit, strategic-edit, chief-inspector-review, factual-accuracy,
    statistics-check, translation (Wales only), ready-to-publish, published. A report moves one
    stage at a time, and leaves a stage only when its gate holds. The store keeps the report's
    data as numbered versions; every edition is made from the version held.

    \b
    Example:
        reportgen track start fixtures/wales/pdus/gwent.json --doc pdu-report --as "Owain Davies"
        reportgen track status
    """


@track.command("start")
@click.argument("file", type=EXISTING)
@click.option("--doc", type=click.Choice(["pdu-report", "regional-report"]), required=True)
@STORE_OPTION
@BY_OPTION
@reports_errors
def track_start(file: Path, doc: str, store: str, by: str) -> None:
    """Start tracking a report: its data (with, for a region, its PDU files) is kept in the
    store as version 1, and its Word editions are made from it. The file on disk is not needed
    again.

    \b
    Example:
        reportgen track start fixtures/wales/pdus/gwent.json --doc pdu-report --as "Owain Davies"
    """
    from reportgen.workflow import tracker
    report_id = tracker.start(store_at(store), file, doc, by)
    click.echo(f"Tracking {report_id} from draft (data version 1)")


@track.command("status")
@STORE_OPTION
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date to judge what is overdue (default: today).")
@click.option("--json", "as_json", is_flag=True)
@reports_errors
def track_status(store: str, today, as_json: bool) -> None:
    """Every tracked report: its stage, its data version, what is due and what is overdue.

    \b
    Example:
        reportgen track status --today 2026-04-20
    """
    from reportgen.workflow import tracker
    rows = tracker.status(store_at(store), today.date() if today else dt.date.today())
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        due = ", ".join(f"{s} by {d}" + (" (OVERDUE)" if s in r["overdue"] else "")
                        for s, d in r["due"].items())
        click.echo(f"{r['id']:<36} {r['stage']:<24} v{r['data_version']:<3} "
                   f"next: {r['next'] or '-'}" + (f"; due: {due}" if due else ""))


@track.command("advance")
@click.argument("report_id")
@click.option("--to", "to", required=True, help="The next stage.")
@click.option("--note", default="", help="Why, or what was done.")
@click.option("--file", "files", type=DOCUMENT, multiple=True,
              help="An edited edition (English or Welsh) made in the stage being left: read "
                   "back into a new data version. May be given twice (English and Welsh).")
@click.option("--accept-tracked", is_flag=True,
              help="Read tracked changes as accepted (the decision is recorded) instead of "
                   "refusing a document that still has them.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def track_advance(report_id: str, to: str, note: str, files: tuple[Path, ...],
                  accept_tracked: bool, store: str, by: str) -> None:
    """Move a report to its next stage, with the edited documents of the stage it leaves.

    Refused, with the reason, when the move skips a stage, the current stage's gate does not
    hold, an edited document cannot be read back (tracked changes or comments left, a box
    deleted, fixed wording or a figure edited: each named by its place), or someone else moved
    the report first.

    \b
    Example:
        reportgen track advance gwent-pdu-report --to strategic-edit --as "Sam Editor" \\
            --file gwent-edited.docx
    """
    from reportgen.workflow import tracker
    if accept_tracked:
        note = (note + "; " if note else "") + "tracked changes read as accepted"
    number = tracker.advance(store_at(store, report_id), report_id, to, by, note, list(files),
                             accept_tracked)
    made = f" with its edits as data version {number}" if number else ""
    click.echo(f"{report_id} is now at {to}{made}")


@track.command("send-back")
@click.argument("report_id")
@click.option("--to", "to", required=True, help="The earlier stage it returns to.")
@click.option("--reason", required=True, help="Why it goes back (kept in the history).")
@STORE_OPTION
@BY_OPTION
@reports_errors
def track_send_back(report_id: str, to: str, reason: str, store: str, by: str) -> None:
    """Send a report back to an earlier stage, with the reason. Only the owner of its current
    stage may, and only to the stages reportgen/data/roles.toml names for it.

    \b
    Example:
        reportgen track send-back gwent-pdu-report --to initial-edit \\
            --reason "The summary repeats the findings" --as "Lorna Achebe"
    """
    from reportgen.workflow import tracker
    tracker.send_back(store_at(store), report_id, to, by, reason)
    click.echo(f"{report_id} is back at {to}")


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
@click.option("--get", "get", default=None, metavar="N|latest",
              help="Write data version N (or the latest) to --out.")
@click.option("--lang", type=click.Choice(["en", "cy"]), default="en", show_default=True,
              help="The edition to write, for an --out ending .docx.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="FILE.docx: that version's Word edition; FILE.json: its data (a region's "
                   "PDU files beside it).")
@STORE_OPTION
@reports_errors
def track_versions(report_id: str, get: str | None, lang: str, out: Path | None,
                   store: str) -> None:
    """Every version of a report's data, with the documents kept with each; --get writes one
    out again, as its Word edition or as data files.

    \b
    Example:
        reportgen track versions gwent-pdu-report
        reportgen track versions gwent-pdu-report --get latest --out gwent-current.docx
        reportgen track versions gwent-pdu-report --get 1 --out gwent-v1.json
    """
    from reportgen.workflow import editions
    s = store_at(store, report_id)
    if get is None:
        documents = s.versions(report_id)
        for v in s.data_versions(report_id):
            kept = ", ".join(d.name for d in documents if d.data_version == v.number)
            click.echo(f"{v.number:>3}  {v.stage:<24} {v.at:%Y-%m-%d %H:%M}  {v.by:<20} "
                       f"{v.note}" + (f"\n     documents: {kept}" if kept else ""))
        return
    if get != "latest" and not get.isdigit():
        raise ReportgenError(f"--get takes a version number or latest, not {get}")
    number, bundle = editions.held(s, report_id, None if get == "latest" else int(get))
    target = out or Path(f"{report_id}-v{number}.{lang}.docx")
    if target.suffix == ".json":
        for name in bundle.files:
            path = target if name == bundle.main else target.parent / name
            write_atomically(path, bundle.file_text(name).encode("utf-8"))
        click.echo(f"Wrote the data of version {number} to {target}")
        return
    held = s.latest(report_id, lang, data_version=number)
    if held is None:
        raise ReportgenError(f"{report_id} has no {lang} edition of data version {number}")
    write_atomically(target, s.content(report_id, held.id))
    click.echo(f"Wrote the {lang} edition of data version {number} to {target}")


@track.command("diff")
@click.argument("report_id")
@click.argument("first", type=int)
@click.argument("second", type=int)
@click.option("--lang", type=click.Choice(["en", "cy"]), default="en", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write a redline: the later edition with every difference as a tracked "
                   "change, to review, accept or reject in Word.")
@STORE_OPTION
@reports_errors
def track_diff(report_id: str, first: int, second: int, lang: str, out: Path | None,
               store: str) -> None:
    """What changed in a report's data between two versions, and (with --out) a redline of its
    Word edition.

    \b
    Example:
        reportgen track diff gwent-pdu-report 1 3
        reportgen track diff gwent-pdu-report 1 3 --out gwent-redline.docx
    """
    from reportgen.workflow import versions
    s = store_at(store, report_id)
    for line in versions.text_diff(s, report_id, first, second):
        click.echo(line)
    if out is not None:
        content, marked = versions.redline(s, report_id, first, second, lang)
        write_atomically(out, content)
        click.echo(f"Wrote a redline with {marked} tracked change(s) to {out}")
