"""Each figure of an edition bound to the fact its context states: a table cell by its row and
column headers, a sentence by the words around the figure, a chart's alt text by its key
questions' wording (a survey's chart by its statements), a sentence made from the catalogue by
the message it was made from. A figure whose fact cannot be told from its context stays unbound,
whatever its value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from itertools import pairwise
from typing import Any

from reportgen.checks.statistics.claims import LISTED, Claims, patterns
from reportgen.checks.statistics.evidence import (
    FTE_COLUMNS,
    PERCENT_COLUMNS,
    Evidence,
    as_decimal,
    decimal_cell,
)
from reportgen.checks.statistics.facts import SURVEY_NAMES, Facts
from reportgen.checks.statistics.figures import NOT_A_FIGURE, Figure
from reportgen.checks.statistics.populations import Populations, Said
from reportgen.checks.statistics.reading import EditionText, Unit
from reportgen.checks.statistics.words import (
    SOFT,
    Mention,
    Vocabulary,
    has,
    mentions,
    mutate,
    norm,
    positions,
    weekdays,
)
from reportgen.model import Rating

SENTENCE = re.compile(r"(?:[^.!?]|\.(?=\d))+(?:[.!?](?!\d)|$)")  # "8.2 posts": one sentence
# Column headings and the field of the fact each column holds (msgids of the catalogue).
COLUMNS = {
    "Core: yes": "core:yes", "Core: no": "core:no", "Core: cases": "core:cases",
    "Adjusted: yes": "adjusted:yes", "Adjusted: no": "adjusted:no",
    "Adjusted: cases": "adjusted:cases", "All: yes": "all:yes", "All: no": "all:no",
    "All: cases": "all:cases", "Yes (%)": "pct:yes", "No (%)": "pct:no", "Rating": "rating",
    "Score": "score", "Number": "count", "Share of all cases": "share",
    "Share of all cases (%)": "share",
}
PROFILE = {"All inspected cases": "cases", "Core cases (PC)": "core",
           "Adjusted cases (PA)": "adjusted", "Women": "women",
           "High or very high risk of serious harm": "rosh"}
ALT_PHRASE = "{percent} on {question}"
SCORES_ALT = "Overall scores of the {count} PDUs {region_in}, out of {max}: {figures}."
MESSAGES = {  # sentences made from the catalogue: placeholder -> the fact it states
    "The PDUs' staffing ratings ({pdus}) give an indicative rating of {indicative} for the "
    "region's staffing.": {"pdus": "pdus:count", "indicative": "staffing:indicative"},
    "The ratings panel moderated it to {final}.": {"final": "rating:staffing"},
    "Overall rating (score of {max})": {"max": "pdu:max"},
    # the surveys beside each standard, and the date of the contextual data
    "Staff who answered our questionnaire: {respondents} of {invited} ({rate}).": {
        "respondents": "survey:staff:respondents", "invited": "survey:staff:invited",
        "rate": "survey:staff:rate"},
    "Staff who answered our questionnaire: {respondents}.": {
        "respondents": "survey:staff:respondents"},
    "The questionnaire closed on {date}.": {"date": "survey:staff:closed"},
    "People on probation who answered the survey: {respondents} of the {invited} we contacted "
    "({rate}).": {"respondents": "survey:people_on_probation:respondents",
                  "invited": "survey:people_on_probation:invited",
                  "rate": "survey:people_on_probation:rate"},
    "People on probation who answered the survey: {respondents}.": {
        "respondents": "survey:people_on_probation:respondents"},
    "Staff questionnaire. Respondents: {respondents}. Invited: {invited}.": {
        "respondents": "survey:staff:respondents", "invited": "survey:staff:invited"},
    "Survey of people on probation. Respondents: {respondents}. Invited: {invited}.": {
        "respondents": "survey:people_on_probation:respondents",
        "invited": "survey:people_on_probation:invited"},
    "The figures describe the position on {date}, as the organisational data spreadsheet gave "
    "them.": {"date": "context:as_at"},
    # a draft's notice counts its own untranslated passages: no statistic of the inspection
    "Passages not yet translated, marked [{marker}]: {count}.": {"count": NOT_A_FIGURE},
}


class Binder:
    def __init__(self, ed: EditionText, f: Facts, v: Vocabulary) -> None:
        self.ed, self.f, self.v = ed, f, v
        lang = v.lang
        fw = f.framework
        self.columns = {norm(v.t(k)): c for k, c in COLUMNS.items()} | {
            norm(k): c for k, c in COLUMNS.items()}
        self.profile = {norm(v.t(k)): p for k, p in PROFILE.items()}
        self.std_titles = {s.code: s.title.get(lang) for s in f.standards}  # type: ignore[arg-type]
        self.pdu_titles = {s.code: s.title.get(lang) for s in fw.pdu}  # type: ignore[arg-type]
        self.questions = {q.code: (q.text.get(lang), (q.short or q.text).get(lang), s.code)  # type: ignore[arg-type]
                          for s in f.standards for q in s.key_questions}
        self.pdu_names = {code: name.get(lang) or name.en for code, name in f.pdus.items()}
        self.overall = {norm(v.t("Overall rating")), norm(v.t("Overall"))}
        self.staffing = next((s.code for s in f.standards if s.kind == "staffing"), "")
        self.section_std = self._section_standards()
        self.messages = [(_message(v.t(k)), keys) for k, keys in MESSAGES.items()]
        self.evidence = Evidence(f, v)
        self.populations = Populations(f, v)
        self.subjects: dict[tuple[str, ...], tuple[str, str] | None] = {}
        self.question_names: dict[str, list[str]] = {}  # casefolded wording -> its questions
        for code, (text, short, _) in self.questions.items():
            for name in {short.casefold(), text.casefold().rstrip("?")}:
                mutated = mutate(name, SOFT) if lang == "cy" else None  # "ar gadw pobl"
                for said in {name, mutated} - {None}:
                    if len(said) >= 5 and code not in self.question_names.get(said, []):
                        self.question_names.setdefault(said, []).append(code)
        self.question_wordings = {n: n for n in self.question_names}  # as positions() takes them
        self.claim_re = patterns(v)

    def _section_standards(self) -> list[str | None]:
        """The standard each section is about, from its heading ("2.1 Assessment")."""
        found: list[str | None] = []
        current: tuple[str | None, int] = (None, 0)
        for s in self.ed.sections:
            m = re.match(r"^(\d+(?:\.\d+)+)\s", s.title)
            std = self.f.standard_of_number(m.group(1)) if m else None
            if std is not None:
                current = (std.code, s.level)
            elif s.level <= current[1]:
                current = (None, 0)
            found.append(current[0])
        return found

    # ------------------------------------------------------------------------ figures

    def figures(self) -> Iterator[Figure]:
        for unit in self.ed.units:
            if unit.role != "cell":  # "Friday 6 March 2026" is written in sentences
                for m in weekdays(unit.text, self.v):
                    yield self.weekday(unit, m)
            if unit.role == "cell" and unit.row >= 0 and unit.col > 0:
                yield from self.cell(unit)
            elif unit.role == "alt":
                yield from self.alt(unit)
            else:
                yield from self.text(unit)

    def figure(self, unit: Unit, m: Mention, key: str | None, context: str,
               note: str = "") -> Figure:
        section = self.ed.sections[unit.section].path if unit.section else ""
        if unit.role in ("header", "footer"):
            section = "Headers and footers"
        fig = Figure(m.text.strip(), m.kind, unit.where, section, context, "unbound", m.value,
                     note=note, section_index=unit.section, lang=self.v.lang)
        fact = self.f.get(key) if key else None
        if fact is None:
            if key and not fig.note:
                fig.note = "the data has no such fact"
            return fig
        fig.fact, fig.label, fig.source = fact.key, fact.label, fact.source
        fig.expected = fact.shown() + ("%" if m.kind in ("percent", "quantity") else "")
        near = m.kind == "quantity" and isinstance(fact.value, int) \
            and abs(fact.value - m.value) <= 5
        fig.status = "traced" if fact.holds(m.value) or near else "mismatched"
        return fig

    def judged(self, unit: Unit, m: Mention, context: str, right: bool, fact: str, label: str,
               expected: Any, source: str, note: str = "") -> Figure:
        """A figure judged here rather than by a fact of the data: a weekday against the
        calendar, a claim, a place in the report."""
        fig = self.figure(unit, m, None, context, note)
        fig.status = "traced" if right else "mismatched"
        fig.fact, fig.label, fig.expected, fig.source = fact, label, expected, source
        return fig

    def weekday(self, unit: Unit, m: Mention) -> Figure:
        """A weekday before a date, against the calendar (the date itself is a figure of its
        own, against the data)."""
        names = {n: name.title() for name, n in self.v.days.items()}
        sentence = next((unit.text[a:b] for a, b in _sentences(unit.text) if a <= m.start < b),
                        unit.text)
        fig = self.judged(unit, m, sentence.strip(), m.value.weekday() == m.weekday,
                          f"calendar:weekday:{m.value.isoformat()}",
                          f"the weekday of {m.value:%-d %B %Y}", names[m.value.weekday()],
                          "the calendar")
        fig.value = names[m.weekday]
        return fig

    def question_positions(self, sentence: str, std: str | None) -> list[tuple[int, int, str]]:
        """The key questions a sentence names by their wording, where: a wording several
        standards share is the section's standard's, or is left out."""
        found = []
        folded = sentence.casefold()
        for (start, end, name) in positions(folded, self.question_wordings):
            if (start and folded[start - 1].isalnum()) or folded[end:end + 1].isalnum():
                continue  # inside a longer word
            codes = self.question_names[name]
            if len(codes) > 1:
                codes = [c for c in codes if self.questions[c][2] == std]
            if len(codes) == 1:
                found.append((start, end, codes[0]))
        return found

    def claim(self, unit: Unit, sentence: str, start: int, end: int, right: bool, fact: str,
              label: str, expected: str, source: str, note: str, value: Any = None) -> Figure:
        m = Mention("claim", value if value is not None else sentence[start:end].strip(),
                    start, end, sentence[start:end])
        return self.judged(unit, m, sentence.strip(), right, fact, label, expected, source, note)

    # -------------------------------------------------------------------------- cells

    def cell(self, unit: Unit) -> Iterator[Figure]:
        table = unit.table
        assert table is not None
        row = table.rows[unit.row]
        heading = table.header[unit.col] if unit.col < len(table.header) else ""
        context = f"row: {row[0]}; column: {heading}"
        column = self.columns.get(norm(heading)) or self.evidence.column(heading)
        if column == "label":
            return
        subject = self.row_subject(tuple(row))
        if subject is not None and subject[0] == "kq" and unit.col == 1:
            yield from self.placed(unit, subject[1], context)
        evidence = self.evidence.row(tuple(row), table.caption)
        for m in decimal_cell(unit.text) or mentions(unit.text, self.v):
            if column in ("pct:yes", "pct:no", *PERCENT_COLUMNS) and m.kind in ("number", "year"):
                m = Mention("percent", m.value, m.start, m.end, m.text)
            elif column in FTE_COLUMNS and m.kind in ("number", "year"):
                m = as_decimal(m)
            key = self.evidence.key(evidence, column) or self.cell_fact(subject, column,
                                                                        heading, m)
            yield self.figure(unit, m, key, context)

    def placed(self, unit: Unit, code: str, context: str) -> Iterator[Figure]:
        """A key question's row or chart under another standard's heading (moved there, its
        figures right for itself and wrong for the place): mismatched, once."""
        std = self.questions[code][2] if code in self.questions else code
        here = self.section_std[unit.section] if unit.section < len(self.section_std) else None
        if here is None or here == std:
            return
        m = Mention("place", code, 0, len(unit.text), unit.text.strip()[:40])
        yield self.judged(unit, m, context, False, f"place:{code}", f"where {code} belongs",
                          f"under {std} {self.std_titles.get(std, '')}".rstrip(), "the framework",
                          f"{code} is of {std}, but stands under {here} "
                          f"{self.std_titles.get(here, '')}")

    def row_subject(self, row: tuple[str, ...]) -> tuple[str, str] | None:
        if row not in self.subjects:
            self.subjects[row] = self.subject(list(row))
        return self.subjects[row]

    def subject(self, row: list[str]) -> tuple[str, str] | None:
        """What a table row is about: a key question, a standard, a PDU, a case profile row,
        or the overall rating."""
        cells = [c.strip() for c in row]
        for c in cells:
            for code, (text, _short, _std) in self.questions.items():
                if c == code or norm(c) == norm(text):
                    return ("kq", code)
        for c in cells:
            n = norm(c)
            if n in self.profile:
                return ("profile", self.profile[n])
            pdu = next((k for k, name in self.pdu_names.items() if norm(name) == n), None)
            if pdu:
                return ("pdu", pdu)
            if c in self.std_titles:
                return ("std", c)
            m = re.match(r"^(\d+(?:\.\d+)+)\s+(.+)$", c)
            std = self.f.standard_of_number(m.group(1)) if m else None
            if std is not None and norm(self.std_titles.get(std.code, "")) == norm(m.group(2)):
                return ("std", std.code)
            if any(n.startswith(o) for o in self.overall if o):
                return ("overall", "")
        return None

    def cell_fact(self, subject: tuple[str, str] | None, column: str | None, heading: str,
                  m: Mention) -> str | None:
        if subject is None:
            return None
        kind, code = subject
        if kind == "kq" and column and ":" in column:
            return f"kq:{code}:{column}"
        if kind in ("std", "overall") and column in ("rating", "score"):
            prefix = f"{column}:{code}" if kind == "std" else f"overall:{column}"
            return prefix
        if kind == "profile" and column in ("count", "share"):
            return f"profile:{code}" + (":pct" if column == "share" else "")
        if kind == "pdu":
            std = next((s for s, t in self.pdu_titles.items() if norm(t) == norm(heading)), None)
            if std and m.kind == "rating":
                return f"pdu:{code}:rating:{std}"
            if any(norm(heading).startswith(o) for o in self.overall):
                return f"pdu:{code}:overall" if m.kind == "rating" else f"pdu:{code}:score"
        return None

    # ----------------------------------------------------------------------- alt text

    def alt(self, unit: Unit) -> Iterator[Figure]:
        found = mentions(unit.text, self.v)
        survey = self.evidence.chart(unit.text)
        if survey is not None:
            for m, key, note in self.evidence.chart_keys(unit.text, survey, found):
                yield self.figure(unit, m, key, f"chart of {SURVEY_NAMES[survey]}", note)
            return
        names = positions(unit.text, self.pdu_names)
        if len(names) >= 2:
            yield from self._scores_alt(unit, found, names)
            return
        std = next((c for c, t in sorted(self.std_titles.items(), key=lambda x: -len(x[1]))
                    if unit.text.startswith(t)), None)
        if std is None:
            yield from self.text(unit)
            return
        yield from self.placed(unit, std, f"chart of {std}")
        yield from self._shares_alt(unit, found, std)

    def _shares_alt(self, unit: Unit, found: list[Mention], std: str) -> Iterator[Figure]:
        questions = [q.code for q in self.f.questions(std)]
        shorts = {c: self.questions[c][1] for c in questions}
        places = positions(unit.text[len(self.std_titles[std]):], shorts)
        offset = len(self.std_titles[std])
        places = [(s + offset, e + offset, c) for s, e, c in places]
        phrase = self.v.t(ALT_PHRASE)
        label_first = phrase.index("{question}") < phrase.index("{percent}")
        percents = [m for m in found if m.kind == "percent"]
        for i, m in enumerate(percents):
            if label_first:
                code = next((c for s, _, c in reversed(places) if s < m.start), None)
            else:
                code = next((c for s, _, c in places if s > m.end), None)
            note = ""
            if code is None or len(places) != len(percents):
                code, note = (questions[i] if i < len(questions) else None,
                              "bound by its place in the list")
            yield self.figure(unit, m, f"kq:{code}:pct:yes" if code else None,
                              f"chart of {std}", note)
            following = next((x for x in found if x.start > m.end), None)
            if following and following.kind == "number" and following.unit == "cases" and code:
                yield self.figure(unit, following, f"kq:{code}:all:cases", f"chart of {std}")
        rest = [m for m in found if m.kind != "percent" and m.unit != "cases"]
        for m in rest:
            yield self.figure(unit, m, None, f"chart of {std}")

    def _scores_alt(self, unit: Unit, found: list[Mention],
                    names: list[tuple[int, int, str]]) -> Iterator[Figure]:
        keyed = self._message_keys(unit.text, _message(self.v.t(SCORES_ALT)),
                                   {"count": "pdus:count", "max": "pdu:max"})
        bounds = [s for s, _, _ in names] + [len(unit.text)]
        for m in found:
            key = keyed.get(m.start)
            for (_, end, code), stop in zip(names, bounds[1:], strict=True):
                if end <= m.start < stop:
                    key = f"pdu:{code}:overall" if m.kind == "rating" else f"pdu:{code}:score"
            yield self.figure(unit, m, key, "chart of the PDUs' overall scores")

    # --------------------------------------------------------------------------- text

    def _message_keys(self, text: str, pattern: re.Pattern[str] | None,
                      keys: dict[str, str]) -> dict[int, str]:
        """The facts of the figures inside a sentence made from a catalogue message."""
        found: dict[int, str] = {}
        for m in pattern.finditer(text) if pattern else ():
            for name, key in keys.items():
                if name in m.groupdict() and m.group(name) is not None:
                    if key == "rating:staffing":
                        key = f"rating:{self.staffing}"
                    for x in mentions(m.group(name), self.v):
                        found[m.start(name) + x.start] = key
        return found

    def text(self, unit: Unit) -> Iterator[Figure]:
        found = mentions(unit.text, self.v)
        claimed = self.claim_re["any"].search(unit.text) is not None
        if not found and not claimed:
            return
        keyed: dict[int, str] = {}
        for pattern, keys in self.messages:  # the longer message first: it says more
            keyed = self._message_keys(unit.text, pattern, keys) | keyed
        for start, end in _sentences(unit.text):
            inside = [m for m in found if start <= m.start < end]
            sentence = unit.text[start:end]
            if not inside and not (claimed and self.claim_re["any"].search(sentence)):
                continue
            shifted = [_shift(m, -start) for m in inside]
            rules = SentenceRules(self, unit, sentence, shifted)
            claims = Claims(self, unit, sentence, rules.std, rules._polarity,
                            lambda rules=rules: rules.said)
            for at, key in claims.keys(shifted).items():
                rules.keys.setdefault(at, key)
            for m, original in zip(shifted, inside, strict=True):
                judged = claims.figure(m)
                if judged is not None:
                    yield judged
                    continue
                key = keyed.get(original.start) or rules.key(m)
                if key == NOT_A_FIGURE:
                    continue
                yield self.figure(unit, original, key, sentence.strip(),
                                  rules.notes.get(m.start, ""))
            yield from claims.sentence(shifted)


def _message(text: str) -> re.Pattern[str] | None:
    """A catalogue message as a pattern: each {placeholder} a named group."""
    parts = re.split(r"\{(\w+)\}", text)
    if len(parts) < 3:
        return None
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"(?P<{part}>.+?)" if part not in {p for p in parts[i + 2::2]}
                       else ".+?")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    for m in SENTENCE.finditer(text):
        yield m.start(), m.end()


def _shift(m: Mention, by: int) -> Mention:
    return Mention(m.kind, m.value, m.start + by, m.end + by, m.text, m.words, m.unit, m.part,
                   m.weekday)


class SentenceRules:
    """The context rules of one sentence: which fact each of its figures states."""

    def __init__(self, b: Binder, unit: Unit, sentence: str, found: list[Mention]) -> None:
        self.b, self.unit, self.s, self.found = b, unit, sentence, found
        self.v = b.v
        self.std = b.section_std[unit.section] if unit.section < len(b.section_std) else None
        self.notes: dict[int, str] = {}
        self.keys: dict[int, str | None] = {}
        self.question = self._question()
        self.profile = next((p for label, p in b.profile.items() if label and
                             label in norm(sentence)), None)
        self._bands()
        self._fractions()

    @cached_property
    def said(self) -> Said:
        """What the sentence says of people and posts (worked out only when asked)."""
        return self.b.populations.sentence(self.s, self.found)

    def key(self, m: Mention) -> str | None:
        if m.start in self.keys:
            return self.keys[m.start]
        rule = getattr(self, f"_{m.kind}", None)
        return rule(m) if rule else None

    # ---------------------------------------------------------------- context helpers

    def before(self, m: Mention, chars: int = 40) -> str:
        return self.s[max(0, m.start - chars):m.start]

    def after(self, m: Mention, chars: int = 40) -> str:
        return self.s[m.end:m.end + chars]

    def ends_with(self, text: str, words: list[str]) -> bool:
        return any(re.search(rf"(?<!\w){re.escape(w)}\s*$", text, re.IGNORECASE) for w in words)

    def _question(self) -> str | None:
        """The key question the sentence is about, from its wording."""
        s = self.s.casefold()
        codes = {code for code, (text, short, std) in self.b.questions.items()
                 if (self.std in (None, std)) and (short.casefold() in s or
                                                  text.casefold().rstrip("?") in s)}
        return codes.pop() if len(codes) == 1 else None

    def _polarity(self) -> str:
        return "no" if has(self.s, self.v.words("negative")) else "yes"

    # ------------------------------------------------------------------------- rules

    def _bands(self) -> None:
        """ "under 50% ... Inadequate, 50% to 64% Requires improvement, ... 80% or more"."""
        ratings = [m for m in self.found if m.kind == "rating"]
        percents = [m for m in self.found if m.kind == "percent"]
        if len({r.value for r in ratings}) < 2 or len(percents) < 2:
            return
        for r in ratings:
            self.keys[r.start] = NOT_A_FIGURE  # a band's name: its shares are its figures
        groups: dict[int, list[Mention]] = {}
        for p in percents:
            rating = next((r for r in ratings if r.start > p.end), None)
            if rating:
                groups.setdefault(rating.start, []).append(p)
        for start, ps in groups.items():
            rating = next(r.value for r in ratings if r.start == start)
            if len(ps) == 2:
                self.keys[ps[0].start] = f"band:{rating}:min"
                self.keys[ps[1].start] = f"band:{rating}:max"
            elif self.ends_with(self.before(ps[0], 20), self.v.words("under")):
                following = list(Rating)[list(Rating).index(rating) + 1] \
                    if rating != Rating.OUTSTANDING else None
                self.keys[ps[0].start] = f"band:{following}:min" if following else None
            else:
                self.keys[ps[0].start] = f"band:{rating}:min"

    def _fractions(self) -> None:
        """ "23 of the 35 cases": the part and the whole."""
        numbers = [m for m in self.found if m.kind in ("number", "percent", "decimal")]
        of = self.v.alternation("of")
        for part, whole in pairwise(numbers):
            between = self.s[part.end:whole.start]
            if whole.kind not in ("number", "decimal") or not re.fullmatch(
                    rf"\s*(?:{of})\s*", between, re.IGNORECASE):
                continue
            if whole.unit in ("standards", "pdus") and self._rated(part, whole):
                continue
            if whole.unit == "posts":  # "3.8 of the 44.0 probation officer posts were vacant"
                key = self.keys[whole.start] = self.said.posts(whole, whole=True)
                self.keys[part.start] = self.said.part_of_posts(part, whole, key)
                continue
            if whole.unit not in ("", "cases"):  # "49% of the 2,091 people under supervision"
                key = self.keys[whole.start] = self._population(whole)
                if key and key.startswith("survey:") and part.kind == "number":
                    self.keys[part.start] = self.said.part(key, part)
                continue
            if part.kind == "percent":
                self.keys[whole.start] = (f"kq:{self.question}:all:cases" if self.question
                                          else "cases")
                continue
            if self.question:
                self.keys[part.start] = f"kq:{self.question}:all:{self._polarity()}"
                self.keys[whole.start] = f"kq:{self.question}:all:cases"
            elif self.profile:
                self.keys[part.start] = f"profile:{self.profile}"
                self.keys[whole.start] = "cases"
            elif whole.unit == "cases" or has(self.s, self.v.words("cases")):
                self.keys[part.start] = None
                self.notes[part.start] = "a share of cases whose key question is not named"
                self.keys[whole.start] = "cases" if self._inspected() else None

    def _rated(self, part: Mention, whole: Mention) -> bool:
        """ "three of the seven standards were rated Inadequate": the count of those rated so,
        and of all there are; the rating is the count's, not a figure of its own."""
        ratings = [m for m in self.found if m.kind == "rating" and m.start > whole.end]
        if not ratings or part.kind != "number":
            return False
        self.keys[part.start] = f"{whole.unit}:rated:{ratings[0].value}"
        self.keys[whole.start] = f"{whole.unit}:count"
        self.keys[ratings[0].start] = NOT_A_FIGURE
        return True

    def _population(self, whole: Mention) -> str | None:
        """The population a count of people or staff names, or None (listed for a person):
        never the cases inspected."""
        survey = self.said.count(whole)
        if survey or self.said.surveyed:  # "… 91 people on probation to answer our surveys"
            if not survey:
                self.notes[whole.start] = f"a count of {whole.unit} about a survey, to confirm"
            return survey
        for key, words in self.v.cues.get("populations", {}).items():
            if has(self.after(whole, 60), words):
                return key
        self.notes[whole.start] = f"a count of {whole.unit}, not of the cases inspected"
        return None

    def _inspected(self) -> bool:
        return has(self.s, self.v.words("inspected"))

    def _percent(self, m: Mention) -> str | None:
        if self.question:
            return f"kq:{self.question}:pct:{self._polarity()}"
        if self.profile:
            return f"profile:{self.profile}:pct"
        return self.said.percent(m)

    def _quantity(self, m: Mention) -> str | None:
        """A quantifier whose sentence names no key question (those it names, the claims
        judge): "half" of a profile's share; "most" for a person; "all the staff" nothing."""
        if m.value == 50:
            self.notes[m.start] = "'half': within 5 points of 50%"
            return self._percent(m)
        if m.value not in LISTED:
            return NOT_A_FIGURE
        self.notes[m.start] = f"'{m.text}': a quantity in words, to confirm"
        return None

    def _fraction(self, m: Mention) -> str | None:
        self.notes[m.start] = f"'{m.text}': a fraction of no share named, to confirm"
        return None

    def _points(self, m: Mention) -> str | None:
        self.notes[m.start] = f"'{m.text}': a gap between no two key questions named, to confirm"
        return None

    def _number(self, m: Mention) -> str | None:
        cohort = self._cohort(m)
        if cohort:
            return cohort
        if m.unit == "weeks":
            over = self.ends_with(self.before(m), self.v.words("over"))
            about = self._inspected() or self.v.t("Fieldwork").casefold() in self.s.casefold()
            return "fieldwork:weeks" if over and about else None
        if m.unit in ("people", "staff"):  # "2,091 people under supervision", "54 staff
            return self._population(m)  # answered": never the cases inspected
        if m.unit == "posts":
            return self._decimal(m)
        if m.unit == "pdus":
            return "pdus:count" if self.ends_with(self.before(m), self.v.words("whole")) \
                else None
        if self.b.f.get("cases") and self._all_inspected(m) and (
                m.unit == "cases" or (not m.unit and self._labelled_cases(m))):
            return "cases"
        return self._score(m)

    def _decimal(self, m: Mention) -> str | None:
        """Posts, as full-time equivalents: "8.2 vacancies (FTE)"."""
        key = self.said.posts(m)
        if key is None:
            self.notes[m.start] = ("a count of posts, not said to be full-time equivalents "
                                   "funded, in post or vacant")
        return key

    def _all_inspected(self, m: Mention) -> bool:
        """ "We inspected 35 cases", "the 35 cases we inspected": all the cases inspected, not
        some of them ("in 12 cases we inspected")."""
        return has(self.s[:m.start], self.v.words("inspected")) or (
            self._inspected() and self.ends_with(self.before(m), self.v.words("whole")))

    def _labelled_cases(self, m: Mention) -> bool:
        """ "Nifer yr achosion a arolygwyd: 35": the count follows its label."""
        before = self.s[:m.start]
        return has(before, self.v.words("cases")) and has(before, self.v.words("inspected")) \
            and not any(x.start < m.start and x.kind == "number" for x in self.found)

    def _score(self, m: Mention) -> str | None:
        """ "Overall rating (score 5/21)"."""
        slash = re.match(r"\s*/\s*\d", self.after(m))
        after_slash = re.search(r"\d\s*/\s*$", self.before(m))
        words = [self.v.t("Score").casefold(), "score", "sgôr"]
        if not has(self.s, words):
            return None
        subject = self.b.subject([self.s])
        prefix = "overall" if subject is None or subject[0] == "overall" else None
        if prefix is None:
            return None
        if slash:
            return "overall:score"
        if after_slash or re.search(r"(?:of|out of|uchafswm|/)\s*$", self.before(m)):
            return "overall:max"
        return None

    def _cohort(self, m: Mention) -> str | None:
        """ "between 26 and 33 weeks before", "in two weeks between": the case cohort."""
        for template, keys in (("cohort", {"from": "cohort:from", "to": "cohort:to"}),
                               ("cohort_count", {"n": "cohort:weeks"})):
            for cue in self.v.words(template):
                for found in _cue(cue).finditer(self.s):
                    for name, key in keys.items():
                        if found.start(name) <= m.start < found.end(name):
                            return key
        return None

    def _year(self, m: Mention) -> str | None:
        if self.unit.role in ("header", "footer") or self.unit.section == 0:
            return "year"
        self.notes[m.start] = "a year in the text"
        return None

    def _subject_beside(self, key: str) -> bool:
        """ "fieldwork began … and ended", "Daeth y gwaith maes i ben": the fieldwork or
        inspection named a few words before the verb, or just after it (not "the head of the
        PDU started …, before the inspection")."""
        verbs = self.v.cues["date_cues"][key]
        near = rf"(?:{'|'.join(map(re.escape, verbs))})"
        subject = rf"(?:{self.v.alternation('date_subjects')})"
        before, after = r"(?:\W+\w+){0,8}?\W+", r"(?:\W+\w+){0,3}?\W+"
        return re.search(rf"(?<!\w)(?:{subject}{before}{near}|{near}{after}{subject})(?!\w)",
                         self.s, re.IGNORECASE) is not None

    def _date(self, m: Mention) -> str | None:
        """A date by its label ("Fieldwork: 16 to 27 March 2026"), or in a sentence by the
        words nearest before it ("fieldwork ended on", "will be published on")."""
        if has(self.s, self.v.words("date_earlier")):
            self.notes[m.start] = "a date of an earlier inspection"
            return None
        if not m.part:
            key = self.said.nearest(m, self.v.cues.get("date_cues", {}), before_first=True)
            if key and (not key.startswith("fieldwork:") or self._subject_beside(key)):
                return key
        before = self.s[:m.start].casefold()
        for label, key in ((self.v.t("Fieldwork"), "fieldwork"),
                           (self.v.t("Published"), "publication"),
                           (self.v.t("To be published"), "publication")):
            if label.casefold() in before:
                if key == "fieldwork":
                    return f"fieldwork:{m.part or 'start'}"
                return key
        return None

    def _rating(self, m: Mention) -> str | None:
        label = self.v.t("Rating")
        if re.match(rf"\s*{re.escape(label)}\s*:\s*$", self.s[:m.start], re.IGNORECASE):
            return f"rating:{self.std}" if self.std else None
        if has(self.before(m, 60), self.v.words("rated")):
            std = next((c for c, t in self.b.std_titles.items() if t.casefold() in
                        self.s.casefold()), None)
            if std:
                return f"rating:{std}"
            if has(self.s, self.v.words("whole_inspection")):
                return "overall:rating"
        return None


def _cue(cue: str) -> re.Pattern[str]:
    """A context phrase with {placeholders} for the figures it frames."""
    parts = re.split(r"\{(\w+)\}", cue)
    return re.compile("".join(f"(?P<{p}>\\S+(?:\\s\\S+)?)" if i % 2 else re.escape(p)
                              for i, p in enumerate(parts)), re.IGNORECASE)
