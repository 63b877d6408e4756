"""Survey results and contextual data: checked on the way in, shown beside their standards and in
an annex, and published in the data workbook. Expected figures are computed here from the raw
JSON."""

from __future__ import annotations

import io
import json
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from docx import Document

from reportgen import pipeline
from reportgen.errors import InputError
from reportgen.loading import parse
from reportgen.ooxml.text import cell_text, paragraph_text
from tests.conftest import EAST, WALES, fixture


def half_up(part, whole) -> int:
    return int((Decimal(100) * Decimal(str(part)) / Decimal(str(whole)))
               .quantize(Decimal(1), rounding=ROUND_HALF_UP))


def problems(write, data) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as caught:
        parse(write(data))
    return [(p.path, p.expected) for p in caught.value.problems]


def test_survey_answers_must_add_up_and_sit_beside_a_domain_one_standard(write):
    data = fixture("wales/pdus/gwent.json")
    staff = data["surveys"]["staff"]
    staff["questions"][0]["agree"] = staff["respondents"]
    staff["questions"][1]["standard"] = "P 2.1"
    staff["questions"][2]["code"] = staff["questions"][3]["code"]
    found = problems(write, data)
    assert ("$.surveys.staff.questions[0]",
            f"agree + neither + disagree of at most {staff['respondents']} (the respondents)") \
        in found
    assert any(w == "$.surveys.staff.questions[1].standard" and "P 1.1, P 1.2, P 1.3" in e
               for w, e in found)
    assert ("$.surveys.staff.questions[3].code", "each question code once") in found


def test_staffing_figures_have_one_decimal_place_and_one_line_a_grade(write):
    data = fixture("wales/pdus/gwent.json")
    data["contextual_data"]["staffing"][0]["in_post_fte"] = 10.25
    assert ("$.contextual_data.staffing[0].in_post_fte",
            "a number with at most 1 decimal place(s)") in problems(write, data)
    data = fixture("wales/pdus/gwent.json")
    data["contextual_data"]["staffing"][1]["grade"] = "senior-probation-officer"
    assert ("$.contextual_data.staffing[1].grade", "each grade once") in problems(write, data)


def rows_of(doc, caption_start: str) -> list[list[str]]:
    """The rows of the table whose caption starts so."""
    body = list(doc.element.body.iterchildren())
    for i, el in enumerate(body):
        text = "".join(t.text or "" for t in el.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        if text.startswith(caption_start):
            table = next(t for t in doc.tables if t._tbl is body[i + 1])
            return [[cell_text(c) for c in r.cells] for r in table.rows]
    raise AssertionError(f"no table captioned {caption_start!r}")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_staff_survey_stands_beside_the_staffing_standard(rendered, lang):
    data = json.loads((WALES / "pdus" / "gwent.json").read_text())
    doc = Document(str(rendered / f"gwent-pdu-report.{lang}.docx"))
    caption = {"en": "Table 4: Staff questionnaire: Staffing",
               "cy": "Tabl 4: Holiadur staff: Staffio"}[lang]
    rows = rows_of(doc, caption)
    chosen = [q for q in data["surveys"]["staff"]["questions"] if q["standard"] == "P 1.2"]
    assert len(rows) == 1 + len(chosen)
    for row, q in zip(rows[1:], chosen, strict=True):
        answered = q["agree"] + q["neither"] + q["disagree"]
        assert row == [q["statement"][lang], str(q["agree"]), str(q["neither"]),
                       str(q["disagree"]), str(answered), f"{half_up(q['agree'], answered)}%"]
    texts = [paragraph_text(p) for p in doc.paragraphs]
    staffing = texts.index({"en": "1.2 Staffing", "cy": "1.2 Staffio"}[lang])
    services = texts.index({"en": "1.3 Services", "cy": "1.3 Gwasanaethau"}[lang])
    survey = next(i for i, t in enumerate(texts) if t.startswith(caption))
    assert staffing < survey < services


def test_the_contextual_annex_gives_caseload_and_vacancies(rendered):
    data = json.loads((WALES / "pdus" / "gwent.json").read_text())["contextual_data"]
    doc = Document(str(rendered / "gwent-pdu-report.en.docx"))
    assert "Annex 2: Contextual data" in [p.text for p in doc.paragraphs]
    caseload = rows_of(doc, "Table 12: People under supervision")
    total = sum(data["caseload"].values())
    assert caseload[-1] == ["All people under supervision", f"{total:,}", "100%"]
    assert caseload[1][1:] == [f"{data['caseload']['community']:,}",
                               f"{half_up(data['caseload']['community'], total)}%"]
    staffing = rows_of(doc, "Table 13: Staff in post and vacancies, by grade")
    po = data["staffing"][1]
    vacant = max(Decimal(str(po["target_fte"])) - Decimal(str(po["in_post_fte"])), Decimal(0))
    assert staffing[2] == ["Probation officers", f"{po['target_fte']:.1f}",
                           f"{po['in_post_fte']:.1f}", f"{vacant:.1f}",
                           f"{half_up(vacant, po['target_fte'])}%"]


def test_survey_charts_have_alt_text_with_their_figures(rendered):
    data = json.loads((WALES / "pdus" / "gwent.json").read_text())
    doc = Document(str(rendered / "gwent-pdu-report.en.docx"))
    alts = [pr.get("descr") for pr in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    staffing = next(a for a in alts if a.startswith("Staff questionnaire: Staffing:"))
    for q in (q for q in data["surveys"]["staff"]["questions"] if q["standard"] == "P 1.2"):
        answered = q["agree"] + q["neither"] + q["disagree"]
        statement = q["statement"]["en"].removesuffix(".")  # no ".:" in the alt text
        assert f"{statement}: {half_up(q['agree'], answered)}% of {answered} agreed" \
            in staffing


def workbook(path, lang: str) -> openpyxl.Workbook:
    doc = "regional-report" if path.stem == "region" else "pdu-report"
    job = pipeline.jobs_for(parse(path), [doc], [lang])[0]
    return openpyxl.load_workbook(io.BytesIO(
        pipeline.render_files(job, formats=["xlsx"])[".xlsx"]))


def test_the_workbook_holds_every_survey_answer_and_the_contextual_data():
    data = json.loads((WALES / "pdus" / "gwent.json").read_text())
    wb = workbook(WALES / "pdus" / "gwent.json", "en")
    assert wb.sheetnames == ["Cover", "Ratings", "Key questions", "Case profile",
                             "Staff questionnaire", "Survey of people on probation", "Caseload",
                             "Staffing"]
    ws = wb["Survey of people on probation"]
    assert list(ws.tables) == ["SurveyOfPeopleOnProbation"]
    survey = data["surveys"]["people_on_probation"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    for row, q in zip(rows, survey["questions"], strict=True):
        answered = q["agree"] + q["neither"] + q["disagree"]
        assert row == (q["code"], q["standard"], q["statement"]["en"], q["agree"], q["neither"],
                       q["disagree"], answered, survey["respondents"],
                       half_up(q["agree"], answered))
    staffing = list(wb["Staffing"].iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in staffing] == [line["target_fte"] for line in
                                        data["contextual_data"]["staffing"]]
    assert all(isinstance(v, int | float) for r in staffing for v in r[3:])


def test_a_regional_workbook_holds_every_pdus_contextual_data():
    wb = workbook(EAST / "region.json", "en")
    areas = [r[0] for r in wb["Caseload"].iter_rows(min_row=2, values_only=True)]
    assert areas[0] == "East of England" and len(areas) == 12
    welsh = workbook(WALES / "region.json", "cy")
    assert "Llwyth achosion" in welsh.sheetnames
    assert "LlwythAchosion" in welsh["Llwyth achosion"].tables
