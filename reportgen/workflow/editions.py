"""Every edition of a tracked report is made from one version of its data, never edited apart
from it: the English and Welsh Word documents kept with each data version, and the PDF, web
edition and workbook made again from the data version held when the report is published. So no
two editions can disagree."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportgen import pipeline, readback
from reportgen.bundle import Bundle
from reportgen.convert import pdf
from reportgen.documents import report_for
from reportgen.errors import InputError, Problem, RenderError
from reportgen.ooxml import package
from reportgen.reading import Loaded
from reportgen.workflow.store import NewData, NewVersion, Store

REPORT_PROPERTY = "reportgen.report"
VERSION_PROPERTY = "reportgen.data-version"
SHA_PROPERTY = "reportgen.data-sha256"


def label(report_id: str, number: int) -> str:
    return f"{report_id}, data version {number}"


def held(store: Store, report_id: str, number: int | None = None) -> tuple[int, Bundle]:
    """A data version (the one held, the latest, by default): its number and the data."""
    row = store.data(report_id, number)
    return row.number, Bundle.from_json(row.content)


def new_data(bundle: Bundle, number: int, note: str) -> NewData:
    return NewData(number, bundle.to_json(), bundle.sha256, note)


def jobs(loaded: Loaded, doc: str, report_id: str, number: int, sha: str,
         langs: Sequence[str] | None = None) -> list[pipeline.Job]:
    """The report's editions, each stamped with the data version it is made from."""
    stamp = ((REPORT_PROPERTY, report_id), (VERSION_PROPERTY, str(number)), (SHA_PROPERTY, sha))
    chosen = langs or pipeline.languages(loaded, doc)
    return [pipeline.Job(j.doc, j.loaded, j.lang, j.variant, stamp)
            for j in pipeline.jobs_for(loaded, [doc], chosen)]


def documents(bundle: Bundle, doc: str, report_id: str, number: int) -> list[NewVersion]:
    """The Word edition in each language of a data version, to keep with it. A Welsh edition
    whose narrative is not all translated yet is kept as a draft, its gaps marked."""
    loaded = bundle.load(label(report_id, number))
    found = []
    for job in jobs(loaded, doc, report_id, number, bundle.sha256):
        try:
            content = pipeline.render_docx(job)
        except RenderError:
            if job.lang == "en":
                raise
            content = pipeline.render_docx(job, draft=True)
        found.append(NewVersion(str(job.lang), f"{job.stem}.docx", content, data_version=number))
    return found


def files(store: Store, report_id: str, lang: str, formats: Sequence[str] = ("html", "xlsx"),
          number: int | None = None) -> dict[str, bytes]:
    """The web edition and workbook (or other formats) of one language of a data version (the
    one held by default), made from it as publishing makes them; by suffix."""
    doc = store.report(report_id).doc
    number, bundle = held(store, report_id, number)
    loaded = bundle.load(label(report_id, number))
    [job] = jobs(loaded, doc, report_id, number, bundle.sha256, [lang])
    return pipeline.render_files(job, formats=formats)


def download(store: Store, report_id: str, number: int, version: Any, fmt: str) -> bytes:
    """An edition of data version `number` to download: the Word document kept with it, or the
    PDF, web edition or workbook made from it once and kept (made again only if the Word
    edition it was made from changed)."""
    content = store.content(report_id, version.id)
    if fmt == "docx":
        return content
    kept = store.rendition(report_id, number, version.lang, fmt, version.sha256)
    if kept is not None:
        return kept
    if fmt == "pdf":
        with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as folder:
            source = Path(folder) / f"{report_id}.{version.lang}.docx"
            source.write_bytes(content)
            [made] = pdf.convert([source], Path(folder))
            made_content = made.read_bytes()
    else:
        made_content = files(store, report_id, version.lang, [fmt], number)[f".{fmt}"]
    store.keep_rendition(report_id, number, version.lang, fmt, version.sha256, made_content)
    return made_content


def changes_against_data(bundle: Bundle, content: bytes, source: str,
                         accept_tracked: bool = False) -> list[readback.Change]:
    """The changes an edited report makes to data not (yet) tracked: read against the edition
    the data makes now, in the edited document's language."""
    edited = readback.read(content, source, accept_tracked)
    loaded = bundle.load()
    doc = report_for(loaded.data.kind)
    if doc is None:
        raise InputError([Problem("$.kind", "a PDU or regional inspection (a report's data)",
                                  loaded.data.kind, source=bundle.main)])
    [job] = pipeline.jobs_for(loaded, [doc], [edited.lang or "en"])
    base = readback.read(pipeline.render_docx(job, draft=edited.lang == "cy"), bundle.main)
    return readback.compare(base, edited, source)


_TITLES: dict[str, str] = {}  # by the edition's checksum: an edition kept never changes


def title(store: Store, report_id: str, lang: str = "en") -> str:
    """The report's title as its edition of the data version held gives it (its id if there
    is none in that language)."""
    held = store.latest(report_id, lang, data_version=store.held_number(report_id))
    if held is None:
        return report_id
    if held.sha256 not in _TITLES:
        if len(_TITLES) > 1000:
            _TITLES.clear()
        _TITLES[held.sha256] = package.title(store.content(report_id, held.id)) or report_id
    return _TITLES[held.sha256]
