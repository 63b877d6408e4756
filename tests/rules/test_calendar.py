"""Every milestone of the calendar for a known date, worked out by hand from the manual."""

import datetime as dt
import json

import pytest

from reportgen.model import InspectionPlan
from reportgen.rules.calendar import milestone, plan_calendar
from tests.conftest import fixture

D = dt.date


def plan(country: str = "England") -> InspectionPlan:
    data = fixture("wales/plan.json")
    data["region"]["country"] = country
    first = data["batches"][0]["pdus"][0]
    first["fieldwork"] = {"start": "2026-03-02", "end": "2026-03-13"}
    data["batches"][0]["pdus"] = [first]
    data["regional_fieldwork"] = {"casework": {"start": "2026-06-22", "end": "2026-06-26"},
                                  "meetings": {"start": "2026-07-13", "end": "2026-07-24"}}
    return InspectionPlan.model_validate_json(json.dumps(data))


# Region: first PDU fieldwork Monday 2 March 2026; regional casework 22-26 June, meetings
# 13-24 July 2026.
REGION = {
    "regional_announcement": D(2026, 1, 19),  # six weeks before the first PDU fieldwork
    "regional_project_plan": D(2026, 1, 26),  # beginning of the week after the announcement
    "staff_questionnaire_opens": D(2026, 1, 26),  # the Monday after the announcement
    "initial_planning_meeting": D(2026, 1, 27),  # Tuesday of the week after
    "organisational_structure": D(2026, 2, 2),  # house choice: two weeks after the announcement
    "regional_evidence_in_advance": D(2026, 2, 9),  # Monday three weeks before first fieldwork
    "regional_fieldwork_planning_meeting": D(2026, 6, 1),  # Monday three weeks before
    "regional_schedule_to_spoc": D(2026, 6, 8),  # Monday two weeks before
    "regional_staff_questionnaire_closes": D(2026, 6, 12),  # two weeks before regional fieldwork
    "regional_casework_fieldwork": D(2026, 6, 22),
    "regional_meetings_fieldwork": D(2026, 7, 13),
    "regional_ratings_panel": D(2026, 7, 31),  # Friday of week +1
    "regional_panel_summary": D(2026, 8, 7),  # end of week +2
    "regional_draft_for_factual_accuracy": D(2026, 8, 28),  # about five weeks after
    "regional_publication": D(2026, 9, 25),  # nine weeks after the end of fieldwork
    "regional_action_plan": D(2026, 11, 25),  # two months after publication
}
PDU = {
    "pdu_announcement": D(2026, 1, 19),  # six weeks before its batch's first fieldwork
    "pdu_case_cohort": D(2025, 7, 14),  # 33 weeks before the fieldwork week
    "pdu_evidence_in_advance": D(2026, 2, 9),
    "pdu_fieldwork_planning_meeting": D(2026, 2, 11),  # the manual's own example
    "pdu_schedule_to_spoc": D(2026, 2, 16),
    "pdu_staff_questionnaire_closes": D(2026, 2, 20),
    "pdu_schedule_changes": D(2026, 2, 23),
    "pdu_casework_fieldwork": D(2026, 3, 2),
    "pdu_meetings_fieldwork": D(2026, 3, 9),
    "pdu_ratings_panel": D(2026, 3, 20),
    "pdu_panel_summary": D(2026, 3, 27),
    "pdu_draft_for_factual_accuracy": D(2026, 4, 10),
    "pdu_publication": D(2026, 5, 8),  # eight weeks after fieldwork ends (Friday 13 March)
}
ENDS = {
    "regional_casework_fieldwork": D(2026, 6, 26),
    "regional_meetings_fieldwork": D(2026, 7, 24),
    "pdu_case_cohort": D(2025, 9, 7),  # the Sunday ending the week 26 weeks before
    "pdu_casework_fieldwork": D(2026, 3, 6),
    "pdu_meetings_fieldwork": D(2026, 3, 13),
}


def test_every_milestone_for_a_known_date():
    found = plan_calendar(plan())
    code = "cardiff-and-the-vale"
    got = {m.id: m.date for m in found}
    assert got == REGION | PDU
    for mid, end in ENDS.items():
        assert milestone(found, mid, code if mid.startswith("pdu") else None).end == end


def test_wales_publishes_two_weeks_later_and_the_action_plan_follows():
    found = plan_calendar(plan("Wales"))
    assert milestone(found, "regional_publication").date == D(2026, 10, 9)
    assert milestone(found, "regional_action_plan").date == D(2026, 12, 9)
    assert milestone(found, "pdu_publication", "cardiff-and-the-vale").date == D(2026, 5, 22)


def test_bank_holidays_are_flagged_not_moved():
    found = plan_calendar(plan())
    draft = milestone(found, "pdu_draft_for_factual_accuracy", "cardiff-and-the-vale")
    assert not draft.flagged
    wales = fixture("wales/plan.json")
    gwent = plan_calendar(InspectionPlan.model_validate_json(json.dumps(wales)))
    panel = milestone(gwent, "pdu_ratings_panel", "gwent")
    assert panel.date == D(2026, 4, 3) and panel.bank_holidays == ((D(2026, 4, 3), "Good Friday"),)
    meetings = milestone(gwent, "pdu_meetings_fieldwork", "cwm-taf-morgannwg")
    assert [d for d, _ in meetings.bank_holidays] == [D(2026, 5, 4)]  # May Day inside the week


def test_cohort_window_is_not_flagged():
    found = plan_calendar(plan())
    assert not milestone(found, "pdu_case_cohort", "cardiff-and-the-vale").flagged


@pytest.mark.parametrize("mid", sorted(REGION))
def test_plan_json_gives_iso_dates(mid):
    from tests.conftest import WALES, run
    out = json.loads(run("plan", WALES / "plan.json", "--json").stdout)
    ids = {m["id"] for m in out["milestones"]}
    assert mid in ids
    m = next(m for m in out["milestones"] if m["id"] == mid)
    assert D.fromisoformat(m["date"]) and isinstance(m["bank_holiday"], bool)


def test_a_later_batch_is_announced_six_weeks_before_its_own_first_fieldwork():
    found = plan_calendar(InspectionPlan.model_validate_json(
        json.dumps(fixture("east-of-england/plan.json"))))
    # Batch 2 starts with the seventh PDU, Milton Keynes: fieldwork Monday 13 April 2026.
    second = milestone(found, "pdu_announcement", "milton-keynes")
    assert second.date == D(2026, 3, 2)
    same_batch = milestone(found, "pdu_announcement", "thurrock")
    assert same_batch.date == D(2026, 3, 2)
    # Its evidence in advance is due three weeks before its own fieldwork.
    assert milestone(found, "pdu_evidence_in_advance", "milton-keynes").date == D(2026, 3, 23)
