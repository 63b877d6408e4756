"""A PDU inspection: the finalised ratings and findings the panel agreed (one file per PDU)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reportgen.model.common import (
    MAX_ITEMS,
    MAX_PARAGRAPHS,
    ZERO,
    Code,
    Count,
    Date,
    Name,
    Narrative,
    PduFieldwork,
    Person,
    Rating,
    Region,
    Strict,
    YesNo,
)
from reportgen.model.evidence import ContextualData, Surveys
from reportgen.model.findings import (
    Inspectors,
    Panel,
    Practice,
    PreviousRecommendations,
    RatedStandard,
    Recommendation,
)


class KeyQuestionCounts(Strict):
    """Yes/No case counts of one key question, core (PC) and adjusted (PA) cases apart."""

    core: YesNo
    adjusted: YesNo = ZERO

    @property
    def total(self) -> YesNo:
        return self.core + self.adjusted


class CaseStandard(RatedStandard):
    """A domain two standard: its rating, findings and key-question counts."""

    key_questions: dict[str, KeyQuestionCounts] = Field(max_length=MAX_ITEMS)


class CaseProfile(Strict):
    """The inspected cohort (§4.1), for the report's annex and the checks."""

    core_cases: Count
    adjusted_cases: Count = 0
    women: Count
    high_risk_of_serious_harm: Count = Field(
        description="cases assessed as high or very high risk of serious harm")

    @property
    def cases(self) -> int:
        return self.core_cases + self.adjusted_cases


class PduRef(Strict):
    code: Code
    name: Name


class PduInspection(Strict):
    """One PDU inspection, finalised after the ratings panel."""

    kind: Literal["pdu-inspection"]
    schema_version: Literal[1]
    framework_version: str
    region: Region
    pdu: PduRef
    head_of_pdu: Person
    inspectors: Inspectors
    fieldwork: PduFieldwork
    publication_date: Date | None = None
    panel: Panel | None = None
    foreword: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    overall_findings: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    domain_one: dict[str, RatedStandard] = Field(max_length=MAX_ITEMS)
    domain_two: dict[str, CaseStandard] = Field(max_length=MAX_ITEMS)
    overall_rating: Rating
    case_profile: CaseProfile
    # Gathered in PDU cases but rated only at regional level (court work, resettlement, §7.1).
    regional_case_data: dict[str, KeyQuestionCounts] = Field(default_factory=dict,
                                                             max_length=MAX_ITEMS)
    recommendations: list[Recommendation] = Field(default_factory=list, max_length=MAX_ITEMS)
    previous_recommendations: PreviousRecommendations | None = None
    effective_practice: list[Practice] = Field(default_factory=list, max_length=MAX_ITEMS)
    surveys: Surveys | None = None
    contextual_data: ContextualData | None = None

    @property
    def standards(self) -> dict[str, RatedStandard]:
        """Every rated standard, domain one then domain two."""
        return {**self.domain_one, **self.domain_two}
