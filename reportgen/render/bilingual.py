"""One document in two languages: the Welsh edition first, then the English, each part keeping
its own language so that spelling checks and screen readers switch with the text."""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxcompose.composer import Composer

from reportgen.i18n import BCP47
from reportgen.ooxml.objects import element_of
from reportgen.render.postprocess import save


def _mark_language(doc: Document, tag: str) -> None:
    """Set the language on every run of the body, so it survives being appended."""
    for run in doc.element.body.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            run.insert(0, rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)


def _add_english(welsh_paragraph, english_paragraph) -> None:
    """Welsh first, then " / " and the English, as its own run in its own language."""
    if not welsh_paragraph.runs or not english_paragraph.runs:
        return
    first = welsh_paragraph.runs[0]
    english = english_paragraph.runs[0].text.strip()
    first.text = first.text.rstrip() + " / "
    run = copy.deepcopy(element_of(first))
    element_of(first).addnext(run)
    text = run.find(qn("w:t"))
    text.text = english + "    "
    text.set(qn("xml:space"), "preserve")
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), BCP47["en"])
    rpr.append(lang)


def combine(welsh: bytes, english: bytes) -> bytes:
    first = Document(io.BytesIO(welsh))
    second = Document(io.BytesIO(english))
    # The letterhead and the footer run over both parts: give them in both languages.
    for part in ("header", "footer"):
        _add_english(getattr(first.sections[0], part).paragraphs[0],
                     getattr(second.sections[0], part).paragraphs[0])
    _mark_language(second, BCP47["en"])
    first.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    composer = Composer(first)
    composer.append(second)
    props = first.core_properties
    props.title = f"{props.title} / {second.core_properties.title}"
    props.subject = f"{props.subject} / {second.core_properties.subject}"
    props.author = f"{props.author} / {second.core_properties.author}"
    return save(composer.doc)
