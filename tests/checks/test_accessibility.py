"""Each accessibility rule catches a document built to break it, and the fixtures pass."""

from __future__ import annotations

import io

import pikepdf
import pytest
from docx.oxml.ns import qn

from reportgen import pipeline
from reportgen.checks import accessibility as a11y
from reportgen.loading import parse
from tests.conftest import WALES, run
from tests.conftest import edited as changed


def rules(found) -> list[str]:
    return [f.rule for f in found]


@pytest.fixture(scope="module")
def report() -> bytes:
    job = pipeline.jobs_for(parse(WALES / "pdus" / "gwent.json"), ["pdu-report"], ["en"])[0]
    return pipeline.render_docx(job)


def test_a_rendered_report_passes(report):
    assert a11y.check_docx(report, "en-GB") == []


def test_a_picture_without_alt_text(report):
    def strip(doc):
        next(iter(doc.element.body.iter(qn("wp:docPr")))).set("descr", "")
    found = a11y.check_docx(changed(report, strip), "en-GB")
    assert [(f.rule, f.where) for f in found] == [("alt-text", "picture 1")]


def test_alt_text_that_is_a_file_name(report):
    def name(doc):
        next(iter(doc.element.body.iter(qn("wp:docPr")))).set("descr", "chart1.png")
    assert rules(a11y.check_docx(changed(report, name), "en-GB")) == ["alt-text"]


def test_a_skipped_heading_and_an_empty_one(report):
    def skip(doc):
        doc.add_heading("Heading straight to level three", 3)
        doc.add_heading("", 1)
    found = a11y.check_docx(changed(report, skip), "en-GB")
    assert rules(found) == ["heading-order", "empty-heading"]
    assert found[0].message == "Heading 3 follows Heading 1"


def test_a_table_with_no_header_row(report):
    def unmark(doc):
        trpr = doc.tables[0].rows[0]._tr.trPr
        trpr.remove(trpr.find(qn("w:tblHeader")))
    found = a11y.check_docx(changed(report, unmark), "en-GB")
    assert [(f.rule, f.where) for f in found] == [("table-header", "table 1")]


def test_a_document_in_the_wrong_language_and_without_a_title(report):
    def untitle(doc):
        doc.core_properties.title = ""
    found = a11y.check_docx(changed(report, untitle), "cy-GB")
    assert rules(found) == ["title", "language"]
    assert found[1].message == "the document language is en-GB, the edition is cy-GB"


def test_a_pdf_without_a_language_or_tags(rendered):
    content = (rendered / "gwent-pdu-report.en.pdf").read_bytes()
    assert a11y.check_pdf(content, "en-GB") == []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        del pdf.Root.Lang
        del pdf.Root.MarkInfo
        del pdf.Root.ViewerPreferences
        out = io.BytesIO()
        pdf.save(out)
    found = a11y.check_pdf(out.getvalue(), "en-GB")
    assert rules(found) == ["pdf-tagged", "pdf-language", "pdf-title"]


def test_a_pdf_in_the_wrong_language(rendered):
    found = a11y.check_pdf((rendered / "gwent-pdu-report.cy.pdf").read_bytes(), "en-GB")
    assert [f.message for f in found] == ["/Lang is cy-GB, the edition is en-GB"]


def test_the_chart_palette_and_a_palette_that_fails():
    assert a11y.check_palette() == []
    bad = {"background": "#FFFFFF", "sufficient": "#2E1A47", "insufficient": "#F4B183",
           "grid": "#505a5f"}
    found = a11y.check_palette(bad)
    assert [f.where for f in found] == ["palette insufficient"]


def test_axe_finds_no_violation_in_the_web_editions_and_catches_a_broken_page(tmp_path):
    loaded = parse(WALES / "pdus" / "gwent.json")
    jobs = pipeline.jobs_for(loaded, ["pdu-report"], ["en", "cy"])
    written = pipeline.run(jobs, tmp_path, ["html"])
    assert sorted(p.name for p in written) == ["gwent-pdu-report.cy.html",
                                              "gwent-pdu-report.en.html"]
    broken = tmp_path / "broken.html"
    page = (tmp_path / "gwent-pdu-report.en.html").read_text()
    broken.write_text(page.replace('alt="Assessment:', 'data-x="Assessment:', 1)
                      .replace('<html lang="en-GB">', "<html>"))
    results = a11y.check_html([*written, broken])
    assert results[written[0]] == [] and results[written[1]] == []
    assert {f.rule for f in results[broken]} == {"axe:image-alt", "axe:html-has-lang"}


def test_the_web_edition_links_to_the_other_language(tmp_path):
    loaded = parse(WALES / "pdus" / "gwent.json")
    pipeline.run(pipeline.jobs_for(loaded, ["pdu-report"], ["cy"]), tmp_path, ["html"])
    page = (tmp_path / "gwent-pdu-report.cy.html").read_text()
    assert '<html lang="cy-GB">' in page
    assert 'href="gwent-pdu-report.en.html" lang="en" hreflang="en"' in page
    assert "Arolygiad o wasanaethau prawf yng Ngwent" in page


def test_the_check_command(rendered):
    files = [rendered / "gwent-pdu-report.en.docx", rendered / "gwent-pdu-report.cy.pdf"]
    result = run("check", "accessibility", *files)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("passes") == 2


def test_a_screenshot_of_each_web_edition(tmp_path):
    """A real browser loads both editions: what a reader sees is a page, not an error."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    loaded = parse(WALES / "pdus" / "gwent.json")
    written = pipeline.run(pipeline.jobs_for(loaded, ["pdu-report"], ["en", "cy"]), tmp_path,
                           ["html"])
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--window-size=1000,1400"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        for page in written:
            browser.get(page.as_uri())
            shot = tmp_path / f"{page.stem}.png"
            assert browser.save_screenshot(str(shot))
            assert shot.stat().st_size > 20_000
            heading = browser.find_element("css selector", "h1").text
            assert heading.startswith(("An inspection", "Arolygiad"))
    finally:
        browser.quit()
