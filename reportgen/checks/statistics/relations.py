"""The relations that must hold between the figures an edition prints, whatever the data says:
core + adjusted = all, yes + no = cases, each percentage the one rounding function's result of
its counts, the overall score the sum of the standards' scores, each rating word the band of its
figures (or the panel's recorded decision); a survey's agree + neither + disagree = answered,
its respondents no more than those invited or than answered a statement; the caseload's parts
summing to its total; in post + vacancies = target; and one value for one fact everywhere it
appears."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from reportgen.checks.statistics.evidence import SURVEY_FIELDS, same
from reportgen.checks.statistics.facts import CASELOAD_PARTS, Facts, shown
from reportgen.checks.statistics.figures import Figure
from reportgen.model import Rating
from reportgen.model.evidence import GRADES
from reportgen.rules import ratings as rules
from reportgen.rules.rounding import percent, tenths_share


def _finding(where: str, section: str, fact: str, expected: Any, found: Any, note: str,
             lang: str = "", section_index: int = 0) -> Figure:
    return Figure(str(found), "relation", where, section, note, "mismatched", found, fact,
                  "", str(expected), "the other figures it must agree with", note,
                  section_index, lang)


def _row(where: str) -> str:
    return where.rsplit(", column", 1)[0].rsplit(", cell", 1)[0]


def relations(found: list[Figure], f: Facts) -> Iterator[Figure]:
    rows: dict[str, dict[str, Figure]] = defaultdict(dict)
    for fig in found:
        if fig.fact and fig.kind != "relation":
            rows[_row(fig.where)].setdefault(fig.fact, fig)
    for where, figs in rows.items():
        yield from _question_rows(where, figs)
        yield from _pdu_row(where, figs)
    yield from _ratings(found, f)
    yield from _evidence(found, f)


def _value(figs: dict[str, Figure], key: str) -> int | None:
    fig = figs.get(key)
    return fig.value if fig is not None and isinstance(fig.value, int) else None


def _question_rows(where: str, figs: dict[str, Figure]) -> Iterator[Figure]:
    codes = {k.split(":")[1] for k in figs if k.startswith("kq:")}
    for code in codes:
        k = f"kq:{code}"
        any_fig = next(x for key, x in figs.items() if key.startswith(k + ":"))
        lang, section, index = any_fig.lang, any_fig.section, any_fig.section_index

        def got(name: str, k: str = k) -> int | None:
            return _value(figs, f"{k}:{name}")

        for yn in ("yes", "no", "cases"):
            core, adjusted, total = got(f"core:{yn}"), got(f"adjusted:{yn}"), got(f"all:{yn}")
            if None not in (core, adjusted, total) and core + adjusted != total:  # type: ignore[operator]
                yield _finding(where, section, f"{k}:all:{yn}", core + adjusted, total,  # type: ignore[operator]
                               f"{code}: core {core} + adjusted {adjusted} = "
                               f"{core + adjusted}, not {total}", lang, index)  # type: ignore[operator]
        for group in ("core", "adjusted", "all"):
            yes, no, cases = got(f"{group}:yes"), got(f"{group}:no"), got(f"{group}:cases")
            if None not in (yes, no, cases) and yes + no != cases:  # type: ignore[operator]
                yield _finding(where, section, f"{k}:{group}:cases", yes + no, cases,  # type: ignore[operator]
                               f"{code} ({group}): yes {yes} + no {no} = {yes + no}, not "  # type: ignore[operator]
                               f"{cases}", lang, index)
        yes, no = got("all:yes"), got("all:no")
        if yes is None or no is None or yes + no == 0:
            continue
        for name, part in (("pct:yes", yes), ("pct:no", no)):
            shown = got(name)
            if shown is not None and shown != percent(part, yes + no):
                yield _finding(where, section, f"{k}:{name}", f"{percent(part, yes + no)}%",
                               f"{shown}%", f"{code}: {part} of {yes + no} is "
                               f"{percent(part, yes + no)}%, not {shown}%", lang, index)


def _pdu_row(where: str, figs: dict[str, Figure]) -> Iterator[Figure]:
    codes = {k.split(":")[1] for k in figs if k.startswith("pdu:") and k != "pdu:max"}
    for code in codes:
        shown = [x.value for k, x in figs.items() if k.startswith(f"pdu:{code}:rating:")]
        score = _value(figs, f"pdu:{code}:score")
        fig = figs.get(f"pdu:{code}:score")
        if fig is not None and score is not None and len(shown) == 7 \
                and all(isinstance(r, Rating) for r in shown) \
                and sum(r.score for r in shown) != score:
            yield _finding(where, fig.section, fig.fact, sum(r.score for r in shown), score,
                           f"{code}: its ratings' scores add up to "
                           f"{sum(r.score for r in shown)}, not {score}", fig.lang,
                           fig.section_index)


def _ratings(found: list[Figure], f: Facts) -> Iterator[Figure]:
    """Rating words against the figures they are banded from, as printed."""
    first: dict[str, Figure] = {}
    for fig in found:
        if fig.fact and fig.kind != "relation":
            first.setdefault(fig.fact, fig)
    shown = {k: x.value for k, x in first.items()}
    standards = [s.code for s in f.standards]
    scores = [shown.get(f"rating:{c}") for c in standards]
    total = shown.get("overall:score")
    if total is not None and all(isinstance(r, Rating) for r in scores):
        fig = first["overall:score"]
        if sum(r.score for r in scores) != total:  # type: ignore[union-attr]
            yield _finding(fig.where, fig.section, "overall:score",
                           sum(r.score for r in scores), total,  # type: ignore[union-attr]
                           "the overall score is not the sum of the standards' scores as "
                           "printed", fig.lang, fig.section_index)
    overall = shown.get("overall:rating")
    if isinstance(total, int) and isinstance(overall, Rating) and "overall" not in f.departures:
        band = rules.overall_band(total, f.scale)
        if band != overall:
            fig = first["overall:rating"]
            yield _finding(fig.where, fig.section, "overall:rating", band, overall,
                           f"a score of {total} is {band}, and the panel recorded no decision "
                           "to depart from it", fig.lang, fig.section_index)
    for std in f.standards:
        rating = shown.get(f"rating:{std.code}")
        shares = [shown.get(f"kq:{q.code}:pct:yes") for q in std.key_questions]
        if not std.is_cases or not isinstance(rating, Rating) or std.code in f.departures \
                or not shares or not all(isinstance(s, int) for s in shares):
            continue
        band = rules.case_band(min(shares)).rating  # type: ignore[type-var]
        if band != rating:
            fig = first[f"rating:{std.code}"]
            yield _finding(fig.where, fig.section, fig.fact, band, rating,
                           f"{std.code}'s lowest key question is {min(shares)}%, which is "  # type: ignore[type-var]
                           f"{band}", fig.lang, fig.section_index)


def consistency(found: list[Figure]) -> Iterator[Figure]:
    """One fact, one value: every place a fact is stated says the same."""
    by_fact: dict[str, list[Figure]] = defaultdict(list)
    for fig in found:
        if fig.fact and fig.kind not in ("relation", "quantity") and fig.fact != "year":
            by_fact[fig.fact].append(fig)
    for fact, figs in by_fact.items():
        values = {same(x.value): x.value for x in figs}
        if len(values) > 1:
            places = "; ".join(f"{x.where}: {x.text}" for x in figs)
            first = figs[0]
            yield _finding(first.where, first.section, fact, first.expected,
                           " / ".join(shown(values[v]) for v in sorted(values)),
                           f"{first.label} is stated with "
                           f"different values: {places}", first.lang, first.section_index)


# ------------------------------------------------------------- surveys and contextual data


def _table(where: str) -> str:
    """The table, sheet or piece of text a figure is in: a caseload's parts and a staffing
    table's total row stand in rows of their own."""
    return re.split(r", (?:row|cell) ", where, maxsplit=1)[0]


def _evidence(found: list[Figure], f: Facts) -> Iterator[Figure]:
    tables: dict[str, dict[str, Figure]] = defaultdict(dict)
    for fig in found:
        if fig.fact and fig.kind != "relation" and re.match(
                r"^(?:pdu:[^:]+:)?(?:survey|caseload|staffing):", fig.fact):
            tables[_table(fig.where)].setdefault(fig.fact, fig)
    for figs in tables.values():
        yield from _survey(figs)
        for prefix in {re.sub(r"(?:caseload|staffing):.*$", "", k) for k in figs
                       if not k.startswith("survey:")}:
            yield from _caseload(figs, prefix)
            yield from _staffing(figs, prefix, f)


def _number(figs: dict[str, Figure], key: str) -> int | Decimal | None:
    fig = figs.get(key)
    return fig.value if fig is not None and isinstance(fig.value, int | Decimal) else None


def _at(figs: dict[str, Figure], key: str, expected: Any, found: Any, note: str) -> Figure:
    fig = figs[key]
    return _finding(fig.where, fig.section, key, expected, found, note, fig.lang,
                    fig.section_index)


def _share(part: int | Decimal, whole: int | Decimal, tenths: bool = False) -> int | None:
    """The share the one rounding function gives, or None where the figures cannot have one."""
    if not 0 <= part <= whole:
        return None
    return tenths_share(Decimal(part), Decimal(whole)) if tenths else \
        percent(int(part), int(whole))


def _survey(figs: dict[str, Figure]) -> Iterator[Figure]:
    def got(key: str) -> Any:
        return _number(figs, key)

    statements = {k.rsplit(":", 1)[0] for k in figs if k.startswith("survey:")
                  and k.rsplit(":", 1)[1] in SURVEY_FIELDS}
    for base in sorted(statements):
        kind = base.split(":")[1]
        agree, neither, disagree, answered, shown = (got(f"{base}:{x}") for x in (
            "agree", "neither", "disagree", "answered", "pct"))
        respondents = got(f"survey:{kind}:respondents")
        if None not in (agree, neither, disagree, answered) \
                and agree + neither + disagree != answered:
            yield _at(figs, f"{base}:answered", agree + neither + disagree, answered,
                      f"agree {agree} + neither {neither} + disagree {disagree} = "
                      f"{agree + neither + disagree}, not {answered}")
        if None not in (agree, answered, shown) and _share(agree, answered) != shown:
            yield _at(figs, f"{base}:pct", f"{_share(agree, answered)}%", f"{shown}%",
                      f"{agree} agreed of {answered} who answered is "
                      f"{_share(agree, answered)}%, not {shown}%")
        if None not in (answered, respondents) and answered > respondents:
            yield _at(figs, f"{base}:answered", f"at most {respondents}", answered,
                      f"{answered} answered the statement, more than the {respondents} "
                      "respondents")
    for kind in sorted({k.split(":")[1] for k in figs if k.startswith("survey:")}):
        respondents, invited, rate = (got(f"survey:{kind}:{x}") for x in (
            "respondents", "invited", "rate"))
        if None not in (respondents, invited) and respondents > invited:
            yield _at(figs, f"survey:{kind}:respondents", f"at most {invited}", respondents,
                      f"{respondents} respondents, more than the {invited} invited")
        elif None not in (respondents, invited, rate) and _share(respondents, invited) != rate:
            yield _at(figs, f"survey:{kind}:rate", f"{_share(respondents, invited)}%",
                      f"{rate}%", f"{respondents} of {invited} is "
                      f"{_share(respondents, invited)}%, not {rate}%")


def _caseload(figs: dict[str, Figure], prefix: str) -> Iterator[Figure]:
    key = f"{prefix}caseload"
    counts = {p: _number(figs, f"{key}:{p}") for p in CASELOAD_PARTS}
    total = counts.pop("total")
    if total is not None and None not in counts.values() \
            and sum(counts.values()) != total:  # type: ignore[arg-type]
        parts = " + ".join(str(n) for n in counts.values())
        yield _at(figs, f"{key}:total", sum(counts.values()), total,  # type: ignore[arg-type]
                  f"the caseload's parts {parts} = {sum(counts.values())}, not "  # type: ignore[arg-type]
                  f"{total}")
    for part, n in (*counts.items(), ("total", total)):
        shown = _number(figs, f"{key}:{part}:pct")
        if None not in (n, total, shown) and _share(n, total) != shown:  # type: ignore[arg-type]
            yield _at(figs, f"{key}:{part}:pct", f"{_share(n, total)}%", f"{shown}%",  # type: ignore[arg-type]
                      f"{part}: {n} of {total} is {_share(n, total)}%, not {shown}%")  # type: ignore[arg-type]


def _staffing(figs: dict[str, Figure], prefix: str, f: Facts) -> Iterator[Figure]:
    grades = [g for g in GRADES if f.get(f"{prefix}staffing:{g}:target")]
    for grade in [*grades, "all"]:
        key = f"{prefix}staffing:{grade}"
        target, in_post, vacant, rate = (_number(figs, f"{key}:{x}") for x in (
            "target", "in_post", "vacant", "rate"))
        if grade != "all" and None not in (target, in_post, vacant) \
                and vacant != max(target - in_post, 0):  # type: ignore[operator]
            yield _at(figs, f"{key}:vacant", max(target - in_post, 0), vacant,  # type: ignore[operator]
                      f"{grade}: in post {in_post} + vacancies {vacant} should make the target "
                      f"{target} (vacancies 0 when more are in post)")
        if None not in (target, vacant, rate) and _share(vacant, target, True) != rate:  # type: ignore[arg-type]
            yield _at(figs, f"{key}:rate", f"{_share(vacant, target, True)}%", f"{rate}%",  # type: ignore[arg-type]
                      f"{grade}: {vacant} vacancies of a target of {target} is "
                      f"{_share(vacant, target, True)}%, not {rate}%")  # type: ignore[arg-type]
    for field in ("target", "in_post", "vacant"):
        total = _number(figs, f"{prefix}staffing:all:{field}")
        parts = [_number(figs, f"{prefix}staffing:{g}:{field}") for g in grades]
        if total is not None and parts and None not in parts and sum(parts) != total:  # type: ignore[arg-type]
            yield _at(figs, f"{prefix}staffing:all:{field}", sum(parts), total,  # type: ignore[arg-type]
                      f"all grades, {field.replace('_', ' ')}: the grades add up to "
                      f"{sum(parts)}, not {total}")  # type: ignore[arg-type]
