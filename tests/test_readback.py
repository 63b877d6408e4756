"""Reading an edited Word edition back into the data: the changes it makes, and the edits it must
refuse, each named by its place. Edited with python-docx (as Word writes XML) and, for real, by
LibreOffice."""

from __future__ import annotations

import copy
import io
import json
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import RGBColor

from reportgen import pipeline
from reportgen.bundle import Bundle
from reportgen.convert.pdf import uno_python
from reportgen.model.common import fingerprint
from reportgen.ooxml.text import cell_text, paragraph_text
from reportgen.readback import EditsRefused, apply, compare, read
from reportgen.render.controls import ours
from tests.conftest import WALES, edited

GWENT = WALES / "pdus" / "gwent.json"
LO_EDIT = Path(__file__).with_name("lo_edit.py")


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return Bundle.read(GWENT)


@pytest.fixture(scope="module")
def editions(bundle) -> dict[str, bytes]:
    loaded = bundle.load()
    jobs = pipeline.jobs_for(loaded, ["pdu-report"], ["en", "cy"])
    return {str(job.lang): pipeline.render_docx(job) for job in jobs}



def control(doc, addr: str):
    return next(s for s in doc.element.body.iter(qn("w:sdt")) if ours(s) == addr)


def set_text(doc, addr: str, text: str) -> None:
    ts = list(control(doc, addr).iter(qn("w:t")))
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def changes_of(editions, lang: str, change, **kw):
    base = read(editions[lang], "as handed out")
    return compare(base, read(edited(editions[lang], change), "edited.docx", **kw), "edited.docx")


def test_an_untouched_edition_reads_back_with_no_change(editions):
    for lang in ("en", "cy"):
        assert changes_of(editions, lang, lambda doc: None) == []


def test_an_edit_in_a_box_is_a_change_to_the_data(editions, bundle):
    new = "We thank the head of the PDU and everyone who helped us during the inspection."
    found = changes_of(editions, "en", lambda doc: set_text(doc, "$.foreword[1]", new))
    assert [(c.address, c.lang, c.new) for c in found] == [("$.foreword[1]", "en", new)]
    welsh = bundle.get("$.foreword[1]")["cy"]
    confirmed = bundle.with_text("$.foreword[1]", "cy", welsh)  # a translator confirmed it
    assert not confirmed.load().data.foreword[1].stale
    after = apply(confirmed, found, "gwent")
    assert after.get("$.foreword[1]")["en"] == new
    # The Welsh of that segment now translates English that has changed: stale, not lost.
    assert after.get("$.foreword[1]")["cy"] == welsh
    assert after.load().data.foreword[1].stale


def test_a_welsh_edit_is_the_translation_of_the_english_held(editions, bundle):
    new = "Diolchwn i bennaeth yr Uned ac i bawb a'n helpodd."
    found = changes_of(editions, "cy", lambda doc: set_text(doc, "$.foreword[1]", new))
    after = apply(bundle, found, "gwent").get("$.foreword[1]")
    assert after["cy"] == new and after["en"] == bundle.get("$.foreword[1]")["en"]
    assert after["cy_source"] == fingerprint(after["en"])


def test_an_emptied_finding_is_removed_from_its_list(editions, bundle):
    strengths = bundle.get('$.domain_one["P 1.1"].strengths')
    found = changes_of(editions, "en",
                       lambda doc: set_text(doc, '$.domain_one["P 1.1"].strengths[0]', ""))
    after = apply(bundle, found, "gwent").get('$.domain_one["P 1.1"].strengths')
    assert after == strengths[1:]


def refusal(editions, change, **kw) -> str:
    with pytest.raises(EditsRefused) as caught:
        changes_of(editions, "en", change, **kw)
    return str(caught.value)


def test_fixed_wording_edited_is_refused_with_its_place(editions):
    def reword(doc):
        p = next(p for p in doc.paragraphs if paragraph_text(p) == "Rating: Requires improvement")
        p.runs[0].text = "Rating: Good"
    message = refusal(editions, reword)
    assert "under “1.1 Leadership”" in message and "“Rating: Good”" in message
    assert "change figures in the data" in message


def test_a_figure_edited_in_a_table_is_refused(editions):
    def figure(doc):
        table = next(t for t in doc.tables if cell_text(t.rows[0].cells[0]) == "Key question")
        table.rows[1].cells[7].paragraphs[0].runs[0].text = "91%"
    assert "“91%”" in refusal(editions, figure)


def test_a_deleted_or_duplicated_box_is_refused(editions):
    def delete(doc):
        sdt = control(doc, "$.overall_findings[0]")
        sdt.getparent().remove(sdt)

    def duplicate(doc):  # copied into the paragraph before the next heading's
        sdt = control(doc, "$.overall_findings[0]")
        foreword = control(doc, "$.foreword[0]")
        foreword.getparent().addnext(copy.deepcopy(sdt.getparent()))

    assert "it was deleted" in refusal(editions, delete)
    assert "it was duplicated" in refusal(editions, duplicate)


def tracked(doc):
    sdt = control(doc, "$.foreword[0]")
    run = sdt.find(f"{qn('w:sdtContent')}/{qn('w:r')}")
    old = run.find(qn("w:t")).text
    deleted = parse_xml(f'<w:del {nsdecls("w")} w:id="901" w:author="Sam Editor" '
                        f'w:date="2026-05-01T10:00:00Z"><w:r><w:delText>{old}</w:delText>'
                        "</w:r></w:del>")
    inserted = parse_xml(f'<w:ins {nsdecls("w")} w:id="902" w:author="Sam Editor" '
                         'w:date="2026-05-01T10:00:00Z"><w:r><w:t>A shorter foreword.</w:t>'
                         "</w:r></w:ins>")
    run.addprevious(deleted)
    run.addprevious(inserted)
    run.getparent().remove(run)


def test_tracked_changes_are_refused_unless_accepted(editions):
    assert "no tracked changes" in refusal(editions, tracked)
    found = changes_of(editions, "en", tracked, accept_tracked=True)
    assert [(c.address, c.new) for c in found] == [("$.foreword[0]", "A shorter foreword.")]


def test_an_open_comment_is_refused(editions):
    def comment(doc):
        para = next(p for p in doc.paragraphs if p.runs)
        doc.add_comment(para.runs, text="Is this right?", author="Lorna Achebe")
    assert "a comment by Lorna Achebe: “Is this right?”" in refusal(editions, comment)


def test_an_address_outside_the_data_is_refused_on_apply(bundle):
    from reportgen.errors import InputError
    from reportgen.readback import Change
    with pytest.raises(InputError, match="no such value"):
        apply(bundle, [Change("$.foreword[9]", "en", "", "x")], "gwent")


def test_an_edit_that_breaks_the_data_is_refused_with_its_path(editions, bundle):
    from reportgen.errors import InputError
    found = changes_of(editions, "en", lambda doc: set_text(doc, "$.pdu.name", "   "))
    with pytest.raises(InputError, match=r"\$\.pdu\.name"):
        apply(bundle, found, "gwent")


def libreoffice_steps(content: bytes, tmp: Path, steps: list[list[str]]) -> bytes:
    """The document edited in LibreOffice, step by step (tests/lo_edit.py), saved as Word."""
    src, dst = tmp / "in.docx", tmp / "out.docx"
    src.write_bytes(content)
    subprocess.run([uno_python(), str(LO_EDIT), str(src), str(dst), str(tmp / "profile"),
                    json.dumps(steps)], check=True, capture_output=True, timeout=180)
    return dst.read_bytes()


def libreoffice_edit(content: bytes, tmp: Path, old: str, new: str) -> bytes:
    return libreoffice_steps(content, tmp, [["replace", old, new]])


def test_an_edit_made_in_libreoffice_reads_back(editions, tmp_path):
    content = libreoffice_edit(editions["en"], tmp_path, "We thank the head of PDU",
                               "We thank the head of the PDU")
    found = compare(read(editions["en"], "base"), read(content, "lo.docx"), "lo.docx")
    assert [c.address for c in found] == ["$.foreword[1]"]
    assert found[0].new.startswith("We thank the head of the PDU and all the staff")


# ------------------------------------------------------------------ formatting read back


def box_runs(doc, addr: str) -> list:
    return list(control(doc, addr).find(qn("w:sdtContent")).iter(qn("w:r")))


def formatted_part(doc, addr: str, words: str, xml: str) -> None:
    """`words` of the box's one run given run properties `xml` (as Word writes bold)."""
    run = box_runs(doc, addr)[0]
    t = run.find(qn("w:t"))
    before, _, after = t.text.partition(words)
    for text, props in ((before, ""), (words, xml), (after, "")):
        new = parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{props}</w:rPr>'
                        f'<w:t xml:space="preserve">{text}</w:t></w:r>')
        run.addprevious(new)
    run.getparent().remove(run)


def test_a_bold_only_edit_is_a_change_to_the_data(editions):
    found = changes_of(editions, "en", lambda doc: formatted_part(
        doc, "$.foreword[1]", "all the staff", "<w:b/>"))
    assert [(c.address, c.new.markup) for c in found] == [(
        "$.foreword[1]", "We thank the head of PDU and <b>all the staff</b> who helped us, and "
        "the people on probation who spoke to us about their experiences.")]


def test_italic_and_a_line_break_typed_in_word_read_back(editions, bundle):
    def edit(doc):
        formatted_part(doc, "$.overall_findings[0]", "considerable pressure", "<w:i/>")
        runs = box_runs(doc, "$.overall_findings[0]")
        runs[1].addnext(parse_xml(f'<w:r {nsdecls("w")}><w:br/></w:r>'))
    [change] = changes_of(editions, "en", edit)
    assert "<i>considerable pressure</i><br/>" in change.new.markup
    after = apply(bundle, [change], "gwent")
    assert after.get("$.overall_findings[0]")["en"] == {"formatted": change.new.markup}
    assert after.load().data.overall_findings[0].en.markup == change.new.markup


def test_an_edit_with_formatting_made_in_libreoffice_reads_back(editions, tmp_path):
    content = libreoffice_steps(editions["en"], tmp_path, [
        ["bold", "all the staff"], ["italic", "spoke to us"], ["break", "helped us,"],
        ["bullets", "This inspection is part", "about their experiences."]])
    found = compare(read(editions["en"], "base"), read(content, "lo.docx"), "lo.docx")
    assert [c.address for c in found] == ["$.foreword[0]", "$.foreword[1]"]
    assert found[1].new.markup == (
        "<ul><li>We thank the head of PDU and <b>all the staff</b> who helped us,<br/>and the "
        "people on probation who <i>spoke to us</i> about their experiences.</li></ul>")
    assert found[0].new.markup.startswith("<ul><li>This inspection is part")


def test_a_list_pasted_into_a_box_is_its_list(editions, tmp_path):
    pasted = tmp_path / "list.docx"
    doc = Document()
    for text in ("Supervision is monthly", "Records are kept", "Plans are reviewed"):
        doc.add_paragraph(text, style="List Bullet")
    doc.save(str(pasted))
    content = libreoffice_steps(editions["en"], tmp_path, [
        ["paste", str(pasted), "about their experiences."]])
    [change] = compare(read(editions["en"], "base"), read(content, "lo.docx"), "lo.docx")
    # As LibreOffice pastes paragraphs into a paragraph: the first runs on from the box's text,
    # the middle one keeps its bullet, the last takes the paragraph's own style. Read as shown.
    assert (change.address, change.new.markup) == ("$.foreword[1]", (
        "<p>We thank the head of PDU and all the staff who helped us, and the people on "
        "probation who spoke to us about their experiences.Supervision is monthly</p>"
        "<ul><li>Records are kept</li></ul><p>Plans are reviewed</p>"))


def test_a_table_pasted_into_a_box_is_refused_as_a_table(editions, tmp_path):
    pasted = tmp_path / "table.docx"
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "Cases", "35"
    doc.save(str(pasted))
    content = libreoffice_steps(editions["en"], tmp_path, [
        ["paste-before", str(pasted), "Ratings"]])
    with pytest.raises(EditsRefused) as caught:
        compare(read(editions["en"], "base"), read(content, "lo.docx"), "lo.docx")
    [line] = str(caught.value).splitlines()
    assert line.startswith("lo.docx: under “Foreword”, paragraph 13: expected only bold, "
                           "italic, line breaks, lists and links")
    assert "in the box “foreword, 2”" in line and line.endswith(
        "found a table pasted into it, after “We thank the head of PDU and all the st…”")
    assert "template" not in line


def test_what_a_box_cannot_hold_is_refused_by_place(editions, tmp_path):
    content = libreoffice_steps(editions["en"], tmp_path, [
        ["tab", "helped us,"], ["underline", "all the staff"]])
    with pytest.raises(EditsRefused) as caught:
        compare(read(editions["en"], "base"), read(content, "lo.docx"), "lo.docx")
    lines = str(caught.value).splitlines()
    assert len(lines) == 2 and all("under “Foreword”, paragraph 13" in line
                                   and "the box “foreword, 2”" in line for line in lines)
    assert lines[0].endswith("(use a list or a line break: the styles lay text out); "
                             "found a tab")
    assert lines[1].endswith("clear that formatting; found underlining")


def test_a_box_given_a_heading_style_is_refused(editions):
    def heading(doc):
        p = control(doc, "$.foreword[1]").getparent()
        p.insert(0, parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="Heading2"/></w:pPr>'))
    assert "found the style “heading 2”" in refusal(editions, heading)


def test_fixed_wording_made_bold_is_refused(editions):
    def bold(doc):
        p = next(p for p in doc.paragraphs if paragraph_text(p).startswith("We inspected 35"))
        p.runs[0].bold = True
    message = refusal(editions, bold)
    assert "under “Annex 1: The inspected cases”" in message
    assert "(its formatting changed)" in message


def test_a_changed_figure_is_placed_by_table_row_and_column(editions):
    def figure(doc):
        table = next(t for t in doc.tables if cell_text(t.rows[0].cells[0]) == "Cases")
        table.rows[4].cells[1].paragraphs[0].runs[0].text = "8"
    message = refusal(editions, figure)
    assert message.startswith("edited.docx: Table 11, row 4 (“Women”), column “Number”: "
                              "expected the figures and wording as made (“7”): a figure is "
                              "corrected in the data")


def test_libreoffices_invisible_tracked_change_at_the_end_is_taken_as_accepted(editions,
                                                                                tmp_path):
    content = libreoffice_steps(editions["en"], tmp_path, [["record"], ["enter-at-end"]])
    assert any(el.tag == qn("w:ins") for el in Document(io.BytesIO(content)).element.body.iter())
    assert compare(read(editions["en"], "base"), read(content, "lo.docx"), "lo.docx") == []


def test_a_tracked_change_is_named_by_what_it_is(editions, tmp_path):
    content = libreoffice_steps(editions["en"], tmp_path, [
        ["record"], ["replace", "head of PDU", "head of the PDU"]])
    with pytest.raises(EditsRefused) as caught:
        compare(read(editions["en"], "base"), read(content, "lo.docx"), "lo.docx")
    assert str(caught.value).splitlines() == [
        "lo.docx: under “Foreword”, paragraph 13: expected no tracked changes (accept or reject "
        f"them in Word, or read the document with --accept-tracked); found {what}"
        for what in ("a tracked deletion “head of PDU”", "a tracked insertion “head of the PDU”")]


def _hidden(doc):
    formatted_part(doc, "$.foreword[1]", "all the staff", "<w:vanish/>")


def _coloured_heading(doc):
    p = next(p for p in doc.paragraphs if paragraph_text(p) == "Foreword")
    p.runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)


def _picture_in_fixed_wording(doc):
    drawing = next(doc.element.body.iter(qn("w:drawing"))).getparent()
    p = next(p for p in doc.paragraphs if paragraph_text(p) == "Foreword")
    p._p.append(copy.deepcopy(drawing))


def _row_deleted(doc):
    table = next(t for t in doc.tables if cell_text(t.rows[0].cells[0]) == "Cases")
    table._tbl.remove(table.rows[5]._tr)


def _box_centred(doc):
    p = control(doc, "$.foreword[1]").getparent()
    p.insert(0, parse_xml(f'<w:pPr {nsdecls("w")}><w:jc w:val="center"/></w:pPr>'))


def _page_break_in_box(doc):
    box_runs(doc, "$.foreword[1]")[0].append(parse_xml(f'<w:br {nsdecls("w")} w:type="page"/>'))


def _italic_in_a_name(doc):
    formatted_part(doc, "$.pdu.name", "Gwent", "<w:i/>")


@pytest.mark.parametrize("change", [
    _hidden, _coloured_heading, _picture_in_fixed_wording, _row_deleted, _box_centred,
    _page_break_in_box, _italic_in_a_name,
    lambda doc: formatted_part(doc, "$.foreword[0]", "Gwent", "<w:i/>"),
    lambda doc: formatted_part(doc, "$.foreword[0]", "Gwent", '<w:u w:val="single"/>'),
    lambda doc: doc.paragraphs[-1].add_run(" More."),
])
def test_no_change_to_a_document_reads_back_as_no_change(editions, change):
    try:
        found = changes_of(editions, "en", change)
    except EditsRefused:
        return
    assert found, "a changed document read back as no change"
