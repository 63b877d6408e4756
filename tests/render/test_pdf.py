"""The PDFs, read back with pikepdf and pdftotext: tagged, titled, in a language, alt text on
every figure, fonts embedded, contents up to date."""

from __future__ import annotations

import os
import signal
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


def group(pgid: int) -> list[int]:
    """The live processes of a process group (zombies aside)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def office(worker: pdf.Worker) -> int:
    """The soffice.bin process a worker drives."""
    for pid in group(worker.proc.pid):
        if Path(f"/proc/{pid}/comm").read_text().strip() == "soffice.bin":
            return pid
    raise AssertionError("no LibreOffice in the worker's group")


def ready(converter: pdf.Converter) -> pdf.Worker:
    """Start every worker of the pool now, and wait until their LibreOffice answers."""
    while len(converter._pool) < converter.workers:
        converter._pool.append(converter._spawn())
    while not all(w.ready for w in converter._pool):
        converter.poll(timeout=0.5)
    return converter._pool[0]


@pytest.fixture
def docx(rendered, tmp_path) -> Path:
    src = tmp_path / "report.docx"
    src.write_bytes((rendered / "gwent-pdu-report.en.docx").read_bytes())
    return src


def test_a_worker_whose_libreoffice_died_is_replaced_and_the_document_retried(docx, tmp_path):
    with pdf.Converter(tmp_path, workers=1) as converter:
        first = ready(converter)
        os.kill(office(first), signal.SIGKILL)
        converter.submit(docx, tmp_path / "report.pdf")
        done = converter.finish()
        assert converter._made == 2 and group(first.proc.pid) == []
    assert [t.attempts for t in done] == [2]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_a_hung_worker_is_killed_and_replaced(docx, tmp_path):
    with pdf.Converter(tmp_path, workers=1, timeout=3) as converter:
        first = ready(converter)
        os.kill(office(first), signal.SIGSTOP)  # LibreOffice stops answering
        converter.submit(docx, tmp_path / "report.pdf")
        converter.finish()
        assert converter._made == 2 and group(first.proc.pid) == []
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_a_document_that_fails_twice_is_named_and_nothing_is_left(docx, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ConversionError, match=r"report\.docx: LibreOffice did not convert it "
                                              r"within 0 s \(tried 2 times, each time on a new "
                                              r"LibreOffice\); it was stopped"):
        pdf.convert([docx], out, timeout=0.01)
    assert list(out.iterdir()) == []  # nothing half-written


def test_libreoffice_that_does_not_start_is_named(docx, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "START_SECONDS", 0)
    with pytest.raises(ConversionError, match=r"report\.docx: LibreOffice did not start"):
        pdf.convert([docx], tmp_path / "out")


def test_the_workers_end_with_the_converter(docx, tmp_path):
    with pdf.Converter(tmp_path, workers=2) as converter:
        ready(converter)
        groups = [w.proc.pid for w in converter._pool]
        assert len(groups) == 2 and all(len(group(g)) >= 2 for g in groups)
        converter.submit(docx, tmp_path / "report.pdf")
        converter.finish()
    assert all(group(g) == [] for g in groups)


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


def test_a_worker_that_converted_its_share_hands_over_to_a_fresh_one(docx, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setattr(pdf, "RECYCLE_AFTER", 1)
    with pdf.Converter(tmp_path, workers=1) as converter:
        for i in range(3):
            converter.submit(docx, tmp_path / f"report-{i}.pdf")
        done = converter.finish()
        assert converter._made == 3 and len(done) == 3
        groups = [w.proc.pid for w in converter._pool]
    assert all(group(g) == [] for g in groups)
    assert all((tmp_path / f"report-{i}.pdf").read_bytes().startswith(b"%PDF") for i in range(3))
