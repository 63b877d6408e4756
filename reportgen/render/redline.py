"""A redline: the later of two editions of a report, with every difference from the earlier one
as a Word tracked change (w:ins, w:del) that Word and LibreOffice show, accept and reject.

Both editions are made from data by the same templates, so their paragraphs line up; a changed
narrative segment is compared word by word inside its content control, a changed paragraph of
figures or wording word by word across the paragraph, and a paragraph one edition has and the
other has not is marked inserted or deleted whole."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from reportgen.ooxml.text import visible_text
from reportgen.render.controls import ours
from reportgen.render.postprocess import save

Author = tuple[str, dt.datetime]  # who made a change, and when


class Marks:
    """Who made each change and when (by the address of the segment it is in, else the later
    edition's author), and a fresh id for each mark."""

    def __init__(self, default: Author, by_address: Mapping[str, Author]) -> None:
        self.default, self.by_address = default, by_address
        self.author = default
        self.ids = itertools.count(90001)

    def at(self, address: str | None) -> Marks:
        self.author = self.by_address.get(address or "", self.default)
        return self

    def element(self, doc: Any, kind: str) -> Any:
        name, when = self.author
        return doc.element.makeelement(qn(f"w:{kind}"), {
            qn("w:id"): str(next(self.ids)), qn("w:author"): name,
            qn("w:date"): when.strftime("%Y-%m-%dT%H:%M:%SZ")})


def redline(before: bytes, after: bytes, default: Author,
            by_address: Mapping[str, Author] | None = None) -> tuple[bytes, int]:
    """The later edition with its differences from the earlier as tracked changes, and how many
    changes were marked. A change inside a segment is the work of whoever `by_address` names
    for its address; any other, of `default`."""
    old, new = Document(io.BytesIO(before)), Document(io.BytesIO(after))
    marks = Marks(default, by_address or {})
    old_ps, new_ps = list(_paragraphs(old)), list(_paragraphs(new))
    matcher = difflib.SequenceMatcher(a=[visible_text(p) for p in old_ps],
                                      b=[visible_text(p) for p in new_ps], autojunk=False)
    count = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            count += _changed(new, old_ps[i1 + k], new_ps[j1 + k], marks)
        for p in new_ps[j1 + pairs:j2]:
            count += _inserted(new, p, marks)
        anchor = new_ps[j2] if j2 < len(new_ps) else None
        for p in old_ps[i1 + pairs:i2]:
            count += _deleted(new, p, anchor, marks)
    return save(new), count


def _paragraphs(doc: Any) -> Iterator[Any]:
    """Every paragraph of the body in order, table cells included, the contents left out."""
    for p in doc.element.body.iter(qn("w:p")):
        if not any(el.tag == qn("w:instrText") and "TOC" in (el.text or "") for el in p.iter()):
            yield p


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+$|^\s+|\S+\s*", text)


def _diff_runs(doc: Any, old: str, new: str, rpr: Any, marks: Marks) -> tuple[list[Any], int]:
    """Runs spelling `new`, with what differs from `old` marked deleted and inserted."""
    a, b = _tokens(old), _tokens(new)
    runs, count = [], 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(_run(doc, "".join(b[j1:j2]), rpr))
            continue
        count += 1
        if i2 > i1:
            deleted = marks.element(doc, "del")
            deleted.append(_run(doc, "".join(a[i1:i2]), rpr, "w:delText"))
            runs.append(deleted)
        if j2 > j1:
            inserted = marks.element(doc, "ins")
            inserted.append(_run(doc, "".join(b[j1:j2]), rpr))
            runs.append(inserted)
    return runs, count


def _run(doc: Any, text: str, rpr: Any, tag: str = "w:t") -> Any:
    run = doc.element.makeelement(qn("w:r"), {})
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = doc.element.makeelement(qn(tag), {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _first_rpr(el: Any) -> Any:
    run = el.find(f".//{qn('w:r')}")
    return run.find(qn("w:rPr")) if run is not None else None


def _changed(doc: Any, old_p: Any, new_p: Any, marks: Marks) -> int:
    """One paragraph changed: inside each changed content control if it has them, else across
    its text (a paragraph holding a picture is left as it is)."""
    old_controls = {ours(s): s for s in old_p.iter(qn("w:sdt")) if ours(s)}
    new_controls = [s for s in new_p.iter(qn("w:sdt")) if ours(s)]
    if new_controls:
        count = 0
        for sdt in new_controls:
            before = old_controls.get(ours(sdt))
            if before is not None and visible_text(before) != visible_text(sdt):
                count += _rewrite(doc, sdt.find(qn("w:sdtContent")), visible_text(before),
                                  visible_text(sdt), marks.at(ours(sdt)))
        return count
    if new_p.find(f".//{qn('w:drawing')}") is not None:
        return 0
    return _rewrite(doc, new_p, visible_text(old_p), visible_text(new_p), marks.at(None))


def _rewrite(doc: Any, holder: Any, old: str, new: str, marks: Marks) -> int:
    rpr = _first_rpr(holder)
    for child in list(holder):
        if child.tag != qn("w:pPr"):
            holder.remove(child)
    runs, count = _diff_runs(doc, old, new, rpr, marks)
    for run in runs:
        holder.append(run)
    return count


def _mark_paragraph(doc: Any, p: Any, kind: str, marks: Marks) -> None:
    """Mark the paragraph's own mark inserted or deleted, so the paragraph comes or goes whole."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = doc.element.makeelement(qn("w:pPr"), {})
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = doc.element.makeelement(qn("w:rPr"), {})
        ppr.append(rpr)
    rpr.append(marks.element(doc, kind))


def _inserted(doc: Any, p: Any, marks: Marks) -> int:
    text = visible_text(p)
    if not text.strip():
        return 0
    marks.at(next((ours(s) for s in p.iter(qn("w:sdt")) if ours(s)), None))
    _rewrite(doc, p, "", text, marks)
    _mark_paragraph(doc, p, "ins", marks)
    return 1


def _deleted(doc: Any, old_p: Any, anchor: Any, marks: Marks) -> int:
    text = visible_text(old_p)
    if not text.strip() or anchor is None:
        return 0
    marks.at(next((ours(s) for s in old_p.iter(qn("w:sdt")) if ours(s)), None))
    p = copy.deepcopy(old_p)
    _rewrite(doc, p, text, "", marks)
    _mark_paragraph(doc, p, "del", marks)
    anchor.addprevious(p)
    return 1
