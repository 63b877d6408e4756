"""What a sentence claims beside its figures, judged against the data: a quantifier ("most",
"over half", "every case", "none of the"), a fraction ("two thirds", "one in five", "dwy ran o
dair"), a comparison ("stronger on A than on B"), a superlative ("weakest on A"), a gap in
percentage points, a change over time, and a count of standards or PDUs rated one way ("three
of the seven standards were rated Inadequate").

Each claim is bound to the key questions its sentence names (by their wording, in the edition's
language) and judged on their shares of the cases inspected: traced when the data bears it out,
mismatched naming the figures that contradict it. A claim whose sentence names no share the data
can settle is left to the sentence's other rules (a vague "most" is listed for a person, as
before). The words are data: `claims` and `quantities` in statistics.toml."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from functools import cached_property
from typing import Any, Protocol

from reportgen.checks.statistics.facts import Facts
from reportgen.checks.statistics.figures import NOT_A_FIGURE, Figure, Share
from reportgen.checks.statistics.reading import Unit
from reportgen.checks.statistics.words import Mention, Vocabulary, has
from reportgen.model import Rating

# A quantifier's claim on a share: how it bounds it, and the bound.
QUANTIFIERS: dict[str, tuple[str, Fraction]] = {
    "most": ("above", Fraction(1, 2)), "over_half": ("above", Fraction(1, 2)),
    "minority": ("below", Fraction(1, 2)), "under_half": ("below", Fraction(1, 2)),
    "half": ("about", Fraction(1, 2)), "all": ("exactly", Fraction(1)),
    "none": ("exactly", Fraction(0)), "nearly_all": ("nearly", Fraction(1)),
}
# Quantifiers listed for a person when their sentence names no share (the others, such as "all
# the staff who helped us", say nothing a statistician checks).
LISTED = frozenset({"most", "minority", "half"})
ABOUT = Fraction(5, 100)  # "two thirds" is right within 5 points of 2/3; "about half" too
SAID = {"above": "over", "below": "under", "exactly": "exactly", "about": "about",
        "nearly": "nearly"}


class Reader(Protocol):
    """What a claim needs of the reader of the edition (binding.Binder)."""

    f: Facts
    v: Vocabulary
    questions: dict[str, tuple[str, str, str]]  # code -> (wording, short wording, standard)
    claim_re: dict[str, re.Pattern[str]]

    def question_positions(self, sentence: str, std: str | None
                           ) -> list[tuple[int, int, str]]: ...

    def claim(self, unit: Unit, sentence: str, start: int, end: int, right: bool, fact: str,
              label: str, expected: str, source: str, note: str, value: Any = None
              ) -> Figure: ...


class Statements(Protocol):
    """What a claim needs of the survey statements a sentence names (populations.Said)."""

    def share(self, m: Mention) -> Share | None: ...

    def shares(self) -> list[tuple[int, int, Share]]: ...

    def others(self, share: Share) -> list[Share]: ...


class Claims:
    """The claims of one sentence of `unit`, under the standard `std` (its section's)."""

    def __init__(self, b: Reader, unit: Unit, sentence: str, std: str | None,
                 polarity: Callable[[], str],
                 statements: Callable[[], Statements | None] = lambda: None) -> None:
        self.b, self.unit, self.s, self.std, self.v = b, unit, sentence, std, b.v
        self._polarity = polarity
        self._statements = statements  # worked out only for a sentence that asks
        self.cues = self.v.cues["claims"]

    @cached_property
    def named(self) -> list[tuple[int, int, str]]:
        """The key questions the sentence names (worked out only for a sentence that asks)."""
        return self.b.question_positions(self.s, self.std)

    @cached_property
    def polarity(self) -> str:
        return self._polarity()

    @cached_property
    def statements(self) -> Statements | None:
        return self._statements()

    @cached_property
    def places(self) -> list[tuple[int, int, Share]]:
        """The shares the sentence names, where: its key questions', else its survey
        statements' (agreeing, or disagreeing)."""
        named = [(s, e, share) for s, e, c in self.named if (share := self.share(c))]
        if named or self.statements is None:
            return named
        return self.statements.shares()

    # ------------------------------------------------------------------- the data

    def share(self, code: str) -> Share | None:
        f = self.b.f
        cases = f.get(f"kq:{code}:all:cases")
        if cases is None or not cases.value:
            return None
        n = f.facts[f"kq:{code}:all:{self.polarity}"].value
        percent = f.facts[f"kq:{code}:pct:{self.polarity}"].value
        label = f"{code} ({self.b.questions[code][1]})" + (
            ", not sufficient" if self.polarity == "no" else "")
        return Share(code, self.polarity, n, cases.value, percent, label,
                     f'$.domain_two["{self.b.questions[code][2]}"].key_questions["{code}"]')

    def _near(self, at: int) -> str | None:
        """The key question a word at `at` speaks of: the sentence's one, or the nearest named
        after it, else before it."""
        codes = {c for _, _, c in self.named}
        if len(codes) == 1:
            return codes.pop()
        after = [c for s, _, c in self.named if s >= at]
        before = [c for _, e, c in self.named if e <= at]
        return after[0] if after else (before[-1] if before else None)

    # ------------------------------------------------------------------ figure keys

    def keys(self, found: list[Mention]) -> dict[int, str]:
        """The key questions of percentages in a sentence naming more than one: each the
        share of the question named nearest before it ("A (66%) than on B (60%)")."""
        keyed = {m.start: NOT_A_FIGURE for m in found if self._superlative_word(m)}
        if sum(m.kind == "percent" for m in found) < 2 or len({c for _, _, c in self.named}) < 2:
            return keyed
        for m in found:
            if m.kind == "percent":
                before = [c for _, e, c in self.named if e <= m.start]
                code = before[-1] if before else self._near(m.start)
                if code:
                    keyed[m.start] = f"kq:{code}:pct:{self.polarity}"
        return keyed

    # ---------------------------------------------------------------------- claims

    def figure(self, m: Mention) -> Figure | None:
        """A figure of the sentence that is a claim, judged; None for the sentence's rules."""
        if m.kind in ("quantity", "fraction") and not self._superlative_word(m):
            return self.quantity(m)
        if m.kind == "points":
            return self.gap(m)
        return None

    def quantity(self, m: Mention) -> Figure | None:
        """A quantifier or fraction on the share of the key question it speaks of, else of
        the survey statement (or the survey's response rate)."""
        code = self._near(m.start)
        share = self.share(code) if code else (
            self.statements.share(m) if self.statements else None)
        if share is None:
            return None
        how, target = self._bound(m)
        right = _holds(share.value, how, target)
        said = f"{SAID[how]} {_fraction(target)}"
        return self._claim(m.start, m.end, right, f"share:{share.code}:{share.polarity}",
                           f"{share.label}: {said}", str(share), share.source,
                           f"'{m.text}' says {said}; the data gives {share}")

    def _bound(self, m: Mention) -> tuple[str, Fraction]:
        if m.kind == "quantity":
            return QUANTIFIERS["half" if m.value == 50 else m.value]
        before = self.s[max(0, m.start - 24):m.start]
        for how in ("nearly", "above", "below", "about"):
            if any(re.search(rf"(?<!\w){re.escape(w)}\s*$", before, re.IGNORECASE)
                   for w in self.cues[how]):
                return how, m.value
        return "about", m.value

    def gap(self, m: Mention) -> Figure | None:
        """ "A was 6 percentage points higher than B": the two shares as printed."""
        codes = list(dict.fromkeys(c for _, _, c in self.named))
        if len(codes) != 2:
            return None
        a, b = (self.share(c) for c in codes)
        if a is None or b is None:
            return None
        gap = a.percent - b.percent
        direction = self._comparative()
        right = abs(gap) == m.value
        if right and direction is not None and gap:
            right = (gap > 0) == direction
        return self._claim(m.start, m.end, right, f"gap:{':'.join(sorted(codes))}",
                           f"the gap between {a.label} and {b.label}",
                           f"{abs(gap)} points ({a}; {b})", f"{a.source}; {b.source}",
                           f"'{m.text}': {a.label} is {a}, {b.label} is {b}, {abs(gap)} "
                           "points apart", value=m.value)

    def sentence(self, found: list[Mention]) -> Iterator[Figure]:
        """The claims with no figure of their own: comparisons, superlatives, changes."""
        if any(m.kind == "points" for m in found) or not self.b.claim_re["any"].search(self.s):
            return  # "6 points higher than": the gap says it, and is judged as one
        yield from self._summary()
        yield from self._compare()
        yield from self._superlative()
        yield from self._change(found)

    def _summary(self) -> Iterator[Figure]:
        """ "Overall, we found that this work needs to improve": the section's standard's
        rating, Good or Outstanding for work done well."""
        cue = self.b.claim_re["summary"].search(self.s)
        rating = self.b.f.get(f"rating:{self.std}") if cue and self.std else None
        if cue is None or rating is None:
            return
        well = has(cue.group(0), self.cues["done_well"])
        right = (rating.value in (Rating.GOOD, Rating.OUTSTANDING)) == well
        said = "done well" if well else "needing to improve"
        yield self._claim(cue.start(), cue.end(), right, f"summary:{self.std}",
                          f"the summary of {self.std}'s rating", str(rating.value),
                          rating.source, f"'{cue.group(0)}': the work {said}, but {self.std} "
                          f"is rated {rating.value}")

    def _comparative(self) -> bool | None:
        """Whether the sentence says "more" (True) or "less" (False) of its first question."""
        for greater, words in ((True, self.cues["greater"]), (False, self.cues["lesser"])):
            if has(self.s, words):
                return greater
        return None

    def _compare(self) -> Iterator[Figure]:
        cue = self.b.claim_re["compare"].search(self.s)
        if cue is None:
            return
        than = cue.end()
        before = [share for _, e, share in self.places if e <= than]
        after = [share for s, _, share in self.places if s >= than]
        if not before or not after or before[-1].code == after[0].code:
            return
        a, b = before[-1], after[0]
        greater = has(cue.group("cue"), self.cues["greater"])
        right = a.value > b.value if greater else a.value < b.value
        word = "above" if greater else "below"
        yield self._claim(cue.start("cue"), cue.end("cue"), right,
                          f"compare:{':'.join(sorted((a.code, b.code)))}",
                          f"{a.label} {word} {b.label}", f"{a}; {b}", f"{a.source}; {b.source}",
                          f"'{cue.group('cue')}': {a.label} is {a}, not {word} {b.label}, {b}")

    def _superlative(self) -> Iterator[Figure]:
        cue = self.b.claim_re["superlative"].search(self.s)
        if cue is None:
            return
        mine = self._share_near(cue.end())
        if mine is None:
            return
        others = [s for q in self.b.f.questions(self.b.questions[mine.code][2])
                  if q.code != mine.code and (s := self.share(q.code)) is not None
                  ] if mine.code in self.b.questions else (
            self.statements.others(mine) if self.statements else [])
        if not others:
            return
        greatest = has(cue.group(0), self.cues["greatest"])
        beyond = [s for s in others if (s.value > mine.value if greatest
                                        else s.value < mine.value)]
        word = "higher" if greatest else "lower"
        yield self._claim(cue.start(), cue.end(), not beyond, f"rank:{mine.code}",
                          f"{mine.label}, the {'highest' if greatest else 'lowest'} of "
                          f"{len(others) + 1}", str(mine), mine.source,
                          f"'{cue.group(0)}' {mine.label} ({mine}): " + "; ".join(
                              f"{s.label} is {word}, {s}" for s in beyond))

    def _share_near(self, at: int) -> Share | None:
        """The share named nearest after `at`, else before it."""
        after = [share for s, _, share in self.places if s >= at]
        before = [share for _, e, share in self.places if e <= at]
        return after[0] if after else (before[-1] if before else None)

    def _superlative_word(self, m: Mention) -> bool:
        """ "most" as the start of "most positive", "most often": a superlative, not a
        quantity."""
        if m.kind != "quantity":
            return False
        cue = self.b.claim_re["superlative"].match(self.s, m.start)
        return cue is not None and cue.end() > m.end

    def _change(self, found: list[Mention]) -> Iterator[Figure]:
        cue = self.b.claim_re["change"].search(self.s)
        if cue is None or not (self.named or any(m.kind == "percent" for m in found)):
            return
        yield self._claim(cue.start(), cue.end(), False, "change", "a change over time",
                          "no earlier figure", "the inspection data",
                          f"'{cue.group(0)}' states a change, but the data holds no earlier "
                          "figure to compare with")

    def _claim(self, start: int, end: int, right: bool, fact: str, label: str, expected: str,
               source: str, note: str, value: object = None) -> Figure:
        return self.b.claim(self.unit, self.s, start, end, right, f"claim:{fact}", label,
                            expected, source, "" if right else note, value)


def _holds(share: Fraction, how: str, target: Fraction) -> bool:
    if how == "above":
        return share > target
    if how == "below":
        return share < target
    if how == "exactly":
        return share == target
    if how == "nearly":  # "nearly all": four in five or more, not all; "nearly half": just under
        low = Fraction(8, 10) if target == 1 else target - ABOUT
        return low <= share < target
    return abs(share - target) <= ABOUT


def _fraction(f: Fraction) -> str:
    return {Fraction(1): "all", Fraction(0): "none", Fraction(1, 2): "half"}.get(
        f, f"{f.numerator}/{f.denominator}")


def patterns(v: Vocabulary) -> dict[str, re.Pattern[str]]:
    """The cues of the claims with no figure of their own, as patterns; "any" finds a sentence
    that may hold one."""
    c = v.cues["claims"]

    def alternation(*names: str) -> str:
        return "|".join(re.escape(w) for w in sorted({w for n in names for w in c[n]},
                                                      key=len, reverse=True))

    found = {
        "compare": rf"(?<!\w)(?P<cue>{alternation('greater', 'lesser')})(?!\w).*?(?<!\w)"
                   rf"(?:{alternation('than')})(?!\w)",
        "superlative": rf"(?<!\w)(?:{alternation('greatest', 'least')})(?!\w)",
        "change": rf"(?<!\w)(?:{alternation('change')})(?!\w)",
        "summary": rf"(?<!\w)(?:{alternation('done_well', 'needs_improving')})(?!\w)",
    }
    # a quick first look (a word boundary, not the lookarounds, which cost on every character)
    found["any"] = rf"\b(?:{alternation('greater', 'lesser', 'greatest', 'least', 'change', 'done_well', 'needs_improving')})\b"  # noqa: E501
    return {name: re.compile(p, re.IGNORECASE) for name, p in found.items()}
