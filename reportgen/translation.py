"""The translation workflow for Welsh editions: export the segments of an inspection's data
(XLIFF or PO, through translate-toolkit), import the translations back, confirm Welsh that
arrived another way, and report what is translated, missing, stale or unconfirmed.

A segment is every translatable text of the data, narrative and names alike (a name's "in
<place>" form, mutated in Welsh, is a segment of its own), named by its address: its JSON path,
prefixed by the file for a file a region names (pdus/gwent.json#$.pdu.name). Every Welsh text
records a fingerprint of the English it translates (`cy_source`), however it arrived:

- translated: Welsh made from the English now held;
- stale: Welsh made from English that has since changed;
- unconfirmed: Welsh with no record of its English (typed into the data): listed until a
  translator confirms it (`confirm`);
- missing: no Welsh.

Formatted narrative (reportgen.model.formatted) travels with its formatting as inline codes
translators keep: in XLIFF, <g> around bold, italic, a link, a paragraph, a list and its items
and <x/> for a line break (each id names its kind: b1, i2, a3, p4, ul5, li6, br7; a link's
address in a note); in PO, the markup's own tags (<b>…</b>, <a href="…">…</a>, <br/>). A unit
is formatted when its English or its Welsh is; its translation is read back through the same
checks as the data's, each problem named by its unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree
from pydantic import BaseModel
from translate.storage import po, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as codes

from reportgen import glossary
from reportgen.bundle import Bundle
from reportgen.errors import InputError, Problem
from reportgen.jsonpath import address, jsonpath
from reportgen.model import Name, Text, formatted
from reportgen.model.common import fingerprint
from reportgen.model.formatted import Formatted
from reportgen.ooxml.upload import DTD
from reportgen.reading import Loaded

Format = Literal["xliff", "po"]
State = Literal["translated", "missing", "stale", "unconfirmed"]
STATES: tuple[State, ...] = ("translated", "missing", "stale", "unconfirmed")
PO_PLURALS = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Segment:
    keys: tuple[str | int, ...]  # where the Text is in its file
    text: Text
    file: str | None = None  # None: the main file
    place_in: bool = False  # the Welsh "in <name>" form of a Name, not the name itself

    @property
    def id(self) -> str:
        return address(jsonpath(self.keys) + (".cy_in" if self.place_in else ""), self.file)

    @property
    def text_address(self) -> str:
        """The address of the Text itself (a name's, for its "in" form)."""
        return address(jsonpath(self.keys), self.file)

    @property
    def english(self) -> str:
        return f"in {self.text.en}" if self.place_in else self.text.en

    @property
    def welsh(self) -> str | None:
        return getattr(self.text, "cy_in", None) if self.place_in else self.text.cy

    @property
    def state(self) -> State:
        if self.welsh is None:
            return "missing"
        if self.text.cy_source is None:
            return "unconfirmed"
        return "stale" if self.text.cy_source != self.text.fingerprint else "translated"

    @property
    def words(self) -> int:
        return len(self.english.split())

    @property
    def formatted(self) -> bool:
        """Either language formatted: the unit carries its formatting as inline codes."""
        return isinstance(self.english, Formatted) or isinstance(self.welsh, Formatted)


def segments(value: Any, keys: tuple[str | int, ...] = (),
             file: str | None = None) -> Iterator[Segment]:
    """Every translatable text of a model, in file order; a name gives two segments."""
    if isinstance(value, Text):
        yield Segment(keys, value, file)
        if isinstance(value, Name):
            yield Segment(keys, value, file, place_in=True)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from segments(getattr(value, name), (*keys, name), file)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from segments(v, (*keys, k), file)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from segments(v, (*keys, i), file)


def data_segments(loaded: Loaded) -> list[Segment]:
    """The segments of an input and of every file it names (a region's PDU files)."""
    found = list(segments(loaded.data))
    entries = [e for e in getattr(loaded.data, "pdus", []) if getattr(e, "file", None)]
    for entry, pdu in zip(entries, loaded.pdus.values(), strict=False):
        found += segments(pdu, file=entry.file)
    return found


# Where the Welsh a segment is set in needs a word of grammar the segment alone cannot show.
DYLAI = ('follows "Dylai …:" (… should:): begin with the verb-noun soft-mutated, as after '
         '"Dylai": leihau, wella, ddatblygu, gryfhau, fonitro, sicrhau (s does not mutate)')


def translator_note(seg: Segment) -> str | None:
    """A note for the translator where the Welsh around a segment constrains it."""
    if len(seg.keys) >= 2 and seg.keys[-1] == "text" and "recommendations" in seg.keys[:-2]:
        return DYLAI
    return None


# ------------------------------------------------------------------------------- status


def unconfirmed_terms(loaded: Loaded) -> list[Any]:
    """The glossary's and framework's Welsh not yet settled that a Welsh edition of the data
    uses (none for an inspection in England): a Welsh editor confirms it with `reportgen
    glossary confirm`."""
    data: Any = loaded.data
    region = getattr(data, "region", None)
    if region is not None and not region.in_wales:
        return []
    scope = {"pdu-inspection": "pdu", "regional-inspection": "regional",
             "national-review": "national"}.get(data.kind)
    return glossary.unconfirmed(scope=scope)


def status(loaded: Loaded, name: str) -> dict[str, Any]:
    segs = data_segments(loaded)
    counts = {state: sum(s.state == state for s in segs) for state in STATES}
    todo = [s for s in segs if s.state != "translated"]
    return {
        "name": name, "segments": len(segs), **counts,
        "unconfirmed_terms": [{"en": w.en, "cy": w.cy, "status": w.status}
                              for w in unconfirmed_terms(loaded)],
        "words_to_translate": sum(s.words for s in todo),
        "to_translate": [{"id": s.id, "state": s.state, "english": s.english,
                          "welsh": s.welsh} for s in todo],
    }


def done(report: dict[str, Any]) -> bool:
    return not any(report[state] for state in STATES if state != "translated")


# ------------------------------------------------------------------------------- export

# The English a stale or unconfirmed segment's Welsh was made from, if it can be found (in
# the earlier versions of a tracked report's data).
Previous = Callable[[Segment], str | None]


def export(loaded: Loaded, name: str, fmt: Format, todo_only: bool = False,
           previous: Previous = lambda _: None) -> tuple[bytes, int, int]:
    """Segments for translators: bytes, segments exported, English words in them (to quote
    from). With `todo_only`, only the missing, stale and unconfirmed ones. A stale segment
    comes with its old English and old Welsh as context (XLIFF alt-trans; PO previous msgid,
    the old Welsh as a fuzzy translation to correct)."""
    chosen = [s for s in data_segments(loaded) if not todo_only or s.state != "translated"]
    store: Any
    if fmt == "xliff":
        store = xliff.xlifffile(sourcelanguage="en")
        store.settargetlanguage("cy")
    else:
        store = po.pofile()
        store.updateheader(add=True, Language="cy", Project_Id_Version=name,
                           Plural_Forms=PO_PLURALS)
    for seg in chosen:
        unit = store.addsourceunit(str(seg.english))
        if seg.formatted:
            _formatted_source(unit, seg.english, fmt)
        unit.setid(seg.id) if fmt == "xliff" else unit.setcontext(seg.id)
        unit.addnote(f"fingerprint: {seg.text.fingerprint}", origin="developer")
        unit.addnote(f"status: {seg.state}", origin="developer")
        if seg.place_in:
            unit.addnote("the Welsh for \"in <name>\", mutated after \"yn\" (yng Nghaerdydd)",
                         origin="developer")
        if (note := translator_note(seg)) is not None:
            unit.addnote(note, origin="developer")
        _context(unit, seg, fmt, previous(seg) if seg.state == "stale" else None)
    if fmt == "xliff":
        store.setfilename(store.getfilenode("NoName"), name)
    return bytes(store), len(chosen), sum(s.words for s in chosen)


def _context(unit: Any, seg: Segment, fmt: Format, old_english: str | None) -> None:
    if seg.welsh is None:
        return
    if seg.state in ("translated", "unconfirmed"):
        _target(unit, seg, fmt)  # to confirm or keep, not to translate again
        return
    if fmt == "xliff":
        unit.addalttrans(str(seg.welsh), origin="previous translation", lang="cy",
                         sourcetxt=old_english or "")
    else:
        _target(unit, seg, fmt)
        unit.markfuzzy(True)
        if old_english:
            unit.prev_source = old_english


# ------------------------------------------------------------------------ inline codes

FORMATTED_NOTE = ("formatted text: keep the inline codes (bold, italic, links, line breaks, "
                  "paragraphs, lists) around the words they belong to")
PO_NOTE = ("formatted text: keep the tags <b>…</b>, <i>…</i>, <a href=\"…\">…</a>, <br/>, <p>, "
           "<ul>/<ol> and <li> around the words they belong to; write &lt; for < and &amp; "
           "for &")
_CTYPE = {"b": "bold", "i": "italic", "a": "x-link", "br": "lb", "p": "x-paragraph",
          "ul": "x-bulleted-list", "ol": "x-numbered-list", "li": "x-list-item"}
_LINK_NOTE = re.compile(r"^link (a\d+): (\S+)$")


def _markup(value: str) -> str:
    """A value as markup: formatted text's own, plain text escaped as markup of one paragraph."""
    if isinstance(value, Formatted):
        return value.markup
    return formatted.markup_of(formatted.plain_blocks(value))


def _formatted_source(unit: Any, english: str, fmt: Format) -> None:
    if fmt == "po":
        unit.source = _markup(english)
        unit.addnote(PO_NOTE, origin="developer")
        return
    elem, hrefs = _codes(_markup(english))
    unit.rich_source = [elem]
    unit.addnote(FORMATTED_NOTE, origin="developer")
    for code, href in hrefs.items():
        unit.addnote(f"link {code}: {href}", origin="developer")


def _target(unit: Any, seg: Segment, fmt: Format) -> None:
    welsh = seg.welsh or ""
    if not seg.formatted:
        unit.target = welsh
    elif fmt == "po":
        unit.target = _markup(welsh)
    else:
        unit.rich_target = [_codes(_markup(welsh))[0]]


def _codes(markup: str) -> tuple[StringElem, dict[str, str]]:
    """Markup as XLIFF inline codes, each id naming its kind; and each link's address by id."""
    root = etree.fromstring(f"<f>{markup}</f>")
    counter = iter(range(1, 10_000))
    hrefs: dict[str, str] = {}

    def convert(el: Any) -> list[Any]:
        out: list[Any] = [el.text] if el.text else []
        for child in el:
            code = f"{child.tag}{next(counter)}"
            attrib = {"ctype": _CTYPE[child.tag]}
            if child.tag == "br":
                out.append(codes.X(id=code, xml_attrib=attrib))
            else:
                if child.tag == "a":
                    hrefs[code] = child.get("href")
                out.append(codes.G(convert(child), id=code, xml_attrib=attrib))
            if child.tail:
                out.append(child.tail)
        return out

    return StringElem(convert(root)), hrefs


def _from_codes(elem: Any, hrefs: dict[str, str]) -> str:
    """XLIFF inline codes back as markup; an unknown code or link is a MarkupError."""
    if isinstance(elem, str):
        return str(formatted.escape(elem))
    kind = re.match(r"^([a-z]+)\d+$", getattr(elem, "id", None) or "")
    inner = "".join(_from_codes(sub, hrefs) for sub in elem.sub)
    if type(elem) is StringElem:
        return inner
    if kind is None or kind.group(1) not in _CTYPE or \
            isinstance(elem, codes.X) != (kind.group(1) == "br"):
        raise formatted.MarkupError("only the inline codes of the source",
                                    f"a code {getattr(elem, 'id', None)!r}")
    tag = kind.group(1)
    if tag == "br":
        return "<br/>"
    if tag == "a":
        href = hrefs.get(elem.id)
        if href is None:
            raise formatted.MarkupError("links that the source has", f"a link {elem.id!r}")
        return f"<a href={formatted.quoteattr(href)}>{inner}</a>"
    return f"<{tag}>{inner}</{tag}>"


# ------------------------------------------------------------------------------- import


def units(content: bytes, name: str) -> list[tuple[str, str, str]]:
    """(segment id, English source, Welsh target) of every translated unit; a PO entry still
    marked fuzzy has not been translated yet. A file with no translated unit is refused, saying
    what it held: importing it would change nothing."""
    suffix = name.rsplit(".", 1)[-1].lower()
    if DTD.search(content):  # entities expanded, or fetched: no translation file needs one
        raise InputError([Problem("$", "a translation file without a DTD or entities",
                                  "a file that declares them", source=name)])
    try:
        if suffix in ("xlf", "xliff"):
            store: Any = xliff.xlifffile.parsestring(content)
            found = [(u.getid().split("\x04")[-1], *_xliff_texts(u), False)
                     for u in store.units]
        elif suffix == "po":
            store = po.pofile.parsestring(content)
            found = [(u.getcontext(), *_po_texts(u), u.isfuzzy()) for u in store.units
                     if not u.isheader()]
        else:
            raise InputError([Problem("$", "a .xlf, .xliff or .po file", f"a .{suffix} file",
                                      source=name)])
    except InputError:
        raise
    except Exception as exc:  # the toolkit's parsers raise many kinds
        raise InputError([Problem("$", "a readable XLIFF or PO file", str(exc)[:120],
                                  source=name)]) from None
    translated = [(i, s or "", t or "") for i, s, t, fuzzy in found
                  if t and t.strip() and not fuzzy]
    if not translated:
        fuzzy = sum(1 for *_, f in found if f)
        raise InputError([Problem("$", "at least one translated unit (Welsh in its target)",
                                  f"{len(found)} unit(s), none translated"
                                  + (f" ({fuzzy} still marked fuzzy)" if fuzzy else ""),
                                  source=name)])
    return translated


class _Unreadable(str):
    """A target whose formatting cannot be read back: the problem, kept for its unit."""

    problem: formatted.MarkupError


def _read_formatted(markup: str) -> str:
    try:
        return formatted.value_of(formatted.parse(markup))
    except formatted.MarkupError as exc:
        bad = _Unreadable(markup)
        bad.problem = exc
        return bad


def _xliff_texts(unit: Any) -> tuple[str, str]:
    notes = unit.getnotes("developer") or ""
    if FORMATTED_NOTE not in notes:
        if any(not isinstance(e, str) and type(e) is not StringElem
               for rich in unit.rich_target or [] for e in rich.flatten()):
            bad = _Unreadable(unit.target or "…")
            bad.problem = formatted.MarkupError("plain text (the English of this unit has no "
                                                "formatting)", "an inline code")
            return unit.source or "", bad
        return unit.source or "", unit.target or ""
    hrefs = {m.group(1): m.group(2) for line in notes.splitlines()
             if (m := _LINK_NOTE.match(line.strip()))}
    texts = []
    for rich in (unit.rich_source, unit.rich_target):
        try:
            markup = "".join(_from_codes(e, hrefs) for e in rich or [])
        except formatted.MarkupError as exc:
            bad = _Unreadable("…")
            bad.problem = exc
            texts.append(bad)
            continue
        texts.append(_read_formatted(markup) if markup.strip() else "")
    return texts[0], texts[1]


def _po_texts(unit: Any) -> tuple[str, str]:
    if PO_NOTE not in (unit.getnotes("developer") or ""):
        return unit.source or "", unit.target or ""
    target = unit.target or ""
    return _read_formatted(unit.source or ""), _read_formatted(target) if target.strip() else ""


def import_translations(bundle: Bundle, loaded: Loaded, content: bytes, name: str
                        ) -> tuple[Bundle, int, int]:
    """The data with the translations in, each recording the English it was made from; all or
    nothing. Returns (new data, translations imported, of which stale on arrival: made from
    English that has since changed)."""
    by_id = {s.id: s for s in data_segments(loaded)}
    problems, imported, stale = [], 0, 0
    for n, (unit_id, source, target) in enumerate(units(content, name), start=1):
        seg = by_id.get(unit_id)
        if seg is None:
            problems.append(Problem(f"unit {n}", "the id of a segment of the data",
                                    repr(unit_id), source=name))
            continue
        if isinstance(target, _Unreadable) or isinstance(source, _Unreadable):
            bad = target.problem if isinstance(target, _Unreadable) else source.problem
            problems.append(Problem(f"unit {n} ({unit_id})", bad.expected, bad.found,
                                    source=name))
            continue
        if _CONTROL.search(target):
            problems.append(Problem(f"unit {n} ({unit_id})", "text without control characters",
                                    "a control character", source=name))
            continue
        english = source[3:] if seg.place_in and source.startswith("in ") else source
        bundle = _with_welsh(bundle, seg, target, fingerprint(english))
        imported += 1
        stale += fingerprint(english) != seg.text.fingerprint
    if problems:
        raise InputError(problems)
    return bundle, imported, stale


def _with_welsh(bundle: Bundle, seg: Segment, welsh: str, source: str) -> Bundle:
    node = bundle.get(seg.text_address)
    node = dict(node) if isinstance(node, dict) else {"en": node}
    node["cy_in" if seg.place_in else "cy"] = formatted.to_json(welsh)
    node["cy_source"] = source
    return bundle.with_value(seg.text_address, node)


def confirm(bundle: Bundle, loaded: Loaded, ids: Iterable[str] = (),
            every_unconfirmed: bool = False) -> tuple[Bundle, list[str]]:
    """The data with the named segments' Welsh (or every unconfirmed one's) recorded as the
    translation of the English now held. Refuses ids that name no segment, or one with no
    Welsh to confirm."""
    segs = {s.id: s for s in data_segments(loaded)}
    wanted = list(ids)
    problems = [Problem(i, "the id of a segment with Welsh to confirm",
                        "no such segment" if i not in segs else "no Welsh yet")
                for i in wanted if i not in segs or segs[i].welsh is None]
    if problems:
        raise InputError(problems)
    if every_unconfirmed:
        wanted += [i for i, s in segs.items() if s.state == "unconfirmed" and i not in wanted]
    for i in wanted:
        seg = segs[i]
        bundle = _with_welsh(bundle, seg, seg.welsh or "", seg.text.fingerprint)
    return bundle, wanted
