"""The PDU inspection report (short format, manual §7.3): what its template needs."""

from __future__ import annotations

from typing import Any

from reportgen import formatting
from reportgen.documents import common, evidence
from reportgen.documents.common import N_, Edition
from reportgen.framework import load_framework
from reportgen.model import PduInspection
from reportgen.rules.assessment import assess_pdu
from reportgen.rules.calendar import inspection_calendar, milestone
from reportgen.rules.rounding import percent


def target_date(pdu: PduInspection):
    return milestone(inspection_calendar(pdu), "pdu_publication", pdu.pdu.code).date


def context(pdu: PduInspection, ed: Edition) -> dict[str, Any]:
    fw = load_framework()
    a = assess_pdu(pdu, fw)
    name = ed.text(pdu.pdu.name, "$.pdu.name")
    region = ed.text(pdu.region.name, "$.region.name")
    title = ed.t("An inspection of probation services {place_in}").format(
        place_in=ed.place_in(pdu.pdu.name, "$.pdu.name"))
    closed = milestone(inspection_calendar(pdu), "pdu_staff_questionnaire_closes",
                       pdu.pdu.code).date
    d1 = [s for s in fw.pdu if s.domain == 1]
    d2 = [s for s in fw.pdu if s.domain == 2]
    ctx: dict[str, Any] = {
        "title": title,
        "subject": ed.t("PDU inspection report"),
        "keywords": ", ".join([name, region, ed.t("probation"), ed.t("inspection")]),
        "pdu_name": name,
        "region_name": region,
        "region_in": ed.place_in(pdu.region.name, "$.region.name"),
        **common.publication(ed, pdu.publication_date, target_date(pdu)),
        "fieldwork": formatting.date_range(pdu.fieldwork.start, pdu.fieldwork.end, ed.lang),
        "lead_inspector": pdu.inspectors.lead.name,
        "foreword": ed.texts(pdu.foreword, "$.foreword"),
        "ratings_table_number": ed.next_table(),
        "ratings": common.ratings_rows(ed, [*d1, *d2], a),
        "overall": common.overall(ed, a),
        "overall_findings": ed.texts(pdu.overall_findings, "$.overall_findings"),
        "recommendation_groups": common.recommendation_groups(
            ed, pdu.recommendations, {"pdu": name, "region": region}, "$.recommendations"),
        "domain_one": [block | {"surveys": evidence.survey_blocks(
            ed, pdu.surveys, s.code, block["title"], closed)} for s in d1
            for block in [common.findings(ed, s, pdu.domain_one[s.code],
                                          a.standards[s.code].finalised,
                                          f'$.domain_one["{s.code}"]')]],
        "domain_two": [common.case_standard(ed, fw, s, a.standards[s.code], pdu.domain_two[s.code])
                       for s in d2],
        "previous": common.previous(ed, pdu.previous_recommendations, "$.previous_recommendations"),
        "practice": common.practice(ed, pdu.effective_practice, "$.effective_practice"),
    }
    ctx["profile"] = case_profile(pdu, ed)
    ctx["contextual"] = evidence.contextual(ed, pdu.contextual_data, annex=2)
    return ctx


def case_profile(pdu: PduInspection, ed: Edition) -> dict[str, Any]:
    p = pdu.case_profile
    n = ed.lang

    def row(label: str, count: int) -> dict[str, str]:
        return {"label": ed.t(label), "number": formatting.number(count, n),
                "percent": ed.percent(percent(count, p.cases))}

    return {"cases": formatting.number(p.cases, n), "table_number": ed.next_table(), "rows": [
        row(N_("All inspected cases"), p.cases),
        row(N_("Core cases (PC)"), p.core_cases),
        row(N_("Adjusted cases (PA)"), p.adjusted_cases),
        row(N_("Women"), p.women),
        row(N_("High or very high risk of serious harm"), p.high_risk_of_serious_harm),
    ]}
