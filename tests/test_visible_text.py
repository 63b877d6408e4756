"""The text a reader sees in Word's XML: one rule (reportgen.ooxml.text), and every reader of
Word documents (reading back an edit, the statistics check, the factual accuracy form) reading
the same text from the same paragraph."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml import parse_xml

from reportgen import readback
from reportgen.checks.statistics import reading
from reportgen.ooxml import package
from reportgen.ooxml.names import W
from reportgen.ooxml.text import cell_text, computed, paragraph_text, visible_text

TRACKED = 'w:id="{}" w:author="An Editor" w:date="2026-12-01T10:00:00Z"'


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def field(instruction: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


PARAGRAPH = (
    f'<w:p xmlns:w="{W}">'
    + run("Seen ")
    + f'<w:del {TRACKED.format(1)}><w:r><w:delText>deleted </w:delText></w:r></w:del>'
    + f'<w:ins {TRACKED.format(2)}>{run("inserted ")}</w:ins>'
    + '<w:sdt><w:sdtPr><w:alias w:val="A box"/></w:sdtPr>'
    + f'<w:sdtContent>{run("in a box ")}</w:sdtContent></w:sdt>'
    + f'<w:hyperlink w:anchor="top">{run("a link")}</w:hyperlink>'
    + run(", page ") + field("PAGE", "7") + run(" of ")
    + '<w:fldSimple w:instr=" NUMPAGES ">' + run("9") + "</w:fldSimple>"
    + run("; see ") + field('HYPERLINK "https://example.org"', "the site")
    + " " + '<w:fldSimple w:instr=" MERGEFIELD name ">' + run(" and its name") + "</w:fldSimple>"
    + f'<w:moveFrom {TRACKED.format(3)}>{run("moved away")}</w:moveFrom>'
    + "<w:r><w:tab/></w:r>" + run("after a tab") + "<w:r><w:br/></w:r>" + run("a new line")
    + "</w:p>")
SEEN = ("Seen inserted in a box a link, page  of ; see the site and its name"
        "\tafter a tab\na new line")


def test_the_rule_on_fields_controls_tracked_text_and_links() -> None:
    assert visible_text(parse_xml(PARAGRAPH)) == SEEN


def test_computed_fields_are_those_word_makes_on_layout() -> None:
    assert computed(" PAGE ") and computed("toc \\o \"1-3\"") and computed("SEQ Table")
    assert not computed('HYPERLINK "https://example.org"') and not computed("MERGEFIELD x")


def test_a_field_spanning_paragraphs_hides_its_instruction_in_each() -> None:
    doc = Document()
    body = doc.element.body
    body.append(parse_xml(f'<w:p xmlns:w="{W}"><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                          '<w:r><w:instrText> TOC \\o </w:instrText></w:r>'
                          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                          f'{run("1 Contents line")}</w:p>'))
    body.append(parse_xml(f'<w:p xmlns:w="{W}">{run("2 Another line")}'
                          '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))
    body.append(parse_xml(f'<w:p xmlns:w="{W}">{run("Body text")}</w:p>'))
    assert [e.text for e in reading.read(_saved(doc)).units] == ["Body text"]


def _saved(doc) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _document_with(paragraph_xml: str) -> bytes:
    doc = Document()
    doc.core_properties.language = "en-GB"
    doc.element.body.insert(0, parse_xml(paragraph_xml))
    table = doc.add_table(rows=1, cols=1)
    table.cell(0, 0)._element.append(parse_xml(paragraph_xml))
    return _saved(doc)


def test_every_reader_reads_the_same_text() -> None:
    content = _document_with(PARAGRAPH)
    flat = " ".join(SEEN.split())
    statistics = [u.text for u in reading.read(content).units if u.text.strip()]
    assert [" ".join(t.split()) for t in statistics] == [flat, flat]
    read_back = [e.wording for e in readback.read(content, "edited.docx").elements
                 if e.kind == "p" and e.wording]
    assert read_back[0] == flat
    doc = Document(io.BytesIO(content))
    assert paragraph_text(doc.paragraphs[0]) == SEEN
    assert cell_text(doc.tables[0].cell(0, 0)) == "\n" + SEEN  # the cell's own empty paragraph


@pytest.mark.parametrize("content, word", [
    (b"PK\x03\x04 not really a zip", False), (b"{}", False), (None, True)])
def test_is_this_a_word_document(content: bytes | None, word: bool) -> None:
    content = content if content is not None else _document_with(PARAGRAPH)
    assert package.is_word(content) is word


def test_custom_properties_round_trip() -> None:
    doc = Document()
    package.set_custom_properties(doc, {"reportgen-report": "gwent <&> \"pdu\"", "n": "3"})
    assert package.custom_properties(_saved(doc)) == {"reportgen-report": 'gwent <&> "pdu"',
                                                      "n": "3"}
    assert package.is_word(_saved(doc))  # still a Word document
