"""A fixture PDU report walked through every stage to publication."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
from docx import Document
from docx.oxml.ns import qn

from reportgen.docxtext import cell_text, paragraph_text
from reportgen.workflow.store import Store
from tests.conftest import TEAM, WALES, add_team, owner, run

GWENT = WALES / "pdus" / "gwent.json"
ID = "gwent-pdu-report"


ACTS = {("track", "start"): TEAM["lead-inspector"], ("fa", "send"): TEAM["editor"],
        ("fa", "import"): TEAM["editor"], ("fa", "decide"): TEAM["editor"],
        ("check", "stats"): TEAM["editor"], ("publish", ID): TEAM["publication"]}


def cli(tmp_path: Path, *args: str | Path, by: str | None = None):
    """Run a command on the test's store, as `by` or else as the account whose work it is: the
    owner of the report's stage for a move or an attached document."""
    store = str(tmp_path / "tracker.db")
    if not (tmp_path / "tracker.db").exists():
        add_team(Store(store))
    command = [str(a) for a in args]
    if command[:2] in (["track", "advance"], ["track", "attach"]):
        by = by or owner(Store(store).report(ID).stage)
    by = by or ACTS.get(tuple(command[:2]))
    return run(*command, "--store", store, *(["--as", by] if by else []))


def fill_form(form: Path, rows: list[list[str]]) -> Path:
    """What the inspected body does: type its changes into the form's table."""
    doc = Document(str(form))
    table = doc.tables[0]
    for row, values in zip(table.rows[1:], rows, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    out = form.with_name("returned.docx")
    doc.save(str(out))
    return out


def held_version(tmp_path: Path, lang: str = "en") -> bytes:
    listing = cli(tmp_path, "track", "versions", ID).stdout.splitlines()
    number = [line.split()[0] for line in listing if f" {lang} " in line][-1]
    out = tmp_path / f"held-{number}.docx"
    assert cli(tmp_path, "track", "versions", ID, "--get", number, "--out", out).exit_code == 0
    return out.read_bytes()


def edited(content: bytes, change) -> bytes:
    doc = Document(io.BytesIO(content))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def plant_errors(doc) -> None:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Key question")
    table.rows[1].cells[7].text = "91%"  # a percentage its counts do not give
    doc.add_paragraph("Practitioners held 4,321 cases between them.")  # an invented figure


def editorial_change(doc) -> None:
    para = next(p for p in doc.paragraphs if paragraph_text(p).startswith("We thank"))
    t = next(t for t in para._p.iter(qn("w:t")) if t.text and "We thank" in t.text)
    t.text = t.text.replace("We thank", "We are grateful to")


def test_a_pdu_report_from_draft_to_publication(tmp_path):
    assert cli(tmp_path, "track", "start", GWENT, "--doc", "pdu-report").exit_code == 0
    for stage in ("initial-edit", "strategic-edit", "chief-inspector-review",
                  "factual-accuracy"):
        result = cli(tmp_path, "track", "advance", ID, "--to", stage)
        assert result.exit_code == 0, result.output

    # Factual accuracy: send, the PDU fills in the form, import, decide.
    fa_dir = tmp_path / "fa"
    assert cli(tmp_path, "fa", "send", ID, "--out", fa_dir).exit_code == 0
    draft = Document(str(fa_dir / f"{ID}-factual-accuracy-draft.docx"))
    numbered = [paragraph_text(p) for p in draft.paragraphs if paragraph_text(p).startswith("[")]
    assert numbered[0].startswith("[1] ") and len(numbered) > 20
    returned = fill_form(fa_dir / f"{ID}-factual-accuracy-form.docx", [
        ["3", "", "Say that the inspection took place over two weeks in March.", "A", ""],
        ["12", "", "Leadership should be rated Good: the delivery plan was updated in "
                   "February.", "B", "PDU delivery plan, version 4"]])
    result = cli(tmp_path, "fa", "import", ID, returned)
    assert result.exit_code == 0 and "Imported 2 item(s)" in result.stdout
    refused = cli(tmp_path, "track", "advance", ID, "--to", "statistics-check")
    assert refused.exit_code == 2 and "item(s) 1, 2 have no decision" in refused.stderr
    assert cli(tmp_path, "fa", "decide", ID, "1", "--decision", "accepted").exit_code == 0
    no_coo = cli(tmp_path, "fa", "decide", ID, "2", "--decision", "not-accepted", "--reason",
                 "The plan was updated after the fieldwork.")
    assert no_coo.exit_code == 2 and "may not fa.decide-b: that is for Chief operating " \
        "officer" in no_coo.stderr
    assert cli(tmp_path, "fa", "decide", ID, "2", "--decision", "not-accepted", "--reason",
               "The plan was updated after the fieldwork.", by=TEAM["coo"]).exit_code == 0
    assert cli(tmp_path, "track", "advance", ID, "--to", "statistics-check").exit_code == 0

    # Statistics check: fails on a planted wrong percentage and an invented figure.
    original = held_version(tmp_path)
    planted = tmp_path / "planted.docx"
    planted.write_bytes(edited(original, plant_errors))
    assert cli(tmp_path, "track", "attach", ID, "--file", planted).exit_code == 0
    check = cli(tmp_path, "check", "stats", planted, "--data", GWENT, "--track", ID)
    assert check.exit_code == 1
    assert "mismatched 91%" in check.stdout and "untraced   4,321" in check.stdout
    refused = cli(tmp_path, "track", "advance", ID, "--to", "translation")
    assert refused.exit_code == 2 and "statistics check has not passed" in refused.stderr
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(edited(original, editorial_change))
    assert cli(tmp_path, "track", "attach", ID, "--file", fixed).exit_code == 0
    check = cli(tmp_path, "check", "stats", fixed, "--data", GWENT, "--track", ID, "--json")
    assert check.exit_code == 0 and json.loads(check.stdout)["passed"]
    assert cli(tmp_path, "track", "advance", ID, "--to", "translation").exit_code == 0

    # Translation: the Welsh edition was made from an earlier English version.
    refused = cli(tmp_path, "track", "advance", ID, "--to", "ready-to-publish")
    assert refused.exit_code == 2 and "earlier English version" in refused.stderr
    early = cli(tmp_path, "publish", ID, "--out", tmp_path / "published")
    assert early.exit_code == 2 and "cannot be published" in early.stderr, early.output
    welsh = tmp_path / "welsh.docx"
    welsh.write_bytes(held_version(tmp_path, "cy"))
    assert cli(tmp_path, "track", "attach", ID, "--file-cy", welsh).exit_code == 0
    assert cli(tmp_path, "track", "advance", ID, "--to", "ready-to-publish").exit_code == 0

    # Publication.
    result = cli(tmp_path, "publish", ID, "--out", tmp_path / "published")
    assert result.exit_code == 0, result.output
    out = tmp_path / "published" / ID
    manifest = json.loads((out / "manifest.json").read_text())
    names = {f["name"] for f in manifest["files"]}
    assert names == {f"{ID}.{lang}.{fmt}" for lang in ("en", "cy")
                     for fmt in ("docx", "pdf", "html", "xlsx")} | {
        f"{ID}.factual-accuracy-log.docx"}
    assert (out / f"{ID}.en.docx").read_bytes() == fixed.read_bytes()
    with pikepdf.open(out / f"{ID}.cy.pdf") as pdf:
        assert str(pdf.Root.Lang) == "cy-GB"
    log = Document(str(out / f"{ID}.factual-accuracy-log.docx"))
    rows = [[cell_text(c) for c in r.cells] for r in log.tables[0].rows]
    assert rows[2][3:] == ["B", "not accepted", "The plan was updated after the fieldwork.",
                           "Lorna Achebe (chief operating officer)"]
    history = cli(tmp_path, "track", "history", ID).stdout.splitlines()
    assert [line.split("->")[1].split()[0] for line in history] == [
        "draft", "initial-edit", "strategic-edit", "chief-inspector-review", "factual-accuracy",
        "statistics-check", "translation", "ready-to-publish", "published"]
    again = cli(tmp_path, "publish", ID, "--out", tmp_path / "published")
    assert again.exit_code == 2 and "is published: nothing about it changes" in again.stderr


def test_the_version_sent_for_factual_accuracy_can_be_produced_again(tmp_path):
    cli(tmp_path, "track", "start", GWENT, "--doc", "pdu-report")
    for stage in ("initial-edit", "strategic-edit", "chief-inspector-review",
                  "factual-accuracy"):
        cli(tmp_path, "track", "advance", ID, "--to", stage)
    cli(tmp_path, "fa", "send", ID, "--out", tmp_path / "fa")
    listing = cli(tmp_path, "track", "versions", ID).stdout.splitlines()
    sent = next(line.split()[0] for line in listing if "en:fa-sent" in line)
    again = tmp_path / "again.docx"
    cli(tmp_path, "track", "versions", ID, "--get", sent, "--out", again)
    sent_file = tmp_path / "fa" / f"{ID}-factual-accuracy-draft.docx"
    assert again.read_bytes() == sent_file.read_bytes()
