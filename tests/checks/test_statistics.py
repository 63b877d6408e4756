"""The statistics check: every figure of the rendered fixtures traced; planted errors found."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen import pipeline
from reportgen.checks import statistics
from reportgen.loading import parse
from tests.conftest import EAST, WALES


def rendered(path, doc: str, lang: str = "en") -> tuple[bytes, object]:
    loaded = parse(path)
    return pipeline.render_docx(pipeline.jobs_for(loaded, [doc], [lang])[0]), loaded


def edit(content: bytes, change) -> bytes:
    doc = Document(io.BytesIO(content))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("path", "doc", "lang"), [
    (WALES / "pdus" / "gwent.json", "pdu-report", "en"),
    (WALES / "pdus" / "gwent.json", "pdu-report", "cy"),
    (EAST / "pdus" / "norfolk.json", "pdu-report", "en"),
    (WALES / "region.json", "regional-report", "cy"),
    (EAST / "region.json", "regional-report", "en")])
def test_every_figure_of_a_rendered_report_is_traced(path, doc, lang):
    content, loaded = rendered(path, doc, lang)
    result = statistics.summary(statistics.check(content, loaded))
    assert result["problems"] == [] and result["figures"] > 100


def test_a_chart_whose_alt_text_disagrees_with_its_table():
    content, loaded = rendered(WALES / "pdus" / "gwent.json", "pdu-report")

    def change(doc):
        pr = next(iter(doc.element.body.iter(qn("wp:docPr"))))
        first = statistics.PERCENT.search(pr.get("descr")).group(0)
        pr.set("descr", pr.get("descr").replace(first, "60%", 1))
    found = [f for f in statistics.check(edit(content, change), loaded)
             if f.where == "alt text of chart 1"]
    assert found and found[0].status == "mismatched"
    # Chart 1 is the staff questionnaire's on leadership: 22 of 52 and 21 of 52 agreed.
    assert found[0].source == "its table shows 42%, 40%"


def test_figures_that_are_not_figures_are_left_alone():
    f = statistics.Facts()
    text = ("Table 3: P 2.1.3 and 2.4 Reviewing, at 10:00, ref HMIP/PR/2026/WAL/1, in 2026, "
            "1st Floor, Manchester M3 3FX")
    assert list(statistics.figures(text, "x", f)) == []


def test_dates_ranges_and_fractions():
    import datetime as dt
    f = statistics.Facts(numbers={30: "a", 40: "b"}, dates={dt.date(2026, 3, 2): "fieldwork"})
    found = list(statistics.figures("From 2 to 13 March 2026, 30 of 40 and 31 of 40.", "x", f))
    assert [(x.text, x.status) for x in found] == [
        ("2 to 13 March 2026", "traced"), ("2 to 13 March 2026", "untraced"),
        ("30", "traced"), ("40", "traced"), ("31", "untraced"), ("40", "traced")]
