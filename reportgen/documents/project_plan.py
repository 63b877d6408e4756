"""Project plans (§3.4): the region's (every regional milestone and each PDU's fieldwork) and one
per PDU (its own milestones), as a Word table and as an iCalendar file. Dates from the calendar;
bank holidays flagged, never moved."""

from __future__ import annotations

from typing import Any

from reportgen import formatting
from reportgen.documents.common import N_, Edition, person
from reportgen.documents.events import CalendarSpec, Event
from reportgen.documents.letters import issue_date
from reportgen.model import InspectionPlan
from reportgen.rules.calendar import Milestone, milestone, plan_calendar

WHO = {"inspectorate": N_("HM Inspectorate of Probation"), "region": N_("Region"),
       "pdu": N_("PDU"), "spoc": N_("SPOC")}
FIELDWORK = ("pdu_casework_fieldwork", "pdu_meetings_fieldwork")
# The names the holidays package gives England and Wales's bank holidays, for translation.
BANK_HOLIDAYS = (N_("New Year's Day"), N_("Good Friday"), N_("Easter Monday"), N_("May Day"),
                 N_("Spring Bank Holiday"), N_("Late Summer Bank Holiday"), N_("Christmas Day"),
                 N_("Boxing Day"))


def chosen(plan: InspectionPlan, key: str | None) -> list[Milestone]:
    """The region's plan: its milestones and each PDU's fieldwork; a PDU's: its milestones."""
    found = plan_calendar(plan)
    if key is None:
        return sorted((m for m in found if m.pdu is None or m.id in FIELDWORK),
                      key=lambda m: m.date)
    return [m for m in found if m.pdu == key]


def row(ed: Edition, m: Milestone, names: dict[str, str]) -> dict[str, str]:
    title = ed.t(m.title)
    if m.pdu and m.id in FIELDWORK and len(names) > 1:
        title = f"{names[m.pdu]}: {title}"
    notes = [ed.t("Bank holiday: {names}").format(names=", ".join(
        f"{ed.t(n)} ({formatting.date(d, ed.lang)})" for d, n in m.bank_holidays))] \
        if m.flagged else []
    if m.approximate:
        notes.append(ed.t("Target date (the manual says about)"))
    when = formatting.date_range(m.date, m.end, ed.lang) if m.end else \
        formatting.weekday_date(m.date, ed.lang)
    return {"activity": title, "date": when, "who": ed.t(WHO[m.who]),
            "notes": "; ".join(notes) or "–", "ref": m.ref}


def pdu_names(plan: InspectionPlan, ed: Edition) -> dict[str, str]:
    """Each planned PDU's name, by code, bound to its place in the plan."""
    return {p.code: ed.text(p.name, f"$.batches[{b}].pdus[{i}].name")
            for b, batch in enumerate(plan.batches) for i, p in enumerate(batch.pdus)}


def context(plan: InspectionPlan, ed: Edition, key: str | None) -> dict[str, Any]:
    region = ed.text(plan.region.name, "$.region.name")
    names = pdu_names(plan, ed)
    found = plan_calendar(plan)
    if key is None:
        place = region
        issued = milestone(found, "regional_project_plan").date
    else:
        place = names[key]
        number = next(i for i, b in enumerate(plan.batches, 1) if key in {p.code for p in b.pdus})
        issued = issue_date(plan, number, found)
    milestones = chosen(plan, key)
    rows = [row(ed, m, names) for m in milestones]
    if key is None:
        title = ed.t("Project plan: inspection of probation services {place_in}").format(
            place_in=ed.place_in(plan.region.name, "$.region.name"))
    else:
        title = ed.t("Project plan: inspection of {place} PDU").format(place=place)
    return {
        "title": title,
        "subject": ed.t("Project plan"),
        "keywords": ", ".join([region, ed.t("project plan"), ed.t("inspection")]),
        "place": place,
        "region_name": region,
        "is_region": key is None,
        "reference": plan.reference,
        "issued": formatting.date(issued, ed.lang),
        "rows": rows,
        "flagged": formatting.number(sum(m.flagged for m in milestones), ed.lang),
        "flagged_count": sum(m.flagged for m in milestones),
        "lead_inspector": person(ed, plan.inspectorate.lead_inspector,
                                 "$.inspectorate.lead_inspector"),
        "administrator": person(ed, plan.inspectorate.administrator,
                                "$.inspectorate.administrator"),
        "spoc": person(ed, plan.contacts.spoc, "$.contacts.spoc"),
        "mailbox": plan.inspectorate.mailbox,
    }


def calendar(plan: InspectionPlan, ed: Edition, key: str | None) -> CalendarSpec:
    names = pdu_names(plan, ed)
    events = []
    for m in chosen(plan, key):
        r = row(ed, m, names)
        time = plan.initial_planning_meeting if m.id == "initial_planning_meeting" else None
        who_acts, manual = ed.t("Who acts"), ed.t("Manual")
        events.append(Event(
            uid=f"{plan.reference}/{m.pdu or plan.region.code}/{m.id}",
            summary=r["activity"], start=m.date, end=m.end,
            description=f"{who_acts}: {r['who']}. {manual}: {m.ref}."
                        + ("" if r["notes"] == "–" else f" {r['notes']}."),
            time=time.time if time else None,
            minutes=time.duration_minutes if time else None,
            categories=(ed.t("Bank holiday"),) if m.flagged else ()))
    name = context(plan, ed, key)["title"]
    return CalendarSpec(name, ed.lang, tuple(events))
