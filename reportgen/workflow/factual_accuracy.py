"""The factual accuracy check (manual §7.3, §7.5): the draft as sent (in each language of the
report), with numbered paragraphs and the numbered tables and figures a row can cite, and a
response form the inspected body fills in; the returned form read back, all or nothing; a
decision on each item, the chief operating officer's final word on category B items (facts that
bear on a judgement, and rating challenges), an accepted item always with the change to the data
that answers it; and the decision log."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from reportgen.bundle import AddressError
from reportgen.errors import InputError, Problem
from reportgen.i18n import BCP47, N_, gettext_for
from reportgen.model import Language
from reportgen.ooxml.objects import element_of
from reportgen.ooxml.text import cell_text, paragraph_text
from reportgen.ooxml.upload import check_docx
from reportgen.render.controls import ours
from reportgen.render.postprocess import repeat_header, save, set_document_language
from reportgen.workflow import editions, tracker
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import NewVersion, Store, TrackError

CATEGORIES = {
    "A": N_("a typo or a figure"),
    "B": N_("a fact that bears on a judgement (including a challenge to a rating)"),
    "C": N_("evidence not taken into account"),
}
DECISIONS = ("accepted", "partly-accepted", "not-accepted")
FORM_COLUMNS = [N_("Paragraph, table or figure"), N_("Current text"), N_("Proposed change"),
                N_("Category (A, B or C)"), N_("Evidence offered")]
CITED = re.compile(r"^(Table|Figure|Tabl|Ffigur)\s+(\d+)\b[,.;:]?\s*(.*)$", re.I | re.S)


def numbered(content: bytes) -> tuple[bytes, dict[int, str]]:
    """The draft with each body paragraph of text numbered [1], [2] ..., and the texts by
    number. Headings, captions, empty paragraphs and tables are not numbered: tables and
    figures are cited by their own numbers (Table 3, Figure 2). A Welsh draft's passages still
    in English (each marked as untranslated) are listed by number in its notice at the top."""
    doc = Document(io.BytesIO(content))
    texts: dict[int, str] = {}
    n = 0
    for p in doc.paragraphs:
        style = p.style.name if p.style is not None else ""
        text = paragraph_text(p)
        if not text.strip() or style.startswith(("Heading", "Title", "Subtitle", "Caption",
                                                 "Table Caption", "Contents", "Cover")):
            continue
        n += 1
        texts[n] = text
        element_of(p).insert(1 if element_of(p).pPr is not None else 0,
                             element_of(p.add_run(f"[{n}] ")))
    english = _untranslated(doc, texts)
    if english and doc.paragraphs:
        doc.paragraphs[0].add_run(" — " + ", ".join(f"[{k}]" for k in english)).bold = True
    return save(doc), texts


def _marker(doc: Any) -> str | None:
    """What marks a passage not yet translated in a draft in the document's language."""
    lang = (doc.core_properties.language or "").split("-")[0]
    return f"[{gettext_for(lang)('not translated')}] " if lang == "cy" else None


def _untranslated(doc: Any, texts: dict[int, str]) -> list[int]:
    marker = _marker(doc)
    return [k for k, text in texts.items() if marker and text.startswith(marker)]


def untranslated(draft: bytes) -> list[int]:
    """The numbers of a numbered Welsh draft's paragraphs still in English (none in English)."""
    doc = Document(io.BytesIO(draft))
    texts = {int(m.group(1)): m.group(2) for p in doc.paragraphs
             if (m := re.match(r"^\[(\d+)\] (.*)$", paragraph_text(p), re.S))}
    return _untranslated(doc, texts)


def numbered_texts(content: bytes) -> tuple[dict[int, str], dict[int, list[str]], set[str]]:
    """Of a draft numbered by `numbered`: the paragraph texts by number, the addresses of the
    data each paragraph holds, and the tables and figures it has ("Table 3", "Figure 2")."""
    doc = Document(io.BytesIO(content))
    texts, segments = {}, {}
    for p in doc.paragraphs:
        m = re.match(r"^\[(\d+)\] (.*)$", paragraph_text(p), re.S)
        if m:
            texts[int(m.group(1))] = m.group(2)
            sdts = element_of(p).iter(qn("w:sdt"))
            segments[int(m.group(1))] = [a for s in sdts if (a := ours(s))]
    captions = {m.group(1) + " " + m.group(2) for p in doc.paragraphs
                if (m := CAPTION.match(paragraph_text(p)))}
    return texts, segments, {_english_caption(c) for c in captions}


CAPTION = re.compile(r"^(Table|Figure|Tabl|Ffigur) (\d+)\b")


def _english_caption(cited: str) -> str:
    word, number = cited.split(" ", 1)
    return f"{ {'Tabl': 'Table', 'Ffigur': 'Figure'}.get(word, word)} {number}"


def response_form(report_id: str, title: str, lang: Language = "en", rows: int = 15) -> bytes:
    """The form the inspected body returns, in the report's language: a row a change."""
    _ = gettext_for(lang)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    heading = _("Factual accuracy response form: {title}").format(title=title)
    doc.core_properties.title = heading
    doc.core_properties.language = BCP47[lang]
    set_document_language(doc, BCP47[lang])
    doc.add_heading(heading, 1)
    doc.add_paragraph(_("Report: {report}. Give one change a row, naming the paragraph by its "
                        "number in the draft ([12] is paragraph 12), or a table or figure by its "
                        "number (Table 3, row 2). Category: {categories}.").format(
        report=report_id, categories="; ".join(f"{k}: {_(v)}" for k, v in CATEGORIES.items())))
    table = doc.add_table(rows=1 + rows, cols=len(FORM_COLUMNS))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, FORM_COLUMNS, strict=True):
        cell.text = _(text)
    repeat_header(table.rows[0])
    return save(doc)


def _headings() -> list[list[str]]:
    """The form's column headings in each language it goes out in."""
    return [[gettext_for(lang)(c) for c in FORM_COLUMNS] for lang in ("en", "cy")]


def read_form(content: bytes, paragraphs: dict[int, str], source: str,
              cited: set[str] = frozenset()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    """The filled-in rows of a returned form. A row that names no paragraph, table or figure of
    the draft, or is malformed, is reported with what is wrong; any problem and nothing is
    imported."""
    content = check_docx(content, source)  # from outside: refused, or rewritten, first
    try:
        doc = Document(io.BytesIO(content))
        table = next(t for t in doc.tables
                     if [cell_text(c).strip() for c in t.rows[0].cells] in _headings())
    except StopIteration:
        raise InputError([Problem("the form", "a table headed " + " | ".join(FORM_COLUMNS),
                                  "no such table", source=source)]) from None
    except Exception as exc:
        raise InputError([Problem("the form", "a Word document (.docx)", str(exc)[:80],
                                  source=source)]) from None
    items, problems = [], []
    for r, row in enumerate(table.rows[1:], start=2):
        cells = [cell_text(c).strip() for c in row.cells]
        if not any(cells):
            continue
        found = _row(r, cells, paragraphs, cited)
        if isinstance(found, list):
            problems += found
        else:
            items.append(found)
    if problems:
        raise InputError([p.at(source) for p in problems])
    return items


def _row(r: int, cells: list[str], paragraphs: dict[int, str],
         cited: set[str]) -> dict[str, Any] | list[Problem]:
    """One filled-in row as an item, or what is wrong with it."""
    number, current, proposed, category, evidence = cells[:5]
    where = f"row {r}"
    wrong = []
    digits = number.strip("[] ")
    table = CITED.match(number)
    cites = None
    if table:
        cites = _english_caption(f"{table.group(1).capitalize()} {table.group(2)}")
        if cites not in cited:
            wrong.append(Problem(f"{where}, paragraph, table or figure",
                                 "a table or figure of the draft (" + ", ".join(sorted(cited))
                                 + ")", number))
    elif not digits.isdigit():
        wrong.append(Problem(f"{where}, paragraph, table or figure",
                             "a paragraph number, table or figure of the draft",
                             repr(number) if number else "nothing"))
    elif int(digits) not in paragraphs:
        wrong.append(Problem(f"{where}, paragraph, table or figure",
                             f"a paragraph of the draft (1 to {len(paragraphs)})", number))
    if category.upper() not in CATEGORIES:
        wrong.append(Problem(f"{where}, category", "A, B or C",
                             repr(category) if category else "nothing"))
    if not proposed:
        wrong.append(Problem(f"{where}, proposed change", "the change asked for", "nothing"))
    if wrong:
        return wrong
    paragraph = 0 if cites else int(digits)
    return {"paragraph": paragraph,
            "current_text": current or (paragraphs.get(paragraph) or ""),
            "proposed": proposed, "category": category.upper(), "evidence": evidence,
            "cites": (number if cites else None)}


def send(store: Store, report_id: str, by: str) -> dict[str, bytes]:
    """The numbered draft and the response form, in each language of the report, made from the
    data version held and kept with it. By file name."""
    authorise(store, by, "fa.send", report_id)
    report = store.report(report_id)
    if report.stage != "factual-accuracy":
        raise TrackError(f"{report_id} is at {report.stage}: the draft is sent for factual "
                         "accuracy once the report is at factual-accuracy")
    number = store.held_number(report_id)
    files, kept = {}, []
    for lang in ("en", "cy") if report.in_wales else ("en",):
        held = store.latest(report_id, lang, data_version=number)
        if held is None:
            raise TrackError(f"{report_id} has no {lang} edition of data version {number}")
        edition = store.content(report_id, held.id)
        draft, _ = numbered(edition)
        title = Document(io.BytesIO(edition)).core_properties.title or report_id
        form = response_form(report_id, title, lang)  # type: ignore[arg-type]
        for kind, content in (("draft", draft), ("form", form)):
            name = f"{report_id}-factual-accuracy-{kind}.{lang}.docx"
            files[name] = content
            kept.append(NewVersion(f"{lang}:fa-{'sent' if kind == 'draft' else 'form'}", name,
                                   content, data_version=number))
    store.add_versions(report_id, "factual-accuracy", by, kept)
    return files


def import_form(store: Store, report_id: str, content: bytes, source: str,
                by: str) -> list[dict]:
    """Read a returned form against the draft sent in its language, and keep its items, each
    with the address of the data its paragraph holds and the number the store gave it. A form
    is imported once: the same form again is refused."""
    authorise(store, by, "fa.import", report_id)
    report = store.report(report_id)
    if report.stage != "factual-accuracy":
        raise TrackError(f"{report_id} is at {report.stage}: returned forms are imported "
                         "during the factual accuracy check")
    rows: list[dict] = []
    for lang in ("en", "cy"):
        sent = store.latest(report_id, f"{lang}:fa-sent")
        if sent is None:
            continue
        texts, segments, cited = numbered_texts(store.content(report_id, sent.id))
        try:
            rows = read_form(content, texts, source, cited)
        except InputError as exc:
            if lang == "cy" or "no such table" not in str(exc):
                raise
            continue
        for row in rows:
            held = segments.get(row["paragraph"], [])
            row |= {"segment": held[0] if len(held) == 1 else None, "lang": lang}
        break
    else:
        raise TrackError(f"no draft of {report_id} was sent for factual accuracy (fa send)")
    numbers = store.add_fa_items(report_id, rows, hashlib.sha256(content).hexdigest(),
                                 Path(source).name, by)
    return [row | {"number": n} for row, n in zip(rows, numbers, strict=True)]


@dataclass(frozen=True)
class Answer:
    """The change to the data that answers an item: an edited edition, values set at addresses
    (a figure corrected), or a data version already made during the check."""

    edited: tuple[bytes, str] | None = None  # the document and its name
    values: tuple[tuple[str, Any], ...] = ()
    version: int | None = None

    @property
    def given(self) -> bool:
        return self.edited is not None or bool(self.values) or self.version is not None


def parse_values(pairs: Iterable[str]) -> tuple[tuple[str, Any], ...]:
    """ADDRESS=VALUE pairs, each value JSON (a number, true) or, failing that, text."""
    found = []
    for pair in pairs:
        addr, sep, raw = pair.partition("=")
        if not sep or (not addr.startswith("$") and "#$" not in addr):
            raise TrackError(f"a change to the data is ADDRESS=VALUE, such as "
                             f"'$.case_profile.women=9', not {pair!r}")
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw
        found.append((addr, value))
    return tuple(found)


def decide(store: Store, report_id: str, number: int, decision: str, reason: str, by: str,
           answer: Answer = Answer()) -> int | None:
    """Record the decision on an item; an accepted (or partly accepted) item with the change
    to the data that answers it, made now or named. Returns that data version. Category B
    items are the chief operating officer's; a decision may change until the factual accuracy
    stage ends, the earlier ones kept."""
    report = store.report(report_id)  # read first: the decision is refused if it moves after
    account = authorise(store, by, "fa.decide", report_id, seen=report)
    _check_decision(store, report_id, number, decision, reason, answer)
    if {i.number: i for i in store.fa_items(report_id)}[number].category == "B":
        authorise(store, by, "fa.decide-b", report_id)
    version = answer.version
    if answer.edited is not None:
        _, version = tracker.edits_to_data(store, report_id, *answer.edited, by,
                                           f"factual accuracy item {number}")
        if version is None:
            raise TrackError(f"{answer.edited[1]} changes nothing in the data: item {number} "
                             "is not answered by it")
    elif answer.values:
        _, bundle = editions.held(store, report_id)
        try:
            for addr, value in answer.values:
                bundle = bundle.with_value(addr, value)
        except AddressError as exc:
            raise TrackError(str(exc)) from None
        version = tracker.keep_data(store, report_id, bundle, by,
                                    f"factual accuracy item {number}: "
                                    + ", ".join(a for a, _ in answer.values))
    elif version is not None:
        _made_during_check(store, report_id, version)
    store.decide(report_id, number, decision, reason, by, account.is_coo, report.revision,
                 version)
    return version


def _check_decision(store: Store, report_id: str, number: int, decision: str, reason: str,
                    answer: Answer) -> None:
    if decision not in DECISIONS:
        raise TrackError(f"a decision is one of {', '.join(DECISIONS)}, not {decision}")
    if decision != "accepted" and not reason.strip():
        raise TrackError(f"a decision of {decision} needs a reason (--reason)")
    report = store.report(report_id)
    if report.stage != "factual-accuracy":
        raise TrackError(f"{report_id} is at {report.stage}: factual accuracy decisions are "
                         "made while it is at factual-accuracy, and are final once it ends")
    items = {i.number: i for i in store.fa_items(report_id)}
    if number not in items:
        raise TrackError(f"{report_id} has no factual accuracy item {number}")
    if decision != "not-accepted" and not answer.given:
        raise TrackError(f"item {number} is {decision}: give the change to the data that "
                         "answers it (--file edited.docx, --set ADDRESS=VALUE or "
                         "--data-version N)")
    if decision == "not-accepted" and answer.given:
        raise TrackError(f"item {number} is not accepted: it changes nothing in the data")


def _made_during_check(store: Store, report_id: str, version: int) -> None:
    sent = store.latest(report_id, "en:fa-sent")
    since = sent.data_version if sent is not None and sent.data_version else 0
    valid = [v.number for v in store.data_versions(report_id) if v.number > since]
    if version not in valid:
        raise TrackError(f"data version {version} was not made during the factual accuracy "
                         f"check (versions made since the draft was sent: "
                         f"{', '.join(map(str, valid)) or 'none'})")


def log(store: Store, report_id: str, title: str | None = None) -> bytes:
    """The decision log, titled with the report's title."""
    title = title or editions.title(store, report_id)
    doc = Document()
    doc.core_properties.title = f"Factual accuracy decision log: {title}"
    doc.core_properties.language = "en-GB"
    set_document_language(doc, "en-GB")
    doc.add_heading(f"Factual accuracy decision log: {title}", 1)
    items = store.fa_items(report_id)
    doc.add_paragraph(f"{len(items)} item(s) raised by the inspected body, each with the "
                      "inspectorate's decision. The chief operating officer decided category B "
                      "items and any challenge to a rating.")
    columns = ["Item", "Paragraph, table or figure", "Proposed change", "Category", "Decision",
               "Reason", "Decided by", "Change to the data"]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = text
    repeat_header(table.rows[0])
    for i in items:
        who = (i.decided_by or "") + (" (chief operating officer)" if i.decided_by_coo else "")
        change = f"data version {i.data_version}" + (f" ({i.segment})" if i.segment else "") \
            if i.data_version else "none"
        values = [str(i.number), i.cites or str(i.paragraph), i.proposed, i.category,
                  (i.decision or "undecided").replace("-", " "), i.reason or "", who, change]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    return save(doc)
