"""Letters, project plans, panel summaries and the national review say what the data and the
calendar say."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pytest
from docx import Document

from reportgen import pipeline
from reportgen.errors import RenderError
from reportgen.loading import parse
from reportgen.ooxml.text import cell_text, paragraph_text
from reportgen.rules.calendar import plan_calendar
from tests.conftest import EAST, FIXTURES, WALES, fixture, run

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DATE = re.compile(r"(\d{1,2})(?: (" + "|".join(MONTHS) + r"))?(?: (\d{4}))?")


def text_of(path) -> str:
    doc = Document(str(path))
    cells = [cell_text(c) for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([paragraph_text(p) for p in doc.paragraphs] + cells)


def full_dates(text: str) -> set[dt.date]:
    """Every complete date ("2 March 2026") in a text."""
    found = re.findall(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", text)
    return {dt.date(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in found}


def calendar_dates(plan_path) -> set[dt.date]:
    plan = parse(plan_path).data
    found = plan_calendar(plan)
    days = {m.date for m in found} | {m.end for m in found if m.end}
    days |= {p.fieldwork.start for p in plan.pdus} | {p.fieldwork.end for p in plan.pdus}
    return days


@pytest.mark.parametrize(("stem", "plan"), [("wales-announcement-1.cy+en", WALES),
                                            ("east-of-england-announcement-1.en", EAST),
                                            ("east-of-england-announcement-2.en", EAST)])
def test_every_date_in_a_letter_is_the_calendars(rendered, stem, plan):
    text = text_of(rendered / f"{stem}.docx")
    dates = full_dates(text)
    assert dates and dates <= calendar_dates(plan / "plan.json"), dates - calendar_dates(
        plan / "plan.json")


def test_the_regional_announcement_holds_what_the_manual_asks(rendered):
    text = text_of(rendered / "wales-announcement-1.cy+en.docx")
    assert "Our reference: HMIP/PR/2026/WAL/1" in text
    assert "Date: 19 January 2026" in text  # six weeks before Monday 2 March 2026
    assert "Dear Angharad Williams" in text
    assert "link senior manager for the inspection by Tuesday 27 January 2026" in text
    assert "planning meeting will be held on Tuesday 27 January 2026 at 10:00" in text
    assert "provisionally planned for 22 June to 24 July 2026" in text
    assert "evidence in advance portal by Monday 9 February 2026" in text
    assert "probationinspections@hmiprobation.gov.uk" in text
    assert "This letter announces all of them." in text
    for pdu in ("Cardiff and the Vale", "Gwent", "North Wales"):
        assert pdu in text
    assert ("Copy: Rhian Pritchard, Dafydd Morgan, Catrin Hughes, Huw Jenkins, Eleri Thomas, "
            "Gwion Parry") in text


def test_a_later_batch_letter_lists_only_its_pdus(rendered):
    text = text_of(rendered / "east-of-england-announcement-2.en.docx")
    assert "batch 2 of 2" in text and "Date: 2 March 2026" in text
    assert "Milton Keynes" in text and "Thurrock" in text and "Bedfordshire" not in text


@pytest.mark.parametrize("key", [None, "gwent"])
def test_project_plan_rows_and_ics_events_are_the_calendars(rendered, key):
    stem = f"{key or 'wales'}-project-plan.en"
    doc = Document(str(rendered / f"{stem}.docx"))
    rows = [[cell_text(c) for c in r.cells] for r in doc.tables[0].rows[1:]]
    with open(rendered / f"{stem}.ics", "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(rows) > 5
    plan = parse(WALES / "plan.json").data
    found = plan_calendar(plan)
    fieldwork = {"pdu_casework_fieldwork", "pdu_meetings_fieldwork"}
    expected = [m for m in found if (m.pdu == key if key else
                                     m.pdu is None or m.id in fieldwork)]
    assert len(rows) == len(expected)
    for event, m in zip(events, sorted(expected, key=lambda m: m.date), strict=True):
        start = event.decoded("dtstart")
        assert (start.date() if isinstance(start, dt.datetime) else start) == m.date
    for row in rows:
        assert full_dates(row[1]) or DATE.search(row[1])


def test_ics_planning_meeting_is_timed_in_uk_time(rendered):
    with open(rendered / "wales-project-plan.en.ics", "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    meeting = next(e for e in cal.walk("VEVENT") if "planning meeting" in str(e["summary"])
                   and "Initial" in str(e["summary"]))
    start = meeting.decoded("dtstart")
    assert start.isoformat() == "2026-01-27T10:00:00+00:00"
    assert str(start.tzinfo) == "Europe/London"
    assert (meeting.decoded("dtend") - start).total_seconds() == 90 * 60


def test_bank_holidays_are_flagged_in_the_plan(rendered):
    text = text_of(rendered / "gwent-project-plan.en.docx")
    assert "Bank holiday: Good Friday (3 April 2026)" in text


SUMMARIES = [*sorted((WALES / "pdus").glob("*.json"))[:3], WALES / "region.json"]


@pytest.mark.parametrize("path", SUMMARIES, ids=lambda p: p.stem)
def test_panel_summary_ratings_equal_the_inputs(rendered, path):
    data = json.loads(path.read_text())
    code = data["pdu"]["code"] if "pdu" in data else data["region"]["code"]
    doc = Document(str(rendered / f"{code}-panel-summary.en.docx"))
    rows = [[cell_text(c) for c in r.cells] for r in doc.tables[0].rows[1:]]
    if "pdu" in data:
        finalised = {**data["domain_one"], **data["domain_two"]}
    else:
        finalised = {"R 1.1": data["leadership"], "R 1.2": data["staffing"],
                     **data["domain_two"]}
    for row, (std_code, std) in zip(rows, finalised.items(), strict=False):
        assert row[0].startswith(std_code.split(" ")[1])
        assert row[1].replace(" ☆", "") == std["rating"]
    assert rows[-1][1].replace(" ☆", "") == data["overall_rating"]
    text = text_of(rendered / f"{code}-panel-summary.en.docx")
    assert data["panel"]["chair"]["name"] in text


def test_panel_summary_refuses_an_unrecorded_disagreement():
    loaded = parse(FIXTURES / "pdu-disagreement.json")
    jobs = pipeline.jobs_for(loaded, ["panel-summary"], ["en"])
    with pytest.raises(RenderError) as caught:
        pipeline.render_docx(jobs[0])
    message = str(caught.value)
    assert "cannot be rendered while finalised ratings differ" in message
    assert "P 2.3: finalised Requires improvement, rules give Inadequate" in message
    assert "$.panel.departures" in message


def test_panel_summary_shows_a_recorded_departure_with_its_reason(write, tmp_path):
    data = fixture("pdu-disagreement.json")
    reason = "Two cases were wrongly judged; re-read by the panel."
    data["panel"]["departures"] = [{"standard": "P 2.3", "reason": reason}]
    result = run("render", write(data), "--doc", "panel-summary", "--format", "docx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "out" / "bedfordshire-disagreement-panel-summary.en.docx")
    assert "Decisions of the panel" in text
    assert reason in text
    # Fieldwork ended Friday 23 January 2026: the summary goes by the end of week +2.
    assert "by Friday 6 February 2026" in text


def test_national_review_has_every_key_question_unrated(rendered):
    text = text_of(rendered / "national-review.en.docx")
    review = json.loads((FIXTURES / "national-review.json").read_text())
    assert "We do not rate the national level" in text
    for std in review["standards"].values():
        for kq in std["key_questions"].values():
            assert kq["findings"][0]["en"] in text
    for code in ("N.1.1", "N.2.3", "N.3.2", "N.4.2"):
        assert code in text
    assert not re.search(r"\b(Inadequate|Requires improvement|Outstanding)\b", text)
