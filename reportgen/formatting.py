"""Dates and numbers in the edition's language, through Babel (CLDR data): "2 March 2026",
"2 Mawrth 2026", "75%"."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal, format_percent

from reportgen.i18n import BABEL_LOCALES, gettext_for
from reportgen.model.common import Language


def date(day: dt.date, lang: Language) -> str:
    return _format_date(day, "d MMMM y", locale=BABEL_LOCALES[lang])


def weekday_date(day: dt.date, lang: Language, in_sentence: bool = False) -> str:
    """ "Friday 13 March 2026". CLDR capitalises the Welsh "Dydd Gwener", as a table cell or a
    heading starts it; inside a sentence Welsh writes "dydd Gwener" (the day keeps its capital).
    """
    text = _format_date(day, "EEEE d MMMM y", locale=BABEL_LOCALES[lang])
    if in_sentence and lang == "cy" and text.startswith("Dydd "):
        text = "d" + text[1:]
    return text


def month_range(start: dt.date, end: dt.date, lang: Language) -> str:
    """ "October 2025 to September 2026": the months a period covers."""
    def month(day: dt.date) -> str:
        return _format_date(day, "LLLL y", locale=BABEL_LOCALES[lang])
    if (start.year, start.month) == (end.year, end.month):
        return month(start)
    return gettext_for(lang)("{start} to {end}").format(start=month(start), end=month(end))


def date_range(start: dt.date, end: dt.date, lang: Language) -> str:
    """ "2 to 13 March 2026" style ranges, each end in full where month or year differ."""
    _ = gettext_for(lang)
    span = _("{start} to {end}")
    if (start.year, start.month) == (end.year, end.month):
        first = str(start.day)
    elif start.year == end.year:
        first = _format_date(start, "d MMMM", locale=BABEL_LOCALES[lang])
    else:
        first = date(start, lang)
    return span.format(start=first, end=date(end, lang))


def percent(value: int | None, lang: Language) -> str:
    """A whole-number percentage already rounded by reportgen.rules.rounding.percent."""
    if value is None:
        return "–"
    return format_percent(value / 100, locale=BABEL_LOCALES[lang])


def number(value: int, lang: Language) -> str:
    return format_decimal(value, locale=BABEL_LOCALES[lang])
