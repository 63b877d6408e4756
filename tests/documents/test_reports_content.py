"""The reports say what the data and the rules say. Expected figures are computed here from the
raw JSON, independently of reportgen's own code."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen.ooxml.text import cell_text, paragraph_text
from tests.conftest import EAST, FIXTURES, WALES

PDU_FILES = sorted((WALES / "pdus").glob("*.json")) + sorted((EAST / "pdus").glob("*.json"))
LABEL = {"Outstanding": "Outstanding ☆"}


def half_up(part: int, whole: int) -> str:
    pct = (Decimal(100) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{pct}%"


def docx_for(rendered: Path, stem: str, lang: str = "en") -> Document:
    return Document(str(rendered / f"{stem}.{lang}.docx"))


def table_rows(table) -> list[list[str]]:
    return [[cell_text(c) for c in row.cells] for row in table.rows]


@pytest.mark.parametrize("path", PDU_FILES, ids=lambda p: p.stem)
def test_pdu_ratings_table_matches_the_finalised_ratings(rendered, path):
    data = json.loads(path.read_text())
    doc = docx_for(rendered, f"{data['pdu']['code']}-pdu-report")
    rows = table_rows(doc.tables[0])
    assert rows[0] == ["Standard", "Rating"]
    expected = {**data["domain_one"], **data["domain_two"]}
    got = {r[0].split(" ")[0]: r[1] for r in rows[1:-1]}
    assert got == {code.split(" ")[1]: LABEL.get(s["rating"], s["rating"])
                   for code, s in expected.items()}
    total = sum(["Inadequate", "Requires improvement", "Good", "Outstanding"].index(s["rating"])
                for s in expected.values())
    assert rows[-1] == [f"Overall rating (score {total}/21)",
                        LABEL.get(data["overall_rating"], data["overall_rating"])]


@pytest.mark.parametrize("path", PDU_FILES, ids=lambda p: p.stem)
def test_every_key_question_percentage_equals_the_counts(rendered, path):
    data = json.loads(path.read_text())
    doc = docx_for(rendered, f"{data['pdu']['code']}-pdu-report")
    kq_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Key question"]
    assert len(kq_tables) == 4
    for table, (code, std) in zip(kq_tables, data["domain_two"].items(), strict=True):
        rows = table_rows(table)[1:]
        assert len(rows) == len(std["key_questions"]), code
        for row, counts in zip(rows, std["key_questions"].values(), strict=True):
            core, adj = counts["core"], counts.get("adjusted", {"yes": 0, "no": 0})
            yes, no = core["yes"] + adj["yes"], core["no"] + adj["no"]
            assert row[1:] == [str(core["yes"]), str(core["no"]), str(adj["yes"]),
                               str(adj["no"]), str(yes), str(no), half_up(yes, yes + no),
                               half_up(no, yes + no)], (code, row[0])


def alt_texts(doc: Document) -> list[str]:
    return [pr.get("descr") for pr in doc.element.body.iter(qn("wp:docPr"))]


@pytest.mark.parametrize("path", PDU_FILES[:3], ids=lambda p: p.stem)
def test_every_chart_has_alt_text_naming_its_figures(rendered, path):
    data = json.loads(path.read_text())
    doc = docx_for(rendered, f"{data['pdu']['code']}-pdu-report")
    titles = ("Assessment:", "Planning:", "Implementation and delivery:", "Reviewing:")
    alts = [a for a in alt_texts(doc) if a.startswith(titles)]  # the case standards' charts
    assert len(alts) == 4
    for alt, (code, std) in zip(alts, data["domain_two"].items(), strict=True):
        cases = data["case_profile"]["core_cases"] + data["case_profile"].get("adjusted_cases", 0)
        assert f"of {cases} cases were sufficient on" in alt, alt
        for counts in std["key_questions"].values():
            yes = counts["core"]["yes"] + counts.get("adjusted", {}).get("yes", 0)
            assert half_up(yes, cases) in alt, (code, alt)


def test_regional_report_pdu_table_and_chart(rendered):
    region = json.loads((WALES / "region.json").read_text())
    doc = docx_for(rendered, "wales-regional-report")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "PDU")
    rows = table_rows(table)[1:]
    assert len(rows) == len(region["pdus"]) == 6
    for row, entry in zip(rows, region["pdus"], strict=True):
        pdu = json.loads((WALES / entry["file"]).read_text())
        assert row[0] == pdu["pdu"]["name"]["en"]
        assert row[-1].startswith(LABEL.get(pdu["overall_rating"], pdu["overall_rating"]))
    chart_alt = alt_texts(doc)[0]
    assert chart_alt.startswith("Overall scores of the 6 PDUs in Wales, out of 21: Cardiff")
    text = "\n".join(paragraph_text(p) for p in doc.paragraphs)
    assert "indicative rating of Good" in text and "moderated it to Requires improvement" in text


def test_regional_public_protection_sums_every_pdu_case(rendered):
    doc = docx_for(rendered, "wales-regional-report")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Key question")
    first = table_rows(table)[1]  # assessment: keeping other people safe, across the region
    yes = no = 0
    for path in sorted((WALES / "pdus").glob("*.json")):
        counts = json.loads(path.read_text())["domain_two"]["P 2.1"]["key_questions"]["P 2.1.3"]
        for group in ("core", "adjusted"):
            yes += counts[group]["yes"]
            no += counts[group]["no"]
    assert first[5:8] == [str(yes), str(no), half_up(yes, yes + no)]


def test_hostile_text_renders_literally(rendered):
    doc = docx_for(rendered, "maximal-pdu-report")
    text = "\n".join(paragraph_text(p) for p in doc.paragraphs)
    assert ('Staff & partners said "it\'s <better> now" {{ not_a_variable }} {% if x %} — '
            "mae'r gwaith yn ŵyl ŷd 👍 (50% < 80%).") in text
    assert "A weekly drop-in with partners ~ {{ 1 + 1 }} ~ helped 12 people into work." in text
    assert "Café & <drop-in> sessions" in text


def test_minimal_file_renders_without_empty_sections(rendered):
    doc = docx_for(rendered, "minimal-pdu-report")
    headings = [paragraph_text(p) for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert "Foreword" not in headings and "Recommendations" not in headings
    assert "Effective or innovative practice" not in headings
    assert headings[0] == "Ratings"
    assert not [p for p in doc.paragraphs if p.style.name.startswith("Heading") and
                not paragraph_text(p).strip()]


def test_case_profile_annex(rendered):
    data = json.loads((FIXTURES / "wales/pdus/gwent.json").read_text())
    doc = docx_for(rendered, "gwent-pdu-report")
    rows = next(table_rows(t) for t in doc.tables if t.rows[0].cells[0].text == "Cases")
    p = data["case_profile"]
    cases = p["core_cases"] + p["adjusted_cases"]
    assert rows[1] == ["All inspected cases", str(cases), "100%"]
    assert rows[4] == ["Women", str(p["women"]), half_up(p["women"], cases)]


def test_recommendations_are_grouped_by_addressee(rendered):
    doc = docx_for(rendered, "gwent-pdu-report")
    paras = [paragraph_text(p) for p in doc.paragraphs]
    start = paras.index("Recommendations")
    assert paras[start + 1] == "Gwent PDU should:"
    assert "The Wales region should:" in paras[start:start + 8]


def test_an_unpublished_report_shows_the_calendars_target_and_never_says_published(rendered):
    # Gwent's fieldwork ends Friday 27 March 2026: ten weeks later in Wales.
    paras = [paragraph_text(p) for p in docx_for(rendered, "gwent-pdu-report").paragraphs]
    assert "To be published: 5 June 2026" in paras
    assert not [p for p in paras if p.startswith("Published")]
    welsh = [paragraph_text(p) for p in docx_for(rendered, "gwent-pdu-report", "cy").paragraphs]
    assert "I'w gyhoeddi: 5 Mehefin 2026" in welsh


def test_reports_mention_no_unrendered_template_code(rendered):
    for path in Path(rendered).glob("*.docx"):
        if path.name.startswith("maximal"):
            continue  # its data holds template-like text on purpose
        body = Document(str(path)).element.xml
        assert not re.search(r"{{|{%|%}|}}", body), path.name
