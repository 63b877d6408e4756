"""Welsh editions: locale formatting, plural forms, template parity, mutations, the glossary,
no English left behind, and refusal to publish an incomplete translation."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pikepdf
import pytest
from babel import Locale
from babel.messages.pofile import read_po
from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from reportgen import formatting, pipeline
from reportgen.errors import RenderError
from reportgen.framework import load_framework
from reportgen.i18n import catalogue_path, translations
from reportgen.loading import parse
from reportgen.ooxml.text import cell_text, paragraph_text
from tests.conftest import ROOT, WALES, fixture

TEMPLATES = ROOT / "templates"
# Words after which Welsh mutates the next word (soft, nasal or aspirate mutation).
MUTATING = r"yn|i|o|a|ar|am|ei|tri|chwe|gyda|â|at|dan|heb|drwy|wrth|gan|dau|dwy"
BEFORE_PLACEHOLDER = re.compile(rf"(?<![\w'’])({MUTATING})\s+\{{", re.IGNORECASE)


# ----------------------------------------------------------------------------- locale


@pytest.mark.parametrize(("lang", "expected"), [("cy", "2 Mawrth 2026"), ("en", "2 March 2026")])
def test_dates(lang, expected):
    assert formatting.date(dt.date(2026, 3, 2), lang) == expected


def test_welsh_weekdays_and_ranges():
    assert formatting.weekday_date(dt.date(2026, 1, 27), "cy") == "Dydd Mawrth 27 Ionawr 2026"
    assert formatting.date_range(dt.date(2026, 3, 2), dt.date(2026, 3, 13), "cy") == \
        "2 – 13 Mawrth 2026"
    assert formatting.date_range(dt.date(2026, 4, 27), dt.date(2026, 5, 8), "en") == \
        "27 April to 8 May 2026"


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_numbers_and_percentages(lang):
    assert formatting.number(1234, lang) == "1,234"
    assert formatting.percent(75, lang) == "75%"
    assert formatting.percent(None, lang) == "–"


CATEGORIES = ["zero", "one", "two", "few", "many", "other"]


@pytest.mark.parametrize(("n", "category", "text"), [
    (0, "zero", "0 Uned"), (1, "one", "1 Uned"), (2, "two", "2 Uned"), (3, "few", "3 Uned"),
    (4, "other", "4 Uned"), (6, "many", "6 Uned"), (7, "other", "7 Uned"),
    (11, "other", "11 Uned"), (100, "other", "100 Uned")])
def test_welsh_plural_forms_follow_cldrs_six_categories(n, category, text):
    assert Locale("cy").plural_form(n) == category
    t = translations("cy")
    assert t.plural(n) == CATEGORIES.index(category)  # the catalogue's rule is CLDR's
    assert t.ngettext("{count} PDU", "{count} PDUs", n).format(count=n) == text


def test_every_message_is_translated_into_welsh():
    with catalogue_path("cy").open("rb") as f:
        catalogue = read_po(f)
    untranslated = [m.id for m in catalogue if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    assert untranslated == []
    assert catalogue.num_plurals == 6


# --------------------------------------------------------------------------- templates


def template_names(lang: str) -> set[str]:
    return {p.stem for p in (TEMPLATES / lang).glob("*.docx")}


def test_no_template_exists_in_one_language_only():
    assert template_names("en") == template_names("cy")
    assert len(template_names("en")) == 6


@pytest.mark.parametrize("name", sorted(template_names("en")))
def test_each_welsh_template_asks_for_the_same_data(name):
    en = DocxTemplate(str(TEMPLATES / "en" / f"{name}.docx"))
    cy = DocxTemplate(str(TEMPLATES / "cy" / f"{name}.docx"))
    assert cy.get_undeclared_template_variables() == en.get_undeclared_template_variables()


def fixed_texts(path: Path) -> list[str]:
    doc = Document(str(path))
    parts = [doc.element.body, doc.sections[0].header._element, doc.sections[0].footer._element]
    return [t.text or "" for part in parts for t in part.iter(qn("w:t"))]


def test_the_mutation_check_catches_a_variable_after_a_mutating_word():
    assert BEFORE_PLACEHOLDER.search("Arolygiad o wasanaethau prawf yn {{ name }}")
    assert BEFORE_PLACEHOLDER.search("Anfonwch i {{ place }}")
    assert BEFORE_PLACEHOLDER.search("{percent} ar {question}")
    assert not BEFORE_PLACEHOLDER.search("gwasanaethau prawf {{ region_in }}")
    assert not BEFORE_PLACEHOLDER.search("pob un o'r {{ pdu_count }} Uned")


@pytest.mark.parametrize("name", sorted(template_names("cy")))
def test_no_welsh_template_puts_a_variable_after_a_mutating_word(name):
    for text in fixed_texts(TEMPLATES / "cy" / f"{name}.docx"):
        assert not BEFORE_PLACEHOLDER.search(text), text


def test_no_welsh_message_puts_a_placeholder_after_a_mutating_word():
    with catalogue_path("cy").open("rb") as f:
        catalogue = read_po(f)
    for m in catalogue:
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            assert not BEFORE_PLACEHOLDER.search(text or ""), (m.id, text)


@pytest.mark.parametrize("name", sorted(template_names("cy")))
def test_welsh_templates_say_cy_gb_in_the_style_defaults(name):
    doc = Document(str(TEMPLATES / "cy" / f"{name}.docx"))
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")) \
        .find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "cy-GB"


# ---------------------------------------------------------------------------- glossary


def glossary() -> list[dict]:
    return tomllib.loads((ROOT / "reportgen/data/glossary.toml").read_text())["terms"]


def test_glossary_statuses_are_known():
    assert {t["status"] for t in glossary()} <= {"seen", "elsewhere", "unconfirmed"}


def test_catalogue_uses_the_glossarys_welsh():
    with catalogue_path("cy").open("rb") as f:
        catalogue = read_po(f)
    for term in glossary():
        message = catalogue.get(term["en"])
        if message is not None:
            assert message.string == term["cy"], term["en"]


def test_framework_titles_use_the_glossarys_welsh():
    terms = {t["en"]: t for t in glossary()}
    fw = load_framework()
    for std in (*fw.pdu, *fw.regional, *fw.national):
        term = terms.get(std.title.en)
        if term:
            assert std.title.cy == term["cy"], std.code
            assert std.title.cy_status == term["status"], std.code


# ------------------------------------------------------------------- rendered editions


def english_phrases() -> set[str]:
    """The English templates' fixed wording, in pieces of three words or more."""
    phrases = set()
    for path in (TEMPLATES / "en").glob("*.docx"):
        for text in fixed_texts(path):
            for piece in re.split(r"\{\{.*?\}\}|\{%.*?%\}", text):
                piece = piece.strip(" .,:;()")
                if len(piece.split()) >= 3:
                    phrases.add(piece)
    return phrases


def test_no_english_template_wording_in_welsh_documents(rendered):
    phrases = english_phrases()
    welsh = sorted(Path(rendered).glob("*.cy.docx"))
    # reports, regional report, panel summaries, plans, the national review
    assert len(welsh) == 6 + 1 + 7 + 7 + 1
    for path in welsh:
        doc = Document(str(path))
        text = "\n".join([paragraph_text(p) for p in doc.paragraphs]
                         + [cell_text(c) for t in doc.tables for r in t.rows for c in r.cells])
        left = [p for p in phrases if p in text]
        assert not left, (path.name, left[:3])
        for label in ("Requires improvement", "Inadequate", "Outstanding", "Sufficient",
                      "Probation Office", "Probation Centre"):
            assert label not in text, (path.name, label)
        assert doc.core_properties.author == "Arolygiaeth Prawf EF", path.name


def test_welsh_pdfs_say_cy_gb(rendered):
    for name in ("gwent-pdu-report.cy", "wales-regional-report.cy", "wales-announcement-1.cy+en"):
        with pikepdf.open(rendered / f"{name}.pdf") as pdf:
            assert str(pdf.Root.Lang) == "cy-GB"
            assert str(pdf.docinfo.Title).startswith(("Arolygiad", "Cyhoeddi"))


def test_welsh_report_title_uses_the_mutated_name(rendered):
    doc = Document(str(rendered / "gwent-pdu-report.cy.docx"))
    assert doc.core_properties.title == "Arolygiad o wasanaethau prawf yng Ngwent"
    assert doc.core_properties.language == "cy-GB"


def test_a_welsh_edition_with_missing_translations_is_refused(write):
    data = fixture("wales/pdus/gwent.json")
    data["foreword"][0] = data["foreword"][0]["en"]  # English only
    del data["pdu"]["name"]["cy_in"]
    loaded = parse(write(data))
    job = pipeline.jobs_for(loaded, ["pdu-report"], ["cy"])[0]
    with pytest.raises(RenderError) as caught:
        pipeline.render_docx(job)
    message = str(caught.value)
    assert "2 narrative segment(s) have no current cy text" in message
    assert "$.foreword[0]" in message and "$.pdu.name.cy_in" in message


def test_draft_renders_missing_translations_visibly_marked(write, tmp_path):
    data = fixture("wales/pdus/gwent.json")
    data["foreword"][0] = "A foreword still in English."
    loaded = parse(write(data))
    job = pipeline.jobs_for(loaded, ["pdu-report"], ["cy"])[0]
    doc = Document(__import__("io").BytesIO(pipeline.render_docx(job, draft=True)))
    texts = [paragraph_text(p) for p in doc.paragraphs]
    assert "[heb ei gyfieithu] A foreword still in English." in texts


def test_english_edition_needs_no_welsh(write):
    data = fixture("east-of-england/pdus/luton.json")
    loaded = parse(write(data))
    job = pipeline.jobs_for(loaded, ["pdu-report"], ["en"])[0]
    assert pipeline.render_docx(job).startswith(b"PK")


def test_wales_renders_both_languages_by_default():
    loaded = parse(WALES / "pdus" / "gwent.json")
    assert pipeline.languages(loaded, "pdu-report") == ["en", "cy"]


def test_a_bilingual_letter_is_welsh_first_then_english_each_in_its_language(rendered):
    doc = Document(str(rendered / "wales-announcement-1.cy+en.docx"))
    texts = [paragraph_text(p) for p in doc.paragraphs]
    welsh = texts.index("Annwyl Angharad Williams")
    english = texts.index("Dear Angharad Williams")
    assert welsh < english
    assert texts.count("Yn gywir") == 1 and texts.count("Yours sincerely") == 1
    dear = doc.paragraphs[english]
    assert all(r._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB" for r in dear.runs)
    assert doc.core_properties.title == (
        "Cyhoeddi arolygiad o wasanaethau prawf yng Nghymru / "
        "Announcement of the inspection of probation services in Wales")
    header = doc.sections[0].header.paragraphs[0]
    text = paragraph_text(header)
    assert text.startswith("Arolygiaeth Prawf EF") and "/ HM Inspectorate" in text
    english = header.runs[1]._r.rPr.find(qn("w:lang")).get(qn("w:val"))
    assert english == "en-GB"
    assert paragraph_text(doc.sections[0].footer.paragraphs[0]).startswith(
        "Cyhoeddi arolygiad o wasanaethau prawf yng Nghymru / Announcement of")


def test_a_letter_goes_in_its_addressees_recorded_language(write):
    data = fixture("wales/plan.json")
    data["contacts"]["regional_probation_director"]["bilingual"] = False
    assert pipeline.languages(parse(write(data)), "announcement-letter") == ["cy"]
    english = fixture("east-of-england/plan.json")
    assert pipeline.languages(parse(write(english, "e.json")), "announcement-letter") == ["en"]


def test_every_message_the_code_and_pages_ask_for_is_in_the_catalogue(tmp_path):
    """Extracted as docs/welsh.md says: a message added to the code or a page and not to the
    catalogue would be shown in English to a Welsh reader."""
    pot = tmp_path / "reportgen.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "-F",
                    "babel.cfg", "-k", "t", "-k", "N_", "-k", "_l", "-k", "n:1,2", "-o",
                    str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        asked = {m.id for m in read_po(f) if m.id}
    with catalogue_path("cy").open("rb") as f:
        held = {m.id for m in read_po(f) if m.id}
    assert sorted(map(str, asked - held)) == []
