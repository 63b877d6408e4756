"""Commands that render documents: render, render-all."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen import pipeline
from reportgen.cli.common import (
    EXISTING,
    a_run,
    load,
    parse_list,
    reports_errors,
)
from reportgen.documents import DOCUMENTS
from reportgen.errors import ReportgenError


def _render(jobs: list[pipeline.Job], out: Path, formats: list[str], draft: bool,
            force: bool) -> None:
    with a_run("render"):
        plan = pipeline.plan(jobs, out, formats, draft, force)
        if plan.skipped:
            click.echo(f"Unchanged since they were last rendered to {out}, so not rendered "
                       f"again ({len(plan.skipped)}; --force renders them): "
                       + ", ".join(j.stem for j in plan.skipped))
        if not plan.jobs:
            click.echo("Nothing to render.")
            return
        with click.progressbar(length=plan.steps, label="Rendering", file=sys.stderr,
                               show_pos=True) as bar:
            outcome = pipeline.execute(plan, progress=lambda _: bar.update(1))
    click.echo(f"Wrote {len(outcome.written)} file(s) to {out}:")
    for path in outcome.written:
        click.echo(f"  {path.name}  ({path.stat().st_size // 1024} KiB)")


FORCE = click.option("--force", is_flag=True,
                     help="Render every document, even those unchanged since they were last "
                          "rendered to the same folder.")


@click.command()
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
@FORCE
@reports_errors
def render(file: Path, docs: str, formats: str, langs: str | None, out: Path,
           draft: bool, force: bool) -> None:
    """Render documents from one input file, to Word and PDF.

    Files are named <code>-<type>.<lang>.<format> and written atomically: a reader never sees
    half a file, and an error in any document writes none of them. PDFs are tagged, carry the
    title and language, and have their contents updated. A document whose inputs have not
    changed since it was last rendered to the same folder is not rendered again.

    \b
    Example:
        reportgen render fixtures/wales/pdus/gwent.json --doc pdu-report --out out/
        reportgen render fixtures/wales/pdus/gwent.json --doc pdu-report --format html,xlsx
        reportgen render fixtures/wales/region.json --doc regional-report --format pdf
    """
    loaded = load(file)
    chosen = parse_list(docs, list(DOCUMENTS), "document types")
    jobs = []
    for doc in chosen:
        lang_list = parse_list(langs, ["en", "cy", pipeline.BILINGUAL], "languages") if langs else \
            pipeline.languages(loaded, doc)
        jobs += pipeline.jobs_for(loaded, [doc], lang_list)  # type: ignore[arg-type]
    _render(jobs, out, parse_list(formats, pipeline.FORMATS, "formats"), draft, force)


@click.command("render-all")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True))
@click.option("--format", "formats", default="docx,pdf", show_default=True,
              metavar="FORMAT[,FORMAT]", help="Output formats: " + ", ".join(pipeline.FORMATS))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Folder to write to (created if need be).")
@click.option("--draft", is_flag=True,
              help="Render even with narrative missing in the edition's language, marked.")
@FORCE
@reports_errors
def render_all(paths: tuple[Path, ...], formats: str, out: Path, draft: bool,
               force: bool) -> None:
    """Render every document of one or more regions (or of single input files) in one run.

    A region folder holds region.json (which names its PDU files) and plan.json. Every input is
    checked before anything is rendered. Documents are rendered on every core and converted by
    as many LibreOffice workers; a document whose inputs (data, templates, styles, catalogue,
    reportgen) have not changed since it was last rendered to the same folder is skipped, and
    named.

    \b
    Example:
        reportgen render-all fixtures/wales fixtures/east-of-england --out out/
    """
    jobs = pipeline.all_jobs(pipeline.inputs(paths))
    if not jobs:
        raise ReportgenError("nothing to render in " + ", ".join(map(str, paths)))
    _render(jobs, out, parse_list(formats, pipeline.FORMATS, "formats"), draft, force)
