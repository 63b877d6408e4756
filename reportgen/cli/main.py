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
from reportgen.errors import InputError, ReportgenError, a
from reportgen.files import write_atomically
from reportgen.loading import MODELS, Loaded, parse
from reportgen.model import InspectionPlan, NationalReview, PduInspection, RegionalInspection
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
    if not isinstance(data, RegionalInspection):
        raise ReportgenError(f"{loaded.path} is {a(data.kind)} file: ratings are in PDU and "
                             "regional inspection files")
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
    if isinstance(data, NationalReview):
        raise ReportgenError(f"{file} is a national review: it has no fieldwork calendar")
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
    write_atomically(target, content)
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


# ----------------------------------------------------------------- editing stages

STORE_OPTION = click.option(
    "--store", envvar="REPORTGEN_STORE", default="reportgen-tracker.db", show_default=True,
    help="The tracker's store: a SQLite file (created on first use) or a SQLAlchemy URL. "
         "Also from REPORTGEN_STORE.")
BY_OPTION = click.option("--by", envvar="REPORTGEN_USER", required=True,
                         help="Who does it (also from REPORTGEN_USER).")


def _store(location: str):
    from reportgen.workflow.store import Store
    return Store(location)


@cli.group()
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
    report_id = tracker.start(_store(store), file, doc, by)
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
    rows = tracker.status(_store(store), today.date() if today else dt.date.today())
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
@click.option("--file", "file_en", type=EXISTING, default=None,
              help="The edited English document this stage produced.")
@click.option("--file-cy", type=EXISTING, default=None,
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
    tracker.advance(_store(store), report_id, to, by, note, files)
    click.echo(f"{report_id} is now at {to}")


@track.command("attach")
@click.argument("report_id")
@click.option("--file", "file_en", type=EXISTING, default=None,
              help="An edited English document.")
@click.option("--file-cy", type=EXISTING, default=None,
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
    tracker.attach(_store(store), report_id, by, files)
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
    for h in _store(store).history(report_id):
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
    s = _store(store)
    if get is not None:
        target = out or Path(f"{report_id}-version-{get}.docx")
        write_atomically(target, s.content(report_id, get))
        click.echo(f"Wrote version {get} to {target}")
        return
    for v in s.versions(report_id):
        click.echo(f"{v.id:>4}  {v.stage:<24} {v.lang:<12} {v.sha256[:16]}  {v.at:%Y-%m-%d %H:%M}"
                   f"  {v.by}  {v.name}")


@cli.group()
def fa() -> None:
    """The factual accuracy check by the inspected PDU or region.

    \b
    Example:
        reportgen fa send gwent-pdu-report --out fa/ --by "Megan Harris"
        reportgen fa import gwent-pdu-report returned-form.docx --by "Megan Harris"
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
    s = _store(store)
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
@click.argument("form", type=EXISTING)
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
    s = _store(store)
    sent = s.latest(report_id, "en:fa-sent")
    if sent is None:
        raise TrackError(f"no draft of {report_id} was sent for factual accuracy (fa send)")
    _, paragraphs = fa_.numbered_texts(s.content(report_id, sent.id))
    items = fa_.read_form(form.read_bytes(), paragraphs, str(form))
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
    fa_.decide(_store(store), report_id, item, decision, reason, by, coo)
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
    write_atomically(out, fa_.log(_store(store), report_id, report_id))
    click.echo(f"Wrote {out}")


@cli.group()
def check() -> None:
    """Checks of rendered documents.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
    """


@check.command("stats")
@click.argument("report", type=EXISTING)
@click.option("--data", "data_file", type=EXISTING, required=True,
              help="The inspection file the report was made from.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--track", "report_id", default=None,
              help="Record the result in the tracker for this report (its gate).")
@STORE_OPTION
@reports_errors
def check_stats(report: Path, data_file: Path, as_json: bool, report_id: str | None,
                store: str) -> None:
    """Trace every figure in a report to the inspection data.

    Reads body text, tables, headers, footers and chart alt text; reports each whole number,
    percentage, "30 of 40" and date as traced, mismatched or untraced. Exit status 1 when any
    is mismatched or untraced.

    \b
    Example:
        reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json
    """
    import hashlib

    from reportgen.checks import statistics
    content = report.read_bytes()
    found = statistics.check(content, load(data_file))
    result = statistics.summary(found)
    if report_id:
        s = _store(store)
        sha = hashlib.sha256(content).hexdigest()
        s.record_stats(report_id, sha, result["passed"], json.dumps(result))
        held = s.latest(report_id, "en")
        if held is None or held.sha256 != sha:
            click.echo(f"note: {report} is not the version of {report_id} now held; the result "
                       "is recorded but does not open the gate", err=True)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        for p in result["problems"]:
            click.echo(f"{p['status']:<10} {p['text']:<12} {p['where']}: {p['source']}")
        click.echo(f"{result['figures']} figures: {result['traced']} traced, "
                   f"{result['mismatched']} mismatched, {result['untraced']} untraced")
    if not result["passed"]:
        sys.exit(1)


@check.command("accessibility")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
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


@cli.command()
@click.argument("report_id")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("published"),
              show_default=True)
@STORE_OPTION
@BY_OPTION
@reports_errors
def publish(report_id: str, out: Path, store: str, by: str) -> None:
    """Publish a report: refused unless every stage is complete, the statistics check passed on
    the final version, every factual accuracy item is decided and (in Wales) the Welsh edition
    is current. Writes the final DOCX and PDF of each language, the factual accuracy log and a
    manifest of checksums, all at once.

    \b
    Example:
        reportgen publish gwent-pdu-report --out published/ --by "Publication team"
    """
    from reportgen.workflow.publish import publish as run_publish
    target = run_publish(_store(store), report_id, out, by)
    click.echo(f"Published {report_id} to {target}")


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
