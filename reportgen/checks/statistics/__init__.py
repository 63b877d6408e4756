"""The statistics check (manual §7.3): every figure of a published edition bound to the fact its
context states and checked against the inspection data, in English and in Welsh.

`check(content, loaded)` reads one edition (Word document, web edition or data workbook) in one
language; `compare(english, welsh)` checks two editions against each other. Each figure is
traced (it states a fact of the data with the data's value), mismatched (it states a fact with
another value, or a relation between the printed figures does not hold) or unbound (its fact
cannot be told from its context: listed for a person to confirm). An edition passes when nothing
is mismatched."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from reportgen.checks.statistics.binding import Binder, Figure
from reportgen.checks.statistics.editions import compare
from reportgen.checks.statistics.facts import Facts, facts
from reportgen.checks.statistics.reading import Edition, ReadError, read
from reportgen.checks.statistics.relations import consistency, relations
from reportgen.checks.statistics.words import vocabulary
from reportgen.errors import ReportgenError
from reportgen.loading import Loaded

__all__ = ["Edition", "Facts", "Figure", "check", "check_edition", "compare", "facts", "read",
           "summary"]
STATUSES = ("traced", "mismatched", "unbound")


def check(content: bytes, loaded: Loaded | Facts, lang: str | None = None) -> list[Figure]:
    """Every figure of one edition, bound and checked against the inspection data."""
    try:
        edition = read(content)
    except (ReadError, KeyError, ValueError) as exc:
        raise ReportgenError(f"the statistics check cannot read this file: {exc}") from exc
    return check_edition(edition, loaded if isinstance(loaded, Facts) else facts(loaded), lang)


def check_edition(ed: Edition, f: Facts, lang: str | None = None) -> list[Figure]:
    v = vocabulary(lang or ed.lang or "en")
    found = list(Binder(ed, f, v).figures())
    found += relations(found, f)
    found += consistency(found)
    for r in f.relations:
        fact = f.get(r.fact)
        found.append(Figure(str(r.found), "relation", "the inspection data", "", r.note,
                            "mismatched", r.found, r.fact, fact.label if fact else r.fact,
                            str(r.expected), "the ratings rules (§7.1)", r.note, 0, v.lang))
    return found


def summary(found: list[Figure]) -> dict[str, Any]:
    counts = Counter(x.status for x in found)
    return {"figures": len(found), **{s: counts[s] for s in STATUSES},
            "passed": counts["mismatched"] == 0,
            "problems": [asdict(x) for x in found if x.status == "mismatched"],
            "to_confirm": [asdict(x) for x in found if x.status == "unbound"]}
