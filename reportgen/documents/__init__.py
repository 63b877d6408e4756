"""The document types. Each is a context builder (data -> what its template needs), its
templates (templates/<lang>/<name>.docx), and which inputs it is made from; adding one touches
no other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportgen.documents import (
    letters,
    national_review,
    panel_summary,
    pdu_report,
    project_plan,
    regional_report,
)
from reportgen.documents.common import Edition
from reportgen.documents.events import CalendarSpec
from reportgen.reading import Loaded

BILINGUAL = "cy+en"  # one document: the Welsh edition, then the English, in equal styling

Build = Callable[[Loaded, Edition, str | None], dict[str, Any]]
Attachments = Callable[[Loaded, Edition, str | None], dict[str, CalendarSpec]]


@dataclass(frozen=True)
class Variant:
    """One document of a type made from an input: a letter per batch, a plan per PDU."""

    key: str | None
    stem: str  # the output file name, before ".<lang>.<format>"


@dataclass(frozen=True)
class DocumentType:
    name: str
    input_kinds: tuple[str, ...]
    description: str
    build: Build
    variants: Callable[[Loaded], list[Variant]]
    attachments: Attachments | None = None  # extra files beside it (an .ics), by suffix
    publication: bool = False  # a published report: also a web edition and a data workbook
    cost: int = 1  # about how long it takes to render and convert, against a letter's 1
    # The languages it goes out in, where not every language of its inspection: a letter's
    # addressee's recorded language, or both as one document.
    languages: Callable[[Loaded], list[str]] | None = None
    renderable: Callable[[Loaded], bool] = lambda ld: True  # made by "render all" from this


def report_for(kind: str) -> str | None:
    """The published report an input of this kind makes (a PDU's or a region's), if any."""
    return next((d.name for d in DOCUMENTS.values() if d.publication and kind in d.input_kinds),
                None)


def _addressee_language(ld: Loaded) -> list[str]:
    rpd = ld.data.contacts.regional_probation_director  # type: ignore[union-attr]
    return [BILINGUAL] if rpd.bilingual else [rpd.language]


def _one(suffix: str) -> Callable[[Loaded], list[Variant]]:
    def variants(ld: Loaded) -> list[Variant]:
        data: Any = ld.data
        if ld.data.kind == "pdu-inspection":
            return [Variant(None, f"{data.pdu.code}-{suffix}")]
        if hasattr(data, "region"):
            return [Variant(None, f"{data.region.code}-{suffix}")]
        return [Variant(None, suffix)]
    return variants


DOCUMENTS: dict[str, DocumentType] = {d.name: d for d in (
    DocumentType("pdu-report", ("pdu-inspection",), "PDU inspection report (short format)",
                 lambda ld, ed, _: pdu_report.context(ld.data, ed),  # type: ignore[arg-type]
                 _one("pdu-report"), publication=True, cost=4),
    DocumentType("regional-report", ("regional-inspection",),
                 "Regional inspection report (long format)",
                 lambda ld, ed, _: regional_report.context(ld.data, ld.pdus, ed),  # type: ignore[arg-type]
                 _one("regional-report"), publication=True, cost=10),
    DocumentType("panel-summary", ("pdu-inspection", "regional-inspection"),
                 "Ratings panel summary (§7.2)",
                 lambda ld, ed, _: panel_summary.context(ld, ed), _one("panel-summary"),
                 # it needs the panel's record: "render all" skips inspections without one
                 renderable=lambda ld: getattr(ld.data, "panel", None) is not None),
    DocumentType("announcement-letter", ("inspection-plan",),
                 "Announcement letters: the regional announcement, then one per later batch",
                 lambda ld, ed, key: letters.context(ld.data, ed, int(key or 1)),  # type: ignore[arg-type]
                 lambda ld: [Variant(str(n), f"{ld.data.region.code}-announcement-{n}")
                             for n in range(1, len(ld.data.batches) + 1)],  # type: ignore[union-attr]
                 languages=_addressee_language),
    DocumentType("project-plan", ("inspection-plan",),
                 "Project plans (§3.4): the region's and one per PDU, with an iCalendar file",
                 lambda ld, ed, key: project_plan.context(ld.data, ed, key),  # type: ignore[arg-type]
                 lambda ld: [Variant(None, f"{ld.data.region.code}-project-plan")]  # type: ignore[union-attr]
                 + [Variant(p.code, f"{p.code}-project-plan") for p in ld.data.pdus],  # type: ignore[union-attr]
                 lambda ld, ed, key: {".ics": project_plan.calendar(ld.data, ed, key)}),  # type: ignore[arg-type]
    DocumentType("national-review", ("national-review",),
                 "National review (standards N.1-N.4), unrated",
                 lambda ld, ed, _: national_review.context(ld.data, ed),  # type: ignore[arg-type]
                 _one("national-review"), cost=4),
)}
