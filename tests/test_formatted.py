"""Formatted narrative in the data: the vocabulary (bold, italic, line breaks, links, paragraphs,
bulleted and numbered lists), validated like all input, written to the Word and web editions;
a plain string stays literal text whatever it holds."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree, html

from reportgen import pipeline
from reportgen.bundle import Bundle
from reportgen.model.common import fingerprint
from reportgen.model.formatted import Formatted, MarkupError, key, parse, value_of
from reportgen.ooxml.text import paragraph_text
from reportgen.render.controls import ours
from tests.conftest import WALES, run

GWENT = WALES / "pdus" / "gwent.json"
LINK = "https://www.justiceinspectorates.gov.uk/hmiprobation/"
FOREWORD = (f'We found <b>three</b> things, <i>all</i> <a href="{LINK}">published</a>:<br/>'
            "first the list.<ul><li>Supervision <b>monthly</b></li><li>Records kept</li></ul>"
            "<p>Then the order:</p><ol><li>one</li><li>two</li></ol>")
STRENGTH = "Staff had <b>good</b> supervision:<ul><li>monthly</li><li>recorded</li></ul>"
WELSH = "Gwelsom <b>dri</b> pheth.<ul><li>Goruchwyliaeth <i>fisol</i></li><li>Cofnodion</li></ul>"
WELSH_STRENGTH = ("Roedd gan staff oruchwyliaeth <b>dda</b>:<ul><li>fisol</li>"
                  "<li>wedi'i chofnodi</li></ul>")


def gwent(**changes) -> dict:
    data = json.loads(GWENT.read_text(encoding="utf-8"))
    data["foreword"][0] = {"en": {"formatted": FOREWORD}, "cy": {"formatted": WELSH}}
    data["domain_one"]["P 1.1"]["strengths"][0] = {"en": {"formatted": STRENGTH},
                                                   "cy": {"formatted": WELSH_STRENGTH}}
    for path, value in changes.items():
        data[path] = value
    return data


def test_markup_has_one_canonical_form():
    found = Formatted.from_markup("We  <i><b>x</b></i>\n<ul> <li> a </li>\n</ul>")
    assert found.markup == "<p>We <b><i>x</i></b></p><ul><li>a</li></ul>"
    assert str(found) == "We x\n• a"
    assert Formatted.from_markup(found.markup).markup == found.markup
    assert Formatted.from_markup("a &lt;b&gt; &amp; c").markup == "a &lt;b&gt; &amp; c"


@pytest.mark.parametrize(("markup", "found"), [
    ("<u>x</u>", "the tag <u>"),
    ("<b>x", "<b> not closed"),
    ("a & b", "an & not written &amp; near character 4"),
    ("<li>x</li>", "<li> outside a list"),
    ("<ul>x</ul>", "text inside <ul>"),
    ("<b><ul><li>x</li></ul></b>", "<ul> inside another tag"),
    ('<a href="javascript:alert(1)">x</a>', "'javascript:alert(1)'"),
    ('<p class="x">y</p>', '<p class="…">'),
    ("<ul><li> </li></ul>", "an empty <li>"),
    ("", "formatted text with no text in it"),
])
def test_markup_outside_the_vocabulary_is_refused(markup, found):
    with pytest.raises(MarkupError) as caught:
        parse(markup)
    assert caught.value.found == found


def test_a_problem_names_its_json_path_and_what_was_expected(write):
    data = gwent()
    data["foreword"][1] = {"en": {"formatted": "We <u>thank</u> you"}}
    data["overall_findings"][0] = {"formatted": "x"}
    data["domain_one"]["P 1.1"]["summary"][0] = {"en": {"formatted": "&#1;"}}
    data["effective_practice"] = [{"title": {"en": {"formatted": "<b>x</b>"}}, "text": "y"}]
    result = run("validate", write(data))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert any("$.foreword[1].en.formatted: expected only <b>, <i>, <br/>" in line
               and "found the tag <u>" in line for line in lines)
    assert any('$.overall_findings[0]: expected formatted text given for a language: '
               '{"en": {"formatted": "…"}}' in line for line in lines)
    assert any('$.domain_one["P 1.1"].summary[0].en.formatted: expected well-formed' in line
               for line in lines)
    # A title takes no formatting: it is a heading, a name, never a paragraph of findings.
    assert any("$.effective_practice[0].title.en: expected text" in line for line in lines)


def test_a_plain_string_is_literal_text_whatever_it_holds(tmp_path, write):
    data = json.loads(GWENT.read_text(encoding="utf-8"))
    data["foreword"][0] = "Tags such as <b>bold</b> &amp; {\"formatted\": 1} stay as typed"
    loaded = Bundle.read(write(data)).load()
    [job] = pipeline.jobs_for(loaded, ["pdu-report"], ["en"])
    doc = Document(io.BytesIO(pipeline.render_docx(job)))
    texts = [paragraph_text(p) for p in doc.paragraphs]
    assert data["foreword"][0] in texts
    assert not any(r.bold for p in doc.paragraphs if paragraph_text(p) == data["foreword"][0]
                   for r in p._p.iter(qn("w:b")))
    page = pipeline.render_files(job, formats=["html"])[".html"].decode()
    assert "Tags such as &lt;b&gt;bold&lt;/b&gt; &amp;amp;" in page


def test_formatting_is_part_of_the_fingerprint():
    plain = "We found three things"
    assert fingerprint(plain) == fingerprint(plain)  # plain text as it always was
    assert fingerprint(Formatted.from_markup("We found <b>three</b> things")) != \
        fingerprint(plain) != fingerprint(Formatted.from_markup("We found <i>three</i> things"))
    assert key("<b>x</b>") != key(Formatted.from_markup("<b>x</b>"))
    assert value_of(Formatted.from_markup("just text").blocks) == "just text"


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("formatted") / "gwent.json"
    path.write_text(json.dumps(gwent(), ensure_ascii=False), encoding="utf-8")
    loaded = Bundle.read(path).load()
    found = {}
    for job in pipeline.jobs_for(loaded, ["pdu-report"], ["en", "cy"]):
        found[f"{job.lang}.docx"] = pipeline.render_docx(job)
        found[f"{job.lang}.html"] = pipeline.render_files(job, formats=["html"])[".html"]
    return found


def _body(content: bytes):
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return (etree.fromstring(z.read("word/document.xml")),
                z.read("word/_rels/document.xml.rels").decode(),
                etree.fromstring(z.read("word/numbering.xml")))


def _paragraphs_of(body, addr: str) -> list:
    return [p for p in body.iter(qn("w:p"))
            if any(ours(s) == addr for s in p.iter(qn("w:sdt")))]


def test_word_writes_bold_italic_breaks_links_and_lists(editions):
    body, rels, numbering = _body(editions["en.docx"])
    paragraphs = _paragraphs_of(body, "$.foreword[0]")
    styles = [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") for p in paragraphs]
    assert [s.get(qn("w:val")) if s is not None else None for s in styles] == [
        None, "ListBullet", "ListBullet", None, "ListNumber", "ListNumber"]
    first = paragraphs[0]
    bold = ["".join(t.text for t in r.iter(qn("w:t"))) for r in first.iter(qn("w:r"))
            if r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None]
    italic = ["".join(t.text for t in r.iter(qn("w:t"))) for r in first.iter(qn("w:r"))
              if r.find(f"{qn('w:rPr')}/{qn('w:i')}") is not None]
    assert bold == ["three"] and italic == ["all"]
    assert len(list(first.iter(qn("w:br")))) == 1
    [link] = first.iter(qn("w:hyperlink"))
    assert "".join(t.text for t in link.iter(qn("w:t"))) == "published"
    assert f'Id="{link.get(qn("r:id"))}"' in rels and LINK in rels
    # Each paragraph carries a control of the segment's tag, only the first locked, so that a
    # list item can be deleted whole; the first holds a link, so it goes untitled.
    controls = [s for p in paragraphs for s in p.iter(qn("w:sdt"))]
    locks = [s.find(f"{qn('w:sdtPr')}/{qn('w:lock')}") is not None for s in controls]
    assert locks == [True] + [False] * 5
    assert controls[0].find(f"{qn('w:sdtPr')}/{qn('w:alias')}") is None
    assert controls[1].find(f"{qn('w:sdtPr')}/{qn('w:alias')}") is not None
    # The numbered list counts from 1 on a numbering definition of its own, not the
    # recommendations' (which would carry their count on into it).
    num = paragraphs[4].find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
    abstract = next(n for n in numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == num
                    ).find(qn("w:abstractNumId")).get(qn("w:val"))
    users = [n for n in numbering.iter(qn("w:num"))
             if n.find(qn("w:abstractNumId")).get(qn("w:val")) == abstract]
    assert len(users) == 1


def test_a_list_inside_a_list_item_goes_one_level_in(editions):
    body, _, _ = _body(editions["en.docx"])
    paragraphs = _paragraphs_of(body, '$.domain_one["P 1.1"].strengths[0]')
    styles = [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in paragraphs]
    assert styles == ["ListBullet", "ListBullet2", "ListBullet2"]
    assert [paragraph_text(p) for p in paragraphs] == [
        "Staff had good supervision:", "monthly", "recorded"]


def test_the_web_edition_writes_formatting_as_html(editions):
    for lang, words in (("en", ("<strong>three</strong>", "<em>all</em>", "<br>")),
                        ("cy", ("<strong>dri</strong>", "<em>fisol</em>"))):
        page = editions[f"{lang}.html"].decode()
        for word in words:
            assert word in page
        root = html.fromstring(page)
        foreword = root.get_element_by_id("foreword").getnext()
        assert foreword.tag == "p"
    root = html.fromstring(editions["en.html"])
    assert root.xpath(f'//a[@href="{LINK}"]/text()') == ["published"]
    assert ["one", "two"] in [[li.text_content() for li in ol] for ol in root.xpath("//ol")]
    nested = [li for li in root.xpath("//li") if li.text and li.text.startswith("Staff had")]
    assert [x.text_content() for x in nested[0].xpath("./ul/li")] == ["monthly", "recorded"]
