"""Formatted narrative: the small vocabulary an inspectorate's reports use inside a paragraph of
findings (bold, italic, line breaks, links) and the lists that paragraph may hold (bulleted and
numbered), kept in the data and written to every edition.

In the data a formatted text is an object, never a string: `{"formatted": "We found <b>three</b>
things:<ul><li>...</li></ul>"}`. A plain string is literal text whatever it holds, so `<b>` typed
into a plain string is four characters and can never turn into formatting. Inside `formatted`
the markup is XML (so `&lt;` is a literal `<`) in this vocabulary only:

    <b>…</b> bold, <i>…</i> italic, <br/> a line break, <a href="https://…">…</a> a link
    (https, http or mailto); <p>…</p> a paragraph, <ul> and <ol> of <li>…</li> a bulleted or
    numbered list. Text outside <p> and the lists is a paragraph of its own.

As in HTML, a run of spaces and line ends is one space, and spaces at the start and end of a
paragraph or list item go. In memory a formatted text is a `Formatted`: a str holding the text as
a reader reads it (so every reader of plain text, such as the Welsh checks and word counts, reads
it as text), with its blocks (`.blocks`) and its markup written one canonical way (`.markup`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

BREAK = "\n"  # the text of a run that is a line break
MAX_MARKUP = 30_000  # characters of markup in one paragraph of narrative
MAX_HREF = 2_000
HREF = re.compile(r"^(?:https?://[^\s<>\"]+|mailto:[^\s<>\"@]+@[^\s<>\"]+)$")
VOCABULARY = ('<b>, <i>, <br/>, <a href="https://…">, <p>, and <ul> or <ol> holding <li> '
              "(as XML: &lt; for a literal <)")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2028\u2029\x85]+")


@dataclass(frozen=True)
class Run:
    """Text with the same formatting throughout; the text "\\n" alone is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    @property
    def is_break(self) -> bool:
        return self.text == BREAK


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Inline


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Inline, ...]


Block = Paragraph | ListBlock
Blocks = tuple[Block, ...]


class MarkupError(ValueError):
    """Markup outside the vocabulary, or not well-formed: what was expected, what was found."""

    def __init__(self, expected: str, found: str) -> None:
        super().__init__(f"expected {expected}; found {found}")
        self.expected, self.found = expected, found


# ---------------------------------------------------------------------------- normal form


def normal_inline(runs: Iterable[Run]) -> Inline:
    """Runs in their one normal form: whitespace collapsed to one space, none at the start or end
    or beside a line break, a break carrying no formatting, neighbours of the same formatting
    joined, empty runs gone."""
    pieces: list[Run] = []
    for run in runs:
        if run.is_break:
            pieces.append(Run(BREAK))
            continue
        text = unicodedata.normalize("NFC", _SPACE.sub(" ", run.text))
        if text:
            pieces.append(replace(run, text=text))
    out: list[Run] = []
    for i, run in enumerate(pieces):
        if run.is_break:
            out.append(run)
            continue
        text = run.text
        before = _previous_text(out)
        if before is None or before.endswith(" "):
            text = text.lstrip(" ")
        after = _next_break_or_end(pieces, i)
        if after:
            text = text.rstrip(" ")
        if text:
            out.append(replace(run, text=text))
    _trim_trailing(out)
    return tuple(_joined(out))


def _previous_text(out: list[Run]) -> str | None:
    """The text just before (None at the start of the paragraph or after a break)."""
    if not out or out[-1].is_break:
        return None
    return out[-1].text


def _next_break_or_end(pieces: list[Run], i: int) -> bool:
    """Whether only spaces stand between run i's end and a break or the paragraph's end."""
    for run in pieces[i + 1:]:
        if run.is_break:
            return True
        if run.text.strip(" "):
            return False
    return True


def _trim_trailing(out: list[Run]) -> None:
    while out and not out[-1].is_break and not out[-1].text.strip(" "):
        out.pop()
    if out and not out[-1].is_break:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))


def _joined(runs: list[Run]) -> Iterator[Run]:
    for key, group in groupby(runs, key=lambda r: (r.is_break, r.bold, r.italic, r.href)):
        items = list(group)
        if key[0]:
            yield from items
        else:
            yield replace(items[0], text="".join(r.text for r in items))


def normal_blocks(blocks: Iterable[Block]) -> Blocks:
    """Blocks in normal form; empty paragraphs and empty list items go, and so does a list left
    with no item."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            runs = normal_inline(block.runs)
            if _has_text(runs):
                out.append(Paragraph(runs))
        else:
            items = tuple(i for i in (normal_inline(item) for item in block.items)
                          if _has_text(i))
            last = out[-1] if out else None
            if items and isinstance(last, ListBlock) and not last.ordered and not block.ordered:
                out[-1] = ListBlock(False, last.items + items)  # two bullet lists read as one
            elif items:
                out.append(ListBlock(block.ordered, items))
    return tuple(out)


def _has_text(runs: Inline) -> bool:
    return any(not r.is_break and r.text.strip() for r in runs)


def is_plain(blocks: Blocks) -> bool:
    """One paragraph with no formatting: what a plain string says."""
    return len(blocks) == 1 and isinstance(blocks[0], Paragraph) and all(
        not r.is_break and not r.bold and not r.italic and r.href is None
        for r in blocks[0].runs)


def plain_blocks(text: str) -> Blocks:
    """A plain string as blocks (literal text: whatever it holds is text)."""
    return normal_blocks([Paragraph((Run(text),))])


# ------------------------------------------------------------------------ text and markup


def links(blocks: Blocks) -> list[str]:
    """Every link's address, in order."""
    inlines: list[Inline] = []
    for block in blocks:
        inlines += [block.runs] if isinstance(block, Paragraph) else list(block.items)
    return [r.href for runs in inlines for r in runs if r.href]


def inline_text(runs: Inline) -> str:
    return "".join(r.text for r in runs)


def text_of(blocks: Blocks) -> str:
    """The text as a reader reads it: a line a paragraph, a line a list item, marked • or 1."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(inline_text(block.runs))
        else:
            for n, item in enumerate(block.items, start=1):
                lines.append(f"{n}. " if block.ordered else "• ")
                lines[-1] += inline_text(item)
    return "\n".join(lines)


def markup_of(blocks: Blocks) -> str:
    """The canonical markup: one paragraph bare, several each in <p>; lists as <ul>/<ol>; a link
    outside bold, bold outside italic."""
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return inline_markup(blocks[0].runs)
    return blocks_markup(blocks, inline_markup)


def blocks_markup(blocks: Blocks, inline: Callable[[Inline], str]) -> str:
    """Paragraphs as <p>, lists as <ul>/<ol>, each run of text written by `inline` (the data's
    markup, or a web page's HTML)."""
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(f"<p>{inline(block.runs)}</p>")
        else:
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{inline(i)}</li>" for i in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
    return "".join(out)


def inline_markup(runs: Inline) -> str:
    out = []
    for href, linked in groupby(runs, key=lambda r: r.href):
        inner = _marked(list(linked))
        out.append(f"<a href={quoteattr(href)}>{inner}</a>" if href else inner)
    return "".join(out)


def _marked(runs: list[Run]) -> str:
    out = []
    for bold, group in groupby(runs, key=lambda r: r.bold):
        inner = "".join(_italic(list(g)) for _, g in groupby(group, key=lambda r: r.italic))
        out.append(f"<b>{inner}</b>" if bold else inner)
    return "".join(out)


def _italic(runs: list[Run]) -> str:
    text = "".join("<br/>" if r.is_break else escape(r.text) for r in runs)
    return f"<i>{text}</i>" if runs and runs[0].italic else text


# ------------------------------------------------------------------------------- parsing

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          remove_comments=False, huge_tree=False)
_INLINE = {"b", "i", "a", "br"}
_BLOCK = {"p", "ul", "ol"}


def parse(markup: str) -> Blocks:
    """The blocks of a formatted text's markup, or MarkupError saying what is wrong."""
    if len(markup) > MAX_MARKUP:
        raise MarkupError(f"markup of at most {MAX_MARKUP:,} characters",
                          f"{len(markup):,} characters")
    try:
        root = etree.fromstring(f"<f>{markup}</f>", _PARSER)
    except etree.XMLSyntaxError as exc:
        raise MarkupError(f"well-formed markup of {VOCABULARY}",
                          _syntax(exc)) from None
    blocks: list[Block] = []
    pending: list[Run] = []

    def flush() -> None:
        if pending:
            blocks.append(Paragraph(tuple(pending)))
            pending.clear()

    _text_into(root.text, pending, Run(""))
    for child in root:
        tag = _tag(child)
        if tag in _BLOCK:
            flush()
            blocks.append(_block(child, tag))
        else:
            pending.extend(_inline(child, Run(""), tag))
        _text_into(child.tail, pending, Run(""))
    flush()
    found = normal_blocks(blocks)
    if not found:
        raise MarkupError("some text", "formatted text with no text in it")
    return found


def _syntax(exc: etree.XMLSyntaxError) -> str:
    """lxml's message, in the terms of the markup as written (not of the element around it)."""
    message = str(exc.msg or exc).split(", line")[0]
    mismatch = re.match(r"Opening and ending tag mismatch: (\w+) line \d+ and (\w+)", message)
    if mismatch:
        opened, closed = mismatch.groups()
        return f"<{opened}> not closed" if closed == "f" else f"<{opened}> closed by </{closed}>"
    column = getattr(exc, "position", (0, 0))[1]
    if message.startswith("xmlParseEntityRef"):
        message = "an & not written &amp;"
    elif message.startswith("xmlParseCharRef"):
        message = "a character reference to a character text cannot hold"
    elif message.startswith("StartTag: invalid element name"):
        message = "a < not written &lt;"
    where = f" near character {max(column - 3, 1)}" if column > 3 else ""
    return f"{message}{where}"


def _tag(el: Any) -> str:
    if not isinstance(el.tag, str):
        kind = "a comment" if el.tag is etree.Comment else "a processing instruction"
        raise MarkupError(f"only {VOCABULARY}", kind)
    if el.tag not in _INLINE | _BLOCK | {"li"}:
        raise MarkupError(f"only {VOCABULARY}", f"the tag <{el.tag}>")
    allowed = {"href"} if el.tag == "a" else set()
    extra = sorted(set(el.attrib) - allowed)
    if extra:
        raise MarkupError(f"<{el.tag}> with {'only href' if allowed else 'no attributes'}",
                          f'<{el.tag} {extra[0]}="…">')
    return el.tag


def _text_into(text: str | None, out: list[Run], style: Run) -> None:
    """Text of the markup as a run: its line ends are spaces (a line break is <br/>)."""
    if text:
        out.append(replace(style, text=_SPACE.sub(" ", text)))


def _inline(el: Any, style: Run, tag: str) -> list[Run]:
    if tag == "li":
        raise MarkupError("<li> only inside <ul> or <ol>", "<li> outside a list")
    if tag in _BLOCK:
        raise MarkupError("a list or paragraph only at the top level, not inside "
                          "<b>, <i>, <a>, <p> or <li>", f"<{tag}> inside another tag")
    if tag == "br":
        if el.text or len(el):
            raise MarkupError("<br/> empty", "text inside <br>")
        return [Run(BREAK)]
    if tag == "b":
        style = replace(style, bold=True)
    elif tag == "i":
        style = replace(style, italic=True)
    else:
        if style.href is not None:
            raise MarkupError("a link not inside another link", "<a> inside <a>")
        style = replace(style, href=_href(el.get("href")))
    out: list[Run] = []
    _text_into(el.text, out, style)
    for child in el:
        out.extend(_inline(child, style, _tag(child)))
        _text_into(child.tail, out, style)
    if tag == "a" and not any(r.text.strip() for r in out if not r.is_break):
        raise MarkupError("a link with text a reader can follow", "an empty <a>")
    return out


def _href(value: str | None) -> str:
    if not value or len(value) > MAX_HREF or not HREF.match(value):
        shown = repr(value[:60]) if value else "no href"
        raise MarkupError("a link to an https://, http:// or mailto: address", shown)
    return value


def _block(el: Any, tag: str) -> Block:
    if tag == "p":
        runs: list[Run] = []
        _text_into(el.text, runs, Run(""))
        for child in el:
            runs.extend(_inline(child, Run(""), _tag(child)))
            _text_into(child.tail, runs, Run(""))
        return Paragraph(tuple(runs))
    if (el.text or "").strip():
        raise MarkupError(f"only <li> inside <{tag}>", f"text inside <{tag}>")
    items = []
    for child in el:
        if _tag(child) != "li":
            raise MarkupError(f"only <li> inside <{tag}>", f"<{child.tag}> inside <{tag}>")
        if (child.tail or "").strip():
            raise MarkupError(f"only <li> inside <{tag}>", f"text inside <{tag}>")
        runs = []
        _text_into(child.text, runs, Run(""))
        for inner in child:
            runs.extend(_inline(inner, Run(""), _tag(inner)))
            _text_into(inner.tail, runs, Run(""))
        if not _has_text(normal_inline(runs)):
            raise MarkupError("text in every list item", "an empty <li>")
        items.append(tuple(runs))
    if not items:
        raise MarkupError(f"at least one <li> in <{tag}>", f"an empty <{tag}>")
    return ListBlock(tag == "ol", tuple(items))


# ------------------------------------------------------------------------- the value


class Formatted(str):
    """A formatted text: as a str, the text a reader reads; `.blocks` and `.markup` hold its
    formatting. Compared with another value only through `.markup` (see `key`)."""

    blocks: Blocks
    markup: str

    def __new__(cls, blocks: Blocks) -> Formatted:
        obj = super().__new__(cls, text_of(blocks))
        obj.blocks = blocks
        obj.markup = markup_of(blocks)
        return obj

    @classmethod
    def from_markup(cls, markup: str) -> Formatted:
        return cls(parse(markup))

    def __reduce__(self) -> tuple:
        return (Formatted.from_markup, (self.markup,))

    def __repr__(self) -> str:
        return f"Formatted({self.markup!r})"


def blocks_of(value: str) -> Blocks:
    """The blocks of any narrative value: a Formatted's own, a plain string's literal text."""
    return value.blocks if isinstance(value, Formatted) else plain_blocks(value)


def value_of(blocks: Blocks) -> str:
    """Blocks as the value the data holds: a plain string when they carry no formatting."""
    blocks = normal_blocks(blocks)
    if not blocks:
        return ""  # an emptied box
    if is_plain(blocks):
        return inline_text(blocks[0].runs)  # type: ignore[union-attr]
    return Formatted(blocks)


def key(value: str) -> tuple[str, str]:
    """What two values are compared by: plain text, or formatted markup (never equal to each
    other, so a plain "<b>x</b>" is not bold x)."""
    if isinstance(value, Formatted):
        return ("formatted", value.markup)
    blocks = plain_blocks(value)
    return ("plain", inline_text(blocks[0].runs) if blocks else "")  # type: ignore[union-attr]


def to_json(value: str) -> Any:
    """The value as the data file writes it."""
    return {"formatted": value.markup} if isinstance(value, Formatted) else str(value)


def from_json(value: Any) -> str:
    """A value of the data file (a string, or {"formatted": markup}) as a str or Formatted;
    MarkupError for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) == {"formatted"} and \
            isinstance(value["formatted"], str):
        return Formatted.from_markup(value["formatted"])
    raise MarkupError('text, or formatted text as {"formatted": "…"}', type(value).__name__)
