"""Applying the ratings rules to an inspection: what the rules give for every standard, and where
the panel's finalised ratings differ from them. A finalised rating is never overwritten: each
difference is reported, and marked where the panel recorded it as a decision with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reportgen.errors import ReportgenError, a
from reportgen.framework import Framework, Standard, load_framework
from reportgen.model import PduInspection, Rating, RegionalInspection, YesNo
from reportgen.model.common import ZERO
from reportgen.model.findings import Panel
from reportgen.model.pdu import KeyQuestionCounts
from reportgen.reading import Loaded
from reportgen.rules import ratings
from reportgen.rules.rounding import percent


@dataclass(frozen=True)
class KeyQuestionResult:
    code: str
    core: YesNo
    adjusted: YesNo

    @property
    def total(self) -> YesNo:
        return self.core + self.adjusted

    @property
    def percent_yes(self) -> int | None:
        return percent(self.total.yes, self.total.total)

    @property
    def percent_no(self) -> int | None:
        return percent(self.total.no, self.total.total)


@dataclass(frozen=True)
class StandardResult:
    code: str
    finalised: Rating
    computed: Rating | None  # None where the rules could not rate (no cases)
    basis: str  # "judgement", "cases", "staffing"
    key_questions: tuple[KeyQuestionResult, ...] = ()
    note: str = ""

    @property
    def lowest(self) -> KeyQuestionResult | None:
        rated = [q for q in self.key_questions if q.percent_yes is not None]
        return min(rated, key=lambda q: q.percent_yes or 0) if rated else None


@dataclass(frozen=True)
class Disagreement:
    standard: str  # a standard code, or "overall"
    finalised: Rating | None
    computed: Rating | None
    reason: str
    recorded: bool = False  # the panel recorded it as a decision, with a reason

    def line(self) -> str:
        tag = " (recorded by the panel)" if self.recorded else ""
        return f"{self.standard}: finalised {self.finalised}, rules give {self.computed}: " \
               f"{self.reason}{tag}"


@dataclass
class Assessment:
    scale: ratings.Scale
    standards: dict[str, StandardResult]
    overall_finalised: Rating
    overall_computed: Rating
    score: int  # the sum of the scores the overall rating is banded from
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def unrecorded(self) -> list[Disagreement]:
        return [d for d in self.disagreements if not d.recorded]

    @property
    def not_computed(self) -> list[str]:
        """The standards the rules could not rate: the panel's rating stands in the overall."""
        return [code for code, r in self.standards.items() if r.computed is None]

    def as_json(self) -> dict[str, Any]:
        """What `ratings --json` prints: a rating the rules cannot give is null, with why."""
        def rated(r: StandardResult) -> dict[str, Any]:
            found = {"rating": r.computed.value if r.computed else None,
                     "score": r.computed.score if r.computed else None,
                     "finalised": r.finalised.value, "basis": r.basis}
            return found | ({"reason": r.note} if r.computed is None else {})

        overall: dict[str, Any] = {"rating": self.overall_computed.value, "score": self.score,
                                   "finalised": self.overall_finalised.value,
                                   "not_computed": self.not_computed}
        if self.not_computed:
            overall["note"] = ("the panel's finalised rating stands in the score for "
                               + ", ".join(self.not_computed) + ", which the rules could not rate")
        return {
            "standards": {code: rated(r) for code, r in self.standards.items()},
            "overall": overall,
            "disagreements": [{"standard": d.standard, "finalised": d.finalised,
                               "computed": d.computed, "reason": d.reason,
                               "recorded_by_panel": d.recorded} for d in self.disagreements],
        }


def _results(std: Standard,
             counts: Mapping[str, KeyQuestionCounts]) -> tuple[KeyQuestionResult, ...]:
    return tuple(
        KeyQuestionResult(q.code, counts[q.code].core if q.code in counts else ZERO,
                          counts[q.code].adjusted if q.code in counts else ZERO)
        for q in std.key_questions)


def _case_result(std: Standard, finalised: Rating,
                 counts: Mapping[str, KeyQuestionCounts]) -> StandardResult:
    results = _results(std, counts)
    try:
        computed: Rating | None = ratings.lowest_key_question([r.total for r in results])
        note = ""
    except ratings.RulesError as exc:
        computed, note = None, str(exc)
    return StandardResult(std.code, finalised, computed, "cases", results, note)


def _finish(scale: ratings.Scale, results: dict[str, StandardResult], overall: Rating,
            panel: Panel | None, extra: Iterable[Disagreement] = ()) -> Assessment:
    recorded = {d.standard for d in panel.departures} if panel else set()
    found = list(extra)
    scores = []
    for r in results.values():
        if r.computed is None:
            found.append(Disagreement(r.code, r.finalised, None, r.note))
        elif r.computed != r.finalised and r.basis == "cases":  # staffing explains its own
            found.append(Disagreement(r.code, r.finalised, r.computed,
                                      "the lowest key question gives another band"))
        # The rules' rating counts, unless the panel recorded a departure from it.
        use = r.finalised if r.code in recorded or r.computed is None else r.computed
        scores.append(use.score)
    computed = ratings.overall(scores, scale)
    if computed != overall:
        found.append(Disagreement("overall", overall, computed,
                                  f"the standards' scores add up to {sum(scores)}"))
    found = [Disagreement(d.standard, d.finalised, d.computed, d.reason, d.standard in recorded)
             for d in found]
    return Assessment(scale, results, overall, computed, sum(scores), found)


def _limiting_judgement(code: str, std: object) -> list[Disagreement]:
    """An Outstanding leadership rating needs a review of diversity arrangements (§2.3)."""
    rating = getattr(std, "rating", None)
    if rating == Rating.OUTSTANDING and not getattr(std, "diversity_review", False):
        return [Disagreement(code, rating, None, "Outstanding leadership needs a review of "
                             "diversity arrangements (diversity_review is not true)")]
    return []


def assess(loaded: Loaded, fw: Framework | None = None) -> Assessment:
    """What the rules give for a PDU's or a region's inspection, beside its finalised ratings."""
    data = loaded.data
    if isinstance(data, PduInspection):
        return assess_pdu(data, fw)
    if isinstance(data, RegionalInspection):
        return assess_region(data, loaded.pdus, fw)
    raise ReportgenError(f"{loaded.path} is {a(data.kind)} file: ratings are in PDU and "
                         "regional inspection files")


def assess_pdu(pdu: PduInspection, fw: Framework | None = None) -> Assessment:
    fw = fw or load_framework()
    results: dict[str, StandardResult] = {}
    for std in fw.pdu:
        if std.is_cases:
            case = pdu.domain_two[std.code]
            results[std.code] = _case_result(std, case.rating, case.key_questions)
        else:
            rating = pdu.domain_one[std.code].rating
            results[std.code] = StandardResult(std.code, rating, rating, "judgement")
    lead = fw.pdu[0].code
    return _finish("pdu", results, pdu.overall_rating, pdu.panel,
                   _limiting_judgement(lead, pdu.domain_one[lead]))


def regional_counts(std: Standard, region: RegionalInspection,
                    pdus: Mapping[str, PduInspection],
                    fw: Framework | None = None) -> dict[str, KeyQuestionCounts]:
    """A regional standard's key-question counts: its own cohort, or summed from the PDUs."""
    given = region.domain_two[std.code].key_questions
    if given is not None:
        return dict(given)
    fw = fw or load_framework()
    totals: dict[str, KeyQuestionCounts] = {}
    for q in std.key_questions:
        core, adjusted = ZERO, ZERO
        for pdu in pdus.values():
            if std.source == "pdu-cases" and q.from_:
                source = fw.standard_of(q.from_).code
                counts = pdu.domain_two[source].key_questions.get(q.from_)
            else:
                counts = pdu.regional_case_data.get(q.code)
            if counts is not None:
                core, adjusted = core + counts.core, adjusted + counts.adjusted
        totals[q.code] = KeyQuestionCounts(core=core, adjusted=adjusted)
    return totals


def pdu_staffing(region: RegionalInspection, pdus: Mapping[str, PduInspection],
                 staffing_code: str) -> list[Rating]:
    """Each PDU's finalised staffing rating, from its file or from the inline entry."""
    found = []
    for entry in region.pdus:
        if entry.file is None:
            assert entry.ratings is not None
            if staffing_code not in entry.ratings:
                raise ReportgenError(f"PDU {entry.code} has no {staffing_code} rating inline")
            found.append(entry.ratings[staffing_code])
    found += [p.domain_one[staffing_code].rating for p in pdus.values()]
    return found


def assess_region(region: RegionalInspection, pdus: Mapping[str, PduInspection],
                  fw: Framework | None = None) -> Assessment:
    fw = fw or load_framework()
    staffing_std = next(s for s in fw.regional if s.kind == "staffing")
    pdu_staffing_code = next(s.code for s in fw.pdu if s.title.en == staffing_std.title.en)
    results: dict[str, StandardResult] = {}
    extra: list[Disagreement] = []
    for std in fw.regional:
        if std.kind == "judgement":
            results[std.code] = StandardResult(std.code, region.leadership.rating,
                                               region.leadership.rating, "judgement")
        elif std.kind == "staffing":
            staffing = region.staffing
            note = ""
            try:
                indicative: Rating | None = ratings.indicative_staffing(
                    pdu_staffing(region, pdus, pdu_staffing_code), staffing.bands)
            except ReportgenError as exc:
                indicative, note = None, str(exc)
            if indicative is not None and indicative != staffing.indicative_rating:
                extra.append(Disagreement(std.code, staffing.indicative_rating, indicative,
                                          "the indicative rating from the PDUs' staffing scores "
                                          "differs"))
            if staffing.moderated == (staffing.rating == staffing.indicative_rating):
                why = ("moderated is true but the final rating equals the indicative one"
                       if staffing.moderated else
                       "the final rating differs from the indicative one but moderated is false")
                extra.append(Disagreement(std.code, staffing.rating, indicative, why))
            # The panel's moderation is part of the rule: the moderated rating stands (of an
            # indicative rating the rules could give).
            final = None if indicative is None else \
                staffing.rating if staffing.moderated else indicative
            results[std.code] = StandardResult(std.code, staffing.rating, final, "staffing",
                                               note=note)
        else:
            results[std.code] = _case_result(std, region.domain_two[std.code].rating,
                                             regional_counts(std, region, pdus, fw))
    extra += _limiting_judgement(fw.regional[0].code, region.leadership)
    return _finish("regional", results, region.overall_rating, region.panel, extra)
