"""A national review (national standards N.1-N.4, v1.6 December 2024): findings on how
national arrangements support regions and PDUs. Unrated: the inspectorate does not rate the
national level."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reportgen.model.common import Date, Person, Strict, Text


class KeyQuestionFindings(Strict):
    findings: list[Text] = Field(min_length=1)
    evidence: list[Text] = Field(default_factory=list)  # the sources these findings rest on


class NationalStandard(Strict):
    summary: list[Text] = Field(default_factory=list)
    key_questions: dict[str, KeyQuestionFindings]


class NationalReview(Strict):
    kind: Literal["national-review"]
    schema_version: Literal[1]
    framework_version: str
    period: Text  # what the review covers, for example "October 2025 to March 2026"
    publication_date: Date
    lead_inspector: Person
    introduction: list[Text] = Field(default_factory=list)
    evidence_sources: list[Text] = Field(min_length=1)
    standards: dict[str, NationalStandard]
