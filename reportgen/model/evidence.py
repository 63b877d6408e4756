"""Survey results and contextual data (manual §3.8, §6.7, §7.3): what the staff questionnaire and
people on probation told inspectors, and the caseload and staffing figures the organisational
data spreadsheet returned. Published in the data workbook, and shown in the reports beside the
standards they bear on."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from reportgen.model.common import MAX_ITEMS, N_, Code, Count, Date, Line, Strict, Text

# Full-time equivalents, as the organisational data spreadsheet gives them: one decimal place.
Fte = Annotated[Decimal, Field(ge=0, le=10000, decimal_places=1)]
Grade = Literal["senior-probation-officer", "probation-officer", "probation-services-officer",
                "case-administrator"]


class SurveyQuestion(Strict):
    """One statement respondents were asked to agree or disagree with, and how they answered.
    Respondents who skipped it are neither agree, neither nor disagree."""

    code: Code
    statement: Text
    short: Text | None = None  # a few words naming it beside its bar in a chart
    standard: Line | None = None  # the standard it bears on ("P 1.2"): shown beside its findings
    agree: Count
    neither: Count = 0
    disagree: Count

    @property
    def answered(self) -> int:
        return self.agree + self.neither + self.disagree


class Survey(Strict):
    respondents: Count
    invited: Count | None = None  # staff asked to answer, or people texted: the response rate
    questions: list[SurveyQuestion] = Field(min_length=1, max_length=MAX_ITEMS)


class PeopleOnProbationSurvey(Survey):
    """Feedback from people on probation (§6.7): the text survey of everyone who began
    supervision in the cohort's weeks, gathered by an organisation of people with lived
    experience."""

    gathered_by: Line = "User Voice"


class Surveys(Strict):
    staff: Survey | None = None  # the staff questionnaire (§3.8)
    people_on_probation: PeopleOnProbationSurvey | None = None


class Caseload(Strict):
    """People under supervision on the date of the figures."""

    community: Count  # community orders and suspended sentence orders
    licence: Count  # on licence or post-sentence supervision after release
    custody: Count = 0  # in custody, supervised before release

    @property
    def total(self) -> int:
        return self.community + self.licence + self.custody


class StaffingLine(Strict):
    grade: Grade
    target_fte: Fte  # the funded establishment
    in_post_fte: Fte

    @property
    def vacant_fte(self) -> Decimal:
        """Posts not filled; 0 where more staff are in post than the target."""
        return max(self.target_fte - self.in_post_fte, Decimal(0))


class ContextualData(Strict):
    as_at: Date  # the date the figures describe
    caseload: Caseload
    staffing: list[StaffingLine] = Field(default_factory=list, max_length=MAX_ITEMS)


# The labels under which reports and the data workbook show surveys, grades and caseload, in
# the order they are shown (translated where shown; the statistics check reads them too).
SURVEYS = {
    "staff": (N_("Staff questionnaire"),
              N_("Staff questionnaire: {title}")),
    "people_on_probation": (N_("Survey of people on probation"),
                            N_("Survey of people on probation: {title}")),
}
GRADES = {
    "senior-probation-officer": N_("Senior probation officers"),
    "probation-officer": N_("Probation officers"),
    "probation-services-officer": N_("Probation services officers"),
    "case-administrator": N_("Case administrators"),
}
CASELOAD = (("community", N_("Community sentences")),
            ("licence", N_("On licence or post-sentence supervision")),
            ("custody", N_("In custody, before release")))


def surveys_of(surveys: Surveys | None) -> list[tuple[str, Survey]]:
    if surveys is None:
        return []
    return [(kind, s) for kind in SURVEYS if (s := getattr(surveys, kind)) is not None]
