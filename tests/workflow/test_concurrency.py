"""Ten people at once, on SQLite and PostgreSQL: moving the same report and different reports,
and importing factual accuracy forms. Each person has a store connection of their own, and all
start together at a barrier."""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from docx import Document

from reportgen.workflow import accounts, factual_accuracy, tracker
from reportgen.workflow.store import NewVersion, Store, TrackError
from tests.conftest import TEAM, add_team

PEOPLE = 10


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together; each one's result or the error it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def person(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:  # the error is the result looked at
            results[i] = exc

    threads = [threading.Thread(target=person, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def numbers_of(items: list[dict]) -> list[int]:
    return [i["number"] for i in items]


def sent_draft() -> bytes:
    doc = Document()
    for n in range(1, 6):
        doc.add_paragraph(f"[{n}] Paragraph {n} of the draft.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def returned_form(k: int) -> bytes:
    doc = Document(io.BytesIO(factual_accuracy.response_form("r", "r")))
    for row, n in zip(doc.tables[0].rows[1:4], (1, 2, 3), strict=True):
        for cell, value in zip(row.cells, [str(n), "", f"Change {n} from form {k}", "A", ""],
                               strict=True):
            cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    add_team(s)
    for i in range(PEOPLE):
        accounts.add(s, f"Lead {i}", ["lead-inspector"], None, TEAM["admin"])
        accounts.add(s, f"Editor {i}", ["editor"], None, TEAM["admin"])
    return s


@pytest.fixture
def add_report(luton_draft):
    """add_report(store, id, stage): a report tracked with Luton's data (and, at the factual
    accuracy check, a numbered draft sent)."""
    return lambda s, report_id, stage="draft": _add(s, report_id, stage, luton_draft[0])


def _add(s: Store, report_id: str, stage: str, data) -> None:
    s.add(report_id, "pdu-report", False, "set-up", data,
          [NewVersion("en", f"{report_id}.docx", b"PK draft")])
    if stage != "draft":
        s.move(report_id, 1, stage, "set-up", "")
        s.add_versions(report_id, stage, "set-up",
                       [NewVersion("en:fa-sent", "sent.docx", sent_draft())])


def test_ten_people_moving_the_same_report_move_it_once(store, add_report):
    add_report(store, "same")
    results = at_once([lambda i=i: tracker.advance(Store(store.url), "same", "initial-edit",
                                                   f"Lead {i}") for i in range(PEOPLE)])
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == PEOPLE - 1 and all(isinstance(r, TrackError) for r in refused)
    history = store.history("same")
    assert [(h.from_stage, h.to_stage) for h in history] == [(None, "draft"),
                                                             ("draft", "initial-edit")]
    assert store.report("same").revision == 2
    winner = history[-1].by
    assert winner == f"Lead {results.index(None)}"


def test_ten_people_moving_different_reports_all_move(store, add_report):
    for i in range(PEOPLE):
        add_report(store, f"report-{i}")
    results = at_once([lambda i=i: tracker.advance(Store(store.url), f"report-{i}",
                                                   "initial-edit", f"Lead {i}")
                       for i in range(PEOPLE)])
    assert results == [None] * PEOPLE
    for i in range(PEOPLE):
        assert store.report(f"report-{i}").revision == 2
        assert [(h.to_stage, h.by) for h in store.history(f"report-{i}")] == [
            ("draft", "set-up"), ("initial-edit", f"Lead {i}")]


def test_ten_forms_imported_at_once_are_numbered_without_gaps_or_repeats(store, add_report):
    add_report(store, "fa", "factual-accuracy")
    forms = [returned_form(k) for k in range(PEOPLE)]
    results = at_once([lambda k=k: numbers_of(factual_accuracy.import_form(
        Store(store.url), "fa", forms[k], f"form-{k}.docx", f"Editor {k}")) for k in range(PEOPLE)])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = [n for r in results for n in r]
    assert sorted(numbers) == list(range(1, 3 * PEOPLE + 1))
    for r in results:  # each form's items are numbered together
        assert r == list(range(r[0], r[0] + 3))
    items = store.fa_items("fa")
    assert [i.number for i in items] == list(range(1, 3 * PEOPLE + 1))
    # Each item came with its own form's text.
    by_form = Counter(i.proposed.rsplit(" ", 1)[1] for i in items)
    assert by_form == {str(k): 3 for k in range(PEOPLE)}


def test_the_same_form_imported_ten_times_at_once_is_imported_once(store, add_report):
    add_report(store, "fa", "factual-accuracy")
    form = returned_form(0)
    results = at_once([lambda k=k: numbers_of(factual_accuracy.import_form(
        Store(store.url), "fa", form, f"copy-{k}.docx", f"Editor {k}")) for k in range(PEOPLE)])
    imported = [r for r in results if not isinstance(r, Exception)]
    assert imported == [[1, 2, 3]]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == PEOPLE - 1
    assert all("this form was imported already" in str(r) for r in refused), refused
    assert [i.number for i in store.fa_items("fa")] == [1, 2, 3]
