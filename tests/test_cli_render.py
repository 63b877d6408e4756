"""The render commands: outputs, and nothing written when the input is bad."""

import json

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
    assert "a pdu-report is made from a pdu-inspection file, not a inspection-plan" \
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
