"""From checked input to files on disk: build the context, render, post-process, write
atomically, then convert the whole batch to PDF in one LibreOffice process."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.convert import pdf
from reportgen.documents import DOCUMENTS, DocumentType
from reportgen.documents.common import Edition
from reportgen.errors import RenderError
from reportgen.loading import Loaded, parse
from reportgen.model import Language, RegionalInspection
from reportgen.render import postprocess, word

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Job:
    doc: DocumentType
    loaded: Loaded
    lang: Language

    @property
    def stem(self) -> str:
        return f"{self.doc.stem(self.loaded)}.{self.lang}"


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary name beside `path`, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_docx(job: Job, draft: bool = False) -> bytes:
    ed = Edition(job.lang, draft=draft)
    context = job.doc.build(job.loaded, ed)
    ed.check_complete()
    body = word.render(word.Template(job.doc.name, job.lang), context)
    return postprocess.finish(body, job.lang, context["title"], context["subject"],
                              context.get("keywords", ""))


def jobs_for(loaded: Loaded, docs: Sequence[str], langs: Sequence[Language]) -> list[Job]:
    out = []
    for name in docs:
        doc = DOCUMENTS[name]
        if doc.input_kind != loaded.data.kind:
            raise RenderError(f"{loaded.path}: a {name} is made from a {doc.input_kind} file, "
                              f"not a {loaded.data.kind} file")
        out += [Job(doc, loaded, lang) for lang in langs]
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
    rendered = []
    for job in jobs:
        rendered.append((out / f"{job.stem}.docx", render_docx(job, draft)))
        progress(f"{job.stem}.docx")
    written: list[Path] = []
    if "docx" in formats:
        for path, content in rendered:
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
        files = [path / name for name in ("region.json", "plan.json")] if path.is_dir() else [path]
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


def languages(loaded: Loaded, doc: str) -> list[Language]:
    """English, and Welsh too for an inspection in Wales where the Welsh template exists."""
    langs: list[Language] = ["en"]
    if loaded.data.region.in_wales and word.Template(doc, "cy").path.exists():
        langs.append("cy")
    return langs


def all_jobs(loaded: Iterable[Loaded]) -> list[Job]:
    """Every document each input makes, in each of its languages."""
    return [job for ld in loaded for doc in DOCUMENTS.values() if doc.input_kind == ld.data.kind
            for job in jobs_for(ld, [doc.name], languages(ld, doc.name))]
