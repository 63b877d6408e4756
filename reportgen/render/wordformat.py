"""Formatted text in Word's XML, both ways: the one module that knows how bold, italic, a line
break, a link and a list are written in WordprocessingML, and how to read them back from what
Word or LibreOffice saved.

Writing: a segment's runs (w:r with w:b, w:i; w:br; w:hyperlink to an external relationship, in
the "Hyperlink" character style) and, for a segment printed alone in its paragraph, its
paragraphs: list items in the template's list styles (List Bullet, List Number, or the "2" styles
inside a list item), each numbered list numbered from 1 (a w:num of its own).

Reading: the same runs and paragraphs back (bold and italic as they look, whatever mix of direct
formatting and styles makes them; lists by their numbering, whichever numbering definition the
editor's program wrote), with everything outside the vocabulary named: a tab, a picture, a page
break, a footnote, underlining, a colour, another font or size, hidden text."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from reportgen.model.formatted import BREAK, Blocks, Inline, Paragraph, Run
from reportgen.ooxml import text

LINK_STYLE = "Hyperlink"
LINK_COLOUR = "1D70B8"  # the GOV.UK link colour: 5.2:1 on white
# w:rPr's children in the schema's order (CT_RPr): what is added is put where Word expects it.
RPR_ORDER = tuple(qn(f"w:{n}") for n in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath"))
# The list styles of the templates (python-docx's own), by depth and kind.
LIST_STYLES = {(0, False): "ListBullet", (0, True): "ListNumber",
               (1, False): "ListBullet2", (1, True): "ListNumber2"}
CONTINUE_STYLE = "ListContinue"


# ================================================================================ writing


def _in_order(rpr: Any) -> None:
    rank = {tag: i for i, tag in enumerate(RPR_ORDER)}
    children = list(rpr)
    ordered = sorted(children, key=lambda el: rank.get(el.tag, len(RPR_ORDER)))
    if ordered != children:
        rpr[:] = ordered


def run_properties(context: Any | None, run: Run, link: bool = False) -> Any:
    """The run's w:rPr: the context's (the run the template printed the segment in) with the
    run's own bold, italic and link style added."""
    rpr = copy.deepcopy(context) if context is not None else parse_xml(f"<w:rPr {nsdecls('w')}/>")
    wanted = []
    if link:
        wanted.append(f'<w:rStyle {nsdecls("w")} w:val="{LINK_STYLE}"/>')
    if run.bold:
        wanted += [f"<w:b {nsdecls('w')}/>", f"<w:bCs {nsdecls('w')}/>"]
    if run.italic:
        wanted += [f"<w:i {nsdecls('w')}/>", f"<w:iCs {nsdecls('w')}/>"]
    for xml in wanted:
        el = parse_xml(xml)
        old = rpr.find(el.tag)
        if old is not None:
            rpr.remove(old)
        rpr.append(el)
    _in_order(rpr)
    return rpr


def runs(inline: Inline, context: Any | None, part: Any) -> list[Any]:
    """The w:r (and w:hyperlink) elements that write `inline`, in the context's formatting;
    a link is related to `part` (the body's, a header's) as an external target."""
    out: list[Any] = []
    link: tuple[str, Any] | None = None
    for run in inline:
        if run.href is None:
            link = None
            out.append(_run(run, context))
            continue
        if link is None or link[0] != run.href:
            rid = part.relate_to(run.href, RT.HYPERLINK, is_external=True)
            link = (run.href, parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}" '
                                        'w:history="1"/>'))
            out.append(link[1])
        link[1].append(_run(run, context, link=True))
    return out


def _run(run: Run, context: Any | None, link: bool = False) -> Any:
    el = parse_xml(f"<w:r {nsdecls('w')}/>")
    el.append(run_properties(context, run, link))
    if run.is_break:
        el.append(parse_xml(f"<w:br {nsdecls('w')}/>"))
    else:
        t = parse_xml(f'<w:t {nsdecls("w")} xml:space="preserve"/>')
        t.text = run.text
        el.append(t)
    return el


def flattened(blocks: Blocks) -> Inline:
    """Blocks as one paragraph's runs (for a segment printed inside a sentence): paragraphs and
    list items each on a line of their own."""
    out: list[Run] = []
    for block in blocks:
        lines = [block.runs] if isinstance(block, Paragraph) else [
            (Run(f"{n}. " if block.ordered else "• "), *item)
            for n, item in enumerate(block.items, start=1)]
        for line in lines:
            if out:
                out.append(Run(BREAK))
            out.extend(line)
    return tuple(out)


class Numbering:
    """A document's numbering definitions: a numbered list of its own for each list written, so
    that every list in a segment counts from 1."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        try:
            self.element = doc.part.numbering_part.element
        except (KeyError, NotImplementedError):
            self.element = None

    @functools.cached_property
    def styles(self) -> Styles:
        return Styles(self.doc.styles.element, self.element)

    def fresh(self, style_id: str) -> str | None:
        """A list of its own, numbered from 1, like the one the style `style_id` uses: a copy of
        its numbering definition (Word and LibreOffice count every list of one definition
        together, so a list sharing the recommendations' would go on from their numbers)."""
        styles = self.styles
        num = styles.style_num(style_id)
        abstract_id = styles.abstract_of(num) if num else None
        if self.element is None or abstract_id is None:
            return None
        abstracts = list(self.element.iter(qn("w:abstractNum")))
        source = next(a for a in abstracts if a.get(qn("w:abstractNumId")) == abstract_id)
        abstract = copy.deepcopy(source)
        new_abstract = str(max(int(a.get(qn("w:abstractNumId"))) for a in abstracts) + 1)
        abstract.set(qn("w:abstractNumId"), new_abstract)
        for el in abstract.findall(qn("w:nsid")) + abstract.findall(qn("w:tmpl")):
            abstract.remove(el)
        for lvl in abstract.iter(qn("w:lvl")):
            for style in lvl.findall(qn("w:pStyle")):
                lvl.remove(style)  # a style names one definition only
        abstracts[-1].addnext(abstract)
        ids = [int(n.get(qn("w:numId"))) for n in self.element.iter(qn("w:num"))]
        new = str(max(ids, default=0) + 1)
        el = parse_xml(f'<w:num {nsdecls("w")} w:numId="{new}"><w:abstractNumId w:val='
                       f'"{new_abstract}"/></w:num>')
        cleanup = self.element.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(el)
        else:
            self.element.append(el)
        return new


def paragraphs(blocks: Blocks, template_p: Any, context: Any | None, part: Any,
               numbering: Numbering, in_list: bool) -> list[Any]:
    """The paragraphs of a segment printed alone in `template_p` (its properties kept for the
    segment's own paragraphs): in a list item, further paragraphs continue the item and lists
    go one level in."""
    ppr = template_p.find(qn("w:pPr"))
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            style = CONTINUE_STYLE if in_list and out else None
            out.append(_paragraph(block.runs, ppr, style, None, context, part))
            continue
        if in_list and not out:
            out.append(_paragraph((), ppr, None, None, context, part))  # the item itself
        style = LIST_STYLES[(1 if in_list else 0, block.ordered)]
        num = numbering.fresh(style) if block.ordered else None
        for item in block.items:
            out.append(_paragraph(item, None, style, num, context, part))
    return out


def _paragraph(inline: Inline, ppr: Any | None, style: str | None, num: str | None,
               context: Any | None, part: Any) -> Any:
    p = parse_xml(f"<w:p {nsdecls('w')}/>")
    if style is None and ppr is not None:
        p.append(copy.deepcopy(ppr))
    elif style is not None:
        numbered = (f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
                    if num else "")
        p.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="{style}"/>{numbered}'
                           "</w:pPr>"))
    for el in runs(inline, context, part):
        p.append(el)
    return p


def ensure_link_style(doc: Any) -> None:
    """The "Hyperlink" character style (underlined, in the link colour), if the template has
    none: a template's own is kept, so the house style decides how links look."""
    styles = doc.styles.element
    if any(s.get(qn("w:styleId")) == LINK_STYLE for s in styles.iter(qn("w:style"))):
        return
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="{LINK_STYLE}"><w:name w:val='
        f'"Hyperlink"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val='
        f'"{LINK_COLOUR}"/><w:u w:val="single"/></w:rPr></w:style>'))


# ================================================================================ reading

_ON_OFF = ("b", "i", "strike", "dstrike", "caps", "smallCaps", "vanish")
# What each property outside the vocabulary is called in a message.
SHOWN = {"u": "underlining", "strike": "strikethrough", "dstrike": "strikethrough",
         "color": "a text colour", "highlight": "highlighting", "shd": "shading",
         "vertAlign": "superscript or subscript", "caps": "capitals", "smallCaps":
         "small capitals", "vanish": "hidden text", "sz": "another text size",
         "font": "another font"}


def _on(el: Any | None) -> bool | None:
    if el is None:
        return None
    return (el.get(qn("w:val")) or "true").lower() not in ("false", "0", "off", "none")


def _props(rpr: Any | None) -> dict[str, Any]:
    """The properties an rPr sets (and only those), by name."""
    found: dict[str, Any] = {}
    if rpr is None:
        return found
    for name in _ON_OFF:
        value = _on(rpr.find(qn(f"w:{name}")))
        if value is not None:
            found[name] = value
    for name, attr, off in (("u", "val", "none"), ("color", "val", "auto"),
                            ("highlight", "val", "none"), ("vertAlign", "val", "baseline"),
                            ("sz", "val", None), ("shd", "fill", "auto")):
        el = rpr.find(qn(f"w:{name}"))
        if el is not None:
            value = (el.get(qn(f"w:{attr}")) or "").upper()
            found[name] = None if not value or value == (off or "").upper() else value
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        font = fonts.get(qn("w:ascii")) or fonts.get(qn("w:asciiTheme"))
        if font:
            found["font"] = font
    return found


class Styles:
    """A document's styles and numbering, enough to tell how a run looks and what list a
    paragraph is in."""

    def __init__(self, styles: Any | None, numbering: Any | None) -> None:
        self.by_id: dict[str, Any] = {}
        self.defaults: dict[str, Any] = {}
        if styles is not None:
            for s in styles.iter(qn("w:style")):
                self.by_id[s.get(qn("w:styleId"))] = s
            default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
            self.defaults = _props(default)
            self.default_paragraph = next(
                (sid for sid, s in self.by_id.items() if s.get(qn("w:type")) == "paragraph"
                 and s.get(qn("w:default")) in ("1", "true")), "Normal")
        else:
            self.default_paragraph = "Normal"
        self.nums: dict[str, tuple[str | None, dict[int, str]]] = {}
        self.abstract: dict[str, dict[int, str]] = {}
        if numbering is not None:
            for a in numbering.iter(qn("w:abstractNum")):
                self.abstract[a.get(qn("w:abstractNumId"))] = {
                    int(lvl.get(qn("w:ilvl"))): (lvl.find(qn("w:numFmt")).get(qn("w:val"))
                                                 if lvl.find(qn("w:numFmt")) is not None
                                                 else "decimal")
                    for lvl in a.iter(qn("w:lvl"))}
            for n in numbering.iter(qn("w:num")):
                ref = n.find(qn("w:abstractNumId"))
                overrides = {}
                for o in n.iter(qn("w:lvlOverride")):
                    fmt = o.find(f"{qn('w:lvl')}/{qn('w:numFmt')}")
                    if fmt is not None:
                        overrides[int(o.get(qn("w:ilvl")))] = fmt.get(qn("w:val"))
                self.nums[n.get(qn("w:numId"))] = (
                    ref.get(qn("w:val")) if ref is not None else None, overrides)

    @classmethod
    def of(cls, doc: Any) -> Styles:
        try:
            numbering = doc.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        return cls(doc.styles.element, numbering)

    def _chain(self, style_id: str | None) -> list[Any]:
        """The style and those it is based on, the furthest first."""
        chain: list[Any] = []
        while style_id and style_id in self.by_id and len(chain) < 20:
            style = self.by_id[style_id]
            chain.insert(0, style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def paragraph_style(self, p: Any) -> str:
        el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return el.get(qn("w:val")) if el is not None else self.default_paragraph

    def style_name(self, style_id: str) -> str:
        style = self.by_id.get(style_id)
        name = style.find(qn("w:name")) if style is not None else None
        return name.get(qn("w:val")) if name is not None else style_id

    def base_props(self, p_style: str) -> dict[str, Any]:
        found = dict(self.defaults)
        for style in self._chain(p_style):
            found.update(_props(style.find(qn("w:rPr"))))
        return found

    def run_props(self, p_style: str, rpr: Any | None) -> dict[str, Any]:
        """How a run looks: document defaults, the paragraph's style, the run's character style,
        then its own formatting."""
        found = self.base_props(p_style)
        r_style = rpr.find(qn("w:rStyle")) if rpr is not None else None
        if r_style is not None:
            for style in self._chain(r_style.get(qn("w:val"))):
                found.update(_props(style.find(qn("w:rPr"))))
        found.update(_props(rpr))
        return found

    def style_num(self, style_id: str) -> str | None:
        for style in reversed(self._chain(style_id)):
            num = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            if num is not None:
                return num.get(qn("w:val"))
        return None

    def abstract_of(self, num: str) -> str | None:
        return self.nums.get(num, (None, {}))[0]

    def list_of(self, p: Any) -> tuple[bool, int, str] | None:
        """(numbered, level, list id) of a list paragraph, None for any other: its own
        numbering, else its style's; a numbering of "none" or id 0 is no list."""
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num = level = None
        if num_pr is not None:
            el, lvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
            num = el.get(qn("w:val")) if el is not None else None
            level = int(lvl.get(qn("w:val"))) if lvl is not None else None
        if num is None:
            num = self.style_num(self.paragraph_style(p))
        if not num or num == "0":
            return None
        level = level or 0
        abstract, overrides = self.nums.get(num, (None, {}))
        fmt = overrides.get(level) or self.abstract.get(abstract or "", {}).get(level, "bullet")
        if fmt == "none":
            return None
        return (fmt != "bullet", level, num)


@dataclass
class Found:
    """What a stretch of a paragraph holds: its runs, how each run looks beyond the vocabulary,
    and what it holds outside the vocabulary (a tab, a picture ...)."""

    runs: list[Run] = field(default_factory=list)
    looks: list[frozenset] = field(default_factory=list)  # a run's properties outside it
    outside: list[str] = field(default_factory=list)

    def add(self, run: Run, look: frozenset) -> None:
        self.runs.append(run)
        self.looks.append(look)

    def extend(self, other: Found) -> None:
        self.runs += other.runs
        self.looks += other.looks
        self.outside += other.outside


# Elements that hold nothing a reader sees (the one rule, reportgen.ooxml.text), and marks
# that hold nothing at all.
_SKIPPED = text.NOT_SEEN | {qn(f"w:{n}") for n in (
    "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak",
    "commentRangeStart", "commentRangeEnd", "permStart", "permEnd", "annotationRef",
    "commentReference", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
    "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
    "customXmlDelRangeStart", "customXmlDelRangeEnd")}
_FIELD = {text.FLD_CHAR, text.INSTR}
_PICTURES = {qn("w:drawing"), qn("w:pict"), qn("w:object"),
             "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_OUTSIDE = {qn("w:tab"): "a tab", qn("w:ptab"): "a tab",
            qn("w:footnoteReference"): "a footnote", qn("w:endnoteReference"): "an endnote",
            qn("w:sym"): "a symbol from a font",
            "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath": "an equation",
            "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMathPara":
            "an equation"}


def looks_beyond(props: dict[str, Any], base: dict[str, Any], link: bool) -> frozenset:
    """The properties outside the vocabulary in which a run differs from its paragraph's style
    (a link's own colour and underlining are a link's)."""
    found = set()
    for name in SHOWN:
        if link and name in ("u", "color"):
            continue
        if (props.get(name) or None) != (base.get(name) or None):
            found.add((name, props.get(name)))
    return frozenset(found)


def read_runs(elements: Iterable[Any], styles: Styles, p_style: str, part_rels: Any,
              control: Any = None, hidden: Any = None,
              href: str | None = None) -> Iterator[tuple[str, Any]]:
    """Walk run-level content in order: yields ("run", (Run, looks)), ("outside", what),
    ("control", (sdt, link)) for a content control `control(sdt)` says to stop at (with the
    link it sits in, if any), ("picture", alt), and ("field", fldChar or instrText) for the
    caller to follow fields (fldChar, instrText: reportgen.ooxml.text.Fields), `hidden()` telling
    whether text is a field's instruction or computed result, not seen.
    `href`: the link the elements sit in."""
    base = styles.base_props(p_style)
    yield from _walk(elements, styles, p_style, base, part_rels, control, hidden, href)


def _walk(elements: Iterable[Any], styles: Styles, p_style: str, base: dict, rels: Any,
          control: Any, hidden: Any, href: str | None) -> Iterator[tuple[str, Any]]:
    for el in elements:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag in _FIELD:
            yield ("field", el)
            continue
        if tag == text.FLD_SIMPLE:
            if not text.computed(el.get(qn("w:instr")) or ""):
                yield from _walk(el, styles, p_style, base, rels, control, hidden, href)
            continue
        if tag == qn("w:sdt") and control is not None and control(el):
            yield ("control", (el, href))
            continue
        if tag == qn("w:r"):
            yield from _run_items(el, styles, p_style, base, rels, hidden, href)
            continue
        if tag == qn("w:hyperlink"):
            target = _link_target(el, rels)
            yield from _walk(el, styles, p_style, base, rels, control, hidden, target)
            continue
        if tag in _PICTURES:
            yield ("picture", _alt(el))
            continue
        if tag in _OUTSIDE:
            yield ("outside", _OUTSIDE[tag])
            continue
        yield from _walk(el, styles, p_style, base, rels, control, hidden, href)


def _link_target(el: Any, rels: Any) -> str | None:
    rid = el.get(qn("r:id"))
    if rid and rels is not None and rid in rels and rels[rid].is_external:
        return rels[rid].target_ref
    anchor = el.get(qn("w:anchor"))
    return f"#{anchor}" if anchor else None


def _alt(el: Any) -> str:
    for pr in el.iter():
        if isinstance(pr.tag, str) and pr.tag.endswith("}docPr"):
            return pr.get("descr") or pr.get("title") or ""
    return ""


def _run_items(r: Any, styles: Styles, p_style: str, base: dict, rels: Any, hidden: Any,
               href: str | None) -> Iterator[tuple[str, Any]]:
    rpr = r.find(qn("w:rPr"))
    props = styles.run_props(p_style, rpr)
    run = Run("", bold=bool(props.get("b")) and not base.get("b"),
              italic=bool(props.get("i")) and not base.get("i"), href=href)
    look = looks_beyond(props, base, href is not None)
    for child in r:
        tag = child.tag
        if tag in _FIELD:
            yield ("field", child)
            continue
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if hidden is not None and hidden():
            continue
        if tag == qn("w:t"):
            if child.text:
                yield ("run", (Run(child.text, run.bold, run.italic, href), look))
        elif tag in (qn("w:br"), qn("w:cr")):
            kind = child.get(qn("w:type")) or "textWrapping"
            if kind == "textWrapping":
                yield ("run", (Run(BREAK), look))
            else:
                yield ("outside", "a page break" if kind == "page" else "a column break")
        elif tag == qn("w:noBreakHyphen"):
            yield ("run", (Run("-", run.bold, run.italic, href), look))
        elif tag == qn("w:softHyphen"):
            continue
        elif tag in _PICTURES:
            yield ("picture", _alt(child))
        elif tag in _OUTSIDE:
            yield ("outside", _OUTSIDE[tag])


def inline_of(found: Found) -> Inline:
    return tuple(found.runs)


def looks_named(looks: Iterable[frozenset]) -> list[str]:
    """Properties outside the vocabulary, as a reader would call them."""
    return sorted({SHOWN[name] for look in looks for name, _ in look})


# ---------------------------------------------------------------------------- paragraphs

_ALIGN = {"center": "centred", "right": "right-aligned", "end": "right-aligned",
          "both": "justified", "distribute": "justified"}


def paragraph_looks(p: Any) -> list[str]:
    """A paragraph's own formatting outside the vocabulary: alignment, borders, shading."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return []
    found = []
    jc = ppr.find(qn("w:jc"))
    if jc is not None and jc.get(qn("w:val")) in _ALIGN:
        found.append(f"{_ALIGN[jc.get(qn('w:val'))]} text")
    if ppr.find(qn("w:pBdr")) is not None:
        found.append("a border")
    shd = ppr.find(qn("w:shd"))
    if shd is not None and (shd.get(qn("w:fill")) or "auto").lower() not in ("auto", "ffffff"):
        found.append("shading")
    return found


def is_list_style(style_id: str) -> bool:
    return style_id.startswith(("ListBullet", "ListNumber", "ListParagraph", "ListContinue",
                                "List"))
