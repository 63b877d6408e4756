"""Planted errors: the mistakes a statistician looks for, planted one at a time into a rendered
Word report, to measure what the statistics check catches. Each kind is planted where the report
states the fact it breaks: a key question's count off by one, a share with the wrong numerator or
denominator, the number of cases, a rating word, a number written in words, a date, a year in a
footer, a band's threshold, a chart's alt text, two figures swapped, and (in Wales) an invented
figure only the other language's edition can expose; and in the surveys and contextual data, a
survey's answers, share agreeing and response figures in its table, chart and sentence, the
caseload and its shares, staff in full-time equivalents, vacancies and vacancy rates, and the
dates of both. Sentences a report might carry are planted twice: once right (a control, which
must pass) and once wrong.

A measurement tool, not part of the package: tools/stats_catch_rate.py runs it, and
tests/checks/test_statistics_corpus.py asserts what it measures."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from lxml import etree
from unicode_rbnf import RbnfEngine

from reportgen.checks.statistics.binding import _message
from reportgen.checks.statistics.facts import Facts
from reportgen.checks.statistics.reading import NS, EditionText, Unit, _w, read_word
from reportgen.checks.statistics.words import SOFT, mentions, mutate, norm, vocabulary
from reportgen.documents.evidence import fte
from reportgen.formatting import date as format_date
from reportgen.model import Rating
from reportgen.model.evidence import SURVEYS

KINDS = ("count", "total", "percent", "swap", "share", "share-plausible", "share-denominator",
         "cases", "cases-plausible", "year-as-count", "rating", "rating-text", "number-word",
         "footer-year", "date", "band", "alt-percent", "alt-swap", "score", "pdu-count",
         "pdu-score", "invented", "survey-count", "survey-answered", "survey-percent",
         "survey-swap", "survey-alt", "survey-alt-answered", "respondents", "response-rate",
         "questionnaire-date", "caseload", "caseload-share", "caseload-total", "fte",
         "vacancies", "vacancy-rate", "as-at")
# The sentences that introduce each survey (catalogue messages), and the contextual data's date.
INTRO = "Staff who answered our questionnaire: {respondents} of {invited} ({rate})."
CLOSED = "The questionnaire closed on {date}."
AS_AT = "The figures describe the position on {date}, as the organisational data spreadsheet " \
    "gave them."
SENTENCES = {
    "en": {"share": "In {part} of the {whole} cases we inspected, the work was sufficient on "
                    "{question}.",
           "weeks": "We carried out the fieldwork over {weeks} weeks.",
           "invented": "Staff told us that {figure} of them felt well supported."},
    "cy": {"share": "Mewn {part} o'r {whole} achos a arolygwyd, roedd y gwaith yn ddigonol o "
                    "ran {question}.",
           "weeks": "Cynhaliwyd y gwaith maes dros {weeks} wythnos.",
           "invented": "Dywedodd staff wrthym fod {figure} ohonynt yn teimlo eu bod yn cael eu "
                       "cefnogi'n dda."},
}


@dataclass
class Planted:
    kind: str
    where: str  # the place the check must name
    change: str  # what was changed, for a person
    parts: dict[str, Any]  # the Word document's parts with the change made
    control: bool = False  # a right statement: the check must not flag it


class Planter:
    def __init__(self, parts: Mapping[str, bytes], f: Facts, lang: str) -> None:
        self.parts, self.f, self.lang = dict(parts), f, lang
        self.v = vocabulary(lang)
        self.ed: EditionText = read_word(parts)

    # ------------------------------------------------------------------ XML changes

    def _copy(self, node: Any) -> tuple[dict[str, Any], Any]:
        """A copy of the parts, and `node`'s counterpart in it."""
        root = node.getroottree().getroot()
        name = next(n for n, t in self.ed.parts.items() if t is root)
        tree = copy.deepcopy(root)
        changed = dict(self.parts) | {n: t for n, t in self.ed.parts.items() if n != name}
        changed[name] = tree
        return changed, _follow(tree, _path(node))

    def replace(self, kind: str, unit: Unit, old: str, new: str, nth: int = 0,
                control: bool = False) -> Planted | None:
        parts, node = self._copy(unit.node)
        if not _replace_text(node, old, new, nth):
            return None
        return Planted(kind, unit.where, f"{unit.where}: {old!r} -> {new!r}", parts, control)

    def append(self, kind: str, unit: Unit, sentence: str, control: bool = False) -> Planted:
        parts, node = self._copy(unit.node)
        run = etree.SubElement(node, _w("r"))
        t = etree.SubElement(run, _w("t"))
        t.text = " " + sentence
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return Planted(kind, unit.where, f"{unit.where}: added {sentence!r}", parts, control)

    def alt(self, kind: str, unit: Unit, old: str, new: str, nth: int = 0) -> Planted | None:
        parts, node = self._copy(unit.node)
        prs = list(node.iter(f"{{{NS['wp']}}}docPr"))
        if not prs:
            return None
        pr = prs[0]
        descr = pr.get("descr") or ""
        found = [m.start() for m in re.finditer(rf"(?<![\d\w]){re.escape(old)}(?![\d])", descr)]
        if len(found) <= nth:
            return None
        at = found[nth]
        pr.set("descr", descr[:at] + new + descr[at + len(old):])
        return Planted(kind, unit.where, f"{unit.where}: {old!r} -> {new!r}", parts)

    # ----------------------------------------------------------------------- finding

    def units(self, role: str) -> list[Unit]:
        return [u for u in self.ed.units if u.role == role]

    def table(self, first_heading: str) -> Any:
        label = norm(self.v.t(first_heading))
        return next((t for t in self.ed.tables if t.header and norm(t.header[0]) == label), None)

    def cell(self, table: Any, row: int, heading: str) -> Unit | None:
        label = norm(self.v.t(heading))
        return next((u for u in self.ed.units if u.table is table and u.row == row
                     and norm(table.header[u.col]) == label), None)

    def words(self, n: int, feminine: bool = False) -> str:
        spelt = _engine(self.lang).format_number(n).text_by_ruleset
        if self.lang == "cy":
            text = spelt.get("spellout-cardinal-feminine" if feminine else
                             "spellout-cardinal-masculine", spelt["spellout-numbering"])
            return mutate(text, SOFT) or text  # after "dros": soft mutation
        return spelt.get("spellout-cardinal", spelt["spellout-numbering"])

    def rating_label(self, rating: Rating) -> str:
        return self.v.t(rating.value)

    # ---------------------------------------------------------------------- planting

    def plants(self) -> Iterator[Planted]:
        for kind in KINDS:
            for planted in getattr(self, "_" + kind.replace("-", "_"))():
                if planted is not None:
                    yield planted

    def _question_row(self) -> tuple[Any, Unit | None]:
        table = self.table("Key question")
        return table, (self.cell(table, 0, "Core: yes") if table else None)

    def _count(self) -> Iterator[Planted | None]:
        _, unit = self._question_row()
        if unit:
            n = int(unit.text)
            yield self.replace("count", unit, unit.text, str(n + 1))
            if n:
                yield self.replace("count", unit, unit.text, str(n - 1))

    def _total(self) -> Iterator[Planted | None]:
        table, _ = self._question_row()
        unit = self.cell(table, 0, "All: yes") if table else None
        if unit:
            yield self.replace("total", unit, unit.text, str(int(unit.text) + 1))

    def _percent(self) -> Iterator[Planted | None]:
        table, _ = self._question_row()
        unit = self.cell(table, 0, "Yes (%)") if table else None
        if unit:
            n = int(unit.text.rstrip("%"))
            yield self.replace("percent", unit, str(n), str(n + 1 if n < 100 else n - 1))
        if unit and self.lang == "cy":  # the Welsh edition that was published with "76%"
            yield self.replace("percent", unit, str(n), "76" if n != 76 else "77")

    def _swap(self) -> Iterator[Planted | None]:
        table, yes = self._question_row()
        no = self.cell(table, 0, "Core: no") if table else None
        if yes and no and yes.text != no.text:
            parts, a = self._copy(yes.node)
            _replace_text(a, yes.text, no.text)
            b = _follow(a.getroottree().getroot(), _path(no.node))
            _replace_text(b, no.text, yes.text)
            yield Planted("swap", yes.where, f"{yes.where} and {no.where} swapped", parts)

    def _share_unit(self) -> tuple[Unit | None, Any]:
        """The first paragraph of the first standard rated from cases, and its first key
        question."""
        std = next(s for s in self.f.standards if s.is_cases)
        title = f"{std.code.split(' ', 1)[-1]} {std.title.get(self.lang)}"  # type: ignore[arg-type]
        section = next((i for i, s in enumerate(self.ed.sections) if s.title == title), None)
        unit = next((u for u in self.units("text") if u.section == section
                     and not u.text.startswith(self.v.t("Rating"))), None)
        return unit, std.key_questions[0]

    def _share_sentence(self, part: int, whole: int) -> tuple[Unit | None, str]:
        unit, q = self._share_unit()
        short = (q.short or q.text).get(self.lang)
        return unit, SENTENCES[self.lang]["share"].format(part=part, whole=whole, question=short)

    def _share_facts(self) -> tuple[int, int, Any]:
        _, q = self._share_unit()
        return (self.f.facts[f"kq:{q.code}:all:yes"].value,
                self.f.facts[f"kq:{q.code}:all:cases"].value, q)

    def _share(self) -> Iterator[Planted | None]:
        yes, cases, _ = self._share_facts()
        unit, right = self._share_sentence(yes, cases)
        if unit:
            yield self.append("share", unit, right, control=True)
            yield self.append("share", unit, self._share_sentence(yes + 1, cases)[1])

    def _share_plausible(self) -> Iterator[Planted | None]:
        yes, cases, _ = self._share_facts()
        others = [self.f.facts[f"kq:{o.code}:all:yes"].value
                  for s in self.f.standards for o in s.key_questions
                  if f"kq:{o.code}:all:yes" in self.f.facts]
        wrong = next((n for n in others if n != yes), yes - 1)
        unit, sentence = self._share_sentence(wrong, cases)
        if unit:
            yield self.append("share-plausible", unit, sentence)

    def _share_denominator(self) -> Iterator[Planted | None]:
        yes, cases, q = self._share_facts()
        core = self.f.facts[f"kq:{q.code}:core:cases"].value
        unit, sentence = self._share_sentence(yes, core if core != cases else cases + 1)
        if unit:
            yield self.append("share-denominator", unit, sentence)
        alt = next(iter(self._case_alts()), None)
        if alt is not None:
            first = self.f.facts.get(f"kq:{self._alt_question(alt)}:all:cases")
            if first:
                yield self.alt("share-denominator", alt, str(first.value),
                               str(first.value - 1))

    def _case_alts(self) -> list[Unit]:
        """The alt text of the charts of cases judged sufficient: each starts with its
        standard's title."""
        titles = tuple(s.title.get(self.lang) for s in self.f.standards if s.is_cases)
        return [u for u in self.units("alt") if u.text.startswith(titles)]  # type: ignore[arg-type]

    def _alt_question(self, alt: Unit) -> str:
        std = next((s for s in self.f.standards if alt.text.startswith(
            s.title.get(self.lang))), None)  # type: ignore[arg-type]
        return std.key_questions[0].code if std and std.key_questions else ""

    def _cases_unit(self) -> tuple[Unit | None, int]:
        cases = self.f.facts.get("cases")
        if cases is None:
            return None, 0
        n = cases.value
        unit = next((u for u in self.units("text") if re.search(rf"(?<![\d,]){n}(?!\d)", u.text)
                     and any(w in u.text.casefold() for w in self.v.words("inspected"))), None)
        return unit, n

    def _cases(self) -> Iterator[Planted | None]:
        unit, n = self._cases_unit()
        core = self.f.facts["profile:core"].value if "profile:core" in self.f.facts else n - 1
        if unit:
            yield self.replace("cases", unit, str(n), str(core if core != n else n - 4))

    def _cases_plausible(self) -> Iterator[Planted | None]:
        unit, n = self._cases_unit()
        if unit:
            counts = sorted({x.value for k, x in self.f.facts.items() if k.startswith("kq:")
                             and k.endswith(":no") and isinstance(x.value, int)})
            wrong = next((c for c in counts if c != n and c > 3), n - 2)
            yield self.replace("cases-plausible", unit, str(n), str(wrong))

    def _year_as_count(self) -> Iterator[Planted | None]:
        unit, n = self._cases_unit()
        if unit:
            yield self.replace("year-as-count", unit, str(n), "2048")
        else:
            alt = next(iter(self._case_alts()), None)
            first = self.f.facts.get(f"kq:{self._alt_question(alt)}:all:cases") if alt else None
            if alt and first:
                yield self.alt("year-as-count", alt, str(first.value), "2048")

    def _rating(self) -> Iterator[Planted | None]:
        table = self.table("Standard")
        unit = self.cell(table, 0, "Rating") if table else None
        if unit:
            rating = self.v.ratings.get(unit.text.replace("☆", "").strip())
            if rating is not None:
                other = list(Rating)[(list(Rating).index(rating) + 2) % 4]
                yield self.replace("rating", unit, unit.text.replace(" ☆", "").strip(),
                                   self.rating_label(other))

    def _rating_text(self) -> Iterator[Planted | None]:
        label = self.v.t("Rating")
        for unit in self.units("text"):
            m = re.match(rf"{re.escape(label)}\s*:\s*(.+?)\s*☆?$", unit.text)
            if m and m.group(1) in self.v.ratings:
                rating = self.v.ratings[m.group(1)]
                other = list(Rating)[(list(Rating).index(rating) + 2) % 4]
                yield self.replace("rating-text", unit, m.group(1), self.rating_label(other))
                return

    def _number_word(self) -> Iterator[Planted | None]:
        weeks = self.f.facts["fieldwork:weeks"].value
        unit = next(iter(u for u in self.units("text") if u.section > 0), None)
        if unit:
            sentence = SENTENCES[self.lang]["weeks"]
            feminine = self.lang == "cy"
            yield self.append("number-word", unit, sentence.format(
                weeks=self.words(weeks, feminine)), control=True)
            yield self.append("number-word", unit, sentence.format(
                weeks=self.words(weeks + 1, feminine)))
        for unit in self.units("text"):  # the report's own "over two weeks"
            for m in mentions(unit.text, self.v):
                if m.unit == "weeks" and m.value == weeks and any(
                        unit.text[:m.start].rstrip().casefold().endswith(w)
                        for w in self.v.words("over")):
                    wrong = self.words(weeks + 1, self.lang == "cy")
                    if (m.text.casefold(),) in self.v.fortnights:
                        wrong += " wythnos"
                    yield self.replace("number-word", unit, m.text, wrong)
                    return

    def _footer_year(self) -> Iterator[Planted | None]:
        unit = next(iter(self.units("footer")), None)
        year = self.f.facts["fieldwork:start"].value.year - 1
        if unit:
            text = unit.text.rstrip()
            yield self.replace("footer-year", unit, text, f"{text} {year}")

    def _date(self) -> Iterator[Planted | None]:
        for key in ("fieldwork:end", "publication"):
            day: dt.date = self.f.facts[key].value
            shown = format_date(day, self.lang)  # type: ignore[arg-type]
            unit = next((u for u in self.units("text") if shown in u.text), None)
            if unit:
                yield self.replace("date", unit, shown,
                                   format_date(day + dt.timedelta(days=1), self.lang))  # type: ignore[arg-type]

    def _band(self) -> Iterator[Planted | None]:
        good = self.f.facts[f"band:{Rating.GOOD}:min"].value
        unit = next((u for u in self.units("text") if f"{good}%" in u.text
                     and f"{self.f.facts[f'band:{Rating.GOOD}:max'].value}%" in u.text), None)
        if unit:
            yield self.replace("band", unit, f"{good}%", f"{good - 5}%")

    def _alt_percent(self) -> Iterator[Planted | None]:
        alt = next((u for u in self._case_alts() if "%" in u.text), None)
        if alt:
            first = re.search(r"(\d+)%", alt.text)
            assert first is not None
            n = int(first.group(1))
            yield self.alt("alt-percent", alt, f"{n}%", f"{n + 3 if n < 97 else n - 3}%")

    def _alt_swap(self) -> Iterator[Planted | None]:
        for alt in self._case_alts():
            shares = re.findall(r"(\d+)%", alt.text)
            if len(set(shares)) >= 2:
                a, b = shares[0], next(s for s in shares if s != shares[0])
                parts, node = self._copy(alt.node)
                pr = next(node.iter(f"{{{NS['wp']}}}docPr"))
                descr = pr.get("descr") or ""
                pair = {a: b, b: a}
                swapped = re.sub(rf"(?<!\d)({a}|{b})%", lambda m, p=pair: f"{p[m.group(1)]}%",
                                 descr)
                pr.set("descr", swapped)
                yield Planted("alt-swap", alt.where, f"{alt.where}: {a}% and {b}% swapped",
                              parts)
                return

    def _score(self) -> Iterator[Planted | None]:
        score = self.f.facts["overall:score"].value
        table = self.table("Standard")
        unit = next((u for u in self.ed.units if table and u.table is table and u.col == 0
                     and re.search(rf"\b{score}\s*/", u.text)), None)
        if unit:
            yield self.replace("score", unit, f"{score}/", f"{score + 1}/")

    def _pdu_count(self) -> Iterator[Planted | None]:
        count = self.f.facts.get("pdus:count")
        if count is None:
            return
        n = count.value
        for unit in self.units("text"):
            if re.search(rf"\b{n}\b", unit.text) and any(
                    re.search(rf"(?<!\w){re.escape(w)} {n}\b", unit.text, re.IGNORECASE)
                    for w in self.v.words("whole")):
                yield self.replace("pdu-count", unit, str(n), str(n + 1))
                return

    def _pdu_score(self) -> Iterator[Planted | None]:
        table = self.table("PDU")
        if table is None:
            return
        unit = next((u for u in self.ed.units if u.table is table and u.row == 0
                     and re.search(r"\(\d+\)", u.text)), None)
        if unit:
            score = re.search(r"\((\d+)\)", unit.text).group(1)  # type: ignore[union-attr]
            yield self.replace("pdu-score", unit, f"({score})", f"({int(score) + 1})")

    def _invented(self) -> Iterator[Planted | None]:
        unit = next(iter(u for u in self.units("text") if u.section > 0), None)
        if unit:
            for figure in ("76%", "917"):
                yield self.append("invented", unit, SENTENCES[self.lang]["invented"].format(
                    figure=figure))

    # ------------------------------------------------- surveys and contextual data

    def _survey_cell(self, heading: str) -> Unit | None:
        table = self.table("Statement")
        return self.cell(table, 0, heading) if table else None

    def _bump(self, kind: str, heading: str, by: int = 1) -> Iterator[Planted | None]:
        """A count of the first survey table or the caseload table changed by `by`."""
        unit = self._survey_cell(heading) if kind.startswith("survey") else \
            self.cell(self.table("Supervised"), 0, heading) if self.table("Supervised") else None
        if unit:
            shown = unit.text.strip()
            n = int(shown.rstrip("%").replace(",", ""))
            new = n + by if n + by <= 100 or not shown.endswith("%") else n - by
            yield self.replace(kind, unit, shown.rstrip("%"), f"{new:,}")

    def _survey_count(self) -> Iterator[Planted | None]:
        yield from self._bump("survey-count", "Agree")
        yield from self._bump("survey-count", "Disagree", -1)

    def _survey_answered(self) -> Iterator[Planted | None]:
        yield from self._bump("survey-answered", "Answered")

    def _survey_percent(self) -> Iterator[Planted | None]:
        yield from self._bump("survey-percent", "Agreed (%)")

    def _survey_swap(self) -> Iterator[Planted | None]:
        agree, disagree = self._survey_cell("Agree"), self._survey_cell("Disagree")
        if agree and disagree and agree.text != disagree.text:
            parts, a = self._copy(agree.node)
            _replace_text(a, agree.text, disagree.text)
            _replace_text(_follow(a.getroottree().getroot(), _path(disagree.node)),
                          disagree.text, agree.text)
            yield Planted("survey-swap", agree.where,
                          f"{agree.where} and {disagree.where} swapped", parts)

    def _survey_alts(self) -> list[Unit]:
        names = [self.v.t(name) for name, _ in SURVEYS.values()]
        return [u for u in self.units("alt") if u.text.startswith(tuple(names))]

    def _survey_alt(self) -> Iterator[Planted | None]:
        for alt in self._survey_alts()[:1]:
            n = int(re.search(r"(\d+)%", alt.text).group(1))  # type: ignore[union-attr]
            yield self.alt("survey-alt", alt, f"{n}%", f"{n + 3 if n < 97 else n - 3}%")

    def _survey_alt_answered(self) -> Iterator[Planted | None]:
        """ "42% of 52 agreed" with 52 changed: by one, and to the number of cases inspected,
        which a chart of cases would give."""
        for alt in self._survey_alts()[:1]:
            answered = re.search(r"\d+%\D+?(\d+)", alt.text).group(1)  # type: ignore[union-attr]
            cases = self.f.facts.get("cases")
            for new in {int(answered) + 1, cases.value if cases else int(answered) - 1}:
                if new != int(answered):
                    yield self.alt("survey-alt-answered", alt, answered, str(new))

    def _intro(self, message: str) -> tuple[Unit | None, Any]:
        pattern = _message(self.v.t(message))
        for unit in self.units("text"):
            found = pattern.search(unit.text) if pattern else None
            if found:
                return unit, found
        return None, None

    def _respondents(self) -> Iterator[Planted | None]:
        unit, found = self._intro(INTRO)
        if unit:
            n = int(found.group("respondents").replace(",", ""))
            answered = self.f.facts.get(f"survey:staff:{self.f.surveys['staff'][0].code}"
                                        ":answered")
            wrong = answered.value if answered and answered.value != n else n + 1
            yield self.replace("respondents", unit, found.group("respondents"), f"{wrong:,}")
            yield self.replace("respondents", unit, found.group("invited"),
                               f"{int(found.group('invited').replace(',', '')) - 1:,}")

    def _response_rate(self) -> Iterator[Planted | None]:
        unit, found = self._intro(INTRO)
        if unit:
            n = int(found.group("rate").rstrip("%"))
            yield self.replace("response-rate", unit, f"{n}%", f"{n + 2 if n < 98 else n - 2}%")

    def _next_day(self, kind: str, message: str) -> Iterator[Planted | None]:
        unit, found = self._intro(message)
        if unit:
            [day] = [m for m in mentions(found.group("date"), self.v) if m.kind == "date"]
            yield self.replace(kind, unit, day.text, format_date(
                day.value + dt.timedelta(days=1), self.lang))  # type: ignore[arg-type]

    def _questionnaire_date(self) -> Iterator[Planted | None]:
        yield from self._next_day("questionnaire-date", CLOSED)

    def _as_at(self) -> Iterator[Planted | None]:
        yield from self._next_day("as-at", AS_AT)

    def _caseload(self) -> Iterator[Planted | None]:
        yield from self._bump("caseload", "Number", 10)

    def _caseload_share(self) -> Iterator[Planted | None]:
        yield from self._bump("caseload-share", "Share (%)")

    def _caseload_total(self) -> Iterator[Planted | None]:
        table = self.table("Supervised")
        unit = self.cell(table, len(table.rows) - 1, "Number") if table else None
        if unit:
            n = int(unit.text.replace(",", ""))
            yield self.replace("caseload-total", unit, unit.text.strip(), f"{n - 100:,}")

    def _staffing(self, heading: str, row: int = 0) -> Unit | None:
        table = self.table("Grade")
        return self.cell(table, row, heading) if table else None

    def _fte(self) -> Iterator[Planted | None]:
        """Staff in post a tenth out, and a target with its decimal point slipped."""
        unit = self._staffing("In post (FTE)")
        if unit:
            shown = unit.text.strip()
            value = Decimal(shown.replace(",", ""))
            yield self.replace("fte", unit, shown, fte(value + Decimal("0.1"), self.lang))
        unit = self._staffing("Target (FTE)", 1)
        if unit:
            shown = unit.text.strip()
            yield self.replace("fte", unit, shown, fte(Decimal(shown.replace(",", "")) / 10,
                                                       self.lang))

    def _vacancies(self) -> Iterator[Planted | None]:
        unit = self._staffing("Vacancies (FTE)")
        if unit:
            shown = unit.text.strip()
            yield self.replace("vacancies", unit, shown,
                               fte(Decimal(shown.replace(",", "")) + Decimal("0.1"), self.lang))

    def _vacancy_rate(self) -> Iterator[Planted | None]:
        for row in (0, -1):  # a grade's, and all the grades'
            table = self.table("Grade")
            unit = self._staffing("Vacancy rate", row % len(table.rows)) if table else None
            if unit and unit.text.strip().endswith("%"):
                n = int(unit.text.strip().rstrip("%"))
                yield self.replace("vacancy-rate", unit, f"{n}%", f"{n + 1}%")


def plant(parts: Mapping[str, bytes], f: Facts, lang: str, bilingual: bool = False
          ) -> list[Planted]:
    """Every planted error (and control) for one rendered Word report. An invented figure in
    the narrative is planted only in a report with an edition in the other language: alone,
    it is unbound (listed for a person), and only the other edition shows it is wrong."""
    return [p for p in Planter(parts, f, lang).plants() if bilingual or p.kind != "invented"]


@cache
def _engine(lang: str) -> RbnfEngine:
    return RbnfEngine.for_language(lang)


def _path(node: Any) -> list[int]:
    """Where `node` is in its tree, as child positions from the root."""
    path = []
    while node.getparent() is not None:
        path.append(node.getparent().index(node))
        node = node.getparent()
    return path[::-1]


def _follow(root: Any, path: list[int]) -> Any:
    for i in path:
        root = root[i]
    return root


def _replace_text(node: Any, old: str, new: str, nth: int = 0) -> bool:
    """Replace the `nth` whole occurrence of `old` in the text of `node`, across runs."""
    ts = list(node.iter(_w("t")))
    full = "".join(t.text or "" for t in ts)
    pattern = (r"(?<!\w)" if re.match(r"\w", old) else "") + re.escape(old) + (
        r"(?!\w)" if re.search(r"\w$", old) else "")
    found = [m.start() for m in re.finditer(pattern, full)]
    if len(found) <= nth:
        return False
    start, end = found[nth], found[nth] + len(old)
    pos, first = 0, True
    for t in ts:
        text = t.text or ""
        lo, hi = pos, pos + len(text)
        pos = hi
        if hi <= start or lo >= end:
            continue
        before = text[:start - lo] if start > lo else ""
        after = text[end - lo:] if end < hi else ""
        t.text = before + (new if first else "") + after
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        first = False
    return True


# ------------------------------------------------------------------------------ corpus


@dataclass
class Tally:
    """What the check caught of the planted errors, and what it flagged that was right."""

    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    controls: Counter[str] = field(default_factory=Counter)
    control_alarms: Counter[str] = field(default_factory=Counter)
    clean: int = 0  # clean editions checked (and pairs of editions compared)
    clean_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = ["| kind of error | planted | caught | catch rate | right controls flagged |",
                 "| --- | --- | --- | --- | --- |"]
        for kind in KINDS:
            if self.planted[kind]:
                rate = 100 * self.caught[kind] / self.planted[kind]
                controls = (f"{self.control_alarms[kind]} of {self.controls[kind]}"
                            if self.controls[kind] else "")
                lines.append(f"| {kind} | {self.planted[kind]} | {self.caught[kind]} | "
                             f"{rate:.0f}% | {controls} |")
        total, caught = sum(self.planted.values()), sum(self.caught.values())
        lines.append(f"| all | {total} | {caught} | {100 * caught / max(total, 1):.0f}% | "
                     f"{sum(self.control_alarms.values())} of {sum(self.controls.values())} |")
        lines.append(f"\nClean editions and pairs checked: {self.clean}; false alarms: "
                     f"{len(self.clean_alarms)}.")
        return "\n".join(lines)


def corpus_reports(loaded: Iterable[Any], docx: Callable[[Any], bytes]
                   ) -> list[tuple[str, Facts, dict[str, dict[str, bytes]]]]:
    """Every PDU and regional report of `loaded`, in each of its languages, as Word parts:
    `docx` gives a rendering job's document (rendered now, or read from where it was)."""
    from reportgen import pipeline
    from reportgen.checks.statistics.facts import facts
    from reportgen.ooxml.package import xml_parts as word_parts

    found = []
    for ld in loaded:
        doc = {"pdu-inspection": "pdu-report",
               "regional-inspection": "regional-report"}.get(ld.data.kind)
        if doc is None:
            continue
        jobs = pipeline.jobs_for(ld, [doc], pipeline.languages(ld, doc))
        found.append((jobs[0].variant.stem, facts(ld),
                      {str(job.lang): word_parts(docx(job)) for job in jobs}))
    return found


def fixture_reports() -> list[tuple[str, Facts, dict[str, dict[str, bytes]]]]:
    """The corpus's reports: every PDU and regional report of both regions and the minimal and
    maximal PDU files, rendered to Word now."""
    from pathlib import Path

    from reportgen import pipeline
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    loaded = pipeline.inputs([fixtures / "wales", fixtures / "east-of-england",
                              fixtures / "pdu-minimal.json", fixtures / "pdu-maximal.json"])
    return corpus_reports(loaded, pipeline.render_docx)


def corpus(reports: Iterable[tuple[str, Facts, dict[str, Mapping[str, bytes]]]]) -> Tally:
    """Check every clean report (each language, and the two against each other), then every
    planted error and control. `reports`: (name, facts, {language: Word parts})."""
    from reportgen.checks.statistics import check_edition, compare

    tally = Tally()
    for name, f, editions in reports:
        clean = {lang: check_edition(read_word(parts), f, lang)
                 for lang, parts in editions.items()}
        found = [x for figs in clean.values() for x in figs]
        if len(clean) == 2:
            found += compare(clean["en"], clean["cy"])
            tally.clean += 1
        tally.clean += len(clean)
        tally.clean_alarms += [f"{name} {x.lang}: {x.where}: {x.text} ({x.note or x.fact})"
                               for x in found if x.status == "mismatched"]
        plants = {lang: plant(parts, f, lang, bilingual=len(editions) > 1)
                  for lang, parts in editions.items()}
        for lang, planted in plants.items():
            other = next((x for x in editions if x != lang), None)
            twins = [p for p in plants.get(other, []) if p.control] if other else []
            for p in planted:
                found = check_edition(read_word(p.parts), f, lang)
                if p.control:
                    twin = next((t for t in twins if t.kind == p.kind), None)
                    if twin:
                        twins.remove(twin)
                        found += compare(check_edition(read_word(twin.parts), f, other), found)
                    tally.controls[p.kind] += 1
                    alarms = [x for x in found if x.status == "mismatched"]
                    if alarms:
                        tally.control_alarms[p.kind] += 1
                        tally.misses.append(f"{name} {lang}: a right control flagged: "
                                            f"{p.change}: {alarms[0].note or alarms[0].fact}")
                    continue
                if other:
                    found += compare(clean[other], found)
                tally.planted[p.kind] += 1
                if any(x.status == "mismatched" and x.where == p.where and x.lang == lang
                       for x in found):
                    tally.caught[p.kind] += 1
                else:
                    tally.misses.append(f"{name} {lang}: missed: {p.change}")
    return tally
