"""The national review (national standards N.1-N.4): each key question with its findings and
the evidence they rest on. Unrated: the inspectorate does not rate the national level."""

from __future__ import annotations

from typing import Any

from reportgen import formatting
from reportgen.documents.common import Edition, person
from reportgen.framework import load_framework
from reportgen.model import NationalReview


def context(review: NationalReview, ed: Edition) -> dict[str, Any]:
    fw = load_framework()
    standards = []
    for std in fw.national:
        given = review.standards[std.code]
        where = f'$.standards["{std.code}"]'
        standards.append({
            "number": std.code, "title": std.title.get(ed.lang),
            "statement": std.statement.get(ed.lang) if std.statement else "",
            "summary": ed.texts(given.summary, f"{where}.summary"),
            "key_questions": [{
                "number": q.code, "text": q.text.get(ed.lang),
                "findings": ed.texts(given.key_questions[q.code].findings,
                                     f'{where}.key_questions["{q.code}"].findings'),
                "evidence": ed.texts(given.key_questions[q.code].evidence,
                                     f'{where}.key_questions["{q.code}"].evidence'),
            } for q in std.key_questions],
        })
    return {
        "title": ed.t("National probation review: how national arrangements support regions "
                      "and PDUs"),
        "subject": ed.t("National review"),
        "keywords": ", ".join([ed.t("national review"), ed.t("probation")]),
        "period": formatting.month_range(review.period.start, review.period.end, ed.lang),
        "publication_date": formatting.date(review.publication_date, ed.lang),
        "lead_inspector": person(ed, review.lead_inspector, "$.lead_inspector"),
        "introduction": ed.texts(review.introduction, "$.introduction"),
        "evidence_sources": ed.texts(review.evidence_sources, "$.evidence_sources"),
        "framework": fw.version,
        "standards": standards,
    }
