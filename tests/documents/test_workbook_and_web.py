"""The data workbook and the web edition of every report fixture, in each language."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from reportgen import pipeline
from tests.conftest import EAST, WALES


def half_up(part: int, whole: int) -> int:
    return int((Decimal(100) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    out = tmp_path_factory.mktemp("editions")
    jobs = [j for j in pipeline.all_jobs(pipeline.inputs([WALES, EAST]))
            if j.doc.publication]
    pipeline.run(jobs, out, ["html", "xlsx"])
    return out


def test_every_report_has_a_web_edition_and_workbook_in_each_language(editions):
    names = {p.name for p in editions.iterdir()}
    reports = [f"{p.stem}-pdu-report" for p in (WALES / "pdus").glob("*.json")] + \
        ["wales-regional-report"]
    for stem in reports:
        for lang in ("en", "cy"):
            assert {f"{stem}.{lang}.html", f"{stem}.{lang}.xlsx"} <= names
    english = [f"{p.stem}-pdu-report" for p in (EAST / "pdus").glob("*.json")]
    for stem in english:
        assert f"{stem}.en.xlsx" in names and f"{stem}.cy.xlsx" not in names


def test_workbook_figures_are_the_datas(editions):
    data = json.loads((WALES / "pdus" / "gwent.json").read_text())
    wb = openpyxl.load_workbook(editions / "gwent-pdu-report.en.xlsx")
    assert wb.sheetnames == ["Cover", "Ratings", "Key questions", "Case profile",
                             "Staff questionnaire", "Survey of people on probation", "Caseload",
                             "Staffing"]
    ws = wb["Key questions"]
    assert list(ws.tables) == ["KeyQuestions"]
    assert ws.merged_cells.ranges == set()
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 12
    expected = {code: counts for std in data["domain_two"].values()
                for code, counts in std["key_questions"].items()}
    for row in rows:
        counts = expected[row[2]]
        core, adj = counts["core"], counts.get("adjusted", {"yes": 0, "no": 0})
        yes, no = core["yes"] + adj["yes"], core["no"] + adj["no"]
        assert row[4:] == (core["yes"], core["no"], core["yes"] + core["no"], adj["yes"],
                           adj["no"], adj["yes"] + adj["no"], yes, no, yes + no,
                           half_up(yes, yes + no), half_up(no, yes + no))
        assert all(isinstance(v, int) for v in row[4:])  # numbers stored as numbers
    cover = [c.value for c in wb["Cover"]["A"] if c.value]
    assert cover[0] == "An inspection of probation services in Gwent"
    assert "Contents" in cover and "Note" in cover


def test_welsh_workbook_is_in_welsh(editions):
    wb = openpyxl.load_workbook(editions / "gwent-pdu-report.cy.xlsx")
    assert wb.sheetnames == ["Clawr", "Graddiadau", "Cwestiynau allweddol", "Proffil yr achosion",
                             "Holiadur staff", "Arolwg o bobl ar brawf", "Llwyth achosion",
                             "Staffio"]
    assert wb.properties.language == "cy-GB"
    ratings = list(wb["Graddiadau"].iter_rows(min_row=2, values_only=True))
    assert ratings[-1][1] == "Graddiad cyffredinol" and ratings[-1][2] == "Angen gwella"


def test_web_edition_has_the_reports_content(editions):
    page = (editions / "wales-regional-report.en.html").read_text()
    assert '<html lang="en-GB">' in page and "<title>An inspection of probation services in " \
        "Wales</title>" in page
    # the PDUs' scores, the staff questionnaire on leadership and on staffing, six case standards
    assert page.count("<figure>") == 9
    assert page.count('alt="') == 9 and 'scope="col"' in page and 'href="#ratings"' in page
    assert "<script" not in page  # nothing needs JavaScript to read
    assert "@media print" in page


def test_web_edition_escapes_text_from_the_data(tmp_path):
    from tests.conftest import FIXTURES
    loaded = pipeline.inputs([FIXTURES / "pdu-maximal.json"])[0]
    pipeline.run(pipeline.jobs_for(loaded, ["pdu-report"], ["en"]), tmp_path, ["html"])
    page = (tmp_path / "norfolk-pdu-report.en.html").read_text()
    assert "Café &amp; &lt;drop-in&gt; sessions" in page
    assert "{{ 1 + 1 }}" in page and "<drop-in>" not in page


def test_axe_finds_no_violation_on_any_fixtures_web_edition(editions):
    from reportgen.checks import accessibility
    pages = sorted(editions.glob("*.html"))
    assert len(pages) == 6 * 2 + 2 + 11 + 1  # Wales in two languages, East of England in one
    results = accessibility.check_files(pages)
    assert {p.name: f for p, f in results.items() if f} == {}
