"""A fixture PDU report walked through every stage to publication, as the README tells it: edits
made in Word become data versions, the Welsh follows the English through translation, a factual
accuracy correction changes the data, and every published edition agrees with every other."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import openpyxl
import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables

from reportgen.ooxml.text import cell_text, paragraph_text
from reportgen.render.controls import ours
from reportgen.workflow.store import Store
from tests.conftest import TEAM, WALES, add_team, owner, run
from tests.test_readback import libreoffice_edit, libreoffice_steps

GWENT = WALES / "pdus" / "gwent.json"
ID = "gwent-pdu-report"
ORIGINAL = ("We thank the head of PDU and all the staff who helped us, and the people on "
            "probation who spoke to us about their experiences.")
EDITED = ("We thank the head of the PDU and all the staff who helped us during the inspection, "
          "and the people on probation who spoke to us.")
WELSH = ("Diolchwn i bennaeth yr Uned a'r holl staff a'n helpodd yn ystod yr arolygiad, ac i'r "
         "bobl ar brawf a siaradodd â ni.")
# The initial edit, made in LibreOffice: the sentence retyped, words in bold and in italic, a
# line break, the paragraph made a bulleted list and a second point typed after it.
LO_STEPS = [["replace", ORIGINAL, EDITED], ["bold", "all the staff"],
            ["italic", "the people on probation who spoke"],
            ["break", "during the inspection,"],
            ["bullets", "We thank the head", "who spoke to us."],
            ["paragraph-before", "Ratings", "List 1", "We thank the partners who met us."]]
FORMATTED = ("<ul><li>We thank the head of the PDU and <b>all the staff</b> who helped us during "
             "the inspection,<br/>and <i>the people on probation who spoke</i> to us.</li>"
             "<li>We thank the partners who met us.</li></ul>")
# The translators keep the inline codes around the Welsh words they belong to.
WELSH_CODES = [("ul", [("li", ["Diolchwn i bennaeth yr Uned a'r ", ("b", ["holl staff"]),
                               " a'n helpodd yn ystod yr arolygiad,", ("br", []), "ac i'r ",
                               ("i", ["bobl ar brawf a siaradodd"]), " â ni."]),
                       ("li", ["Diolchwn i'r partneriaid a gyfarfu â ni."])])]


ACTS = {"track start": TEAM["lead-inspector"], "fa send": TEAM["editor"],
        "fa import": TEAM["editor"], "fa decide": TEAM["editor"], "check stats": TEAM["editor"],
        "translate import": TEAM["translator"], "translate confirm": TEAM["translator"],
        "publish": TEAM["publication"]}


def cli(tmp_path: Path, *args: str | Path, by: str | None = None):
    """Run a command on the journey's store, as `by` or else as the account whose work it is:
    the owner of the report's stage for a move or an edit kept."""
    store = str(tmp_path / "tracker.db")
    if not (tmp_path / "tracker.db").exists():
        add_team(Store(store))
    command = [str(a) for a in args]
    doing = "publish" if command[0] == "publish" else " ".join(command[:2])
    if by is None and doing in ("track advance", "edits apply"):
        by = owner(Store(store).report(ID).stage)
    by = by or ACTS.get(doing)
    return run(*command, "--store", store, *(["--as", by] if by else []))


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def download(tmp_path: Path, lang: str = "en", version: str = "latest") -> Path:
    out = tmp_path / f"download-{version}.{lang}.docx"
    ok(cli(tmp_path, "track", "versions", ID, "--get", version, "--lang", lang, "--out", out))
    return out


def edit_box(path: Path, addr: str, text: str) -> Path:
    """What an editor does in Word: retype the text in one box."""
    doc = Document(str(path))
    sdt = next(s for s in doc.element.body.iter(qn("w:sdt")) if ours(s) == addr)
    ts = list(sdt.iter(qn("w:t")))
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""
    out = path.with_name(f"edited-{path.name}")
    doc.save(str(out))
    return out


def fill_form(form: Path, rows: list[list[str]]) -> Path:
    """What the inspected body does: type its changes into the form's table."""
    doc = Document(str(form))
    for row, values in zip(doc.tables[0].rows[1:], rows, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    out = form.with_name("returned.docx")
    doc.save(str(out))
    return out


def _code_ids(elem) -> list[str]:
    found = []
    for sub in elem.sub:
        if not isinstance(sub, str):
            found += [sub.id] if getattr(sub, "id", None) else []
            found += _code_ids(sub)
    return found


def codes_like(source, words) -> StringElem:
    """A Welsh target with the source's inline codes (their ids by kind) around `words`."""
    ids: dict[str, list[str]] = {}
    for code in _code_ids(source):
        ids.setdefault(code.rstrip("0123456789"), []).append(code)
    used: dict[str, int] = {}

    def build(parts):
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            kind, inner = part
            n = used.get(kind, 0)
            used[kind] = n + 1
            code = ids[kind][n]
            out.append(placeables.X(id=code) if kind == "br"
                       else placeables.G(build(inner), id=code))
        return out

    return StringElem(build(words))


def translate_stale(tmp_path: Path) -> None:
    """What the translation team does: export what is to do, translate it (keeping the inline
    codes of formatted text), import it."""
    exported = tmp_path / "todo.xlf"
    ok(cli(tmp_path, "translate", "export", ID, "--todo", "--out", exported))
    store = xliff.xlifffile.parsestring(exported.read_bytes())
    [unit] = store.units
    assert unit.getid().split("\x04")[-1] == "$.foreword[1]"
    old_english, old_welsh = unit.getalttrans()[0].source, unit.getalttrans()[0].target
    assert old_english.startswith("We thank the head of PDU") and old_welsh.startswith("Diolchwn")
    unit.rich_target = [codes_like(unit.rich_source[0], WELSH_CODES)]
    exported.write_bytes(bytes(store))
    ok(cli(tmp_path, "translate", "import", ID, exported, by=TEAM["translator"]))


def to(tmp_path: Path, *stages: str, by: str | None = None) -> None:
    for stage in stages:
        ok(cli(tmp_path, "track", "advance", ID, "--to", stage, by=by))


@pytest.fixture(scope="module")
def journey(tmp_path_factory) -> Path:
    """The whole journey, once; each test below reads what it left."""
    tmp_path = tmp_path_factory.mktemp("journey")
    copy = tmp_path / "inputs" / "gwent.json"
    copy.parent.mkdir()
    shutil.copy(GWENT, copy)
    ok(cli(tmp_path, "track", "start", copy, "--doc", "pdu-report"))
    copy.unlink()  # the store holds the data: the file on disk is not needed again
    to(tmp_path, "initial-edit")

    # Initial edit, in LibreOffice: a sentence of the foreword retyped and formatted.
    edited = tmp_path / "lo-edited.docx"
    edited.write_bytes(libreoffice_steps(download(tmp_path).read_bytes(), tmp_path, LO_STEPS))
    diff = ok(cli(tmp_path, "edits", "diff", ID, edited))
    assert f"+ {FORMATTED}" in diff and diff.endswith("1 change(s) to the data\n")
    ok(cli(tmp_path, "track", "advance", ID, "--to", "strategic-edit", "--file", edited,
           by="Sam Editor"))
    again = ok(cli(tmp_path, "edits", "apply", ID, edited, by="Lorna Achebe"))
    assert "lo-edited.docx was applied already" in again
    to(tmp_path, "chief-inspector-review", "factual-accuracy")

    # Factual accuracy: the draft and form go out in English and Welsh; two items come back.
    fa_dir = tmp_path / "fa"
    ok(cli(tmp_path, "fa", "send", ID, "--out", fa_dir))
    returned = fill_form(fa_dir / f"{ID}-factual-accuracy-form.en.docx", [
        ["Table 6, row 4", "", "One more of the inspected cases was a woman's.", "A",
         "Case list"],
        ["12", "", "Leadership should be rated Good: the delivery plan was updated in "
                   "February.", "B", "PDU delivery plan, version 4"]])
    ok(cli(tmp_path, "fa", "import", ID, returned))
    women = json.loads(GWENT.read_text())["case_profile"]["women"] + 1
    ok(cli(tmp_path, "fa", "decide", ID, "1", "--decision", "accepted", "--set",
           f"$.case_profile.women={women}"))
    ok(cli(tmp_path, "fa", "decide", ID, "2", "--decision", "not-accepted", "--reason",
           "The plan was updated after the fieldwork.", by=TEAM["coo"]))
    to(tmp_path, "statistics-check")
    ok(cli(tmp_path, "check", "stats", "--track", ID))
    to(tmp_path, "translation")

    # Translation: the Welsh typed into the data is checked by the translators; the edited
    # sentence is stale in Welsh, and only it.
    ok(cli(tmp_path, "translate", "confirm", ID, "--all", by=TEAM["translator"]))
    translate_stale(tmp_path)
    to(tmp_path, "ready-to-publish")
    ok(cli(tmp_path, "publish", ID, "--out", tmp_path / "published", "--date", "2026-06-12"))
    return tmp_path


def published(journey: Path, name: str) -> Path:
    return journey / "published" / ID / name


def test_the_journey_publishes_every_edition(journey):
    manifest = json.loads(published(journey, "manifest.json").read_text())
    assert {f["name"] for f in manifest["files"]} == {
        f"{ID}.{lang}.{fmt}" for lang in ("en", "cy") for fmt in ("docx", "pdf", "html", "xlsx")
    } | {f"{ID}.factual-accuracy-log.docx"}
    assert manifest["published_on"] == "2026-06-12" and manifest["published_by"] == \
        "Publication team"
    history = ok(cli(journey, "track", "history", ID)).splitlines()
    assert [line.split("->")[1].split()[0] for line in history] == [
        "draft", "initial-edit", "strategic-edit", "chief-inspector-review", "factual-accuracy",
        "statistics-check", "translation", "ready-to-publish", "published"]
    # The translation sign-off records the Welsh wording no Welsh editor has confirmed yet.
    signed_off = next(line for line in history if "-> ready-to-publish" in line)
    assert "not yet confirmed by a Welsh editor: Inadequate = Annigonol" in signed_off
    assert cli(journey, "publish", ID, "--out", journey / "published").exit_code == 2


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join([paragraph_text(p) for p in doc.paragraphs]
                     + [cell_text(c) for t in doc.tables for r in t.rows for c in r.cells])


def pdf_fonts(path: Path) -> dict[str, str]:
    """Each piece of a PDF's text with the font it is drawn in (the last, if drawn twice)."""
    found: dict[str, str] = {}
    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.__setitem__(
            text.strip(), str((font or {}).get("/BaseFont", ""))))
    return found


def _html_text(path: Path) -> str:
    """A web page's text as a reader reads it: a line break between words is a space."""
    page = lxml.html.fromstring(path.read_bytes())
    for br in page.iter("br"):
        br.tail = " " + (br.tail or "")
    return page.text_content()


def _pdf_text(path: Path) -> str:
    import subprocess
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())


def test_every_published_edition_agrees_segment_for_segment(journey):
    """The edit made in Word, the Welsh made from it and the corrected figure are in the DOCX,
    the PDF, the web edition and the workbook of both languages; the old wording in none."""
    for lang, sentence in (("en", EDITED), ("cy", WELSH)):
        docx = _docx_text(published(journey, f"{ID}.{lang}.docx"))
        html = _html_text(published(journey, f"{ID}.{lang}.html"))
        pdf = _pdf_text(published(journey, f"{ID}.{lang}.pdf"))
        for text in (docx, html, pdf):
            assert " ".join(sentence.split()) in " ".join(text.split())
        assert "head of PDU and all the staff" not in docx + html + pdf
    ok(cli(journey, "track", "versions", ID, "--get", "latest", "--out", journey / "held.json"))
    women = json.loads((journey / "held.json").read_text())["case_profile"]["women"]
    assert women == json.loads(GWENT.read_text())["case_profile"]["women"] + 1
    for lang in ("en", "cy"):
        book = openpyxl.load_workbook(published(journey, f"{ID}.{lang}.xlsx"))
        values = [c.value for ws in book for row in ws.iter_rows() for c in row]
        assert women in values
        annex = _docx_text(published(journey, f"{ID}.{lang}.docx"))
        assert f"\n{women}\n" in annex


def test_the_formatting_made_in_libreoffice_is_in_every_published_edition(journey):
    """Bold, italic, a line break and a bulleted list, in the Word, PDF and web editions of
    both languages (the Welsh as the translators kept the codes); the workbook holds figures,
    no narrative, so no markup."""
    words = {"en": ("all the staff", "the people on probation who spoke"),
             "cy": ("holl staff", "bobl ar brawf a siaradodd")}
    for lang, (bold, italic) in words.items():
        doc = Document(str(published(journey, f"{ID}.{lang}.docx")))
        [p] = [p for p in doc.paragraphs if bold in paragraph_text(p)]
        runs = {"".join(t.text for t in r.iter(qn("w:t"))): r for r in p._p.iter(qn("w:r"))}
        assert runs[bold].find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
        assert runs[italic].find(f"{qn('w:rPr')}/{qn('w:i')}") is not None
        assert len(list(p._p.iter(qn("w:br")))) == 1
        second = Paragraph(p._p.getnext(), p._parent)
        assert p.style.name == second.style.name == "List Bullet"
        assert paragraph_text(second).startswith(("We thank the partners", "Diolchwn i'r part"))
        page = lxml.html.fromstring(published(journey, f"{ID}.{lang}.html").read_bytes())
        [item] = [li for li in page.iter("li") if bold in li.text_content()]
        assert item.getparent().tag == "ul" and len(item.getparent()) == 2
        assert item.xpath("./strong/text()") == [bold] and item.xpath("./em/text()") == [italic]
        assert item.find("br") is not None
        fonts = pdf_fonts(published(journey, f"{ID}.{lang}.pdf"))
        assert "Bold" in fonts[bold] and "Italic" in fonts[italic]
        pdf = subprocess.run(["pdftotext", "-layout", str(published(journey, f"{ID}.{lang}.pdf")),
                              "-"], capture_output=True, text=True, check=True).stdout
        assert re.search(r"\S\s+(We thank|Diolchwn)", pdf)
        book = openpyxl.load_workbook(published(journey, f"{ID}.{lang}.xlsx"))
        assert not any("<b>" in str(c.value) for ws in book for row in ws.iter_rows()
                       for c in row)


def test_the_cover_and_properties_give_the_day_it_was_published(journey):
    en = _docx_text(published(journey, f"{ID}.en.docx"))
    assert "Published: 12 June 2026" in en and "To be published" not in en
    assert "Cyhoeddwyd: 12 Mehefin 2026" in _docx_text(published(journey, f"{ID}.cy.docx"))
    assert "Published: 12 June 2026" in published(journey, f"{ID}.en.html").read_text()
    from reportgen.readback import read
    props = read(published(journey, f"{ID}.en.docx").read_bytes(), "x").properties
    assert props["Publication date"] == "2026-06-12"
    with pikepdf.open(published(journey, f"{ID}.cy.pdf")) as pdf:
        assert str(pdf.Root.Lang) == "cy-GB"


def test_the_factual_accuracy_log_links_each_item_to_its_change(journey):
    log = Document(str(published(journey, f"{ID}.factual-accuracy-log.docx")))
    rows = [[cell_text(c) for c in r.cells] for r in log.tables[0].rows]
    assert rows[1][1] == "Table 6, row 4" and rows[1][4] == "accepted"
    assert rows[1][7].startswith("data version ")
    assert rows[2][3:] == ["B", "not accepted", "The plan was updated after the fieldwork.",
                           "Lorna Achebe (chief operating officer)", "none"]


def test_a_redline_from_draft_to_publication_shows_exactly_the_edits(journey):
    versions = ok(cli(journey, "track", "versions", ID)).splitlines()
    last = max(int(line.split()[0]) for line in versions if line.split()[0].isdigit())
    out = journey / "redline.docx"
    diff = ok(cli(journey, "track", "diff", ID, "1", str(last), "--out", out))
    assert "$.foreword[1]" in diff and "$.case_profile.women" in diff
    body = Document(str(out)).element.body
    inserted = "".join(t.text for ins in body.iter(qn("w:ins")) for t in ins.iter(qn("w:t")))
    deleted = "".join(t.text for d in body.iter(qn("w:del")) for t in d.iter(qn("w:delText")))
    assert "during the inspection" in inserted and "Published:" in inserted
    assert "To be published:" in deleted and "5" in deleted
    accepted = "\n".join(paragraph_text(p) for p in Document(str(out)).paragraphs)
    assert "Published: 12 June 2026" in accepted and EDITED in " ".join(accepted.split())
    authors = {el.get(qn("w:author")) for el in body.iter(qn("w:ins"))}
    assert authors == {"Sam Editor", "Publication team"}  # each change by whoever made it


def test_data_moved_or_deleted_on_disk_breaks_nothing(journey):
    status = ok(cli(journey, "track", "status", "--today", "2026-06-20"))
    assert status.startswith(ID) and "published" in status


def test_unknown_reports_are_errors_for_every_command(journey):
    for args in (("track", "history", "nosuch"), ("track", "versions", "nosuch"),
                 ("track", "diff", "nosuch", "1", "2"), ("fa", "log", "nosuch", "--out",
                                                         journey / "x.docx"),
                 ("translate", "status", "nosuch"), ("check", "stats", "--track", "nosuch")):
        result = cli(journey, *args)
        assert result.exit_code == 2 and "no report nosuch is tracked" in result.stderr, args
    assert not (journey / "x.docx").exists()


def test_nothing_changes_after_publication(journey):
    edited = edit_box(download(journey), "$.foreword[0]", "Too late.")
    result = cli(journey, "edits", "apply", ID, edited)
    assert result.exit_code == 2 and "is published" in result.stderr


# -------------------------------------------------------- the failures this flow prevents


@pytest.fixture
def at_translation(tmp_path) -> Path:
    """Gwent at the translation stage with one English edit made in initial edit."""
    ok(cli(tmp_path, "track", "start", GWENT, "--doc", "pdu-report"))
    to(tmp_path, "initial-edit")
    edited = edit_box(download(tmp_path), "$.foreword[1]", EDITED)
    ok(cli(tmp_path, "track", "advance", ID, "--to", "strategic-edit", "--file", edited))
    to(tmp_path, "chief-inspector-review", "factual-accuracy", "statistics-check")
    ok(cli(tmp_path, "check", "stats", "--track", ID))
    to(tmp_path, "translation")
    ok(cli(tmp_path, "translate", "confirm", ID, "--all", by=TEAM["translator"]))
    return tmp_path


def test_an_english_edit_leaves_exactly_its_welsh_stale(at_translation):
    status = cli(at_translation, "translate", "status", ID)
    assert status.exit_code == 1
    assert "0 missing, 1 stale, 0 unconfirmed" in status.stdout
    assert "stale       $.foreword[1]" in status.stdout


def test_the_old_welsh_draft_does_not_pass_the_translation_gate(at_translation):
    old_welsh = download(at_translation, "cy", "1")
    refused = cli(at_translation, "track", "advance", ID, "--to", "ready-to-publish", "--file",
                  old_welsh)
    assert refused.exit_code == 2
    refused = cli(at_translation, "track", "advance", ID, "--to", "ready-to-publish")
    assert refused.exit_code == 2 and "1 stale" in refused.stderr


def test_welsh_typed_into_the_data_is_unconfirmed_until_confirmed(tmp_path):
    copy = tmp_path / "gwent.json"
    shutil.copy(GWENT, copy)
    result = run("translate", "status", copy)
    # 45 narrative segments, and the surveys' 9 statements with their 9 chart labels
    assert result.exit_code == 1 and "0 stale, 63 unconfirmed of 63" in result.stdout
    data = json.loads(copy.read_text())
    data["foreword"][1]["en"] = EDITED  # the English changes; the Welsh typed in does not
    copy.write_text(json.dumps(data, ensure_ascii=False))
    assert "unconfirmed $.foreword[1]" in run("translate", "status", copy).stdout
    ok(run("translate", "confirm", copy, "--all"))
    assert run("translate", "status", copy).exit_code == 0


def test_accepting_an_item_needs_the_change_that_answers_it(tmp_path):
    ok(cli(tmp_path, "track", "start", GWENT, "--doc", "pdu-report"))
    to(tmp_path, "initial-edit", "strategic-edit", "chief-inspector-review", "factual-accuracy")
    ok(cli(tmp_path, "fa", "send", ID, "--out", tmp_path / "fa"))
    returned = fill_form(tmp_path / "fa" / f"{ID}-factual-accuracy-form.en.docx",
                         [["3", "", "Two weeks in March.", "A", ""]])
    ok(cli(tmp_path, "fa", "import", ID, returned))
    refused = cli(tmp_path, "fa", "decide", ID, "1", "--decision", "accepted")
    assert refused.exit_code == 2 and "give the change to the data" in refused.stderr
    fixed = edit_box(download(tmp_path), "$.foreword[0]", "We inspected Gwent over two weeks "
                     "in March 2026.")
    out = ok(cli(tmp_path, "fa", "decide", ID, "1", "--decision", "accepted", "--file", fixed))
    assert "answered by data version 2" in out
    assert "We inspected Gwent over two weeks in March 2026." in _docx_text(
        download(tmp_path, "en", "2"))


def test_an_edit_made_in_libreoffice_is_kept_as_a_data_version(tmp_path):
    ok(cli(tmp_path, "track", "start", GWENT, "--doc", "pdu-report"))
    draft = download(tmp_path).read_bytes()
    edited = tmp_path / "lo-edited.docx"
    edited.write_bytes(libreoffice_edit(draft, tmp_path, "We thank the head of PDU",
                                        "We thank the head of the PDU"))
    out = ok(cli(tmp_path, "edits", "apply", ID, edited))
    assert "as data version 2" in out
    assert "$.foreword[1] (en)" in out
    assert "head of the PDU" in _docx_text(download(tmp_path, "en", "2"))


def test_an_edited_document_from_another_report_is_refused(tmp_path):
    ok(cli(tmp_path, "track", "start", GWENT, "--doc", "pdu-report"))
    stray = tmp_path / "stray.docx"
    doc = Document()
    doc.add_paragraph("Not a report.")
    doc.save(str(stray))
    result = cli(tmp_path, "edits", "diff", ID, stray)
    assert result.exit_code == 2 and "downloaded from the tracker" in result.stderr


def test_the_draft_sent_for_factual_accuracy_is_kept(tmp_path):
    ok(cli(tmp_path, "track", "start", GWENT, "--doc", "pdu-report"))
    to(tmp_path, "initial-edit", "strategic-edit", "chief-inspector-review", "factual-accuracy")
    out = ok(cli(tmp_path, "fa", "send", ID, "--out", tmp_path / "fa"))
    for lang in ("en", "cy"):
        assert f"{ID}-factual-accuracy-draft.{lang}.docx" in out
        draft = Document(str(tmp_path / "fa" / f"{ID}-factual-accuracy-draft.{lang}.docx"))
        numbered = [paragraph_text(p) for p in draft.paragraphs
                    if paragraph_text(p).startswith("[")]
        assert numbered[0].startswith("[1] ") and len(numbered) > 20
    form = Document(str(tmp_path / "fa" / f"{ID}-factual-accuracy-form.cy.docx"))
    assert cell_text(form.tables[0].rows[0].cells[0]) != "Paragraph, table or figure"
    assert form.core_properties.language == "cy-GB"
