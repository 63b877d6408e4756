"""What the statistics check reads as a figure in a piece of text, in English and Welsh: numbers
in digits and in words, percentages, dates, rating names and quantities in words ("most").

Numbers in words come from CLDR's spell-out rules (unicode-rbnf), with the Welsh traditional
count and the mutated forms of every Welsh number word ("dros bythefnos", "dair wythnos"); month
names from Babel; rating names from the gettext catalogue and the glossary; the words around a
figure from reportgen/data/statistics.toml."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from typing import Any, TypeVar

from babel.dates import get_day_names, get_month_names
from unicode_rbnf import RbnfEngine

from reportgen import data
from reportgen.i18n import BABEL_LOCALES, gettext_for
from reportgen.model import Rating

K = TypeVar("K")
UNITS = ("cases", "weeks", "months", "pdus", "people", "standards", "staff", "posts")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Welsh initial mutations of a number word: soft (after "dros", "o", predicative "yn") and
# aspirate (after "a", "ei" her); nasal mutation does not reach number words in running text.
SOFT = (("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"), ("m", "f"), ("ll", "l"),
        ("rh", "r"), ("g", ""))
ASPIRATE = (("p", "ph"), ("t", "th"), ("c", "ch"))


@dataclass(frozen=True)
class Mention:
    """A figure found in a piece of text, where it starts and ends, and what follows it."""

    kind: str  # number, decimal, percent, points, date, rating, quantity, fraction, year, weekday
    value: Any  # a weekday's: the date it names
    start: int
    end: int
    text: str
    words: bool = False  # written in words
    unit: str = ""  # the noun it counts: cases, weeks, months, pdus, people, staff, posts
    part: str = ""  # "start" or "end" of a date range
    weekday: int = -1  # a weekday as written before a date ("Friday 6 March"), 0 = Monday


@dataclass
class Vocabulary:
    lang: str
    t: Any
    months: dict[str, int]
    days: dict[str, int]  # weekday names, casefolded ("dydd iau"): 0 = Monday
    ratings: dict[str, Rating]
    numbers: dict[tuple[str, ...], int]
    cues: dict[str, Any]
    units: dict[tuple[str, ...], str]
    quantities: dict[tuple[str, ...], str]
    fractions: dict[tuple[str, ...], Fraction]  # "two thirds", "one in five", "dwy ran o dair"
    fortnights: frozenset[tuple[str, ...]] = frozenset()
    # the words a number, quantity or fraction can start with, and how many words each can be
    first_words: dict[str, tuple[int, ...]] = field(default_factory=dict)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def words(self, name: str) -> list[str]:
        return list(self.cues.get(name, []))

    def alternation(self, name: str) -> str:
        return "|".join(re.escape(w) for w in sorted(self.words(name), key=len, reverse=True))


@cache
def vocabulary(lang: str) -> Vocabulary:
    cues = data.load("statistics")[lang]
    t = gettext_for(lang)  # type: ignore[arg-type]
    months = {name: n for n, name in get_month_names("wide", locale=BABEL_LOCALES[lang]).items()}
    days = {name.casefold(): n for n, name in get_day_names(
        "wide", locale=BABEL_LOCALES[lang]).items()}
    ratings = {t(r.value): r for r in Rating}
    if lang != "en":
        ratings |= {term[lang]: Rating(term["en"]) for term in data.load("glossary")["terms"]
                    if term["en"] in {r.value for r in Rating}}
    if lang == "cy":  # "graddiwyd yn Dda": a rating's name after predicative "yn", mutated
        ratings |= {mutated[0].upper() + mutated[1:]: r for name, r in list(ratings.items())
                    if not name.lower().startswith(("rh", "ll"))  # these keep theirs after "yn"
                    and (mutated := mutate(name[0].lower() + name[1:], SOFT))}
    units = {tuple(_tokens(w)): unit for unit in UNITS for w in cues.get(unit, [])}
    quantities = {tuple(_tokens(w)): name for name, ws in cues.get("quantities", {}).items()
                  for w in ws}
    numbers = _number_words(lang, cues)
    fractions = _with_mutations(lang, {tuple(_tokens(w)): Fraction(*ratio)
                                       for w, ratio in cues.get("fractions", {}).items()})
    fortnights = {tuple(_tokens(w)) for w in cues.get("fortnight", [])}
    fortnights |= {(m,) for (w,) in fortnights for rule in (SOFT, ASPIRATE)
                   if (m := mutate(w, rule)) and lang == "cy"}
    v = Vocabulary(lang, t, months, days, ratings, numbers, cues, units, quantities, fractions,
                   frozenset(fortnights))
    v.patterns = _patterns(v)
    sizes: dict[str, set[int]] = {}
    for words in (*numbers, *quantities, *fractions):
        sizes.setdefault(words[0], set()).add(len(words))
    v.first_words = {w: tuple(sorted(n, reverse=True)) for w, n in sizes.items()}
    return v


def _tokens(text: str) -> list[str]:
    return [m.group(0).casefold().replace("’", "'") for m in WORD.finditer(text)]


def _number_words(lang: str, cues: dict[str, Any]) -> dict[tuple[str, ...], int]:
    engine = RbnfEngine.for_language(lang)
    found: dict[tuple[str, ...], int] = {}
    for n in range(1, 101):
        for text in engine.format_number(n).text_by_ruleset.values():
            found.setdefault(tuple(_tokens(text.replace("-", " "))), n)
    for text, n in cues.get("numbers", {}).items():
        found.setdefault(tuple(_tokens(text)), n)
    for word in cues.get("fortnight", []):
        found.setdefault(tuple(_tokens(word)), 2)
    if lang == "cy":
        for text, n in _vigesimal(cues):
            found.setdefault(tuple(_tokens(text)), n)
    found = _with_mutations(lang, found)
    for word in cues.get("not_numbers", []):
        found.pop((word,), None)
    return found


def _vigesimal(cues: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """The Welsh traditional count above twenty: "tri ar hugain" (23), "dau a deugain" (42),
    from the units and scores of statistics.toml."""
    units = {int(n): words for n, words in cues["vigesimal_units"].items()}
    for score, (name, joined) in ((int(n), w) for n, w in cues["vigesimal_scores"].items()):
        yield name, score
        for n, words in units.items():
            if score + n < 100:
                yield from ((f"{w} {joined}", score + n) for w in words)


def _with_mutations(lang: str, found: dict[tuple[str, ...], K]) -> dict[tuple[str, ...], K]:
    """Welsh words as a sentence may mutate them: soft ("dros ddau") and aspirate ("a
    thri")."""
    if lang == "cy":
        for words, value in list(found.items()):
            for rule in (SOFT, ASPIRATE):
                mutated = mutate(words[0], rule)
                if mutated:
                    found.setdefault((mutated, *words[1:]), value)
    return found


def mutate(word: str, rules: tuple[tuple[str, str], ...]) -> str | None:
    for radical, mutated in rules:
        if word.startswith(radical) and not (radical == "d" and word.startswith("dd")):
            return mutated + word[len(radical):]
    return None


def _patterns(v: Vocabulary) -> dict[str, re.Pattern[str]]:
    month = "|".join(sorted(map(re.escape, v.months), key=len, reverse=True))
    between = v.t("{start} to {end}").split("{start}")[-1].split("{end}")[0].strip()
    sep = "|".join(re.escape(s) for s in {between, "to", "–", "-", "i", "tan"} if s)
    labels = "|".join(sorted(map(re.escape, v.ratings), key=len, reverse=True))
    numbering = "|".join(re.escape(w) for w in {
        "Table", "Figure", "Annex", "Chart", "Tabl", "Ffigur", "Atodiad", "Siart",
        v.t("Table"), v.t("Figure")})
    grade_words = sorted({w for ws in v.cues.get("grades", {}).values() for w in ws} |
                         {w for w in v.cues.get("posts_fields", {}).get("vacant", [])},
                         key=len, reverse=True)
    return {
        "range": re.compile(rf"\b(\d{{1,2}})(?:\s+({month}))?(?:\s+(\d{{4}}))?\s*(?:{sep})\s*"
                            rf"(\d{{1,2}})\s+({month})\s+(\d{{4}})\b"),
        "date": re.compile(rf"\b(\d{{1,2}})\s+({month})\s+(\d{{4}})\b"),
        # a weekday written just before a date: "Friday 6 March", "ddydd Gwener, 6 Mawrth"
        "weekday": re.compile(rf"(?<!\w){'d?' if v.lang == 'cy' else ''}"  # "ddydd": mutated
                              rf"({'|'.join(map(re.escape, v.days))}),?\s+$", re.IGNORECASE),
        "rating": re.compile(rf"(?<!\w)({labels})(?:\s?☆)?(?!\w)"),
        # posts a whole number counts: "44 probation officer posts", "12 vacant posts"
        "posts_count": re.compile(
            rf"[ \u00a0]+(?:(?:{'|'.join(re.escape(w) for w in grade_words)})[ \u00a0]+)?"
            rf"(?:{v.alternation('posts')})(?!\w)", re.IGNORECASE),
        # posts a decimal counts, a few words on: "8.2 vacant senior probation officer posts",
        # "3.8 of the 44.0 posts"
        "posts": re.compile(rf"[ \u00a0]+(?:(?:{v.alternation('of')})[ \u00a0]+[\d,]+(?:\.\d)?"
                            rf"[ \u00a0]+)?(?:[^\W\d_][\w'’-]*[ \u00a0]+){{0,4}}?"
                            rf"\(?(?:{v.alternation('posts')})(?!\w)", re.IGNORECASE),
        "not_figures": re.compile("|".join([
            rf"\b(?:{numbering})\s+\d+",  # the numbering of tables, figures and annexes
            r"\b[PRN][ .]?\d+(?:\.\d+){1,2}\b",  # standard and key question codes
            r"(?<![\d.,])\d+(?:\.\d+)+(?![\d,])",  # "2.1 Assessment", "2025.03"
            r"^\s*\d+\.\s",  # "1. Organisational arrangements"
            r"\b\d{1,2}[:.]\d{2}\s?(?:am|pm|yb|yh)?\b",  # times
            r"\b[A-Z]{2,}(?:/[A-Za-z0-9]+)+",  # references such as HMIP/PR/2026/WAL/1
            r"§\s?\d+(?:\.\d+)*",
            r"\b\d+(?:st|nd|rd|th|af|il|ydd|ed|fed)\b",  # "1st Floor", "2il"
            r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b",  # postcodes
            r"\(\s*(?:PC|PA)\s*\)",
        ])),
    }


# ------------------------------------------------------------------------------ scanning

NUM = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)")
POINTS = re.compile(r"(?<![\w.])(\d{1,3})\s?(?:percentage points?|pwynt canran|o bwyntiau "
                    r"canran)(?!\w)", re.IGNORECASE)
DECIMAL = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)\.\d(?![\d]|\.\d)")
PERCENT = re.compile(r"(?<![\w.])(\d{1,3})\s?(?:%|per\s?cent\b|y cant\b)")
YEAR = re.compile(r"^(19|20)\d\d$")


class _Masked:
    """The text with every figure already read blanked out, so nothing is read twice."""

    def __init__(self, text: str) -> None:
        self.text = text

    def take(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]


def mentions(text: str, v: Vocabulary) -> list[Mention]:
    """Every figure in `text`, in order. Numbering, codes, times and references are not
    figures; a bare four-figure number from 1900 to 2099 is a year unless it counts a noun."""
    return [m for m in _mentions(text, v.lang) if m.kind != "weekday"]


def weekdays(text: str, v: Vocabulary) -> list[Mention]:
    """Each weekday written before a date ("Friday 6 March 2026"), the date its value."""
    return [m for m in _mentions(text, v.lang) if m.kind == "weekday"]


@lru_cache(maxsize=32768)
def _mentions(text: str, lang: str) -> tuple[Mention, ...]:
    """The same text is read once (a report repeats its labels; editions repeat reports)."""
    v = vocabulary(lang)
    masked = _Masked(text)
    found: list[Mention] = []
    for m in DECIMAL.finditer(text):  # full-time equivalents: elsewhere "2.1" is a section
        if v.patterns["posts"].match(text, m.end()):
            found.append(Mention("decimal", Decimal(m.group(0).replace(",", "")), m.start(),
                                 m.end(), m.group(0), unit="posts"))
            masked.take(m.start(), m.end())
    for m in v.patterns["not_figures"].finditer(text):
        masked.take(m.start(), m.end())
    found += _dates(masked, v)
    for m in POINTS.finditer(masked.text):  # a gap between two shares, not a count
        found.append(Mention("points", int(m.group(1)), m.start(), m.end(), m.group(0)))
        masked.take(m.start(), m.end())
    for m in PERCENT.finditer(masked.text):
        found.append(Mention("percent", int(m.group(1)), m.start(), m.end(), m.group(0)))
        masked.take(m.start(), m.end())
    for m in NUM.finditer(masked.text):
        value = int(m.group(1).replace(",", ""))
        unit = _unit(text, m.end(), v) or (
            "posts" if v.patterns["posts_count"].match(text, m.end()) else "")
        kind = "year" if YEAR.match(m.group(1)) and not unit else "number"
        found.append(Mention(kind, value, m.start(), m.end(), m.group(0), unit=unit))
        masked.take(m.start(), m.end())
    for m in v.patterns["rating"].finditer(masked.text):
        if _starts_sentence(text, m.start()) and len(m.group(1).split()) == 1 \
                and _followed_by_word(text, m.end()):
            continue  # "Good work was seen": an adjective, not a rating
        found.append(Mention("rating", v.ratings[m.group(1)], m.start(), m.end(), m.group(0)))
        masked.take(m.start(), m.end())
    found += _words(masked.text, text, v)
    return tuple(sorted(found, key=lambda x: x.start))


def _dates(masked: _Masked, v: Vocabulary) -> list[Mention]:
    found = []
    for m in v.patterns["range"].finditer(masked.text):
        d1, mo1, y1, d2, mo2, y2 = m.groups()
        first_end = max(e for e in (m.end(1), m.end(2), m.end(3)) if e != -1)
        found.append(Mention("date", _date(d1, mo1 or mo2, y1 or y2, v), m.start(), first_end,
                             m.string[m.start():first_end], part="start"))
        found.append(Mention("date", _date(d2, mo2, y2, v), m.start(4), m.end(),
                             m.string[m.start(4):m.end()], part="end"))
        masked.take(m.start(), m.end())
    for m in v.patterns["date"].finditer(masked.text):
        found.append(Mention("date", _date(*m.groups(), v), m.start(), m.end(), m.group(0)))
        masked.take(m.start(), m.end())
    return found + [w for d in found if d.part != "end" and (w := _weekday(d, masked, v))]


def _weekday(date: Mention, masked: _Masked, v: Vocabulary) -> Mention | None:
    """The weekday written before a date, as a figure of its own: the date is checked against
    the data, the weekday against the calendar."""
    if date.value is None:
        return None
    before = v.patterns["weekday"].search(masked.text, max(0, date.start - 24), date.start)
    if before is None:
        return None
    return Mention("weekday", date.value, before.start(), date.end,
                   masked.text[before.start():date.start] + date.text,
                   weekday=v.days[re.sub(r"\s+", " ", before.group(1).casefold())])


def _date(day: str, month: str, year: str, v: Vocabulary) -> dt.date | None:
    try:
        return dt.date(int(year), v.months[month], int(day))
    except ValueError:
        return None  # "31 June": a date no calendar has, never traced


def _words(masked: str, text: str, v: Vocabulary) -> list[Mention]:
    """Numbers and quantities written in words: the longest run of words that is one."""
    tokens = [(m.start(), m.end(), m.group(0).casefold().replace("’", "'"))
              for m in WORD.finditer(masked)]
    found, i = [], 0
    while i < len(tokens):
        sizes = v.first_words.get(tokens[i][2])
        if sizes is None:
            i += 1
            continue
        for size in (n for n in sizes if n <= len(tokens) - i):
            words = tuple(t[2] for t in tokens[i:i + size])
            start, end = tokens[i][0], tokens[i + size - 1][1]
            if words in v.fractions:
                found.append(Mention("fraction", v.fractions[words], start, end,
                                     text[start:end], words=True))
            elif words in v.quantities:
                value = v.quantities[words]
                found.append(Mention("quantity", 50 if value == "half" else value, start, end,
                                     text[start:end], words=True))
            elif words in v.numbers:
                unit = "weeks" if words in v.fortnights else _unit(text, end, v)
                if v.numbers[words] == 1 and not unit:
                    break  # "one" is a figure only when it counts something
                found.append(Mention("number", v.numbers[words], start, end, text[start:end],
                                     words=True, unit=unit))
            else:
                continue
            i += size - 1
            break
        i += 1
    return found


def _unit(text: str, end: int, v: Vocabulary) -> str:
    """The noun a count counts: the next word or two, with only spaces between ("35 cases",
    "4 o Unedau"), never across punctuation ("Pob un: achosion")."""
    m = re.match(r"[ \u00a0]+([^\W\d_][\w'’-]*(?:[ \u00a0]+[^\W\d_][\w'’-]*){0,2})",
                 text[end:end + 60])
    after = _tokens(m.group(1)) if m else []
    if v.lang == "cy" and after[:1] == ["o"]:
        after = after[1:]
    for size in (2, 1):
        if tuple(after[:size]) in v.units:
            return v.units[tuple(after[:size])]
    return ""


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;"


def _followed_by_word(text: str, end: int) -> bool:
    return bool(re.match(r"\s+[a-zà-ÿŵŷ]", text[end:]))


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Text as a label is compared: case and punctuation aside."""
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def positions(text: str, names: Mapping[K, str]) -> list[tuple[int, int, K]]:
    """Where each name occurs in `text`: (start, end, key), longest names first, no
    overlaps."""
    taken: list[tuple[int, int, K]] = []
    for key, name in sorted(names.items(), key=lambda x: -len(x[1])):
        for m in re.finditer(re.escape(name), text) if name else ():
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), key))
    return sorted(taken)


def has(text: str, words: list[str]) -> bool:
    """Whether any of `words` occurs in `text` as whole words, ignoring case."""
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE) for w in words)
