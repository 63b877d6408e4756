"""After rendering: the one place that sets a document's language, title and subject, marks
table header rows to repeat, and makes sure every picture has alt text."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.errors import RenderError
from reportgen.i18n import BCP47
from reportgen.model import Language


def finish(docx: bytes, lang: Language, title: str, subject: str, keywords: str = "") -> bytes:
    doc = Document(io.BytesIO(docx))
    set_document_language(doc, BCP47[lang])
    props = doc.core_properties
    props.title, props.subject, props.language = title, subject, BCP47[lang]
    props.author = "HM Inspectorate of Probation"
    props.keywords = keywords
    for table in doc.tables:
        _repeat_header(table.rows[0])
    _alt_text(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def set_document_language(doc: Document, tag: str) -> None:
    """The language of every run unless a style says otherwise: spelling checks and the PDF's
    /Lang follow it."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        el.set(qn(attr), tag)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:tblHeader")) is None:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trpr.append(el)


def _alt_text(doc: Document) -> None:
    for i, pr in enumerate(doc.element.body.iter(qn("wp:docPr")), start=1):
        alt = (pr.get("descr") or "").strip()
        if not alt or alt.lower().endswith((".png", ".jpg", ".jpeg")):
            raise RenderError(f"picture {i} has no alt text")
