"""The translation workflow on input files: export, import, confirm, status; stale and
unconfirmed Welsh; names as segments. (On tracked reports: tests/workflow/test_journey.py.)"""

from __future__ import annotations

import json
import shutil

import pytest
from translate.storage import po, xliff

from reportgen import pipeline, translation
from reportgen.bundle import Bundle
from reportgen.errors import InputError, RenderError
from reportgen.loading import parse
from reportgen.workflow import tracker, welsh
from reportgen.workflow.store import Store
from tests.conftest import EAST, TEAM, WALES, add_team, run


@pytest.fixture
def luton(tmp_path):
    path = tmp_path / "luton.json"
    shutil.copy(EAST / "pdus" / "luton.json", path)
    return path


@pytest.fixture
def gwent(tmp_path):
    """Gwent, its Welsh (typed into the data) confirmed by a translator."""
    path = tmp_path / "gwent.json"
    shutil.copy(WALES / "pdus" / "gwent.json", path)
    assert run("translate", "confirm", path, "--all").exit_code == 0
    return path


def status(path):
    return translation.status(parse(path), path.name)


def translate_all(path, fmt: str, prefix: str = "CY: ") -> None:
    """What a translator's tool does: fill in every target."""
    store = (xliff.xlifffile if fmt == "xliff" else po.pofile).parsestring(path.read_bytes())
    for unit in store.units:
        if not unit.isheader():
            unit.target = prefix + unit.source
    path.write_bytes(bytes(store))


@pytest.mark.parametrize(("fmt", "suffix"), [("xliff", ".cy.xlf"), ("po", ".cy.po")])
def test_export_import_round_trip(luton, fmt, suffix):
    before = status(luton)
    assert before["missing"] == before["segments"] > 30
    result = run("translate", "export", luton, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert f"{before['segments']} segment(s), {before['words_to_translate']} English word(s)" \
        in result.stdout
    exported = luton.with_suffix(suffix)
    translate_all(exported, fmt)
    result = run("translate", "import", luton, exported)
    assert result.exit_code == 0, result.output
    after = status(luton)
    assert (after["translated"], after["missing"], after["stale"]) == (before["segments"], 0, 0)
    data = json.loads(luton.read_text())
    strength = data["domain_one"]["P 1.1"]["strengths"][0]
    assert strength["cy"] == "CY: " + strength["en"]
    assert strength["cy_source"].startswith("sha256:")


def test_names_are_segments_and_a_complete_import_renders_in_welsh(luton):
    ids = {s["id"] for s in status(luton)["to_translate"]}
    assert {"$.pdu.name", "$.pdu.name.cy_in", "$.region.name", "$.region.name.cy_in"} <= ids
    exported = luton.with_suffix(".cy.xlf")
    exported.write_bytes(translation.export(parse(luton), "luton.json", "xliff")[0])
    translate_all(exported, "xliff")
    assert run("translate", "import", luton, exported).exit_code == 0
    name = json.loads(luton.read_text())["pdu"]["name"]
    assert name["cy"] == "CY: Luton" and name["cy_in"] == "CY: in Luton"
    job = pipeline.jobs_for(parse(luton), ["pdu-report"], ["cy"])[0]
    assert pipeline.render_docx(job).startswith(b"PK")  # nothing left to refuse


def test_stale_after_an_english_edit_and_the_welsh_edition_refuses(gwent):
    assert status(gwent)["stale"] == 0 and status(gwent)["unconfirmed"] == 0
    data = json.loads(gwent.read_text())
    data["foreword"][1]["en"] = "We thank everyone who helped us, in the PDU and beyond."
    gwent.write_text(json.dumps(data, ensure_ascii=False))
    found = status(gwent)
    assert found["stale"] == 1
    assert found["to_translate"] == [{"id": "$.foreword[1]", "state": "stale",
                                      "english": data["foreword"][1]["en"],
                                      "welsh": data["foreword"][1]["cy"]}]
    job = pipeline.jobs_for(parse(gwent), ["pdu-report"], ["cy"])[0]
    with pytest.raises(RenderError, match=r"\$\.foreword\[1\] \(stale: the English changed\)"):
        pipeline.render_docx(job)
    result = run("translate", "status", gwent)
    assert result.exit_code == 1 and "stale       $.foreword[1]" in result.stdout


def test_a_translation_made_from_older_english_imports_as_stale(gwent):
    exported = gwent.with_suffix(".cy.po")
    exported.write_bytes(translation.export(parse(gwent), "gwent.json", "po")[0])
    data = json.loads(gwent.read_text())
    data["overall_findings"][0]["en"] += " Leaders knew this."
    gwent.write_text(json.dumps(data, ensure_ascii=False))
    bundle = Bundle.read(gwent)
    _, imported, stale = translation.import_translations(bundle, bundle.load(),
                                                         exported.read_bytes(), exported.name)
    assert stale == 1 and imported == status(gwent)["segments"]


def test_an_import_naming_an_unknown_segment_changes_nothing(luton):
    exported = luton.with_suffix(".cy.xlf")
    exported.write_bytes(translation.export(parse(luton), "luton.json", "xliff")[0])
    translate_all(exported, "xliff")
    exported.write_text(exported.read_text().replace('id="$.foreword[0]"', 'id="$.foreword[9]"'))
    before = luton.read_bytes()
    result = run("translate", "import", luton, exported)
    assert result.exit_code == 2
    assert "expected the id of a segment of the data; found '$.foreword[9]'" in result.stderr
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
    _, count, words = translation.export(parse(gwent), "gwent.json", "po", todo_only=True)
    assert count == 1 and words == len(data["foreword"][0].split())


def test_confirm_refuses_what_it_cannot_confirm(luton):
    result = run("translate", "confirm", luton, "$.foreword[0]", "$.nothing")
    assert result.exit_code == 2
    assert "$.foreword[0]: expected the id of a segment with Welsh to confirm; found no Welsh " \
        "yet" in result.stderr and "$.nothing" in result.stderr


def test_a_fuzzy_po_entry_is_not_imported(luton):
    exported = luton.with_suffix(".cy.po")
    exported.write_bytes(translation.export(parse(luton), "luton.json", "po")[0])
    translate_all(exported, "po")
    store = po.pofile.parsestring(exported.read_bytes())
    store.units[1].markfuzzy(True)
    exported.write_bytes(bytes(store))
    bundle = Bundle.read(luton)
    _, imported, _ = translation.import_translations(bundle, bundle.load(),
                                                     exported.read_bytes(), exported.name)
    assert imported == len(store.units) - 2  # the header, and the fuzzy entry


def test_a_stale_segment_goes_out_in_po_with_its_old_english_and_old_welsh(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    add_team(store)
    report_id = tracker.start(store, WALES / "pdus" / "gwent.json", "pdu-report",
                              TEAM["lead-inspector"])
    _, bundle = tracker.editions.held(store, report_id)
    bundle, _ = translation.confirm(bundle, bundle.load(), (), True)  # as if confirmed
    store.add_data(report_id, TEAM["translator"], tracker.editions.new_data(bundle, 2, "Welsh"))
    old = bundle.get("$.foreword[1]")
    tracker.keep_data(store, report_id, bundle.with_text("$.foreword[1]", "en", "New English."),
                      TEAM["editor"], "an edit")
    content, count, _ = welsh.export(store, report_id, "po", todo=True)
    [unit] = [u for u in po.pofile.parsestring(content).units if not u.isheader()]
    assert (count, unit.source, unit.prev_source, unit.target, unit.isfuzzy()) == (
        1, "New English.", old["en"], old["cy"], True)


@pytest.mark.parametrize(("fmt", "fuzzy", "says"), [
    ("xliff", False, "none translated"),
    ("po", False, "none translated"),
    ("po", True, "none translated ({n} still marked fuzzy)"),
])
def test_an_import_with_no_translation_in_it_is_refused_and_changes_nothing(luton, fmt, fuzzy,
                                                                            says):
    """It printed "Imported 0 translation(s)", exited 0 and made a new, empty data version."""
    exported = luton.with_suffix(".cy.xlf" if fmt == "xliff" else ".cy.po")
    content, count, _ = translation.export(parse(luton), "luton.json", fmt)
    exported.write_bytes(content)
    if fuzzy:  # a translator's tool that filled in suggestions, none accepted yet
        translate_all(exported, fmt)
        store = po.pofile.parsestring(exported.read_bytes())
        for unit in store.units:
            unit.markfuzzy(not unit.isheader())
        exported.write_bytes(bytes(store))
    before = luton.read_bytes()
    result = run("translate", "import", luton, exported)
    assert result.exit_code == 2, result.output
    assert f"{exported.name}: $: expected at least one translated unit (Welsh in its target); " \
           f"found {count} unit(s), {says.format(n=count)}" in result.stderr
    assert luton.read_bytes() == before


def test_a_tracked_import_with_nothing_new_makes_no_data_version(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    add_team(store)
    report_id = tracker.start(store, WALES / "pdus" / "gwent.json", "pdu-report",
                              TEAM["lead-inspector"])
    for stage in ("initial-edit", "strategic-edit", "chief-inspector-review",
                  "factual-accuracy", "statistics-check", "translation"):
        store.move(report_id, store.report(report_id).revision, stage, "x", "")
    content, count, _ = welsh.export(store, report_id, "xliff", todo=False)
    emptied = xliff.xlifffile.parsestring(content)
    for unit in emptied.units:
        unit.target = ""
    with pytest.raises(InputError, match="none translated"):
        welsh.import_translations(store, report_id, bytes(emptied), "gwent.cy.xlf",
                                  TEAM["translator"])
    assert store.data(report_id).number == 1
    translated = tmp_path / "gwent.cy.xlf"
    translated.write_bytes(content)
    translate_all(translated, "xliff")
    first = welsh.import_translations(store, report_id, translated.read_bytes(), "gwent.cy.xlf",
                                      TEAM["translator"])
    again = welsh.import_translations(store, report_id, translated.read_bytes(), "gwent.cy.xlf",
                                      TEAM["translator"])
    assert first == (2, count, 0, True)
    assert again == (2, count, 0, False)
    assert store.data(report_id).number == 2


@pytest.mark.parametrize("declared", [
    b'<!DOCTYPE xliff [<!ENTITY e "CY: ehangu">]>',
    b'<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>'])
def test_a_translation_file_declaring_entities_is_refused(luton, declared):
    """XLIFF with a DTD was accepted and its internal entities expanded into the data."""
    exported = luton.with_suffix(".cy.xlf")
    exported.write_bytes(translation.export(parse(luton), "luton.json", "xliff")[0])
    translate_all(exported, "xliff", prefix="&e; ")
    text = exported.read_bytes().replace(b"&amp;e; ", b"&e; ")
    exported.write_bytes(text.replace(b"<xliff", declared + b"<xliff", 1))
    before = luton.read_bytes()
    result = run("translate", "import", luton, exported)
    assert result.exit_code == 2
    assert "expected a translation file without a DTD or entities" in result.stderr
    assert luton.read_bytes() == before


def test_welsh_is_imported_and_confirmed_at_the_translation_stage_by_a_second_pair_of_eyes(
        tmp_path):
    """A translator could import and confirm Welsh at any stage, and confirm their own
    translation."""
    from reportgen.workflow.accounts import Forbidden
    from reportgen.workflow.store import TrackError
    from tests.conftest import walk
    store = Store(str(tmp_path / "t.db"))
    add_team(store)
    report_id = tracker.start(store, WALES / "pdus" / "gwent.json", "pdu-report",
                              TEAM["lead-inspector"])
    content, _, _ = welsh.export(store, report_id, "xliff", todo=False)
    translated = tmp_path / "gwent.cy.xlf"
    translated.write_bytes(content)
    translate_all(translated, "xliff")
    for attempt in (lambda: welsh.confirm(store, report_id, (), True, TEAM["translator"]),
                    lambda: welsh.import_translations(store, report_id, translated.read_bytes(),
                                                      "gwent.cy.xlf", TEAM["translator"])):
        with pytest.raises(TrackError, match="at the translation stage: gwent-pdu-report is "
                                             "at draft"):
            attempt()
    walk(store, report_id, "initial-edit", "strategic-edit", "chief-inspector-review",
         "factual-accuracy")
    store.move(report_id, store.report(report_id).revision, "statistics-check", "x", "")
    store.move(report_id, store.report(report_id).revision, "translation", "x", "")
    # The Welsh that came with the file (the lead inspector's) is the translator's to confirm.
    assert welsh.confirm(store, report_id, ["$.foreword[0]"], False, TEAM["translator"])[1] \
        == ["$.foreword[0]"]
    welsh.import_translations(store, report_id, translated.read_bytes(), "gwent.cy.xlf",
                              TEAM["translator"])
    with pytest.raises(Forbidden, match=r"Megan Harris wrote the Welsh of \$\.foreword\[1\]: "
                                        r"another translator confirms it"):
        welsh.confirm(store, report_id, ["$.foreword[1]"], False, TEAM["translator"])
