"""Reading an edited Word edition back into the data: the changes it makes, and the edits it must
refuse, each named by its place. Edited with python-docx (as Word writes XML) and, for real, by
LibreOffice."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from reportgen import pipeline
from reportgen.bundle import Bundle
from reportgen.convert.pdf import uno_python
from reportgen.docxtext import cell_text, paragraph_text
from reportgen.model.common import fingerprint
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
