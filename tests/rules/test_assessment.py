"""Finalised ratings are compared with the rules; differences are reported, never overwritten."""

from reportgen.loading import parse
from reportgen.model import PduInspection, Rating, RegionalInspection
from reportgen.rules.assessment import assess_pdu, assess_region
from tests.conftest import FIXTURES, WALES, fixture

I, R, G, O = Rating


def pdu(data: dict) -> PduInspection:
    return PduInspection.model_validate_json(__import__("json").dumps(data))


def test_fixture_written_to_disagree_reports_the_standard():
    a = assess_pdu(parse(FIXTURES / "pdu-disagreement.json").data)
    assert [(d.standard, d.finalised, d.computed) for d in a.disagreements] == [("P 2.3", R, I)]
    assert a.standards["P 2.3"].finalised == R  # the panel's rating is kept


def test_domain_two_rating_a_band_too_low_and_the_overall_that_follows():
    data = fixture("wales/pdus/dyfed-powys.json")  # P 2.1 Outstanding, overall Good (15)
    data["domain_two"]["P 2.1"]["rating"] = "Good"
    data["overall_rating"] = "Outstanding"
    a = assess_pdu(pdu(data))
    found = {d.standard: (d.finalised, d.computed) for d in a.disagreements}
    assert found == {"P 2.1": (G, O), "overall": (O, G)}
    assert not any(d.recorded for d in a.disagreements)


def test_a_departure_recorded_by_the_panel_is_marked_and_its_rating_counts():
    data = fixture("pdu-disagreement.json")
    data["panel"]["departures"] = [{"standard": "P 2.3", "reason": "Two cases were re-read."}]
    a = assess_pdu(pdu(data))
    assert [(d.standard, d.recorded) for d in a.disagreements] == [("P 2.3", True)]
    assert a.unrecorded == []
    assert a.score == 7  # the panel's Requires improvement (1) counts, not Inadequate (0)


def test_outstanding_leadership_needs_a_diversity_review():
    data = fixture("east-of-england/pdus/norfolk.json")
    del data["domain_one"]["P 1.1"]["diversity_review"]
    a = assess_pdu(pdu(data))
    assert [d.standard for d in a.disagreements] == ["P 1.1"]
    assert "diversity" in a.disagreements[0].reason


def test_regional_staffing_moderated_by_the_panel_agrees():
    loaded = parse(WALES / "region.json")
    a = assess_region(loaded.data, loaded.pdus)
    assert a.disagreements == []
    staffing = a.standards["R 1.2"]
    assert staffing.finalised == R and staffing.computed == R


def _region(change) -> list[tuple[str, str]]:
    loaded = parse(WALES / "region.json")
    data = loaded.data.model_dump(mode="json", exclude_none=True)
    change(data)
    region = RegionalInspection.model_validate_json(__import__("json").dumps(data))
    return [(d.standard, d.reason) for d in assess_region(region, loaded.pdus).disagreements]


def test_regional_staffing_changed_without_moderation_is_reported():
    def change(d):
        d["staffing"]["moderated"] = False
    assert _region(change) == [("R 1.2", "the final rating differs from the indicative one but "
                                         "moderated is false"), ]


def test_wrong_indicative_staffing_rating_is_reported():
    def change(d):
        d["staffing"]["indicative_rating"] = "Outstanding"
        d["staffing"]["rating"] = "Requires improvement"
    found = _region(change)
    assert ("R 1.2", "the indicative rating from the PDUs' staffing scores differs") in found


def test_regional_case_standards_sum_every_pdu_case():
    loaded = parse(WALES / "region.json")
    a = assess_region(loaded.data, loaded.pdus)
    q = a.standards["R 2.1"].key_questions[0]  # assessment: keeping other people safe
    assert q.code == "R 2.1.1"
    expected = sum(p.domain_two["P 2.1"].key_questions["P 2.1.3"].total.yes
                   for p in loaded.pdus.values())
    assert q.total.yes == expected
    assert q.total.total == sum(p.case_profile.cases for p in loaded.pdus.values())
