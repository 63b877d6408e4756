"""The regional inspection report (long format, manual §7.3): what its template needs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportgen import data, formatting
from reportgen.documents import common, evidence
from reportgen.documents.bound import address
from reportgen.documents.common import Edition
from reportgen.documents.figures import Bar, ChartSpec
from reportgen.framework import Framework, load_framework
from reportgen.model import PduInspection, Rating, RegionalInspection
from reportgen.rules import ratings as rules
from reportgen.rules.assessment import Assessment, assess_pdu, assess_region
from reportgen.rules.calendar import inspection_calendar, milestone


def target_date(region: RegionalInspection):
    return milestone(inspection_calendar(region), "regional_publication").date


def context(region: RegionalInspection, pdus: Mapping[str, PduInspection],
            ed: Edition) -> dict[str, Any]:
    fw = load_framework()
    a = assess_region(region, pdus, fw)
    name = ed.text(region.region.name, "$.region.name")
    region_in = ed.place_in(region.region.name, "$.region.name")
    title = ed.t("An inspection of probation services {place_in}").format(place_in=region_in)
    d1 = [s for s in fw.regional if s.domain == 1]
    d2 = [s for s in fw.regional if s.domain == 2]
    ctx: dict[str, Any] = {
        "title": title,
        "subject": ed.t("Regional inspection report"),
        "keywords": ", ".join([name, ed.t("probation"), ed.t("inspection")]),
        "region_name": name,
        "region_in": region_in,
        **common.publication(ed, region.publication_date, target_date(region)),
        "fieldwork": formatting.date_range(region.fieldwork.casework.start, region.fieldwork.end,
                                           ed.lang),
        "lead_inspector": region.inspectors.lead.name,
        "foreword": ed.texts(region.foreword, "$.foreword"),
        "ratings_table_number": ed.next_table(),
        "ratings": common.ratings_rows(ed, [*d1, *d2], a),
        "overall": common.overall(ed, a),
        "overall_findings": ed.texts(region.overall_findings, "$.overall_findings"),
        "recommendation_groups": common.recommendation_groups(
            ed, region.recommendations, {"pdu": "", "region": name}, "$.recommendations"),
        "pdu_count": formatting.number(len(region.pdus), ed.lang),
    }
    ctx["pdu_table_number"] = ed.next_table()
    ctx["pdus"], chart = pdu_ratings(region, pdus, fw, ed, region_in)
    ctx["pdu_chart"] = {"chart": chart, "figure_number": ed.next_figure(),
                        "chart_caption": ed.t("Overall scores of the PDUs {region_in}")
                        .format(region_in=region_in)}
    closed = milestone(inspection_calendar(region), "regional_staff_questionnaire_closes").date
    ctx["domain_one"] = [block | {"surveys": evidence.survey_blocks(
        ed, region.surveys, std.code, block["title"], closed)} for std, block in (
        (d1[0], common.findings(ed, d1[0], region.leadership, a.standards[d1[0].code].finalised,
                                "$.leadership") | {"staffing": ""}),
        (d1[1], common.findings(ed, d1[1], region.staffing, a.standards[d1[1].code].finalised,
                                "$.staffing") | {"staffing": staffing_sentence(region, a, ed)}))]
    ctx["domain_two"] = [common.case_standard(ed, fw, s, a.standards[s.code],
                                              region.domain_two[s.code]) for s in d2]
    ctx["previous"] = common.previous(ed, region.previous_recommendations,
                                      "$.previous_recommendations")
    ctx["practice"] = common.practice(ed, region.effective_practice, "$.effective_practice")
    ctx["contextual"] = evidence.contextual(ed, region.contextual_data, annex=1)
    return ctx


def staffing_sentence(region: RegionalInspection, a: Assessment, ed: Edition) -> str:
    s = region.staffing
    total = len(region.pdus)
    sentence = ed.t("The PDUs' staffing ratings ({pdus}) give an indicative rating of "
                    "{indicative} for the region's staffing.").format(
        indicative=ed.rating(s.indicative_rating), pdus=ed.n("{count} PDU", "{count} PDUs", total))
    if s.moderated:
        sentence += " " + ed.t("The ratings panel moderated it to {final}.").format(
            final=ed.rating(s.rating))
        if s.moderation_reason:
            sentence += " " + ed.text(s.moderation_reason, "$.staffing.moderation_reason")
    else:
        sentence += " " + ed.t("The ratings panel did not moderate it.")
    return sentence


def pdu_ratings(region: RegionalInspection, pdus: Mapping[str, PduInspection], fw: Framework,
                ed: Edition, region_in: str) -> tuple[list[dict], ChartSpec]:
    """One row per PDU (file or inline) and a chart of their overall scores."""
    codes = [s.code for s in fw.pdu]
    rows, bars = [], []
    files = iter(pdus.values())  # in the order of the region's file entries
    for i, entry in enumerate(region.pdus):
        if entry.file is None:
            assert entry.name and entry.ratings and entry.overall_rating
            name = ed.text(entry.name, f"$.pdus[{i}].name")
            ratings = [entry.ratings[c] for c in codes]
            overall = entry.overall_rating
        else:
            pdu = next(files)
            name = ed.text(pdu.pdu.name, address("$.pdu.name", entry.file))
            a = assess_pdu(pdu, fw)
            ratings = [a.standards[c].finalised for c in codes]
            overall = pdu.overall_rating
        score = sum(r.score for r in ratings)
        rows.append({"name": name, "ratings": [ed.rating(r) for r in ratings],
                     "overall": ed.rating(overall), "score": formatting.number(score, ed.lang)})
        bars.append(Bar(name, score, ed.rating(overall, star=False)))
    maximum = rules.max_score("pdu")
    alt = ed.t("Overall scores of the {count} PDUs {region_in}, out of {max}: {figures}.").format(
        count=len(rows), region_in=region_in, max=maximum,
        figures=common.join(ed, [f"{b.label} {b.value} ({b.note})" for b in bars]))
    lows = sorted(b["min"] for b in data.load("rules")["overall"]["pdu"]["bands"])[1:]
    names = [ed.rating(r, star=False) for r in Rating]
    chart = ChartSpec(kind="scores", title=ed.t("Overall scores of the PDUs"),
                      bars=tuple(bars), alt=alt,
                      axis_label=ed.t("Overall score (of {max})").format(max=maximum),
                      maximum=maximum, thresholds=tuple(zip(lows, names[1:], strict=True)),
                      band_floor=names[0])
    return rows, chart
