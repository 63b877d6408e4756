"""Word content controls around narrative from the data.

Each piece of narrative the template prints becomes a content control (w:sdt) whose tag is the
narrative's address in the data ($.foreword[0]), titled for the editor, and locked against
deletion (its text stays editable). Word and LibreOffice keep the tag when they save, so the
edited document can be read back into the data (reportgen.readback).

A name, a title or a statement is a plain-text control. A paragraph of findings (narrative that
may be formatted) is a rich-text control holding its formatting; printed alone in its paragraph
and holding more than one paragraph (a list, say), it takes as many paragraphs, each with a
control of the same tag. Not one block-level control around them: LibreOffice 25.2 keeps such a
control only as an inline one in its first paragraph (and then draws a link in it over the whole
paragraph), and python-docx's readers do not see inside one. A paragraph an editor adds after a
segment's is read back as the segment's (reportgen.readback)."""

from __future__ import annotations

import copy
import re
import zlib
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document
from docx.oxml.ns import qn

from reportgen.documents.bound import Bound, split_address
from reportgen.model.formatted import Paragraph, links
from reportgen.render import wordformat


def braces_kept(xml: str) -> str:
    """XML text (or a quoted attribute) with its braces as character references: docxtpl turns
    "{_{", "}_}", "{_%" and "%_}" in the rendered XML into template braces, and text from the
    data must come out as it was written."""
    return xml.replace("{", "&#123;").replace("}", "&#125;")


# The one way this module's controls are told from any other content control in a document.
TAG_PATTERN = re.compile(r"^(?:[^#]+#)?\$")


class Ids:
    """Content control ids for one rendering: unique in the document (a bilingual letter joins
    two renderings, so the language is part of each id) and the same on every rendering."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.count = 0
        self.formatted: dict[str, Bound] = {}  # by control id: the values written in tidy

    def next(self, path: str) -> int:
        self.count += 1
        return zlib.crc32(f"{self.lang}|{path}|{self.count}".encode()) & 0x7FFFFFFF


def label(path: str) -> str:
    """What Word shows on the control: $.domain_one["P 1.1"].strengths[0] -> "domain one, P 1.1,
    strengths 1"."""
    file, json_path = split_address(path)
    parts = re.findall(r'\.([A-Za-z_]\w*)|\["((?:[^"\\\\]|\\\\.)*)"\]|\[(\d+)\]', json_path)
    words = [name.replace("_", " ") if name else key or str(int(index) + 1)
             for name, key, index in parts]
    shown = ", ".join(w for w in words if w not in ("en", "cy"))
    return f"{file}: {shown}" if file else shown


class ContentControl:
    """What docxtpl prints for a Bound value: the run closed, the control, a run reopened (as
    docxtpl's own InlineImage does)."""

    def __init__(self, text: Bound, ids: Ids) -> None:
        self.text, self.ids = text, ids

    def __html__(self) -> str:
        path = self.text.path
        number = self.ids.next(path)
        # Formatted text is written in `tidy`, where the run and paragraph around it are known.
        text = "" if self.text.formatted is not None else braces_kept(escape(str(self.text)))
        if self.text.formatted is not None:
            self.ids.formatted[str(number)] = self.text
        return ("</w:t></w:r><w:sdt><w:sdtPr>"
                f"<w:alias w:val={braces_kept(quoteattr(label(path)))}/>"
                f"<w:tag w:val={braces_kept(quoteattr(path))}/>"
                f'<w:id w:val="{number}"/><w:lock w:val="sdtLocked"/>'
                + ("" if self.text.rich else '<w:text w:multiLine="1"/>')
                + '</w:sdtPr><w:sdtContent><w:r>'
                f'<w:t xml:space="preserve">{text}</w:t></w:r>'
                '</w:sdtContent></w:sdt><w:r><w:t xml:space="preserve">')

    __str__ = __html__


class ForeignRun:
    """What docxtpl prints for text in another language than the document's: a run of its own,
    its language marked (the formatting of the run it was printed in is added by `tidy`)."""

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang = text, lang

    def __html__(self) -> str:
        return (f'</w:t></w:r><w:r><w:rPr><w:lang w:val={quoteattr(self.lang)}/></w:rPr>'
                f'<w:t xml:space="preserve">{braces_kept(escape(self.text))}</w:t></w:r>'
                '<w:r><w:t xml:space="preserve">')

    __str__ = __html__


def ours(sdt) -> str | None:
    """The address a content control of this module carries, or None for any other control."""
    tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
    value = tag.get(qn("w:val")) if tag is not None else None
    return value if value and TAG_PATTERN.match(value) else None


def tidy(doc: Document, ids: Ids | None = None) -> None:
    """After rendering: each control's text, and each run marked as another language's, takes
    the formatting of the run it was printed in, and the empty runs left either side go;
    formatted text is written in that formatting (a segment of several paragraphs alone in its
    paragraph: a block-level control)."""
    formatted = ids.formatted if ids is not None else {}
    numbering = wordformat.Numbering(doc)
    for part in _story_parts(doc):
        for lang in list(part.element.iter(qn("w:lang"))):
            run = lang.getparent().getparent()
            before = run.getprevious()
            if lang.getparent().index(lang) != 0 or len(lang.getparent()) != 1 or \
                    before is None or before.tag != qn("w:r"):
                continue  # not a run this module printed
            rpr = before.find(qn("w:rPr"))
            for child in rpr if rpr is not None else ():
                if child.tag != qn("w:lang"):
                    lang.addprevious(copy.deepcopy(child))
            for neighbour in (before, run.getnext()):
                if neighbour is not None and _empty_run(neighbour):
                    neighbour.getparent().remove(neighbour)
        for sdt in list(part.element.iter(qn("w:sdt"))):
            if ours(sdt) is None:
                continue
            before = sdt.getprevious()
            rpr = before.find(qn("w:rPr")) if before is not None and before.tag == qn("w:r") \
                else None
            for run in sdt.iter(qn("w:r")):
                if rpr is not None and run.find(qn("w:rPr")) is None:
                    run.insert(0, copy.deepcopy(rpr))
            for neighbour in (before, sdt.getnext()):
                if neighbour is not None and _empty_run(neighbour):
                    neighbour.getparent().remove(neighbour)
            value = formatted.get(sdt.find(f"{qn('w:sdtPr')}/{qn('w:id')}").get(qn("w:val")))
            if value is not None and value.formatted is not None:
                _write(sdt, value.formatted.blocks, rpr, part, numbering)
    if formatted:
        wordformat.ensure_link_style(doc)


def _write(sdt, blocks, context, part, numbering: wordformat.Numbering) -> None:
    """Formatted text into its control: runs; or, alone in its paragraph and more than one
    paragraph, paragraphs in place of that one, each with a control of the same tag (only the
    first locked, so that a list item can be deleted whole)."""
    content = sdt.find(qn("w:sdtContent"))
    p = sdt.getparent()
    alone = p.tag == qn("w:p") and all(
        child is sdt or child.tag == qn("w:pPr") for child in p)
    one = len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    if one or not alone:
        inline = blocks[0].runs if one else wordformat.flattened(blocks)
        content[:] = wordformat.runs(inline, context, part)
        if links(blocks):
            _untitled(sdt)  # its tag still names its place in the data
        return
    in_list = numbering.styles.list_of(p) is not None
    for n, new in enumerate(wordformat.paragraphs(blocks, p, context, part, numbering,
                                                  in_list)):
        control = copy.deepcopy(sdt)
        if n:
            lock = control.find(f"{qn('w:sdtPr')}/{qn('w:lock')}")
            lock.getparent().remove(lock)
        runs = [child for child in new if child.tag != qn("w:pPr")]
        control.find(qn("w:sdtContent"))[:] = runs
        if any(r.tag == qn("w:hyperlink") for r in runs):
            _untitled(control)
        new.append(control)
        p.addprevious(new)
    p.getparent().remove(p)


def _untitled(sdt) -> None:
    """LibreOffice 25.2 cannot open a document whose titled control holds a link."""
    alias = sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}")
    if alias is not None:
        alias.getparent().remove(alias)


def _empty_run(el) -> bool:
    return el.tag == qn("w:r") and all(
        child.tag == qn("w:rPr") or (child.tag == qn("w:t") and not child.text) for child in el)


def _story_parts(doc: Document) -> list:
    """The body, headers and footers: every part that holds text."""
    parts = [doc.part]
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            parts.append(rel.target_part)
    return parts
