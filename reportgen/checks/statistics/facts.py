"""The facts a report states, each from its one source: the inspection data through the ratings
rules and the one rounding function, the calendar, and the rules' bands. Every fact has a key
that names it the same way in both languages, its value, a label a statistician reads, and where
the value comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportgen import data
from reportgen.errors import ReportgenError
from reportgen.errors import a as article
from reportgen.framework import Framework, KeyQuestion, Standard, load_framework
from reportgen.model import PduInspection, Rating, RegionalInspection
from reportgen.model.evidence import ContextualData, Surveys, surveys_of
from reportgen.reading import Loaded
from reportgen.rules import ratings as rules
from reportgen.rules.assessment import Assessment, StandardResult, assess_pdu, assess_region
from reportgen.rules.calendar import inspection_calendar, milestone
from reportgen.rules.rounding import percent, tenths_share

GROUPS = {"core": "core cases", "adjusted": "adjusted cases", "all": "all cases"}


@dataclass(frozen=True)
class Fact:
    key: str
    value: Any  # int, a date, a Rating, or a frozenset of the values that are all right
    label: str
    source: str

    def holds(self, value: Any) -> bool:
        return value in self.value if isinstance(self.value, frozenset) else value == self.value

    def shown(self) -> str:
        if isinstance(self.value, frozenset):
            return " or ".join(sorted(str(v) for v in self.value))
        return shown(self.value)


def shown(value: Any) -> str:
    """A value of the data as the check's findings show it."""
    if isinstance(value, Decimal):
        return f"{value:.1f}"  # full-time equivalents, to one decimal place
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"  # as a person writes it, not ISO
    return str(value)


@dataclass
class Relation:
    """A relation inside the data that does not hold (a rating the rules do not give, without
    a panel decision): reported whatever the document says."""

    fact: str
    expected: Any
    found: Any
    note: str


@dataclass
class Facts:
    scale: rules.Scale
    framework: Framework
    standards: list[Standard]
    facts: dict[str, Fact] = field(default_factory=dict)
    departures: set[str] = field(default_factory=set)  # standards the panel recorded departing
    relations: list[Relation] = field(default_factory=list)
    pdus: dict[str, Any] = field(default_factory=dict)  # code -> its names, by language
    surveys: dict[str, Any] = field(default_factory=dict)  # kind -> its questions
    areas: dict[str, Any] = field(default_factory=dict)  # contextual data's prefix -> area name

    def add(self, key: str, value: Any, label: str, source: str) -> None:
        self.facts.setdefault(key, Fact(key, value, label, source))

    def get(self, key: str) -> Fact | None:
        return self.facts.get(key)

    def questions(self, std: str) -> tuple[KeyQuestion, ...]:
        return self.framework.standard(std).key_questions

    def standard_of_number(self, number: str) -> Standard | None:
        return next((s for s in self.standards if s.code.split(" ", 1)[-1] == number), None)


def facts(loaded: Loaded) -> Facts:
    d: Any = loaded.data
    fw = load_framework()
    if isinstance(d, PduInspection):
        f = Facts("pdu", fw, list(fw.pdu))
        a = assess_pdu(d, fw)
        _profile(f, d)
    elif isinstance(d, RegionalInspection):
        f = Facts("regional", fw, list(fw.regional))
        a = assess_region(d, loaded.pdus, fw)
        _region(f, d, loaded.pdus, fw)
    else:
        raise ReportgenError(f"{loaded.path} is {article(d.kind)} file: the statistics check "
                             "traces a report to its PDU or regional inspection file")
    f.departures = {x.standard for x in d.panel.departures} if d.panel else set()
    _ratings(f, a, d)
    _calendar(f, d)
    _surveys(f, d.surveys, _closing(d))
    f.areas[""] = d.pdu.name if isinstance(d, PduInspection) else d.region.name
    _contextual(f, d.contextual_data, "")
    if isinstance(d, RegionalInspection):  # its PDUs' figures stand in its data workbook
        for pdu in loaded.pdus.values():
            f.areas[f"pdu:{pdu.pdu.code}:"] = pdu.pdu.name
            _contextual(f, pdu.contextual_data, f"pdu:{pdu.pdu.code}:", pdu.pdu.name.en)
    _bands(f)
    return f


def _profile(f: Facts, d: PduInspection) -> None:
    p = d.case_profile
    f.add("cases", p.cases, "the number of inspected cases",
          "$.case_profile: core_cases + adjusted_cases")
    rows = (("cases", p.cases, "all inspected cases", "core_cases + adjusted_cases"),
            ("core", p.core_cases, "core cases (PC)", "core_cases"),
            ("adjusted", p.adjusted_cases, "adjusted cases (PA)", "adjusted_cases"),
            ("women", p.women, "women", "women"),
            ("rosh", p.high_risk_of_serious_harm, "cases of high or very high risk of serious "
             "harm", "high_risk_of_serious_harm"))
    for key, n, label, path in rows:
        f.add(f"profile:{key}", n, f"the number of {label}", f"$.case_profile.{path}")
        f.add(f"profile:{key}:pct", percent(n, p.cases), f"{label} as a share of all cases",
              f"rounding.percent({n}, {p.cases}) of $.case_profile")


def _region(f: Facts, d: RegionalInspection, pdus: Mapping[str, PduInspection],
            fw: Framework) -> None:
    f.add("pdus:count", len(d.pdus), "the number of PDUs in the region", "$.pdus (entries)")
    f.add("pdu:max", rules.max_score("pdu"), "the highest overall score of a PDU",
          "rules.toml: 3 x the PDU standards")
    f.add("staffing:indicative", d.staffing.indicative_rating,
          "the indicative rating of the region's staffing", "$.staffing.indicative_rating")
    codes = [s.code for s in fw.pdu]
    files = iter(pdus.values())
    for i, entry in enumerate(d.pdus):
        if entry.file is None:
            assert entry.ratings and entry.overall_rating and entry.name
            code, name, overall = entry.code or str(i), entry.name, entry.overall_rating
            given = [entry.ratings[c] for c in codes]
            where = f"$.pdus[{i}]"
        else:
            pdu = next(files)
            code, name, overall = pdu.pdu.code, pdu.pdu.name, pdu.overall_rating
            given = [assess_pdu(pdu, fw).standards[c].finalised for c in codes]
            where = f"{entry.file}"
        f.pdus[code] = name
        for std, rating in zip(codes, given, strict=True):
            f.add(f"pdu:{code}:rating:{std}", rating, f"{name.en}'s {std} rating",
                  f"{where}: {std}")
        f.add(f"pdu:{code}:overall", overall, f"{name.en}'s overall rating",
              f"{where}: overall_rating")
        f.add(f"pdu:{code}:score", sum(r.score for r in given), f"{name.en}'s overall score",
              f"{where}: the sum of its standards' scores")
    overall = [f.facts[f"pdu:{code}:overall"].value for code in f.pdus]
    for rating in Rating:
        f.add(f"pdus:rated:{rating}", overall.count(rating),
              f"the number of the region's PDUs rated {rating} overall",
              "$.pdus: each PDU's overall rating")


def _ratings(f: Facts, a: Assessment, d: Any) -> None:
    for code, result in a.standards.items():
        title = f.framework.standard(code).title.en
        f.add(f"rating:{code}", result.finalised, f"the rating of {code} {title}",
              _rating_source(code, result))
        f.add(f"score:{code}", result.finalised.score, f"the score of {code} {title}",
              f"the score of its rating ({result.finalised})")
        if result.computed is not None and result.computed != result.finalised \
                and result.basis == "cases" and code not in f.departures:
            f.relations.append(Relation(
                f"rating:{code}", result.computed, result.finalised,
                f"{code}'s lowest key question gives {result.computed}; the data says "
                f"{result.finalised} and the panel recorded no decision to depart from it"))
        for q in result.key_questions:
            _question(f, code, q)
    f.add("standards:count", len(a.standards), "the number of standards rated",
          "the framework's standards")
    for rating in Rating:
        f.add(f"standards:rated:{rating}", sum(1 for r in a.standards.values()
                                              if r.finalised == rating),
              f"the number of standards rated {rating}", "the standards' finalised ratings")
    f.add("overall:rating", a.overall_finalised, "the overall rating", "$.overall_rating")
    f.add("overall:score", a.score, "the overall score",
          "the sum of the standards' scores (§7.1)")
    f.add("overall:max", rules.max_score(a.scale), "the highest overall score",
          f"rules.toml: 3 x the {a.scale} standards")
    if a.overall_computed != a.overall_finalised and "overall" not in f.departures:
        f.relations.append(Relation(
            "overall:rating", a.overall_computed, a.overall_finalised,
            f"the standards' scores add up to {a.score}, which gives {a.overall_computed}; the "
            f"data says {a.overall_finalised} and the panel recorded no decision to depart"))


def _rating_source(code: str, result: StandardResult) -> str:
    if result.basis == "cases":
        return f"$ {code}.rating (the band of its lowest key question gives {result.computed})"
    return f"$ {code}.rating ({result.basis})"


def _question(f: Facts, std: str, q: Any) -> None:
    kq = f.framework.key_question(q.code)
    short = (kq.short or kq.text).en
    path = f'$.domain_two["{std}"].key_questions["{q.code}"]'
    for group, counts in (("core", q.core), ("adjusted", q.adjusted), ("all", q.total)):
        where = path if group == "all" else f"{path}.{group}"
        for yn, n in (("yes", counts.yes), ("no", counts.no), ("cases", counts.total)):
            label = {"yes": "judged sufficient", "no": "not judged sufficient",
                     "cases": "cases"}[yn]
            f.add(f"kq:{q.code}:{group}:{yn}", n, f"{q.code} ({short}): {GROUPS[group]} "
                  f"{label}", where + (f".{yn}" if group != "all" else f": core + adjusted {yn}"))
    for yn, n in (("yes", q.total.yes), ("no", q.total.no)):
        f.add(f"kq:{q.code}:pct:{yn}", percent(n, q.total.total),
              f"{q.code} ({short}): share of cases {'' if yn == 'yes' else 'not '}judged "
              "sufficient", f"rounding.percent({n}, {q.total.total}) of {path}")
    if kq.all_cases and "cases" in f.facts and q.total.total != f.facts["cases"].value:
        f.relations.append(Relation(
            f"kq:{q.code}:all:cases", f.facts["cases"].value, q.total.total,
            f"every inspected case answers {q.code}, so yes + no must equal the cases "
            "inspected"))


def _calendar(f: Facts, d: Any) -> None:
    start = d.fieldwork.start if isinstance(d, PduInspection) else d.fieldwork.casework.start
    f.add("fieldwork:start", start, "the first day of fieldwork", "$.fieldwork")
    f.add("fieldwork:end", d.fieldwork.end, "the last day of fieldwork", "$.fieldwork")
    f.add("fieldwork:weeks", len(set(_weeks(d))), "the number of weeks of fieldwork",
          "$.fieldwork: the weeks with fieldwork days")
    calendar = inspection_calendar(d)
    scope, code = ("pdu", d.pdu.code) if isinstance(d, PduInspection) else ("regional", None)
    published = d.publication_date or milestone(calendar, f"{scope}_publication", code).date
    f.add("publication", published, "the publication date",
          "$.publication_date" if d.publication_date else "the calendar's publication milestone")
    if d.panel:
        f.add("panel", d.panel.date, "the date of the ratings panel", "$.panel.date")
    f.add("year", frozenset({start.year, d.fieldwork.end.year, published.year}),
          "the year of the inspection", "$.fieldwork and the publication date")
    cohort = next((m for m in data.load("calendar")["milestones"]
                   if m["id"] == "pdu_case_cohort"), None)
    if cohort:
        f.add("cohort:from", -cohort["end"]["weeks"], "the start of the case cohort window "
              "(weeks before the fieldwork)", "calendar.toml: pdu_case_cohort (§4.1)")
        f.add("cohort:to", -cohort["weeks"], "the end of the case cohort window (weeks before "
              "the fieldwork)", "calendar.toml: pdu_case_cohort (§4.1)")
    vocabulary = data.load("statistics")
    f.add("cohort:weeks", vocabulary["cohort_weeks"], "the number of weeks the case cohort is "
          "drawn from", "statistics.toml: cohort_weeks (§4.1)")


def _weeks(d: Any) -> Iterator[tuple[int, int]]:
    spans = [d.fieldwork] if isinstance(d, PduInspection) else [d.fieldwork.casework,
                                                               d.fieldwork.meetings]
    for span in spans:
        day = span.start
        while day <= span.end:
            yield day.isocalendar()[:2]
            day += dt.timedelta(days=1)


def _bands(f: Facts) -> None:
    bands = sorted(data.load("rules")["case_bands"], key=lambda b: b["min"])
    for band, following in zip(bands, [*bands[1:], None], strict=True):
        rating = Rating(band["rating"])
        f.add(f"band:{rating}:min", band["min"], f"the lowest share of the band {rating}",
              "rules.toml: case_bands")
        f.add(f"band:{rating}:max", following["min"] - 1 if following else 100,
              f"the highest share of the band {rating}", "rules.toml: case_bands")


def _closing(d: Any) -> dt.date:
    """The day the staff questionnaire closed, from the calendar."""
    if isinstance(d, PduInspection):
        return milestone(inspection_calendar(d), "pdu_staff_questionnaire_closes",
                         d.pdu.code).date
    return milestone(inspection_calendar(d), "regional_staff_questionnaire_closes").date


SURVEY_NAMES = {"staff": "the staff questionnaire",
                "people_on_probation": "the survey of people on probation"}


def _surveys(f: Facts, surveys: Surveys | None, closed: dt.date) -> None:
    """Each survey's respondents and response rate, and each statement's answers."""
    for kind, survey in surveys_of(surveys):
        f.surveys[kind] = survey.questions
        name, path = SURVEY_NAMES[kind], f"$.surveys.{kind}"
        f.add(f"survey:{kind}:respondents", survey.respondents,
              f"the number who answered {name}", f"{path}.respondents")
        if survey.invited:
            f.add(f"survey:{kind}:invited", survey.invited, f"the number invited to {name}",
                  f"{path}.invited")
            f.add(f"survey:{kind}:rate", percent(survey.respondents, survey.invited),
                  f"the response rate of {name}",
                  f"rounding.percent({survey.respondents}, {survey.invited}) of {path}")
        if kind == "staff":
            f.add("survey:staff:closed", closed, f"the day {name} closed",
                  "the calendar's staff questionnaire milestone")
        for i, q in enumerate(survey.questions):
            key, where = f"survey:{kind}:{q.code}", f"{path}.questions[{i}]"
            label = f"{name}, {q.code!r}"
            for what, said in (("agree", "agreed"), ("disagree", "disagreed"),
                               ("neither", "neither agreed nor disagreed")):
                f.add(f"{key}:{what}", getattr(q, what), f"{label}: the number who {said}",
                      f"{where}.{what}")
            f.add(f"{key}:answered", q.answered, f"{label}: the number who answered it",
                  f"{where}: agree + neither + disagree")
            f.add(f"{key}:pct", percent(q.agree, q.answered), f"{label}: the share who agreed",
                  f"rounding.percent({q.agree}, {q.answered}) of {where}")
            f.add(f"{key}:pct:disagree", percent(q.disagree, q.answered),
                  f"{label}: the share who disagreed",
                  f"rounding.percent({q.disagree}, {q.answered}) of {where}")


CASELOAD_PARTS = ("community", "licence", "custody", "total")


def _contextual(f: Facts, data: ContextualData | None, prefix: str, area: str = "") -> None:
    """The caseload and staffing figures of one area (the inspection's own: no prefix)."""
    if data is None:
        return
    of = f"{area}'s " if area else ""
    path = "$.contextual_data" if not prefix else f"{area}'s file: $.contextual_data"
    f.add(f"{prefix}context:as_at", data.as_at, f"the date {of}contextual data describe",
          f"{path}.as_at")
    c = data.caseload
    for part in CASELOAD_PARTS:
        n = getattr(c, part)
        source = f"{path}.caseload" + (": community + licence + custody" if part == "total"
                                       else f".{part}")
        f.add(f"{prefix}caseload:{part}", n, f"{of}caseload: {part}", source)
        f.add(f"{prefix}caseload:{part}:pct", percent(n, c.total),
              f"{of}caseload: {part} as a share of the total",
              f"rounding.percent({n}, {c.total}) of {path}.caseload")
    lines = [(line.grade, line.target_fte, line.in_post_fte, line.vacant_fte,
              f"{path}.staffing[{i}]") for i, line in enumerate(data.staffing)]
    if lines:
        lines.append(("all", *(sum((x[i] for x in lines), Decimal(0)) for i in (1, 2, 3)),
                      f"{path}.staffing: the sum of the grades"))
    for grade, target, in_post, vacant, where in lines:
        key, label = f"{prefix}staffing:{grade}", f"{of}staffing, {grade.replace('-', ' ')}"
        f.add(f"{key}:target", target, f"{label}: target (FTE)", f"{where}.target_fte")
        f.add(f"{key}:in_post", in_post, f"{label}: in post (FTE)", f"{where}.in_post_fte")
        f.add(f"{key}:vacant", vacant, f"{label}: vacancies (FTE)",
              f"{where}: target - in post, or 0")
        f.add(f"{key}:rate", tenths_share(vacant, target), f"{label}: vacancy rate",
              f"rounding.percent of tenths of an FTE: {vacant} of {target}")
