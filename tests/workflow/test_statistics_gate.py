"""The statistics check stage's gate: every language's edition of the data version held checked
against the data and against each other, its unbound figures confirmed by a person."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from reportgen.ooxml.text import cell_text, paragraph_text
from reportgen.workflow import editions, stats_check, tracker
from reportgen.workflow.store import NewVersion, Store
from tests.conftest import TEAM, WALES, add_team, run

GWENT = WALES / "pdus" / "gwent.json"
ID = "gwent-pdu-report"
STATISTICIAN = TEAM["editor"]  # the role that runs the statistics check (data/roles.toml)


def started(tmp_path, file=GWENT, doc="pdu-report") -> tuple[Store, str]:
    store = Store(str(tmp_path / "t.db"))
    add_team(store)
    return store, tracker.start(store, file, doc, TEAM["lead-inspector"])


def gate(store: Store, report_id: str) -> str | None:
    stage = next(s for s in tracker.stages(True) if s.gate == "stats_passed")
    return tracker.gate_problem(store, report_id, stage)


def replace_welsh(store: Store, change) -> None:
    """A Welsh document of the data version held that is not what the data makes (a fault in
    making it, or a file put in its place)."""
    number, _ = editions.held(store, ID)
    held = store.latest(ID, "cy", data_version=number)
    doc = Document(io.BytesIO(store.content(ID, held.id)))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    store.add_versions(ID, "draft", "x", [NewVersion("cy", held.name, out.getvalue(),
                                                     data_version=number)])


def test_both_languages_of_the_version_held_are_checked_and_compared(tmp_path):
    store, report = started(tmp_path)
    assert "has not passed on the editions of data version 1" in gate(store, report)
    number, results = stats_check.run(store, report, STATISTICIAN)
    assert number == 1 and set(results) == {"en", "cy"}
    assert results["cy"].compared_with == results["en"].sha256
    assert all(r.passed and not r.unbound for r in results.values())
    assert gate(store, report) is None


def test_a_welsh_edition_with_76_percent_and_917_fails_and_closes_the_gate(tmp_path):
    store, report = started(tmp_path)

    def plant(doc):
        table = next(t for t in doc.tables if cell_text(t.rows[0].cells[0]) ==
                     "Cwestiwn allweddol")
        for c, text in ((7, "76%"), (1, "917")):
            next(table.rows[1].cells[c]._tc.iter(qn("w:t"))).text = text
    replace_welsh(store, plant)
    _, results = stats_check.run(store, report, STATISTICIAN)
    assert results["en"].passed and not results["cy"].passed
    assert {("76%", "66%"), ("917", "20")} <= {
        (x.text, x.expected) for x in results["cy"].figures if x.status == "mismatched"}
    assert "has not passed" in gate(store, report)


def test_a_welsh_figure_with_no_counterpart_in_the_english_fails(tmp_path):
    store, report = started(tmp_path)

    def invent(doc):
        p = next(p for p in doc.paragraphs if paragraph_text(p) == "Rhagair")
        p._p.getnext().append(Document().add_paragraph(
            " Dywedodd staff wrthym fod 76% ohonynt yn teimlo eu bod yn cael eu cefnogi.")
            .runs[0]._r)
    replace_welsh(store, invent)
    _, results = stats_check.run(store, report, STATISTICIAN)
    [wrong] = [x for x in results["cy"].figures if x.status == "mismatched"]
    assert (wrong.text, wrong.note) == ("76%", "no counterpart in the English edition")


def test_unbound_figures_open_the_gate_once_a_person_confirms_them(tmp_path):
    store, report = started(tmp_path, WALES / "region.json", "regional-report")
    _, results = stats_check.run(store, report, STATISTICIAN)
    # the region's narrative figures with no fact to check them against (its "in most cases" of
    # resettlement is a claim on that key question, traced)
    assert all(r.passed and len(r.unbound) == 8 for r in results.values())
    assert "has not passed" in gate(store, report)
    stats_check.run(store, report, STATISTICIAN, confirm=True)
    assert gate(store, report) is None
    assert any(text == "three" and "vacancies growing in three PDUs" in sentence
               for _, sentence, text in stats_check.confirmed(store, report, "en"))
    # Publishing checks the final documents: an unbound figure no one confirmed stops it.
    number, bundle = editions.held(store, report)
    loaded = bundle.load(editions.label(report, number))
    documents = {lang: store.content(report, store.latest(report, lang, number).id)
                 for lang in ("en", "cy")}
    assert stats_check.final_problems(store, report, loaded, documents) == []
    added = {"en": "Practitioners held 4,321 cases between them.",
             "cy": "Roedd gan ymarferwyr 4,321 achos rhyngddynt."}
    for lang, sentence in added.items():
        doc = Document(io.BytesIO(documents[lang]))
        doc.add_paragraph(sentence)
        out = io.BytesIO()
        doc.save(out)
        documents[lang] = out.getvalue()
    assert [p.split(": ")[0] for p in stats_check.final_problems(
        store, report, loaded, documents)] == [
        f"the final {lang} edition has figure(s) no statistician confirmed" for lang in added]


def test_confirming_needs_a_tracked_report_and_a_name(tmp_path):
    result = run("check", "stats", "--track", ID, "--confirm", "--store", tmp_path / "t.db")
    assert result.exit_code == 2 and "--track records the result as an account: give --as" \
        in result.stderr
    result = run("check", "stats", "--confirm", "--as", TEAM["editor"])
    assert result.exit_code == 2 and "--confirm needs --track ID" in result.stderr


def test_a_confirmation_holds_where_its_paragraph_moves_and_lapses_when_its_sentence_changes(
        tmp_path):
    """A statistician's confirmation is of a figure in its sentence and section, not of a
    paragraph number: a paragraph added above it (a Welsh draft's notice, a new foreword
    paragraph) left the region's confirmed figures unconfirmed at publication."""
    store, report = started(tmp_path, WALES / "region.json", "regional-report")
    _, results = stats_check.run(store, report, STATISTICIAN, confirm=True)
    assert results["en"].unbound  # the regional report has figures only a person can confirm
    _, bundle = editions.held(store, report)
    foreword = list(bundle.get("$.foreword"))
    moved = bundle.with_value("$.foreword", [{"en": "We visited every office.",
                                              "cy": "Fe wnaethon ni ymweld â phob swyddfa."},
                                             *foreword])
    tracker.keep_data(store, report, moved, TEAM["editor"], "a paragraph added above")
    documents = {lang: store.content(report, store.latest(report, lang).id)
                 for lang in ("en", "cy")}
    loaded = moved.load()
    shifted = stats_check.check_documents(loaded, documents)
    assert {w for w, _ in shifted["en"].unbound} != {w for w, _ in results["en"].unbound}
    assert stats_check.final_problems(store, report, loaded, documents) == []
    # The sentence of a confirmed figure reworded: that figure needs confirming again.
    doc = Document(io.BytesIO(documents["en"]))
    texts = list(doc.element.body.iter(qn("w:t")))
    first, [t] = next((x, holding) for x in shifted["en"].figures if x.status == "unbound"
                      and len(holding := [t for t in texts if x.text in (t.text or "")]) == 1)
    t.text = t.text.replace(first.text, f"about {first.text}")  # its sentence reworded
    out = io.BytesIO()
    doc.save(out)
    [problem] = stats_check.final_problems(store, report, loaded,
                                           documents | {"en": out.getvalue()})
    assert problem.startswith("the final en edition has figure(s) no statistician confirmed: ")
    assert f"{first.text} ({first.where})" in problem
