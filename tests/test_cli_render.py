"""The render commands: outputs, and nothing written when the input is bad."""

import json

import pytest

from tests.conftest import FIXTURES, fixture, run


def test_render_refuses_bad_input_and_writes_nothing(write, tmp_path):
    data = fixture("wales/pdus/gwent.json")
    data["overall_rating"] = "Excellent"
    out = tmp_path / "out"
    result = run("render", write(data), "--doc", "pdu-report", "--out", out, "--format", "docx")
    assert result.exit_code == 2
    assert "$.overall_rating: expected one of" in result.stderr
    assert not out.exists()


def test_render_refuses_a_document_of_another_kind(tmp_path):
    result = run("render", FIXTURES / "wales/plan.json", "--doc", "pdu-report", "--out",
                 tmp_path, "--format", "docx")
    assert result.exit_code == 2
    assert "a pdu-report is made from a pdu-inspection file, not an inspection-plan file" \
        in result.stderr


def test_render_docx_names_and_summary(tmp_path):
    result = run("render", FIXTURES / "wales/pdus/gwent.json", "--doc", "pdu-report",
                 "--format", "docx", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    # Gwent is in Wales: English and Welsh unless --lang says otherwise.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gwent-pdu-report.cy.docx",
                                                         "gwent-pdu-report.en.docx"]
    assert "Wrote 2 file(s)" in result.stdout


def test_unknown_format_is_refused(tmp_path):
    result = run("render", FIXTURES / "wales/pdus/gwent.json", "--doc", "pdu-report",
                 "--format", "odt", "--out", tmp_path)
    assert result.exit_code == 2 and "choose formats from docx, pdf" in result.output


def test_ratings_json_shape():
    out = json.loads(run("ratings", FIXTURES / "pdu-disagreement.json", "--json").stdout)
    assert out["standards"]["P 2.3"] == {"rating": "Inadequate", "score": 0,
                                         "finalised": "Requires improvement", "basis": "cases"}
    assert out["overall"]["rating"] == "Requires improvement"
    assert [d["standard"] for d in out["disagreements"]] == ["P 2.3"]


def test_two_inputs_writing_the_same_file_are_refused(tmp_path):
    # The maximal fixture is Norfolk too: both would write norfolk-pdu-report.en.docx.
    result = run("render-all", FIXTURES / "east-of-england", FIXTURES / "pdu-maximal.json",
                 "--format", "docx", "--out", tmp_path)
    assert result.exit_code == 2
    assert "two inputs would write the same file(s): " in result.stderr
    assert "norfolk-pdu-report.en" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("command", "file", "says"), [
    (["ratings"], "national-review.json", "ratings are in PDU and regional inspection files"),
    (["ratings"], "wales/plan.json", "is an inspection-plan file"),
    (["plan"], "national-review.json", "it has no fieldwork calendar"),
    (["check", "stats", "REPORT", "--data"], "wales/plan.json",
     "the statistics check traces a report to its PDU or regional inspection file")])
def test_a_command_given_the_wrong_kind_of_file_says_so(tmp_path, command, file, says):
    from docx import Document
    report = tmp_path / "r.docx"
    Document().save(str(report))
    args = [str(report) if a == "REPORT" else a for a in command]
    result = run(*args, FIXTURES / file)
    assert result.exit_code == 2 and says in result.stderr
