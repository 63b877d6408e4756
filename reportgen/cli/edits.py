"""Edits made in Word, read back into the data: edits diff, edits apply."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.common import BY_OPTION, DOCUMENT, STORE_OPTION, reports_errors, store_at
from reportgen.reading import read_document

ACCEPT = click.option("--accept-tracked", is_flag=True,
                      help="Read tracked changes as accepted instead of refusing the document.")
TARGET = click.argument("target", metavar="REPORT_ID|FILE.json")


@click.group()
def edits() -> None:
    """Read an edited Word edition back into the data.

    TARGET is a tracked report (its edition names the data version it was made from; the
    changes become a new data version) or, before a report is tracked, its JSON file (the
    changes are written into the file). Only the text inside the narrative boxes may change:
    tracked changes and comments must be resolved, no box deleted or duplicated, and fixed
    wording and figures left as they are (figures change in the data). Each refusal names its
    place.

    \b
    Example:
        reportgen edits diff gwent-pdu-report gwent-edited.docx
        reportgen edits apply gwent-pdu-report gwent-edited.docx --as "Sam Editor"
    """


@edits.command("diff")
@TARGET
@click.argument("edited", type=DOCUMENT)
@ACCEPT
@STORE_OPTION
@reports_errors
def edits_diff(target: str, edited: Path, accept_tracked: bool, store: str) -> None:
    """Show what an edited document would change in the data, changing nothing.

    \b
    Example:
        reportgen edits diff gwent-pdu-report gwent-edited.docx
    """
    if target.endswith(".json"):
        changes = _changes(target, edited, accept_tracked, store)
        for change in changes:
            click.echo(change.line())
        click.echo(f"{len(changes)} change(s) to the data")
        return
    from reportgen.workflow import tracker
    found = tracker.read_edits(store_at(store, target), target, read_document(edited),
                               str(edited), accept_tracked)
    for change in found.pending:
        click.echo(change.line())
    click.echo(_already(found, edited) if found.applied_before else
               f"{len(found.pending)} change(s) to the data")


@edits.command("apply")
@TARGET
@click.argument("edited", type=DOCUMENT)
@click.option("--note", default="", help="Why, or what was done.")
@ACCEPT
@STORE_OPTION
@BY_OPTION
@reports_errors
def edits_apply(target: str, edited: Path, note: str, accept_tracked: bool, store: str,
                by: str) -> None:
    """Keep an edited document's changes: a new data version of a tracked report (at its
    current stage, without moving it), or the changes written into a JSON file.

    \b
    Example:
        reportgen edits apply gwent-pdu-report gwent-edited.docx --as "Sam Editor"
    """
    from reportgen.bundle import Bundle
    from reportgen.readback import apply
    from reportgen.workflow import tracker
    if target.endswith(".json"):
        bundle = Bundle.read(Path(target))
        changes = _changes(target, edited, accept_tracked, store)
        apply(bundle, changes, target).write_changes(Path(target), bundle)
        click.echo(f"Wrote {len(changes)} change(s) into {target}")
        return
    found, number = tracker.keep_edits(store_at(store, target), target, read_document(edited),
                                       str(edited), by, note, accept_tracked)
    for change in found.pending:
        click.echo(change.line())
    if number:
        click.echo(f"Kept {len(found.pending)} change(s) as data version {number} of {target}")
    else:
        click.echo(_already(found, edited) if found.applied_before else
                   "Nothing changed: no new data version")


def _already(found, edited: Path) -> str:
    return (f"Nothing changed: {edited.name} was applied already (made from data version "
            f"{found.base}, its {len(found.changes)} change(s) are in data version "
            f"{found.held}, held now)")


def _changes(target: str, edited: Path, accept_tracked: bool, store: str) -> list:
    from reportgen.bundle import Bundle
    from reportgen.workflow.editions import changes_against_data
    return changes_against_data(Bundle.read(Path(target)), read_document(edited), str(edited),
                                accept_tracked)
