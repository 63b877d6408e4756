"""Every Word file the project writes, and every template it writes them from, is one Word opens
without offering to repair it: 0 errors from an independent validator, and no repair predicted."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from reportgen.render import bilingual, postprocess
from tests.conftest import ROOT
from tests.ooxml import audit, findings

TEMPLATES = [*sorted((ROOT / "templates").glob("*/*.docx")), ROOT / "styles/house-styles.docx"]


def test_every_rendered_document_opens_in_word_without_repair(rendered):
    documents = sorted(rendered.glob("*.docx"))
    langs = {p.name.split(".")[-2] for p in documents}
    assert len(documents) > 80 and langs == {"en", "cy", "cy+en"}
    assert audit(documents) == {}


def test_every_template_and_the_house_styles_open_in_word_without_repair():
    assert len(TEMPLATES) == 13
    assert audit(TEMPLATES) == {}


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_post_processing_puts_a_document_in_the_schemas_shape(tmp_path):
    """What templates edited elsewhere, python-docx and docxcompose leave out of shape."""
    doc = Document()  # python-docx's own template: it has a stylesWithEffects part
    table = doc.add_table(rows=2, cols=2)
    tblpr = table._tbl.tblPr
    for xml in ('<w:tblCellMar {ns}><w:left w:w="56" w:type="dxa"/></w:tblCellMar>',
                '<w:tblLayout {ns} w:type="fixed"/>'):
        tblpr.append(_element(xml))
    table.rows[0]._tr.get_or_add_trPr().append(_element('<w:tblHeader {ns} w:val="true"/>'))
    doc.settings.element.append(_element('<w:updateFields {ns} w:val="true"/>'))
    before = tmp_path / "before.docx"
    doc.save(str(before))
    found = " ".join(findings(before))
    for problem in ("tblCellMar", "'true' is not in allowed values", "updateFields",
                    "stylesWithEffects", "expected to repair"):
        assert problem in found

    after = tmp_path / "after.docx"
    after.write_bytes(postprocess.save(Document(str(before))))
    assert findings(after) == []
    parts = _parts(after.read_bytes())
    assert "word/stylesWithEffects.xml" not in parts
    assert b'w:tblLayout w:type="fixed"/><w:tblCellMar>' in parts["word/document.xml"]
    assert b'<w:updateFields w:val="true"/><w:compat>' in parts["word/settings.xml"]


def _element(xml: str):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    return parse_xml(xml.format(ns=nsdecls("w")))


def test_keywords_stay_in_the_core_properties_namespace_after_docxcompose_is_imported():
    """docxcompose (bilingual letters) remaps python-docx's "cp" prefix for the whole process."""
    assert bilingual  # imported, as the pipeline imports it
    doc = Document()
    postprocess.set_keywords(doc, "Gwent, probation")
    core = _parts(postprocess.save(doc))["docProps/core.xml"].decode()
    assert core.count("<cp:keywords") == 1 and "<cp:keywords>Gwent, probation<" in core
    assert "custom-properties" not in core


@pytest.mark.parametrize("kind", ["form", "log", "draft"])
def test_factual_accuracy_documents_open_in_word_without_repair(tmp_path, kind, rendered):
    from reportgen.workflow import factual_accuracy

    class NoItems:
        def fa_items(self, report_id):
            return []

    content = {
        "form": lambda: factual_accuracy.response_form("gwent-pdu-report", "Gwent"),
        "log": lambda: factual_accuracy.log(NoItems(), "gwent-pdu-report", "Gwent"),  # type: ignore[arg-type]
        "draft": lambda: factual_accuracy.numbered(
            (rendered / "gwent-pdu-report.en.docx").read_bytes())[0],
    }[kind]()
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(content)
    assert findings(path) == []
