"""Rendering Word documents: accessibility properties, errors that name what is wrong."""

from __future__ import annotations

import itertools

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen.errors import RenderError
from reportgen.render import word


def test_a_missing_variable_names_itself_and_the_template():
    with pytest.raises(RenderError) as caught:
        word.render(word.Template("pdu-report", "en"), {"title": "x"})
    message = str(caught.value)
    assert message.startswith("templates/en/pdu-report.docx: the template asks for '")
    assert "which the data does not give" in message


def test_a_missing_template_is_an_error():
    with pytest.raises(RenderError, match=r"templates/xx/pdu-report\.docx: no such template"):
        word.render(word.Template("pdu-report", "xx"), {})


@pytest.mark.parametrize("stem", ["gwent-pdu-report", "east-of-england-regional-report",
                                  "east-of-england-announcement-1",
                                  "east-of-england-announcement-2", "wales-project-plan",
                                  "luton-project-plan", "gwent-panel-summary",
                                  "wales-panel-summary", "national-review"])
def test_documents_are_accessible(rendered, stem):
    doc = Document(str(rendered / f"{stem}.en.docx"))
    props = doc.core_properties
    assert len(props.title) > 20 and "{" not in props.title
    assert props.language == "en-GB" and props.subject
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")) \
        .find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    levels = [int(p.style.name.split()[-1]) for p in doc.paragraphs
              if p.style.name.startswith("Heading ")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"
    for table in doc.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    pictures = list(doc.element.body.iter(qn("wp:docPr")))
    assert all(len(p.get("descr", "")) > 40 for p in pictures)
    if "report" in stem:
        assert pictures
