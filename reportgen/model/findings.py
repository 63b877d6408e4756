"""Narrative blocks shared by PDU and regional inspections: findings, recommendations, panel."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reportgen.model.common import (
    MAX_ITEMS,
    MAX_PARAGRAPHS,
    Date,
    Narrative,
    Person,
    Rating,
    Strict,
    Text,
)

Addressee = Literal["pdu", "region", "probation-service", "hmpps", "ministry-of-justice"]


class Findings(Strict):
    """What inspectors found on one standard, in the report's words."""

    summary: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    strengths: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    areas_for_improvement: list[Narrative] = Field(default_factory=list,
                                                   max_length=MAX_PARAGRAPHS)


class Recommendation(Strict):
    to: Addressee
    text: Narrative


class PreviousRecommendation(Strict):
    recommendation: Text  # a heading on the web page: plain
    progress: Narrative


class PreviousRecommendations(Strict):
    """Progress on recommendations of earlier inspections: rated, but never changes a rating."""

    summary: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    items: list[PreviousRecommendation] = Field(default_factory=list, max_length=MAX_ITEMS)


class Practice(Strict):
    """Effective or innovative practice worth sharing."""

    title: Text
    text: Narrative


class Departure(Strict):
    """A finalised rating the panel agreed although the ratings rules give another, with why."""

    standard: str
    reason: Text


class Panel(Strict):
    """The ratings panel (§7.2): who sat, when, and any recorded departure from the rules."""

    date: Date
    chair: Person
    members: list[Person] = Field(default_factory=list, max_length=MAX_ITEMS)
    key_findings: list[Narrative] = Field(default_factory=list, max_length=MAX_PARAGRAPHS)
    departures: list[Departure] = Field(default_factory=list, max_length=MAX_ITEMS)


class Inspectors(Strict):
    lead: Person
    deputy: Person | None = None


class RatedStandard(Findings):
    """A standard's finalised rating and its findings."""

    rating: Rating
    # Only for leadership: an Outstanding rating needs a review of diversity arrangements (§2.3).
    diversity_review: bool | None = None
