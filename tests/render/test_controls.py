"""Every narrative segment of a rendered report sits in a content control tagged with its place in
the data, holding exactly the data's text; fixed wording and figures never do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from reportgen.bundle import Bundle
from reportgen.ooxml.text import visible_text as text_of
from reportgen.render.controls import label, ours
from reportgen.translation import segments
from tests.conftest import EAST, WALES

REPORTS = [(WALES / "pdus" / "gwent.json", "gwent-pdu-report"),
           (EAST / "pdus" / "luton.json", "luton-pdu-report"),
           (WALES / "region.json", "wales-regional-report"),
           (EAST / "region.json", "east-of-england-regional-report")]


def controls(path: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return [(ours(sdt), text_of(sdt.find(qn("w:sdtContent"))))
            for sdt in body.iter(qn("w:sdt")) if ours(sdt)]


def expected(value, lang: str, addr: str) -> str:
    if addr.endswith(".cy_in"):
        return value
    if isinstance(value, str):
        return value
    return value[lang]


@pytest.mark.parametrize(("source", "stem"), REPORTS, ids=[s for _, s in REPORTS])
def test_every_control_holds_the_text_at_its_address(rendered, source, stem):
    bundle = Bundle.read(source)
    langs = ["en", "cy"] if "wales" in str(source) else ["en"]
    for lang in langs:
        found = controls(rendered / f"{stem}.{lang}.docx")
        assert len(found) > 10
        for addr, text in found:
            assert text == expected(bundle.get(addr), lang, addr), addr


@pytest.mark.parametrize(("source", "stem"), REPORTS[:2], ids=[s for _, s in REPORTS[:2]])
def test_every_narrative_segment_of_a_pdu_report_is_bound(rendered, source, stem):
    bound = {addr for addr, _ in controls(rendered / f"{stem}.en.docx")}
    data = Bundle.read(source).load().data
    # Not printed on their own in a PDU report: the "in <place>" form (Welsh only), the region's
    # name (only inside sentences such as "The Wales region should:"), the panel and people; a
    # survey statement's short label is drawn in its chart's picture.
    narrative = {s.id for s in segments(data) if not s.place_in and not s.id.startswith(
        ("$.panel", "$.head_of_pdu", "$.inspectors", "$.region.name"))
        and not s.id.endswith(".short")}
    assert narrative - bound == set()


def test_figures_and_fixed_wording_are_not_in_controls(rendered):
    with zipfile.ZipFile(rendered / "gwent-pdu-report.en.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    for table in body.iter(qn("w:tbl")):
        for cell in table.iter(qn("w:tc")):
            if any(ours(s) for s in cell.iter(qn("w:sdt"))):
                assert not any(ch.isdigit() for ch in text_of(cell)), text_of(cell)
    rating_lines = [p for p in body.iter(qn("w:p")) if text_of(p).startswith("Rating: ")]
    assert rating_lines and not any(p.find(f".//{qn('w:sdt')}") is not None
                                    for p in rating_lines)


def test_hostile_text_is_literal_inside_its_control(rendered):
    found = dict(controls(rendered / "maximal-pdu-report.en.docx"))
    assert any('said "it\'s <better> now" {{ not_a_variable }} {% if x %}' in text
               for text in found.values())


def test_controls_are_locked_titled_plain_text_with_unique_ids(rendered):
    with zipfile.ZipFile(rendered / "wales-announcement-1.cy+en.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    ids = []
    for sdt in body.iter(qn("w:sdt")):
        pr = sdt.find(qn("w:sdtPr"))
        if not ours(sdt):
            continue
        assert pr.find(qn("w:lock")).get(qn("w:val")) == "sdtLocked"
        assert pr.find(qn("w:text")) is not None
        assert pr.find(qn("w:alias")).get(qn("w:val")) == label(ours(sdt))
        ids.append(pr.find(qn("w:id")).get(qn("w:val")))
    assert ids and len(ids) == len(set(ids))


def test_labels_read_as_words():
    assert label('$.domain_one["P 1.1"].strengths[0]') == "domain one, P 1.1, strengths, 1"
    assert label("pdus/luton.json#$.pdu.name") == "pdus/luton.json: pdu, name"


def test_a_bilingual_letter_is_one_readable_document(rendered):
    doc = io.BytesIO((rendered / "wales-announcement-1.cy+en.docx").read_bytes())
    assert zipfile.ZipFile(doc).testzip() is None
