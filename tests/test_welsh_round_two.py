"""A Welsh-speaking editor's second review of every Welsh output: each defect, where it is made
(the PDF metadata writer, the templates, the catalogue, the narrative, the workbook, the
calendar, the glossary), and the lint rules that would have caught them, each with a passing and
a failing example."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen import pipeline
from reportgen.checks import welsh
from reportgen.loading import parse
from reportgen.ooxml.text import cell_text, paragraph_text
from tests.conftest import FIXTURES, WALES, fixture, run


def text_of(doc: Document) -> str:
    return "\n".join([paragraph_text(p) for p in doc.paragraphs]
                     + [cell_text(c) for t in doc.tables for r in t.rows for c in r.cells])


def findings(rule: str, cy: str, en: str | None = None) -> list[str]:
    return [f.found for f in welsh.check_text(cy, "x", en) if f.rule == rule]


# 1. The PDF's title and keywords ---------------------------------------------------------

@pytest.mark.parametrize(("name", "phrase"), [
    ("cardiff-and-the-vale-pdu-report.cy.pdf", "Caerdydd a'r Fro, "),
    ("cardiff-and-the-vale-panel-summary.cy.pdf", "Caerdydd a'r Fro, "),
    ("cardiff-and-the-vale-project-plan.cy.pdf", ", cynllun prosiect, "),
    ("cardiff-and-the-vale-pdu-report.en.pdf", "Cardiff and the Vale, ")])
def test_a_pdfs_title_and_keywords_are_the_documents_as_written(rendered, name, phrase):
    """The XMP title read "…a&apos;r Fro" (escaped twice by LibreOffice), and the keywords were
    split word by word ("Caerdydd, a'r, Fro")."""
    core = zipfile.ZipFile(rendered / name.replace(".pdf", ".docx")).read(
        "docProps/core.xml").decode()
    title, keywords = (html.unescape(re.search(rf"<{tag}>([^<]*)</{tag}>", core).group(1))
                       for tag in ("dc:title", "cp:keywords"))
    with pikepdf.open(rendered / name) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == str(pdf.docinfo["/Title"]) == title
        assert "&apos;" not in meta["dc:title"] and "&amp;" not in meta["dc:title"]
        assert str(pdf.docinfo["/Keywords"]) == meta["pdf:Keywords"] == keywords
    assert phrase in keywords  # a keyword of several words, not split word by word
    assert welsh.rendered(rendered / name) is not None
    assert list(welsh.metadata(rendered / name)) == []


# 2 and 8. The project plan --------------------------------------------------------------

def test_the_plan_says_the_dates_were_worked_out_from_the_fieldwork(rendered):
    text = text_of(Document(str(rendered / "wales-project-plan.cy.docx")))
    assert "Cyfrifwyd y dyddiadau o ddyddiadau'r gwaith maes, yn unol â llawlyfr yr " \
           "arolygiad." in text
    assert "dilyn llawlyfr" not in text and "nifer yn y cynllun hwn:" not in text
    english = text_of(Document(str(rendered / "wales-project-plan.en.docx")))
    assert "The dates were worked out from the fieldwork dates, as the inspection manual " \
           "sets out." in english


# 3, 4 and 5. The narrative ----------------------------------------------------------------

def test_the_narratives_welsh_reads_as_a_welsh_editor_wrote_it(rendered):
    region = text_of(Document(str(rendered / "wales-regional-report.cy.docx")))
    assert "ymatal, gwaith llys, gwaith di-dâl, adsefydlu a gwaith gyda dioddefwyr" in region
    panel = text_of(Document(str(rendered / "wales-panel-summary.cy.docx")))
    assert "gyda diogelu'r cyhoedd yn faes gwannaf" in panel
    review = text_of(Document(str(rendered / "national-review.cy.docx")))
    for wrong, right in (("ganddynt rhy ychydig", "nad oedd ganddynt ddigon o amser"),
                         ("rhoddodd rhy ychydig", "ni roddodd ddigon o sylw"),
                         ("oedd ag ystafelloedd preifat sy'n addas",
                          "a oedd ag ystafelloedd preifat a oedd yn addas")):
        assert wrong not in review and right in review


# 6 and 10. The letters --------------------------------------------------------------------

OFFER = {"cy": "Rydym yn croesawu gohebiaeth yn Gymraeg. Byddwn yn ateb gohebiaeth Gymraeg yn "
               "Gymraeg, ac ni fydd hynny'n arwain at oedi.",
         "en": "We welcome correspondence in Welsh. We will answer correspondence in Welsh in "
               "Welsh, and this will not lead to a delay."}


def test_letters_in_wales_offer_to_correspond_in_welsh_in_both_languages(rendered):
    both = text_of(Document(str(rendered / "wales-announcement-1.cy+en.docx")))
    assert OFFER["cy"] in both and OFFER["en"] in both
    england = text_of(Document(str(rendered / "east-of-england-announcement-1.en.docx")))
    assert OFFER["en"] not in england


def test_the_welsh_letters_requests_are_full_polite_sentences(rendered):
    doc = Document(str(rendered / "wales-announcement-1.cy+en.docx"))
    text = text_of(doc)
    assert "Ble byddwn ni" not in text and "Ein lleoliad" in text
    assert "Holiadur y staff yn agor" not in text
    assert "Bydd yr holiadur staff yn agor ar y dyddiad hwn: " in text
    assert "Byddwn yn cynnal y cyfarfod cynllunio rhanbarthol cychwynnol ar yr adeg ganlynol: " \
           in text
    bullets = [paragraph_text(p) for p in doc.paragraphs if p.style.name == "List Bullet"
               and not paragraph_text(p).startswith(("Please", "The "))]
    assert len(bullets) == 5
    assert all(b.startswith(("A fyddech cystal", "Byddwn", "Bydd ")) for b in bullets), bullets


# 7. Catalogue wording ---------------------------------------------------------------------

def test_the_catalogues_welsh_names_the_body_and_the_moderation_plainly(rendered):
    report = text_of(Document(str(rendered / "cardiff-and-the-vale-pdu-report.cy.docx")))
    assert "Dylai Uned Caerdydd a'r Fro:" in report and "Dylai'r Uned (" not in report
    panel = text_of(Document(str(rendered / "wales-panel-summary.cy.docx")))
    assert "Bydd rhanbarth Cymru yn cael y crynodeb hwn" in panel
    assert "Cymedrolodd y panel graddio'r graddiad dangosol hwnnw; y graddiad terfynol yw: " \
           "Angen gwella." in panel
    english = text_of(Document(str(rendered / "wales-panel-summary.en.docx")))
    assert "This summary is sent to the Wales region by" in english


# 8. Alt text and labels -------------------------------------------------------------------

def _alts(path: Path) -> list[str]:
    doc = Document(str(path))
    return [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))]


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_alt_text_names_a_lone_key_question_once_and_never_puts_a_colon_after_a_stop(
        rendered, lang):
    alts = _alts(rendered / f"wales-regional-report.{lang}.docx") + \
        _alts(rendered / f"gwent-pdu-report.{lang}.docx")
    resettlement = next(a for a in alts if a.startswith(("Adsefydlu", "Resettlement")))
    assert not re.match(r"(Adsefydlu|Resettlement): (adsefydlu|resettlement)", resettlement,
                        re.IGNORECASE), resettlement
    assert not [a for a in alts if ".:" in a]
    scores = next(a for a in alts if a.startswith(("Sgoriau", "Overall scores")))
    assert "nifer:" not in scores and "uchafswm:" not in scores
    if lang == "cy":
        assert scores.startswith("Sgoriau cyffredinol y 6 Uned yng Nghymru (yr uchafswm yw 21)")


# 9. Workbooks and calendars ---------------------------------------------------------------

def test_the_welsh_workbook_shows_no_english_codes(tmp_path):
    [job] = pipeline.jobs_for(parse(WALES / "pdus" / "gwent.json"), ["pdu-report"], ["cy"])
    content = pipeline.render_files(job, formats=["xlsx"])[".xlsx"]
    (tmp_path / "gwent.cy.xlsx").write_bytes(content)
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "workload" not in cells and "vision" not in cells
    assert list(welsh.workbook(tmp_path / "gwent.cy.xlsx")) == []
    [english] = pipeline.jobs_for(parse(WALES / "pdus" / "gwent.json"), ["pdu-report"], ["en"])
    book = openpyxl.load_workbook(io.BytesIO(pipeline.render_files(english, formats=["xlsx"])
                                             [".xlsx"]))
    assert "workload" in [c.value for ws in book.worksheets for row in ws.iter_rows()
                          for c in row]


def test_the_welsh_calendar_says_its_descriptions_are_welsh_and_no_english_comment(tmp_path):
    calendars = [pipeline.render_files(job)[".ics"].decode() for job in pipeline.jobs_for(
        parse(WALES / "plan.json"), ["project-plan"], ["cy"])]
    assert any("BEGIN:VTIMEZONE" in ics for ics in calendars)  # the timed planning meeting
    for ics in calendars:
        descriptions = re.findall(r"^DESCRIPTION[^:]*:", ics, re.MULTILINE)
        assert descriptions and all("LANGUAGE=cy-GB" in d for d in descriptions)
        assert "COMMENT" not in ics


# 11. The glossary -------------------------------------------------------------------------

def test_the_terms_in_use_are_in_the_glossary_for_the_translation_team():
    listing = run("glossary", "status", "--unconfirmed").stdout
    for term in ("Probation Reset = Ailosod y Gwasanaeth Prawf", "Addasedig", "PC / PA"):
        assert term in listing, term


# The partial fixes: a draft web edition, and English stand-ins marked as English ----------

def _draft(lang: str, formats: list[str]) -> dict[str, bytes]:
    data = fixture("wales/pdus/gwent.json")
    data["foreword"][0]["cy"] = None
    del data["foreword"][0]["cy"]
    from reportgen.bundle import Bundle
    loaded = Bundle("gwent.json", {"gwent.json": data}).load()
    [job] = pipeline.jobs_for(loaded, ["pdu-report"], [lang])
    return pipeline.render_files(job, draft=True, formats=formats)


def test_a_draft_web_edition_says_it_is_a_draft_and_marks_its_english():
    html = _draft("cy", ["html"])[".html"].decode()
    assert re.search(r"<title>Drafft: ", html)
    assert '<p class="draft" role="note">Drafft: nid i’w gyhoeddi.' in html or \
        'class="draft" role="note">' in html
    english = re.search(r'<span lang="en-GB">\[heb ei gyfieithu\] ([^<]+)</span>', html)
    assert english and english.group(1).startswith(
        fixture("wales/pdus/gwent.json")["foreword"][0]["en"][:40])


def test_a_welsh_drafts_english_stand_in_is_marked_as_english_in_word():
    doc = Document(io.BytesIO(_draft("cy", [])[".docx"]))
    english = fixture("wales/pdus/gwent.json")["foreword"][0]["en"]
    runs = [r for r in doc.element.body.iter(qn("w:r"))
            if english[:30] in "".join(t.text or "" for t in r.iter(qn("w:t")))]
    assert runs
    for run_ in runs:
        lang = run_.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert lang is not None and lang.get(qn("w:val")) == "en-GB"


# 12. The lint: a failing and a passing example of each rule ------------------------------

@pytest.mark.parametrize(("rule", "wrong", "right"), [
    ("soft mutation of an object", "dywedodd y rhanbarthau fod ganddynt rhy ychydig o amser",
     "dywedodd y rhanbarthau fod ganddynt ry ychydig o amser"),
    ("soft mutation of an object", "ond rhoddodd rhy ychydig o sylw i anghymesuredd",
     "ond ni roddodd ddigon o sylw i anghymesuredd"),
    ("a name in brackets after Dylai'r", "Dylai'r Uned (Caerdydd a'r Fro):",
     "Dylai Uned Caerdydd a'r Fro:"),
    ("a full stop before a colon", "Mae gen i ddigon o amser i wneud fy ngwaith.: cytunodd 47%",
     "Mae gen i ddigon o amser i wneud fy ngwaith: cytunodd 47%"),
    ("a word repeated across a label", "Adsefydlu: adsefydlu: 59% o'r achosion",
     "Adsefydlu: 59% o'r achosion"),
])
def test_each_new_lint_rule_catches_its_pattern_and_passes_the_right_welsh(rule, wrong, right):
    assert findings(rule, wrong), wrong
    assert not findings(rule, right), right


def test_the_lint_keeps_quiet_on_a_subject_after_cael_and_an_impersonal_verb():
    assert not findings("soft mutation of an object",
                        "Cafodd gormod o bobl eu rhyddhau heb lety.")
    assert not findings("soft mutation of an object", "Rhoddwyd rhy ychydig o sylw iddo.")
    assert not findings("a full stop before a colon", "Llawlyfr: §4.1: y garfan")


def test_the_lint_finds_english_codes_in_a_welsh_workbook_and_entities_in_metadata(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Cod", "Datganiad"])
    book.active.append(["raise-concerns", "Gallaf godi pryderon."])
    book.save(tmp_path / "x.cy.xlsx")
    assert [f.found for f in welsh.workbook(tmp_path / "x.cy.xlsx")] == ["raise-concerns"]
    clean = openpyxl.Workbook()
    clean.active.append(["Safon", "Datganiad"])
    clean.active.append(["P 1.2", "Gallaf godi pryderon."])
    clean.save(tmp_path / "y.cy.xlsx")
    assert list(welsh.workbook(tmp_path / "y.cy.xlsx")) == []
    doc = Document()
    doc.core_properties.title = "Caerdydd a&apos;r Fro"
    doc.save(tmp_path / "x.cy.docx")
    assert [f.found for f in welsh.metadata(tmp_path / "x.cy.docx")] == ["&apos;"]
    doc.core_properties.title = "Caerdydd a'r Fro"
    doc.save(tmp_path / "y.cy.docx")
    assert list(welsh.metadata(tmp_path / "y.cy.docx")) == []


def test_the_lint_on_every_welsh_output_of_wales_finds_nothing(rendered):
    files = sorted(p for p in rendered.glob("*.cy*.*") if p.suffix in (".docx", ".pdf"))
    found = [f.line() for p in files for f in welsh.rendered(p)]
    assert files and found == []


def test_check_welsh_reads_rendered_files(rendered):
    result = run("check", "welsh", rendered / "wales-regional-report.cy.pdf",
                 rendered / "national-review.cy.docx")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 finding(s)")
    assert zipfile.is_zipfile(rendered / "national-review.cy.docx")
    assert FIXTURES.exists()
