"""A regional inspection: the region's finalised ratings, after all its PDUs were inspected."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.common import Date, Fieldwork, Name, Person, Rating, Region, Strict, Text
from reportgen.model.findings import (
    Inspectors,
    Panel,
    Practice,
    PreviousRecommendations,
    RatedStandard,
    Recommendation,
)
from reportgen.model.pdu import KeyQuestionCounts


class PduEntry(Strict):
    """A PDU of the region: a reference to its inspection file (preferred: its case data is then
    aggregated), or its code, name and finalised ratings given inline."""

    file: str | None = None
    code: str | None = Field(default=None, pattern=r"^[a-z0-9-]+$")
    name: Name | None = None
    ratings: dict[str, Rating] | None = None
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


class Staffing(RatedStandard):
    """Regional staffing (R 1.2): the indicative rating from the PDUs' staffing scores, and the
    panel's final rating after moderation on qualitative evidence (R 1.2.1)."""

    indicative_rating: Rating
    moderated: bool
    moderation_reason: Text | None = None
    # Bands for a region whose PDU count has no row in the manual's table: lowest total of
    # Requires improvement, Good, Outstanding.
    bands: tuple[int, int, int] | None = None


class RegionalCaseStandard(RatedStandard):
    """A regional domain two standard. Key-question counts are given for the region's own
    cohorts (unpaid work, victim work); for the others they are summed from the PDU files, or
    given here when the PDUs are listed inline."""

    key_questions: dict[str, KeyQuestionCounts] | None = None


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
    pdus: list[PduEntry]
    foreword: list[Text] = Field(default_factory=list)
    overall_findings: list[Text] = Field(default_factory=list)
    leadership: RatedStandard
    staffing: Staffing
    domain_two: dict[str, RegionalCaseStandard]
    overall_rating: Rating
    recommendations: list[Recommendation] = Field(default_factory=list)
    previous_recommendations: PreviousRecommendations | None = None
    effective_practice: list[Practice] = Field(default_factory=list)
