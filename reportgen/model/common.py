"""Types shared by every input file: bilingual text, people, places, dates, ratings, counts."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from enum import StrEnum
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from reportgen.jsonpath import shown
from reportgen.model import formatted

Language = Literal["en", "cy"]


def N_(message: str) -> str:
    """Marks a message for extraction into the catalogue; translated where it is shown."""
    return message

# XML 1.0 (and so Word) cannot hold C0 control characters other than tab, newline and carriage
# return; they are refused at the door rather than silently dropped from a published report. A
# carriage return is refused too: XML reads it back as a newline, so it could not come out as
# written (a line break is written as a newline).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")


_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]")

# The longest text each kind of field takes: what a report, a title, a file name or a calendar
# can hold, refused at validation with the limit rather than failing in rendering.
MAX_TEXT = 10_000  # one paragraph of narrative
MAX_LINE = 200  # a person's name or role, a place, a reference: one line
MAX_NAME = 60  # a PDU's or a region's name: titles hold it, and Word caps a title at 255
MAX_CODE = 40  # a code names the output files
MAX_COUNT = 100_000  # cases in one count: far beyond any inspection
# How many of each thing one file may hold: far beyond any inspection (the fixtures and the
# national programme hold at most 18 PDUs, 6 questions, 5 recommendations), near enough that a file
# made by mistake cannot keep a run busy for minutes.
MAX_PARAGRAPHS = 50  # paragraphs of one piece of narrative (a summary, the findings, a foreword)
MAX_ITEMS = 50  # recommendations, examples, panel members, questions, grades, standards
MAX_PDUS = 30  # PDUs of one region or one plan
MAX_SITES = 20  # offices of one PDU
MAX_BATCHES = 5  # announcement batches: the largest regions are announced in three (§3.3)


def check_text(value: str, limit: int = MAX_TEXT, one_line: bool = False) -> str:
    """Refuse text that cannot be published: empty, too long, holding control characters (or,
    for one line, a line break)."""
    if not value.strip():
        raise refused("some text", "empty text")
    if len(value) > limit:
        raise refused(f"text of at most {limit:,} characters", f"{len(value):,} characters")
    bad = _CONTROL.search(value) or (_LINE_BREAK.search(value) if one_line else None)
    if bad:
        what = "one line of text" if one_line else "text"
        raise refused(f"{what} without control characters",
                      f"U+{ord(bad.group()):04X} at character {bad.start() + 1}")
    return value


def refused(expected: str, found: str) -> PydanticCustomError:
    """The error of a value the model refuses, in the words of an input problem."""
    return PydanticCustomError("reportgen", "expected {expected}; found {found}",
                               {"expected": expected, "found": found})


def fingerprint(english: Any) -> str:
    """A short, stable fingerprint of English text (a str, a Formatted, or the data's
    {"formatted": ...}): a translation records the one it was made from, so a later change to the
    English (its formatting too) shows the translation is stale. Plain text is fingerprinted as
    it always was; formatted text by its canonical markup, behind a NUL, which no plain text
    holds."""
    if isinstance(english, dict):
        english = formatted.from_json(english)
    if isinstance(english, formatted.Formatted):
        english = "\x00formatted\x00" + english.markup
    return "sha256:" + hashlib.sha256(english.encode("utf-8")).hexdigest()[:16]


def check_narrative(value: Any) -> str:
    """A paragraph of narrative: plain text (a string, literal whatever it holds), or formatted
    text ({"formatted": markup}, reportgen.model.formatted), each publishable."""
    if isinstance(value, str):
        return check_text(value)
    if not (isinstance(value, dict) and set(value) == {"formatted"}
            and isinstance(value["formatted"], str)):
        raise refused('text, or formatted text as {"formatted": "…"}', shown(value))
    try:
        found = formatted.from_json(value)
    except formatted.MarkupError as exc:
        raise PydanticCustomError("reportgen", "expected {expected}; found {found}",
                                  {"expected": exc.expected, "found": exc.found,
                                   "at": ("formatted",)}) from None
    except RecursionError:
        raise refused("formatted text", "markup nested too deeply") from None
    try:
        return check_text(found)
    except PydanticCustomError as exc:
        raise PydanticCustomError("reportgen", "expected {expected}; found {found}",
                                  {**(exc.context or {}), "at": ("formatted",)}) from None


_NARRATIVE_SCHEMA = {"anyOf": [
    {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
    {"type": "object", "required": ["formatted"], "additionalProperties": False,
     "properties": {"formatted": {
         "type": "string", "maxLength": formatted.MAX_MARKUP,
         "description": "markup of " + formatted.VOCABULARY}}}]}

# Narrative: a paragraph of findings, plain or formatted (in memory a str or a Formatted).
NarrativeValue = Annotated[str, PlainValidator(check_narrative),
                           PlainSerializer(formatted.to_json),
                           WithJsonSchema(_NARRATIVE_SCHEMA)]

# Plain text from the data: non-empty and publishable; Line: one line of it; NameLine: a name.
Plain = Annotated[str, AfterValidator(check_text)]
Line = Annotated[str, AfterValidator(partial(check_text, limit=MAX_LINE, one_line=True))]
NameLine = Annotated[str, AfterValidator(partial(check_text, limit=MAX_NAME, one_line=True))]
Code = Annotated[str, Field(pattern=r"^[a-z0-9-]+$", max_length=MAX_CODE)]
Fingerprint = Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{16}$")]
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}"
                    r"(\.[A-Za-z0-9-]{1,63})+$")


def check_email(value: str) -> str:
    """An address as people type one: letters, digits and the few signs addresses use, and no
    control character that a document would silently drop."""
    if len(value) > 254 or not _EMAIL.match(value):
        raise refused("an email address such as name@example.gov.uk", shown(value))
    return value


Email = Annotated[str, AfterValidator(check_email)]


class Strict(BaseModel):
    """Base of every input model: unknown fields are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(Strict):
    """Narrative that may carry English and Welsh side by side.

    In the file: either a plain string (English only) or {"en": "...", "cy": "..."}.
    `cy_source` is the fingerprint of the English text the Welsh was translated from, so that a
    translation made before the English changed can be found (set by the translation workflow).
    """

    en: Plain
    cy: Plain | None = None
    cy_source: Fingerprint | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"en": value} if isinstance(value, str) else value

    def get(self, lang: Language) -> str | None:
        """The text in `lang`, or None where it has not been translated."""
        return self.en if lang == "en" else self.cy

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.en)

    @property
    def stale(self) -> bool:
        """Translated from English that has since changed."""
        return self.cy is not None and self.cy_source is not None \
            and self.cy_source != self.fingerprint


class Narrative(Text):
    """Text that may be formatted: a paragraph of findings, which may hold bold, italic, line
    breaks, links and lists (reportgen.model.formatted). Each language is plain or formatted on
    its own."""

    en: NarrativeValue
    cy: NarrativeValue | None = None

    @model_validator(mode="before")
    @classmethod
    def _formatted_by_language(cls, value: Any) -> Any:
        if isinstance(value, dict) and "formatted" in value:
            raise refused('formatted text given for a language: {"en": {"formatted": "…"}}',
                          shown(value))
        return value


class Name(Text):
    """A proper name (PDU, region) with, for Welsh, the phrase meaning "in <name>" already
    mutated ("yng Nghaerdydd"), because a template cannot mutate a name it does not know."""

    en: NameLine
    cy: NameLine | None = None
    cy_in: Annotated[str, AfterValidator(partial(check_text, limit=MAX_NAME + 10,
                                                 one_line=True))] | None = None


class Rating(StrEnum):
    """The four-point scale of the manual (§2.3), scored 0 to 3."""

    INADEQUATE = "Inadequate"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    GOOD = "Good"
    OUTSTANDING = "Outstanding"

    @property
    def score(self) -> int:
        return list(Rating).index(self)

    @classmethod
    def from_score(cls, score: int) -> Rating:
        return list(Rating)[score]


class Person(Strict):
    name: Line
    role: Text | None = None
    email: Email | None = None
    language: Language = "en"  # the language the person asked to be written to in
    bilingual: bool = False  # asked for letters in Welsh and English together, Welsh first


class Region(Strict):
    code: Code
    name: Name
    country: Literal["England", "Wales"]

    @property
    def in_wales(self) -> bool:
        return self.country == "Wales"


# Dates the calendar can lay out: its milestones run from 33 weeks before fieldwork to months
# after publication, and every one of them must be a date Python can hold.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


def check_date(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise refused(f"a date from {EARLIEST} to {LATEST}", value.isoformat())
    return value


Date = Annotated[dt.date, AfterValidator(check_date)]


def _weekday_error(what: str, day: dt.date) -> PydanticCustomError:
    return PydanticCustomError(
        "reportgen", "expected {expected}; found {found}",
        {"expected": what, "found": f"{day:%A} {day.isoformat()}"})


class Fieldwork(Strict):
    """A fieldwork period: it starts on a Monday (afternoon) and ends on a Friday (§5.1)."""

    start: Date
    end: Date

    @field_validator("start")
    @classmethod
    def _monday(cls, value: dt.date) -> dt.date:
        if value.weekday() != 0:
            raise _weekday_error("fieldwork to start on a Monday", value)
        return value

    @field_validator("end")
    @classmethod
    def _friday(cls, value: dt.date) -> dt.date:
        if value.weekday() != 4:
            raise _weekday_error("fieldwork to end on a Friday", value)
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Fieldwork:
        if self.end < self.start:
            raise PydanticCustomError(
                "reportgen", "expected {expected}; found {found}",
                {"expected": "the end of fieldwork after its start",
                 "found": f"start {self.start.isoformat()}, end {self.end.isoformat()}"})
        return self

    @property
    def weeks(self) -> int:
        return (self.end - self.start).days // 7 + 1


class PduFieldwork(Fieldwork):
    """A PDU's fieldwork (§5.1): case inspections, then a week of domain one meetings. The
    calendar lays the cases out up to the last week and the meetings in it, so a single week
    would give it a case inspection period that ends before it starts."""

    @model_validator(mode="after")
    def _two_weeks(self) -> PduFieldwork:
        if self.weeks < 2:
            raise refused("at least two weeks of PDU fieldwork: case inspections, then a week "
                          "of domain one meetings (§5.1)",
                          f"{self.weeks} week, {self.start.isoformat()} to "
                          f"{self.end.isoformat()}")
        return self


Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


class YesNo(Strict):
    """How many inspected cases were judged sufficient (yes) and not (no) on a key question."""

    yes: Count
    no: Count

    @property
    def total(self) -> int:
        return self.yes + self.no

    def __add__(self, other: YesNo) -> YesNo:
        return YesNo(yes=self.yes + other.yes, no=self.no + other.no)


ZERO = YesNo(yes=0, no=0)
