"""What a Welsh-speaking editor's review of every Welsh output found, each defect checked where
it is made: place names in Welsh, the author, the narrative's Welsh, the catalogue, plural
forms and lists, style, the national review in Welsh, drafts marked as drafts, and the glossary
workflow."""

from __future__ import annotations

import io
import json
import shutil
import tomllib

import openpyxl
import pikepdf
import pytest
from babel.messages.pofile import read_po
from docx import Document

from reportgen import formatting, pipeline, translation
from reportgen.checks import welsh
from reportgen.documents.common import Edition, join
from reportgen.errors import InputError
from reportgen.i18n import catalogue_path
from reportgen.loading import parse
from reportgen.ooxml.text import cell_text, paragraph_text
from tests.conftest import FIXTURES, ROOT, WALES, fixture, run

WELSH_SITES = ["Swyddfa Prawf Caerdydd, Llanisien", "Swyddfa Prawf Casnewydd",
               "Swyddfa Prawf Glynebwy", "Canolfan Prawf Abertawe", "Swyddfa Prawf Merthyr Tudful",
               "Swyddfa Prawf Pen-y-bont ar Ogwr", "Swyddfa Prawf Caerfyrddin",
               "Swyddfa Prawf y Drenewydd", "Swyddfa Prawf Caernarfon", "Swyddfa Prawf Wrecsam"]


def welsh_message(msgid: str) -> str | tuple:
    with catalogue_path("cy").open("rb") as f:
        return read_po(f)[msgid].string


def body_text(doc: Document) -> str:
    return "\n".join([paragraph_text(p) for p in doc.paragraphs]
                     + [cell_text(c) for t in doc.tables for r in t.rows for c in r.cells])


# 1. Office names --------------------------------------------------------------------------


def test_the_welsh_half_of_the_bilingual_letter_names_the_offices_in_welsh(rendered):
    doc = Document(str(rendered / "wales-announcement-1.cy+en.docx"))
    welsh_table, english_table = doc.tables[0], doc.tables[1]
    welsh_sites = "; ".join(cell_text(r.cells[1]) for r in welsh_table.rows[1:])
    english_sites = "; ".join(cell_text(r.cells[1]) for r in english_table.rows[1:])
    assert all(site in welsh_sites for site in WELSH_SITES)
    assert "Probation Office" not in welsh_sites and "Probation Centre" not in welsh_sites
    assert "Cardiff Probation Office, Llanishen" in english_sites


def test_a_site_without_welsh_is_a_gap_in_the_welsh_letter(write):
    data = fixture("wales/plan.json")
    data["batches"][0]["pdus"][1]["sites"][0] = "Newport Probation Office"
    data["contacts"]["regional_probation_director"]["bilingual"] = False
    loaded = parse(write(data))
    job = pipeline.jobs_for(loaded, ["announcement-letter"], ["cy"])[0]
    with pytest.raises(Exception, match=r"\$\.batches\[0\]\.pdus\[1\]\.sites\[0\]"):
        pipeline.render_docx(job)


# 2. The author --------------------------------------------------------------------------


def test_welsh_documents_name_the_inspectorate_in_welsh_as_their_author(rendered, tmp_path):
    for name in ("gwent-pdu-report.cy", "wales-regional-report.cy", "national-review.cy"):
        assert Document(str(rendered / f"{name}.docx")).core_properties.author == \
            "Arolygiaeth Prawf EF"
        with pikepdf.open(rendered / f"{name}.pdf") as pdf:
            assert str(pdf.docinfo.Author) == "Arolygiaeth Prawf EF"
    assert Document(str(rendered / "gwent-pdu-report.en.docx")).core_properties.author == \
        "HM Inspectorate of Probation"
    loaded = parse(WALES / "pdus" / "gwent.json")
    job = pipeline.jobs_for(loaded, ["pdu-report"], ["cy"])[0]
    workbook = pipeline.render_files(job, formats=["xlsx"])[".xlsx"]
    assert openpyxl.load_workbook(io.BytesIO(workbook)).properties.creator == \
        "Arolygiaeth Prawf EF"


# 3, 4, 5, 6. The Welsh itself ------------------------------------------------------------


def test_no_fixture_catalogue_template_or_framework_welsh_fails_the_lint():
    found = welsh.project()
    for path in sorted(FIXTURES.rglob("*.json")):
        found += welsh.narrative(parse(path).data, path.name)
    assert [f.line() for f in found] == []


@pytest.mark.parametrize(("cy", "en", "after_dylai", "rule"), [
    ("Nid oedd gormod o asesiadau yn ystyried gwybodaeth.",
     "Too many assessments did not consider information.", False, "meaning reversed"),
    ("lleihau llwythi gwaith", "reduce workloads", True, "soft mutation after Dylai"),
    ("gwella ansawdd asesu", "improve the quality of assessment", True,
     "soft mutation after Dylai"),
    ("Dylai'r Uned: datblygu cynllun", None, False, "soft mutation after Dylai"),
    ("Cymedrolodd y panel graddio y graddiad.", None, False, "article after a vowel"),
    ("amserlen gwaith maes parth dau y rhanbarth", None, False, "article after a vowel"),
    ("y asesiad", None, False, "article before a vowel"),
    ("{count} o Unedau", None, False, "singular noun after a numeral"),
    ("Ychydig iawn o bobl a gwblhaodd eu horiau.", "Too few people completed their hours.",
     False, "meaning changed"),
])
def test_the_lint_finds_each_pattern(cy, en, after_dylai, rule):
    assert [f.rule for f in welsh.check_text(cy, "x", en, after_dylai)] == [rule]


@pytest.mark.parametrize("cy", [
    "leihau llwythi gwaith", "wella ansawdd asesu", "sicrhau bod ymweliadau'n digwydd",
    "Ysgrifennaf i roi gwybod ichi y bydd Arolygiaeth Prawf EF yn arolygu",
    "Graddiadau y cytunodd y panel arnynt", "Cymedrolodd y panel graddio'r graddiad.",
    "pob un o'r {{ pdu_count }} Uned", "30 o bobl", "{percent} o'r {cases} achos",
    "Pen-y-bont ar Ogwr"])
def test_the_lint_leaves_correct_welsh_alone(cy):
    assert list(welsh.check_text(cy, "x", None, cy.startswith(("leihau", "wella", "sicr")))) \
        == []


def test_the_corrected_narrative_reads_as_the_english_does():
    gwent = fixture("wales/pdus/gwent.json")
    area = gwent["domain_two"]["P 2.1"]["areas_for_improvement"][0]
    assert area["en"].startswith("Too many assessments did not")
    assert area["cy"] == ("Roedd gormod o asesiadau nad oeddent yn ystyried gwybodaeth am "
                          "gam-drin domestig a diogelu plant.")
    region = fixture("wales/region.json")
    unpaid = region["domain_two"]["R 2.4"]["areas_for_improvement"][0]
    assert unpaid["cy"] == "Rhy ychydig o bobl a gwblhaodd eu horiau o fewn deuddeg mis."
    leaders = fixture("wales/pdus/north-wales.json")["domain_one"]["P 1.1"]["strengths"]
    assert any(", ac roeddent yn ei chyfleu'n dda i staff" in s["cy"] for s in leaders)


def test_welsh_recommendations_are_mutated_after_dylai(rendered):
    text = body_text(Document(str(rendered / "gwent-pdu-report.cy.docx")))
    assert "Dylai rhanbarth Cymru:" in text
    assert "leihau llwythi gwaith" in text and "lleihau llwythi gwaith" not in text


def test_translators_are_told_a_recommendation_follows_dylai():
    content, _, _ = translation.export(parse(WALES / "pdus" / "gwent.json"), "gwent.json", "po")
    units = content.decode("utf-8").split("\n\n")
    recommendation = next(u for u in units if 'msgctxt "$.recommendations[2].text"' in u)
    assert "Dylai" in recommendation and "leihau" in recommendation
    foreword = next(u for u in units if 'msgctxt "$.foreword[0]"' in u)
    assert "Dylai" not in foreword


def test_the_catalogue_elides_the_article_after_a_vowel():
    assert welsh_message("The ratings panel moderated it to {final}.") == \
        "Cymedrolodd y panel graddio'r graddiad dangosol hwnnw; y graddiad terfynol yw: {final}."
    assert "parth dau'r rhanbarth" in welsh_message(
        "Regional domain two fieldwork schedule sent to the SPOC")


# 7. Counts and lists ---------------------------------------------------------------------


def test_lists_are_joined_with_one_separator_throughout():
    assert join(Edition("cy"), ["a", "b", "c", "d"]) == "a; b; c; d"
    assert join(Edition("en"), ["a", "b", "c", "d"]) == "a, b, c and d"


def test_welsh_chart_alt_text_lists_its_figures_with_semicolons(rendered):
    doc = Document(str(rendered / "gwent-pdu-report.cy.docx"))
    alts = [pr.get("descr") for pr in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assessment = next(a for a in alts if a.startswith("Asesu:"))
    figures = assessment.split(": ", 1)[1]
    assert ", " not in figures and figures.count("; ") == 2


# 8. Style -----------------------------------------------------------------------------


def test_weekdays_inside_welsh_sentences_are_lower_case(rendered):
    text = body_text(Document(str(rendered / "wales-announcement-1.cy+en.docx")))
    assert "erbyn dydd " in text and "erbyn Dydd" not in text
    panel = body_text(Document(str(rendered / "gwent-panel-summary.cy.docx")))
    assert "erbyn dydd " in panel and "erbyn Dydd" not in panel


def test_the_catalogue_uses_the_formal_and_full_wording():
    assert welsh_message("May Day") == "Gŵyl Banc Calan Mai"
    assert welsh_message("Not sufficient") == "Heb fod yn ddigonol"


def test_welsh_workbook_tables_have_welsh_names():
    loaded = parse(WALES / "pdus" / "gwent.json")
    job = pipeline.jobs_for(loaded, ["pdu-report"], ["cy"])[0]
    wb = openpyxl.load_workbook(io.BytesIO(pipeline.render_files(job, formats=["xlsx"])[".xlsx"]))
    names = [name for ws in wb.worksheets for name in ws.tables]
    assert names[:3] == ["Graddiadau", "CwestiynauAllweddol", "ProffilYrAchosion"]
    assert not {"Ratings", "KeyQuestions", "CaseProfile"} & set(names)
    assert all(name.isascii() and name.replace("_", "").isalnum() for name in names)


# 9. The national review in Welsh -----------------------------------------------------------


def test_the_national_review_is_published_in_welsh_too(rendered):
    cy = Document(str(rendered / "national-review.cy.docx"))
    en = Document(str(rendered / "national-review.en.docx"))
    assert cy.core_properties.language == "cy-GB"
    assert cy.core_properties.title.startswith("Adolygiad prawf cenedlaethol")
    assert "Cyfnod: Hydref 2025 – Medi 2026" in body_text(cy)
    assert "Covering October 2025 to September 2026" in body_text(en)
    with pikepdf.open(rendered / "national-review.cy.pdf") as pdf:
        assert str(pdf.Root.Lang) == "cy-GB"


def test_a_free_text_period_is_refused_with_what_is_expected(write):
    data = fixture("national-review.json")
    data["period"] = "October 2025 to September 2026"
    with pytest.raises(InputError) as caught:
        parse(write(data))
    assert any(p.path == "$.period" and "object" in p.expected for p in caught.value.problems)


# 10. Drafts say they are drafts --------------------------------------------------------------


def test_a_welsh_draft_says_it_is_a_draft_on_its_first_page_header_and_properties(write):
    data = fixture("wales/pdus/gwent.json")
    data["foreword"][0] = "A foreword still in English."
    job = pipeline.jobs_for(parse(write(data)), ["pdu-report"], ["cy"])[0]
    doc = Document(io.BytesIO(pipeline.render_docx(job, draft=True)))
    notice = ("Drafft: nid i'w gyhoeddi. Darnau heb eu cyfieithu eto, wedi'u nodi "
              "[heb ei gyfieithu]: 1.")
    assert paragraph_text(doc.paragraphs[0]) == notice
    assert notice in [p.text for p in doc.sections[0].header.paragraphs]
    assert doc.core_properties.content_status == "Drafft: nid i'w gyhoeddi"
    final = Document(io.BytesIO(pipeline.render_docx(
        pipeline.jobs_for(parse(WALES / "pdus" / "gwent.json"), ["pdu-report"], ["cy"])[0])))
    assert "Drafft" not in final.paragraphs[0].text and not final.core_properties.content_status


# 11. The glossary workflow ------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "reportgen" / "data", target)
    return target


def test_a_welsh_editor_confirms_a_term_everywhere_it_is_written(data_copy):
    before = run("glossary", "status", "--unconfirmed", "--dir", data_copy)
    assert before.exit_code == 1 and "unconfirmed Inadequate = Annigonol" in before.stdout
    done = run("glossary", "confirm", "Inadequate", "--by", "Mererid Hopwood", "--on",
               "2026-11-25", "--dir", data_copy)
    assert done.exit_code == 0 and "confirmed Inadequate = Annigonol" in done.stdout
    term = next(t for t in tomllib.loads((data_copy / "glossary.toml").read_text())["terms"]
                if t["en"] == "Inadequate")
    assert (term["status"], term["confirmed_by"], str(term["confirmed_on"])) == \
        ("confirmed", "Mererid Hopwood", "2026-11-25")
    after = run("glossary", "status", "--unconfirmed", "--dir", data_copy)
    assert "Inadequate" not in after.stdout
    again = run("glossary", "confirm", "Inadequate", "--by", "Mererid Hopwood", "--dir",
                data_copy)
    assert again.exit_code == 2 and "settled already" in again.stderr


def test_confirming_a_key_question_by_its_code_keeps_the_framework_valid(data_copy):
    from reportgen.framework import Framework
    assert run("glossary", "confirm", "P 2.3", "--by", "Mererid Hopwood", "--dir",
               data_copy).exit_code == 0
    fw = Framework.model_validate(tomllib.loads((data_copy / "framework.toml").read_text()))
    title = fw.standard("P 2.3").title
    assert (title.cy_status, title.cy_confirmed_by) == ("confirmed", "Mererid Hopwood")
    assert fw.key_question("P 2.3.1").text.cy_status == "unconfirmed"
    unknown = run("glossary", "confirm", "Inadequat", "--by", "X", "--dir", data_copy)
    assert unknown.exit_code == 2 and "did you mean: Inadequate" in unknown.stderr


@pytest.mark.parametrize("term", ["Implementation and delivery", "IMPLEMENTATION AND DELIVERY",
                                  "P 2.3"])
def test_a_term_written_with_and_without_a_capital_is_confirmed_everywhere(data_copy, term):
    """ "Implementation and delivery" was refused (its copy in running text, "gweithredu a
    chyflawni", differs only in a capital), and confirming by code ("P 2.3") confirmed the
    framework's title only, so the glossary still listed the term."""
    done = run("glossary", "confirm", term, "--by", "Mererid Hopwood", "--dir", data_copy)
    assert done.exit_code == 0, done.output
    assert "confirmed Implementation and delivery = Gweithredu a chyflawni" in done.stdout
    assert "confirmed implementation and delivery = gweithredu a chyflawni" in done.stdout
    after = run("glossary", "status", "--unconfirmed", "--dir", data_copy).stdout
    assert "implementation and delivery =" not in after.lower()
    glossary_term = next(t for t in tomllib.loads((data_copy / "glossary.toml").read_text())
                         ["terms"] if t["en"] == "Implementation and delivery")
    assert glossary_term["status"] == "confirmed"


def test_copies_of_a_term_with_different_welsh_are_not_confirmed(data_copy):
    path = data_copy / "glossary.toml"
    path.write_text(path.read_text().replace('cy = "Gweithredu a chyflawni"',
                                             'cy = "Gweithredu a darparu"', 1))
    refused = run("glossary", "confirm", "P 2.3", "--by", "Mererid Hopwood", "--dir",
                  data_copy)
    assert refused.exit_code == 2
    assert "'P 2.3' has 2 different Welsh wordings (Gweithredu a chyflawni; Gweithredu a " \
        "darparu; gweithredu a chyflawni): make them one first" in refused.stderr


def test_welsh_translation_status_lists_the_unconfirmed_wording():
    status = json.loads(run("translate", "status", WALES / "pdus" / "gwent.json",
                            "--json").stdout)[0]
    assert {"en": "Inadequate", "cy": "Annigonol", "status": "unconfirmed"} in \
        status["unconfirmed_terms"]
    english = json.loads(run("translate", "status", FIXTURES / "east-of-england" / "pdus" /
                             "luton.json", "--json").stdout)[0]
    assert english["unconfirmed_terms"] == []


# The web edition's contents ------------------------------------------------------------------


def test_the_web_editions_contents_number_each_entry_once(tmp_path):
    loaded = parse(WALES / "pdus" / "gwent.json")
    job = pipeline.jobs_for(loaded, ["pdu-report"], ["en"])[0]
    page = pipeline.render_files(job, formats=["html"])[".html"].decode("utf-8")
    nav = page.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert "<ol" not in nav and "1. Organisational arrangements and activity" in nav


def test_dates_in_sentences():
    import datetime as dt
    assert formatting.weekday_date(dt.date(2026, 3, 13), "cy", in_sentence=True) == \
        "dydd Gwener 13 Mawrth 2026"
    assert formatting.weekday_date(dt.date(2026, 3, 13), "cy") == "Dydd Gwener 13 Mawrth 2026"
    assert formatting.weekday_date(dt.date(2026, 3, 13), "en", in_sentence=True) == \
        "Friday 13 March 2026"
