"""The statistics check (manual §7.3): every figure in a report traced to the inspection data.

It reads the document as published (body text, tables, headers, footers, chart alt text), finds
whole numbers, percentages ("75%", "75 per cent"), "30 of 40" and dates, and reports each as
traced (the data gives it, through the same rounding function as the report), mismatched (it
names a share the data does not give, or a key-question row's percentage disagrees with its own
counts) or untraced (no source in the data). Standard codes, table and figure numbers, page
numbers, times, references and years are not figures.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from docx import Document
from docx.oxml.ns import qn

from reportgen import data
from reportgen.docxtext import cell_text, paragraph_text
from reportgen.errors import ReportgenError
from reportgen.errors import a as article
from reportgen.loading import Loaded
from reportgen.model import PduInspection, RegionalInspection
from reportgen.rules import ratings
from reportgen.rules.assessment import Assessment, assess_pdu, assess_region
from reportgen.rules.calendar import inspection_calendar
from reportgen.rules.rounding import percent

Status = Literal["traced", "mismatched", "untraced"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
WELSH_MONTHS = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
                "Medi", "Hydref", "Tachwedd", "Rhagfyr"]
MONTHS = {m: i + 1 for names in (ENGLISH_MONTHS, WELSH_MONTHS) for i, m in enumerate(names)}
MONTH = "|".join(MONTHS)
DATE = re.compile(rf"\b(\d{{1,2}})(?: ({MONTH}))?(?: (\d{{4}}))?(?: (?:to|–) (\d{{1,2}}) "
                  rf"({MONTH}) (\d{{4}}))?\b")
FULL_DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTH}) (\d{{4}})\b")
RANGE = re.compile(rf"\b(\d{{1,2}})(?: ({MONTH}))?(?: (\d{{4}}))? (?:to|–) "
                   rf"(\d{{1,2}}) ({MONTH}) (\d{{4}})\b")
NOT_FIGURES = [
    re.compile(r"\b(?:Table|Figure|Annex|Tabl|Ffigur|Atodiad) \d+"),  # numbering of the document
    re.compile(r"\b[PRN][ .]?\d(?:\.\d){1,2}\b"),  # standard and key question codes
    re.compile(r"(?<![\d.])\d\.\d(?:\.\d)?(?![\d.])"),  # "2.1 Assessment"
    re.compile(r"\b\d{1,2}:\d{2}\b"),  # times
    re.compile(r"\b[A-Z]{2,}(?:/[A-Za-z0-9]+)+"),  # references such as HMIP/PR/2026/WAL/1
    re.compile(r"§\d+(?:\.\d+)*"),
    re.compile(r"\b\d+(?:st|nd|rd|th|af)\b"),  # "1st Floor"
    re.compile(r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b"),  # postcodes
]
NUM = r"\d{1,3}(?:,\d{3})+|\d+"  # 4,321 or 4321, never a trailing comma
PERCENT = re.compile(r"\b(\d{1,3})(?:%| per cent)")
FRACTION = re.compile(rf"\b({NUM}) (?:of|allan o) ({NUM})\b")
SLASH = re.compile(rf"\b({NUM})/({NUM})\b")
NUMBER = re.compile(rf"(?<![\w.])({NUM})(?![\w])")
YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass
class Figure:
    text: str
    kind: Literal["percent", "number", "date"]
    where: str
    status: Status
    source: str = ""


@dataclass
class Facts:
    """What the data gives: numbers, shares and dates, each with where it comes from."""

    numbers: dict[int, str] = field(default_factory=dict)
    percents: dict[int, str] = field(default_factory=dict)
    dates: dict[dt.date, str] = field(default_factory=dict)

    def number(self, value: int, source: str) -> None:
        self.numbers.setdefault(value, source)

    def share(self, part: int, whole: int, source: str) -> None:
        value = percent(part, whole)
        if value is not None:
            self.percents.setdefault(value, f"{source}: {part} of {whole}")
            self.number(part, source)
            self.number(whole, source)


def facts(loaded: Loaded) -> Facts:
    d: Any = loaded.data
    f = Facts()
    if isinstance(d, PduInspection):
        a: Assessment = assess_pdu(d)
        p = d.case_profile
        profile = (("core cases", p.core_cases), ("adjusted cases", p.adjusted_cases),
                   ("women", p.women), ("high or very high RoSH", p.high_risk_of_serious_harm))
        for name, n in profile:
            f.share(n, p.cases, f"case profile, {name}")
        f.share(p.cases, p.cases, "case profile, all cases")
    elif isinstance(d, RegionalInspection):
        a = assess_region(d, loaded.pdus)
        f.number(len(d.pdus), "number of PDUs")
        f.number(ratings.max_score("pdu"), "highest PDU score")
        for pdu in loaded.pdus.values():
            f.number(sum(r.score for r in (s.rating for s in pdu.standards.values())),
                     f"{pdu.pdu.code} score")
    else:
        raise ReportgenError(f"{loaded.path} is {article(d.kind)} file: the statistics check "
                             "traces a report to its PDU or regional inspection file")
    for code, result in a.standards.items():
        f.number(result.finalised.score, f"{code} score")
        for q in result.key_questions:
            for label, c in (("core", q.core), ("adjusted", q.adjusted), ("all", q.total)):
                f.number(c.yes, f"{q.code} {label} yes")
                f.number(c.no, f"{q.code} {label} no")
            f.share(q.total.yes, q.total.total, f"{q.code} yes")
            f.share(q.total.no, q.total.total, f"{q.code} no")
    f.number(a.score, "overall score")
    f.number(ratings.max_score(a.scale), "highest overall score")
    for band in data.load("rules")["case_bands"]:  # the bands the report explains
        f.percents.setdefault(band["min"], "rating band")
        if band["min"]:
            f.percents.setdefault(band["min"] - 1, "rating band")
    f.percents.setdefault(100, "all cases")
    for weeks in (26, 33):  # the case cohort window, §4.1
        f.number(weeks, "case cohort window (weeks)")
    for m in inspection_calendar(d):
        f.dates.setdefault(m.date, m.title)
        if m.end:
            f.dates.setdefault(m.end, m.title)
    fieldwork = d.fieldwork if isinstance(d, PduInspection) else d.fieldwork.casework
    f.dates.setdefault(fieldwork.start, "fieldwork")
    f.dates.setdefault(d.fieldwork.end, "fieldwork")
    for extra, label in ((d.publication_date, "publication date"),
                         (d.panel.date if d.panel else None, "ratings panel")):
        if extra:
            f.dates.setdefault(extra, label)
    return f


# ------------------------------------------------------------------------------ reading


def units(content: bytes) -> Iterator[tuple[str, str, list[str] | None]]:
    """(where, text, the cells of its key-question table row or None) of every text unit."""
    doc = Document(io.BytesIO(content))
    for i, p in enumerate(doc.paragraphs, 1):
        yield f"paragraph {i}", paragraph_text(p), None
    for t, table in enumerate(doc.tables, 1):
        kq = cell_text(table.rows[0].cells[0]) in ("Key question", "Cwestiwn allweddol")
        for r, row in enumerate(table.rows, 1):
            cells = [cell_text(c) for c in row.cells]
            for c, text in enumerate(cells, 1):
                yield (f"table {t}, row {r}, column {c}", text,
                       cells if kq and r > 1 and c == 1 else None)
    for s, section in enumerate(doc.sections, 1):
        for part, name in ((section.header, "header"), (section.footer, "footer")):
            for p in part.paragraphs:
                text = paragraph_text(p)
                text = re.sub(r"\s+\d+\s*$", "", text) if name == "footer" else text
                yield f"{name} of section {s}", text, None  # footers end with a page number
    for n, pr in enumerate(doc.element.body.iter(qn("wp:docPr")), 1):
        yield f"alt text of picture {n}", pr.get("descr") or "", None


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), MONTHS[month], int(day))
    except ValueError:
        return None


def figures(text: str, where: str, f: Facts) -> Iterator[Figure]:
    for pattern in NOT_FIGURES:
        text = pattern.sub(" ", text)
    for m in RANGE.finditer(text):
        end = _date(m.group(4), m.group(5), m.group(6))
        start = _date(m.group(1), m.group(2) or m.group(5), m.group(3) or m.group(6))
        for d in (start, end):
            yield _dated(d, m.group(0), where, f)
    text = RANGE.sub(" ", text)
    for m in FULL_DATE.finditer(text):
        yield _dated(_date(*m.groups()), m.group(0), where, f)
    text = FULL_DATE.sub(" ", text)
    for m in PERCENT.finditer(text):
        value = int(m.group(1))
        source = f.percents.get(value)
        yield Figure(m.group(0), "percent", where, "traced" if source else "mismatched",
                     source or f"no share in the data is {value}%")
    text = PERCENT.sub(" ", text)
    for pattern in (FRACTION, SLASH, NUMBER):
        for m in pattern.finditer(text):
            for g in m.groups():
                value = _int(g)
                if YEAR.match(g):
                    continue
                source = f.numbers.get(value)
                yield Figure(g, "number", where, "traced" if source else "untraced",
                             source or "no source in the data")
        text = pattern.sub(" ", text)


def _dated(d: dt.date | None, text: str, where: str, f: Facts) -> Figure:
    source = f.dates.get(d) if d else None
    return Figure(text, "date", where, "traced" if source else "untraced",
                  source or "no date of the inspection's calendar")


def row_agrees(cells: list[str], where: str) -> Iterator[Figure]:
    """A key-question row's percentages must be what its own counts give."""
    try:
        yes, no = _int(cells[5]), _int(cells[6])
        shown = [int(c.rstrip("%")) for c in cells[7:9]]
    except (ValueError, IndexError):
        return
    for label, value, part in (("Yes", shown[0], yes), ("No", shown[1], no)):
        expected = percent(part, yes + no)
        if value != expected:
            yield Figure(f"{value}%", "percent", f"{where} ({label} %)", "mismatched",
                         f"{part} of {yes + no} is {expected}%, not {value}%")


def charts_agree(content: bytes) -> Iterator[Figure]:
    """Each chart's alt text gives its key questions' shares in the order of the table beside
    it: the same figure must agree in both places."""
    doc = Document(io.BytesIO(content))
    tables = [[cells[7] for cells in ([cell_text(c) for c in row.cells] for row in t.rows[1:])]
              for t in doc.tables if cell_text(t.rows[0].cells[0]) in ("Key question",
                                                                  "Cwestiwn allweddol")]
    alts = [pr.get("descr") or "" for pr in doc.element.body.iter(qn("wp:docPr"))]
    alts = [a for a in alts if "%" in a]  # a chart of shares (not of scores)
    for n, (alt, column) in enumerate(zip(alts, tables, strict=False), 1):
        said = PERCENT.findall(alt)
        shown = [c.rstrip("%") for c in column]
        if said != shown:
            yield Figure(", ".join(f"{s}%" for s in said), "percent",
                         f"alt text of chart {n}", "mismatched",
                         "its table shows " + ", ".join(f"{s}%" for s in shown))


def check(content: bytes, loaded: Loaded) -> list[Figure]:
    f = facts(loaded)
    found: list[Figure] = []
    for where, text, kq_row in units(content):
        found += figures(text, where, f)
        if kq_row:
            found += row_agrees(kq_row, where.rsplit(",", 1)[0])
    return found + list(charts_agree(content))


def summary(found: list[Figure]) -> dict[str, Any]:
    counts = {s: sum(x.status == s for x in found) for s in ("traced", "mismatched", "untraced")}
    return {"figures": len(found), **counts,
            "passed": counts["mismatched"] == 0 and counts["untraced"] == 0,
            "problems": [asdict(x) for x in found if x.status != "traced"]}
