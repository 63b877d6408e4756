"""The rules and the calendar at their edges: fieldwork too short for the calendar, dates it
cannot lay out, standards the rules cannot rate, PDUs with fewer cases than the manual's
minimum."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from reportgen.model.common import EARLIEST, LATEST, Fieldwork, PduFieldwork
from reportgen.model.region import RegionalFieldwork
from reportgen.rules.calendar import milestones, pdu_milestones
from tests.conftest import EAST, FIXTURES, WALES, fixture, run

MONDAYS = st.integers(0, (LATEST - EARLIEST).days // 7).map(
    lambda n: EARLIEST + dt.timedelta(days=(7 - EARLIEST.weekday()) % 7 + 7 * n))


def _fieldwork(model, start: dt.date, weeks: int):
    """The fieldwork, or None where the model refuses it."""
    try:
        return model.model_validate({"start": start, "end": start + dt.timedelta(
            weeks=weeks - 1, days=4)})
    except ValidationError:
        return None


def _ordered(found) -> None:
    for m in found:
        assert m.end is None or m.end >= m.date, f"{m.id}: {m.date} to {m.end}"


@given(start=MONDAYS, weeks=st.integers(1, 12), wales=st.booleans())
def test_no_pdu_milestone_period_ends_before_it_starts(start, weeks, wales):
    fieldwork = _fieldwork(PduFieldwork, start, weeks)
    if weeks < 2:
        assert fieldwork is None  # refused: the calendar cannot lay one week out
        return
    if fieldwork is None:  # beyond the dates the calendar lays out
        assert start + dt.timedelta(weeks=weeks) > LATEST
        return
    _ordered(pdu_milestones(fieldwork.start, fieldwork.end, wales, "x", fieldwork.start))


@given(casework=MONDAYS, gap=st.integers(1, 8), weeks=st.integers(1, 4), wales=st.booleans())
def test_no_regional_milestone_period_ends_before_it_starts(casework, gap, weeks, wales):
    first = _fieldwork(Fieldwork, casework, 1)
    meetings = _fieldwork(Fieldwork, casework + dt.timedelta(weeks=gap), weeks)
    if first is None or meetings is None:
        return
    regional = RegionalFieldwork(casework=first, meetings=meetings)
    _ordered(milestones("region", {"regional_fieldwork": regional.casework.start,
                                   "regional_meetings": regional.meetings.start,
                                   "regional_fieldwork_end": regional.end,
                                   "first_pdu_fieldwork": casework}, wales))


def test_one_week_of_pdu_fieldwork_is_refused_with_the_rule(write):
    """It was accepted and gave "case inspections 2026-03-02..2026-02-27"."""
    data = fixture("pdu-minimal.json")
    data["fieldwork"]["end"] = (dt.date.fromisoformat(data["fieldwork"]["start"])
                                + dt.timedelta(days=4)).isoformat()
    result = run("validate", write(data))
    assert result.exit_code == 2
    assert "$.fieldwork: expected at least two weeks of PDU fieldwork" in result.stderr
    assert "(§5.1)" in result.stderr


def test_a_plan_with_one_week_of_pdu_fieldwork_is_refused(write):
    data = fixture("wales/plan.json")
    pdu = data["batches"][0]["pdus"][0]
    pdu["fieldwork"]["end"] = (dt.date.fromisoformat(pdu["fieldwork"]["start"])
                               + dt.timedelta(days=4)).isoformat()
    result = run("plan", write(data))
    assert result.exit_code == 2
    assert "$.batches[0].pdus[0].fieldwork: expected at least two weeks" in result.stderr


def test_a_date_the_calendar_cannot_lay_out_is_refused_at_validation(write):
    """Fieldwork in December 9999 crashed `render` with OverflowError in the calendar."""
    data = fixture("pdu-minimal.json")
    data["fieldwork"] = {"start": "9999-12-13", "end": "9999-12-24"}
    data.pop("panel", None)
    data.pop("publication_date", None)
    result = run("render", write(data), "--doc", "pdu-report", "--format", "docx")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "$.fieldwork.start: expected a date from 2000-01-01 to 2099-12-31; found " \
           "9999-12-13" in result.stderr


def _ratings(path) -> dict:
    result = run("ratings", path, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_a_standard_with_no_cases_has_a_null_rating_with_the_reason(tmp_path):
    region = tmp_path / "wales"
    shutil.copytree(WALES, region)
    data = json.loads((region / "region.json").read_text())
    data["domain_two"]["R 2.4"]["key_questions"] = {
        code: {"core": {"yes": 0, "no": 0}} for code in data["domain_two"]["R 2.4"]
        ["key_questions"]}
    (region / "region.json").write_text(json.dumps(data))
    out = _ratings(region / "region.json")
    assert out["standards"]["R 2.4"]["rating"] is None
    assert out["standards"]["R 2.4"]["score"] is None
    assert out["standards"]["R 2.4"]["finalised"] == data["domain_two"]["R 2.4"]["rating"]
    assert "no inspected cases" in out["standards"]["R 2.4"]["reason"]
    assert out["overall"]["not_computed"] == ["R 2.4"]
    assert "R 2.4" in out["overall"]["note"]
    text = run("ratings", region / "region.json").stdout
    assert "R 2.4   not rated by the rules" in text


def test_staffing_without_a_row_for_the_regions_pdu_count_is_null_with_the_reason(tmp_path):
    """Ten PDUs: the manual's staffing table has no row, so the rules give no rating."""
    region = tmp_path / "east"
    shutil.copytree(EAST, region)
    data = json.loads((region / "region.json").read_text())
    data["pdus"] = data["pdus"][:10]
    (region / "region.json").write_text(json.dumps(data))
    out = _ratings(region / "region.json")
    staffing = out["standards"]["R 1.2"]
    assert staffing["rating"] is None and staffing["finalised"] == data["staffing"]["rating"]
    assert "no row for 10 PDUs" in staffing["reason"]
    assert out["overall"]["not_computed"] == ["R 1.2"]


def test_every_standard_rated_says_nothing_is_missing():
    out = _ratings(FIXTURES / "pdu-disagreement.json")
    assert out["overall"]["not_computed"] == [] and "note" not in out["overall"]
    assert all(s["rating"] is not None and "reason" not in s for s in out["standards"].values())


def test_fewer_than_20_inspected_cases_is_a_warning_not_an_error(write):
    data = fixture("pdu-minimal.json")
    profile = data["case_profile"]
    assert profile["core_cases"] + profile.get("adjusted_cases", 0) >= 20
    result = run("validate", write(data))
    assert result.exit_code == 0 and "warning" not in result.stderr
    data = fixture("wales/pdus/gwent.json")
    scale = {"core_cases": 12, "adjusted_cases": 3, "women": 2, "high_risk_of_serious_harm": 1}
    data["case_profile"] = scale
    for std in data["domain_two"].values():
        for counts in std["key_questions"].values():
            counts["core"] = {"yes": 6, "no": 6}
            counts["adjusted"] = {"yes": 2, "no": 1}
    data["regional_case_data"] = {}
    result = run("validate", write(data))
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr
    assert "$.case_profile: expected at least 20 inspected cases in a PDU (§4.1); found " \
           "12 + 3 = 15" in result.stderr
