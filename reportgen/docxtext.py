"""The text of Word XML as a reader sees it, content controls included.

python-docx's `Paragraph.text` leaves out runs inside an inline content control (w:sdt), and
every narrative segment of a rendered document sits in one, so whatever reads a rendered or
edited document reads its text through here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn

_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
         qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}
_SKIPPED = {qn("w:del"), qn("w:instrText"), qn("w:delText")}  # deleted text, field codes


def text_of(element: Any) -> str:
    """The text of any element (a paragraph, a cell, a content control), deleted text and field
    codes left out."""
    return "".join(_pieces(element))


def _pieces(element: Any) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag in _TEXT:
            yield (child.text or "") if tag == qn("w:t") else _TEXT[tag]  # type: ignore[misc]
        else:
            yield from _pieces(child)


def paragraph_text(paragraph: Any) -> str:
    """A python-docx Paragraph's text, or a w:p element's."""
    return text_of(getattr(paragraph, "_p", paragraph))


def cell_text(cell: Any) -> str:
    """A table cell's text, its paragraphs joined by newlines (as python-docx's Cell.text)."""
    return "\n".join(text_of(p) for p in cell._tc.iter(qn("w:p")))
