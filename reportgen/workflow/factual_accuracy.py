"""The factual accuracy check (manual §7.3, §7.5): the draft as sent, with numbered paragraphs,
and a response form the inspected body fills in; the returned form read back, all or nothing;
a decision on each item, the chief operating officer's final word on category B items (facts
that bear on a judgement, and rating challenges); and the decision log."""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from reportgen.errors import InputError, Problem
from reportgen.render.postprocess import repeat_header, save
from reportgen.workflow.store import Store, TrackError

CATEGORIES = {
    "A": "a typo or a figure",
    "B": "a fact that bears on a judgement (including a challenge to a rating)",
    "C": "evidence not taken into account",
}
DECISIONS = ("accepted", "partly-accepted", "not-accepted")
FORM_COLUMNS = ["Paragraph number", "Current text", "Proposed change", "Category (A, B or C)",
                "Evidence offered"]


def numbered(content: bytes) -> tuple[bytes, dict[int, str]]:
    """The draft with each body paragraph of text numbered [1], [2] ..., and the texts by
    number. Headings, captions, empty paragraphs and tables are not numbered."""
    doc = Document(io.BytesIO(content))
    texts: dict[int, str] = {}
    n = 0
    for p in doc.paragraphs:
        style = p.style.name if p.style is not None else ""
        if not p.text.strip() or style.startswith(("Heading", "Title", "Subtitle", "Caption",
                                                   "Table Caption", "Contents", "Cover")):
            continue
        n += 1
        texts[n] = p.text
        first = p.runs[0] if p.runs else p.add_run()
        first.text = f"[{n}] " + first.text
    return save(doc), texts


def numbered_texts(content: bytes) -> tuple[bytes, dict[int, str]]:
    """The paragraph texts by number of a draft already numbered by `numbered`."""
    doc = Document(io.BytesIO(content))
    found = {}
    for p in doc.paragraphs:
        m = re.match(r"^\[(\d+)\] (.*)$", p.text, re.S)
        if m:
            found[int(m.group(1))] = m.group(2)
    return content, found


def response_form(report_id: str, title: str, rows: int = 15) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    doc.core_properties.title = f"Factual accuracy response form: {title}"
    doc.core_properties.language = "en-GB"
    doc.add_heading(f"Factual accuracy response form: {title}", 1)
    doc.add_paragraph(f"Report: {report_id}. Give one change a row, naming the paragraph by its "
                      "number in the draft ([12] is paragraph 12). Category: " + "; ".join(
                          f"{k}: {v}" for k, v in CATEGORIES.items()) + ".")
    table = doc.add_table(rows=1 + rows, cols=len(FORM_COLUMNS))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, FORM_COLUMNS, strict=True):
        cell.text = text
    repeat_header(table.rows[0])
    return save(doc)


def read_form(content: bytes, paragraphs: dict[int, str], source: str) -> list[dict[str, Any]]:
    """The filled-in rows of a returned form. A row that names no paragraph of the draft, or is
    malformed, is reported with what is wrong; any problem and nothing is imported."""
    try:
        doc = Document(io.BytesIO(content))
        table = next(t for t in doc.tables
                     if [c.text.strip() for c in t.rows[0].cells] == FORM_COLUMNS)
    except StopIteration:
        raise InputError([Problem("the form", "a table headed " + " | ".join(FORM_COLUMNS),
                                  "no such table", source=source)]) from None
    except Exception as exc:
        raise InputError([Problem("the form", "a Word document (.docx)", str(exc)[:80],
                                  source=source)]) from None
    items, problems = [], []
    for r, row in enumerate(table.rows[1:], start=2):
        cells = [c.text.strip() for c in row.cells]
        if not any(cells):
            continue
        found = _row(r, cells, paragraphs)
        if isinstance(found, list):
            problems += found
        else:
            items.append(found)
    if problems:
        raise InputError([p.at(source) for p in problems])
    return items


def _row(r: int, cells: list[str], paragraphs: dict[int, str]) -> dict[str, Any] | list[Problem]:
    """One filled-in row as an item, or what is wrong with it."""
    number, current, proposed, category, evidence = cells[:5]
    where = f"row {r}"
    wrong = []
    digits = number.strip("[] ")
    if not digits.isdigit():
        wrong.append(Problem(f"{where}, paragraph number", "a paragraph number of the draft",
                             repr(number) if number else "nothing"))
    elif int(digits) not in paragraphs:
        wrong.append(Problem(f"{where}, paragraph number",
                             f"a paragraph of the draft (1 to {len(paragraphs)})", number))
    if category.upper() not in CATEGORIES:
        wrong.append(Problem(f"{where}, category", "A, B or C",
                             repr(category) if category else "nothing"))
    if not proposed:
        wrong.append(Problem(f"{where}, proposed change", "the change asked for", "nothing"))
    if wrong:
        return wrong
    return {"paragraph": int(digits), "current_text": current or paragraphs[int(digits)],
            "proposed": proposed, "category": category.upper(), "evidence": evidence}


def decide(store: Store, report_id: str, number: int, decision: str, reason: str, by: str,
           coo: bool) -> None:
    if decision not in DECISIONS:
        raise TrackError(f"a decision is one of {', '.join(DECISIONS)}, not {decision}")
    if decision != "accepted" and not reason.strip():
        raise TrackError(f"a decision of {decision} needs a reason (--reason)")
    items = {i.number: i for i in store.fa_items(report_id)}
    if number not in items:
        raise TrackError(f"{report_id} has no factual accuracy item {number}")
    if items[number].category == "B" and not coo:
        raise TrackError(f"item {number} is category B (it bears on a judgement): the chief "
                         "operating officer decides it (--coo)")
    store.decide(report_id, number, decision, reason, by, coo)


def log(store: Store, report_id: str, title: str) -> bytes:
    doc = Document()
    doc.core_properties.title = f"Factual accuracy decision log: {title}"
    doc.core_properties.language = "en-GB"
    doc.add_heading(f"Factual accuracy decision log: {title}", 1)
    items = store.fa_items(report_id)
    doc.add_paragraph(f"{len(items)} item(s) raised by the inspected body, each with the "
                      "inspectorate's decision. The chief operating officer decided category B "
                      "items and any challenge to a rating.")
    columns = ["Item", "Paragraph", "Proposed change", "Category", "Decision", "Reason",
               "Decided by"]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = text
    repeat_header(table.rows[0])
    for i in items:
        who = (i.decided_by or "") + (" (chief operating officer)" if i.decided_by_coo else "")
        values = [str(i.number), str(i.paragraph), i.proposed, i.category,
                  (i.decision or "undecided").replace("-", " "), i.reason or "", who]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    return save(doc)
