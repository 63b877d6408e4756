"""The PDFs, read back with pikepdf and pdftotext: tagged, titled, in a language, alt text on
every figure, fonts embedded, contents up to date."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from reportgen.convert import pdf
from reportgen.errors import ConversionError

STEMS = ["gwent-pdu-report", "maximal-pdu-report", "wales-regional-report",
         "east-of-england-regional-report", "east-of-england-announcement-1",
         "gwent-project-plan",
         "wales-panel-summary", "national-review"]


def figures(node, found: list) -> list:
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                figures(kid, found)
    return found


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_is_tagged_titled_and_in_english(rendered, stem):
    with pikepdf.open(rendered / f"{stem}.en.pdf") as doc:
        root = doc.Root
        assert str(root.Lang) == "en-GB"
        assert root.MarkInfo.Marked
        assert "/StructTreeRoot" in root
        assert root.ViewerPreferences.DisplayDocTitle
        assert len(str(doc.docinfo.Title)) > 20
        found = figures(root.StructTreeRoot, [])
        assert found or "report" not in stem, "no figures tagged"
        for fig in found:
            assert len(str(fig.get("/Alt", ""))) > 40
        for page in doc.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                desc = font.get("/FontDescriptor") or \
                    font.get("/DescendantFonts", [{}])[0].get("/FontDescriptor")
                assert desc is not None and any(k in desc for k in
                                                ("/FontFile", "/FontFile2", "/FontFile3"))


def test_contents_page_is_up_to_date(rendered):
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout",
                           str(rendered / "gwent-pdu-report.en.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "right-click" not in text.lower()
    assert "Contents...." not in text.replace(" ", "")  # the contents do not list themselves
    for entry in ("Foreword", "Ratings", "2.1 Assessment", "2.4 Reviewing",
                  "Annex 1: The inspected cases"):
        assert entry in text


def test_a_conversion_that_hangs_is_stopped_and_named(tmp_path, monkeypatch, rendered):
    monkeypatch.setattr(pdf, "START_SECONDS", 0)
    src = tmp_path / "slow.docx"
    src.write_bytes((rendered / "gwent-pdu-report.en.docx").read_bytes())
    with pytest.raises(ConversionError, match=r"slow\.docx: LibreOffice did not convert it "
                                              r"within 0 s; it was stopped"):
        pdf.convert([src], tmp_path / "out", timeout=0.01)
    assert list((tmp_path / "out").iterdir()) == []  # nothing half-written


def test_every_rendered_docx_has_its_pdf(rendered):
    docx = {p.stem for p in Path(rendered).glob("*.docx")}
    pdfs = {p.stem for p in Path(rendered).glob("*.pdf")}
    assert docx == pdfs
    # Wales's documents come in English and Welsh: 6 PDUs, 1 region, 7 plans; its announcement
    # is one bilingual letter, as its addressee asked. The national review covers Wales too.
    kinds = {"pdu-report": 19 + 6, "regional-report": 2 + 1, "panel-summary": 20 + 7,
             "announcement": 3, "project-plan": 19 + 7, "national-review": 2}
    for kind, count in kinds.items():
        assert sum(kind in stem for stem in docx) == count, kind
