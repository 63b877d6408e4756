"""The statistics check (manual §7.3): every figure of a published edition bound to the fact its
context states and checked against the inspection data, in English and in Welsh.

`check(content, loaded)` reads one edition (Word document, web edition or data workbook) in one
language; `compare(english, welsh)` checks two editions against each other. Each figure is
traced (it states a fact of the data with the data's value), mismatched (it states a fact with
another value, or a relation between the printed figures does not hold) or unbound (its fact
cannot be told from its context: listed for a person to confirm). An edition passes when nothing
is mismatched."""

from __future__ import annotations

import hashlib
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from lxml import etree

from reportgen.checks.statistics.binding import Binder
from reportgen.checks.statistics.editions import FINDINGS, compare
from reportgen.checks.statistics.facts import Facts, facts
from reportgen.checks.statistics.figures import Figure
from reportgen.checks.statistics.reading import EditionText, ReadError, read
from reportgen.checks.statistics.relations import consistency, relations
from reportgen.checks.statistics.words import vocabulary
from reportgen.errors import ReportgenError
from reportgen.reading import Loaded

__all__ = ["Checked", "EditionText", "Facts", "Figure", "check", "check_edition", "check_editions",
           "compare", "facts", "read", "read_edition", "summary"]
STATUSES = ("traced", "mismatched", "unbound")


def read_edition(content: bytes, name: str = "this file") -> EditionText:
    """An edition read, or a clear error naming the file."""
    try:
        return read(content)
    except (ReadError, KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError) as exc:
        raise ReportgenError(f"{name}: the statistics check cannot read it: {exc}") from exc


def check(content: bytes, loaded: Loaded | Facts, lang: str | None = None) -> list[Figure]:
    """Every figure of one edition, bound and checked against the inspection data."""
    f = loaded if isinstance(loaded, Facts) else facts(loaded)
    return check_edition(read_edition(content), f, lang)


def check_edition(ed: EditionText, f: Facts, lang: str | None = None) -> list[Figure]:
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


def findings(found: list[Figure]) -> list[Figure]:
    """What the check found between figures: relations that do not hold, figures with no
    counterpart in the other edition."""
    return [x for x in found if x.kind in FINDINGS]


def figures_only(found: list[Figure]) -> list[Figure]:
    return [x for x in found if x.kind not in FINDINGS]


@dataclass
class Checked:
    """One edition checked: its name, language, format, checksum and figures."""

    name: str
    lang: str
    format: str
    sha256: str
    figures: list[Figure]
    compared_with: str | None = None  # the checksum of the other language's edition

    @property
    def passed(self) -> bool:
        return not any(x.status == "mismatched" for x in self.figures)

    @property
    def unbound(self) -> list[tuple[str, str]]:
        """The figures a person must confirm, as they are shown: (where, figure)."""
        return [(x.where, x.text) for x in self.figures if x.status == "unbound"]

    @property
    def to_confirm(self) -> list[tuple[str, str, str]]:
        """What a person's confirmation is of: each unbound figure by its section, its sentence
        and its text. It holds wherever the paragraph moves (a draft's notice, a paragraph
        added above) and lapses when the sentence changes."""
        return [(x.section, x.context, x.text) for x in self.figures if x.status == "unbound"]

    def unconfirmed(self, confirmed: set[tuple[str, ...]]) -> list[tuple[str, str]]:
        """The unbound figures not confirmed, as they are shown: (where, figure)."""
        return [(x.where, x.text) for x in self.figures if x.status == "unbound"
                and (x.section, x.context, x.text) not in confirmed]

    def cleared(self, confirmed: set[tuple[str, ...]]) -> bool:
        """Passed, and every unbound figure confirmed by a person."""
        return self.passed and not self.unconfirmed(confirmed)


def check_editions(files: Sequence[tuple[str, bytes]], loaded: Loaded,
                   counterparts: Sequence[tuple[str, bytes]] = ()) -> list[Checked]:
    """Each edition checked against the data, and each pair of one format in two languages
    against each other (a counterpart is an edition compared with but not reported, such as
    the English version held when only the Welsh is given)."""
    f = facts(loaded)
    checked, others = [], []
    for group, items in ((checked, files), (others, counterparts)):
        for name, content in items:
            ed = read_edition(content, name)
            lang = ed.lang or "en"
            group.append(Checked(name, lang, ed.format, hashlib.sha256(content).hexdigest(),
                                 check_edition(ed, f, lang)))
    for c in checked:
        pair = next((o for o in [*checked, *others] if o.format == c.format
                     and o.lang != c.lang), None)
        if pair is None:
            continue
        c.compared_with = pair.sha256
        for x in compare(pair.figures, c.figures):
            if x.lang == c.lang:
                c.figures.append(x)
            elif pair in others:  # reported here, as the other edition is not
                x.where = f"{pair.name}, {x.where}"
                c.figures.append(x)
    return checked


def summary(found: list[Figure]) -> dict[str, Any]:
    """Counts of the figures by status, and of the failing relations and counterparts."""
    counts = Counter(x.status for x in figures_only(found))
    return {"figures": len(figures_only(found)), **{s: counts[s] for s in STATUSES},
            "findings": len(findings(found)),
            "passed": not any(x.status == "mismatched" for x in found),
            "problems": [asdict(x) for x in found if x.status == "mismatched"],
            "to_confirm": [asdict(x) for x in found if x.status == "unbound"]}
