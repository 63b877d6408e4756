"""Two editions of one report checked against each other (the Welsh against the English): every
figure of one has its counterpart in the other. A figure bound to a fact has its counterpart
where the other edition states the same fact (each edition's values are checked against the
data, so a wrong value is reported once, where it is wrong); an unbound figure has its
counterpart where the other edition has the same figure in the same section."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from reportgen.checks.statistics.figures import Figure

NAMES = {"en": "English", "cy": "Welsh"}
FINDINGS = ("relation", "counterpart")  # not figures: what the check found between figures


def compare(first: list[Figure], second: list[Figure]) -> list[Figure]:
    """The figures of each edition with no counterpart in the other."""
    a = [x for x in first if x.kind not in FINDINGS]
    b = [x for x in second if x.kind not in FINDINGS]
    return [*_unmatched(a, b), *_unmatched(b, a)]


def _unbound_key(fig: Figure) -> tuple[int, str, str]:
    return fig.section_index, fig.kind, str(fig.value)


def _unmatched(figures: list[Figure], other: list[Figure]) -> Iterator[Figure]:
    name = NAMES.get(other[0].lang, "other") if other else "other"
    facts = {x.fact for x in other if x.fact}
    unbound = Counter(_unbound_key(x) for x in other if not x.fact)
    for fig in figures:
        if fig.fact:
            if fig.fact in facts:
                continue
        elif unbound[_unbound_key(fig)] > 0:
            unbound[_unbound_key(fig)] -= 1
            continue
        yield Figure(fig.text, "counterpart", fig.where, fig.section, fig.context,
                     "mismatched", fig.value, fig.fact, fig.label, "", f"the {name} edition",
                     f"no counterpart in the {name} edition", fig.section_index, fig.lang)
