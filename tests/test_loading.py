"""Bad input gets one line per problem, naming where, what was expected and what was found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.loading import parse
from reportgen.reading import MAX_BYTES
from tests.conftest import EAST, FIXTURES, fixture, run

GWENT = "wales/pdus/gwent.json"


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse(path)
    return [p.line() for p in caught.value.problems]


def one_problem(path: Path) -> str:
    found = problems(path)
    assert len(found) == 1, found
    return found[0]


def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"kind": "pdu-inspection",\n  "schema_version": 1,\n  "pdu": [1,}\n')
    assert "line 3, column 13: expected valid JSON" in one_problem(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b'{"kind": "pdu-inspection",\n "name": "Caf\xe9"}')
    line = one_problem(path)
    assert "expected UTF-8 text" in line and "0xE9 at line 2" in line


def test_utf8_with_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / GWENT).read_bytes())
    assert parse(path).data.pdu.code == "gwent"


def test_empty_file(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("  \n")
    assert one_problem(path).endswith("$: expected a JSON object; found an empty file")


def test_enormous_file_is_refused_unread(tmp_path):
    path = tmp_path / "x.json"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    assert "expected a file of at most 5 MiB" in one_problem(path)


def test_top_level_must_be_an_object(write):
    assert "expected a JSON object; found a JSON list" in one_problem(write([1, 2]))


def test_duplicate_keys(write, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"kind": "pdu-inspection", "kind": "regional-inspection"}')
    assert 'expected each key once in an object; found "kind" given twice' in one_problem(path)


def test_unknown_kind(write):
    line = one_problem(write({"kind": "pdu"}))
    assert '$.kind: expected one of "pdu-inspection"' in line and 'found "pdu"' in line


def test_missing_field_wrong_type_negative_and_fractional_counts(write):
    data = fixture(GWENT)
    del data["head_of_pdu"]
    data["case_profile"]["women"] = "six"
    data["domain_two"]["P 2.1"]["key_questions"]["P 2.1.1"]["core"]["yes"] = -3
    data["domain_two"]["P 2.2"]["key_questions"]["P 2.2.1"]["core"]["no"] = 2.5
    found = problems(write(data))
    assert any("$.head_of_pdu: expected a value (this field is required); found nothing" in p
               for p in found)
    assert any('$.case_profile.women: expected a whole number; found "six"' in p for p in found)
    assert any('key_questions["P 2.1.1"].core.yes: expected a number of at least 0; found -3' in p
               for p in found)
    assert any('key_questions["P 2.2.1"].core.no: expected a whole number; found 2.5' in p
               for p in found)
    assert len(found) == 4


def test_misspelt_field(write):
    data = fixture(GWENT)
    data["overal_rating"] = data.pop("overall_rating")
    found = problems(write(data))
    assert any("$.overal_rating: expected no such field (check its spelling)" in p for p in found)
    assert any("$.overall_rating: expected a value" in p for p in found)


def test_counts_that_do_not_add_up_to_the_cases_inspected(write):
    data = fixture(GWENT)
    cases = data["case_profile"]["core_cases"]
    data["domain_two"]["P 2.3"]["key_questions"]["P 2.3.2"]["core"] = {"yes": cases, "no": 1}
    line = one_problem(write(data))
    assert line.endswith(f'$.domain_two["P 2.3"].key_questions["P 2.3.2"].core: expected yes + '
                         f"no = {cases} (the core cases inspected); "
                         f"found {cases} + 1 = {cases + 1}")


def test_unknown_and_missing_standard_codes(write):
    data = fixture(GWENT)
    data["domain_one"]["P 1.4"] = data["domain_one"].pop("P 1.3")
    found = problems(write(data))
    assert any('$.domain_one["P 1.4"]: expected one of P 1.1, P 1.2, P 1.3; found "P 1.4"' in p
               for p in found)
    assert any("$.domain_one: expected an entry for P 1.3; found none" in p for p in found)


def test_unknown_key_question(write):
    data = fixture(GWENT)
    kq = data["domain_two"]["P 2.1"]["key_questions"]
    kq["P 2.1.9"] = kq.pop("P 2.1.3")
    assert any('["P 2.1.9"]: expected one of P 2.1.1, P 2.1.2, P 2.1.3' in p
               for p in problems(write(data)))


def test_fieldwork_not_starting_on_monday(write):
    data = fixture(GWENT)
    data["fieldwork"]["start"] = "2026-03-17"
    assert one_problem(write(data)).endswith(
        "$.fieldwork.start: expected fieldwork to start on a Monday; found Tuesday 2026-03-17")


def test_wrong_date_format(write):
    data = fixture(GWENT)
    data["fieldwork"]["end"] = "27/03/2026"
    assert "$.fieldwork.end: expected a date written YYYY-MM-DD" in one_problem(write(data))


def test_control_characters_are_refused(write):
    data = fixture(GWENT)
    data["foreword"][0] = "Bad \u0007 bell"
    assert one_problem(write(data)).endswith(
        "$.foreword[0].en: expected text without control characters; found U+0007 at character 5")


def test_duplicated_pdu_in_region(write, tmp_path):
    shutil.copytree(EAST / "pdus", tmp_path / "pdus")
    data = fixture("east-of-england/region.json")
    data["pdus"].append(data["pdus"][3])
    line = one_problem(write(data))
    assert line.endswith("$.pdus[11]: expected each PDU once; found essex-south again "
                         "(first at $.pdus[3])")


def test_problems_in_a_pdu_file_are_reported_with_its_name(write, tmp_path):
    region = fixture("wales/region.json")
    pdu = fixture(GWENT)
    pdu["overall_rating"] = "Very good"
    pdu_path = write(pdu, "pdus/gwent.json")
    region["pdus"] = [{"file": "pdus/gwent.json"}]
    found = problems(write(region))
    assert any(str(pdu_path) in p and "$.overall_rating: expected one of" in p for p in found)


def test_every_fixture_is_valid():
    from tests.conftest import all_fixtures
    for path in all_fixtures():
        parse(path)


def test_validate_command_exit_status_and_output(write):
    data = fixture(GWENT)
    data["fieldwork"]["start"] = "2026-03-17"
    bad = write(data)
    result = run("validate", bad)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{bad}: $.fieldwork.start: expected fieldwork to start on a Monday; found Tuesday "
        "2026-03-17"]
    good = run("validate", FIXTURES / GWENT)
    assert good.exit_code == 0 and "valid pdu-inspection" in good.stdout


def test_validate_reports_every_file(write, tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("")
    result = run("validate", empty, tmp_path / "missing.json")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 2
    assert "no such file" in result.stderr


def test_json_schema_describes_every_kind_of_file():
    schema = json.loads(run("schema").stdout)
    assert set(schema["$defs"]) == {"pdu-inspection", "regional-inspection", "inspection-plan",
                                    "national-review"}
    pdu = json.loads(run("schema", "pdu-inspection").stdout)
    assert "case_profile" in pdu["required"]


def test_plan_with_a_pdu_in_two_batches(write):
    data = fixture("east-of-england/plan.json")
    data["batches"][1]["pdus"].append(data["batches"][0]["pdus"][0])
    found = problems(write(data))
    assert any('$.batches[1].pdus[5].code: expected each PDU in one batch only; found '
               'bedfordshire, already at $.batches[0].pdus[0]' in p for p in found)


def test_plan_with_batches_out_of_order(write):
    data = fixture("east-of-england/plan.json")
    data["batches"].reverse()
    found = problems(write(data))
    assert any("$.batches[1]: expected fieldwork after the previous batch's first fieldwork" in p
               for p in found)


def test_plan_with_regional_fieldwork_before_the_last_pdu(write):
    data = fixture("wales/plan.json")
    data["regional_fieldwork"]["casework"] = {"start": "2026-06-08", "end": "2026-06-12"}
    found = problems(write(data))
    assert any("$.regional_fieldwork.casework.start: expected a date after the last PDU "
               "fieldwork ends (2026-06-12)" in p for p in found)


def test_plan_batch_count_against_the_manual_is_a_warning(write):
    data = fixture("east-of-england/plan.json")  # 11 PDUs: the manual says two batches
    data["batches"] = [{"pdus": [p for b in data["batches"] for p in b["pdus"]]}]
    loaded = parse(write(data))
    assert [w.line() for w in loaded.warnings] == [
        f"warning: {loaded.path}: $.batches: expected 2 batch(es) for a region of 11 PDUs "
        "(§3.3); found 1"]
    result = run("validate", loaded.path)
    assert result.exit_code == 0 and "warning:" in result.stderr


def test_plan_fieldwork_end_before_start(write):
    data = fixture("wales/plan.json")
    data["batches"][0]["pdus"][0]["fieldwork"] = {"start": "2026-03-16", "end": "2026-03-13"}
    assert any("expected the end of fieldwork after its start" in p
               for p in problems(write(data)))


def test_national_review_with_a_missing_key_question(write):
    data = fixture("national-review.json")
    del data["standards"]["N.2"]["key_questions"]["N.2.2"]
    assert one_problem(write(data)).endswith(
        '$.standards["N.2"].key_questions: expected an entry for N.2.2; found none')


def test_regional_meetings_straight_after_the_casework_week_is_a_warning(write):
    data = fixture("wales/plan.json")
    data["regional_fieldwork"]["meetings"] = {"start": "2026-06-29", "end": "2026-07-10"}
    loaded = parse(write(data))
    assert [w.line().split(": ", 2)[-1] for w in loaded.warnings] == [
        "$.regional_fieldwork.meetings.start: expected a gap of at least a week after the unpaid "
        "work and victim casework (§2.4); found meetings from 2026-06-29"]
