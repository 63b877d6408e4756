"""The statistics check: each figure bound to the fact its context states, in English and Welsh;
the errors a statistician looks for caught; the rendered fixtures passing."""

from __future__ import annotations

import io
import json
import re

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from openpyxl import load_workbook

from reportgen import pipeline
from reportgen.checks import statistics as st
from reportgen.checks.statistics import output
from reportgen.checks.statistics.words import mentions, vocabulary, weekdays
from reportgen.loading import parse
from reportgen.model import Rating
from reportgen.ooxml.text import cell_text, paragraph_text
from tests.conftest import EAST, FIXTURES, WALES, fixture, run
from tests.conftest import edited as edit

GWENT = WALES / "pdus" / "gwent.json"


@pytest.fixture(scope="module")
def gwent():
    """Gwent's report in both languages, each edition in every format, and its data."""
    loaded = parse(GWENT)
    editions = {}
    for job in pipeline.jobs_for(loaded, ["pdu-report"], ["en", "cy"]):
        files = pipeline.render_files(job, formats=("html", "xlsx"))
        editions |= {(job.lang, suffix[1:]): content for suffix, content in files.items()}
    return loaded, editions



def replace_run(paragraphs, old: str, new: str) -> None:
    """What an editor does in Word: retype a figure (in the first piece of text that holds it,
    inside a content control or not)."""
    pattern = rf"(?<!\w){re.escape(old)}(?!\w)"
    for p in paragraphs:
        for t in p._p.iter(qn("w:t")):
            if t.text and re.search(pattern, t.text):
                t.text = re.sub(pattern, new, t.text, count=1)
                return
    raise AssertionError(f"{old!r} is not in the document")


def cell(doc, first_heading: str, row: int, column: int):
    table = next(t for t in doc.tables if cell_text(t.rows[0].cells[0]) == first_heading)
    return table.rows[row].cells[column]


def retype(c, text: str) -> None:
    ts = list(c._tc.iter(qn("w:t")))
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def mismatched(found, where: str | None = None):
    return [x for x in found if x.status == "mismatched" and (where is None or x.where == where)]


def add_sentence(doc, after_heading: str, sentence: str) -> None:
    """A sentence added to the first paragraph after a heading."""
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if paragraph_text(p) == after_heading)
    paragraphs[at + 2].add_run(" " + sentence)


# ------------------------------------------------------------------ the rendered fixtures


def test_every_figure_of_gwent_is_bound_and_traced_in_both_languages(gwent):
    loaded, editions = gwent
    for (lang, fmt), content in editions.items():
        found = st.check(content, loaded)
        summary = st.summary(found)
        assert summary["passed"] and summary["unbound"] == 0, (lang, fmt, summary["problems"])
        assert summary["traced"] > 140
    english = st.check(editions["en", "docx"], loaded)
    welsh = st.check(editions["cy", "docx"], loaded)
    assert {x.fact for x in english} == {x.fact for x in welsh}
    assert st.compare(english, welsh) == []


def test_figures_are_bound_to_the_fact_their_context_states(gwent):
    loaded, editions = gwent
    found = {(x.where, x.text): x for x in st.check(editions["en", "docx"], loaded)}
    expected = {
        ("paragraph 4", "16"): ("fieldwork:start", "16 March 2026"),
        ("paragraph 5", "5 June 2026"): ("publication", "5 June 2026"),
        ("paragraph 12", "two"): ("fieldwork:weeks", "2"),
        ("table 1, row 6, column 2", "Inadequate"): ("rating:P 2.2", "Inadequate"),
        ("table 1, row 9, column 1", "5"): ("overall:score", "5"),
        ("table 7, row 2, column 2", "20"): ("kq:P 2.1.1:core:yes", "20"),
        ("table 7, row 2, column 8", "66%"): ("kq:P 2.1.1:pct:yes", "66%"),
        ("alt text of picture 6", "35"): ("kq:P 2.1.1:all:cases", "35"),
        ("paragraph 129", "35"): ("cases", "35"),
        ("paragraph 129", "two"): ("cohort:weeks", "2"),
        ("paragraph 129", "26"): ("cohort:from", "26"),
        ("paragraph 76", "65%"): ("band:Good:min", "65%"),
        ("table 11, row 5, column 3", "20%"): ("profile:women:pct", "20%"),
    }
    for place, (fact, value) in expected.items():
        assert (found[place].fact, found[place].expected, found[place].status) == (
            fact, value, "traced"), place


def test_the_welsh_regional_report_lists_its_narrative_figures_to_confirm(rendered):
    loaded = parse(WALES / "region.json")
    for lang in ("en", "cy"):
        found = st.check((rendered / f"wales-regional-report.{lang}.docx").read_bytes(), loaded)
        unbound = [x.text for x in found if x.status == "unbound"]
        assert not mismatched(found)
        # "three PDUs", "within twelve months", the staffing boundary and "most": narrative
        # written by the inspectors, with no fact in the data to check it against.
        assert len(unbound) == 8
        # "Resettlement planning started early in most cases": a claim on the one key question
        # of resettlement, which the data bears out
        [claim] = [x for x in found if x.fact == "claim:share:R 2.5.1:yes"]
        assert (claim.status, claim.expected) == ("traced", "59% (26 of 44)")
        # each standard's summary sentence agrees with its rating
        summaries = [x for x in found if x.fact.startswith("claim:summary:")]
        assert len(summaries) >= 5 and all(x.status == "traced" for x in summaries)
        assert {"three", "twelve"} <= set(unbound) if lang == "en" else \
            {"tair", "deuddeg"} <= set(unbound)


@pytest.mark.parametrize(("lang", "heading", "sentence", "unbound"), [
    ("en", "2.1 Assessment", "In 12 cases we inspected, the person on probation had moved home.",
     ["12"]),
    ("en", "2.1 Assessment", "Appointments were moved at short notice over two weeks.",
     ["two"]),
    ("en", "2.1 Assessment", "Since 2019 the PDU has had three heads.", ["2019", "three"]),
    ("en", "2.1 Assessment", "Practitioners held 4,321 cases between them.", ["4,321"]),
    ("en", "2.1 Assessment", "Good practice was seen in one case.", ["one"]),
    ("cy", "2.1 Asesu", "Mewn 12 achos a arolygwyd, roedd yr unigolyn wedi symud tŷ.", ["12"]),
    ("cy", "2.1 Asesu", "Roedd gan yr Uned dri phennaeth ers 2019.", ["dri", "2019"]),
])
def test_figures_whose_fact_the_sentence_does_not_tell_are_listed_not_flagged(
        gwent, lang, heading, sentence, unbound):
    loaded, editions = gwent
    found = st.check(edit(editions[lang, "docx"], lambda d: add_sentence(d, heading, sentence)),
                     loaded)
    assert not mismatched(found)
    assert [x.text for x in found if x.status == "unbound"] == unbound


# -------------------------------------------------- the nine errors the old check missed


def _gwent(gwent, lang="en"):
    loaded, editions = gwent
    return loaded, editions[lang, "docx"]


@pytest.mark.parametrize("new", ["21", "19"])
def test_a_key_question_count_changed(gwent, new):
    loaded, content = _gwent(gwent)
    found = st.check(edit(content, lambda d: retype(cell(d, "Key question", 1, 1), new)),
                     loaded)
    [wrong] = mismatched(found, "table 7, row 2, column 2")
    assert (wrong.fact, wrong.expected, wrong.text) == ("kq:P 2.1.1:core:yes", "20", new)
    assert "core" in wrong.label and wrong.source.endswith('["P 2.1.1"].core.yes')
    [relation] = mismatched(found, "table 7, row 2")
    assert relation.note == f"P 2.1.1: core {new} + adjusted 3 = {int(new) + 3}, not 23"


SHARE = "In {} of the 35 cases we inspected, assessment focused sufficiently on engaging the " \
        "person on probation."


@pytest.mark.parametrize(("part", "status"), [("23", "traced"), ("24", "mismatched"),
                                              ("22", "mismatched")])
def test_a_share_in_a_sentence_is_checked_as_a_share(gwent, part, status):
    loaded, content = _gwent(gwent)
    found = st.check(edit(content, lambda d: add_sentence(d, "2.1 Assessment", SHARE.format(
        part))), loaded)
    figure = next(x for x in found if x.where == "paragraph 79" and x.text == part)
    assert (figure.fact, figure.expected, figure.status) == ("kq:P 2.1.1:all:yes", "23", status)
    whole = next(x for x in found if x.where == "paragraph 79" and x.text == "35")
    assert (whole.fact, whole.status) == ("kq:P 2.1.1:all:cases", "traced")


@pytest.mark.parametrize("new", ["31", "12", "2048"])
def test_the_number_of_cases_inspected_changed(gwent, new):
    loaded, content = _gwent(gwent)
    found = st.check(edit(content, lambda d: replace_run(
        [p for p in d.paragraphs if paragraph_text(p).startswith("We inspected")], "35", new)),
        loaded)
    [wrong] = mismatched(found, "paragraph 129")
    assert (wrong.fact, wrong.expected, wrong.kind) == ("cases", "35", "number")


def test_a_rating_word_changed(gwent):
    loaded, content = _gwent(gwent)
    found = st.check(edit(content, lambda d: retype(cell(d, "Standard", 5, 1), "Good")),
                     loaded)
    wrong = mismatched(found, "table 1, row 6, column 2")
    assert [(x.fact, x.expected) for x in wrong if x.kind == "rating"] == [
        ("rating:P 2.2", "Inadequate")]
    notes = [x.note for x in mismatched(found) if x.kind == "relation"]
    assert "P 2.2's lowest key question is 37%, which is Inadequate" in notes
    assert "the overall score is not the sum of the standards' scores as printed" in notes


def test_a_number_in_words_changed(gwent):
    loaded, content = _gwent(gwent)
    found = st.check(edit(content, lambda d: replace_run(d.paragraphs, "over two weeks",
                                                         "over three weeks")), loaded)
    [wrong] = mismatched(found, "paragraph 12")
    assert (wrong.text, wrong.fact, wrong.expected) == ("three", "fieldwork:weeks", "2")


def test_a_year_in_a_footer(gwent):
    loaded, content = _gwent(gwent)

    def change(doc):
        doc.sections[0].footer.paragraphs[0].runs[0].text += "2025 "
    [wrong] = mismatched(st.check(edit(content, change), loaded))
    assert (wrong.where, wrong.text, wrong.fact, wrong.expected) == (
        "footer 1, paragraph 1", "2025", "year", "2026")


def test_the_page_number_of_a_footer_is_not_a_figure(gwent):
    loaded, content = _gwent(gwent)
    found = st.check(content, loaded)
    assert not [x for x in found if x.where.startswith("footer")]


# ------------------------------------------------------------------- the Welsh edition


def test_the_welsh_edition_with_76_percent_and_917_planted_fails(gwent):
    loaded, content = _gwent(gwent, "cy")

    def change(doc):
        retype(cell(doc, "Cwestiwn allweddol", 1, 7), "76%")
        retype(cell(doc, "Cwestiwn allweddol", 1, 1), "917")
    found = st.check(edit(content, change), loaded)
    assert {(x.text, x.fact, x.expected) for x in found if x.kind != "relation"
            and x.status == "mismatched"} >= {("76%", "kq:P 2.1.1:pct:yes", "66%"),
                                              ("917", "kq:P 2.1.1:core:yes", "20")}


@pytest.mark.parametrize(("old", "new", "fact", "expected"), [
    ("dros bythefnos", "dros dair wythnos", "fieldwork:weeks", "2"),
    ("27 Mawrth 2026", "28 Mawrth 2026", "fieldwork:end", "27 March 2026"),
    ("Graddiad: Annigonol", "Graddiad: Da", "rating:P 2.2", "Inadequate"),
    ("Nifer yr achosion a arolygwyd: 35", "Nifer yr achosion a arolygwyd: 31", "cases", "35"),
    ("mewn dwy wythnos rhwng", "mewn tair wythnos rhwng", "cohort:weeks", "2"),
])
def test_welsh_figures_in_words_dates_and_ratings_are_read(gwent, old, new, fact, expected):
    loaded, content = _gwent(gwent, "cy")
    found = st.check(edit(content, lambda d: replace_run(d.paragraphs, old, new)), loaded)
    assert [(x.fact, x.expected) for x in mismatched(found) if x.kind != "relation"] == [
        (fact, expected)]


def test_a_welsh_draft_with_passages_not_yet_translated(write):
    """Its notice counts them (no statistic of the inspection); a survey statement shown in
    English still binds its figures, in its table and its chart."""
    data = fixture("wales/pdus/gwent.json")
    data["foreword"][1] = data["foreword"][1]["en"]  # their Welsh not yet written
    statement = data["surveys"]["staff"]["questions"][0]["statement"]
    data["surveys"]["staff"]["questions"][0]["statement"] = statement["en"]
    loaded = parse(write(data, "gwent.json"))
    english, welsh = (pipeline.render_files(job, draft=True)[".docx"]
                      for job in pipeline.jobs_for(loaded, ["pdu-report"], ["en", "cy"]))
    assert [u.text for u in st.read(welsh).units if u.role == "header"][-1].endswith(": 2.")
    found = st.check(welsh, loaded)
    assert not [x for x in found if x.status != "traced"]
    assert st.compare(st.check(english, loaded), found) == []


def test_a_figure_in_the_welsh_with_no_counterpart_in_the_english(gwent):
    loaded, editions = gwent
    welsh = edit(editions["cy", "docx"], lambda d: add_sentence(
        d, "2.1 Asesu", "Dywedodd staff wrthym fod 76% ohonynt yn teimlo eu bod yn cael eu "
                        "cefnogi."))
    [alone] = st.check_editions([("gwent.cy.docx", welsh)], loaded)
    assert alone.passed  # unbound: to confirm, not an error on its own
    [checked] = st.check_editions([("gwent.cy.docx", welsh)], loaded,
                                  [("gwent.en.docx", editions["en", "docx"])])
    [wrong] = mismatched(checked.figures)
    assert (wrong.text, wrong.note) == ("76%", "no counterpart in the English edition")


# ---------------------------------------------------------- surveys and contextual data


SURVEYS_AND_CONTEXT = {  # where in Gwent's report, the figure: its fact and the data's value
    ("paragraph 34", "54"): ("survey:staff:respondents", "54"),
    ("paragraph 34", "110"): ("survey:staff:invited", "110"),
    ("paragraph 34", "49%"): ("survey:staff:rate", "49%"),
    ("table 2, row 2, column 2", "22"): ("survey:staff:vision:agree", "22"),
    ("table 2, row 2, column 5", "52"): ("survey:staff:vision:answered", "52"),
    ("table 2, row 2, column 6", "42%"): ("survey:staff:vision:pct", "42%"),
    # "42% of 52 agreed": the staff who answered, not the cases inspected
    ("alt text of picture 1", "52"): ("survey:staff:vision:answered", "52"),
    ("alt text of picture 1", "40%"): ("survey:staff:raise-concerns:pct", "40%"),
    ("paragraph 39", "91"): ("survey:people_on_probation:invited", "91"),
    ("table 3, row 2, column 2", "11"): ("survey:people_on_probation:asked-views:agree", "11"),
    ("table 12, row 2, column 3", "49%"): ("caseload:community:pct", "49%"),
    ("table 12, row 5, column 2", "2,091"): ("caseload:total", "2091"),
    ("table 13, row 3, column 2", "44.0"): ("staffing:probation-officer:target", "44.0"),
    ("table 13, row 6, column 4", "8.2"): ("staffing:all:vacant", "8.2"),
    ("table 13, row 6, column 5", "8%"): ("staffing:all:rate", "8%"),
}
DATES = {"en": {("paragraph 34", "6 March 2026"): ("survey:staff:closed", "6 March 2026"),
                ("paragraph 133", "2 February 2026"): ("context:as_at", "2 February 2026")},
         "cy": {("paragraph 34", "6 Mawrth 2026"): ("survey:staff:closed", "6 March 2026"),
                ("paragraph 133", "2 Chwefror 2026"): ("context:as_at", "2 February 2026")}}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_survey_and_contextual_figures_are_bound_to_their_facts(gwent, lang):
    loaded, editions = gwent
    found: dict = {}
    for x in st.check(editions[lang, "docx"], loaded):
        found.setdefault((x.where, x.text), x)
    for place, (fact, value) in (SURVEYS_AND_CONTEXT | DATES[lang]).items():
        assert (found[place].fact, found[place].expected, found[place].status) == (
            fact, value, "traced"), place


@pytest.mark.parametrize(("first_heading", "row", "column", "new", "where", "note"), [
    ("Statement", 1, 1, "23", "table 2, row 2, column 5",
     "agree 23 + neither 10 + disagree 20 = 53, not 52"),
    ("Statement", 1, 5, "43%", "table 2, row 2, column 6",
     "22 agreed of 52 who answered is 42%, not 43%"),
    ("Supervised", 1, 1, "1,043", "table 12, row 5, column 2",
     "the caseload's parts 1043 + 532 + 526 = 2101, not 2091"),
    ("Supervised", 3, 2, "26%", "table 12, row 4, column 3",
     "custody: 526 of 2091 is 25%, not 26%"),
    ("Grade", 1, 2, "7.2", "table 13, row 2, column 4",
     "senior-probation-officer: in post 7.2 + vacancies 1.2 should make the target 8.3 "
     "(vacancies 0 when more are in post)"),
    ("Grade", 2, 4, "10%", "table 13, row 3, column 5",
     "probation-officer: 3.8 vacancies of a target of 44.0 is 9%, not 10%"),
    ("Grade", 5, 1, "107.6", "table 13, row 6, column 2",
     "all grades, target: the grades add up to 107.7, not 107.6"),
])
def test_the_relations_inside_survey_and_contextual_tables(gwent, first_heading, row, column,
                                                           new, where, note):
    loaded, content = _gwent(gwent)
    found = st.check(edit(content, lambda d: retype(cell(d, first_heading, row, column), new)),
                     loaded)
    assert note in [x.note for x in mismatched(found, where) if x.kind == "relation"]


def test_the_response_rate_is_checked_against_the_figures_beside_it(gwent):
    loaded, content = _gwent(gwent)
    found = st.check(edit(content, lambda d: replace_run(d.paragraphs, "54", "60")), loaded)
    wrong = mismatched(found, "paragraph 34")
    assert ("60", "survey:staff:respondents", "54") in {(x.text, x.fact, x.expected)
                                                       for x in wrong}
    assert "60 of 110 is 55%, not 49%" in {x.note for x in wrong}


def test_more_staff_in_post_than_the_target_is_no_vacancy():
    loaded = parse(EAST / "pdus" / "hertfordshire.json")  # 34.5 in post of a target of 34.2
    found = st.check(pipeline.render_docx(pipeline.jobs_for(loaded, ["pdu-report"], ["en"])[0]),
                     loaded)
    assert not mismatched(found)
    vacant = next(x for x in found if x.fact == "staffing:probation-services-officer:vacant")
    assert (vacant.text, vacant.status) == ("0.0", "traced")


def test_a_pdus_staffing_in_the_regions_workbook(tmp_path):
    loaded = parse(WALES / "region.json")
    [job] = pipeline.jobs_for(loaded, ["regional-report"], ["cy"])
    book = load_workbook(io.BytesIO(pipeline.render_files(job, formats=("xlsx",))[".xlsx"]))
    sheet = book["Staffio"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Gwent"
               and r[2].value == "Swyddogion prawf")
    assert (sheet["E1"].value, float(row[4].value)) == ("Yn eu swyddi (CALl)", 40.2)
    row[4].value = 41.2
    out = io.BytesIO()
    book.save(out)
    found = mismatched(st.check(out.getvalue(), loaded))
    assert ("41.2", "pdu:gwent:staffing:probation-officer:in_post", "40.2") in {
        (x.text, x.fact, x.expected) for x in found}
    assert any(x.kind == "relation" and "in post 41.2 + vacancies 3.8" in x.note for x in found)


def test_the_workbook_cover_names_each_surveys_response_figures(gwent):
    loaded, editions = gwent
    cover = load_workbook(io.BytesIO(editions["en", "xlsx"])).worksheets[0]
    notes = [b for a, b in cover.iter_rows(values_only=True) if a == "Note"]
    assert [n for n in notes if "Respondents" in n] == [
        "Staff questionnaire. Respondents: 54. Invited: 110.",
        "Survey of people on probation. Respondents: 26. Invited: 91."]
    found = st.check(editions["en", "xlsx"], loaded)
    assert {(x.text, x.fact) for x in found if x.where.startswith("sheet 'Cover'")
            and x.status == "traced"} >= {
        ("54", "survey:staff:respondents"), ("110", "survey:staff:invited"),
        ("26", "survey:people_on_probation:respondents"),
        ("91", "survey:people_on_probation:invited")}


# ------------------------------------------------------------- reading what is published


def test_text_inside_content_controls_is_read(gwent):
    """Narrative sits in content controls (w:sdt, inline, tagged with its JSON path), which
    python-docx's paragraph text does not see; a block-level control is read too."""
    loaded, content = _gwent(gwent)

    def change(doc):
        p = next(p for p in doc.paragraphs if "over two weeks" in paragraph_text(p))
        assert p._p.find(qn("w:sdt")) is not None and "two weeks" not in p.text
        replace_run([p], "two weeks", "three weeks")
        block = parse_xml(
            '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:sdtPr><w:tag w:val="annex"/></w:sdtPr><w:sdtContent/></w:sdt>')
        q = next(p for p in doc.paragraphs if paragraph_text(p).startswith("We inspected"))
        q._p.addprevious(block)
        block.find(qn("w:sdtContent")).append(q._p)
        replace_run([q], "26", "25")
    found = st.check(edit(content, change), loaded)
    assert {(x.text, x.fact) for x in mismatched(found)} == {
        ("three", "fieldwork:weeks"), ("25", "cohort:from")}


def test_deleted_text_and_field_instructions_are_not_read_inserted_text_is(gwent):
    loaded, content = _gwent(gwent)

    def change(doc):
        p = next(p for p in doc.paragraphs if "over two weeks" in paragraph_text(p))
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        p._p.append(parse_xml(
            f'<w:del xmlns:w="{w}" w:id="1" w:author="x"><w:r><w:delText> 99 cases we '
            'inspected</w:delText></w:r></w:del>'))
        p._p.append(parse_xml(
            f'<w:ins xmlns:w="{w}" w:id="2" w:author="x"><w:r><w:t> We inspected 36 cases.'
            '</w:t></w:r></w:ins>'))
    found = st.check(edit(content, change), loaded)
    assert [(x.text, x.fact) for x in mismatched(found) if x.kind != "relation"] == [
        ("36", "cases")]


def test_what_is_not_a_figure_and_what_is():
    v = vocabulary("en")
    text = ("Table 3: P 2.1.3 and 2.4 Reviewing, at 10:00, ref HMIP/PR/2026/WAL/1, 1st Floor, "
            "Manchester M3 3FX, framework 2025.03, Annex 1, one of them.")
    assert mentions(text, v) == []
    found = mentions("twenty-three of the 35 cases, one case, 2048 cases, in 2026, 4,321 "
                     "people, 66%, 12 per cent, Rating: Good ☆", v)
    assert [(m.kind, m.value, m.unit) for m in found] == [
        ("number", 23, ""), ("number", 35, "cases"), ("number", 1, "cases"),
        ("number", 2048, "cases"), ("year", 2026, ""), ("number", 4321, "people"),
        ("percent", 66, ""), ("percent", 12, ""), ("rating", Rating.GOOD, "")]
    assert found[-1].text == "Good ☆"


@pytest.mark.parametrize(("text", "value"), [
    ("dros bythefnos", 2), ("dros ddwy wythnos", 2), ("dair wythnos", 3), ("tri achos", 3),
    ("deuddeg mis", 12), ("pymtheg achos", 15), ("ugain achos", 20), ("dau ddeg tri achos", 23),
    ("hanner cant o achosion", 50), ("chwe Uned", 6), ("a thri achos", 3)])
def test_welsh_numbers_in_words(text, value):
    [m] = [m for m in mentions(text, vocabulary("cy")) if m.kind == "number"]
    assert m.value == value


def test_welsh_words_that_only_look_like_numbers():
    v = vocabulary("cy")
    text = "Pob un: achosion. Nid oedd dim ond gan yr Uned. Mae'r gwaith yn dda."
    assert [m for m in mentions(text, v) if m.kind == "number"] == []


# ---------------------------------------------------------- other editions and relations


def test_a_wrong_figure_in_the_web_edition_and_the_workbook(gwent):
    loaded, editions = gwent
    page = editions["en", "html"].replace(b'<td class="n">66%</td>', b'<td class="n">67%</td>',
                                          1)
    wrong = mismatched(st.check(page, loaded))
    assert ("67%", "kq:P 2.1.1:pct:yes", "66%") in {(x.text, x.fact, x.expected) for x in wrong}
    book = load_workbook(io.BytesIO(editions["cy", "xlsx"]))
    sheet = book.worksheets[2]
    assert sheet["E1"].value == "Craidd: ie" and sheet["E2"].value == 20
    sheet["E2"] = 21
    out = io.BytesIO()
    book.save(out)
    found = st.check(out.getvalue(), loaded)
    assert ("kq:P 2.1.1:core:yes", "20") in {(x.fact, x.expected) for x in mismatched(found)}
    assert "P 2.1.1 (core): yes 21 + no 11 = 32, not 31" in {x.note for x in mismatched(found)}


def test_a_rating_the_rules_do_not_give_without_a_panel_decision(tmp_path):
    loaded = parse(FIXTURES / "pdu-disagreement.json")
    content = pipeline.render_docx(pipeline.jobs_for(loaded, ["pdu-report"], ["en"])[0])
    found = [x for x in st.check(content, loaded) if x.where == "the inspection data"]
    assert found and all(x.status == "mismatched" for x in found)
    assert any("the panel recorded no decision" in x.note for x in found)


def test_one_fact_one_value_everywhere(gwent):
    loaded, content = _gwent(gwent)

    def change(doc):
        pr = next(pr for pr in doc.element.body.iter(qn("wp:docPr"))
                  if pr.get("descr").startswith("Assessment"))
        pr.set("descr", pr.get("descr").replace("66%", "60%", 1))
    found = st.check(edit(content, change), loaded)
    notes = [x.note for x in mismatched(found) if x.kind == "relation"]
    assert any("is stated with different values: table 7, row 2, column 8: 66%; alt text of "
               "picture 6: 60%" in n for n in notes)


# ------------------------------------------------------------------------------ output


def test_the_text_json_and_signoff_workbook(gwent, tmp_path):
    loaded, editions = gwent
    planted = edit(editions["en", "docx"], lambda d: retype(cell(d, "Key question", 1, 1), "21"))
    (tmp_path / "planted.docx").write_bytes(planted)
    (tmp_path / "gwent.cy.docx").write_bytes(editions["cy", "docx"])
    result = run("check", "stats", tmp_path / "planted.docx", tmp_path / "gwent.cy.docx",
                 "--data", GWENT, "--signoff", tmp_path / "signoff.xlsx")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("planted.docx (English, docx): 273 figures: 272 traced, "
                               "1 mismatched, 0 unbound")
    assert lines[0].endswith("FAILS")
    assert " 2. Service delivery › 2.1 Assessment › Areas for improvement" in lines
    assert "  mismatched 21             table 7, row 2, column 2: P 2.1.1 (engaging the person " \
           "on probation): core cases judged sufficient: the data gives 20 (from " \
           '$.domain_two["P 2.1"].key_questions["P 2.1.1"].core.yes)' in lines
    assert lines[-1].startswith("gwent.cy.docx (Welsh, docx)") and "passes" in lines[-1]
    book = load_workbook(tmp_path / "signoff.xlsx")
    assert [c.value for c in book["Sign-off"]["A"][4:6]] == ["planted.docx", "gwent.cy.docx"]
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert rows[0][:5] == ("Section", "Where", "Figure", "Kind", "Status")
    assert len(rows) - 1 == len(st.check(planted, loaded))
    as_json = json.loads(run("check", "stats", tmp_path / "planted.docx", "--data", GWENT,
                             "--json").stdout)
    assert as_json["passed"] is False
    [edition] = as_json["editions"]
    assert edition["counts"]["mismatched"] == 1 and edition["passed"] is False
    [wrong] = [x for x in edition["figures"] if x["status"] == "mismatched"
               and x["kind"] == "number"]
    assert (wrong["where"], wrong["fact"], wrong["expected"]) == (
        "table 7, row 2, column 2", "kq:P 2.1.1:core:yes", "20")


def test_a_file_the_check_cannot_read(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("35 cases")
    result = run("check", "stats", bad, "--data", GWENT)
    assert result.exit_code == 2
    assert "notes.txt: the statistics check cannot read it: expected a Word document" in \
        result.stderr
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    result = run("check", "stats", broken, "--data", GWENT)
    assert result.exit_code == 2 and "broken.docx: the statistics check cannot read it" in \
        result.stderr


def test_the_output_groups_figures_by_section(gwent):
    loaded, editions = gwent
    [checked] = st.check_editions([("gwent.en.docx", editions["en", "docx"])], loaded)
    text = output.text([checked], everything=True).splitlines()
    headings = [line for line in text[1:] if not line.startswith("  ")]
    assert headings[:3] == [" (before the first heading)", " Foreword",
                            " Ratings"]


# ------------------------------------------------------------------- claims in running text


@pytest.mark.parametrize(("lang", "right", "wrong", "expected"), [
    ("en", "Friday 6 March 2026", "Thursday 6 March 2026", "Friday"),
    ("en", "Friday 6 March 2026", "Saturday, 6 March 2026", "Friday"),
    ("cy", "dydd Gwener 6 Mawrth 2026", "dydd Iau 6 Mawrth 2026", "Dydd Gwener"),
    ("cy", "dydd Gwener 6 Mawrth 2026", "ddydd Llun 6 Mawrth 2026", "Dydd Gwener"),
])
def test_a_weekday_that_is_not_its_dates_is_mismatched_against_the_calendar(
        gwent, lang, right, wrong, expected):
    loaded, content = _gwent(gwent, lang)
    as_rendered = [x for x in st.check(content, loaded) if x.kind == "weekday"]
    assert as_rendered and all(
        (x.status, x.fact, x.expected) == ("traced", "calendar:weekday:2026-03-06", expected)
        for x in as_rendered)
    found = st.check(edit(content, lambda d: replace_run(d.paragraphs, right, wrong)), loaded)
    [weekday] = [x for x in mismatched(found) if x.kind == "weekday"]
    assert (weekday.text, weekday.expected, weekday.source) == (wrong, expected, "the calendar")
    assert weekday.fact == "calendar:weekday:2026-03-06"
    # the date itself is still right; the other places saying Friday disagree with this one
    assert [(x.kind, x.fact) for x in mismatched(found) if x.kind != "weekday"] == [
        ("relation", "calendar:weekday:2026-03-06")]


def test_a_weekday_is_read_only_just_before_a_date():
    en, cy = vocabulary("en"), vocabulary("cy")
    assert [(m.kind, m.weekday) for m in weekdays(
        "Held on Monday 16 March 2026; on Friday we met, 27 March 2026.", en)] == [
        ("weekday", 0)]
    assert [m.weekday for m in weekdays("fe'i cynhaliwyd ddydd Iau 26 Mawrth 2026", cy)
            ] == [3]
    assert [m.kind for m in mentions("Monday 16 March 2026", en)] == ["date"]


# Gwent, 2.1 Assessment: engaging the person on probation 66% (23 of 35), the factors linked to
# offending and desistance 60% (21 of 35), keeping other people safe 60% (21 of 35).
EN, CY = "2.1 Assessment", "2.1 Asesu"
ENGAGE, SAFE = "engaging the person on probation", "keeping other people safe"
ENGAGE_CY, SAFE_CY = "ymgysylltu â'r unigolyn ar brawf", "cadw pobl eraill yn ddiogel"


def _said(gwent, lang: str, sentence: str):
    """The figures the check finds in `sentence`, added to Gwent's 2.1 Assessment."""
    loaded, content = _gwent(gwent, lang)
    found = st.check(edit(content, lambda d: add_sentence(d, EN if lang == "en" else CY,
                                                          sentence)), loaded)
    return [x for x in found if x.context == sentence]


@pytest.mark.parametrize(("lang", "sentence", "text", "status"), [
    # quantifiers on a key question's share (66%)
    ("en", f"Most of the cases we inspected were sufficient on {ENGAGE}.", "Most", "traced"),
    ("en", f"A minority of the cases we inspected were sufficient on {ENGAGE}.", "A minority of",
     "mismatched"),
    ("en", f"Fewer than half of the cases we inspected were sufficient on {ENGAGE}.",
     "Fewer than half", "mismatched"),
    ("en", f"All of the cases we inspected were sufficient on {ENGAGE}.", "All of the",
     "mismatched"),
    ("en", f"In every case we inspected, the work was sufficient on {ENGAGE}.", "In every case",
     "mismatched"),
    ("en", f"None of the cases we inspected were sufficient on {ENGAGE}.", "None of the",
     "mismatched"),
    ("cy", f"Roedd y rhan fwyaf o'r achosion yn ddigonol o ran {ENGAGE_CY}.", "y rhan fwyaf",
     "traced"),
    ("cy", f"Roedd lleiafrif o'r achosion yn ddigonol o ran {ENGAGE_CY}.", "lleiafrif",
     "mismatched"),
    # fractions: two thirds is 67%, three quarters 75%, one in five 20%
    ("en", f"Two thirds of the cases we inspected were sufficient on {ENGAGE}.", "Two thirds",
     "traced"),
    ("en", f"Three quarters of the cases we inspected were sufficient on {ENGAGE}.",
     "Three quarters", "mismatched"),
    ("en", f"One in five cases we inspected was sufficient on {SAFE}.", "One in five",
     "mismatched"),
    ("en", f"More than a third of the cases we inspected were sufficient on {SAFE}.",
     "a third", "traced"),
    ("cy", f"Roedd dwy ran o dair o'r achosion yn ddigonol o ran {ENGAGE_CY}.",
     "dwy ran o dair", "traced"),
    ("cy", f"Roedd tri chwarter o'r achosion yn ddigonol o ran {ENGAGE_CY}.", "tri chwarter",
     "mismatched"),
    ("cy", f"Roedd dros draean o'r achosion yn ddigonol o ran {SAFE_CY}.", "draean", "traced"),
])
def test_a_quantifier_or_fraction_is_judged_against_the_share_it_speaks_of(
        gwent, lang, sentence, text, status):
    [claim] = [x for x in _said(gwent, lang, sentence) if x.kind == "claim"]
    assert (claim.text, claim.status) == (text, status)
    assert claim.expected.startswith(("66% (23 of 35)", "60% (21 of 35)"))
    assert claim.source.endswith('.key_questions["P 2.1.1"]') or claim.source.endswith(
        '.key_questions["P 2.1.3"]')
    if status == "mismatched":
        assert "the data gives" in claim.note


@pytest.mark.parametrize(("lang", "sentence", "status"), [
    ("en", f"The work was stronger on {ENGAGE} (66%) than on {SAFE} (60%).", "traced"),
    ("en", f"The work was weaker on {ENGAGE} (66%) than on {SAFE} (60%).", "mismatched"),
    ("en", f"The work was stronger on {SAFE} than on {ENGAGE}.", "mismatched"),
    ("cy", f"Roedd y gwaith yn gryfach o ran {ENGAGE_CY} nag o ran {SAFE_CY}.", "traced"),
    ("cy", f"Roedd y gwaith yn wannach o ran {ENGAGE_CY} (66%) nag o ran {SAFE_CY} (60%).",
     "mismatched"),
])
def test_a_comparison_of_two_key_questions(gwent, lang, sentence, status):
    said = _said(gwent, lang, sentence)
    [claim] = [x for x in said if x.kind == "claim"]
    assert (claim.fact, claim.status) == ("claim:compare:P 2.1.1:P 2.1.3", status)
    assert set(claim.expected.split("; ")) == {"66% (23 of 35)", "60% (21 of 35)"}
    # each share beside the question it follows, not the sentence's first
    assert [(x.text, x.fact, x.status) for x in said if x.kind == "percent"] in ([], [
        ("66%", "kq:P 2.1.1:pct:yes", "traced"), ("60%", "kq:P 2.1.3:pct:yes", "traced")])


@pytest.mark.parametrize(("lang", "sentence", "fact", "status", "note"), [
    ("en", f"The work was weakest on {ENGAGE}, at 66%.", "claim:rank:P 2.1.1", "mismatched",
     "is lower, 60% (21 of 35)"),
    ("en", f"The work was strongest on {ENGAGE}.", "claim:rank:P 2.1.1", "traced", ""),
    ("cy", f"Roedd y gwaith ar ei wannaf o ran {ENGAGE_CY}.", "claim:rank:P 2.1.1",
     "mismatched", "is lower"),
    ("en", f"The share for {ENGAGE} was 6 percentage points higher than for {SAFE}.",
     "claim:gap:P 2.1.1:P 2.1.3", "traced", ""),
    ("en", f"The share for {ENGAGE} was 14 percentage points higher than for {SAFE}.",
     "claim:gap:P 2.1.1:P 2.1.3", "mismatched", "6 points apart"),
    ("en", f"The share for {SAFE} was 6 percentage points higher than for {ENGAGE}.",
     "claim:gap:P 2.1.1:P 2.1.3", "mismatched", "6 points apart"),
    ("cy", f"Roedd y gyfran ar gyfer {SAFE_CY} 6 pwynt canran yn is nag ar gyfer {ENGAGE_CY}.",
     "claim:gap:P 2.1.1:P 2.1.3", "traced", ""),
    ("en", f"Work on {ENGAGE} has improved since the last inspection, to 66%.", "claim:change",
     "mismatched", "no earlier figure"),
    ("cy", f"Mae'r gwaith o ran {ENGAGE_CY} wedi gwella ers yr arolygiad diwethaf.",
     "claim:change", "mismatched", "no earlier figure"),
])
def test_superlatives_gaps_and_changes(gwent, lang, sentence, fact, status, note):
    [claim] = [x for x in _said(gwent, lang, sentence) if x.kind == "claim"]
    assert (claim.fact, claim.status) == (fact, status)
    assert note in claim.note


@pytest.mark.parametrize(("lang", "sentence", "facts"), [
    ("en", "Two of the seven standards were rated Inadequate.",
     [("Two", "standards:rated:Inadequate", "traced"), ("seven", "standards:count", "traced")]),
    ("en", "Three of the seven standards were rated Inadequate.",
     [("Three", "standards:rated:Inadequate", "mismatched"),
      ("seven", "standards:count", "traced")]),
    ("en", "Two of the eight standards were rated Inadequate.",
     [("Two", "standards:rated:Inadequate", "traced"), ("eight", "standards:count",
                                                         "mismatched")]),
    ("cy", "Cafodd 4 o'r 7 safon eu graddio'n Angen gwella.",  # five were
     [("4", "standards:rated:Requires improvement", "mismatched"),
      ("7", "standards:count", "traced")]),
    ("en", "The PDU was rated Good overall.", [("Good", "overall:rating", "mismatched")]),
    ("cy", "Graddiwyd yr Uned yn Dda yn gyffredinol.", [("Dda", "overall:rating", "mismatched")]),
    ("en", "2,091 people were under supervision.", [("2,091", "caseload:total", "traced")]),
    ("en", "35 people were under supervision.", [("35", "caseload:total", "mismatched")]),
    ("cy", "Roedd 2,091 o bobl dan oruchwyliaeth.", [("2,091", "caseload:total", "traced")]),
])
def test_counts_of_standards_ratings_and_populations_in_running_text(gwent, lang, sentence,
                                                                     facts):
    said = _said(gwent, lang, sentence)
    assert [(x.text, x.fact, x.status) for x in said] == facts


def test_a_count_of_people_is_never_read_as_the_cases_inspected(gwent):
    said = _said(gwent, "en", "Some 49% of the 2,091 people under supervision were seen.")
    assert [(x.text, x.fact, x.status) for x in said] == [
        ("49%", "", "unbound"), ("2,091", "caseload:total", "traced")]


WORKLOAD, WORKLOAD_CY = "“My workload is manageable”", "“Mae fy llwyth gwaith yn hylaw”"


# Gwent's staff: 54 of 110 answered; "My workload is manageable": 25 of the 53 who answered it
# agreed (47%), 21 disagreed (40%). People on probation: 26 of 91 answered; 2,091 supervised.
@pytest.mark.parametrize(("lang", "sentence", "facts"), [
    ("en", f"Of the 53 staff who answered, 47% agreed that {WORKLOAD}.",
     [("53", "survey:staff:workload:answered", "traced"),
      ("47%", "survey:staff:workload:pct", "traced")]),
    ("en", f"Of the 54 staff who answered, 47% agreed that {WORKLOAD}.",  # the questionnaire's
     [("54", "survey:staff:workload:answered", "mismatched"),
      ("47%", "survey:staff:workload:pct", "traced")]),
    ("en", f"Of the 54 staff who answered our questionnaire, 47% agreed that {WORKLOAD}.",
     [("54", "survey:staff:respondents", "traced"),
      ("47%", "survey:staff:workload:pct", "traced")]),
    ("en", f"25 of the 53 staff who answered agreed that {WORKLOAD}.",
     [("25", "survey:staff:workload:agree", "traced"),
      ("53", "survey:staff:workload:answered", "traced")]),
    ("en", f"25 of the 53 staff who answered disagreed that {WORKLOAD}.",
     [("25", "survey:staff:workload:disagree", "mismatched"),
      ("53", "survey:staff:workload:answered", "traced")]),
    ("en", f"47% of the staff who answered disagreed that {WORKLOAD}.",
     [("47%", "survey:staff:workload:pct:disagree", "mismatched")]),
    ("en", "Of the 53 staff who answered, 74% agreed that their workload was manageable.",
     [("53", "survey:staff:workload:answered", "traced"),
      ("74%", "survey:staff:workload:pct", "mismatched")]),
    ("cy", f"O'r 53 aelod o staff a atebodd, cytunodd 47% â'r datganiad {WORKLOAD_CY}.",
     [("53", "survey:staff:workload:answered", "traced"),
      ("47%", "survey:staff:workload:pct", "traced")]),
    ("cy", f"Cytunodd 25 o'r 53 aelod o staff a atebodd â'r datganiad {WORKLOAD_CY}.",
     [("25", "survey:staff:workload:agree", "traced"),
      ("53", "survey:staff:workload:answered", "traced")]),
    ("cy", f"Anghytunodd 40% o'r staff a atebodd â'r datganiad {WORKLOAD_CY}.",
     [("40%", "survey:staff:workload:pct:disagree", "traced")]),
])
def test_a_survey_statements_figures_in_running_text(gwent, lang, sentence, facts):
    said = _said(gwent, lang, sentence)
    assert [(x.text, x.fact, x.status) for x in said] == facts


@pytest.mark.parametrize(("lang", "sentence", "text", "fact", "status"), [
    ("en", f"Most of the staff who answered agreed that {WORKLOAD}.", "Most",
     "claim:share:staff:workload:agree", "mismatched"),
    ("en", "Most staff agreed that their workload was manageable.", "Most",  # paraphrased
     "claim:share:staff:workload:agree", "mismatched"),
    ("en", "Fewer than half of staff agreed that their workload was manageable.",
     "Fewer than half", "claim:share:staff:workload:agree", "traced"),
    ("en", f"A minority of the staff who answered disagreed that {WORKLOAD}.", "A minority of",
     "claim:share:staff:workload:disagree", "traced"),
    ("en", f"Two thirds of the staff who answered agreed that {WORKLOAD}.", "Two thirds",
     "claim:share:staff:workload:agree", "mismatched"),
    ("en", "Fewer than half of the staff we invited answered our questionnaire.",
     "Fewer than half", "claim:share:staff:response:answered", "traced"),
    ("cy", "Cytunodd y rhan fwyaf o'r staff fod eu llwyth gwaith yn hylaw.", "y rhan fwyaf",
     "claim:share:staff:workload:agree", "mismatched"),
    ("cy", f"Cytunodd llai na hanner y staff a atebodd â'r datganiad {WORKLOAD_CY}.",
     "llai na hanner", "claim:share:staff:workload:agree", "traced"),
])
def test_a_quantifier_on_a_survey_statement_is_judged_against_its_answers(
        gwent, lang, sentence, text, fact, status):
    [claim] = [x for x in _said(gwent, lang, sentence) if x.kind == "claim"]
    assert (claim.text, claim.fact, claim.status) == (text, fact, status)
    if status == "mismatched":
        assert "the data gives 47% (25 of 53)" in claim.note


# Gwent's staff agreeing: workload 47% (25 of 53), supervision 46%, vision 42%, raise concerns
# 40% (the lowest).
@pytest.mark.parametrize(("lang", "sentence", "fact", "status"), [
    ("en", "Staff were more positive about a manageable workload than about a clear vision.",
     "claim:compare:staff:vision:staff:workload", "traced"),
    ("en", "Staff were less positive about a manageable workload than about a clear vision.",
     "claim:compare:staff:vision:staff:workload", "mismatched"),
    ("en", "Staff were most positive about a manageable workload.", "claim:rank:staff:workload",
     "traced"),
    ("en", "Staff were least positive about good supervision.", "claim:rank:staff:supervision",
     "mismatched"),
    ("cy", "Roedd y staff yn llai cadarnhaol am lwyth gwaith hylaw nag am weledigaeth glir.",
     "claim:compare:staff:vision:staff:workload", "mismatched"),
    ("cy", "Roedd y staff yn lleiaf cadarnhaol am allu codi pryderon.",
     "claim:rank:staff:raise-concerns", "traced"),
])
def test_survey_statements_compared(gwent, lang, sentence, fact, status):
    said = _said(gwent, lang, sentence)
    # "most" of "most positive" is the superlative's, not a quantity of its own
    [claim] = said
    assert (claim.kind, claim.fact, claim.status) == ("claim", fact, status)


def test_a_statement_a_sentence_only_hints_at_is_listed_not_judged(gwent):
    # "the training needed" is the statement; "the training was good" could be any of several
    said = _said(gwent, "en", "Most staff agreed that the training was good.")
    assert [(x.text, x.status) for x in said] == [("Most", "unbound")]


@pytest.mark.parametrize(("lang", "sentence", "facts"), [
    ("en", "54 of the 110 staff we invited answered our questionnaire.",
     [("54", "survey:staff:respondents", "traced"), ("110", "survey:staff:invited", "traced")]),
    ("en", "110 staff answered our questionnaire.",
     [("110", "survey:staff:respondents", "mismatched")]),
    ("en", "We invited 54 staff to answer our questionnaire.",  # the nearest cue: invited
     [("54", "survey:staff:invited", "mismatched")]),
    ("en", "26 people on probation answered our survey.",
     [("26", "survey:people_on_probation:respondents", "traced")]),
    ("en", "2,091 people on probation answered our survey.",  # the caseload, as respondents
     [("2,091", "survey:people_on_probation:respondents", "mismatched")]),
    ("en", "The staff questionnaire had a response rate of 49%.",
     [("49%", "survey:staff:rate", "traced")]),
    ("cy", "Gwahoddwyd 110 aelod o staff i ateb ein holiadur.",
     [("110", "survey:staff:invited", "traced")]),
    ("cy", "Atebodd 91 o bobl ar brawf ein harolwg.",
     [("91", "survey:people_on_probation:respondents", "mismatched")]),
])
def test_those_invited_to_a_survey_and_who_answered_it(gwent, lang, sentence, facts):
    said = _said(gwent, lang, sentence)
    assert [(x.text, x.fact, x.status) for x in said] == facts


# Gwent's staffing: 8.2 of 107.7 posts vacant (8%); probation officers 3.8 of 44.0 (9%), senior
# probation officers 1.2 of 8.3 (14%).
@pytest.mark.parametrize(("lang", "sentence", "facts"), [
    ("en", "There were 8.2 vacancies (FTE) across all grades.",
     [("8.2", "staffing:all:vacant", "traced")]),
    ("en", "There were 3.8 vacancies (FTE) across all grades.",  # one grade's, as the total
     [("3.8", "staffing:all:vacant", "mismatched")]),
    ("en", "The vacancy rate across all grades was 8%.", [("8%", "staffing:all:rate", "traced")]),
    ("en", "Probation officer posts had a vacancy rate of 9%.",
     [("9%", "staffing:probation-officer:rate", "traced")]),
    ("en", "Probation officer posts had a vacancy rate of 14%.",  # another grade's rate
     [("14%", "staffing:probation-officer:rate", "mismatched")]),
    ("en", "There were 1.2 vacant senior probation officer posts (FTE).",
     [("1.2", "staffing:senior-probation-officer:vacant", "traced")]),
    ("en", "3.8 of the 44 probation officer posts (FTE) were vacant.",
     [("3.8", "staffing:probation-officer:vacant", "traced"),
      ("44", "staffing:probation-officer:target", "traced")]),
    ("en", "There were 99.5 probation staff in post (FTE) against a target of 107.7 posts.",
     [("99.5", "staffing:all:in_post", "traced"), ("107.7", "staffing:all:target", "traced")]),
    ("en", "Leaders had filled 12 posts since the last inspection.",  # no FTE: not staffing
     [("12", "", "unbound")]),
    ("cy", "Roedd 8.2 o swyddi gwag (CALl) ar draws pob gradd.",
     [("8.2", "staffing:all:vacant", "traced")]),
    ("cy", "Roedd cyfradd swyddi gwag swyddogion prawf yn 14%.",
     [("14%", "staffing:probation-officer:rate", "mismatched")]),
    ("cy", "Roedd 1.2 o swyddi swyddogion prawf yn wag (CALl).",
     [("1.2", "staffing:probation-officer:vacant", "mismatched")]),
])
def test_vacancies_and_vacancy_rates_in_running_text(gwent, lang, sentence, facts):
    said = _said(gwent, lang, sentence)
    assert [(x.text, x.fact, x.status) for x in said] == facts


# Gwent's fieldwork: 16 to 27 March 2026; publication 5 June 2026 (the calendar's milestone).
@pytest.mark.parametrize(("lang", "sentence", "facts"), [
    ("en", "The fieldwork ended on 27 March 2026.", [("27 March 2026", "fieldwork:end", "traced")]),
    ("en", "The fieldwork ended on 16 March 2026.",  # the first day, as the last
     [("16 March 2026", "fieldwork:end", "mismatched")]),
    ("en", "Fieldwork began on 16 March 2026 and ended on 27 March 2026.",
     [("16 March 2026", "fieldwork:start", "traced"),
      ("27 March 2026", "fieldwork:end", "traced")]),
    ("en", "On 16 March 2026, our fieldwork started.",
     [("16 March 2026", "fieldwork:start", "traced")]),
    ("en", "This report will be published on 12 June 2026.",
     [("12 June 2026", "publication", "mismatched")]),
    ("en", "The team began planning on 2 February 2026.",  # no fieldwork named: listed
     [("2 February 2026", "", "unbound")]),
    ("cy", "Daeth y gwaith maes i ben ar 16 Mawrth 2026.",
     [("16 Mawrth 2026", "fieldwork:end", "mismatched")]),
    ("cy", "Caiff yr adroddiad hwn ei gyhoeddi ar 5 Mehefin 2026.",
     [("5 Mehefin 2026", "publication", "traced")]),
])
def test_a_start_end_or_publication_date_in_a_sentence(gwent, lang, sentence, facts):
    said = _said(gwent, lang, sentence)
    assert [(x.text, x.fact, x.status) for x in said] == facts


def test_a_pdus_vacancies_named_in_the_regional_report(rendered):
    """A regional report's sentence naming a PDU states that PDU's staffing, else the
    region's: Gwent's probation officers 3.8 of 44.0 vacant (9%); the region's 19%."""
    loaded = parse(WALES / "region.json")
    content = (rendered / "wales-regional-report.en.docx").read_bytes()
    sentences = ["In Gwent, probation officer posts had a vacancy rate of 9%.",
                 "Across the region, probation officer posts had a vacancy rate of 9%.",
                 "In Gwent, there were 3.8 vacant probation officer posts (FTE)."]
    found = st.check(edit(content, lambda d: [
        d.paragraphs[-1].add_run(" " + s) for s in sentences]), loaded)
    assert [(x.text, x.fact, x.status) for x in found if x.context in sentences] == [
        ("9%", "pdu:gwent:staffing:probation-officer:rate", "traced"),
        ("9%", "staffing:probation-officer:rate", "mismatched"),
        ("3.8", "pdu:gwent:staffing:probation-officer:vacant", "traced")]


# Correct sentences a writer might use that are not the figures they look like: listed for a
# person or bound to the right fact, never mismatched.
@pytest.mark.parametrize(("lang", "sentence", "facts"), [
    ("en", "12 staff took part in the training.",
     [("12", "", "unbound")]),
    ("en", "In the staff survey, 47% agreed that their workload was manageable and 40% disagreed.",
     [("47%", "survey:staff:workload:pct", "traced"),
      ("40%", "survey:staff:workload:pct:disagree", "traced")]),
    ("en", f"7 of the 53 staff who answered neither agreed nor disagreed that {WORKLOAD}.",
     [("7", "survey:staff:workload:neither", "traced"),
      ("53", "survey:staff:workload:answered", "traced")]),
    ("cy", f"Nid oedd 21 aelod o staff yn cytuno â'r datganiad {WORKLOAD_CY}.",
     [("21", "survey:staff:workload:disagree", "traced")]),
    ("en", "We invited 110 staff and 91 people on probation to answer our surveys.",
     [("110", "survey:staff:invited", "traced"), ("91", "", "unbound")]),
    ("en", "Managers provided good supervision, and 85% of staff had a supervision session.",
     [("85%", "", "unbound")]),
    ("en", "The vacancy rate for probation officers was 9%, below the national rate of 15%.",
     [("9%", "staffing:probation-officer:rate", "traced"), ("15%", "", "unbound")]),
    ("en", "About 9% of the 44.0 probation officer posts (FTE) were vacant.",
     [("9%", "staffing:probation-officer:rate", "traced"),
      ("44.0", "staffing:probation-officer:target", "traced")]),
    ("en", "Three of the 8.2 vacancies (FTE) were for probation officers.",
     [("Three", "", "unbound"), ("8.2", "staffing:all:vacant", "traced")]),
    ("en", "Our last inspection of Gwent was published on 12 May 2022.",
     [("12 May 2022", "", "unbound")]),
    ("en", "The head of the PDU started in post on 6 January 2026, before the inspection.",
     [("6 January 2026", "", "unbound")]),
    ("en", "The panel of managers met on 3 February 2026.", [("3 February 2026", "", "unbound")]),
])
def test_what_only_looks_like_a_survey_staffing_or_date_figure(gwent, lang, sentence, facts):
    said = _said(gwent, lang, sentence)
    assert [(x.text, x.fact, x.status) for x in said] == facts


def test_posts_are_read_only_as_posts():
    v = vocabulary("en")
    found = mentions("We met 12 senior managers about vacancies; see 2.1 Assessment; "
                     "44 probation officer posts, 3.8 of them vacant posts, 1.5 FTE.", v)
    assert [(m.kind, str(m.value), m.unit) for m in found] == [
        ("number", "12", ""), ("number", "44", "posts"), ("decimal", "3.8", "posts"),
        ("decimal", "1.5", "posts")]


def test_moved_figures_are_mismatched_where_they_now_stand(gwent):
    loaded, content = _gwent(gwent)

    def swap_rows(d):  # P 2.1.1's row and P 2.2.1's, each in the other's table
        a, b = (cell(d, "Key question", 1, 0)._tc.getparent(),
                next(t for t in d.tables[7:] if cell_text(t.rows[0].cells[0]) == "Key question"
                     ).rows[1]._tr)
        pa, pb = a.getparent(), b.getparent()
        ia, ib = pa.index(a), pb.index(b)
        pa.remove(a)
        pb.remove(b)
        pa.insert(ia, b)
        pb.insert(ib, a)

    found = st.check(edit(content, swap_rows), loaded)
    moved = [x for x in mismatched(found) if x.kind == "place"]
    assert {(x.fact, x.expected) for x in moved} == {
        ("place:P 2.2.1", "under P 2.2 Planning"), ("place:P 2.1.1", "under P 2.1 Assessment")}
    assert all(x.where.startswith(("table 7, row 2", "table 8, row 2")) for x in moved)

    def swap_alts(d):  # the charts of 2.1 and 2.2 with each other's alt text
        prs = [p for p in d.element.body.iter(qn("wp:docPr"))
               if (p.get("descr") or "").startswith(("Assessment:", "Planning:"))]
        a, b = prs[0].get("descr"), prs[1].get("descr")
        prs[0].set("descr", b)
        prs[1].set("descr", a)

    found = st.check(edit(content, swap_alts), loaded)
    assert {(x.where, x.fact) for x in mismatched(found) if x.kind == "place"} == {
        ("alt text of picture 6", "place:P 2.2"), ("alt text of picture 7", "place:P 2.1")}


@pytest.mark.parametrize(("english", "welsh"), [
    ("In twenty-three of the 35 cases we inspected, the work was sufficient on engaging the "
     "person on probation.",
     "Mewn tri ar hugain o'r 35 achos a arolygwyd, roedd y gwaith yn ddigonol o ran ymgysylltu "
     "â'r unigolyn ar brawf."),
    ("Two thirds of the cases we inspected were sufficient on engaging the person on "
     "probation.",
     "Roedd ddwy ran o dair o'r achosion yn ddigonol o ran ymgysylltu â'r unigolyn ar brawf."),
])
def test_welsh_wordings_of_a_figure_are_counterparts_of_the_english(gwent, english, welsh):
    """The traditional count ("tri ar hugain") and a fraction ("ddwy ran o dair") are the
    English figure's counterparts, not figures of their own with none."""
    loaded, editions = gwent
    en = st.check(edit(editions["en", "docx"], lambda d: add_sentence(d, EN, english)), loaded)
    cy = st.check(edit(editions["cy", "docx"], lambda d: add_sentence(d, CY, welsh)), loaded)
    assert not mismatched(en) and not mismatched(cy)
    assert st.compare(en, cy) == []


def test_mewn_pythefnos_is_the_case_cohorts_two_weeks(gwent):
    loaded, editions = gwent
    welsh = edit(editions["cy", "docx"], lambda d: replace_run(
        d.paragraphs, "mewn dwy wythnos rhwng", "mewn pythefnos rhwng"))
    cy = st.check(welsh, loaded)
    [weeks] = [x for x in cy if x.text == "pythefnos"]
    assert (weeks.fact, weeks.status) == ("cohort:weeks", "traced")
    assert st.compare(st.check(editions["en", "docx"], loaded), cy) == []


@pytest.mark.parametrize(("lang", "heading", "sentence", "status"), [
    ("en", EN, "Overall, we found that this work needs to improve.", "traced"),
    ("en", EN, "Overall, we found that this work was done well.", "mismatched"),
    ("cy", CY, "At ei gilydd, canfuom fod angen i'r gwaith hwn wella.", "traced"),
    ("cy", CY, "At ei gilydd, canfuom fod y gwaith hwn yn cael ei wneud yn dda.", "mismatched"),
])
def test_a_standards_summary_sentence_agrees_with_its_rating(gwent, lang, heading, sentence,
                                                             status):
    """2.1 Assessment is rated Requires improvement: its work needs to improve. (The right
    sentence is the report's own too: both are found, both traced.)"""
    said = _said(gwent, lang, sentence)
    claims = [x for x in said if x.fact == "claim:summary:P 2.1"]
    assert claims and {(x.status, x.expected) for x in claims} == {
        (status, "Requires improvement")}
    # under every other standard the report's own sentence agrees with that one's rating
    assert all(x.status == "traced" for x in said if x not in claims)
