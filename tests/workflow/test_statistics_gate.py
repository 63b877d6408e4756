"""The statistics check stage's gate: a pass on both languages' documents of the version held."""

from __future__ import annotations

import hashlib
import io

from docx import Document

from reportgen.checks import statistics
from reportgen.loading import parse
from reportgen.workflow import publish, tracker
from reportgen.workflow.store import Store
from tests.conftest import EAST, WALES

GWENT = WALES / "pdus" / "gwent.json"
ID = "gwent-pdu-report"


def held(store: Store, lang: str) -> tuple[str, bytes]:
    version = store.latest(ID, lang)
    return version.name, store.content(ID, version.id)


def check_and_record(store: Store, *files: tuple[str, bytes]) -> list:
    given = {statistics.read(content).lang: hashlib.sha256(content).hexdigest()
             for _, content in files}
    results = statistics.check_editions(list(files), parse(GWENT),
                                        tracker.held_counterparts(store, ID, given))
    tracker.record_stats(store, ID, results)
    return results


def planted_welsh(content: bytes) -> bytes:
    doc = Document(io.BytesIO(content))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Cwestiwn allweddol")
    table.rows[1].cells[7].paragraphs[0].runs[0].text = "76%"
    table.rows[1].cells[1].paragraphs[0].runs[0].text = "917"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_in_wales_the_gate_needs_the_english_and_the_welsh_held_to_pass(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    tracker.start(store, GWENT, "pdu-report", "Owain Davies")
    stage = next(s for s in tracker.stages(True) if s.gate == "stats_passed")
    assert tracker.gate_problem(store, ID, stage) == (
        "the statistics check has not passed on the English and Welsh versions now held "
        "(reportgen check stats ... --track ID)")
    check_and_record(store, held(store, "en"))
    assert "has not passed on the Welsh version now held" in tracker.gate_problem(
        store, ID, stage)
    [welsh] = check_and_record(store, held(store, "cy"))
    assert welsh.passed and tracker.gate_problem(store, ID, stage) is None

    # A Welsh edition with "76%" and "917" planted, attached later, closes the gate again,
    # and publishing is refused until the check passes on it.
    bad = tmp_path / "gwent.cy.docx"
    bad.write_bytes(planted_welsh(held(store, "cy")[1]))
    tracker.attach(store, ID, "Translator", {"cy": bad})
    assert "not passed on the Welsh version" in tracker.gate_problem(store, ID, stage)
    [result] = check_and_record(store, held(store, "cy"))
    assert not result.passed
    assert {("76%", "66%"), ("917", "20")} <= {
        (x.text, x.expected) for x in result.figures if x.status == "mismatched"}
    assert any("not passed on the Welsh version" in r for r in publish.refusals(store, ID))


def test_outside_wales_the_english_alone_is_checked(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    report = tracker.start(store, EAST / "pdus" / "luton.json", "pdu-report", "Rachel Moss")
    assert tracker.stats_languages(store, report) == ["en"]
    version = store.latest(report, "en")
    results = statistics.check_editions([(version.name, store.content(report, version.id))],
                                        parse(EAST / "pdus" / "luton.json"))
    assert tracker.record_stats(store, report, results) == []
    stage = next(s for s in tracker.stages(False) if s.gate == "stats_passed")
    assert tracker.gate_problem(store, report, stage) is None


def test_a_welsh_edition_made_from_the_english_held_is_checked_against_it(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    tracker.start(store, GWENT, "pdu-report", "Owain Davies")
    stage = next(s for s in tracker.stages(True) if s.gate == "stats_passed")
    check_and_record(store, held(store, "en"))
    # Checked alone, against the data only: not enough for a Welsh edition of the English held.
    name, content = held(store, "cy")
    tracker.record_stats(store, ID, statistics.check_editions([(name, content)], parse(GWENT)))
    assert tracker.gate_problem(store, ID, stage) == (
        "the Welsh edition held has not been checked against the English held "
        "(reportgen check stats ... --track ID)")

    # A translation that dropped the foreword's "dros bythefnos": the English figure has no
    # counterpart, reported on the Welsh edition with the place in the English.
    doc = Document(io.BytesIO(content))
    for t in doc.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/"
                                   "main}t"):
        if t.text and "dros bythefnos" in t.text:
            t.text = t.text.replace(" dros bythefnos", "")
    out = io.BytesIO()
    doc.save(out)
    dropped = tmp_path / "gwent.cy.docx"
    dropped.write_bytes(out.getvalue())
    tracker.attach(store, ID, "Translator", {"cy": dropped})
    [result] = check_and_record(store, held(store, "cy"))
    [missing] = [x for x in result.figures if x.status == "mismatched"]
    assert (missing.text, missing.where, missing.note) == (
        "two", "gwent-pdu-report.en.docx (held), paragraph 12",
        "no counterpart in the Welsh edition")
    assert "not passed on the Welsh version" in tracker.gate_problem(store, ID, stage)
