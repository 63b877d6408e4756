"""The data workbook published beside a report (manual §7.3: "all of the data from inspected
cases, surveys, and contextual data"): every key question's Yes/No counts and percentages (core,
adjusted and all cases), the case profile, the ratings, every survey answer, and the caseload and
staffing figures, as tables of numbers. The same figures as the report: from the same rules,
through the same rounding function."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from reportgen import formatting
from reportgen.documents import evidence
from reportgen.documents.common import N_, Edition
from reportgen.framework import load_framework
from reportgen.model import PduInspection
from reportgen.model.evidence import CASELOAD, GRADES, SURVEYS, ContextualData, Surveys, surveys_of
from reportgen.reading import Loaded
from reportgen.rules.assessment import assess_pdu, assess_region
from reportgen.rules.rounding import percent


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's tab (at most 31 characters)
    table: str  # the table's name: letters, digits and underscores
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkbookSpec:
    title: str
    lang: str
    cover: tuple[tuple[str, str], ...]
    sheets: tuple[Sheet, ...] = field(default_factory=tuple)


NOTES = (N_("Percentages are whole numbers, rounded half up, as in the report."),
         N_("Core cases (PC) and adjusted cases (PA) are counted apart and summed for the "
            "ratings."))


def build(loaded: Loaded, ed: Edition, title: str) -> WorkbookSpec:
    fw = load_framework()
    data: Any = loaded.data
    is_pdu = isinstance(data, PduInspection)
    a = assess_pdu(data, fw) if is_pdu else assess_region(data, loaded.pdus, fw)
    standards = list(fw.pdu if is_pdu else fw.regional)
    t = ed.t
    rating_rows = [(s.code, s.title.get(ed.lang),
                    ed.rating(a.standards[s.code].finalised, star=False),
                    a.standards[s.code].finalised.score) for s in standards]
    rating_rows.append((t("Overall"), t("Overall rating"),
                        ed.rating(a.overall_finalised, star=False), a.score))
    ratings = Sheet(t("Ratings"), table_name(t("Ratings")), t("Ratings, by standard"),
                    (t("Code"), t("Standard"), t("Rating"), t("Score")), tuple(rating_rows))
    rows = []
    for s in standards:
        for q in a.standards[s.code].key_questions:
            rows.append((s.code, s.title.get(ed.lang), q.code,
                         fw.key_question(q.code).text.get(ed.lang),
                         q.core.yes, q.core.no, q.core.total,
                         q.adjusted.yes, q.adjusted.no, q.adjusted.total,
                         q.total.yes, q.total.no, q.total.total, q.percent_yes, q.percent_no))
    questions = Sheet(t("Key questions"), table_name(t("Key questions")),
                      t("Cases judged sufficient, by key question"),
                      (t("Code"), t("Standard"), t("Key question code"), t("Key question"),
                       t("Core: yes"), t("Core: no"), t("Core: cases"), t("Adjusted: yes"),
                       t("Adjusted: no"), t("Adjusted: cases"), t("All: yes"), t("All: no"),
                       t("All: cases"), t("Yes (%)"), t("No (%)")), tuple(rows),
                      tuple(t(n) for n in NOTES))
    sheets = [ratings, questions]
    if is_pdu:
        p = data.case_profile
        profile = ((N_("All inspected cases"), p.cases), (N_("Core cases (PC)"), p.core_cases),
                   (N_("Adjusted cases (PA)"), p.adjusted_cases), (N_("Women"), p.women),
                   (N_("High or very high risk of serious harm"),
                    p.high_risk_of_serious_harm))
        sheets.append(Sheet(t("Case profile"), table_name(t("Case profile")),
                            t("The inspected cases"),
                            (t("Cases"), t("Number"), t("Share of all cases (%)")),
                            tuple((t(label), n, percent(n, p.cases)) for label, n in profile)))
    sheets += survey_sheets(ed, data.surveys)
    areas = [(ed.text(data.pdu.name if is_pdu else data.region.name, "$.name"),
              data.contextual_data)]
    if not is_pdu:  # a region's workbook holds its PDUs' figures too
        areas += [(ed.text(p.pdu.name, "$.pdus[].name"), p.contextual_data)
                  for p in loaded.pdus.values()]
    sheets += contextual_sheets(ed, [(name, c) for name, c in areas if c is not None])
    cover = ((t("Title"), title),
             (t("Inspection"), ed.text(data.pdu.name if is_pdu else data.region.name,
                                       "$.name")),
             (t("Fieldwork"), formatting.date_range(
                 data.fieldwork.start if is_pdu else data.fieldwork.casework.start,
                 data.fieldwork.end, ed.lang)),
             (t("Framework"), fw.version))
    return WorkbookSpec(title, ed.lang, cover, tuple(sheets))


def table_name(label: str) -> str:
    """An Excel table name from a sheet's name in the edition's language: "Key questions" ->
    "KeyQuestions", "Cwestiynau allweddol" -> "CwestiynauAllweddol" (letters without accents,
    as Excel's names allow)."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", plain) if w)


# A note on the cover names its survey: the cover lists the notes of every sheet together.
RESPONSE_NOTES = {
    "staff": N_("Staff questionnaire. Respondents: {respondents}. Invited: {invited}."),
    "people_on_probation": N_("Survey of people on probation. Respondents: {respondents}. "
                              "Invited: {invited}."),
}


def survey_sheets(ed: Edition, surveys: Surveys | None) -> list[Sheet]:
    t = ed.t
    sheets = []
    for kind, survey in surveys_of(surveys):
        name = t(SURVEYS[kind][0])
        # The questions' codes are English words (workload, raise-concerns): an identifier for
        # the English workbook's users, not wording for a Welsh one, who has the statement.
        coded = ed.lang == "en"
        rows = tuple((*((q.code,) if coded else ()), q.standard or "",
                      ed.text(q.statement, f"$.surveys.{kind}.questions[{i}].statement"),
                      q.agree, q.neither, q.disagree, q.answered, survey.respondents,
                      percent(q.agree, q.answered)) for i, q in enumerate(survey.questions))
        notes = [t(RESPONSE_NOTES[kind]).format(
            respondents=formatting.number(survey.respondents, ed.lang),
            invited=formatting.number(survey.invited, ed.lang))] if survey.invited else []
        sheets.append(Sheet(name[:31], table_name(name), name,
                            (*((t("Code"),) if coded else ()), t("Standard"), t("Statement"),
                             t("Agree"), t("Neither"), t("Disagree"), t("Answered"),
                             t("Respondents"), t("Agreed (%)")),
                            rows, tuple(notes)))
    return sheets


def contextual_sheets(ed: Edition, areas: list[tuple[str, ContextualData]]) -> list[Sheet]:
    """Caseload and staffing, a row per area (the PDU; or the region, then each PDU)."""
    if not areas:
        return []
    t = ed.t
    caseload = tuple((area, c.as_at, c.caseload.community, c.caseload.licence, c.caseload.custody,
                      c.caseload.total) for area, c in areas)
    staffing = tuple((area, c.as_at, t(GRADES[line.grade]), line.target_fte,
                      line.in_post_fte, line.vacant_fte, evidence.vacancy_rate(line))
                     for area, c in areas for line in c.staffing)
    labels = [t(label) for _, label in CASELOAD]
    return [
        Sheet(t("Caseload"), table_name(t("Caseload")), t("People under supervision"),
              (t("Area"), t("As at"), *labels, t("All people under supervision")), caseload),
        Sheet(t("Staffing"), table_name(t("Staffing")), t("Staff in post and vacancies (FTE)"),
              (t("Area"), t("As at"), t("Grade"), t("Target (FTE)"), t("In post (FTE)"),
               t("Vacancies (FTE)"), t("Vacancy rate (%)")), staffing,
              (t("FTE: full-time equivalent posts, to one decimal place."),)),
    ]
