"""Who may change what, decided by the paths a change touches (reportgen/data/policy.toml), for
every way a change comes. An accepted category A factual accuracy item could --set any path: as
the lead inspector, a standard's rating went from Good to Outstanding as a new data version."""

from __future__ import annotations

import json

import pytest

from reportgen.bundle import Bundle
from reportgen.workflow import accounts, factual_accuracy, policy, tracker
from reportgen.workflow.accounts import Forbidden
from reportgen.workflow.store import Store
from tests.conftest import FIXTURES, TEAM, WALES, add_team, walk

GWENT = WALES / "pdus" / "gwent.json"

# A change of each family, to Gwent's data: (family, address, value). Each value differs
# from Gwent's own.
CHANGES = [
    ("judgements", '$.domain_one["P 1.1"].rating', "Outstanding"),
    ("judgements", "$.overall_rating", "Outstanding"),
    ("judgements", '$.domain_two["P 2.1"].key_questions["P 2.1.1"].core.yes', 99),
    ("judgements", "$.case_profile.core_cases", 99),
    ("judgements", "$.panel.date", "2026-12-31"),
    ("publication", "$.publication_date", "2026-06-12"),
    ("narrative", "$.foreword[0].en", "A new foreword."),
    ("narrative", '$.domain_one["P 1.1"].strengths[0].en', "A strength."),
    ("welsh", "$.foreword[0].cy", "Rhagair newydd."),
    ("facts", "$.case_profile.women", 99),
    ("facts", "$.head_of_pdu.name", "Someone Else"),
]
ROLES = list(TEAM)


def families_of_roles() -> dict[str, set[str]]:
    return {f.id: set(f.roles) for f in policy.families()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("family", "address", "value"), CHANGES)
def test_each_role_may_change_only_its_families(role, family, address, value):
    before = Bundle.read(GWENT)
    after = before.with_value(address, value, new_field=address == "$.publication_date")
    [(_, found)] = policy.touched(before, after)
    assert found is not None and found.id == family
    refused = policy.refusals((role,), before, after)
    allowed = {"judgements": {"coo"}, "publication": {"publication"},
               "welsh": {"translator", "editor", "coo"},
               "narrative": {"lead-inspector", "editor", "coo"},
               "facts": {"lead-inspector", "editor", "coo"}}[family]
    assert (refused == []) == (role in allowed), refused


def _leaves(value, keys=()):
    if isinstance(value, dict) and not ({"en"} <= set(value) <= {"en", "cy", "cy_in",
                                                                  "cy_source"}):
        for k, v in value.items():
            yield from _leaves(v, (*keys, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*keys, i))
    else:
        yield keys


@pytest.mark.parametrize("name", ["pdu-maximal.json", "wales/region.json",
                                  "national-review.json"])
def test_every_value_of_the_data_has_a_family(name):
    """A value no family names is nobody's to change: the policy must cover the schema."""
    from reportgen.jsonpath import jsonpath
    data = json.loads((FIXTURES / name).read_text())
    missing = [jsonpath(k) for k in _leaves(data)
               if k and policy.family_of(jsonpath(k)) is None
               and k[0] not in ("kind", "schema_version")]
    assert missing == []


@pytest.fixture
def at_factual_accuracy(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    add_team(store)
    report_id = tracker.start(store, GWENT, "pdu-report", TEAM["lead-inspector"])
    walk(store, report_id, "initial-edit", "strategic-edit", "chief-inspector-review",
         "factual-accuracy")
    factual_accuracy.send(store, report_id, TEAM["editor"])
    store.add_fa_items(report_id, [{"paragraph": 0, "cites": "Table 1, row 1",
                                    "current_text": "Good", "proposed": "Outstanding",
                                    "category": "A", "evidence": ""}], "sha", "form.docx",
                       TEAM["editor"])
    return store, report_id


@pytest.mark.parametrize("role", ["lead-inspector", "editor"])
def test_a_rating_changed_through_factual_accuracy_by_anyone_but_the_coo_is_refused(
        at_factual_accuracy, role):
    store, report_id = at_factual_accuracy
    answer = factual_accuracy.Answer(None, factual_accuracy.parse_values(
        ['$.domain_one["P 1.1"].rating="Outstanding"']))
    before = store.data(report_id).number
    with pytest.raises(Forbidden, match=r"may not change ratings, the case counts they rest "
                       r"on, and the ratings panel's decisions \(Chief operating officer "
                       r"only\): \$\.domain_one\[\"P 1\.1\"\]\.rating"):
        factual_accuracy.decide(store, report_id, 1, "accepted", "", TEAM[role], answer)
    assert store.data(report_id).number == before
    assert any(line.action == "change data" and not line.allowed
               for line in store.audit_lines(report_id))
    version = factual_accuracy.decide(store, report_id, 1, "accepted", "", TEAM["coo"], answer)
    data = json.loads(store.data(report_id, version).content)
    assert data["files"]["gwent.json"]["domain_one"]["P 1.1"]["rating"] == "Outstanding"


def test_a_translator_may_change_welsh_but_not_english(at_factual_accuracy):
    store, report_id = at_factual_accuracy
    _, bundle = tracker.editions.held(store, report_id)
    with pytest.raises(Forbidden, match=r"the report's narrative.*\$\.foreword\[0\]"):
        tracker.keep_data(store, report_id, bundle.with_text("$.foreword[0]", "en", "New."),
                          TEAM["translator"], "an edit")
    tracker.keep_data(store, report_id, bundle.with_text("$.foreword[0]", "cy", "Newydd."),
                      TEAM["translator"], "a translation")
    assert accounts.get(store, TEAM["translator"]) is not None
