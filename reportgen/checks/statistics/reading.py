"""A published edition read as a person reads it: sections under their headings, paragraphs,
tables with their header row and row headers, chart alt text, headers and footers. One shape for
the Word document, the web edition and the data workbook, so each is checked the same way.

Word is read from its XML, not through python-docx's paragraph text: text inside content
controls (w:sdt, block or inline), inserted text and text boxes counts; deleted text, field
instructions and the results of page-number and contents fields do not."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from reportgen.formatting import date as format_date
from reportgen.ooxml import package
from reportgen.ooxml import text as ooxml_text
from reportgen.ooxml.names import NS, W

_SPACED = {ord("\t"): " ", ord("\n"): " "}



def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Table:
    number: int
    caption: str
    header: list[str]
    rows: list[list[str]]
    section: int


@dataclass
class Unit:
    where: str
    text: str
    role: str  # heading, text, cell, alt, header, footer
    section: int
    table: Table | None = None
    row: int = -1  # the body row (-1: a header cell)
    col: int = 0
    node: Any = None  # the element the text is in (for the planted-error generator)


@dataclass
class Section:
    title: str
    level: int
    path: str = ""  # the headings it is under, and its own: "2.1 Assessment › Strengths"


@dataclass
class EditionText:
    """One edition of a report as read: its format, language and every piece of text."""

    format: str  # docx, html, xlsx
    lang: str | None
    units: list[Unit] = field(default_factory=list)
    sections: list[Section] = field(default_factory=lambda: [Section("", 0)])
    tables: list[Table] = field(default_factory=list)
    parts: dict[str, Any] = field(default_factory=dict)  # Word: the parsed XML parts

    def start_section(self, title: str, level: int) -> None:
        above = [s for s in self.sections if s.level and s.level < level]
        parents: list[Section] = []
        for s in above:  # the nearest heading of each higher level, in order
            parents = [p for p in parents if p.level < s.level] + [s]
        path = " › ".join([p.title for p in parents] + [title]) if title else ""
        self.sections.append(Section(title, level, path))

    @property
    def section(self) -> int:
        return len(self.sections) - 1

    def add(self, where: str, text: str, role: str, **kw: Any) -> None:
        if text.strip():
            self.units.append(Unit(where, text, role, self.section, **kw))


class ReadError(ValueError):
    pass


def read(content: bytes) -> EditionText:
    """An edition from its bytes: a Word document, a web page or a workbook."""
    if package.is_word(content):
        return read_word(package.xml_parts(content))
    if package.is_workbook(content):
        return read_workbook(content)
    if content.lstrip()[:100].lower().startswith((b"<!doctype html", b"<html")):
        return read_web(content)
    raise ReadError("expected a Word document (.docx), a web edition (.html) or a data "
                    "workbook (.xlsx)")


# ------------------------------------------------------------------------------- Word


def read_word(parts: Mapping[str, bytes | Any]) -> EditionText:
    """A Word document from its XML parts (bytes, or already parsed elements)."""
    trees = {n: p if isinstance(p, etree._Element) else etree.fromstring(p)
             for n, p in parts.items()
             if n in ("word/document.xml", "word/_rels/document.xml.rels", "docProps/core.xml")
             or re.match(r"word/(header|footer|footnotes|endnotes)\d*\.xml$", n)}
    lang = trees.get("docProps/core.xml")
    found = lang.findtext("dc:language", namespaces=NS) if lang is not None else None
    ed = EditionText("docx", (found or "").split("-")[0] or None, parts=trees)
    styles = parts.get("word/styles.xml", b"")
    reader = _WordReader(ed, _heading_styles(styles if isinstance(styles, bytes) else b""))
    reader.block(trees["word/document.xml"].find("w:body", NS))
    ed.start_section("", 0)  # headers, footers and notes: a section of their own
    for name in sorted(trees):
        kind = re.match(r"word/(header|footer|footnotes|endnotes)(\d*)\.xml$", name)
        if kind:
            reader.furniture(trees[name], kind.group(1).rstrip("s"), kind.group(2) or "")
    return ed


def _heading_styles(styles: bytes) -> dict[str, int]:
    found = {m.group(1).decode(): int(m.group(2)) for m in re.finditer(
        rb'w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="[Hh]eading (\d)"', styles)}
    return found or {f"Heading{n}": n for n in range(1, 7)}


class _WordReader:
    def __init__(self, ed: EditionText, headings: dict[str, int]) -> None:
        self.ed, self.headings = ed, headings
        self.paragraphs = self.tables = self.pictures = 0
        self.fields = ooxml_text.Fields()  # complex fields open here (they span paragraphs)
        self.caption = ""

    def block(self, parent: Any) -> None:
        for child in parent:
            if child.tag == _w("p"):
                self.paragraph(child)
            elif child.tag == _w("tbl"):
                self.table(child)
            elif child.tag == _w("sdt"):
                content = child.find("w:sdtContent", NS)
                if content is not None:
                    self.block(content)
            elif child.tag in (_w("ins"), _w("customXml")):
                self.block(child)

    def paragraph(self, p: Any) -> None:
        self.paragraphs += 1
        text, boxes, alts = self.text(p)
        style = p.find("w:pPr/w:pStyle", NS)
        style_id = style.get(_w("val")) if style is not None else ""
        level = self.headings.get(style_id) or _outline(p)
        where = f"paragraph {self.paragraphs}"
        if level and text.strip():
            self.ed.start_section(text.strip(), level)
            self.ed.add(where, text, "heading", node=p)
        else:
            self.ed.add(where, text, "text", node=p)
        if text.strip():  # a table's caption is the paragraph just before it
            self.caption = text.strip() if "caption" in style_id.lower() else ""
        for descr in alts:
            self.pictures += 1
            self.ed.add(f"alt text of picture {self.pictures}", descr, "alt", node=p)
        for box in boxes:
            self.block(box)

    def text(self, p: Any) -> tuple[str, list[Any], list[str]]:
        """The paragraph's text (a tab or line break read as a space), the text boxes inside
        it, and its pictures' alt text."""
        out: list[str] = []
        boxes: list[Any] = []
        alts: list[str] = []
        for piece in ooxml_text.pieces(p, self.fields):
            if isinstance(piece, str):
                out.append(piece)
            elif isinstance(piece, ooxml_text.TextBox):
                boxes.append(piece.content)
            else:
                alts.append(piece.alt)
        return "".join(out).translate(_SPACED), boxes, alts

    def table(self, tbl: Any) -> None:
        self.tables += 1
        rows = [[self._cell_text(tc) for tc in _cells(tr)] for tr in tbl.findall("w:tr", NS)]
        trs = tbl.findall("w:tr", NS)
        heads = sum(1 for _ in _leading_headers(trs)) or 1
        table = Table(self.tables, self.caption, rows[heads - 1] if rows else [],
                      rows[heads:], self.ed.section)
        self.caption = ""
        self.ed.tables.append(table)
        for r, tr in enumerate(trs):
            for c, (tc, text) in enumerate(zip(_cells(tr), rows[r], strict=True)):
                self.ed.add(f"table {table.number}, row {r + 1}, column {c + 1}", text, "cell",
                            table=table, row=r - heads, col=c, node=tc)
        for tc in (tc for tr in trs for tc in _cells(tr)):
            for descr in (d.get("descr") or "" for d in tc.iter(f"{{{NS['wp']}}}docPr")):
                self.pictures += 1
                self.ed.add(f"alt text of picture {self.pictures}", descr, "alt", node=tc)

    def _cell_text(self, tc: Any) -> str:
        texts = []
        for p in tc.iter(_w("p")):
            texts.append(self.text(p)[0])
        return " ".join(t for t in texts if t)

    def furniture(self, root: Any, kind: str, number: str) -> None:
        for n, p in enumerate(root.iter(_w("p")), 1):
            text = self.text(p)[0]
            self.ed.add(f"{kind} {number or ''}".strip() + f", paragraph {n}", text,
                        kind if kind in ("header", "footer") else "text", node=p)


def _outline(p: Any) -> int:
    level = p.find("w:pPr/w:outlineLvl", NS)
    return int(level.get(_w("val"))) + 1 if level is not None else 0


def _cells(tr: Any) -> list[Any]:
    """A row's cells, including those inside content controls."""
    found = []
    for child in tr:
        if child.tag == _w("tc"):
            found.append(child)
        elif child.tag == _w("sdt"):
            found += child.findall(".//w:tc", NS)
    return found


def _leading_headers(trs: list[Any]) -> Iterator[Any]:
    for tr in trs:
        mark = tr.find("w:trPr/w:tblHeader", NS)
        if mark is None or mark.get(_w("val"), "true") in ("0", "false"):
            return
        yield tr


# --------------------------------------------------------------------------- web edition


def read_web(content: bytes) -> EditionText:
    root = html.fromstring(content)
    ed = EditionText("html", (root.get("lang") or "").split("-")[0] or None)
    body = root.find("body")
    counts = {"p": 0, "table": 0, "img": 0}
    for el in body.iter() if body is not None else ():
        if not isinstance(el.tag, str) or _inside(el, ("nav", "table", "figcaption")):
            continue
        if el.tag in ("h1", "h2", "h3", "h4"):
            ed.start_section(el.text_content().strip(), int(el.tag[1]))
            ed.add(f"heading {el.text_content().strip()!r}", el.text_content(), "heading",
                   node=el)
        elif el.tag in ("p", "li", "figcaption", "dd"):
            counts["p"] += 1
            ed.add(f"paragraph {counts['p']}", " ".join(_own_text(el).split()), "text",
                   node=el)
        elif el.tag == "table":
            counts["table"] += 1
            _web_table(ed, el, counts["table"])
        elif el.tag == "img":
            counts["img"] += 1
            ed.add(f"alt text of picture {counts['img']}", el.get("alt") or "", "alt", node=el)
    return ed


def _own_text(el: Any) -> str:
    """An element's text as a reader reads it: a line break is a space, and a list or
    paragraph inside it (a list item's own list) is read on its own, not twice."""
    out = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            pass
        elif child.tag == "br":
            out.append(" ")
        elif child.tag not in ("ul", "ol", "p", "table", "figure"):
            out.append(_own_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _inside(el: Any, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def _web_table(ed: EditionText, el: Any, number: int) -> None:
    caption = el.find("caption")
    trs = el.findall(".//tr")
    rows = [[" ".join(c.text_content().split()) for c in tr if c.tag in ("th", "td")]
            for tr in trs]
    heads = max(1, len(el.findall("thead/tr")))
    table = Table(number, caption.text_content().strip() if caption is not None else "",
                  rows[heads - 1] if rows else [], rows[heads:], ed.section)
    ed.tables.append(table)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            ed.add(f"table {number}, row {r + 1}, column {c + 1}", text, "cell", table=table,
                   row=r - heads, col=c, node=trs[r])


# ------------------------------------------------------------------------------ workbook


def read_workbook(content: bytes) -> EditionText:
    # imported when needed: the CLI starts sooner
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), data_only=True)
    ed = EditionText("xlsx", (wb.properties.language or "").split("-")[0] or None)
    for n, ws in enumerate(wb.worksheets, 1):
        ed.start_section(ws.title, 1)
        rows = [[_shown(v, ed.lang) for v in row] for row in ws.iter_rows(values_only=True)]
        if ws.tables:
            table = Table(n, ws.title, rows[0], rows[1:], ed.section)
            ed.tables.append(table)
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    ed.add(f"sheet {ws.title!r}, cell {_cell_name(r, c)}", text, "cell",
                           table=table, row=r - 1, col=c)
        else:
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if c and row[0]:  # a cover sheet: label, value
                        ed.add(f"sheet {ws.title!r}, cell {_cell_name(r, c)}",
                               f"{row[0]}: {text}", "text")
    return ed


def _shown(value: Any, lang: str | None) -> str:
    """A cell's value as a person reads it: a date as a date ("2 February 2026")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day, lang if lang in ("en", "cy") else "en")  # type: ignore[arg-type]
    return str(value)


def _cell_name(row: int, col: int) -> str:
    # imported when needed: the CLI starts sooner
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter(col + 1)}{row + 1}"
