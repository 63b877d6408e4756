"""iCalendar files (RFC 5545) through the icalendar package: one event per milestone, all-day
unless a time is known (the planning meeting, in UK time), so that Outlook and other calendar
programs import a project plan."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from reportgen import __version__
from reportgen.documents.events import CalendarSpec
from reportgen.i18n import BCP47

LONDON = ZoneInfo("Europe/London")


def calendar(spec: CalendarSpec) -> bytes:
    name, events, lang = spec.name, spec.events, spec.lang
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//HM Inspectorate of Probation//reportgen {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # X-WR-CALNAME is written unescaped: a line break in it would end the content line.
    cal.add("x-wr-calname", " ".join(name.split()))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", f"{e.uid}@reportgen.hmiprobation")
        ev.add("dtstamp", stamp)
        ev.add("summary", e.summary, parameters={"LANGUAGE": BCP47[lang]})  # type: ignore[index]
        if e.time:
            hour, minute = map(int, e.time.split(":"))
            start = dt.datetime.combine(e.start, dt.time(hour, minute), tzinfo=LONDON)
            ev.add("dtstart", start)
            ev.add("dtend", start + dt.timedelta(minutes=e.minutes or 60))
        else:
            ev.add("dtstart", e.start)
            ev.add("dtend", (e.end or e.start) + dt.timedelta(days=1))  # exclusive
            ev.add("transp", "TRANSPARENT")
        if e.description:
            ev.add("description", e.description, parameters={"LANGUAGE": BCP47[lang]})  # type: ignore[index]
        if e.categories:
            ev.add("categories", list(e.categories))
        cal.add_component(ev)
    if any(e.time for e in events):
        cal.add_missing_timezones()
        for zone in cal.walk("VTIMEZONE"):  # an English note of the library's, in any language
            for part in (zone, *zone.subcomponents):
                part.pop("COMMENT", None)
    return cal.to_ical()
