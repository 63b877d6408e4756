"""A Word document as a package: whether some bytes are one, its XML parts, its language and
its custom properties (File > Properties > Custom in Word, which Word and LibreOffice keep: the
stamp that names the report and data version an edition was made from)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

CUSTOM_PROPERTIES = "/docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one Word gives user-defined properties
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def names(content: bytes) -> set[str]:
    """The names of a zip package's parts; none if the bytes are not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return set(z.namelist())
    except zipfile.BadZipFile:
        return set()


def is_word(content: bytes) -> bool:
    """Whether the bytes are a Word document (a package with a main document part)."""
    return "word/document.xml" in names(content)


def is_workbook(content: bytes) -> bool:
    return "xl/workbook.xml" in names(content)


def xml_parts(content: bytes) -> dict[str, bytes]:
    """The XML parts (and relationships) of a package, by name."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def language(doc: Any) -> str | None:
    """A python-docx Document's language as "en" or "cy" (or its primary tag)."""
    tag = doc.core_properties.language or ""
    return {"en-GB": "en", "cy-GB": "cy"}.get(tag, tag.split("-")[0] or None)


def title(content: bytes) -> str:
    """A document's title (File > Properties), read from its core properties part alone."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        try:
            xml = z.read("docProps/core.xml")
        except KeyError:
            return ""
    found = etree.fromstring(xml, PARSER).find("{http://purl.org/dc/elements/1.1/}title")
    return (found.text or "").strip() if found is not None else ""


def custom_properties(content: bytes) -> dict[str, str]:
    """A document's custom properties, by name."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        try:
            xml = z.read(CUSTOM_PROPERTIES.lstrip("/"))
        except KeyError:
            return {}
    root = etree.fromstring(xml, PARSER)
    return {p.get("name"): "".join(p.itertext()) for p in root if p.get("name")}


def set_custom_properties(doc: Any, values: Mapping[str, str]) -> None:
    """Write a python-docx Document's custom properties, replacing any it had."""
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
