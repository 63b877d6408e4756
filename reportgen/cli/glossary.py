"""The Welsh glossary: glossary status, glossary confirm."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from reportgen.cli.common import reports_errors

DIR_OPTION = click.option(
    "--dir", "root", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
    help="The folder holding glossary.toml and framework.toml (default: reportgen's own data).")


@click.group()
def glossary() -> None:
    """The Welsh glossary and the framework's Welsh: what is settled, and confirming the rest.

    Each Welsh wording has a status: seen (in the inspectorate's published Welsh), elsewhere
    (another Welsh public body uses it), unconfirmed, or confirmed (by a Welsh-speaking editor,
    who is named with the date). Welsh editions render with unconfirmed wording; the
    translation status of each Welsh draft lists it.

    \b
    Example:
        reportgen glossary status --unconfirmed
        reportgen glossary confirm "Inadequate" --by "Mererid Hopwood"
    """


@glossary.command("status")
@click.option("--unconfirmed", "only_open", is_flag=True,
              help="Only the wording not yet settled (unconfirmed or elsewhere).")
@click.option("--json", "as_json", is_flag=True)
@DIR_OPTION
@reports_errors
def glossary_status(only_open: bool, as_json: bool, root: Path | None) -> None:
    """Every Welsh wording with its status and where it is written. Exit status 1 while any is
    not settled.

    \b
    Example:
        reportgen glossary status --unconfirmed
    """
    from reportgen import glossary as g
    found = g.wordings(root or g.DATA)
    shown = [w for w in found if not (only_open and w.settled)]
    if as_json:
        click.echo(json.dumps([w.as_json() for w in shown], indent=2, ensure_ascii=False))
    else:
        for w in shown:
            who = f" ({w.confirmed_by}, {w.confirmed_on})" if w.confirmed_by else ""
            click.echo(f"{w.status:<11} {w.en} = {w.cy}{who}  [{'; '.join(w.where)}]")
        counts = {s: sum(w.status == s for w in found)
                  for s in ("seen", "confirmed", "elsewhere", "unconfirmed")}
        click.echo(f"{len(found)} wordings: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    if any(not w.settled for w in found):
        sys.exit(1)


@glossary.command("confirm")
@click.argument("term")
@click.option("--by", envvar="REPORTGEN_USER", required=True,
              help="The Welsh-speaking editor who confirms it, as the glossary records them "
                   "(a name; the glossary is a data file, not the tracker's store).")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date of the confirmation (default: today).")
@DIR_OPTION
@reports_errors
def glossary_confirm(term: str, by: str, on: dt.datetime | None, root: Path | None) -> None:
    """Confirm the Welsh of TERM (its English, or a framework code such as "P 2.1.1") as a
    Welsh-speaking editor, everywhere it is written. The confirmation is written beside the
    wording, with your name and the date.

    \b
    Example:
        reportgen glossary confirm "Not sufficient" --by "Mererid Hopwood"
        reportgen glossary confirm "P 2.3" --by "Mererid Hopwood" --on 2026-11-25
    """
    from reportgen import glossary as g
    day = on.date() if on else dt.date.today()
    for w in g.confirm(term, by, day, root or g.DATA):
        click.echo(f"confirmed {w.en} = {w.cy}  [{'; '.join(w.where)}]")
