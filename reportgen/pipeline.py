"""From checked input to files on disk: build the context, draw the charts, render, post-process,
convert to PDF, then put every file in place.

- Documents are rendered in a pool of worker processes, one per core, and each is handed to a
  pool of LibreOffice workers (reportgen.convert.pdf) as soon as it is rendered, so conversion
  overlaps rendering.
- Work in progress lives in a private workspace (reportgen.files). Only when every document of
  the run has rendered and converted are the files moved into the output folder, each in one
  step: a document that fails is named, and nothing of the run is written.
- A document whose inputs have not changed since it was last rendered into the same folder is
  skipped (reportgen.cache); `force` renders everything.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen import cache, files, processes
from reportgen.convert import pdf
from reportgen.documents import BILINGUAL, DOCUMENTS, DocumentType, Variant
from reportgen.documents.common import Edition
from reportgen.documents.figures import ChartSpec
from reportgen.errors import RenderError, ReportgenError, a
from reportgen.loading import parse
from reportgen.model import Language, RegionalInspection
from reportgen.reading import Loaded
from reportgen.render import charts, postprocess, word

FORMATS = ("docx", "pdf", "html", "xlsx")
PUBLICATION_FORMATS = ("html", "xlsx")  # the web edition and the data workbook of a report
STAGES = ("context", "charts", "word", "post-process", "calendar", "web edition", "workbook",
          "pdf")


Timings = Counter  # stage -> processor seconds


@dataclass(frozen=True)
class Job:
    doc: DocumentType
    loaded: Loaded
    lang: Language | str  # "en", "cy", or BILINGUAL
    variant: Variant
    # A tracked report's edition says what it was made from (report, data version), so that an
    # edited copy can be read back against the edition it started as.
    stamp: tuple[tuple[str, str], ...] = ()

    @property
    def stem(self) -> str:
        return f"{self.variant.stem}.{self.lang}"

    @property
    def langs(self) -> tuple[str, ...]:
        return ("cy", "en") if self.lang == BILINGUAL else (str(self.lang),)


@contextmanager
def _stage(timings: Timings, name: str) -> Iterator[None]:
    """Add the processor time the block takes to the stage's (not the wall time, which other
    processes on the machine would inflate)."""
    start = time.process_time()
    try:
        yield
    finally:
        timings[name] += time.process_time() - start


def render_docx(job: Job, draft: bool = False) -> bytes:
    return render_files(job, draft)[".docx"]


def render_files(job: Job, draft: bool = False, formats: Sequence[str] = (),
                 timings: Timings | None = None) -> dict[str, bytes]:
    """The document as .docx bytes, its attachments (an .ics) and, for a report, its web
    edition (.html) and data workbook (.xlsx) if asked, by suffix. Time spent in each stage is
    added to `timings`."""
    t = Timings() if timings is None else timings
    if job.lang == BILINGUAL:
        from reportgen.render import bilingual  # imported when needed: the CLI starts sooner

        welsh, english = (render_files(replace(job, lang=lang), draft, timings=t)
                          for lang in ("cy", "en"))
        with _stage(t, "word"):
            return {**english, **welsh,
                    ".docx": bilingual.combine(welsh[".docx"], english[".docx"])}
    with _stage(t, "context"):
        ed = Edition(job.lang, draft=draft)  # type: ignore[arg-type]
        context = job.doc.build(job.loaded, ed, job.variant.key)
        ed.check_complete()
    with _stage(t, "charts"):
        for spec in _charts_in(context):
            charts.draw(spec)  # kept, so the Word and web renderers reuse the picture
    with _stage(t, "word"):
        body = word.render_document(word.Template(job.doc.name, ed.lang), context)
    with _stage(t, "post-process"):
        files = {".docx": postprocess.finish(body, ed.lang, context["title"],
                                             context["subject"], context.get("keywords", ""),
                                             dict(job.stamp) | _published(context),
                                             draft=ed.draft_notice())}
    if job.doc.attachments:
        from reportgen.render import ical  # imported when asked for: the CLI starts sooner

        with _stage(t, "calendar"):
            files |= {suffix: ical.calendar(spec) for suffix, spec
                      in job.doc.attachments(job.loaded, ed, job.variant.key).items()}
    if job.doc.publication and "html" in formats:
        from reportgen.render import web  # imported when asked for: the CLI starts sooner

        with _stage(t, "web edition"):
            files[".html"] = web.render(context, ed.lang, other_language(job),
                                        draft=ed.draft_notice())
    if job.doc.publication and "xlsx" in formats:
        # imported when asked for (openpyxl): the CLI starts sooner
        from reportgen.documents import workbook as workbook_spec
        from reportgen.render import workbook

        with _stage(t, "workbook"):
            files[".xlsx"] = workbook.write(workbook_spec.build(job.loaded, ed, context["title"]))
    return files


def _published(context: dict) -> dict[str, str]:
    """A published report says so, and on what day, in its properties as on its cover."""
    day = context.get("published_on")
    return {"Publication date": day} if day else {}


def _charts_in(value: Any) -> Iterator[ChartSpec]:
    if isinstance(value, ChartSpec):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _charts_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from _charts_in(v)


def other_language(job: Job) -> str | None:
    """The file name of the same page in the other language, for an inspection in Wales."""
    region = getattr(job.loaded.data, "region", None)
    if not (region and region.in_wales):
        return None
    other = "cy" if job.lang == "en" else "en"
    return f"{job.variant.stem}.{other}.html"


def jobs_for(loaded: Loaded, docs: Sequence[str], langs: Sequence[str]) -> list[Job]:
    out = []
    for name in docs:
        doc = DOCUMENTS[name]
        if loaded.data.kind not in doc.input_kinds:
            raise RenderError(f"{loaded.path}: {a(name)} is made from "
                              f"{a(' or '.join(doc.input_kinds))} file, not "
                              f"{a(loaded.data.kind)} file")
        out += [Job(doc, loaded, lang, v) for v in doc.variants(loaded) for lang in langs]
    return out


# -- a run: what to render, then rendering it -------------------------------------------------


@dataclass
class Plan:
    """The documents a run renders, and those it skips because nothing they are made from has
    changed since they were rendered into the same folder."""

    out: Path
    formats: tuple[str, ...]
    draft: bool
    jobs: list[Job]
    skipped: list[Job]
    keys: dict[str, str]
    record: cache.Record

    @property
    def steps(self) -> int:
        return len(self.jobs) * (1 + ("pdf" in self.formats))


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)


def plan(jobs: Iterable[Job], out: Path, formats: Sequence[str], draft: bool = False,
         force: bool = False) -> Plan:
    """Check the run can be made (formats, file names, output folder) and find what is
    unchanged. Nothing is written."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise RenderError(f"unknown format(s) {', '.join(sorted(unknown))}: "
                          f"choose from {', '.join(FORMATS)}")
    jobs = list(jobs)
    stems = Counter(job.stem for job in jobs)
    clashes = sorted(s for s, n in stems.items() if n > 1)
    if clashes:
        raise RenderError("two inputs would write the same file(s): " + ", ".join(clashes)
                          + "; render them to different folders")
    files.output_folder(out, create=False)
    for job in jobs:
        for name in _outputs(job, formats):
            files.check_name(out / name)
    record = cache.Record.load(out)
    environment = cache.environment()
    data: dict[int, str] = {}
    keys = {job.stem: _key(job, draft, environment, data) for job in jobs}
    fresh = [] if force else [j for j in jobs
                              if record.fresh(j.stem, keys[j.stem], _outputs(j, formats))]
    return Plan(out, tuple(formats), draft, [j for j in jobs if j not in fresh], fresh, keys,
                record)


def _outputs(job: Job, formats: Sequence[str]) -> list[str]:
    """The files of a document the formats ask for (attachments are always made)."""
    wanted = [f for f in formats if f in ("docx", "pdf")
              or (f in PUBLICATION_FORMATS and job.doc.publication)]
    return [f"{job.stem}.{f}" for f in wanted]


def _key(job: Job, draft: bool, environment: str, data: dict[int, str]) -> str:
    loaded = job.loaded
    if id(loaded) not in data:
        models = [loaded.data, *loaded.pdus.values()]
        data[id(loaded)] = cache.key(m.model_dump_json() for m in models)
    templates = [cache.file_digest(word.Template(job.doc.name, lang).path) for lang in job.langs]
    return cache.key([environment, job.doc.name, str(job.variant.key), str(job.lang),
                      str(draft), repr(job.stamp), data[id(loaded)], *templates])


def run(jobs: Iterable[Job], out: Path, formats: Sequence[str], draft: bool = False,
        progress: Callable[[str], None] = lambda _: None, force: bool = False) -> list[Path]:
    """Render every job (skipping those unchanged) and write their files; the files written."""
    return execute(plan(jobs, out, formats, draft, force), progress).written


# The jobs of the run being rendered: set before the workers are forked, so a worker is given
# only a job's number, never the data itself.
_RUN: tuple[list[Job], Path, bool, tuple[str, ...]] | None = None


def _render_job(index: int) -> tuple[int, dict[str, tuple[str, str]] | None, str, Timings]:
    """In a worker: render one job into the workspace; its files (suffix -> path, checksum)
    or the reason it failed, named by the document."""
    assert _RUN is not None
    jobs, work, draft, formats = _RUN
    job, timings = jobs[index], Timings()
    try:
        made = render_files(job, draft, formats, timings)
    except ReportgenError as exc:
        return index, None, f"{job.stem}: {exc}", timings
    except Exception as exc:  # a fault, not bad input: it stops the run, naming the document
        exc.add_note(f"while rendering {job.stem}")
        raise
    folder = work / str(index)
    folder.mkdir()
    written = {}
    for suffix, content in made.items():
        path = folder / f"{job.stem}{suffix}"
        path.write_bytes(content)
        written[suffix] = (str(path), cache.sha256(content))
    del made
    processes.release_memory()
    return index, written, "", timings


def _start_worker(parent: int) -> None:
    processes.die_with_parent(parent)
    processes.ignore_interrupts()


@contextmanager
def _running(run: tuple[list[Job], Path, bool, tuple[str, ...]]) -> Iterator[None]:
    global _RUN
    _RUN = run
    try:
        yield
    finally:
        _RUN = None


def execute(p: Plan, progress: Callable[[str], None] = lambda _: None) -> Outcome:
    """Render the plan's jobs, convert them, and only then put every file in place."""
    outcome = Outcome(skipped=[j.stem for j in p.skipped])
    if not p.jobs:
        return outcome
    if p.out.is_dir():
        files.sweep(p.out)
    with files.workspace("render") as work, ExitStack() as stack:
        stack.enter_context(_running((p.jobs, work, p.draft, p.formats)))
        converter = stack.enter_context(pdf.Converter(
            work, workers=min(pdf.cores(), len(p.jobs)),
            on_done=lambda task: progress(task.dst.name))) if "pdf" in p.formats else None
        made: dict[int, dict[str, tuple[str, str]]] = {}
        errors: list[str] = []
        for index, result, error, timings in _rendered(stack, len(p.jobs), converter):
            outcome.timings.update(timings)
            if error:
                errors.append(error)
                continue
            made[index] = result  # type: ignore[assignment]
            progress(f"{p.jobs[index].stem}.docx")
            if converter and not errors:
                source = Path(result[".docx"][0])  # type: ignore[index]
                converter.submit(source, source.with_suffix(".pdf"))
        if errors:
            raise RenderError("\n".join(sorted(errors)))
        if converter:
            for task in converter.finish():
                outcome.timings["pdf"] += task.cpu
        outcome.written = _place(p, made)
    return outcome


def _rendered(stack: ExitStack, count: int, converter: pdf.Converter | None) -> Iterator[tuple]:
    """Each job's result as it is ready, keeping the converter busy meanwhile. With PDFs to
    make, LibreOffice takes most of the processor and rendering keeps pace on half the cores (a
    rendering worker holds 250 MiB or so); without, rendering has every core."""
    cores = pdf.cores()
    workers = min(max(1, cores // 2) if converter else cores, count)
    if workers == 1 and not converter:
        yield from (_render_job(index) for index in range(count))
        return
    pool = stack.enter_context(ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
        initargs=(os.getpid(),)))
    stack.callback(pool.shutdown, wait=True, cancel_futures=True)
    # The longest first, so that LibreOffice is not left converting a long report at the end.
    order = sorted(range(count), key=lambda i: -_RUN[0][i].doc.cost)  # type: ignore[index]
    pending: set[Future] = {pool.submit(_render_job, i) for i in order}
    while pending:
        done, pending = wait(pending, timeout=0.05 if converter else None,
                             return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
        if converter:
            converter.poll()


def _place(p: Plan, made: dict[int, dict[str, tuple[str, str]]]) -> list[Path]:
    """Move each finished file into the output folder and record what was made from what."""
    files.output_folder(p.out)
    written = []
    for index, job in enumerate(p.jobs):
        result = dict(made[index])
        if "pdf" in p.formats:
            made_pdf = Path(result[".docx"][0]).with_suffix(".pdf")
            result[".pdf"] = (str(made_pdf), cache.sha256(made_pdf.read_bytes()))
        if "docx" not in p.formats:
            del result[".docx"]
        placed = {}
        for suffix, (source, checksum) in result.items():
            target = p.out / f"{job.stem}{suffix}"
            files.place(Path(source), target)
            written.append(target)
            placed[target.name] = checksum
        p.record.update(job.stem, p.keys[job.stem], placed)
    p.record.save()
    return written


def inputs(paths: Iterable[Path]) -> list[Loaded]:
    """Every inspection to render from files and region folders (region.json with its PDU
    files, plan.json), checked before anything is rendered."""
    found: list[Loaded] = []
    for path in paths:
        names = ("region.json", "plan.json", "national-review.json")
        files_ = [path / name for name in names] if path.is_dir() else [path]
        for file in files_:
            if path.is_dir() and not file.exists():
                continue
            loaded = parse(file)
            found.append(loaded)
            if isinstance(loaded.data, RegionalInspection):
                entries = [e for e in loaded.data.pdus if e.file is not None]
                found += [Loaded(path=(file.parent / e.file), data=pdu)  # type: ignore[operator]
                          for e, pdu in zip(entries, loaded.pdus.values(), strict=True)]
    return found


def languages(loaded: Loaded, doc: str) -> list[str]:
    """English, and Welsh too for an inspection in Wales where the Welsh template exists.
    Letters go in their addressee's recorded language, or in both as one document if asked."""
    chosen = DOCUMENTS[doc].languages
    if chosen is not None:
        return chosen(loaded)
    langs: list[str] = ["en"]
    region = getattr(loaded.data, "region", None)
    # The national review covers the probation service of England and Wales.
    in_wales = region.in_wales if region else loaded.data.kind == "national-review"
    if in_wales and word.Template(doc, "cy").path.exists():
        langs.append("cy")
    return langs


def all_jobs(loaded: Iterable[Loaded]) -> list[Job]:
    """Every document each input makes, in each of its languages."""
    return [job for ld in loaded for doc in DOCUMENTS.values() if ld.data.kind in doc.input_kinds
            and doc.renderable(ld) for job in jobs_for(ld, [doc.name], languages(ld, doc.name))]
