"""Figures of running text about people and posts other than the cases inspected, bound to the
population their sentence names: those invited to a survey or who answered it (the staff
questionnaire, the survey of people on probation), the answers to one of its statements (named
by its wording or its short name), and the posts of a grade of staff (funded, in post, vacant,
the vacancy rate; no grade named, all the grades together; a PDU named, that PDU's). Which
population a count is comes from the cue nearest to it within its clause ("We invited 110
staff to answer": invited, not answered). The words are data: statistics.toml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from reportgen.checks.statistics.facts import SURVEY_NAMES, Facts
from reportgen.checks.statistics.figures import Share
from reportgen.checks.statistics.words import SOFT, Mention, Vocabulary, has, mutate

SURVEY_COUNTS = ("survey_invited", "survey_answered", "survey_agree", "survey_disagree",
                 "survey_neither")
VERBS = ("survey_agree", "survey_disagree", "survey_neither")


@dataclass(frozen=True)
class Statement:
    kind: str  # staff, people_on_probation
    code: str

    @property
    def key(self) -> str:
        return f"survey:{self.kind}:{self.code}"


class Populations:
    """The survey statements, grades and areas the sentences of an edition may name, in its
    language (a draft's Welsh may show a statement in English)."""

    def __init__(self, f: Facts, v: Vocabulary) -> None:
        self.f, self.v = f, v
        self.statements = self._named({
            text: Statement(kind, q.code) for kind, questions in f.surveys.items()
            for q in questions for said in (q.statement, q.short) if said
            for text in {said.get(v.lang) or said.en, said.en}})
        # a statement paraphrased ("their workload was manageable"): its short name's words
        self.keywords = [(words, Statement(kind, q.code)) for kind, questions in f.surveys.items()
                         for q in questions if q.short
                         if (words := self._keywords(q.short.get(v.lang) or q.short.en))]
        self.grades = self._named({w: grade for grade, words in v.cues.get("grades", {}).items()
                                   for w in words})
        self.statement_re, self.grade_re = _alternation(self.statements), _alternation(self.grades)
        self.areas = {(name.get(v.lang) or name.en).casefold(): prefix
                      for prefix, name in f.areas.items() if prefix}
        self.cues = {name: v.words(name) for name in (
            *SURVEY_COUNTS, "survey_nouns", "survey_views", "response_rate", "vacancy_rate",
            "not_ours")}
        # a sentence about a survey names it, says who agreed or disagreed, or compares views
        self.surveyed = self.cues["survey_nouns"] + self.cues["survey_views"] + [
            w for k in VERBS for w in self.cues[k]]
        self.kinds: dict[str, list[str]] = v.cues.get("survey_kinds", {})
        self.fields: dict[str, list[str]] = v.cues.get("posts_fields", {})

    def _named(self, names: Mapping[str, object]) -> dict[str, object]:
        """Wordings casefolded, without a closing full stop, and soft-mutated in Welsh."""
        out: dict[str, object] = {}
        for text, what in names.items():
            name = text.casefold().rstrip(". ")
            for said in {name, mutate(name, SOFT) if self.v.lang == "cy" else None} - {None}:
                if said and len(said) >= 5:
                    out.setdefault(said, what)
        return out

    def _keywords(self, short: str) -> tuple[frozenset[str], ...]:
        """The words of a statement's short name that a paraphrase keeps, each with its
        mutated forms in Welsh ("llwyth" also "lwyth")."""
        stop = set(self.v.words("not_keywords"))
        out = []
        for word in re.findall(r"[^\W\d_]+", short.casefold()):
            if len(word) >= 4 and word not in stop:
                mutated = mutate(word, SOFT) if self.v.lang == "cy" else None
                out.append(frozenset({word, mutated} - {None}))
        return tuple(out) if len(out) >= 2 else ()

    def sentence(self, s: str, found: list[Mention]) -> Said:
        return Said(self, s, found)


class Said:
    """What one sentence says of people and posts."""

    def __init__(self, p: Populations, sentence: str, found: list[Mention]) -> None:
        self.p, self.s, self.found, self.v = p, sentence, found, p.v
        self.folded = sentence.casefold().replace("’", "'")

    # ------------------------------------------------------------------ what it names

    def _places(self, names: Mapping[str, object], pattern: re.Pattern[str] | None
                ) -> list[tuple[int, int, object]]:
        """Where each wording stands in the sentence, as whole words, in order (where two
        overlap, the longer)."""
        if pattern is None:
            return []
        return [(m.start(), m.end(), names[m.group(0)]) for m in pattern.finditer(self.folded)]

    @cached_property
    def surveyed(self) -> bool:
        return has(self.s, self.p.surveyed)

    @cached_property
    def statements(self) -> list[tuple[int, int, object]]:
        """The statements named by their wording; else, in a sentence of who agreed or
        disagreed, the one statement all of whose short name's words it holds."""
        if not self.surveyed:  # "good supervision" in prose is not the statement
            return []
        named = self._places(self.p.statements, self.p.statement_re)
        if named or not has(self.s, [w for k in VERBS for w in self.p.cues[k]]):
            return named
        words = {m.group(0): m.start() for m in re.finditer(r"[^\W\d_]+", self.folded)}
        found = [(min(words[w] for w in words.keys() & set().union(*keys)), st)
                 for keys, st in self.p.keywords if all(words.keys() & k for k in keys)]
        if len(found) != 1:
            return []
        at, st = found[0]
        return [(at, at, st)]

    @cached_property
    def grades(self) -> list[tuple[int, int, object]]:
        return self._places(self.p.grades, self.p.grade_re)

    def statement(self, at: int) -> Statement | None:
        return _nearest(self.statements, at)  # type: ignore[return-value]

    def grade(self, m: Mention) -> str:
        """The grade named nearest before the figure, or in its own words after it ("3.8
        probation officer posts", "3.8 o swyddi swyddogion prawf"); none: all the grades."""
        before = [g for _, e, g in self.grades if e <= m.start]
        if before:
            return before[-1]  # type: ignore[return-value]
        own = self.v.patterns["posts"].match(self.s, m.end)
        limit = (own.end() if own else m.end) + 2
        return next((g for s, _, g in self.grades if m.end <= s <= limit), "all")  # type: ignore[return-value]

    def area(self, m: Mention) -> str:
        """The prefix of the facts of the PDU named nearest before the figure (else after it)
        in a regional report; "" for the inspection's own."""
        named = [(s, e, p) for name, p in self.p.areas.items()
                 for found in re.finditer(re.escape(name), self.folded)
                 for s, e in [found.span()]]
        return _nearest(sorted(named), m.start) or ""  # type: ignore[return-value]

    def kind(self, m: Mention) -> str | None:
        """The survey a count or share is of: its statement's, else the one its words name."""
        st = self.statement(m.start)
        if st is not None:
            return st.kind
        kinds = {k: w for k, w in self.p.kinds.items() if k in self.p.f.surveys}
        return self.nearest(m, kinds, whole_sentence=True)  # "110 staff and 91 people on …"

    def clause(self, m: Mention) -> tuple[int, int]:
        """Where the words about a figure run: from the figure before it to the one after."""
        start = max((x.end for x in self.found if x.end <= m.start), default=0)
        end = min((x.start for x in self.found if x.start >= m.end), default=len(self.s))
        return start, end

    def nearest(self, m: Mention, cues: Mapping[str, list[str]], end: int | None = None,
                before_first: bool = False, whole_sentence: bool = False) -> str | None:
        """The cue nearest to the figure within its clause (or up to `end`, or in the whole
        sentence); with `before_first`, the nearest before it, and only where there is none,
        after it. A cue before the figure is measured from its end ("did not agree 21")."""
        start, clause_end = (0, len(self.s)) if whole_sentence else self.clause(m)
        end = clause_end if end is None else end
        best: tuple[bool, int, int, str] | None = None
        for name, words in cues.items():
            for w in words:
                for found in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", self.s[start:end],
                                         re.IGNORECASE):
                    at, to = start + found.start(), start + found.end()
                    distance = m.start - to if at < m.start else at - m.end
                    rank = (before_first and at > m.start, distance, -len(w), name)
                    if best is None or rank < best:
                        best = rank
        return best[3] if best else None

    # ---------------------------------------------------------------------------- keys

    def count(self, m: Mention) -> str | None:
        """A count of staff or people: a survey's invited or respondents, or those who
        answered, agreed or disagreed with a statement; None where no survey word is near."""
        cue = self.nearest(m, {k: self.p.cues[k] for k in SURVEY_COUNTS})
        kind = self.kind(m) if cue and self.surveyed else None
        if kind is None:
            return None
        st = self.statement(m.start)
        start, end = self.clause(m)
        if cue == "survey_invited":
            return f"survey:{kind}:invited"
        if cue == "survey_answered":
            whole = st is None or has(self.s[start:end], self.p.cues["survey_nouns"])
            return f"survey:{kind}:respondents" if whole else f"{st.key}:answered"
        if st is None:
            return None
        return f"{st.key}:{VERB_FIELDS[cue]}"

    def part(self, whole_key: str, part: Mention) -> str | None:
        """The part of a survey's whole: "54 of the 110 we invited" answered; "25 of the 53
        who answered" agreed (or disagreed) with the statement named."""
        if whole_key.endswith(":invited"):
            return whole_key.rsplit(":", 1)[0] + ":respondents"
        st = self.statement(part.start)
        if st is None or (not whole_key.startswith(st.key + ":") and \
                not whole_key.endswith(":respondents")):
            return None
        return f"{st.key}:{self.polarity(part)}"

    def polarity(self, m: Mention | None = None) -> str:
        """agree or disagree (or neither): the verb nearest the figure, else the sentence's."""
        verbs = {k: self.p.cues[k] for k in VERBS}
        near = self.nearest(m, verbs, whole_sentence=True) if m is not None else None
        if near:
            return VERB_FIELDS[near]
        return "disagree" if has(self.s, self.p.cues["survey_disagree"]) else "agree"

    def percent(self, m: Mention) -> str | None:
        """A vacancy rate, a survey's response rate, or a statement's share agreeing."""
        if self._not_ours(m):
            return None  # "below the national rate of 15%"
        if has(self.s, self.p.cues["vacancy_rate"]):
            return f"{self.area(m)}staffing:{self.grade(m)}:rate"
        if has(self.s, self.p.cues["response_rate"]):
            kind = self.kind(m)
            return f"survey:{kind}:rate" if kind else None
        st = self.statement(m.start)
        polarity = self.polarity(m)
        if st is None or polarity == "neither":
            return None
        return f"{st.key}:pct" + (":disagree" if polarity == "disagree" else "")

    def posts(self, m: Mention, whole: bool = False, after: Mention | None = None
              ) -> str | None:
        """A count of posts (full-time equivalents): of the grade named nearest, funded, in
        post or vacant by the words nearest to it. In "3.8 of the 44.0 posts were vacant", the
        whole is the funded posts and the part is what the words after the whole say."""
        if m.kind == "number" and not has(self.s, self.v.words("fte")):
            return None  # whole posts, not full-time equivalents: not a staffing figure
        if self._not_ours(m):
            return None  # "the national figure of 1,200 FTE"
        if whole:  # "of the 44.0 posts": funded; "of the 8.2 vacancies": vacant
            field = "vacant" if self.p.fields["vacant"] and re.match(
                rf"\s+(?:{'|'.join(map(re.escape, self.p.fields['vacant']))})\b",
                self.s[m.end:], re.IGNORECASE) else "target"
        elif after is not None:
            fields = {k: w for k, w in self.p.fields.items() if k != "target"}
            field = self.nearest(after, fields, self.clause(after)[1])
        else:
            field = self.nearest(m, self.p.fields)
        if field is None:
            return None
        return f"{self.area(m)}staffing:{self.grade(m)}:{field}"

    def part_of_posts(self, part: Mention, whole: Mention, whole_key: str | None) -> str | None:
        """The part of funded posts: "3.8 of the 44.0 … were vacant", "9% of the 44.0 … were
        vacant" (the vacancy rate); of vacancies ("three of the 8.2 vacancies were …"), no
        staffing figure."""
        if whole_key is None or not whole_key.endswith(":target"):
            return None
        if part.kind == "percent":
            return whole_key.rsplit(":", 1)[0] + ":rate"
        return self.posts(part, after=whole)

    def _not_ours(self, m: Mention) -> bool:
        """Whether the words just before the figure say it is somewhere else's."""
        return has(self.s[self.clause(m)[0]:m.start], self.p.cues["not_ours"])

    # ------------------------------------------------------------------------- shares

    def shares(self) -> list[tuple[int, int, Share]]:
        """Each statement named, where, with its share (agreeing, or disagreeing)."""
        return [(s, e, share) for s, e, st in self.statements
                if (share := self._statement_share(st)) is not None]  # type: ignore[arg-type]

    def others(self, share: Share) -> list[Share]:
        """The shares of the other statements of the survey `share` is of."""
        kind, code = share.code.split(":", 1)
        return [s for q in self.p.f.surveys.get(kind, []) if q.code != code
                and (s := self._statement_share(Statement(kind, q.code))) is not None]

    def share(self, m: Mention) -> Share | None:
        """The share a quantifier or fraction speaks of: the statement's agreeing (or
        disagreeing), or else the survey's response rate."""
        st = self.statement(m.start)
        if st is not None:
            return self._statement_share(st, self.polarity(m))
        kind = self.kind(m)
        if kind is None or not self.surveyed or not has(self.s, self.p.cues["survey_answered"]):
            return None
        f = self.p.f.facts
        invited = f.get(f"survey:{kind}:invited")
        if invited is None or not invited.value:
            return None
        return Share(f"{kind}:response", "answered", f[f"survey:{kind}:respondents"].value,
                     invited.value, f[f"survey:{kind}:rate"].value,
                     f"the response rate of {SURVEY_NAMES[kind]}", f"$.surveys.{kind}")

    def _statement_share(self, st: Statement, polarity: str | None = None) -> Share | None:
        f, polarity = self.p.f.facts, polarity or self.polarity()
        answered = f[f"{st.key}:answered"].value
        if not answered or polarity == "neither":
            return None
        percent = f[f"{st.key}:pct" + (":disagree" if polarity == "disagree" else "")].value
        return Share(f"{st.kind}:{st.code}", polarity, f[f"{st.key}:{polarity}"].value,
                     answered, percent, f"{SURVEY_NAMES[st.kind]}, {st.code!r}: {polarity}d",
                     f[f"{st.key}:agree"].source.rsplit(".", 1)[0])


VERB_FIELDS = {"survey_agree": "agree", "survey_disagree": "disagree",
               "survey_neither": "neither"}


def _alternation(names: Mapping[str, object]) -> re.Pattern[str] | None:
    """One pattern finding any of `names` as whole words, the longest where they overlap."""
    if not names:
        return None
    words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def _nearest(places: list[tuple[int, int, object]], at: int) -> object | None:
    """What is named nearest before `at`, else nearest after it."""
    before = [what for _, e, what in places if e <= at]
    if before:
        return before[-1]
    return next((what for s, _, what in places if s >= at), None)
