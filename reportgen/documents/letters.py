"""Announcement letters (§3.3): the regional announcement to the Regional Probation Director
with the first batch of PDUs, and a letter for each later batch. Every date comes from the
calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportgen import formatting
from reportgen.documents.common import Edition, person
from reportgen.model import InspectionPlan
from reportgen.model.plan import Batch
from reportgen.rules.calendar import Milestone, milestone, plan_calendar


def issue_date(plan: InspectionPlan, number: int, found: list[Milestone]) -> dt.date:
    """The batch's own announcement date if the plan gives one, else the calendar's."""
    batch = plan.batches[number - 1]
    if batch.announced:
        return batch.announced
    return milestone(found, "pdu_announcement", batch.pdus[0].code).date


def batch_rows(ed: Edition, batch: Batch, found: list[Milestone], b: int) -> list[dict]:
    rows = []
    order = sorted(range(len(batch.pdus)), key=lambda i: batch.pdus[i].fieldwork.start)
    for i, pdu in ((i, batch.pdus[i]) for i in order):
        day = milestone(found, "pdu_fieldwork_planning_meeting", pdu.code).date
        rows.append({
            "name": ed.text(pdu.name, f"$.batches[{b}].pdus[{i}].name"),
            "sites": "; ".join(ed.text(site, f"$.batches[{b}].pdus[{i}].sites[{n}]")
                               for n, site in enumerate(pdu.sites)) or "–",
            "fieldwork": formatting.date_range(pdu.fieldwork.start, pdu.fieldwork.end, ed.lang),
            "head": pdu.head_of_pdu.name,
            "planning_meeting": formatting.weekday_date(day, ed.lang),
            "evidence": formatting.weekday_date(
                milestone(found, "pdu_evidence_in_advance", pdu.code).date, ed.lang),
        })
    return rows


def context(plan: InspectionPlan, ed: Edition, number: int) -> dict[str, Any]:
    found = plan_calendar(plan)
    region = ed.text(plan.region.name, "$.region.name")
    signatory = plan.inspectorate.signatory or plan.inspectorate.lead_inspector
    rpd = plan.contacts.regional_probation_director

    def on(mid: str) -> str:  # every such date stands inside a sentence of the letter
        return formatting.weekday_date(milestone(found, mid).date, ed.lang, in_sentence=True)

    batch = plan.batches[number - 1]
    first_batch = number == 1
    region_in = ed.place_in(plan.region.name, "$.region.name")
    subject = (ed.t("Announcement of the inspection of probation services {region_in}")
               if first_batch else
               ed.t("Inspection of probation services {region_in}: PDUs in batch {number}"))
    meeting = plan.initial_planning_meeting
    return {
        "title": subject.format(region_in=region_in, number=number),
        "subject": ed.t("Announcement letter"),
        "keywords": ", ".join([region, ed.t("announcement"), ed.t("inspection")]),
        "reference": f"{plan.reference}/{number}",
        "date": formatting.date(issue_date(plan, number, found), ed.lang),
        "addressee": person(ed, rpd, "$.contacts.regional_probation_director"),
        "region_name": region,
        "in_wales": plan.region.in_wales,  # the offer to correspond in Welsh
        "region_in": region_in,
        "first_batch": first_batch,
        "batch_number": formatting.number(number, ed.lang),
        "batches": formatting.number(len(plan.batches), ed.lang),
        "batch_total": len(plan.batches),
        "pdus": batch_rows(ed, batch, found, number - 1),
        "pdu_count": formatting.number(len(plan.pdus), ed.lang),
        "regional_fieldwork": formatting.date_range(plan.regional_fieldwork.casework.start,
                                                    plan.regional_fieldwork.end, ed.lang),
        "link_manager_by": on("initial_planning_meeting"),
        "planning_meeting": {"date": on("initial_planning_meeting"), "time": meeting.time,
                             "where": ed.text(meeting.where, "$.initial_planning_meeting.where"),
                             "minutes": formatting.number(meeting.duration_minutes, ed.lang)},
        "questionnaire_opens": on("staff_questionnaire_opens"),
        "structure_by": on("organisational_structure"),
        "evidence_by": on("regional_evidence_in_advance"),
        "mailbox": plan.inspectorate.mailbox,
        "spoc": person(ed, plan.contacts.spoc, "$.contacts.spoc"),
        "administrator": person(ed, plan.inspectorate.administrator,
                                "$.inspectorate.administrator"),
        "signatory": person(ed, signatory, "$.inspectorate.signatory"),
        "copies": [p.head_of_pdu.name for p in batch.pdus],
    }
