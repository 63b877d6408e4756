"""Planted claims: sentences that state something about the figures rather than a figure, each
written right (a control, which must come out traced and nothing else) and wrong (an error,
which must be mismatched at its place), in English and Welsh, into every rendered report:
quantifiers and fractions of a key question's share, "every" and "none", comparisons,
superlatives, gaps in percentage points, changes with nothing to compare with, counts of
standards rated one way, the overall rating in a sentence, a weekday that is not its date's,
a start, end or publication date in a sentence; a count of people that is not the cases inspected; a survey statement's share or the number who
answered it, a survey's respondents or invited; vacancies of all grades or of one, and a grade's
vacancy rate; and figures moved to another standard's place (a rating line, a key question's
row, a chart's alt text).

Whether each sentence is right is decided here from the data, by the plain meaning of its words
(a fraction is right within 5 points, wrong 10 or more away; between, it is not planted); the
check decides by its own reading. A measurement tool, not part of the package:
tools/claims_catch_rate.py prints its table, tests/checks/test_claims_corpus.py asserts it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise, permutations
from typing import Any

from babel.dates import format_date, get_day_names

from reportgen.checks.statistics.facts import Facts
from reportgen.checks.statistics.reading import NS, Unit, read_word
from reportgen.checks.statistics.words import SOFT, mutate
from reportgen.i18n import BABEL_LOCALES
from reportgen.model import Rating
from tools.stats_planting import CLOSED, Planted, Planter, _follow, _path, _replace_text

KINDS = ("quantifier", "fraction", "every-none", "comparison", "superlative", "gap", "change",
         "standards-count", "overall-rating", "summary", "weekday", "date", "population",
         "count-words",
         "survey-share", "survey-count", "survey-compare", "vacancies", "moved-rating",
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
# Dates in running text, by the fact each states.
DATES = {
    "en": {"fieldwork:start": "Fieldwork began on {d}.",
           "fieldwork:end": "The fieldwork ended on {d}.",
           "publication": "This report will be published on {d}."},
    "cy": {"fieldwork:start": "Dechreuodd y gwaith maes ar {d}.",
           "fieldwork:end": "Daeth y gwaith maes i ben ar {d}.",
           "publication": "Caiff yr adroddiad hwn ei gyhoeddi ar {d}."},
}
# Surveys in running text: who answered (as a group, and counted), the survey, the verbs.
SURVEY = {
    "en": {
        "pct": "Of the {who} who answered, {p}% {verb} that “{statement}”.",
        "share": "{q} of the {who} who answered {verb} that “{statement}”.",
        "answered": "Of the {m} {who} who answered, {p}% {verb} that “{statement}”.",
        "part": "{n} of the {m} {who} who answered {verb} that “{statement}”.",
        "respondents": "{n} {who} answered our {survey}.",
        "invited": "We invited {n} {who} to answer our {survey}.",
        "staff": {"who": "staff", "counted": "staff", "survey": "questionnaire",
                  "Who": "Staff"},
        "people_on_probation": {"who": "people on probation", "counted": "people on probation",
                                "survey": "survey", "Who": "People on probation"},
        "agree": "agreed", "disagree": "disagreed",
        "greater": "{Who} were more positive about {a} than about {b}.",
        "lesser": "{Who} were less positive about {a} than about {b}.",
        "most": "{Who} were most positive about {q}.",
        "least": "{Who} were least positive about {q}.",
    },
    "cy": {
        "pct": "O'r {who} a atebodd, {verb} {p}% â'r datganiad “{statement}”.",
        "share": "{Verb} {q} o'r {who} a atebodd â'r datganiad “{statement}”.",
        "answered": "O'r {m} {counted} a atebodd, {verb} {p}% â'r datganiad “{statement}”.",
        "part": "{Verb} {n} o'r {m} {counted} a atebodd â'r datganiad “{statement}”.",
        "respondents": "Atebodd {n} {counted} ein {survey}.",
        "invited": "Gwahoddwyd {n} {counted} i ateb ein {survey}.",
        "staff": {"who": "staff", "counted": "aelod o staff", "survey": "holiadur",
                  "Who": "y staff"},
        "people_on_probation": {"who": "bobl ar brawf", "counted": "o bobl ar brawf",
                                "survey": "harolwg", "Who": "y bobl ar brawf"},
        "agree": "cytunodd", "disagree": "anghytunodd",
        "greater": "Roedd {Who} yn fwy cadarnhaol am {a} nag am {b}.",
        "lesser": "Roedd {Who} yn llai cadarnhaol am {a} nag am {b}.",
        "most": "Roedd {Who} yn fwyaf cadarnhaol am {q}.",
        "least": "Roedd {Who} yn lleiaf cadarnhaol am {q}.",
    },
}
# Staffing in running text: vacancies of all grades, of one, and a grade's vacancy rate.
VACANCIES = {
    "en": {"all": "There were {v} vacancies (FTE) across all grades.",
           "all_rate": "The vacancy rate across all grades was {p}%.",
           "rate": "{Grade} posts had a vacancy rate of {p}%.",
           "vacant": "There were {v} vacant {grade} posts (FTE).",
           "of": "{v} of the {t} {grade} posts (FTE) were vacant."},
    "cy": {"all": "Roedd {v} o swyddi gwag (CALl) ar draws pob gradd.",
           "all_rate": "Roedd y gyfradd swyddi gwag ar draws pob gradd yn {p}%.",
           "rate": "Roedd cyfradd swyddi gwag {grades} yn {p}%.",
           "vacant": "Roedd {v} o swyddi {grades} yn wag (CALl).",
           "of": "Roedd {v} o'r {t} o swyddi {grades} (CALl) yn wag."},
}


@dataclass(frozen=True)
class Wording:
    """A sentence to plant, right (a control) or wrong."""

    kind: str
    text: str
    control: bool


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

    def plants(self, per_kind: int | None = None) -> Iterator[Planted]:
        """Each kind's controls, and as many of its errors (spread evenly over those made; one
        where the data allows no right wording); a moved figure keeps all its errors. With
        `per_kind`, at most that many controls of a kind, spread evenly (a sample)."""
        if self.unit is None:
            return
        for kind in KINDS:
            made = [p for p in getattr(self, "_" + kind.replace("-", "_"))() if p is not None]
            controls = _spread([p for p in made if p.control], per_kind)
            errors = [p for p in made if not p.control]
            if kind not in MOVED:  # at least one of each kind in every report
                errors = _spread(errors, max(len(controls), 1))
            for p in (*controls, *errors):
                yield self._made(p)

    def _say(self, kind: str, sentence: str, right: bool) -> Wording:
        return Wording(kind, sentence[0].upper() + sentence[1:], right)

    def _made(self, p: Wording | Planted) -> Planted:
        """A wording appended to the report (made only once chosen: each is a copy of it)."""
        if isinstance(p, Planted):
            return p
        assert self.unit is not None
        return self.append(p.kind, self.unit, p.text, control=p.control)

    # ------------------------------------------------------------------- shares

    def _quantifier(self) -> Iterator[Wording]:
        for q in self.questions:
            for words, rule in QUANTIFIERS:
                yield self._say("quantifier", self.s["share"].format(
                    q=words[self.lang], question=q.words), rule(q.share))

    def _fraction(self) -> Iterator[Wording]:
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

    def _every_none(self) -> Iterator[Wording]:
        for q in self.questions:
            for words, rule in EVERY:
                if words[self.lang]:
                    yield self._say("every-none", self.s["share"].format(
                        q=words[self.lang], question=q.words), rule(q.share))

    def _comparison(self) -> Iterator[Wording]:
        for a, b in permutations(self.questions, 2):
            if a.share == b.share or a.words == b.words:
                continue
            for name in ("greater", "lesser", "greater%", "lesser%"):
                right = (a.share > b.share) == name.startswith("greater")
                yield self._say("comparison", self.s[name].format(
                    a=a.words, b=b.words, pa=a.percent, pb=b.percent), right)

    def _superlative(self) -> Iterator[Wording]:
        if len(self.questions) < 2:
            return
        top = max(q.share for q in self.questions)
        bottom = min(q.share for q in self.questions)
        for q in self.questions:
            yield self._say("superlative", self.s["strongest"].format(q=q.words),
                            q.share == top)
            yield self._say("superlative", self.s["weakest"].format(q=q.words, p=q.percent),
                            q.share == bottom)

    def _gap(self) -> Iterator[Wording]:
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

    def _change(self) -> Iterator[Wording]:
        for q in self.questions:
            yield self._say("change", self.s["changed"].format(q=q.words, p=q.percent), False)
            yield self._say("change", self.s["stood"].format(q=q.words, p=q.percent), True)

    # ------------------------------------------------------------- ratings, dates, people

    def _standards_count(self) -> Iterator[Wording]:
        m = self.f.facts["standards:count"].value
        for rating in Rating:
            n = self.f.facts[f"standards:rated:{rating}"].value
            label = self.v.t(rating.value)
            if n:
                yield self._say("standards-count", self.s["standards"].format(
                    n=n, m=m, rating=label), True)
            yield self._say("standards-count", self.s["standards"].format(
                n=n + 1, m=m, rating=label), False)

    def _overall_rating(self) -> Iterator[Wording]:
        overall = self.f.facts["overall:rating"].value
        whole = WHOLE[self.lang]["region" if self.f.pdus else "pdu"]
        for rating in Rating:
            label = self.v.t(rating.value)
            if self.lang == "cy" and rating == Rating.GOOD:
                label = "Dda"  # "yn Dda": mutated after predicative "yn"
            yield self._say("overall-rating", self.s["overall"].format(
                whole=whole, rating=label), rating == overall)

    def _summary(self) -> Iterator[Wording]:
        """The summary sentence under the standard's heading: done well, or to improve."""
        well = self.f.facts[f"rating:{self.std.code}"].value in (Rating.GOOD, Rating.OUTSTANDING)
        yield self._say("summary", self.s["well"], well)
        yield self._say("summary", self.s["improve"], not well)

    def _weekday(self) -> Iterator[Wording]:
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

    def _date(self) -> Iterator[Wording]:
        """The fieldwork's first and last days and the publication date in a sentence; wrong,
        each given as another of them, or a week later."""
        dates = {key: self.f.facts[key].value for key in DATES[self.lang]}
        for key, sentence in DATES[self.lang].items():
            yield self._say("date", sentence.format(d=self._day(dates[key])), True)
            for wrong in {*dates.values(), dates[key] + dt.timedelta(days=7)} - {dates[key]}:
                yield self._say("date", sentence.format(d=self._day(wrong)), False)

    def _day(self, day: dt.date) -> str:
        return format_date(day, "d MMMM y", locale=BABEL_LOCALES[self.lang])

    def _population(self) -> Iterator[Wording]:
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

    def _count_words(self) -> Iterator[Wording]:
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

    # ------------------------------------------------------------------ surveys, staffing

    def _survey_share(self) -> Iterator[Wording]:
        """A statement's share agreeing or disagreeing, as a percentage and in words."""
        for st, share, percent in self._statements():
            yield self._say("survey-share", self._survey("pct", st, p=percent), True)
            yield self._say("survey-share", self._survey("pct", st, p=_off(percent, 7)), False)
            for q, rule in QUANTIFIERS:
                yield self._say("survey-share", self._survey("share", st, q=q[self.lang]),
                                rule(share))
            for q, value in FRACTIONS:
                off = abs(share - value)
                if off <= Fraction(5, 100) or off >= Fraction(10, 100):
                    yield self._say("survey-share", self._survey("share", st, q=q[self.lang]),
                                    off <= Fraction(5, 100))

    def _survey_count(self) -> Iterator[Wording]:
        """The number who answered a statement and agreed with it; a survey's respondents and
        those invited, each given as the other where they differ."""
        for st, _, percent in self._statements():
            answered, n = st["answered"], st["n"]
            yield self._say("survey-count", self._survey("answered", st, m=answered, p=percent),
                            True)
            yield self._say("survey-count", self._survey("answered", st, m=answered + 6,
                                                         p=percent), False)
            yield self._say("survey-count", self._survey("part", st, n=n, m=answered), True)
            yield self._say("survey-count", self._survey("part", st, n=n + 2 if n + 2 <= answered
                                                         else n - 2, m=answered), False)
        for kind in self.f.surveys:
            respondents = self.f.facts[f"survey:{kind}:respondents"].value
            invited = self.f.get(f"survey:{kind}:invited")
            said = {"kind": kind}
            yield self._say("survey-count", self._survey("respondents", said, n=respondents),
                            True)
            if invited is None:
                continue
            wrong = invited.value if invited.value != respondents else respondents + 4
            yield self._say("survey-count", self._survey("respondents", said, n=wrong), False)
            yield self._say("survey-count", self._survey("invited", said, n=invited.value), True)
            yield self._say("survey-count", self._survey("invited", said, n=respondents
                                                         if invited.value != respondents
                                                         else respondents + 4), False)

    def _survey_compare(self) -> Iterator[Wording]:
        """Two statements of a survey compared by their shares agreeing, and the one most or
        least agreed with (named by their short names: after "am", soft-mutated in Welsh)."""
        words = SURVEY[self.lang]
        for kind, questions in self.f.surveys.items():
            shares = {self._short(q): Fraction(q.agree, q.answered)
                      for q in questions if q.answered and q.short}
            who = words[kind]["Who"]
            for a, b in permutations(shares, 2):
                if shares[a] != shares[b]:
                    for name in ("greater", "lesser"):
                        right = (shares[a] > shares[b]) == (name == "greater")
                        yield self._say("survey-compare", words[name].format(
                            Who=who, a=a, b=b), right)
            for q, share in shares.items():
                yield self._say("survey-compare", words["most"].format(Who=who, q=q),
                                share == max(shares.values()))
                yield self._say("survey-compare", words["least"].format(Who=who, q=q),
                                share == min(shares.values()))

    def _short(self, q: Any) -> str:
        short = q.short.get(self.lang) or q.short.en
        return _soft(short) if self.lang == "cy" else short

    def _statements(self) -> Iterator[tuple[dict[str, Any], Fraction, int]]:
        """Each survey statement, with each verb (agreed, disagreed) and its share."""
        for kind, questions in self.f.surveys.items():
            for q in questions:
                if not q.answered:
                    continue
                for polarity in ("agree", "disagree"):
                    n = getattr(q, polarity)
                    st = {"kind": kind, "statement": (q.statement.get(self.lang)
                                                      or q.statement.en).rstrip(". "),
                          "polarity": polarity, "n": n, "answered": q.answered}
                    yield st, Fraction(n, q.answered), \
                        self.f.facts[f"survey:{kind}:{q.code}:pct"
                                     + (":disagree" if polarity == "disagree" else "")].value

    def _survey(self, form: str, st: Mapping[str, Any], **figures: Any) -> str:
        words = SURVEY[self.lang]
        verb = words[st.get("polarity", "agree")]
        return words[form].format(**words[st["kind"]], statement=st.get("statement", ""),
                                  verb=verb, Verb=verb.capitalize(), **figures)

    def _vacancies(self) -> Iterator[Wording]:
        """Vacancies of all grades and of each, and each grade's vacancy rate; wrong, another
        grade's figure (or a grade's as the whole)."""
        facts = self.f.facts
        grades = [g for g in self.v.cues["grades"] if f"staffing:{g}:vacant" in facts]
        if not grades:
            return
        s = VACANCIES[self.lang]

        def value(grade: str, field: str) -> Any:
            found = facts[f"staffing:{grade}:{field}"].value
            return f"{found:.1f}" if field != "rate" else found  # FTE: one decimal place

        yield self._say("vacancies", s["all"].format(v=value("all", "vacant")), True)
        yield self._say("vacancies", s["all_rate"].format(p=value("all", "rate")), True)
        for grade in grades:
            named = self._grade(grade)
            if value(grade, "vacant") != value("all", "vacant"):
                yield self._say("vacancies", s["all"].format(v=value(grade, "vacant")), False)
            if value(grade, "rate") != value("all", "rate"):
                yield self._say("vacancies", s["all_rate"].format(p=value(grade, "rate")),
                                False)
            yield self._say("vacancies", s["rate"].format(p=value(grade, "rate"), **named), True)
            yield self._say("vacancies", s["vacant"].format(v=value(grade, "vacant"), **named),
                            True)
            yield self._say("vacancies", s["of"].format(v=value(grade, "vacant"),
                                                        t=value(grade, "target"), **named), True)
            for other in grades:
                if other == grade:
                    continue
                if value(other, "rate") != value(grade, "rate"):
                    yield self._say("vacancies", s["rate"].format(p=value(other, "rate"),
                                                                  **named), False)
                if value(other, "vacant") != value(grade, "vacant"):
                    yield self._say("vacancies", s["vacant"].format(
                        v=value(other, "vacant"), **named), False)
                    yield self._say("vacancies", s["of"].format(
                        v=value(other, "vacant"), t=value(grade, "target"), **named), False)

    def _grade(self, grade: str) -> dict[str, str]:
        """A grade's name in running text: singular before "posts", and plural."""
        one, many = self.v.cues["grades"][grade][:2]
        return {"grade": one, "Grade": one[0].upper() + one[1:], "grades": many}

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


def corpus(reports: Iterable[tuple[str, Facts, dict[str, Mapping[str, bytes]]]],
           per_kind: int | None = None) -> Tally:
    """Every claim planted, one at a time, into every report in each language; an error must
    be mismatched at its place (not by another language's edition), a control must add a traced
    figure at its place and nothing else (a right claim the check did not read is an alarm
    too). `per_kind`: a sample, at most that many controls of each kind in each edition."""
    from reportgen.checks.statistics import check_edition

    tally = Tally()
    for name, f, editions in reports:
        for lang, parts in editions.items():
            clean = check_edition(read_word(parts), f, lang)
            before = _raised(clean)
            for p in ClaimPlanter(parts, f, lang).plants(per_kind):
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


def _spread(items: list[Any], keep: int | None) -> list[Any]:
    """At most `keep` of `items`, evenly spaced."""
    if keep is None or len(items) <= keep:
        return items
    return [items[int(i * len(items) / keep)] for i in range(keep)]


def _off(percent: int, by: int) -> int:
    """A percentage `by` points away, within 0 to 100."""
    return percent + by if percent + by <= 100 else percent - by


def _soft(words: str) -> str:
    """A Welsh phrase after "dros": its first word soft-mutated ("traean" -> "draean")."""
    first, _, rest = words.partition(" ")
    return " ".join(filter(None, [mutate(first, SOFT) or first, rest]))
