"""Context pieces shared by the document types: rating labels, standards' findings, key-question
tables, charts and their alt text, recommendations. Every figure is formatted here from the
rules' results, through one rounding function and Babel, so text, tables and alt text agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportgen import data, formatting
from reportgen.documents.bound import Bound, Foreign
from reportgen.documents.figures import Bar, ChartSpec
from reportgen.errors import RenderError
from reportgen.framework import Framework, Standard
from reportgen.i18n import BCP47, N_, gettext_for, ngettext_for
from reportgen.model import Language, Name, Narrative, Person, Rating, Text
from reportgen.model.findings import Findings, Recommendation
from reportgen.rules import ratings as rules
from reportgen.rules.assessment import Assessment, StandardResult

RATING_LABELS = {
    Rating.INADEQUATE: N_("Inadequate"),
    Rating.REQUIRES_IMPROVEMENT: N_("Requires improvement"),
    Rating.GOOD: N_("Good"),
    Rating.OUTSTANDING: N_("Outstanding"),
}
ADDRESSEES = {
    "pdu": N_("{pdu} PDU should:"),
    "region": N_("The {region} region should:"),
    "probation-service": N_("The Probation Service should:"),
    "hmpps": N_("HM Prison and Probation Service should:"),
    "ministry-of-justice": N_("The Ministry of Justice should:"),
}


@dataclass
class Edition:
    """One language edition being built: its words, and the narrative it could not find in that
    language (a Welsh edition refuses to render with any, unless it is a draft)."""

    lang: Language
    draft: bool = False
    missing: list[str] = field(default_factory=list)
    tables: int = 0
    figures: int = 0

    def __post_init__(self) -> None:
        self._ = gettext_for(self.lang)

    def t(self, message: str) -> str:
        return self._(message)

    def n(self, singular: str, plural: str, count: int) -> str:
        """A message with a number, in the plural form the language's rules give `count`
        (Welsh has six, after CLDR: zero, one, two, few, many, other)."""
        return ngettext_for(self.lang)(singular, plural, count).format(
            count=formatting.number(count, self.lang))

    def marker(self) -> str:
        """What marks untranslated text in a draft (nothing outside drafts)."""
        label = self.t("not translated")
        return f"[{label}] " if self.draft else ""

    def text(self, value: Text | None, where: str) -> str:
        """The text in this edition's language, bound to its place in the data; in a draft,
        the English marked where the translation is missing or stale (and not bound: it is not
        this edition's text)."""
        if value is None:
            return ""
        found = value.get(self.lang)
        if found is None or (self.lang != "en" and value.stale):
            self.missing.append(where + (" (stale: the English changed)" if found else ""))
            return Foreign(f"{self.marker()}{value.en}", BCP47["en"])
        return Bound(found, where, rich=isinstance(value, Narrative))

    def texts(self, values: Iterable[Text], where: str) -> list[str]:
        return [self.text(v, f"{where}[{i}]") for i, v in enumerate(values)]

    def place_in(self, name: Name, where: str) -> str:
        """ "in <name>": in Welsh the data's mutated form ("yng Nghymru"), as no template can
        mutate a name it does not know."""
        if self.lang == "cy":
            if name.cy_in is None or name.stale:
                self.missing.append(f"{where}.cy_in")
                return Foreign(f"{self.marker()}in {name.en}", BCP47["en"])
            return Bound(name.cy_in, f"{where}.cy_in")
        return self.t("in {place}").format(place=name.en)

    def rating(self, rating: Rating, star: bool = True) -> str:
        """The rating's label; Outstanding carries a star (☆) in text, as in the manual."""
        label = self.t(RATING_LABELS[rating])
        return f"{label} ☆" if star and rating is Rating.OUTSTANDING else label

    def percent(self, value: int | None) -> str:
        return formatting.percent(value, self.lang)

    def next_table(self) -> int:
        self.tables += 1
        return self.tables

    def next_figure(self) -> int:
        self.figures += 1
        return self.figures

    def draft_notice(self) -> str | None:
        """What a draft says of itself on its first page and in its header (None if final)."""
        if not self.draft:
            return None
        notice = self.t("Draft: not for publication.")
        if self.missing:
            notice += " " + self.t("Passages not yet translated, marked [{marker}]: {count}.") \
                .format(marker=self.t("not translated"),
                        count=formatting.number(len(self.missing), self.lang))
        return notice

    def check_complete(self) -> None:
        if self.missing and not self.draft:
            where = "\n".join(f"  {m}" for m in self.missing)
            raise RenderError(f"{len(self.missing)} narrative segment(s) have no current "
                              f"{self.lang} text (use --draft to render them marked; "
                              f"reportgen translate status lists them):\n{where}")


def publication(ed: Edition, published: dt.date | None, target: dt.date) -> dict[str, str]:
    """The cover's publication line: the day it was published once it is (the data records it
    when the report is published), the calendar's target until then, never called published."""
    return {"publication_label": ed.t(N_("Published") if published else N_("To be published")),
            "publication_date": formatting.date(published or target, ed.lang),
            "published_on": published.isoformat() if published else None}


def person(ed: Edition, p: Person, where: str) -> dict[str, str]:
    return {"name": p.name, "role": ed.text(p.role, f"{where}.role") if p.role else ""}


def number(code: str) -> str:
    """ "P 2.1" -> "2.1": the number a reader sees beside a standard's title."""
    return code.split(" ", 1)[-1]


def ratings_rows(ed: Edition, standards: Sequence[Standard], a: Assessment) -> list[dict]:
    return [{"code": s.code, "number": number(s.code), "title": s.title.get(ed.lang),
             "rating_label": ed.rating(a.standards[s.code].finalised)} for s in standards]


def overall(ed: Edition, a: Assessment) -> dict[str, Any]:
    """The overall rating as the panel agreed it, with the score it is banded from."""
    return {"rating_label": ed.rating(a.overall_finalised), "score": a.score,
            "max": rules.max_score(a.scale)}


def findings(ed: Edition, std: Standard, f: Findings, rating: Rating, where: str) -> dict:
    return {
        "code": std.code, "number": number(std.code), "title": std.title.get(ed.lang),
        "rating_label": ed.rating(rating),
        "summary": ed.texts(f.summary, f"{where}.summary"),
        "strengths": ed.texts(f.strengths, f"{where}.strengths"),
        "areas": ed.texts(f.areas_for_improvement, f"{where}.areas_for_improvement"),
    }


def key_question_rows(ed: Edition, fw: Framework, result: StandardResult) -> list[dict]:
    n = ed.lang
    return [{
        "code": q.code, "text": fw.key_question(q.code).text.get(n),
        "core_yes": formatting.number(q.core.yes, n), "core_no": formatting.number(q.core.no, n),
        "adjusted_yes": formatting.number(q.adjusted.yes, n),
        "adjusted_no": formatting.number(q.adjusted.no, n),
        "yes": formatting.number(q.total.yes, n), "no": formatting.number(q.total.no, n),
        "cases": formatting.number(q.total.total, n),
        "percent_yes": ed.percent(q.percent_yes), "percent_no": ed.percent(q.percent_no),
    } for q in result.key_questions]


def case_standard(ed: Edition, fw: Framework, std: Standard, result: StandardResult,
                  f: Findings) -> dict[str, Any]:
    """A domain two standard's block: findings, key-question table and chart, numbered."""
    block = findings(ed, std, f, result.finalised, f'$.domain_two["{std.code}"]')
    return block | {
        "key_questions": key_question_rows(ed, fw, result),
        "table_number": ed.next_table(), "chart": shares_chart(ed, fw, std, result),
        "figure_number": ed.next_figure(),
        "chart_caption": ed.t("{title}: cases judged sufficient, by key question")
        .format(title=block["title"])}


def shares_chart(ed: Edition, fw: Framework, std: Standard, result: StandardResult) -> ChartSpec:
    """A stacked bar per key question (% sufficient, % not), and alt text with every figure."""
    title = std.title.get(ed.lang)
    bars, phrases = [], []
    first_total = None
    for q in result.key_questions:
        kq = fw.key_question(q.code)
        short = (kq.short or kq.text).get(ed.lang)
        bars.append(Bar(short, q.percent_yes))
        pct, cases = ed.percent(q.percent_yes), formatting.number(q.total.total, ed.lang)
        if first_total is None and len(result.key_questions) == 1 and \
                short.casefold() == title.casefold():
            # One key question named as its standard: "Resettlement: 59% of 27 cases ...",
            # not the name twice ("Adsefydlu: adsefydlu: ...").
            phrases.append(ed.t("{percent} of {cases} cases were sufficient")
                           .format(percent=pct, cases=cases))
            first_total = q.total.total
        elif first_total is None:
            phrases.append(ed.t("{percent} of {cases} cases were sufficient on {question}")
                           .format(percent=pct, cases=cases, question=short))
            first_total = q.total.total
        elif q.total.total != first_total:
            phrases.append(ed.t("{percent} of {cases} on {question}")
                           .format(percent=pct, cases=cases, question=short))
        else:
            phrases.append(ed.t("{percent} on {question}").format(percent=pct, question=short))
    alt = ed.t("{title}: {figures}.").format(title=title, figures=join(ed, phrases))
    bands = [(b["min"], ed.rating(Rating(b["rating"]), star=False)) for b in _bands()]
    return ChartSpec(
        kind="shares", title=title, bars=tuple(bars), alt=alt,
        axis_label=ed.t("Share of inspected cases (%)"),
        series=(ed.t("Sufficient"), ed.t("Not sufficient")), thresholds=tuple(bands[1:]),
        band_floor=bands[0][1])


def _bands() -> list[dict]:
    return sorted(data.load("rules")["case_bands"], key=lambda b: b["min"])


def join(ed: Edition, parts: Sequence[str]) -> str:
    """ "a, b and c" in the edition's language (Welsh: "a; b; c; d", one separator throughout,
    as "a"/"ac" before the last would mutate it)."""
    if len(parts) < 2:
        return "".join(parts)
    items = parts[0]
    for part in parts[1:-1]:
        items = ed.t("{items}, {next}").format(items=items, next=part)
    return ed.t("{items} and {last}").format(items=items, last=parts[-1])


def recommendation_groups(ed: Edition, recs: Sequence[Recommendation], names: dict[str, str],
                          where: str) -> list[dict]:
    """Recommendations grouped by addressee, in the order the addressees first appear."""
    groups: dict[str, list[str]] = {}
    for i, rec in enumerate(recs):
        groups.setdefault(rec.to, []).append(ed.text(rec.text, f"{where}[{i}].text"))
    return [{"heading": ed.t(ADDRESSEES[to]).format(**names), "entries": items}
            for to, items in groups.items()]


def previous(ed: Edition, prev: Any, where: str) -> dict | None:
    if prev is None or not (prev.summary or prev.items):
        return None
    return {"summary": ed.texts(prev.summary, f"{where}.summary"),
            "entries": [{"recommendation": ed.text(i.recommendation,
                                                 f"{where}.items[{n}].recommendation"),
                       "progress": ed.text(i.progress, f"{where}.items[{n}].progress")}
                      for n, i in enumerate(prev.items)]}


def practice(ed: Edition, items: Sequence[Any], where: str) -> list[dict]:
    return [{"title": ed.text(p.title, f"{where}[{i}].title"),
             "text": ed.text(p.text, f"{where}[{i}].text")} for i, p in enumerate(items)]
