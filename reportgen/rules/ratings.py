"""The ratings rules of §7.1, driven by reportgen/data/rules.toml.

- a domain two standard takes the band of its lowest key question (the share of cases judged
  sufficient, as a published whole-number percentage);
- the overall rating bands the sum of the standards' scores (0-21 for a PDU, 0-24 for a region);
- the indicative regional staffing rating bands the sum of the PDUs' staffing scores by the
  number of PDUs in the region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportgen import data
from reportgen.errors import ReportgenError
from reportgen.model import Rating, YesNo
from reportgen.rules.rounding import percent

Scale = Literal["pdu", "regional"]


class RulesError(ReportgenError):
    """The rules cannot give a rating from the data (for example no staffing bands)."""


@dataclass(frozen=True)
class Band:
    name: str  # "Reasonable majority" ...
    rating: Rating


def case_band(pct: int) -> Band:
    """The band of a whole-number percentage of cases judged sufficient."""
    if not 0 <= pct <= 100:
        raise ValueError(f"a percentage runs from 0 to 100, not {pct}")
    bands = sorted(data.load("rules")["case_bands"], key=lambda b: b["min"])
    chosen = [b for b in bands if pct >= b["min"]][-1]
    return Band(chosen["band"], Rating(chosen["rating"]))


def lowest_key_question(counts: Sequence[YesNo]) -> Rating:
    """A standard's rating: the band of its lowest key question (§7.1)."""
    shares = [percent(c.yes, c.total) for c in counts]
    known = [s for s in shares if s is not None]
    if not known or len(known) != len(shares):
        raise RulesError("a key question has no inspected cases, so the standard cannot be rated")
    return case_band(min(known)).rating


def _banded(total: int, lows: Sequence[int]) -> Rating:
    """Rating of `total` given the lowest totals of Requires improvement, Good, Outstanding."""
    return Rating.from_score(sum(total >= low for low in lows))


def overall(scores: Sequence[int], scale: Scale) -> Rating:
    """The overall rating from the standards' scores: no weightings (§7.1)."""
    rule = data.load("rules")["overall"][scale]
    if len(scores) != rule["standards"]:
        raise RulesError(f"the overall {scale} rating needs {rule['standards']} standards, "
                         f"given {len(scores)}")
    return overall_band(sum(scores), scale)


def overall_band(total: int, scale: Scale) -> Rating:
    """The overall rating of a total score."""
    lows = sorted(b["min"] for b in data.load("rules")["overall"][scale]["bands"])[1:]
    return _banded(total, lows)


def max_score(scale: Scale) -> int:
    return 3 * int(data.load("rules")["overall"][scale]["standards"])


def staffing_bands(pdus: int) -> tuple[int, int, int]:
    """The lowest totals of Requires improvement, Good, Outstanding for a region of `pdus` PDUs."""
    table = data.load("rules")["staffing"]
    row = table.get(str(pdus))
    if row is None:
        rows = ", ".join(sorted(table, key=int))
        raise RulesError(f"the staffing table (§7.1) has no row for {pdus} PDUs (rows: {rows}); "
                         "give the region's bands in staffing.bands")
    return (row[0], row[1], row[2])


def indicative_staffing(ratings: Sequence[Rating],
                        bands: tuple[int, int, int] | None = None) -> Rating:
    """The indicative regional staffing rating from the PDUs' P 1.2 ratings (§7.1)."""
    lows = bands if bands is not None else staffing_bands(len(ratings))
    return _banded(sum(r.score for r in ratings), lows)
