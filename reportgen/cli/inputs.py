"""Commands that read input files: validate, ratings, plan, schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen.cli.common import (
    EXISTING,
    load,
    reports_errors,
)
from reportgen.errors import InputError, ReportgenError
from reportgen.model import InspectionPlan, NationalReview
from reportgen.reading import MODELS
from reportgen.rules.assessment import assess
from reportgen.rules.calendar import Milestone, inspection_calendar, plan_calendar


@click.command()
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@reports_errors
def validate(files: tuple[Path, ...]) -> None:
    """Check input files and list every problem, one per line.

    Each line names the file, the JSON path, what was expected and what was found. Exit status 2
    when any file has an error; warnings (where the manual says "normally") do not fail.

    \b
    Example:
        reportgen validate fixtures/wales/region.json fixtures/wales/plan.json
    """
    failed: list[InputError] = []
    for path in files:
        try:
            loaded = load(path)
        except InputError as exc:
            failed.append(exc)
            continue
        extra = f" and {len(loaded.pdus)} PDU files" if loaded.pdus else ""
        click.echo(f"{path}: valid {loaded.data.kind}{extra}")
    if failed:
        raise InputError([p for exc in failed for p in exc.problems])


@click.command()
@click.argument("file", type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@reports_errors
def ratings(file: Path, as_json: bool) -> None:
    """Apply the ratings rules (manual §7.1) to an inspection and compare with the panel.

    Domain two standards are rated from the case counts (the band of the lowest key question);
    the overall rating from the sum of the scores; regional staffing from the PDUs' staffing
    scores. Every finalised rating that differs from the rules is listed, never overwritten.
    Exit status 1 when a difference is not recorded as a panel decision.

    \b
    Example:
        reportgen ratings fixtures/wales/pdus/gwent.json
        reportgen ratings fixtures/wales/region.json --json
    """
    a = assess(load(file))
    if as_json:
        click.echo(json.dumps(a.as_json(), indent=2, ensure_ascii=False))
    else:
        for code, r in a.standards.items():
            if r.computed is None:
                click.echo(f"{code:<7} {'not rated by the rules':<22} -  ({r.note})")
                continue
            lowest = f"  (lowest key question {r.lowest.code}: {r.lowest.percent_yes}%)" \
                if r.lowest else ""
            click.echo(f"{code:<7} {r.computed.value:<22} {r.computed.score}{lowest}")
        stands_in = f"  (the panel's rating stands in for {', '.join(a.not_computed)})" \
            if a.not_computed else ""
        click.echo(f"{'overall':<7} {a.overall_computed.value:<22} {a.score}{stands_in}")
        for d in a.disagreements:
            click.echo(f"disagreement: {d.line()}")
        if not a.disagreements:
            click.echo("The finalised ratings agree with the rules.")
    if a.unrecorded:
        sys.exit(1)


def _plan_line(m: Milestone) -> str:
    when = f"{m.date:%a %d %b %Y}" + (f" to {m.end:%a %d %b %Y}" if m.end else "")
    flag = "  ! bank holiday: " + ", ".join(f"{n} ({d:%d %b})" for d, n in m.bank_holidays) \
        if m.flagged else ""
    about = " (about)" if m.approximate else ""
    who = f"[{m.pdu}] " if m.pdu else ""
    return f"{when:<34} {who}{m.title}{about}{flag}"


@click.command()
@click.argument("file", type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a list.")
@reports_errors
def plan(file: Path, as_json: bool) -> None:
    """List every milestone of an inspection with its date, from the calendar rules.

    From an inspection plan: the whole region's calendar, from the announcement to the action
    plan, then each PDU's. From a PDU or regional inspection file: the milestones its fieldwork
    fixes. Milestones on an England and Wales bank holiday keep their date and are flagged.

    \b
    Example:
        reportgen plan fixtures/wales/plan.json
        reportgen plan fixtures/wales/plan.json --json
    """
    data = load(file).data
    if isinstance(data, NationalReview):
        raise ReportgenError(f"{file} is a national review: it has no fieldwork calendar")
    found = plan_calendar(data) if isinstance(data, InspectionPlan) else inspection_calendar(data)
    if as_json:
        click.echo(json.dumps({"milestones": [m.as_json() for m in found]}, indent=2,
                              ensure_ascii=False))
    else:
        for m in found:
            click.echo(_plan_line(m))



@click.command()
@click.argument("kind", required=False, type=click.Choice(sorted(MODELS)))
def schema(kind: str | None) -> None:
    """Print the JSON Schema of the input files (all three kinds, or one).

    \b
    Example:
        reportgen schema pdu-inspection > pdu.schema.json
    """
    chosen = {kind: MODELS[kind]} if kind else MODELS
    schemas = {k: m.model_json_schema() for k, m in chosen.items()}
    out = schemas[kind] if kind else {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "oneOf": [{"$ref": f"#/$defs/{k}"} for k in schemas],
        "$defs": schemas,
    }
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))
