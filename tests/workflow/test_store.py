"""Refused moves, two people at once, a process killed mid-move, and an older store migrated;
each on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from reportgen.errors import InputError
from reportgen.workflow import factual_accuracy, tracker
from reportgen.workflow.store import MovedUnderYou, Store, TrackError
from tests.conftest import EAST, PASSWORD, ROOT, TEAM, WALES, add_team, filled_form, walk

LUTON = EAST / "pdus" / "luton.json"
ID = "luton-pdu-report"
AT = dt.datetime(2026, 1, 1, 10)


LEAD, EDITOR = TEAM["lead-inspector"], TEAM["editor"]


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    add_team(s)
    tracker.start(s, LUTON, "pdu-report", LEAD)
    return s


def to_factual_accuracy(s: Store) -> None:
    walk(s, ID, "initial-edit", "strategic-edit", "chief-inspector-review", "factual-accuracy")


def test_a_move_that_skips_a_stage_is_refused(store):
    with pytest.raises(TrackError, match="is at draft: it can move only to initial-edit, "
                                         "not to strategic-edit"):
        tracker.advance(store, ID, "strategic-edit", LEAD)


def test_an_unknown_stage_and_translation_outside_wales_are_refused(store):
    with pytest.raises(TrackError, match="translation is not a stage of luton-pdu-report"):
        tracker.advance(store, ID, "translation", LEAD)


def test_publishing_by_a_move_is_refused(store):
    to_factual_accuracy(store)
    store.move(ID, store.report(ID).revision, "statistics-check", "x", "")
    store.move(ID, store.report(ID).revision, "ready-to-publish", "x", "")
    with pytest.raises(TrackError, match="published by publishing it"):
        tracker.advance(store, ID, "published", TEAM["publication"])


def test_an_unknown_report_names_the_tracked_ones(store):
    with pytest.raises(TrackError, match=r"no report gwent-pdu-report is tracked \(tracked: "
                                         r"luton-pdu-report\)"):
        store.report("gwent-pdu-report")


def test_starting_the_same_report_twice_is_refused(store):
    with pytest.raises(TrackError, match="already tracked"):
        tracker.start(store, LUTON, "pdu-report", LEAD)


def test_two_people_moving_the_same_report(store):
    other = Store(store.url)  # a second user, with the report read at revision 1
    seen_first, seen_second = store.report(ID).revision, other.report(ID).revision
    store.move(ID, seen_first, "initial-edit", "Anna", "")
    with pytest.raises(MovedUnderYou, match="moved under you: it is now at initial-edit"):
        other.move(ID, seen_second, "initial-edit", "Ben", "")
    assert [h.to_stage for h in store.history(ID)] == ["draft", "initial-edit"]
    assert [h.by for h in store.history(ID)] == [LEAD, "Anna"]


def test_a_process_killed_in_the_middle_of_a_move_leaves_the_store_as_it_was(tmp_path, store):
    marker = tmp_path / "in-move"
    env = {**os.environ, "REPORTGEN_FAULT_PAUSE_IN_MOVE": "60",
           "REPORTGEN_FAULT_MARKER": str(marker), "REPORTGEN_PASSWORD": PASSWORD}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "track", "advance", ID, "--to", "initial-edit",
         "--as", LEAD, "--store", store.url], env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, "the move ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)  # inside the transaction: stage updated, history not yet
    proc.wait()
    fresh = Store(store.url)
    assert fresh.report(ID).stage == "draft" and fresh.report(ID).revision == 1
    assert [h.to_stage for h in fresh.history(ID)] == ["draft"]
    tracker.advance(fresh, ID, "initial-edit", LEAD)  # the store is usable
    assert fresh.report(ID).stage == "initial-edit"


def test_a_store_from_an_older_reportgen_is_migrated(tmp_path, store_url):
    old = Store(store_url, upgrade_to="0001")  # the first schema: no checks, no data versions
    assert old.schema_revision() == "0001"
    kept = tmp_path / "luton.json"
    kept.write_bytes(LUTON.read_bytes())
    with old.engine.begin() as conn:
        for report, inspection in (("x-pdu-report", "gone.json"), (ID, str(kept))):
            conn.execute(sa.text(
                "INSERT INTO reports VALUES (:id, 'pdu-report', :inspection, false, "
                "'initial-edit', 3, :at)"), {"id": report, "inspection": inspection, "at": AT})
        conn.execute(sa.text("INSERT INTO versions (report_id, stage, lang, name, sha256, "
                             "content, at, by) VALUES ('x-pdu-report', 'draft', 'en', 'x.docx', "
                             "'abc', :content, :at, 'Old')"), {"content": b"PK", "at": AT})
    new = Store(store_url)
    assert new.schema_revision() == "0007"
    assert new.report("x-pdu-report").stage == "initial-edit"
    assert new.latest("x-pdu-report", "en").source_sha256 is None
    assert new.fa_items("x-pdu-report") == []
    # The input file the old store pointed at is now data version 1 of its report ...
    assert json.loads(new.data(ID).content)["files"]["luton.json"]["pdu"]["code"] == "luton"
    # ... and a report whose file had gone says so.
    with pytest.raises(TrackError, match="no data is held"):
        new.data("x-pdu-report")


def form_with(rows: list[list[str]], lang: str = "en") -> bytes:
    return filled_form(factual_accuracy.response_form(ID, ID, lang), rows)


def test_a_form_with_bad_rows_is_reported_by_row_and_nothing_is_imported(store):
    paragraphs = {1: "First.", 2: "Second."}
    content = form_with([["1", "", "Fine", "A", ""],
                         ["99", "", "No such paragraph", "A", ""],
                         ["2", "", "Bad category", "D", ""],
                         ["two", "", "", "B", ""],
                         ["Table 9, row 2", "", "No such table", "A", ""]])
    with pytest.raises(InputError) as caught:
        factual_accuracy.read_form(content, paragraphs, "form.docx", {"Table 1", "Figure 1"})
    lines = [p.line() for p in caught.value.problems]
    assert lines == [
        "form.docx: row 3, paragraph, table or figure: expected a paragraph of the draft "
        "(1 to 2); found 99",
        "form.docx: row 4, category: expected A, B or C; found 'D'",
        "form.docx: row 5, paragraph, table or figure: expected a paragraph number, table or "
        "figure of the draft; found 'two'",
        "form.docx: row 5, proposed change: expected the change asked for; found nothing",
        "form.docx: row 6, paragraph, table or figure: expected a table or figure of the draft "
        "(Figure 1, Table 1); found Table 9, row 2"]
    assert store.fa_items(ID) == []


def test_a_welsh_form_cites_tables_in_welsh(store):
    content = form_with([["Tabl 1, rhes 2", "", "Newid", "A", ""]], lang="cy")
    [item] = factual_accuracy.read_form(content, {1: "Un."}, "ffurflen.docx", {"Table 1"})
    assert item["cites"] == "Tabl 1, rhes 2" and item["paragraph"] == 0


def test_a_decision_other_than_accepted_needs_a_reason(store):
    to_factual_accuracy(store)
    store.add_fa_items(ID, [{"paragraph": 1, "current_text": "x", "proposed": "y",
                             "category": "A", "evidence": ""}], "sha", "form.docx", EDITOR)
    answer = factual_accuracy.Answer(values=(("$.case_profile.women", 5),))
    with pytest.raises(TrackError, match="needs a reason"):
        factual_accuracy.decide(store, ID, 1, "partly-accepted", " ", EDITOR, answer)
    made = factual_accuracy.decide(store, ID, 1, "partly-accepted", "Reworded.", EDITOR, answer)
    [item] = store.fa_items(ID)
    assert (item.decision, item.data_version, made) == ("partly-accepted", 2, 2)
    assert json.loads(store.data(ID).content)["files"]["luton.json"]["case_profile"][
        "women"] == 5


def test_status_shows_what_is_due_and_overdue(store):
    import datetime as dt
    [row] = tracker.status(store, dt.date(2026, 6, 1))
    # Luton's fieldwork ended Friday 3 April 2026: draft for factual accuracy about four weeks
    # later (Friday 1 May), publication eight weeks later (Friday 29 May).
    assert row["due"] == {"factual-accuracy": "2026-05-01", "published": "2026-05-29"}
    assert row["overdue"] == row["due"]
    [row] = tracker.status(store, dt.date(2026, 4, 10))
    assert row["overdue"] == {}


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)  # a check of files, not SQL
def test_a_publication_set_that_fails_a_check_is_not_written(tmp_path, store):
    from reportgen.workflow import editions
    from reportgen.workflow.publish import publish
    for stage in ("initial-edit", "strategic-edit", "chief-inspector-review",
                  "factual-accuracy", "statistics-check"):
        store.move(ID, store.report(ID).revision, stage, "x", "")
    # Data with an invented figure, recorded (wrongly) as having passed the statistics check:
    # publishing checks the final documents again.
    _, bundle = editions.held(store, ID)
    bundle = bundle.with_text("$.foreword[0]", "en", "Practitioners held 4,321 cases.")
    number = tracker.keep_data(store, ID, bundle, TEAM["editor"], "an invented figure")
    store.record_stats(ID, "", True, "{}", number, "en")
    store.move(ID, store.report(ID).revision, "ready-to-publish", "x", "")
    with pytest.raises(TrackError, match=r"the final en edition has figure\(s\) no statistician "
                                         r"confirmed: 4,321 \(paragraph 12\)"):
        publish(store, ID, TEAM["publication"], out=tmp_path / "published")
    assert not (tmp_path / "published").exists()  # not even the folder
    assert store.report(ID).stage == "ready-to-publish"
    assert store.publication(ID) is None and store.published_files(ID) == []


def test_the_dashboards_versions_are_each_reports_latest(store):
    from reportgen.bundle import Bundle
    from reportgen.workflow import editions
    bundle = Bundle.read(WALES / "pdus" / "gwent.json")
    store.add("gwent-pdu-report", "pdu-report", True, LEAD,
              editions.new_data(bundle, 1, "read"), [])
    second = editions.new_data(Bundle.read(LUTON), 2, "edited")
    store.add_data(ID, LEAD, second)
    held = store.held_versions()
    assert {k: (v.number, v.sha256) for k, v in held.items()} == {
        ID: (2, second.sha256), "gwent-pdu-report": (1, editions.new_data(bundle, 1, "").sha256)}
    rows = {r["id"]: r for r in tracker.status(store, dt.date(2026, 1, 1))}
    assert rows[ID]["data_version"] == 2 and rows["gwent-pdu-report"]["data_version"] == 1


def test_the_store_returns_typed_records_never_rows(tmp_path):
    """Every query gives dataclasses of reportgen.workflow.store.records: what the workflow and
    the pages read is named and typed, and cannot be changed in place."""
    import dataclasses
    import inspect

    from reportgen.workflow.store import records

    public = [m for name, m in inspect.getmembers(Store, inspect.isfunction)
              if not name.startswith("_")]
    assert [m.__qualname__ for m in public if "Row" in str(m.__annotations__.get("return"))] == []
    s = Store(str(tmp_path / "store.db"))
    s.add_account("Ann Lead", "lead-inspector", None, "en", "setup")
    account = s.account("Ann Lead")
    assert isinstance(account, records.Account) and account.roles == "lead-inspector"
    with pytest.raises(dataclasses.FrozenInstanceError):
        account.roles = "coo"  # type: ignore[misc]
    assert s.accounts() == [account] and s.account("nobody") is None
