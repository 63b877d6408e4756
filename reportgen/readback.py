"""Reading an edited Word edition back into the data.

An edition handed out for editing holds each narrative segment in a content control tagged with
its address in the data (reportgen.render.controls) and names, in its custom properties, the
report and data version it was made from. Read against that edition as it was handed out, an
edited copy gives each segment whose text or formatting changed (a change to the data), or
refusals that each name their place and say what to do:

- tracked changes not yet accepted or rejected (those that change nothing a reader sees, such as
  an empty paragraph LibreOffice marks inserted at the end, are taken as accepted), and comments
  left open;
- a content control deleted or duplicated;
- fixed wording or a figure edited (a figure placed by its table, row and column): the
  template's wording is the template's, and figures are made from the data;
- inside a box, anything outside the vocabulary formatted text can hold (a table, a picture, a
  tab, a page break, underlining, a colour, another style; reportgen.model.formatted).

A segment printed alone in its paragraph owns that paragraph whole (text typed or pasted beside
its control included) and the paragraphs an editor adds after it, up to the next box or the next
piece of fixed wording; so a list made or pasted there is the segment's list. Nothing an editor
changes in the document reads back as no change: the text, formatting and pictures of the fixed
wording are compared as well as the boxes.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from reportgen.bundle import AddressError, Bundle
from reportgen.errors import InputError, Problem
from reportgen.jsonpath import keys_of, split_address
from reportgen.model import formatted
from reportgen.model.formatted import Block, ListBlock, Paragraph
from reportgen.ooxml import package
from reportgen.ooxml.text import Fields, visible_text
from reportgen.ooxml.upload import check_docx
from reportgen.render import wordformat
from reportgen.render.controls import label, ours

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
TRACKED = {qn(f"w:{t}") for t in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange",
                                  "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange")}
MAX_SHOWN = 12  # refusals listed in full before "and N more"
KEEP = ("only bold, italic, line breaks, lists and links (the house style sets the rest)")


class EditsRefused(InputError):
    """An edited document that cannot be read back, with every reason."""


@dataclass
class Element:
    """A paragraph (or a table, `kind` "table") of an edition as reading back sees it."""

    kind: str
    container: str  # the body, a header, a table cell: where paragraphs follow one another
    where: str
    wording: str = ""  # the fixed wording, each box shown ⟦address⟧; a table: its first row
    key: tuple = ()  # what two fixed paragraphs are compared by: text and how it looks
    controls: list[str] = field(default_factory=list)  # this module's inline boxes, in order
    block: str | None = None  # the block-level box it is inside
    whole: wordformat.Found = field(default_factory=wordformat.Found)  # every run in it
    boxes: dict[str, wordformat.Found] = field(default_factory=dict)
    rich: dict[str, bool] = field(default_factory=dict)  # a box takes formatting
    listed: tuple[bool, int, str] | None = None
    style: str = ""
    looks: list[str] = field(default_factory=list)  # the paragraph's own, outside the vocabulary
    table: str | None = None  # a table's id: its cells are containers under it

    @property
    def alone(self) -> bool:
        """Holds boxes of one segment and nothing else."""
        return bool(self.controls) and len(set(self.controls)) == 1 and not _fixed_text(self)

    @property
    def signature(self) -> str:
        return self.wording


def _fixed_text(el: Element) -> str:
    return _normal(re.sub(r"⟦[^⟧]*⟧", "", el.wording))


@dataclass
class Reading:
    """What an edition holds, as far as reading it back goes."""

    lang: str | None
    properties: dict[str, str]
    elements: list[Element] = field(default_factory=list)
    tracked: list[tuple[str, str]] = field(default_factory=list)  # (where, what)
    comments: list[str] = field(default_factory=list)  # comments left open
    style_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    address: str
    lang: str
    old: str
    new: str

    def line(self) -> str:
        return f"{self.address} ({self.lang}):\n  - {shown(self.old)}\n  + {shown(self.new)}"


def shown(value: str) -> str:
    """A value as a person reads it in a list of changes: formatted text as its markup."""
    return value.markup if isinstance(value, formatted.Formatted) else str(value)


# ------------------------------------------------------------------------------ reading


def read(content: bytes, source: str, accept_tracked: bool = False) -> Reading:
    content = check_docx(content, source)  # from outside: refused, or rewritten, first
    try:
        doc = Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises many kinds for what is not a .docx
        raise InputError([Problem("the document", "a Word document (.docx)",
                                  f"something else ({str(exc)[:80]})", source=source)]) from None
    styles = wordformat.Styles.of(doc)
    reading = Reading(package.language(doc), package.custom_properties(content),
                      style_names={sid: styles.style_name(sid) for sid in styles.by_id})
    seen: list[list[str]] = []
    for n, (story, root, rels) in enumerate(_stories(doc)):
        walker = _Story(story, styles, rels, accept_tracked)
        walker.container(root, story if story == "body" else f"{story} {n}")
        wording = [el.wording for el in walker.elements]
        if story != "body" and wording in seen:
            continue  # the same header or footer again (first page, even pages)
        seen.append(wording)
        reading.elements += walker.elements
        reading.tracked += walker.tracked
    reading.comments = _open_comments(doc)
    return reading


def _stories(doc: Any) -> Iterator[tuple[str, Any, Any]]:
    yield "body", doc.element.body, doc.part.rels
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            yield rel.reltype.rsplit("/", 1)[1], rel.target_part.element, rel.target_part.rels


class _Story:
    """Reads one story (the body, a header, a footer) into elements, in order."""

    def __init__(self, story: str, styles: wordformat.Styles, rels: Any,
                 accept_tracked: bool) -> None:
        self.story, self.styles, self.rels = story, styles, rels
        self.accept_tracked = accept_tracked
        self.elements: list[Element] = []
        self.tracked: list[tuple[str, str]] = []
        self.fields = Fields()
        self.heading = ""
        self.paragraphs = 0
        self.tables = 0
        self.caption = ""  # the last caption read: it names the table after it
        self.pending: Element | None = None  # a paragraph whose mark was deleted runs on

    def container(self, parent: Any, name: str, block: str | None = None,
                  cell: str | None = None) -> None:
        for child in parent:
            tag = child.tag
            if tag == qn("w:p"):
                self.paragraph(child, name, block, cell)
            elif tag == qn("w:tbl"):
                self.table(child, name)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.container(content, name, ours(child) or block, cell)
            elif tag in (qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
                self.container(child, name, block, cell)

    def table(self, tbl: Any, container: str) -> None:
        self.tables += 1
        number = re.match(r"^(?:Table|Tabl)\s+(\d+)\b", self.caption)
        name = f"Table {number.group(1)}" if number else \
            f"the table under “{self.heading}”" if self.heading else "a table"
        table_id = f"{container}/t{self.tables}"
        rows = tbl.findall(qn("w:tr"))
        first = " | ".join(_normal(visible_text(tc)) for tc in rows[0].iter(qn("w:tc"))) \
            if rows else ""
        self.elements.append(Element("table", container, name, wording=f"⟦table: {first}⟧",
                                     table=table_id))
        heads = [_short(visible_text(tc), 40) for tc in rows[0].findall(qn("w:tc"))] if rows else []
        for r, tr in enumerate(rows):
            cells = tr.findall(qn("w:tc"))
            label_ = _short(visible_text(cells[0]), 40) if cells else ""
            for c, tc in enumerate(cells):
                place = f"{name}, header row" if r == 0 else f"{name}, row {r}" + (
                    f" (“{label_}”)" if label_ and c else "")
                if r and c < len(heads) and heads[c]:
                    place += f", column “{heads[c]}”"
                self.container(tc, f"{table_id}/{r}/{c}", cell=place)
        self.caption = ""

    def paragraph(self, p: Any, container: str, block: str | None, cell: str | None) -> None:
        self.paragraphs += 1
        where = cell or self._where()
        if not self.accept_tracked:
            self.tracked += [(where, what) for what in _tracked(p)]
        el = self._read(p, container, where, block)
        if _in_contents(p):
            return
        if self.accept_tracked:
            if self.pending is not None:
                el = _joined(self.pending, el)
                self.pending = None
            mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}")
            if mark is not None:
                self.pending = el
                return
        text = _normal("".join(r.text for r in el.whole.runs if not r.is_break))
        if el.style.lower().startswith("heading") and text:
            self.heading = text
        text = _fixed_text(el)
        if text:
            self.caption = text if "caption" in el.style.lower() else ""
        self.elements.append(el)

    def _where(self) -> str:
        place = f"the {self.story}" if self.story != "body" else (
            f"under “{self.heading}”" if self.heading else "before the first heading")
        return f"{place}, paragraph {self.paragraphs}"

    def _read(self, p: Any, container: str, where: str, block: str | None) -> Element:
        style = self.styles.paragraph_style(p)
        el = Element("p", container, where, block=block, style=style,
                     listed=self.styles.list_of(p), looks=wordformat.paragraph_looks(p))
        wording: list[str] = []
        key: list[tuple] = []
        self._walk(list(p), style, el, wording, key, None, None)
        el.wording = _normal("".join(wording))
        el.key = (el.wording, tuple(_merged(key)))
        return el

    def _walk(self, elements: list[Any], style: str, el: Element, wording: list[str],
              key: list[tuple], box: wordformat.Found | None, href: str | None) -> None:
        for kind, item in wordformat.read_runs(elements, self.styles, style, self.rels,
                                               control=lambda sdt: ours(sdt) is not None,
                                               hidden=lambda: self.fields.hidden, href=href):
            if kind == "field":
                self.fields.step(item)
            elif kind == "control":
                sdt, link = item
                addr = ours(sdt)
                el.controls.append(addr)
                el.rich[addr] = sdt.find(f"{qn('w:sdtPr')}/{qn('w:text')}") is None
                found = wordformat.Found()
                content = sdt.find(qn("w:sdtContent"))
                self._walk(list(content) if content is not None else [], style, el, [], [],
                           found, link)
                el.boxes.setdefault(addr, wordformat.Found()).extend(found)
                el.whole.extend(found)
                wording.append(f"⟦{addr}⟧")
            elif kind == "run":
                run, look = item
                (box or el.whole).add(run, look)
                if box is None:
                    wording.append(" " if run.is_break else run.text)
                    key.append((run.text, run.bold, run.italic, run.href, look))
            elif kind in ("picture", "outside"):
                (box or el.whole).outside.append("a picture" if kind == "picture" else item)
                if box is None:
                    wording.append(f"⟦picture: {item}⟧" if kind == "picture" else " ")


def _merged(key: list[tuple]) -> Iterator[tuple]:
    """Runs of fixed wording by how they look, each with its text: how LibreOffice or Word
    splits text into runs does not matter."""
    current: tuple | None = None
    text = ""
    for piece, bold, italic, href, look in key:
        fmt = (bold, italic, href, look)
        if piece.strip() and fmt != current:
            if current is not None and _normal(text):
                yield (_normal(text), current)
            current, text = fmt, ""
        text += piece
    if current is not None and _normal(text):
        yield (_normal(text), current)


def _joined(first: Element, second: Element) -> Element:
    """Two paragraphs read as one (the mark between them deleted, the deletion accepted)."""
    first.wording = _normal(first.wording + second.wording)
    first.key = (first.wording, first.key[1] + second.key[1])
    first.controls += second.controls
    first.whole.extend(second.whole)
    for addr, found in second.boxes.items():
        first.boxes.setdefault(addr, wordformat.Found()).extend(found)
    first.rich |= second.rich
    return first


def _tracked(p: Any) -> list[str]:
    """The tracked changes in a paragraph a reader would see, each said as what it is; one
    that changes nothing a reader sees (an empty paragraph marked inserted or deleted, a
    formatting change with no text) is not listed: accepting or rejecting it is the same."""
    found = []
    for el in p.iter():
        if el.tag not in TRACKED:
            continue
        name = etree.QName(el).localname
        parent = el.getparent()
        if name in ("ins", "del") and parent is not None and parent.tag == qn("w:rPr"):
            if visible_text(p).strip() and _next_has_text(p):
                found.append("a tracked new paragraph" if name == "ins" else
                             "two paragraphs tracked as joined")
            continue
        if name in ("ins", "moveTo"):
            text = visible_text(el)
            if text.strip():
                found.append(f"a tracked insertion “{_short(text, 50)}”")
        elif name in ("del", "moveFrom"):
            text = "".join(t.text or "" for t in el.iter(qn("w:delText"), qn("w:t")))
            if text.strip():
                found.append(f"a tracked deletion “{_short(text, 50)}”")
        elif name == "rPrChange":
            run = parent.getparent() if parent is not None else None
            text = visible_text(run) if run is not None and run.tag == qn("w:r") else ""
            if text.strip():
                found.append(f"a tracked formatting change on “{_short(text, 50)}”")
        elif name == "pPrChange":
            if visible_text(p).strip():
                found.append("a tracked change to the paragraph's formatting")
        elif name == "sectPrChange":
            found.append("a tracked change to the page layout")
        else:
            found.append("a tracked change to a table's layout")
    return found


def _next_has_text(p: Any) -> bool:
    after = p.getnext()
    while after is not None and after.tag != qn("w:p"):
        if after.tag == qn("w:tbl"):
            return True
        after = after.getnext()
    return after is not None and bool(visible_text(after).strip())


def _in_contents(p: Any) -> bool:
    """A paragraph of the table of contents, which LibreOffice and Word rebuild on their own."""
    for sdt in p.iterancestors(qn("w:sdt")):
        gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
        if gallery is not None and "Contents" in (gallery.get(qn("w:val")) or ""):
            return True
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style is not None and re.match(r"(?i)^(toc|contents)\s*\d", style.get(qn("w:val"))
                                          or "") is not None


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def _open_comments(doc: Any) -> list[str]:
    comments = extended = None
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/comments"):
            comments = etree.fromstring(rel.target_part.blob)
        elif rel.reltype.endswith("/commentsExtended"):
            extended = etree.fromstring(rel.target_part.blob)
    if comments is None:
        return []
    done = set()
    if extended is not None:
        done = {e.get(f"{{{W15}}}paraId") for e in extended
                if e.get(f"{{{W15}}}done") in ("1", "true")}
    found = []
    for c in comments.iter(qn("w:comment")):
        paras = list(c.iter(qn("w:p")))
        if paras and paras[-1].get(f"{{{W14}}}paraId") in done:
            continue
        found.append(f"a comment by {c.get(qn('w:author')) or 'someone'}: "
                     f"“{_short(visible_text(c))}”")
    return found


def _short(text: str, limit: int = 70) -> str:
    text = _normal(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------- segments


@dataclass
class BoxText:
    """One box's text as a document holds it: its value (plain text or formatted) and where."""

    address: str
    where: str
    value: str
    block: bool  # printed alone in its paragraph (and so owning the paragraphs it has)
    rich: bool
    context: Element | None = None  # its first paragraph
    paragraphs: list[Element] = field(default_factory=list)
    next_signature: str | None = None  # what follows it in the document as made


Refuse = Callable[[str, str, str], None]


def segments_of(reading: Reading, base: dict[str, BoxText] | None, refuse: Refuse
                ) -> tuple[dict[str, list[BoxText]], list[Element]]:
    """The boxes of a reading, each address with every place it is found, and the fixed
    wording between them. `base`: the boxes of the edition as made, which tell the paragraphs a
    segment owns in an edited copy (None: this is that edition)."""
    found: dict[str, list[BoxText]] = {}
    fixed: list[Element] = []
    skipped: set[str] = set()  # tables taken into a box: their cells are refused with it
    by_container: dict[str, list[Element]] = {}
    for el in reading.elements:
        by_container.setdefault(el.container, []).append(el)
    for container, elements in by_container.items():
        if any(container.startswith(t + "/") for t in skipped):
            continue
        i = 0
        while i < len(elements):
            el = elements[i]
            owner = _owner(el, base, refuse)
            if owner is None:
                if el.kind == "p":
                    for addr in dict.fromkeys(el.controls):
                        found.setdefault(addr, []).append(_inline(el, addr, base, refuse))
                if el.kind == "table" or _fixed_text(el) or "⟦" in el.wording:
                    fixed.append(el)
                i += 1
                continue
            owned, i = _owned(elements, i, owner, base, refuse, skipped)
            found.setdefault(owner, []).append(_block(owned, owner, base, reading, refuse))
    for segs in found.values():
        for n, seg in enumerate(segs):
            seg.next_signature = _next(reading, seg) if base is None and n == 0 else None
    return found, fixed


def _owner(el: Element, base: dict[str, BoxText] | None, refuse: Refuse) -> str | None:
    """The segment that owns a paragraph whole, if one does."""
    if el.kind != "p":
        return None
    if base is None:
        return el.block or (el.controls[0] if el.alone else None)
    owners = list(dict.fromkeys(a for a in [el.block, *el.controls]
                                if a and a in base and base[a].block))
    if len(owners) > 1:
        refuse(el.where, "each box in a paragraph of its own",
               " and ".join(f"the boxes “{label(a)}”" for a in owners) + " in one paragraph")
    return owners[0] if owners else None


def _owned(elements: list[Element], i: int, owner: str, base: dict[str, BoxText] | None,
           refuse: Refuse, skipped: set[str]) -> tuple[list[Element], int]:
    """The paragraphs a segment owns from elements[i]: its own, and in an edited copy those
    added after it, up to the next box or what followed it in the edition as made."""
    owned = [elements[i]]
    j = i + 1
    follows = base[owner].next_signature if base is not None else None
    while j < len(elements):
        el = elements[j]
        if el.kind == "p" and (el.block == owner or owner in el.controls):
            owned.append(el)
            j += 1
            continue
        if base is None or el.controls or el.block or (follows and el.signature == follows):
            break
        if el.kind == "table":
            refuse(owned[-1].where,
                   f"{KEEP} in the box “{label(owner)}” (a table's figures come from the "
                   "data: write the text as a list, or correct a figure in the data)",
                   f"a table pasted into it, after “{_short(_owned_text(owned), 40)}”")
            skipped.add(el.table or "")
        else:
            owned.append(el)
        j += 1
    return owned, j


def _owned_text(owned: list[Element]) -> str:
    return " ".join(formatted.inline_text(tuple(el.whole.runs)) for el in owned)


def _next(reading: Reading, seg: BoxText) -> str | None:
    """The signature of what follows a segment's last paragraph in its container."""
    last = seg.paragraphs[-1] if seg.paragraphs else None
    if last is None:
        return None
    elements = [el for el in reading.elements if el.container == last.container]
    after = elements[elements.index(last) + 1:]
    for el in after:
        if el.controls or el.block:
            return None
        if el.signature:
            return el.signature
    return None


def _inline(el: Element, addr: str, base: dict[str, BoxText] | None,
            refuse: Refuse) -> BoxText:
    box = el.boxes[addr]
    _outside(box, addr, el.where, refuse, base)
    value = formatted.value_of((Paragraph(tuple(box.runs)),))
    return BoxText(addr, el.where, value, block=False, rich=el.rich.get(addr, False),
                   context=el, paragraphs=[el])


def _block(owned: list[Element], owner: str, base: dict[str, BoxText] | None,
           reading: Reading, refuse: Refuse) -> BoxText:
    first = owned[0]
    made = base[owner] if base is not None else None
    context = made.context if made is not None and made.context is not None else first
    blocks = _blocks(owned, owner, context, reading, refuse, made is not None)
    for el in owned:
        _outside(el.whole, owner, el.where, refuse, base)
    return BoxText(owner, first.where, formatted.value_of(blocks), block=True,
                   rich=first.rich.get(owner, True), context=first, paragraphs=owned)


def _blocks(owned: list[Element], owner: str, context: Element, reading: Reading,
            refuse: Refuse, edited: bool) -> list[Block]:
    """A segment's paragraphs as blocks: in a list item (the context), the first paragraph is
    the item and lists inside it go one level in."""
    blocks: list[Block] = []
    lists: list[str | None] = []  # which list each block is: two lists side by side stay two
    in_list = context.listed is not None
    for n, el in enumerate(owned):
        runs = tuple(el.whole.runs)
        if edited:
            _paragraph_allowed(el, owner, context, reading, refuse)
        listed = el.listed
        if (in_list and n == 0) or listed is None:
            blocks.append(Paragraph(runs))
            lists.append(None)
            continue
        if in_list and context.listed is not None and listed[2] == context.listed[2] \
                and listed[1] == context.listed[1]:
            refuse(el.where, f"the points of the box “{label(owner)}” inside it (each entry "
                   "of this list has a box of its own: list the points one level in)",
                   "a new entry of the list after it")
        elif listed[1] > (context.listed[1] + 1 if in_list and context.listed else 0):
            refuse(el.where, f"lists one level deep in the box “{label(owner)}”",
                   "a list inside a list")
        last = blocks[-1] if blocks else None
        if isinstance(last, ListBlock) and last.ordered == listed[0] and lists[-1] == listed[2]:
            blocks[-1] = ListBlock(listed[0], (*last.items, runs))
        else:
            blocks.append(ListBlock(listed[0], (runs,)))
            lists.append(listed[2])
    return blocks


def _paragraph_allowed(el: Element, owner: str, context: Element, reading: Reading,
                       refuse: Refuse) -> None:
    """A paragraph of a box keeps the box's own style, or a list's; and no alignment, border
    or shading the box did not have."""
    if el.style not in (context.style, "Normal") and not wordformat.is_list_style(el.style):
        name = reading.style_names.get(el.style, el.style)
        refuse(el.where, f"the box “{label(owner)}” in its own paragraph style, or a list",
               f"the style “{name}”")
    new = [look for look in el.looks if look not in context.looks]
    if new:
        refuse(el.where, f"{KEEP} in the box “{label(owner)}”", " and ".join(new))


def _outside(found: wordformat.Found, addr: str, where: str, refuse: Refuse,
             base: dict[str, BoxText] | None) -> None:
    """Refuse, by place, what a box holds outside the vocabulary."""
    if base is None:
        return
    advice = {"a tab": "use a list or a line break: the styles lay text out",
              "a picture": "pictures and charts come from the data and the template",
              "a page break": "the template lays the pages out",
              "a column break": "the template lays the pages out",
              "a footnote": "write it in the text",
              "an endnote": "write it in the text",
              "a symbol from a font": "type the character itself",
              "an equation": "write it as text"}
    for what in dict.fromkeys(found.outside):
        refuse(where, f"{KEEP} in the box “{label(addr)}” ({advice.get(what, 'take it out')})",
               what)
    made = base[addr].context if addr in base else None
    allowed: set = set()  # how the box's own text looked as made
    if made is not None:
        allowed = allowed.union(*(made.boxes.get(addr) or made.whole).looks)
    named = wordformat.looks_named(look - allowed for look in found.looks)
    if named:
        refuse(where, f"{KEEP} in the box “{label(addr)}”: clear that formatting",
               " and ".join(named))


# ---------------------------------------------------------------------------- comparing


def compare(base: Reading, edited: Reading, source: str) -> list[Change]:
    """The segments the edited copy changes, or EditsRefused with every reason."""
    problems: list[Problem] = []

    def refuse(where: str, expected: str, found: str) -> None:
        problems.append(Problem(where, expected, found, source=source))

    if edited.lang != base.lang:
        refuse("the document", f"the {base.lang} edition", f"a document in {edited.lang}")
    for where, what in edited.tracked:
        refuse(where, "no tracked changes (accept or reject them in Word, or read the document "
               "with --accept-tracked)", what)
    for comment in edited.comments:
        refuse("the comments", "every comment resolved or deleted", comment)
    made, base_fixed = segments_of(base, None, lambda *_: None)
    first = {addr: segs[0] for addr, segs in made.items()}
    found, edited_fixed = segments_of(edited, first, refuse)
    changes = _segment_changes(first, made, found, edited.lang or "en", refuse)
    _fixed_wording(base_fixed, edited_fixed, refuse)
    if problems:
        shown_ = list(dict.fromkeys(problems))[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            shown_.append(Problem("the document", "no more problems",
                                  f"{len(problems) - MAX_SHOWN} more", source=source))
        raise EditsRefused(shown_)
    return changes


def _segment_changes(first: dict[str, BoxText], made: dict[str, list[BoxText]],
                     found: dict[str, list[BoxText]], lang: str, refuse: Refuse
                     ) -> list[Change]:
    for addr, segs in made.items():
        if len(found.get(addr, [])) < len(segs):
            refuse(segs[0].where, f"the box “{label(addr)}” ({addr}) kept (to remove a "
                   "finding, empty its box instead)", "it was deleted")
    changes = []
    for addr, segs in found.items():
        if addr not in first:
            refuse(segs[0].where, "only the boxes the edition was made with",
                   f"a box for {addr}, which the edition did not have")
            continue
        if len(segs) > len(made[addr]):
            refuse(segs[-1].where, f"the box “{label(addr)}” once", "it was duplicated")
            continue
        old = first[addr].value
        new = {formatted.key(s.value): s for s in segs}
        new.pop(formatted.key(old), None)
        if len(new) > 1:
            refuse(segs[0].where, f"the same text wherever {addr} appears",
                   " and ".join(f"“{_short(shown(s.value))}”" for s in new.values()))
        elif new:
            changes.append(Change(addr, lang, old, next(iter(new.values())).value))
    return changes


def _in_order(elements: list[Element]) -> list[Element]:
    """The body's fixed wording in its order, then each header's and footer's, the stories
    sorted by their wording: LibreOffice numbers and orders a document's headers its own way."""
    stories: dict[str, list[Element]] = {}
    for el in elements:
        stories.setdefault(el.container.split("/")[0], []).append(el)
    body = stories.pop("body", [])
    rest = sorted(stories.values(), key=lambda els: repr([el.key for el in els]))
    return body + [el for story in rest for el in story]


def _fixed_wording(base: list[Element], edited: list[Element], refuse: Refuse) -> None:
    base, edited = _in_order(base), _in_order(edited)
    old = [el.key for el in base]
    new = [el.key for el in edited]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        was = " / ".join(_short(_unmarked(el.wording)) for el in base[i1:i2]) or "nothing"
        now = " / ".join(_short(_unmarked(el.wording)) for el in edited[j1:j2]) or "nothing"
        if [el.wording for el in base[i1:i2]] == [el.wording for el in edited[j1:j2]]:
            now += " (its formatting changed)"
        where = edited[j1].where if j1 < len(edited) else base[min(i1, len(base) - 1)].where
        cell = where.startswith(("Table ", "the table", "a table"))
        if op == "insert":
            refuse(where, "no text outside the boxes (type it inside a box: a paragraph added "
                   "after a box's own is kept with it)", f"“{now}”")
        elif cell:
            refuse(where, f"the figures and wording as made (“{was}”): a figure is corrected "
                   "in the data, by a factual accuracy decision, not in the document",
                   f"“{now}”")
        else:
            refuse(where, f"the wording and figures as made (“{was}”): change figures in the "
                   "data and fixed wording in the template", f"“{now}”")


def _unmarked(text: str) -> str:
    return re.sub(r"⟦(?!picture|table)[^⟧]*⟧", "…", text)


# ----------------------------------------------------------------------------- applying


def holds(bundle: Bundle, change: Change) -> bool:
    """Whether the data reads as the change would make it (a change made already)."""
    if not change.new:
        return False  # an emptied box: its item is removed, and its address is another's
    try:
        node = bundle.get(change.address)
    except AddressError:
        return False
    if isinstance(node, dict) and "en" in node:
        node = node.get(change.lang)
    elif change.lang != "en" and not change.address.endswith(".cy_in"):
        return False
    if node is None:
        return False
    try:
        return formatted.key(formatted.from_json(node)) == formatted.key(change.new)
    except formatted.MarkupError:
        return False


def apply(bundle: Bundle, changes: list[Change], label_: str) -> Bundle:
    """The data with every change made, checked as input is; an emptied list item is removed.
    InputError naming each problem otherwise."""
    removed = []
    try:
        for change in changes:
            if change.new:
                bundle = bundle.with_text(change.address, change.lang, change.new)
            else:
                removed.append(change)
        for change in sorted(removed, key=_removal_order, reverse=True):
            bundle = _without(bundle, change)
    except AddressError as exc:
        raise InputError([Problem("the document", "boxes that name values in the data",
                                  str(exc), source=label_)]) from None
    try:
        bundle.load(label_)  # every problem, with its path, before anything is kept
    except InputError as exc:
        raise InputError([_plain_only(p, changes) for p in exc.problems]) from None
    return bundle


def _plain_only(problem: Problem, changes: list[Change]) -> Problem:
    """A box given formatting that its field cannot hold (a name, a title), said as such."""
    for change in changes:
        if isinstance(change.new, formatted.Formatted) and \
                problem.path.startswith(split_address(change.address)[1]) and \
                problem.found.startswith('{"formatted"'):
            return Problem(problem.path, f"plain text in the box “{label(change.address)}” "
                           "(a name, a title or a statement takes no formatting: clear it)",
                           f"“{_short(change.new.markup)}”", source=problem.source)
    return problem


def _removal_order(change: Change) -> tuple:
    file, path = split_address(change.address)
    return (file or "", keys_of(path))


def _without(bundle: Bundle, change: Change) -> Bundle:
    file, path = split_address(change.address)
    keys = keys_of(path)
    if not keys or not isinstance(keys[-1], int):
        raise InputError([Problem(change.address, "some text (this box cannot be emptied)",
                                  "an empty box")])
    parent_addr = (f"{file}#" if file else "") + path[: path.rindex("[")]
    items = list(bundle.get(parent_addr))
    del items[keys[-1]]
    return bundle.with_value(parent_addr, items)
