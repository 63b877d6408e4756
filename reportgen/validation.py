"""Checks of an input file against the standards framework and against itself: known codes, every
standard present, counts that add up to the cases inspected, PDUs listed once, dates in order.

Each check returns Problems (errors, or warnings where the manual says "normally"); none stops at
the first, so one run lists everything to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from reportgen.errors import InputError, Problem, warning
from reportgen.framework import Framework, Standard, load_framework
from reportgen.jsonpath import jsonpath, shown
from reportgen.model import (
    InspectionPlan,
    KeyQuestionCounts,
    NationalReview,
    PduInspection,
    RegionalInspection,
)
from reportgen.model.common import MAX_PDUS
from reportgen.model.evidence import ContextualData, Surveys
from reportgen.model.findings import Panel
from reportgen.model.region import RegionalFieldwork
from reportgen.reading import Loaded

# A region's PDU file by its name in the region's file: checked, or why it cannot be read
# (InputError for one that is not valid).
PduFile = Callable[[str, str], "Loaded | Problem"]


def check(loaded: Loaded, pdu_file: PduFile) -> list[Problem]:
    """Every problem of the file against the framework and itself (the PDU files of a region
    read through `pdu_file`), errors and warnings, without a source: the caller names it."""
    fw = load_framework()
    data = loaded.data
    if isinstance(data, PduInspection):
        return list(check_pdu(data, fw))
    if isinstance(data, RegionalInspection):
        return list(check_region(loaded, data, fw, pdu_file))
    if isinstance(data, NationalReview):
        return list(check_national(data, fw))
    return list(check_plan(data))


# ---------------------------------------------------------------------------------- shared


def _codes(path: str, given: Iterable[str], wanted: Iterable[str]) -> Iterator[Problem]:
    """Every wanted code given once, nothing else."""
    given, wanted = list(given), list(wanted)
    choices = ", ".join(wanted)
    for code in given:
        if code not in wanted:
            yield Problem(f"{path}[{shown(code)}]", f"one of {choices}", shown(code))
    for code in wanted:
        if code not in given:
            yield Problem(path, f"an entry for {code}", "none")


def _framework_version(version: str, fw: Framework) -> Iterator[Problem]:
    if version != fw.version:
        yield Problem("$.framework_version", f'"{fw.version}" (the framework this reportgen holds)',
                      shown(version))


def _counts(path: str, counts: KeyQuestionCounts, core: int, adjusted: int,
            all_cases: bool) -> Iterator[Problem]:
    """Yes + No equals the cases inspected (or, for questions only some cases answer, at most)."""
    sets = (("core", counts.core, core), ("adjusted", counts.adjusted, adjusted))
    for name, yes_no, cases in sets:
        total = yes_no.total
        if all_cases and total != cases:
            yield Problem(f"{path}.{name}",
                          f"yes + no = {cases} (the {name} cases inspected)",
                          f"{yes_no.yes} + {yes_no.no} = {total}")
        elif not all_cases and total > cases:
            yield Problem(f"{path}.{name}",
                          f"yes + no of at most {cases} (the {name} cases inspected)",
                          f"{yes_no.yes} + {yes_no.no} = {total}")


def _key_questions(path: str, std: Standard, counts: dict[str, KeyQuestionCounts],
                   core: int, adjusted: int) -> Iterator[Problem]:
    yield from _codes(path, counts, [q.code for q in std.key_questions])
    for q in std.key_questions:
        if q.code in counts:
            yield from _counts(f"{path}[{shown(q.code)}]", counts[q.code], core, adjusted,
                               q.all_cases)


def _panel(panel: Panel | None, rated: Iterable[str], after: object) -> Iterator[Problem]:
    if panel is None:
        return
    if panel.date <= after:  # type: ignore[operator]
        yield Problem("$.panel.date", f"a date after fieldwork ended ({after})",
                      panel.date.isoformat())
    rated = list(rated)
    for i, dep in enumerate(panel.departures):
        if dep.standard not in rated:
            yield Problem(f"$.panel.departures[{i}].standard", "one of " + ", ".join(rated),
                          shown(dep.standard))


def _leadership_only(path: str, standards: dict[str, object], leadership: str) -> Iterator[Problem]:
    for code, std in standards.items():
        if code != leadership and getattr(std, "diversity_review", None) is not None:
            yield Problem(f"{path}[{shown(code)}].diversity_review",
                          f"no diversity_review (it belongs to {leadership} only)", "a value")


def _evidence(surveys: Surveys | None, contextual: ContextualData | None,
              standards: list[str], fieldwork_end: object) -> Iterator[Problem]:
    """Survey answers that add up, on standards the report shows them beside; contextual
    figures given once per grade and dated before the fieldwork ended."""
    for kind in ("staff", "people_on_probation"):
        survey = getattr(surveys, kind, None) if surveys else None
        if survey is None:
            continue
        path = f"$.surveys.{kind}"
        if survey.invited is not None and survey.respondents > survey.invited:
            yield Problem(f"{path}.respondents", f"at most {survey.invited} (the number invited)",
                          str(survey.respondents))
        seen: dict[str, int] = {}
        for i, q in enumerate(survey.questions):
            here = jsonpath("surveys", kind, "questions", i)
            if q.code in seen:
                yield Problem(f"{here}.code", "each question code once",
                              f"{shown(q.code)} again (first at [{seen[q.code]}])")
            seen.setdefault(q.code, i)
            if q.answered > survey.respondents:
                yield Problem(here, f"agree + neither + disagree of at most "
                              f"{survey.respondents} (the respondents)",
                              f"{q.agree} + {q.neither} + {q.disagree} = {q.answered}")
            if q.standard is not None and q.standard not in standards:
                yield Problem(f"{here}.standard", "one of " + ", ".join(standards)
                              + " (the report shows survey results beside them)",
                              shown(q.standard))
    if contextual is None:
        return
    grades = [line.grade for line in contextual.staffing]
    for i, grade in enumerate(grades):
        if grade in grades[:i]:
            yield Problem(jsonpath("contextual_data", "staffing", i, "grade"),
                          "each grade once", shown(grade))
    if contextual.as_at > fieldwork_end:  # type: ignore[operator]
        yield warning("$.contextual_data.as_at", f"a date before fieldwork ended "
                      f"({fieldwork_end})", contextual.as_at.isoformat())


# -------------------------------------------------------------------------------------- PDU

MIN_CASES = 20  # §4.1: "at least 20 cases" in each PDU; the panel may have reasons for fewer


def check_pdu(pdu: PduInspection, fw: Framework) -> Iterator[Problem]:
    yield from _framework_version(pdu.framework_version, fw)
    domain_one = [s.code for s in fw.pdu if s.domain == 1]
    domain_two = [s for s in fw.pdu if s.domain == 2]
    yield from _codes("$.domain_one", pdu.domain_one, domain_one)
    yield from _codes("$.domain_two", pdu.domain_two, [s.code for s in domain_two])
    yield from _leadership_only("$.domain_one", pdu.domain_one, domain_one[0])
    yield from _leadership_only("$.domain_two", pdu.domain_two, domain_one[0])
    profile = pdu.case_profile
    if profile.cases == 0:
        yield Problem("$.case_profile", "at least one inspected case", "none")
    elif profile.cases < MIN_CASES:
        yield warning("$.case_profile", f"at least {MIN_CASES} inspected cases in a PDU (§4.1)",
                      f"{profile.core_cases} + {profile.adjusted_cases} = {profile.cases}")
    for what, n in (("women", profile.women),
                    ("high_risk_of_serious_harm", profile.high_risk_of_serious_harm)):
        if n > profile.cases:
            yield Problem(f"$.case_profile.{what}",
                          f"at most {profile.cases} (the cases inspected)", str(n))
    for std in domain_two:
        if std.code in pdu.domain_two:
            yield from _key_questions(f"$.domain_two[{shown(std.code)}].key_questions", std,
                                      pdu.domain_two[std.code].key_questions,
                                      profile.core_cases, profile.adjusted_cases)
    regional = {q.code: q for s in fw.regional if s.source == "pdu-regional"
                for q in s.key_questions}
    for code, counts in pdu.regional_case_data.items():
        path = f"$.regional_case_data[{shown(code)}]"
        if code not in regional:
            yield Problem(path, "a key question of " + ", ".join(regional), shown(code))
        else:
            yield from _counts(path, counts, profile.core_cases, profile.adjusted_cases, False)
    yield from _panel(pdu.panel, [*pdu.standards, "overall"], pdu.fieldwork.end)
    yield from _evidence(pdu.surveys, pdu.contextual_data, domain_one, pdu.fieldwork.end)
    if pdu.publication_date and pdu.publication_date <= pdu.fieldwork.end:
        yield Problem("$.publication_date", f"a date after fieldwork ended ({pdu.fieldwork.end})",
                      pdu.publication_date.isoformat())


# ---------------------------------------------------------------------------------- region


def _regional_gap(path: str, fieldwork: RegionalFieldwork) -> Iterator[Problem]:
    """§2.4: a gap of at least one week between the casework week and the meetings."""
    gap_weeks = (fieldwork.meetings.start - fieldwork.casework.start).days // 7 - 1
    if gap_weeks < 1:
        yield warning(f"{path}.meetings.start", "a gap of at least a week after the unpaid work "
                      "and victim casework (§2.4)", f"meetings from {fieldwork.meetings.start}")


def check_region(loaded: Loaded, region: RegionalInspection, fw: Framework,
                 pdu_file: PduFile) -> Iterator[Problem]:
    yield from _framework_version(region.framework_version, fw)
    yield from _regional_gap("$.fieldwork", region.fieldwork)
    cases = [s for s in fw.regional if s.kind == "cases"]
    yield from _codes("$.domain_two", region.domain_two, [s.code for s in cases])
    yield from _region_pdus(loaded, region, [s.code for s in fw.pdu], pdu_file)
    inline = any(e.file is None for e in region.pdus)
    for std in cases:
        given = region.domain_two.get(std.code)
        if given is None:
            continue
        path = f"$.domain_two[{shown(std.code)}].key_questions"
        needs = std.source == "regional" or inline
        if needs and given.key_questions is None:
            why = "the region's own cohort" if std.source == "regional" else "PDUs listed inline"
            yield Problem(path, f"key-question counts ({why})", "none")
        elif not needs and given.key_questions is not None:
            yield Problem(path, "no counts here: they are summed from the PDU files",
                          "counts")
        elif given.key_questions is not None:
            yield from _codes(path, given.key_questions, [q.code for q in std.key_questions])
    if region.staffing.bands is not None:
        low = region.staffing.bands
        if not 0 < low[0] < low[1] < low[2]:
            yield Problem("$.staffing.bands", "three rising totals above 0", shown(list(low)))
    yield from _panel(region.panel, [s.code for s in fw.regional] + ["overall"],
                      region.fieldwork.end)
    yield from _evidence(region.surveys, region.contextual_data,
                         [s.code for s in fw.regional if s.domain == 1], region.fieldwork.end)


def _region_pdus(loaded: Loaded, region: RegionalInspection, standards: list[str],
                 pdu_file: PduFile) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, entry in enumerate(region.pdus):
        path = jsonpath("pdus", i)
        code = entry.code
        if entry.file is None and entry.ratings is not None:  # a PDU given inline
            yield from _codes(f"{path}.ratings", entry.ratings, standards)
        if entry.file is not None:
            try:
                pdu = pdu_file(entry.file, f"{path}.file")
            except InputError as exc:
                yield Problem(f"{path}.file", "a valid PDU inspection file",
                              f"{len(exc.problems)} problem(s) in {entry.file}")
                yield from exc.problems
                continue
            if isinstance(pdu, Problem):
                yield pdu
                continue
            assert isinstance(pdu.data, PduInspection)
            if pdu.data.region.code != region.region.code:
                yield Problem(f"{path}.file", f"a PDU of region {region.region.code}",
                              f"a PDU of region {pdu.data.region.code}")
            if code is not None and code != pdu.data.pdu.code:
                yield Problem(f"{path}.code", f"{pdu.data.pdu.code} (as in {entry.file})",
                              shown(code))
            code = pdu.data.pdu.code
            loaded.pdus[code] = pdu.data
        if code in seen:
            yield Problem(path, "each PDU once", f"{code} again (first at $.pdus[{seen[code]}])")
        else:
            seen[str(code)] = i
    if not 5 <= len(region.pdus) <= 18:
        yield warning("$.pdus", "5 to 18 PDUs (the regions of England and Wales)",
                      f"{len(region.pdus)}")


# ------------------------------------------------------------------------------------ plan


def batches_expected(pdus: int) -> int:
    """How many announcement batches the manual (§3.3) gives a region of this size."""
    return 1 if pdus < 7 else 2 if pdus <= 12 else 3


def check_plan(plan: InspectionPlan) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    weeks: dict[object, str] = {}
    last_start = None
    for b, batch in enumerate(plan.batches):
        starts = [p.fieldwork.start for p in batch.pdus]
        if last_start is not None and min(starts) < last_start:
            yield Problem(jsonpath("batches", b), f"fieldwork after the previous batch's "
                          f"first fieldwork ({last_start})", f"fieldwork from {min(starts)}")
        last_start = min(starts)
        for i, pdu in enumerate(batch.pdus):
            path = jsonpath("batches", b, "pdus", i)
            if pdu.code in seen:
                yield Problem(f"{path}.code", "each PDU in one batch only",
                              f"{pdu.code}, already at {seen[pdu.code]}")
            seen.setdefault(pdu.code, path)
            week = pdu.fieldwork.start
            if week in weeks:
                yield warning(f"{path}.fieldwork.start",
                              "PDUs of a region inspected in different weeks (§2.4)",
                              f"the same week as {weeks[week]}")
            weeks.setdefault(week, pdu.code)
            if batch.announced and batch.announced >= pdu.fieldwork.start:
                yield Problem(jsonpath("batches", b, "announced"),
                              "an announcement before the batch's fieldwork",
                              batch.announced.isoformat())
    yield from _regional_gap("$.regional_fieldwork", plan.regional_fieldwork)
    last_pdu = max(p.fieldwork.end for p in plan.pdus)
    if plan.regional_fieldwork.casework.start <= last_pdu:
        yield Problem("$.regional_fieldwork.casework.start",
                      f"a date after the last PDU fieldwork ends ({last_pdu})",
                      plan.regional_fieldwork.casework.start.isoformat())
    n, want = len(plan.pdus), batches_expected(len(plan.pdus))
    if n > MAX_PDUS:
        yield Problem("$.batches", f"at most {MAX_PDUS} PDUs in all the batches together", str(n))
    elif len(plan.batches) != want:
        yield warning("$.batches", f"{want} batch(es) for a region of {n} PDUs (§3.3)",
                      f"{len(plan.batches)}")


# -------------------------------------------------------------------------------- national


def check_national(review: NationalReview, fw: Framework) -> Iterator[Problem]:
    yield from _framework_version(review.framework_version, fw)
    yield from _codes("$.standards", review.standards, [s.code for s in fw.national])
    for std in fw.national:
        if std.code in review.standards:
            path = f"$.standards[{shown(std.code)}].key_questions"
            yield from _codes(path, review.standards[std.code].key_questions,
                              [q.code for q in std.key_questions])
