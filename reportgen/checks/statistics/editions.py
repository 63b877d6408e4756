"""Two editions of one report checked against each other (the Welsh against the English, or the
web edition against the Word document): every figure of one has its counterpart in the other,
stating the same fact with the same value."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from reportgen.checks.statistics.binding import Figure

NAMES = {"en": "English", "cy": "Welsh"}


def _key(fig: Figure) -> tuple[str, ...]:
    if fig.fact:
        return ("fact", fig.fact)
    return ("unbound", str(fig.section_index), fig.kind, str(fig.value))


def compare(first: list[Figure], second: list[Figure], names: tuple[str, str] = ("", "")
            ) -> list[Figure]:
    """What each edition states that the other does not: a fact with another value, or a
    figure with no counterpart."""
    a = [x for x in first if x.kind != "relation"]
    b = [x for x in second if x.kind != "relation"]
    name_a = names[0] or NAMES.get(a[0].lang if a else "", "first") + " edition"
    name_b = names[1] or NAMES.get(b[0].lang if b else "", "second") + " edition"
    return [*_unmatched(a, b, name_b), *_unmatched(b, a, name_a)]


def _unmatched(figures: list[Figure], other: list[Figure], other_name: str) -> Iterator[Figure]:
    counts = Counter(_key(x) + (str(x.value),) for x in other)
    stated = {x.fact: x for x in other if x.fact}
    for fig in figures:
        key = _key(fig) + (str(fig.value),)
        if counts[key] > 0:
            counts[key] -= 1
            continue
        there = stated.get(fig.fact) if fig.fact else None
        if there is not None and str(there.value) != str(fig.value):
            note = f"the {other_name} says {there.text} ({there.where})"
        elif there is not None:
            continue  # stated in both with the same value, more often in this one
        else:
            note = f"no counterpart in the {other_name}"
        yield Figure(fig.text, fig.kind, fig.where, fig.section, fig.context, "mismatched",
                     fig.value, fig.fact, fig.label, str(there.value) if there else "",
                     other_name, note, fig.section_index, fig.lang)
