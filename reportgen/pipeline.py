"""From checked input to files on disk: build the context, render, post-process, write
atomically, then convert the whole batch to PDF in one LibreOffice process."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.convert import pdf
from reportgen.documents import DOCUMENTS, DocumentType, Variant
from reportgen.documents import workbook as workbook_spec
from reportgen.documents.common import Edition
from reportgen.errors import RenderError, a
from reportgen.files import write_atomically
from reportgen.loading import Loaded, parse
from reportgen.model import Language, RegionalInspection
from reportgen.render import bilingual, ical, postprocess, web, word, workbook

FORMATS = ("docx", "pdf", "html", "xlsx")
PUBLICATION_FORMATS = ("html", "xlsx")  # the web edition and the data workbook of a report


BILINGUAL = "cy+en"  # one document: the Welsh edition, then the English, in equal styling


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


def render_docx(job: Job, draft: bool = False) -> bytes:
    return render_files(job, draft)[".docx"]


def render_files(job: Job, draft: bool = False,
                 formats: Sequence[str] = ()) -> dict[str, bytes]:
    """The document as .docx bytes, its attachments (an .ics) and, for a report, its web
    edition (.html) and data workbook (.xlsx) if asked, by suffix."""
    if job.lang == BILINGUAL:
        welsh, english = (render_files(replace(job, lang=lang), draft) for lang in ("cy", "en"))
        return {**english, **welsh, ".docx": bilingual.combine(welsh[".docx"],
                                                               english[".docx"])}
    ed = Edition(job.lang, draft=draft)  # type: ignore[arg-type]
    context = job.doc.build(job.loaded, ed, job.variant.key)
    ed.check_complete()
    body = word.render(word.Template(job.doc.name, ed.lang), context)
    files = {".docx": postprocess.finish(body, ed.lang, context["title"], context["subject"],
                                         context.get("keywords", ""),
                                         dict(job.stamp) | _published(context),
                                         draft=ed.draft_notice())}
    if job.doc.attachments:
        files |= {suffix: ical.calendar(spec)
                  for suffix, spec in job.doc.attachments(job.loaded, ed, job.variant.key).items()}
    if job.doc.publication and "html" in formats:
        other = other_language(job)
        files[".html"] = web.render(context, ed.lang, other)
    if job.doc.publication and "xlsx" in formats:
        files[".xlsx"] = workbook.write(workbook_spec.build(job.loaded, ed, context["title"]))
    return files


def _published(context: dict) -> dict[str, str]:
    """A published report says so, and on what day, in its properties as on its cover."""
    day = context.get("published_on")
    return {"Publication date": day} if day else {}


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


def run(jobs: Iterable[Job], out: Path, formats: Sequence[str], draft: bool = False,
        progress: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Render every job to DOCX, then (if asked) convert them all to PDF in one batch.

    Every document is rendered in memory before any is written, so an error in one writes
    nothing; each file is then written atomically."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise RenderError(f"unknown format(s) {', '.join(sorted(unknown))}: "
                          f"choose from {', '.join(FORMATS)}")
    jobs = list(jobs)
    stems = [job.stem for job in jobs]
    clashes = sorted({s for s in stems if stems.count(s) > 1})
    if clashes:
        raise RenderError("two inputs would write the same file(s): " + ", ".join(clashes)
                          + "; render them to different folders")
    rendered, attached = [], []
    for job in jobs:
        files = render_files(job, draft, formats)
        rendered.append((out / f"{job.stem}.docx", files.pop(".docx")))
        attached += [(out / f"{job.stem}{suffix}", content) for suffix, content in files.items()]
        progress(f"{job.stem}.docx")
    written: list[Path] = []
    for path, content in ([*rendered, *attached] if "docx" in formats else attached):
        write_atomically(path, content)
        written.append(path)
    if "pdf" in formats and rendered:
        with tempfile.TemporaryDirectory(prefix="reportgen-") as tmp:
            sources = []
            for path, content in rendered:
                source = Path(tmp) / path.name
                source.write_bytes(content)
                sources.append(source)
            written += pdf.convert(sources, out, progress=progress)
    return written


def inputs(paths: Iterable[Path]) -> list[Loaded]:
    """Every inspection to render from files and region folders (region.json with its PDU
    files, plan.json), checked before anything is rendered."""
    found: list[Loaded] = []
    for path in paths:
        names = ("region.json", "plan.json", "national-review.json")
        files = [path / name for name in names] if path.is_dir() else [path]
        for file in files:
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
    if doc == "announcement-letter":
        rpd = loaded.data.contacts.regional_probation_director  # type: ignore[union-attr]
        return [BILINGUAL] if rpd.bilingual else [rpd.language]
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
            and _renderable(ld, doc) for job in jobs_for(ld, [doc.name], languages(ld, doc.name))]


def _renderable(loaded: Loaded, doc: DocumentType) -> bool:
    # A panel summary needs the panel's record; render-all skips inspections without one.
    return doc.name != "panel-summary" or getattr(loaded.data, "panel", None) is not None
