"""A converted PDF's metadata, as its Word document states it.

LibreOffice's PDF export escapes the title twice in the XMP packet (a Welsh title's "a'r" reaches
catalogues and Acrobat as "a&apos;r") and splits the keywords word by word ("Caerdydd, a'r,
Fro"). The document information and the XMP packet are written again here from the Word
document's core properties: the title, subject and keyword list exactly as the document holds
them, and its language."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
from lxml import etree

CORE = "docProps/core.xml"
NS = {"dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}


def core_properties(docx: Path) -> dict[str, str]:
    """The title, subject, keywords and language a Word document states (those it has)."""
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read(CORE), etree.XMLParser(resolve_entities=False,
                                                              no_network=True))
    found = {}
    for key, path in (("title", "dc:title"), ("subject", "dc:subject"),
                      ("keywords", "cp:keywords"), ("language", "dc:language")):
        element = root.find(path, NS)
        if element is not None and (element.text or "").strip():
            found[key] = element.text.strip()
    return found


def restate(docx: Path, pdf: Path) -> None:
    """Write the Word document's title, subject, keywords and language into the PDF's
    document information and XMP metadata, replacing what LibreOffice wrote."""
    props = core_properties(docx)
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            if "title" in props:
                meta["dc:title"] = props["title"]
            if "subject" in props:
                meta["dc:description"] = props["subject"]
            if "keywords" in props:
                meta["pdf:Keywords"] = props["keywords"]
        info = document.docinfo
        for key, name in (("title", "/Title"), ("subject", "/Subject"),
                          ("keywords", "/Keywords")):
            if key in props:
                info[name] = props[key]
        if "language" in props:
            document.Root.Lang = props["language"]
        document.save(pdf)
