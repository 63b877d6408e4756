"""The text a reader sees in Word's XML: one rule for every reader (reading an edited document
back, the statistics check, the factual accuracy form, the redline, the accessibility and Welsh
checks).

- Text in content controls (inline or block), inserted text and links counts; deleted and
  moved-away text, and the fallback copy of alternate content, do not.
- A field's instruction is never text. Its result is, except for fields Word computes as it lays
  the document out or opens it (page numbers, the contents, cross-references to pages, caption
  numbers, dates): those differ between one opening and the next, so no reader compares them.
- A tab reads as "\\t", a line break as "\\n", a non-breaking hyphen as "-", a soft hyphen as
  nothing. Text boxes inside a paragraph are the paragraph's, after its own text, unless the
  reader asks for them apart (`pieces`).

Complex fields (w:fldChar begin … separate … end) may span runs and paragraphs, so their state
(`Fields`) is kept by the caller across a story and handed to each call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportgen.ooxml.names import MC, NS, qn

# Fields whose result Word computes on layout or opening (the first word of the instruction).
COMPUTED_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "TOC", "SEQ", "NOTEREF", "DATE", "TIME",
    "PRINTDATE", "SAVEDATE", "CREATEDATE", "EDITTIME", "NUMWORDS", "NUMCHARS"})

T, DEL_TEXT, INSTR = qn("w:t"), qn("w:delText"), qn("w:instrText")
FLD_CHAR, FLD_SIMPLE, TXBX = qn("w:fldChar"), qn("w:fldSimple"), qn("w:txbxContent")
DOC_PR = f"{{{NS['wp']}}}docPr"
CHARACTERS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
              qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}
# What holds nothing a reader sees: deleted or moved-away text, the fallback copy of
# alternate content (its Choice is read), properties.
NOT_SEEN = frozenset({qn("w:del"), qn("w:moveFrom"), DEL_TEXT, f"{{{MC}}}Fallback",
                      qn("w:rPr"), qn("w:pPr"), qn("w:sdtPr"), qn("w:sdtEndPr"),
                      qn("w:tblPr"), qn("w:trPr"), qn("w:tcPr")})


def computed(instruction: str) -> bool:
    """Whether a field with this instruction has a result Word computes on its own."""
    return instruction.strip().split(" ", 1)[0].upper() in COMPUTED_FIELDS


@dataclass
class Fields:
    """The complex fields open at a point of a story: each its instruction and whether its
    result has begun."""

    open: list[list[Any]] = field(default_factory=list)  # [instruction, in result]

    def step(self, el: Any) -> None:
        """Follow a w:fldChar or w:instrText."""
        if el.tag == INSTR:
            if self.open and not self.open[-1][1]:
                self.open[-1][0] += el.text or ""
            return
        kind = el.get(qn("w:fldCharType"))
        if kind == "begin":
            self.open.append(["", False])
        elif kind == "separate" and self.open:
            self.open[-1][1] = True
        elif kind == "end" and self.open:
            self.open.pop()

    @property
    def hidden(self) -> bool:
        """Whether text here is not seen: a field's instruction, or a computed field's result."""
        return any(not in_result or computed(instr) for instr, in_result in self.open)


@dataclass
class TextBox:
    content: Any  # the w:txbxContent


@dataclass
class Picture:
    alt: str


def pieces(element: Any, fields: Fields | None = None) -> list[str | TextBox | Picture]:
    """What a reader sees in `element`'s children, in order: text, text boxes, pictures (by
    their alt text)."""
    out: list[str | TextBox | Picture] = []
    _collect(element, fields if fields is not None else Fields(), out)
    return out


def _collect(element: Any, fields: Fields, out: list[str | TextBox | Picture]) -> None:
    # Appending to one list, not nested generators: the statistics check reads every
    # paragraph of every edition through here.
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in NOT_SEEN:
            continue
        if tag == T:
            if child.text and not (fields.open and fields.hidden):
                out.append(child.text)
        elif tag in CHARACTERS:
            if not (fields.open and fields.hidden):
                out.append(CHARACTERS[tag])
        elif tag in (FLD_CHAR, INSTR):
            fields.step(child)
        elif tag == FLD_SIMPLE:
            if not computed(child.get(qn("w:instr")) or ""):
                _collect(child, fields, out)
        elif tag == TXBX:
            out.append(TextBox(child))
        elif tag == DOC_PR:
            out.append(Picture(child.get("descr") or child.get("title") or ""))
        else:
            _collect(child, fields, out)


def visible_text(element: Any, fields: Fields | None = None) -> str:
    """The text a reader sees in an element (a paragraph, a cell, a content control, a run), its
    text boxes' text after its own."""
    own: list[str] = []
    boxes: list[str] = []
    for piece in pieces(element, fields):
        if isinstance(piece, str):
            own.append(piece)
        elif isinstance(piece, TextBox):
            boxes.append("\n".join(visible_text(p) for p in piece.content.iter(qn("w:p"))))
    return "\n".join(["".join(own), *boxes]) if boxes else "".join(own)


def paragraph_text(paragraph: Any) -> str:
    """A python-docx Paragraph's text (or a w:p element's) as a reader sees it."""
    return visible_text(getattr(paragraph, "_element", paragraph))


def cell_text(cell: Any) -> str:
    """A table cell's text, its paragraphs joined by newlines (as python-docx's Cell.text)."""
    tc = getattr(cell, "_element", cell)
    fields = Fields()
    return "\n".join(visible_text(p, fields) for p in tc.iter(qn("w:p")))
