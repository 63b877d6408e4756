"""A figure of an edition as the statistics check reports it: where it is, the fact it states
and whether the data gives its value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
