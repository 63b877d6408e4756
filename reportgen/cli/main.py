"""The command line: a thin face over the package. Each command parses its options, calls one
function of a lower layer, and prints. Exit status: 0 done, 1 a check found something, 2 the
input (or a document) could not be used."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgen import __version__, pipeline
from reportgen.documents import DOCUMENTS
from reportgen.errors import InputError, ReportgenError
from reportgen.loading import MODELS, Loaded, parse
from reportgen.model import InspectionPlan, PduInspection
from reportgen.rules.assessment import Assessment, assess_pdu, assess_region
from reportgen.rules.calendar import Milestone, inspection_calendar, plan_calendar

F = TypeVar("F", bound=Callable[..., Any])

EXISTING = click.Path(path_type=Path, dir_okay=False)


def reports_errors(fn: F) -> F:
    """Print a ReportgenError as its lines on stderr and exit 2, with no traceback."""

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(problem.line(), err=True)
            sys.exit(2)
        except ReportgenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return run  # type: ignore[return-value]


def load(path: Path) -> Loaded:
    loaded = parse(path)
    for w in loaded.warnings:
        click.echo(w.line(), err=True)
    return loaded


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Render HM Inspectorate of Probation inspection documents from finalised ratings-and-findings
    data, and check that data against the manual's rules.

    Input files are JSON, one per inspection: a PDU inspection, a regional inspection or an
    inspection plan (see `reportgen schema` and docs/input.md).
    """


@cli.command()
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


def _assess(loaded: Loaded) -> Assessment:
    data = loaded.data
    if isinstance(data, PduInspection):
        return assess_pdu(data)
    if isinstance(data, InspectionPlan):
        raise ReportgenError(f"{loaded.path} is an inspection plan: it holds no ratings")
    return assess_region(data, loaded.pdus)


def ratings_json(a: Assessment) -> dict[str, Any]:
    return {
        "standards": {code: {"rating": (r.computed or r.finalised).value,
                             "score": (r.computed or r.finalised).score,
                             "finalised": r.finalised.value, "basis": r.basis}
                      for code, r in a.standards.items()},
        "overall": {"rating": a.overall_computed.value, "score": a.score,
                    "finalised": a.overall_finalised.value},
        "disagreements": [{"standard": d.standard, "finalised": d.finalised, "computed": d.computed,
                           "reason": d.reason, "recorded_by_panel": d.recorded}
                          for d in a.disagreements],
    }


@cli.command()
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
    a = _assess(load(file))
    if as_json:
        click.echo(json.dumps(ratings_json(a), indent=2, ensure_ascii=False))
    else:
        for code, r in a.standards.items():
            rating = r.computed or r.finalised
            lowest = f"  (lowest key question {r.lowest.code}: {r.lowest.percent_yes}%)" \
                if r.lowest else ""
            click.echo(f"{code:<7} {rating.value:<22} {rating.score}{lowest}")
        click.echo(f"{'overall':<7} {a.overall_computed.value:<22} {a.score}")
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


@cli.command()
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
    found = plan_calendar(data) if isinstance(data, InspectionPlan) else inspection_calendar(data)
    if as_json:
        click.echo(json.dumps({"milestones": [m.as_json() for m in found]}, indent=2,
                              ensure_ascii=False))
    else:
        for m in found:
            click.echo(_plan_line(m))


def _list(value: str, allowed: Sequence[str], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise click.BadParameter(f"{', '.join(bad) or 'nothing'}: choose {what} from "
                                 f"{', '.join(allowed)}")
    return items


def _render(jobs: list[pipeline.Job], out: Path, formats: list[str], draft: bool) -> None:
    steps = len(jobs) * (1 + ("pdf" in formats))
    with click.progressbar(length=steps, label="Rendering", file=sys.stderr,
                           show_pos=True) as bar:
        written = pipeline.run(jobs, out, formats, draft, progress=lambda _: bar.update(1))
    click.echo(f"Wrote {len(written)} file(s) to {out}:")
    for path in written:
        click.echo(f"  {path.name}  ({path.stat().st_size // 1024} KiB)")


@cli.command()
@click.argument("file", type=EXISTING)
@click.option("--doc", "docs", required=True, metavar="TYPE[,TYPE]",
              help="Document type(s): " + ", ".join(DOCUMENTS) + ".")
@click.option("--format", "formats", default="docx,pdf", show_default=True,
              metavar="FORMAT[,FORMAT]", help="Output formats: " + ", ".join(pipeline.FORMATS))
@click.option("--lang", "langs", default=None, metavar="LANG[,LANG]",
              help="en, cy, en,cy (two documents) or cy+en (one bilingual document, Welsh "
                   "first). Default: English, and Welsh too in Wales; letters in the "
                   "addressee's recorded language.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Folder to write to (created if need be).")
@click.option("--draft", is_flag=True,
              help="Render even with narrative missing in the edition's language, marked.")
@reports_errors
def render(file: Path, docs: str, formats: str, langs: str | None, out: Path,
           draft: bool) -> None:
    """Render documents from one input file, to Word and PDF.

    Files are named <code>-<type>.<lang>.<format> and written atomically: a reader never sees
    half a file, and an error in any document writes none of them. PDFs are tagged, carry the
    title and language, and have their contents updated.

    \b
    Example:
        reportgen render fixtures/wales/pdus/gwent.json --doc pdu-report --out out/
        reportgen render fixtures/wales/region.json --doc regional-report --format pdf
    """
    loaded = load(file)
    chosen = _list(docs, list(DOCUMENTS), "document types")
    jobs = []
    for doc in chosen:
        lang_list = _list(langs, ["en", "cy", pipeline.BILINGUAL], "languages") if langs else \
            pipeline.languages(loaded, doc)
        jobs += pipeline.jobs_for(loaded, [doc], lang_list)  # type: ignore[arg-type]
    _render(jobs, out, _list(formats, pipeline.FORMATS, "formats"), draft)


@cli.command("render-all")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True))
@click.option("--format", "formats", default="docx,pdf", show_default=True,
              metavar="FORMAT[,FORMAT]", help="Output formats: " + ", ".join(pipeline.FORMATS))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Folder to write to (created if need be).")
@click.option("--draft", is_flag=True,
              help="Render even with narrative missing in the edition's language, marked.")
@reports_errors
def render_all(paths: tuple[Path, ...], formats: str, out: Path, draft: bool) -> None:
    """Render every document of one or more regions (or of single input files) in one run.

    A region folder holds region.json (which names its PDU files) and plan.json. Every input is
    checked before anything is rendered; all PDFs are made by one LibreOffice process.

    \b
    Example:
        reportgen render-all fixtures/wales fixtures/east-of-england --out out/
    """
    jobs = pipeline.all_jobs(pipeline.inputs(paths))
    if not jobs:
        raise ReportgenError("nothing to render in " + ", ".join(map(str, paths)))
    _render(jobs, out, _list(formats, pipeline.FORMATS, "formats"), draft)


@cli.group()
def translate() -> None:
    """The Welsh translation workflow: export segments, import translations, report status.

    A segment is one piece of English narrative of an inspection file, named by its JSON path.
    Each carries a fingerprint of its English; a translation keeps the fingerprint of the English
    it was made from, so a later edit to the English shows it as stale.

    \b
    Example:
        reportgen translate export fixtures/east-of-england/pdus/luton.json --todo
        reportgen translate import fixtures/east-of-england/pdus/luton.json luton.cy.xlf
        reportgen translate status fixtures/wales/pdus/*.json
    """


@translate.command("export")
@click.argument("file", type=EXISTING)
@click.option("--format", "fmt", type=click.Choice(["xliff", "po"]), default="xliff",
              show_default=True, help="XLIFF 1.1 or gettext PO, for the translators' tools.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write (default: beside FILE, .cy.xlf or .cy.po).")
@click.option("--todo", is_flag=True, help="Only the segments missing or stale in Welsh.")
@reports_errors
def translate_export(file: Path, fmt: str, out: Path | None, todo: bool) -> None:
    """Export an inspection file's English narrative for translation, with a word count.

    \b
    Example:
        reportgen translate export fixtures/east-of-england/pdus/luton.json --format po
    """
    from reportgen import translation
    content, count, words = translation.export(file, fmt, todo)  # type: ignore[arg-type]
    target = out or file.with_suffix(".cy.xlf" if fmt == "xliff" else ".cy.po")
    pipeline.write_atomically(target, content)
    click.echo(f"Wrote {count} segment(s), {words} English word(s) to translate, to {target}")


@translate.command("import")
@click.argument("file", type=EXISTING)
@click.argument("translated", type=EXISTING)
@reports_errors
def translate_import(file: Path, translated: Path) -> None:
    """Bring translations (XLIFF or PO) back into the inspection file.

    Every unit must name a segment of FILE; any problem is listed and nothing is written.

    \b
    Example:
        reportgen translate import fixtures/east-of-england/pdus/luton.json luton.cy.xlf
    """
    from reportgen import translation
    imported, stale = translation.import_translations(file, translated)
    click.echo(f"Imported {imported} translation(s) into {file}"
               + (f"; {stale} were made from English that has since changed (stale)"
                  if stale else ""))


@translate.command("status")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@reports_errors
def translate_status(files: tuple[Path, ...], as_json: bool) -> None:
    """For each file: the segments translated, missing and stale, and the words to translate.
    Exit status 1 when any segment is missing or stale.

    \b
    Example:
        reportgen translate status fixtures/wales/pdus/*.json
    """
    from reportgen import translation
    found = [translation.status(f) for f in files]
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        for s in found:
            click.echo(f"{s['file']}: {s['translated']} translated, {s['missing']} missing, "
                       f"{s['stale']} stale of {s['segments']} ({s['words_to_translate']} "
                       "words to translate)")
            for seg in s["to_translate"]:
                click.echo(f"  {seg['state']:<8} {seg['id']}")
    if any(s["missing"] or s["stale"] for s in found):
        sys.exit(1)


@cli.command()
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


if __name__ == "__main__":
    cli()
