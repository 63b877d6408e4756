"""What a calendar file holds, as data (drawn into iCalendar by reportgen.render.ical)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Event:
    uid: str  # stable, so importing a plan again updates its events rather than adding them
    summary: str
    start: dt.date
    end: dt.date | None = None  # last day of a period, inclusive
    description: str = ""
    time: str | None = None  # "HH:MM", UK time
    minutes: int | None = None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarSpec:
    name: str
    lang: str
    events: tuple[Event, ...] = field(default_factory=tuple)
