"""A figure of an edition as the statistics check reports it: where it is, the fact it states
and whether the data gives its value; and a share as a claim in words weighs it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

# The key of what looks like a figure and is not one ("Good" naming a band, "most" in "most
# positive about"): nothing is reported of it.
NOT_A_FIGURE = "-"


@dataclass
class Figure:
    """A figure of the edition, the fact it states and whether the data gives its value."""

    text: str
    kind: str  # number, percent, date, rating, quantity, year, relation
    where: str
    section: str
    context: str
    status: str  # traced, mismatched, unbound
    value: Any = None
    fact: str = ""
    label: str = ""
    expected: Any = None
    source: str = ""
    note: str = ""
    section_index: int = 0
    lang: str = ""


@dataclass(frozen=True)
class Share:
    """A share a claim in words weighs: a key question's of the cases inspected, a survey
    statement's of those who answered it, a survey's response rate."""

    code: str
    polarity: str  # yes / no (judged sufficient or not); agree / disagree; answered
    n: int
    cases: int  # the whole the share is of
    percent: int
    label: str
    source: str

    @property
    def value(self) -> Fraction:
        return Fraction(self.n, self.cases)

    def __str__(self) -> str:
        return f"{self.percent}% ({self.n} of {self.cases})"
