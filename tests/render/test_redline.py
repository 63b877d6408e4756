"""A redline between two editions: exactly the differences, as tracked changes that python-docx
and LibreOffice both read, each by whoever made it."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen import pipeline
from reportgen.bundle import Bundle
from reportgen.ooxml.text import paragraph_text
from reportgen.render.redline import redline
from tests.conftest import EAST

WHEN = dt.datetime(2026, 5, 1, 10, 0)


def edition(bundle: Bundle) -> bytes:
    [job] = pipeline.jobs_for(bundle.load(), ["pdu-report"], ["en"])
    return pipeline.render_docx(job)


@pytest.fixture(scope="module")
def marked() -> bytes:
    before = Bundle.read(EAST / "pdus" / "luton.json")
    after = before.with_text("$.foreword[0]", "en", before.get("$.foreword[0]").replace(
        "two weeks", "a fortnight")).with_value("$.case_profile.women", 9)
    content, count = redline(edition(before), edition(after), ("Data team", WHEN),
                             {"$.foreword[0]": ("Sam Editor", WHEN)})
    assert count == 3  # the sentence, the count of women and their share
    return content


def test_the_redline_marks_exactly_the_changes_by_who_made_them(marked):
    body = Document(io.BytesIO(marked)).element.body
    ins = [("".join(t.text for t in el.iter(qn("w:t"))), el.get(qn("w:author")))
           for el in body.iter(qn("w:ins"))]
    dels = [("".join(t.text for t in el.iter(qn("w:delText"))), el.get(qn("w:author")))
            for el in body.iter(qn("w:del"))]
    assert ins[0] == ("a fortnight, ", "Sam Editor") and dels[0] == ("two weeks, ", "Sam Editor")
    women = json.loads((EAST / "pdus" / "luton.json").read_text())["case_profile"]["women"]
    assert ins[1:] == [("9", "Data team"), (f"{round(900 / 31)}%", "Data team")]
    assert dels[1] == (str(women), "Data team")


def test_accepted_the_redline_reads_as_the_later_edition(marked):
    text = [paragraph_text(p) for p in Document(io.BytesIO(marked)).paragraphs]
    assert any("a fortnight" in t for t in text) and not any("two weeks," in t for t in text)


def test_libreoffice_reads_the_tracked_changes(marked, tmp_path):
    """LibreOffice, saving the redline in its own format, keeps every change as a tracked
    change of its own, with its author."""
    path = tmp_path / "redline.docx"
    path.write_bytes(marked)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(tmp_path / "redline.odt") as z:
        content = z.read("content.xml").decode()
    regions = re.findall(r"<text:(insertion|deletion)><office:change-info><dc:creator>"
                         r"([^<]*)</dc:creator>", content)
    assert sorted(regions) == [("deletion", "Data team"), ("deletion", "Data team"),
                               ("deletion", "Sam Editor"), ("insertion", "Data team"),
                               ("insertion", "Data team"), ("insertion", "Sam Editor")]
