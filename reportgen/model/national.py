"""A national review (national standards N.1-N.4, v1.6 December 2024): findings on how
national arrangements support regions and PDUs. Unrated: the inspectorate does not rate the
national level."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.common import MAX_ITEMS, MAX_PARAGRAPHS, Date, Narrative, Person, Strict


class KeyQuestionFindings(Strict):
    findings: list[Narrative] = Field(min_length=1, max_length=MAX_PARAGRAPHS)
    # The sources these findings rest on.
    evidence: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)


class NationalStandard(Strict):
    summary: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    key_questions: dict[str, KeyQuestionFindings] = Field(max_length=MAX_ITEMS)


class Period(Strict):
    """The first and last day a review covers ("October 2025 to September 2026")."""

    start: Date
    end: Date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError(
                "reportgen", "expected {expected}; found {found}",
                {"expected": "the end of the period after its start",
                 "found": f"start {self.start.isoformat()}, end {self.end.isoformat()}"})
        return self


class NationalReview(Strict):
    kind: Literal["national-review"]
    schema_version: Literal[1]
    framework_version: str
    period: Period  # the months the review covers, written by Babel in each language
    publication_date: Date
    lead_inspector: Person
    introduction: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    evidence_sources: list[Narrative] = Field(min_length=1, max_length=MAX_PARAGRAPHS)
    standards: dict[str, NationalStandard] = Field(max_length=MAX_ITEMS)
