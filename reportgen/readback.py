"""Reading an edited Word edition back into the data.

An edition handed out for editing holds each narrative segment in a content control tagged with
its address in the data (reportgen.render.controls) and names, in its custom properties, the
report and data version it was made from. Read against that edition as it was handed out, an
edited copy gives each segment whose text changed (a change to the data), or refusals that each
name their place:

- tracked changes not yet accepted or rejected, and comments left open;
- a content control deleted or duplicated;
- fixed wording or a figure edited: the template's wording is the template's, and figures are
  made from the data (change the data, and the statistics stay true).
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from reportgen.bundle import AddressError, Bundle
from reportgen.checks.upload import check_docx
from reportgen.docxtext import text_of
from reportgen.errors import InputError, Problem
from reportgen.jsonpath import keys_of, split_address
from reportgen.render.controls import label, ours
from reportgen.render.postprocess import CUSTOM_PROPERTIES

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
TRACKED = {qn(f"w:{t}") for t in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange",
                                  "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange")}
_REMOVED = {qn("w:del"), qn("w:moveFrom")}  # text that accepting the changes removes
MAX_SHOWN = 12  # refusals listed in full before "and N more"


class EditsRefused(InputError):
    """An edited document that cannot be read back, with every reason."""


@dataclass(frozen=True)
class Segment:
    address: str
    text: str
    where: str


@dataclass
class Reading:
    """What an edition holds, as far as reading it back goes."""

    lang: str | None
    properties: dict[str, str]
    segments: list[Segment] = field(default_factory=list)
    fixed: list[tuple[str, str]] = field(default_factory=list)  # (where, wording) a paragraph
    tracked: list[str] = field(default_factory=list)  # where tracked changes are
    comments: list[str] = field(default_factory=list)  # comments left open


@dataclass(frozen=True)
class Change:
    address: str
    lang: str
    old: str
    new: str

    def line(self) -> str:
        return f"{self.address} ({self.lang}):\n  - {self.old}\n  + {self.new}"


# ------------------------------------------------------------------------------ reading


def read(content: bytes, source: str, accept_tracked: bool = False) -> Reading:
    content = check_docx(content, source)  # from outside: refused, or rewritten, first
    try:
        doc = Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises many kinds for what is not a .docx
        raise InputError([Problem("the document", "a Word document (.docx)",
                                  f"something else ({str(exc)[:80]})", source=source)]) from None
    reading = Reading(_language(doc), _custom_properties(content))
    seen: list[list[str]] = []
    for part_name, root in _stories(doc):
        story = Reading(reading.lang, {})
        _read_story(story, part_name, root, accept_tracked)
        wording = [text for _, text in story.fixed]
        if part_name != "body" and wording in seen:
            continue  # the same header or footer again (first page, even pages)
        seen.append(wording)
        reading.segments += story.segments
        reading.fixed += story.fixed
        reading.tracked += story.tracked
    reading.comments = _open_comments(doc)
    return reading


def _language(doc: Any) -> str | None:
    tag = doc.core_properties.language or ""
    return {"en-GB": "en", "cy-GB": "cy"}.get(tag, tag.split("-")[0] or None)


def _custom_properties(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        try:
            xml = z.read(CUSTOM_PROPERTIES.lstrip("/"))
        except KeyError:
            return {}
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    return {p.get("name"): "".join(p.itertext()) for p in root if p.get("name")}


def _stories(doc: Any) -> Iterator[tuple[str, Any]]:
    yield "body", doc.element.body
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            yield rel.reltype.rsplit("/", 1)[1], rel.target_part.element


def _read_story(reading: Reading, story: str, root: Any, accept_tracked: bool) -> None:
    heading = ""
    fields = _Fields()
    pending = ""  # a paragraph whose mark was deleted runs on into the next
    for n, p in enumerate(root.iter(qn("w:p")), start=1):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = style.get(qn("w:val")) if style is not None else ""
        where = _where(story, heading, n)
        if not accept_tracked and any(el.tag in TRACKED for el in p.iter()):
            reading.tracked.append(where)
        wording = _wording(p, reading, where, fields)  # fields are followed everywhere
        if _in_contents(p):
            continue
        wording = pending + wording
        mark_deleted = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None
        if accept_tracked and mark_deleted:
            pending = wording
            continue
        pending = ""
        if name.lower().startswith("heading"):
            heading = text_of(p).strip()
        if _normal(wording):
            reading.fixed.append((where, _normal(wording)))


def _where(story: str, heading: str, n: int) -> str:
    place = f"the {story}" if story != "body" else (f"under “{heading}”" if heading
                                                    else "before the first heading")
    return f"{place}, paragraph {n}"


def _in_contents(p: Any) -> bool:
    """A paragraph of the table of contents, which LibreOffice and Word rebuild on their own."""
    for sdt in p.iterancestors(qn("w:sdt")):
        gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
        if gallery is not None and "Contents" in (gallery.get(qn("w:val")) or ""):
            return True
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style is not None and re.match(r"(?i)^(toc|contents)\s*\d", style.get(qn("w:val"))
                                          or "") is not None


class _Fields:
    """Where field results are (page numbers, the contents): made by Word, not wording."""

    def __init__(self) -> None:
        self.depth = 0  # fields open
        self.in_result: list[bool] = []

    def step(self, el: Any) -> None:
        kind = el.get(qn("w:fldCharType"))
        if kind == "begin":
            self.in_result.append(False)
        elif kind == "separate" and self.in_result:
            self.in_result[-1] = True
        elif kind == "end" and self.in_result:
            self.in_result.pop()

    @property
    def hidden(self) -> bool:
        return any(self.in_result)


def _wording(p: Any, reading: Reading, where: str, fields: _Fields) -> str:
    """The paragraph's fixed wording, each segment's text replaced by a mark naming it; the
    segments are recorded as found."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _REMOVED or tag == qn("w:instrText"):
                continue
            if tag == qn("w:sdt") and (addr := ours(child)) is not None:
                content = child.find(qn("w:sdtContent"))
                text = text_of(content) if content is not None else ""
                reading.segments.append(Segment(addr, text, where))
                out.append(f"⟦{addr}⟧")
            elif tag == qn("w:fldChar"):
                fields.step(child)
            elif tag == qn("w:fldSimple"):
                continue
            elif tag == qn("w:t"):
                if not fields.hidden:
                    out.append(child.text or "")
            elif tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                if not fields.hidden:
                    out.append(" ")
            else:
                walk(child)

    walk(p)
    return "".join(out)


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
                     f"“{_short(text_of(c))}”")
    return found


def _short(text: str, limit: int = 70) -> str:
    text = _normal(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------- comparing


def compare(base: Reading, edited: Reading, source: str) -> list[Change]:
    """The segments the edited copy changes, or EditsRefused with every reason."""
    problems: list[Problem] = []

    def refuse(where: str, expected: str, found: str) -> None:
        problems.append(Problem(where, expected, found, source=source))

    if edited.lang != base.lang:
        refuse("the document", f"the {base.lang} edition", f"a document in {edited.lang}")
    for where in edited.tracked:
        refuse(where, "no tracked changes (accept or reject them in Word, or read the document "
               "with --accept-tracked)", "a tracked change")
    for comment in edited.comments:
        refuse("the comments", "every comment resolved or deleted", comment)
    changes = _segment_changes(base, edited, refuse)
    _fixed_wording(base, edited, refuse)
    if problems:
        shown = problems[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            shown.append(Problem("the document", "no more problems",
                                 f"{len(problems) - MAX_SHOWN} more", source=source))
        raise EditsRefused(shown)
    return changes


def _segment_changes(base: Reading, edited: Reading, refuse: Any) -> list[Change]:
    before: dict[str, list[Segment]] = {}
    after: dict[str, list[Segment]] = {}
    for seg in base.segments:
        before.setdefault(seg.address, []).append(seg)
    for seg in edited.segments:
        after.setdefault(seg.address, []).append(seg)
    for addr, segs in before.items():
        found = after.get(addr, [])
        if len(found) < len(segs):
            refuse(segs[0].where, f"the box “{label(addr)}” ({addr}) kept (to remove a "
                   "finding, empty its box instead)", "it was deleted")
    changes = []
    for addr, segs in after.items():
        if addr not in before:
            refuse(segs[0].where, "only the boxes the edition was made with",
                   f"a box for {addr}, which the edition did not have")
            continue
        if len(segs) > len(before[addr]):
            refuse(segs[-1].where, f"the box “{label(addr)}” once", "it was duplicated")
            continue
        old = _normal(before[addr][0].text)
        new = {_normal(s.text) for s in segs} - {old}
        if len(new) > 1:
            refuse(segs[0].where, f"the same text wherever {addr} appears",
                   " and ".join(f"“{_short(t)}”" for t in sorted(new)))
        elif new:
            changes.append(Change(addr, edited.lang or "en", old, new.pop()))
    return changes


def _fixed_wording(base: Reading, edited: Reading, refuse: Any) -> None:
    old = [text for _, text in base.fixed]
    new = [text for _, text in edited.fixed]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        where = edited.fixed[j1][0] if j1 < len(new) else base.fixed[min(i1, len(old) - 1)][0]
        was = " / ".join(_short(_unmarked(t)) for t in old[i1:i2]) or "nothing"
        now = " / ".join(_short(_unmarked(t)) for t in new[j1:j2]) or "nothing"
        refuse(where, f"the wording and figures as made (“{was}”): change figures in the data "
               "and fixed wording in the template", f"“{now}”")


def _unmarked(text: str) -> str:
    return re.sub(r"⟦[^⟧]*⟧", "…", text)


# ----------------------------------------------------------------------------- applying


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
    bundle.load(label_)  # every problem, with its path, before anything is kept
    return bundle


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


REPORTS = {"pdu-inspection": "pdu-report", "regional-inspection": "regional-report"}


def against_data(bundle: Bundle, content: bytes, source: str,
                 accept_tracked: bool = False) -> list[Change]:
    """The changes an edited report makes to data not (yet) tracked: read against the edition
    the data makes now, in the edited document's language."""
    from reportgen import pipeline  # rendering is below reading back; imported when needed

    edited = read(content, source, accept_tracked)
    loaded = bundle.load()
    doc = REPORTS.get(loaded.data.kind)
    if doc is None:
        raise InputError([Problem("$.kind", "a PDU or regional inspection (a report's data)",
                                  loaded.data.kind, source=bundle.main)])
    [job] = pipeline.jobs_for(loaded, [doc], [edited.lang or "en"])
    base = read(pipeline.render_docx(job, draft=edited.lang == "cy"), bundle.main)
    return compare(base, edited, source)
