"""The translation workflow: export, import, status, stale detection."""

from __future__ import annotations

import json
import shutil

import pytest
from translate.storage import po, xliff

from reportgen import pipeline, translation
from reportgen.errors import InputError, RenderError
from reportgen.loading import parse
from tests.conftest import EAST, WALES, run


@pytest.fixture
def luton(tmp_path):
    path = tmp_path / "luton.json"
    shutil.copy(EAST / "pdus" / "luton.json", path)
    return path


@pytest.fixture
def gwent(tmp_path):
    path = tmp_path / "gwent.json"
    shutil.copy(WALES / "pdus" / "gwent.json", path)
    return path


def translate_all(path, fmt: str, prefix: str = "CY: ") -> None:
    """What a translator's tool does: fill in every target."""
    store = (xliff.xlifffile if fmt == "xliff" else po.pofile).parsestring(path.read_bytes())
    for unit in store.units:
        if not unit.isheader():
            unit.target = prefix + unit.source
    path.write_bytes(bytes(store))


@pytest.mark.parametrize(("fmt", "suffix"), [("xliff", ".cy.xlf"), ("po", ".cy.po")])
def test_export_import_round_trip(luton, fmt, suffix):
    before = translation.status(luton)
    assert before["missing"] == before["segments"] > 30
    result = run("translate", "export", luton, "--format", fmt)
    assert result.exit_code == 0, result.output
    words = sum(len(s["english"].split()) for s in before["to_translate"])
    assert f"{before['segments']} segment(s), {words} English word(s)" in result.stdout
    exported = luton.with_suffix(suffix)
    translate_all(exported, fmt)
    result = run("translate", "import", luton, exported)
    assert result.exit_code == 0, result.output
    after = translation.status(luton)
    assert (after["translated"], after["missing"], after["stale"]) == (before["segments"], 0, 0)
    data = json.loads(luton.read_text())
    strength = data["domain_one"]["P 1.1"]["strengths"][0]
    assert strength["cy"] == "CY: " + strength["en"]
    assert strength["cy_source"].startswith("sha256:")


def test_stale_after_an_english_edit_and_the_welsh_edition_refuses(gwent):
    exported = gwent.with_suffix(".cy.xlf")
    exported.write_bytes(translation.export(gwent, "xliff")[0])  # Welsh already in the file
    translation.import_translations(gwent, exported)
    assert translation.status(gwent)["stale"] == 0
    data = json.loads(gwent.read_text())
    data["foreword"][1]["en"] = "We thank everyone who helped us, in the PDU and beyond."
    gwent.write_text(json.dumps(data, ensure_ascii=False))
    status = translation.status(gwent)
    assert status["stale"] == 1
    assert status["to_translate"] == [{"id": "$.foreword[1]", "state": "stale",
                                       "english": data["foreword"][1]["en"]}]
    job = pipeline.jobs_for(parse(gwent), ["pdu-report"], ["cy"])[0]
    with pytest.raises(RenderError, match=r"\$\.foreword\[1\] \(stale: the English changed\)"):
        pipeline.render_docx(job)
    result = run("translate", "status", gwent)
    assert result.exit_code == 1 and "stale    $.foreword[1]" in result.stdout


def test_a_translation_made_from_older_english_imports_as_stale(gwent):
    exported = gwent.with_suffix(".cy.po")
    exported.write_bytes(translation.export(gwent, "po")[0])
    data = json.loads(gwent.read_text())
    data["overall_findings"][0]["en"] += " Leaders knew this."
    gwent.write_text(json.dumps(data, ensure_ascii=False))
    imported, stale = translation.import_translations(gwent, exported)
    assert stale == 1 and imported == translation.status(gwent)["segments"]
    assert translation.status(gwent)["to_translate"][0]["id"] == "$.overall_findings[0]"


def test_an_import_naming_an_unknown_segment_changes_nothing(luton):
    exported = luton.with_suffix(".cy.xlf")
    exported.write_bytes(translation.export(luton, "xliff")[0])
    translate_all(exported, "xliff")
    text = exported.read_text().replace('id="$.foreword[0]"', 'id="$.foreword[9]"')
    exported.write_text(text)
    before = luton.read_bytes()
    with pytest.raises(InputError) as caught:
        translation.import_translations(luton, exported)
    assert "expected the id of a segment of luton.json; found '$.foreword[9]'" in \
        caught.value.problems[0].line()
    assert luton.read_bytes() == before


def test_a_malformed_translation_file_is_refused(luton, tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff><file>")
    result = run("translate", "import", luton, bad)
    assert result.exit_code == 2 and "expected a readable XLIFF or PO file" in result.stderr


def test_todo_exports_only_what_needs_translating(gwent):
    data = json.loads(gwent.read_text())
    data["foreword"][0] = data["foreword"][0]["en"]
    gwent.write_text(json.dumps(data, ensure_ascii=False))
    _, count, words = translation.export(gwent, "po", todo_only=True)
    assert count == 1 and words == len(data["foreword"][0].split())
