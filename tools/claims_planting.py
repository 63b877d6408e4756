"""Planted claims: sentences that state something about the figures rather than a figure, each
written right (a control, which must come out traced and nothing else) and wrong (an error,
which must be mismatched at its place), in English and Welsh, into every rendered report:
quantifiers and fractions of a key question's share, "every" and "none", comparisons,
superlatives, gaps in percentage points, changes with nothing to compare with, counts of
standards rated one way, the overall rating in a sentence, a weekday that is not its date's,
a count of people that is not the cases inspected; and figures moved to another standard's
place (a rating line, a key question's row, a chart's alt text).

Whether each sentence is right is decided here from the data, by the plain meaning of its words
(a fraction is right within 5 points, wrong 10 or more away; between, it is not planted); the
check decides by its own reading. A measurement tool, not part of the package:
tools/claims_catch_rate.py prints its table, tests/checks/test_claims_corpus.py asserts it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise, permutations
from typing import Any

from babel.dates import get_day_names

from reportgen.checks.statistics.facts import Facts
from reportgen.checks.statistics.reading import NS, Unit, read_word
from reportgen.checks.statistics.words import SOFT, mutate
from reportgen.i18n import BABEL_LOCALES
from reportgen.model import Rating
from tools.stats_planting import CLOSED, Planted, Planter, _follow, _path, _replace_text

KINDS = ("quantifier", "fraction", "every-none", "comparison", "superlative", "gap", "change",
         "standards-count", "overall-rating", "summary", "weekday", "population", "count-words",
         "moved-rating",
         "moved-row", "moved-alt")
HALF = Fraction(1, 2)
MOVED = ("moved-rating", "moved-row", "moved-alt")  # errors with no right wording of their own

# Each quantifier: its words in each language, and when it is right of a share.
QUANTIFIERS: list[tuple[dict[str, str], Callable[[Fraction], bool]]] = [
    ({"en": "Most", "cy": "y rhan fwyaf"}, lambda s: s > HALF),
    ({"en": "Over half", "cy": "dros hanner"}, lambda s: s > HALF),
    ({"en": "The majority", "cy": "y mwyafrif"}, lambda s: s > HALF),
    ({"en": "Fewer than half", "cy": "llai na hanner"}, lambda s: s < HALF),
    ({"en": "A minority", "cy": "lleiafrif"}, lambda s: s < HALF),
]
FRACTIONS: list[tuple[dict[str, str], Fraction]] = [
    ({"en": "A third", "cy": "traean"}, Fraction(1, 3)),
    ({"en": "Two thirds", "cy": "dwy ran o dair"}, Fraction(2, 3)),
    ({"en": "A quarter", "cy": "chwarter"}, Fraction(1, 4)),
    ({"en": "Three quarters", "cy": "tri chwarter"}, Fraction(3, 4)),
    ({"en": "One in five", "cy": "un o bob pump"}, Fraction(1, 5)),
    ({"en": "Four in five", "cy": "pedwar o bob pump"}, Fraction(4, 5)),
    ({"en": "Half", "cy": "hanner"}, HALF),
]
EVERY: list[tuple[dict[str, str], Callable[[Fraction], bool]]] = [
    ({"en": "All", "cy": "pob un"}, lambda s: s == 1),
    ({"en": "Nearly all", "cy": "bron pob un"}, lambda s: Fraction(8, 10) <= s < 1),
    ({"en": "None", "cy": ""}, lambda s: s == 0),
]
# A fraction bounded: "more than a third" (above it), "fewer than two thirds" (below it).
BOUNDS = {"en": [("More than {}", True), ("Fewer than {}", False)],
          "cy": [("Dros {}", True), ("Llai na {}", False)]}
SENTENCES = {
    "en": {
        "share": "{q} of the cases we inspected were sufficient on {question}.",
        "greater": "The work was stronger on {a} than on {b}.",
        "lesser": "The work was weaker on {a} than on {b}.",
        "greater%": "The work was stronger on {a} ({pa}%) than on {b} ({pb}%).",
        "lesser%": "The work was weaker on {a} ({pa}%) than on {b} ({pb}%).",
        "strongest": "The work was strongest on {q}.",
        "weakest": "The work was weakest on {q}, at {p}%.",
        "higher": "The share for {a} was {gap} percentage points higher than for {b}.",
        "lower": "The share for {a} was {gap} percentage points lower than for {b}.",
        "changed": "Work on {q} has improved since the last inspection, to {p}%.",
        "stood": "Work on {q} was sufficient in {p}% of the cases we inspected.",
        "standards": "{n} of the {m} standards were rated {rating}.",
        "overall": "The {whole} was rated {rating} overall.",
        "people": "{n} people were under supervision.",
        "well": "Overall, we found that this work was done well.",
        "improve": "Overall, we found that this work needs to improve.",
        "inspected": "We inspected {n} cases.",
        "cohort": "The cases were drawn in {n} weeks between {a} and {b} weeks before the "
                  "fieldwork.",
    },
    "cy": {
        "share": "Roedd {q} o'r achosion a arolygwyd yn ddigonol o ran {question}.",
        "greater": "Roedd y gwaith yn gryfach o ran {a} nag o ran {b}.",
        "lesser": "Roedd y gwaith yn wannach o ran {a} nag o ran {b}.",
        "greater%": "Roedd y gwaith yn gryfach o ran {a} ({pa}%) nag o ran {b} ({pb}%).",
        "lesser%": "Roedd y gwaith yn wannach o ran {a} ({pa}%) nag o ran {b} ({pb}%).",
        "strongest": "Roedd y gwaith ar ei gryfaf o ran {q}.",
        "weakest": "Roedd y gwaith ar ei wannaf o ran {q}, sef {p}%.",
        "higher": "Roedd y gyfran ar gyfer {a} {gap} pwynt canran yn uwch nag ar gyfer {b}.",
        "lower": "Roedd y gyfran ar gyfer {a} {gap} pwynt canran yn is nag ar gyfer {b}.",
        "changed": "Mae'r gwaith o ran {q} wedi gwella ers yr arolygiad diwethaf, i {p}%.",
        "stood": "Roedd y gwaith o ran {q} yn ddigonol mewn {p}% o'r achosion a arolygwyd.",
        "standards": "Cafodd {n} o'r {m} safon eu graddio'n {rating}.",
        "overall": "Graddiwyd yr {whole} yn {rating} yn gyffredinol.",
        "people": "Roedd {n} o bobl dan oruchwyliaeth.",
        "well": "At ei gilydd, canfuom fod y gwaith hwn yn cael ei wneud yn dda.",
        "improve": "At ei gilydd, canfuom fod angen i'r gwaith hwn wella.",
        "inspected": "Arolygwyd {n} o achosion.",
        "cohort": "Cafodd yr achosion eu dewis mewn {n} rhwng {a} a {b} wythnos cyn y gwaith "
                  "maes.",
    },
}
WHOLE = {"en": {"pdu": "PDU", "region": "region"}, "cy": {"pdu": "Uned", "region": "rhanbarth"}}


@dataclass(frozen=True)
class Question:
    code: str
    words: str  # its short wording in the edition's language
    share: Fraction
    percent: int


class ClaimPlanter(Planter):
    """Claims planted into one rendered Word report, in one language."""

    def __init__(self, parts: Mapping[str, bytes], f: Facts, lang: str) -> None:
        super().__init__(parts, f, lang)
        self.s = SENTENCES[lang]
        self.unit, q = self._share_unit()
        std = self.f.framework.standard(q.code.rsplit(".", 1)[0])
        self.std = std
        self.questions = [Question(k.code, (k.short or k.text).get(lang) or "",  # type: ignore[arg-type]
                                   Fraction(self.f.facts[f"kq:{k.code}:all:yes"].value,
                                            self.f.facts[f"kq:{k.code}:all:cases"].value),
                                   self.f.facts[f"kq:{k.code}:pct:yes"].value)
                          for k in std.key_questions
                          if self.f.facts.get(f"kq:{k.code}:all:cases")
                          and self.f.facts[f"kq:{k.code}:all:cases"].value]

    def plants(self) -> Iterator[Planted]:
        """Each kind's controls, and as many of its errors (spread evenly over those made; one
        where the data allows no right wording); a moved figure keeps all its errors."""
        if self.unit is None:
            return
        for kind in KINDS:
            made = [p for p in getattr(self, "_" + kind.replace("-", "_"))() if p is not None]
            controls = [p for p in made if p.control]
            errors = [p for p in made if not p.control]
            keep = max(len(controls), 1)  # at least one of each kind in every report
            if kind not in MOVED and len(errors) > keep:
                errors = [errors[int(i * len(errors) / keep)] for i in range(keep)]
            yield from controls
            yield from errors

    def _say(self, kind: str, sentence: str, right: bool) -> Planted:
        assert self.unit is not None
        text = sentence[0].upper() + sentence[1:]
        return self.append(kind, self.unit, text, control=right)

    # ------------------------------------------------------------------- shares

    def _quantifier(self) -> Iterator[Planted]:
        for q in self.questions:
            for words, rule in QUANTIFIERS:
                yield self._say("quantifier", self.s["share"].format(
                    q=words[self.lang], question=q.words), rule(q.share))

    def _fraction(self) -> Iterator[Planted]:
        for q in self.questions:
            for words, value in FRACTIONS:
                off = abs(q.share - value)
                if off <= Fraction(5, 100) or off >= Fraction(10, 100):
                    yield self._say("fraction", self.s["share"].format(
                        q=words[self.lang], question=q.words), off <= Fraction(5, 100))
                if value != HALF and q.share != value:  # "over a third", "dros draean"
                    for bound, above in BOUNDS[self.lang]:
                        said = bound.format(words[self.lang].lower() if self.lang == "en"
                                            else _soft(words["cy"]))
                        yield self._say("fraction", self.s["share"].format(
                            q=said, question=q.words), (q.share > value) == above)

    def _every_none(self) -> Iterator[Planted]:
        for q in self.questions:
            for words, rule in EVERY:
                if words[self.lang]:
                    yield self._say("every-none", self.s["share"].format(
                        q=words[self.lang], question=q.words), rule(q.share))

    def _comparison(self) -> Iterator[Planted]:
        for a, b in permutations(self.questions, 2):
            if a.share == b.share or a.words == b.words:
                continue
            for name in ("greater", "lesser", "greater%", "lesser%"):
                right = (a.share > b.share) == name.startswith("greater")
                yield self._say("comparison", self.s[name].format(
                    a=a.words, b=b.words, pa=a.percent, pb=b.percent), right)

    def _superlative(self) -> Iterator[Planted]:
        if len(self.questions) < 2:
            return
        top = max(q.share for q in self.questions)
        bottom = min(q.share for q in self.questions)
        for q in self.questions:
            yield self._say("superlative", self.s["strongest"].format(q=q.words),
                            q.share == top)
            yield self._say("superlative", self.s["weakest"].format(q=q.words, p=q.percent),
                            q.share == bottom)

    def _gap(self) -> Iterator[Planted]:
        for a, b in permutations(self.questions, 2):
            if a.percent <= b.percent or a.words == b.words:
                continue
            gap = a.percent - b.percent
            yield self._say("gap", self.s["higher"].format(a=a.words, b=b.words, gap=gap), True)
            yield self._say("gap", self.s["lower"].format(a=b.words, b=a.words, gap=gap), True)
            yield self._say("gap", self.s["higher"].format(a=a.words, b=b.words, gap=gap + 3),
                            False)
            yield self._say("gap", self.s["higher"].format(a=b.words, b=a.words, gap=gap),
                            False)

    def _change(self) -> Iterator[Planted]:
        for q in self.questions:
            yield self._say("change", self.s["changed"].format(q=q.words, p=q.percent), False)
            yield self._say("change", self.s["stood"].format(q=q.words, p=q.percent), True)

    # ------------------------------------------------------------- ratings, dates, people

    def _standards_count(self) -> Iterator[Planted]:
        m = self.f.facts["standards:count"].value
        for rating in Rating:
            n = self.f.facts[f"standards:rated:{rating}"].value
            label = self.v.t(rating.value)
            if n:
                yield self._say("standards-count", self.s["standards"].format(
                    n=n, m=m, rating=label), True)
            yield self._say("standards-count", self.s["standards"].format(
                n=n + 1, m=m, rating=label), False)

    def _overall_rating(self) -> Iterator[Planted]:
        overall = self.f.facts["overall:rating"].value
        whole = WHOLE[self.lang]["region" if self.f.pdus else "pdu"]
        for rating in Rating:
            label = self.v.t(rating.value)
            if self.lang == "cy" and rating == Rating.GOOD:
                label = "Dda"  # "yn Dda": mutated after predicative "yn"
            yield self._say("overall-rating", self.s["overall"].format(
                whole=whole, rating=label), rating == overall)

    def _summary(self) -> Iterator[Planted]:
        """The summary sentence under the standard's heading: done well, or to improve."""
        well = self.f.facts[f"rating:{self.std.code}"].value in (Rating.GOOD, Rating.OUTSTANDING)
        yield self._say("summary", self.s["well"], well)
        yield self._say("summary", self.s["improve"], not well)

    def _weekday(self) -> Iterator[Planted]:
        unit, found = self._intro(CLOSED)
        if unit is None:
            return
        days = get_day_names("wide", locale=BABEL_LOCALES[self.lang])  # type: ignore[index]
        said = found.group(0)
        day = next((n for n, name in days.items() if name.casefold() in said.casefold()), None)
        if day is None:
            return
        yield self._say("weekday", said, True)
        for other in (day + 1, day + 3):
            wrong = re.sub(re.escape(days[day]), days[other % 7], said, flags=re.IGNORECASE)
            yield self._say("weekday", wrong, False)

    def _population(self) -> Iterator[Planted]:
        total = self.f.get("caseload:total")
        if total is None or not total.value:
            return
        yield self._say("population", self.s["people"].format(n=f"{total.value:,}"), True)
        yield self._say("population", self.s["people"].format(n=f"{total.value + 100:,}"),
                        False)
        cases = self.f.get("cases")
        if cases is not None and cases.value != total.value:
            yield self._say("population", self.s["people"].format(n=f"{cases.value:,}"),
                            False)

    def _count_words(self) -> Iterator[Planted]:
        """Counts in words as a writer or translator puts them: "thirty-five cases", the Welsh
        traditional count ("pymtheg ar hugain"), "mewn pythefnos"."""
        cases = self.f.get("cases")
        if cases is not None and cases.value < 99:
            yield self._say("count-words", self.s["inspected"].format(
                n=self._spelt(cases.value)), True)
            yield self._say("count-words", self.s["inspected"].format(
                n=self._spelt(cases.value + 1)), False)
        weeks = self.f.get("cohort:weeks")
        start, end = self.f.get("cohort:from"), self.f.get("cohort:to")
        if weeks and start and end:
            said = "pythefnos" if self.lang == "cy" and weeks.value == 2 else (
                self._spelt(weeks.value) + (" wythnos" if self.lang == "cy" else ""))
            yield self._say("count-words", self.s["cohort"].format(
                n=said, a=start.value, b=end.value), True)

    def _spelt(self, n: int) -> str:
        if self.lang == "en":
            return self.words(n)
        cues = self.v.cues
        units = {int(k): w[0] for k, w in cues["vigesimal_units"].items()}
        scores = {int(k): w for k, w in cues["vigesimal_scores"].items()}
        if n in units:
            return units[n]
        score = max(k for k in scores if k <= n)
        name, joined = scores[score]
        return name if n == score else f"{units[n - score]} {joined}"

    # ------------------------------------------------------------------- moved figures

    def _moved_rating(self) -> Iterator[Planted | None]:
        """Two standards' rating lines ("Rating: Good") swapped."""
        label = self.v.t("Rating")
        lines = [(u, m.group(1)) for u in self.units("text")
                 if (m := re.match(rf"{re.escape(label)}\s*:\s*(.+?)\s*☆?$", u.text))
                 and m.group(1) in self.v.ratings]
        for (a, ra), (b, rb) in pairwise(lines):
            if self.v.ratings[ra] != self.v.ratings[rb]:
                yield self._swap("moved-rating", a, b, ra, rb)
                return

    def _moved_row(self) -> Iterator[Planted | None]:
        """A key question's row moved into another standard's table (two rows swapped)."""
        label = self.v.t("Key question")
        tables = [t for t in self.ed.tables if t.header and t.header[0] == label]
        for first, second in pairwise(tables):
            a = next((u for u in self.ed.units if u.table is first and u.row == 0
                      and u.col == 0), None)
            b = next((u for u in self.ed.units if u.table is second and u.row == 0
                      and u.col == 0), None)
            if a is not None and b is not None and a.text != b.text:
                yield self._swap_rows("moved-row", a, b)
                return

    def _moved_alt(self) -> Iterator[Planted | None]:
        """Two standards' charts with each other's alt text."""
        alts = [u for u in self.units("alt") if any(
            u.text.startswith(s.title.get(self.lang) or "") for s in self.f.standards)]
        for a, b in pairwise(alts):
            if a.text != b.text:
                parts, node = self._copy(a.node)
                other = _follow(node.getroottree().getroot(), _path(b.node))
                pa = next(node.iter(f"{{{NS['wp']}}}docPr"))
                pb = next(other.iter(f"{{{NS['wp']}}}docPr"))
                da, db = pa.get("descr"), pb.get("descr")
                pa.set("descr", db)
                pb.set("descr", da)
                yield Planted("moved-alt", a.where, f"{a.where} and {b.where}: alt texts "
                              "swapped", parts)
                return

    def _swap(self, kind: str, a: Unit, b: Unit, old_a: str, old_b: str) -> Planted | None:
        parts, node = self._copy(a.node)
        other = _follow(node.getroottree().getroot(), _path(b.node))
        if not (_replace_text(node, old_a, old_b) and _replace_text(other, old_b, old_a)):
            return None
        return Planted(kind, a.where, f"{a.where} and {b.where}: {old_a!r} and {old_b!r} "
                       "swapped", parts)

    def _swap_rows(self, kind: str, a: Unit, b: Unit) -> Planted:
        parts, node = self._copy(a.node)
        root = node.getroottree().getroot()
        row_a = node.getparent()
        row_b = _follow(root, _path(b.node)).getparent()
        parent_a, parent_b = row_a.getparent(), row_b.getparent()
        at_a, at_b = parent_a.index(row_a), parent_b.index(row_b)
        parent_a.remove(row_a)
        parent_b.remove(row_b)
        parent_a.insert(at_a, row_b)
        parent_b.insert(at_b, row_a)
        return Planted(kind, a.where.rsplit(",", 1)[0], f"{a.where} and {b.where}: rows "
                       "swapped", parts)


# ------------------------------------------------------------------------------ corpus


@dataclass
class Tally:
    """Planted claim errors caught at their place, and right claims that raised anything."""

    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    controls: Counter[str] = field(default_factory=Counter)
    alarms: Counter[str] = field(default_factory=Counter)
    by_lang: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = ["| kind of claim | errors planted | caught at their place | catch rate | "
                 "right controls | controls raising anything |",
                 "| --- | --- | --- | --- | --- | --- |"]
        for kind in KINDS:
            if self.planted[kind] or self.controls[kind]:
                rate = (f"{100 * self.caught[kind] / self.planted[kind]:.0f}%"
                        if self.planted[kind] else "–")
                lines.append(f"| {kind} | {self.planted[kind]} | {self.caught[kind]} | {rate} "
                             f"| {self.controls[kind]} | {self.alarms[kind]} |")
        planted, caught = sum(self.planted.values()), sum(self.caught.values())
        controls, alarms = sum(self.controls.values()), sum(self.alarms.values())
        lines.append(f"| all | {planted} | {caught} | {100 * caught / max(planted, 1):.1f}% | "
                     f"{controls} | {alarms} ({100 * alarms / max(controls, 1):.1f}%) |")
        langs = ", ".join(f"{name}: {self.by_lang[f'{lang}:caught']} of "
                          f"{self.by_lang[f'{lang}:planted']} caught, "
                          f"{self.by_lang[f'{lang}:alarms']} of "
                          f"{self.by_lang[f'{lang}:controls']} controls raising anything"
                          for lang, name in (("en", "English"), ("cy", "Welsh")))
        return "\n".join(lines) + f"\n\nBy language: {langs}."


def corpus(reports: Iterable[tuple[str, Facts, dict[str, Mapping[str, bytes]]]]) -> Tally:
    """Every claim planted, one at a time, into every report in each language; an error must
    be mismatched at its place (not by another language's edition), a control must add a traced
    figure at its place and nothing else (a right claim the check did not read is an alarm
    too)."""
    from reportgen.checks.statistics import check_edition

    tally = Tally()
    for name, f, editions in reports:
        for lang, parts in editions.items():
            clean = check_edition(read_word(parts), f, lang)
            before = _raised(clean)
            for p in ClaimPlanter(parts, f, lang).plants():
                found = check_edition(read_word(p.parts), f, lang)
                here = [x for x in found if x.where == p.where or x.where.startswith(
                    p.where + ",")]
                raised = Counter(_raised(here)) - Counter(before)
                kind = "controls" if p.control else "planted"
                tally.by_lang[f"{lang}:{kind}"] += 1
                if p.control:
                    tally.controls[p.kind] += 1
                    if not raised and _traced(here) <= _traced(clean, p.where):
                        raised = Counter({(p.where, "not read", p.change): 1})
                    if raised:
                        tally.alarms[p.kind] += 1
                        tally.by_lang[f"{lang}:alarms"] += 1
                        tally.misses.append(f"{name} {lang}: a right claim raised {_said(raised)}"
                                            f": {p.change}")
                    continue
                tally.planted[p.kind] += 1
                if any(x.status == "mismatched" and x.kind not in ("relation", "counterpart")
                       for x in here):
                    tally.caught[p.kind] += 1
                    tally.by_lang[f"{lang}:caught"] += 1
                else:
                    tally.misses.append(f"{name} {lang}: missed: {p.change}")
    return tally


def _traced(found: list[Any], where: str | None = None) -> int:
    """How many figures were traced (at `where`, if given): a right claim must add one."""
    return sum(1 for x in found if x.status == "traced" and (where is None or x.where == where
                                                               or x.where.startswith(where + ",")))


def _raised(found: list[Any]) -> list[tuple[str, str, str]]:
    """What a check raised that is not "traced", as comparable tuples."""
    return [(x.where, x.status, x.text) for x in found if x.status != "traced"]


def _said(raised: Counter) -> str:
    return "; ".join(f"{status} {text!r}" for _, status, text in list(raised)[:3])


def _soft(words: str) -> str:
    """A Welsh phrase after "dros": its first word soft-mutated ("traean" -> "draean")."""
    first, _, rest = words.partition(" ")
    return " ".join(filter(None, [mutate(first, SOFT) or first, rest]))
