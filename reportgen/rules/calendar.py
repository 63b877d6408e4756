"""The inspection calendar: every milestone's date from the fieldwork dates, by the offsets in
reportgen/data/calendar.toml.

"DAY, N weeks before X" is the DAY of the week that begins N weeks before the Monday of X's week
(fieldwork on Monday 2 March 2026: "the Wednesday three weeks before" is 11 February 2026).
A milestone on an England and Wales bank holiday keeps its date and is flagged, so that a person
decides whether to move it: the manual says nothing of bank holidays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import holidays
from dateutil.relativedelta import relativedelta

from reportgen import data
from reportgen.model import InspectionPlan, PduInspection, RegionalInspection

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
Who = Literal["inspectorate", "region", "pdu", "spoc"]


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    date: dt.date
    who: Who
    ref: str
    end: dt.date | None = None  # for a period
    approximate: bool = False
    pdu: str | None = None  # the PDU's code, for PDU milestones
    bank_holidays: tuple[tuple[dt.date, str], ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.bank_holidays)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "pdu": self.pdu, "date": self.date.isoformat(),
            "end": self.end.isoformat() if self.end else None, "who": self.who, "ref": self.ref,
            "approximate": self.approximate, "bank_holiday": self.flagged,
            "bank_holidays": [{"date": d.isoformat(), "name": n} for d, n in self.bank_holidays],
        }


@cache
def _bank_holidays(year: int) -> dict[dt.date, str]:
    # England and Wales share their bank holidays; the holidays package ships them offline.
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def bank_holidays_between(start: dt.date, end: dt.date) -> tuple[tuple[dt.date, str], ...]:
    days = (start + dt.timedelta(n) for n in range((end - start).days + 1))
    found = ((d, _bank_holidays(d.year).get(d)) for d in days)
    return tuple((d, name) for d, name in found if name)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _offset(rule: Mapping[str, Any], anchors: Mapping[str, dt.date], wales: bool) -> dt.date | None:
    anchor = anchors.get(rule["anchor"])
    if anchor is None:
        return None
    if "months" in rule:
        return anchor + relativedelta(months=rule["months"])
    weeks = rule.get("wales_weeks", rule["weeks"]) if wales else rule["weeks"]
    return monday_of(anchor) + dt.timedelta(weeks=weeks, days=DAYS.index(rule["day"]))


def milestones(scope: Literal["region", "pdu"], anchors: Mapping[str, dt.date], wales: bool,
               pdu: str | None = None) -> list[Milestone]:
    """The milestones of one scope whose anchors are known, in the order of the data file."""
    known = dict(anchors)
    found = []
    for rule in data.load("calendar")["milestones"]:
        if rule["scope"] != scope:
            continue
        start = _offset(rule, known, wales)
        if start is None:
            continue
        end = _offset(rule["end"], known, wales) if "end" in rule else None
        known[rule["id"]] = start
        found.append(Milestone(
            id=rule["id"], title=rule["title"], date=start, end=end, who=rule["who"],
            ref=rule["ref"], approximate=rule.get("approximate", False), pdu=pdu,
            bank_holidays=bank_holidays_between(start, end or start)
            if rule.get("flag_bank_holidays", True) else ()))
    return sorted(found, key=lambda m: m.date)  # stable: same-day milestones keep file order


def plan_calendar(plan: InspectionPlan) -> list[Milestone]:
    """Every milestone of a region's inspection: the region's, then each PDU's."""
    first = plan.first_fieldwork
    region = {
        "first_pdu_fieldwork": first,
        "regional_fieldwork": plan.regional_fieldwork.casework.start,
        "regional_meetings": plan.regional_fieldwork.meetings.start,
        "regional_fieldwork_end": plan.regional_fieldwork.end,
    }
    wales = plan.region.in_wales
    found = milestones("region", region, wales)
    for batch in plan.batches:
        batch_start = min(p.fieldwork.start for p in batch.pdus)
        for pdu in sorted(batch.pdus, key=lambda p: p.fieldwork.start):
            found += pdu_milestones(pdu.fieldwork.start, pdu.fieldwork.end, wales, pdu.code,
                                    batch_start)
    return found


def pdu_milestones(start: dt.date, end: dt.date, wales: bool, code: str | None = None,
                   batch_fieldwork: dt.date | None = None) -> list[Milestone]:
    anchors = {"pdu_fieldwork": start, "pdu_fieldwork_end": end}
    if batch_fieldwork:
        anchors["batch_fieldwork"] = batch_fieldwork
    return milestones("pdu", anchors, wales, code)


def inspection_calendar(inspection: PduInspection | RegionalInspection) -> list[Milestone]:
    """The milestones an inspection file alone fixes (after its fieldwork is known)."""
    if isinstance(inspection, PduInspection):
        return pdu_milestones(inspection.fieldwork.start, inspection.fieldwork.end,
                              inspection.region.in_wales, inspection.pdu.code)
    fieldwork = inspection.fieldwork
    return milestones("region", {"regional_fieldwork": fieldwork.casework.start,
                                 "regional_meetings": fieldwork.meetings.start,
                                 "regional_fieldwork_end": fieldwork.end},
                      inspection.region.in_wales)


def milestone(found: list[Milestone], id: str, pdu: str | None = None) -> Milestone:
    return next(m for m in found if m.id == id and m.pdu == pdu)
