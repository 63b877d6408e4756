"""A regional inspection: the region's finalised ratings, after all its PDUs were inspected."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from reportgen.jsonpath import shown
from reportgen.model.common import (
    MAX_ITEMS,
    MAX_LINE,
    MAX_PARAGRAPHS,
    MAX_PDUS,
    Code,
    Date,
    Fieldwork,
    Name,
    Narrative,
    Person,
    Rating,
    Region,
    Strict,
    Text,
    check_text,
    refused,
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
from reportgen.model.pdu import KeyQuestionCounts


def check_pdu_file(value: str) -> str:
    """A PDU file is named relative to the region's file, in its folder or below."""
    check_text(value, MAX_LINE, one_line=True)
    parts = value.replace("\\", "/").split("/")
    if value.startswith("/") or ".." in parts or not value.endswith(".json"):
        raise refused("a .json file named from the region file's folder, in it or below "
                      "(such as pdus/gwent.json)", shown(value))
    return value


PduFile = Annotated[str, AfterValidator(check_pdu_file)]


class PduEntry(Strict):
    """A PDU of the region: a reference to its inspection file (preferred: its case data is then
    aggregated), or its code, name and finalised ratings given inline."""

    file: PduFile | None = None
    code: Code | None = None
    name: Name | None = None
    ratings: dict[str, Rating] | None = Field(default=None, max_length=MAX_ITEMS)
    overall_rating: Rating | None = None

    @model_validator(mode="after")
    def _file_or_inline(self) -> PduEntry:
        inline = (self.code, self.name, self.ratings, self.overall_rating)
        if self.file is None and None in inline:
            raise PydanticCustomError(
                "reportgen", "expected {expected}; found {found}",
                {"expected": "either \"file\" or all of code, name, ratings, overall_rating",
                 "found": "neither"})
        return self


class RegionalFieldwork(Strict):
    """The regional fieldwork (§5.1): a week of unpaid work and victim cases, a gap, then the
    domain one meetings."""

    casework: Fieldwork
    meetings: Fieldwork

    @model_validator(mode="after")
    def _ordered(self) -> RegionalFieldwork:
        if self.meetings.start <= self.casework.end:
            raise PydanticCustomError(
                "reportgen", "expected {expected}; found {found}",
                {"expected": "the meetings to start after the casework week ends",
                 "found": f"casework ends {self.casework.end}, meetings start "
                          f"{self.meetings.start}"})
        return self

    @property
    def end(self) -> dt.date:
        return self.meetings.end


Total = Annotated[int, Field(ge=0, le=3 * 100)]  # a sum of staffing scores (0 to 3 a PDU)


class Staffing(RatedStandard):
    """Regional staffing (R 1.2): the indicative rating from the PDUs' staffing scores, and the
    panel's final rating after moderation on qualitative evidence (R 1.2.1)."""

    indicative_rating: Rating
    moderated: bool
    moderation_reason: Text | None = None
    # Bands for a region whose PDU count has no row in the manual's table: lowest total of
    # Requires improvement, Good, Outstanding.
    bands: tuple[Total, Total, Total] | None = None


class RegionalCaseStandard(RatedStandard):
    """A regional domain two standard. Key-question counts are given for the region's own
    cohorts (unpaid work, victim work); for the others they are summed from the PDU files, or
    given here when the PDUs are listed inline."""

    key_questions: dict[str, KeyQuestionCounts] | None = Field(default=None,
                                                               max_length=MAX_ITEMS)


class RegionalInspection(Strict):
    kind: Literal["regional-inspection"]
    schema_version: Literal[1]
    framework_version: str
    region: Region
    regional_probation_director: Person
    inspectors: Inspectors
    fieldwork: RegionalFieldwork
    publication_date: Date | None = None
    panel: Panel | None = None
    pdus: list[PduEntry] = Field(max_length=MAX_PDUS)
    foreword: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    overall_findings: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    leadership: RatedStandard
    staffing: Staffing
    domain_two: dict[str, RegionalCaseStandard] = Field(max_length=MAX_ITEMS)
    overall_rating: Rating
    recommendations: list[Recommendation] = Field(default_factory=list, max_length=MAX_ITEMS)
    previous_recommendations: PreviousRecommendations | None = None
    effective_practice: list[Practice] = Field(default_factory=list, max_length=MAX_ITEMS)
    surveys: Surveys | None = None
    contextual_data: ContextualData | None = None
