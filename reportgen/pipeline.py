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
from reportgen.loading import Loaded
from reportgen.model import Language
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
    """Render every job to DOCX, then (if asked) convert them all to PDF in one batch."""
    written: list[Path] = []
    docx_paths = []
    for job in jobs:
        content = render_docx(job, draft)
        path = out / f"{job.stem}.docx"
        write_atomically(path, content)
        docx_paths.append(path)
        if "docx" in formats:
            written.append(path)
        progress(path.name)
    if "pdf" in formats and docx_paths:
        written += pdf.convert(docx_paths, out, progress=progress)
    if "docx" not in formats:
        for path in docx_paths:
            path.unlink()
    return written
