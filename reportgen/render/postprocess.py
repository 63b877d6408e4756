"""After rendering: the one place that sets a document's language, title and subject, marks
table header rows to repeat, makes sure every picture has alt text, and stamps a tracked
report's edition with what it was made from (custom properties, which Word and LibreOffice
keep), so that an edited copy can be read back against it."""

from __future__ import annotations

import io
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reportgen.errors import RenderError
from reportgen.i18n import BCP47
from reportgen.model import Language


def finish(docx: bytes, lang: Language, title: str, subject: str, keywords: str = "",
           stamp: Mapping[str, str] | None = None) -> bytes:
    doc = Document(io.BytesIO(docx))
    set_document_language(doc, BCP47[lang])
    props = doc.core_properties
    props.title, props.subject, props.language = title, subject, BCP47[lang]
    props.author = "HM Inspectorate of Probation"
    props.keywords = keywords
    for table in doc.tables:
        _repeat_header(table.rows[0])
    _alt_text(doc)
    if stamp:
        set_custom_properties(doc, stamp)
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


CUSTOM_PROPERTIES = "/docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one Word gives user-defined properties


def set_custom_properties(doc: Document, values: Mapping[str, str]) -> None:
    """Write the document's custom properties (File > Properties > Custom in Word)."""
    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
           f'xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{props}</Properties>').encode()
    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(rel.rId)
    package.relate_to(Part(PackURI(CUSTOM_PROPERTIES), _CUSTOM_TYPE, xml, package),
                      RT.CUSTOM_PROPERTIES)
