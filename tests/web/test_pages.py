"""The service's pages, on SQLite and PostgreSQL: the dashboard and its filters, a report's
next move and its gate, moves and send-backs as the account signed in, each role refused what
it may not do, inputs with their problems, correspondence, accounts, and Welsh."""

from __future__ import annotations

import base64
import html
import io
import json
import re
import zipfile

import pytest
from docx import Document
from lxml import etree

from reportgen.ooxml.text import visible_text
from reportgen.workflow import accounts, welsh
from tests.conftest import EAST, FIXTURES, TEAM, WALES, boxed_edit, owner, track_luton, walk

ID = "luton-pdu-report"


@pytest.fixture
def store(app, luton_draft):
    s = app.extensions["reportgen"].store
    track_luton(s, luton_draft)
    return s


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_dashboard_lists_each_report_with_its_stage_holder_and_dates(store, as_role):
    page = text(as_role("editor").get("/"))
    assert ID in page and "East of England" in page and "Draft" in page
    assert "Lead inspector" in page  # who holds a draft
    # Luton's draft for factual accuracy was due on 1 May 2026: overdue on any later day.
    assert "2026-05-01" in page and "Overdue" in page


def test_the_dashboard_filters_by_stage_and_region(store, as_role, luton_draft):
    walk(store, ID, "initial-edit")
    editor = as_role("editor")
    assert ID in text(editor.get("/?stage=initial-edit"))
    assert ID not in text(editor.get("/?stage=draft"))
    assert "0 of 1 reports" in text(editor.get("/?region=Wales"))
    assert "1 of 1 reports" in text(editor.get("/?region=East+of+England"))


def test_only_the_owner_sees_the_move_and_a_refused_gate_says_why(store, as_role):
    walk(store, ID, "initial-edit", "strategic-edit", "chief-inspector-review",
         "factual-accuracy")
    store.add_fa_items(ID, [{"paragraph": 1, "current_text": "x", "proposed": "y",
                             "category": "B", "evidence": ""}], "f", "f.docx", TEAM["editor"])
    editor_page = text(as_role("editor").get(f"/reports/{ID}"))
    assert "It cannot move on yet: factual accuracy item(s) 1 have no decision" in editor_page
    assert "Move to Statistics check" in editor_page
    coo_page = text(as_role("coo").get(f"/reports/{ID}"))
    assert "Move to" not in coo_page and "Only Editor moves it on" in coo_page
    assert "Decide item 1" in coo_page  # category B: the COO's
    assert "Decide item 1" not in editor_page
    refused = as_role("editor").post(f"/reports/{ID}/advance", {}, prefix="move",
                                     follow_redirects=True)
    assert "have no decision" in text(refused)
    assert store.report(ID).stage == "factual-accuracy"


def test_a_move_and_a_send_back_are_made_as_the_account_signed_in(store, as_role):
    lead = as_role("lead-inspector")
    moved = lead.post(f"/reports/{ID}/advance", {"move-note": "Ready for editing"},
                      prefix="move", follow_redirects=True)
    assert "moved to Initial editing" in text(moved)
    editor = as_role("editor")
    missing = editor.post(f"/reports/{ID}/send-back", {"back-to": "draft"}, prefix="back",
                          follow_redirects=True)
    assert "Give the reason it goes back" in text(missing)
    back = editor.post(f"/reports/{ID}/send-back", {"back-to": "draft",
                                                     "back-reason": "Findings missing"},
                       prefix="back", follow_redirects=True)
    assert "was sent back to Draft" in text(back)
    assert [(h.to_stage, h.by, h.note) for h in store.history(ID)][1:] == [
        ("initial-edit", TEAM["lead-inspector"], "Ready for editing"),
        ("draft", TEAM["editor"], "sent back: Findings missing")]


FORBIDDEN = {  # role -> (path, form data, prefix) it may not use while Luton is at draft
    "editor": ("/reports/{id}/advance", {}, "move"),
    "coo": ("/reports/{id}/send-back", {"back-to": "draft", "back-reason": "x"}, "back"),
    "chief-inspector": ("/reports/{id}/statistics", {}, ""),
    "translator": ("/inputs/fixtures", {"fixtures-region": "wales"}, "fixtures"),
    "publication": ("/reports/{id}/factual-accuracy/send", {}, ""),
    "admin": ("/reports/{id}/publish", {}, ""),
    "lead-inspector": ("/accounts", {"account-name": "Eve", "account-roles": "admin",
                                     "account-password": "x" * 12}, "account"),
}


@pytest.mark.parametrize("role", sorted(FORBIDDEN))
def test_each_role_is_refused_what_it_may_not_do(store, as_role, role):
    path, data, prefix = FORBIDDEN[role]
    response = as_role(role).post(path.format(id=ID), data, prefix=prefix)
    assert response.status_code == 403, text(response)
    [line] = store.audit_lines(refused_only=True)
    assert line.account == TEAM[role]
    assert store.report(ID).stage == "draft" and len(store.history(ID)) == 1
    assert [a.name for a in accounts.all_accounts(store)] == sorted(TEAM.values())


def test_an_invalid_input_file_lists_its_problems_and_nothing_is_kept(store, as_role):
    broken = json.loads((EAST / "pdus" / "luton.json").read_text())
    broken["pdu"]["code"] = 7
    del broken["fieldwork"]
    response = as_role("lead-inspector").post(
        "/inputs", {"input-documents": (io.BytesIO(json.dumps(broken).encode()), "luton.json")},
        prefix="input")
    page = text(response)
    assert response.status_code == 400
    assert "$.pdu.code" in page and "$.fieldwork" in page and "a value (this field is required)" \
        in page
    assert store.inputs() == []


def test_a_valid_pdu_file_is_kept_and_its_report_tracked(app, as_role):
    store = app.extensions["reportgen"].store
    content = (WALES / "pdus" / "gwent.json").read_bytes()
    response = as_role("lead-inspector").post(
        "/inputs", {"input-documents": (io.BytesIO(content), "gwent.json")}, prefix="input")
    assert response.location == "/reports/gwent-pdu-report"
    assert [i.kind for i in store.inputs()] == ["pdu-inspection"]
    assert {v.lang for v in store.versions("gwent-pdu-report")} == {"en", "cy"}
    assert store.history("gwent-pdu-report")[0].by == TEAM["lead-inspector"]


def test_correspondence_of_a_plan_in_the_addressees_language(app, as_role):
    admin = as_role("admin")
    content = (FIXTURES / "wales" / "plan.json").read_bytes()
    kept = admin.post("/inputs", {"input-documents": (io.BytesIO(content), "plan.json")},
                      prefix="input")
    assert kept.status_code == 302
    [plan] = app.extensions["reportgen"].store.inputs("inspection-plan")
    assert kept.location == f"/correspondence/{plan.id}"
    page = text(admin.get(f"/correspondence/{plan.id}"))
    assert "wales-announcement-1.cy+en.docx" in page  # the director asked for both languages
    assert "gwent-project-plan.en.ics" in page and "Nothing issued yet." in page
    ics = admin.get(f"/correspondence/{plan.id}/gwent-project-plan.en.ics")
    assert ics.status_code == 200 and b"BEGIN:VCALENDAR" in ics.data
    assert as_role("editor").get(f"/correspondence/{plan.id}").status_code == 403


def test_the_held_version_downloads_as_kept_and_the_web_edition_from_the_data(store, as_role):
    editor = as_role("editor")
    docx = editor.get(f"/reports/{ID}/editions/en.docx")
    held = store.latest(ID, "en")
    assert docx.data == store.content(ID, held.id)
    assert "attachment" in docx.headers["Content-Disposition"]
    html = editor.get(f"/reports/{ID}/editions/en.html")
    assert html.status_code == 200 and b"Luton" in html.data


def test_an_item_citing_a_table_row_is_shown_by_it_not_as_paragraph_0(store, as_role):
    """An item citing "Table 3, row 2" was shown as "Paragraph 0" on the page."""
    walk(store, ID, "initial-edit", "strategic-edit", "chief-inspector-review",
         "factual-accuracy")
    store.add_fa_items(ID, [{"paragraph": 0, "cites": "Table 3, row 2", "current_text": "23",
                             "proposed": "24", "category": "A", "evidence": ""},
                            {"paragraph": 7, "cites": None, "current_text": "x",
                             "proposed": "y", "category": "C", "evidence": ""}],
                       "sha", "form.docx", TEAM["editor"])
    page = text(as_role("editor").get(f"/reports/{ID}"))
    assert "Table 3, row 2" in page and "Paragraph 7" in page and "Paragraph 0" not in page


def test_factual_accuracy_from_the_page(store, as_role):
    walk(store, ID, "initial-edit", "strategic-edit", "chief-inspector-review",
         "factual-accuracy")
    editor = as_role("editor")
    editor.post(f"/reports/{ID}/factual-accuracy/send", {})
    form = store.latest(ID, "en:fa-form")
    doc = Document(io.BytesIO(store.content(ID, form.id)))
    for cell, value in zip(doc.tables[0].rows[1].cells, ["2", "", "Say 41 cases", "A", ""],
                           strict=True):
        cell.text = value
    returned = io.BytesIO()
    doc.save(returned)
    data = returned.getvalue()
    imported = editor.post(f"/reports/{ID}/factual-accuracy/import",
                           {"fa-document": (io.BytesIO(data), "form.docx")}, prefix="fa",
                           follow_redirects=True)
    assert "The returned form was imported" in text(imported)
    again = editor.post(f"/reports/{ID}/factual-accuracy/import",
                        {"fa-document": (io.BytesIO(data), "form-again.docx")}, prefix="fa",
                        follow_redirects=True)
    assert "this form was imported already" in text(again)
    no_reason = editor.post(f"/reports/{ID}/factual-accuracy/1",
                            {"item1-decision": "not-accepted"}, prefix="item1",
                            follow_redirects=True)
    assert "needs a reason" in text(no_reason)
    unanswered = editor.post(f"/reports/{ID}/factual-accuracy/1",
                             {"item1-decision": "accepted"}, prefix="item1",
                             follow_redirects=True)
    assert "give the change to the data that answers it" in text(unanswered)
    answered = editor.post(f"/reports/{ID}/factual-accuracy/1", {
        "item1-decision": "accepted", "item1-values": "$.case_profile.women=7"},
        prefix="item1", follow_redirects=True)
    assert "The decision on item 1 is recorded" in text(answered)
    [item] = store.fa_items(ID)
    assert (item.decision, item.decided_by, item.data_version) == (
        "accepted", TEAM["editor"], 2)
    assert json.loads(store.data(ID).content)["files"]["luton.json"]["case_profile"][
        "women"] == 7
    assert "data version 2" in text(answered)
    # The decision log, from the page: titled with the report's title, the item and its answer.
    assert "Download the decision log" in text(answered)
    log = Document(io.BytesIO(editor.get(f"/reports/{ID}/factual-accuracy/log.docx").data))
    logged = "\n".join(p.text for p in log.paragraphs) + "\n".join(
        c.text for t in log.tables for row in t.rows for c in row.cells)
    assert "luton-pdu-report" not in log.core_properties.title and "Luton" in \
        log.core_properties.title
    assert "Say 41 cases" in logged and "data version 2" in logged


def test_accounts_are_added_on_the_page_by_an_administrator(app, as_role):
    admin = as_role("admin")
    added = admin.post("/accounts", {"account-name": "Nia Jones",
                                     "account-roles": ["translator", "editor"],
                                     "account-password": "a long enough secret",
                                     "account-language": "cy"}, prefix="account")
    assert added.status_code == 302
    nia = accounts.get(app.extensions["reportgen"].store, "Nia Jones")
    assert nia.roles == ("translator", "editor") and nia.language == "cy"
    short = admin.post("/accounts", {"account-name": "Short", "account-roles": ["editor"],
                                     "account-password": "short"}, prefix="account")
    assert short.status_code == 400


def test_the_pages_are_in_welsh_for_a_welsh_speaker(store, as_role):
    editor = as_role("editor")
    editor.post("/language/cy", {"next": f"/reports/{ID}"})
    page = text(editor.get(f"/reports/{ID}"))
    assert '<html lang="cy"' in page
    assert "Cam nesaf" in page and "Drafft" in page and "Hanes" in page
    dashboard = text(editor.get("/"))
    assert "Adroddiadau" in dashboard and "Pob rhanbarth" in dashboard
    editor.post("/language/en", {"next": "/"})
    assert "Next move" in text(editor.get(f"/reports/{ID}"))


def test_a_report_page_is_headed_by_its_title_in_the_readers_language(app, as_role):
    """The id (gwent-pdu-report) stood as the page's heading and title."""
    from reportgen.workflow import tracker
    tracker.start(app.extensions["reportgen"].store, WALES / "pdus" / "gwent.json",
                  "pdu-report", TEAM["lead-inspector"])
    editor = as_role("editor")
    page = editor.get("/reports/gwent-pdu-report").get_data(as_text=True)
    assert re.search(r"<h1[^>]*>\s*An inspection of probation services in Gwent\s*</h1>", page)
    assert "<title>An inspection of probation services in Gwent –" in page
    assert "gwent-pdu-report" in page  # beside it, under the region's name
    editor.post("/language/cy", {"next": "/"})
    page = editor.get("/reports/gwent-pdu-report").get_data(as_text=True)
    assert re.search(r"<h1[^>]*>\s*Arolygiad o wasanaethau prawf yng Ngwent\s*</h1>", page)


def test_the_lead_inspector_sees_where_the_ratings_differ_from_the_rules(store, as_role):
    """The finalised ratings beside what the rules give, each difference marked, on the
    report's page: a difference the panel has not recorded stops the panel summary."""
    from reportgen.workflow import tracker
    report = tracker.start(store, FIXTURES / "pdu-disagreement.json", "pdu-report",
                           TEAM["lead-inspector"])
    lead = as_role("lead-inspector")
    page = lead.get(f"/reports/{report}").get_data(as_text=True)
    import lxml.html
    table = lxml.html.fromstring(page).xpath('//table[caption[contains(., "Finalised ratings")]]')
    rows = {r.xpath("string(th)").strip(): [c.text_content().strip() for c in r.xpath("td")]
            for r in table[0].xpath(".//tbody/tr")}
    assert rows["P 2.3"] == ["Requires improvement", "Inadequate", "Differs: not recorded"]
    assert rows["P 2.4"] == ["Requires improvement", "Requires improvement", ""]
    assert rows["Overall"][:2] == ["Requires improvement", "Requires improvement"]
    assert "1 finalised rating differs from what the ratings rules give, and the panel has " \
        "not recorded why" in text(lead.get(f"/reports/{report}"))
    assert "The finalised ratings agree with what the ratings rules give." in \
        text(lead.get(f"/reports/{ID}"))  # Luton's agree
    lead.post("/language/cy", {"next": "/"})
    assert "Yn wahanol: heb ei gofnodi" in text(lead.get(f"/reports/{report}"))


def test_every_stage_has_an_owner_in_the_role_data():
    from reportgen.workflow import tracker
    for stage in tracker.stage_ids(True)[:-1]:
        assert owner(stage)



def test_an_edited_word_edition_becomes_a_data_version_with_its_redline(store, as_role):
    lead = as_role("lead-inspector")
    draft = lead.get(f"/reports/{ID}/editions/en.docx").data
    edited = boxed_edit(draft, "$.foreword[0]", "We inspected Luton in spring 2026.")
    kept = lead.post(f"/reports/{ID}/edited", {"edited-document": (io.BytesIO(edited),
                                                                   "luton.docx")},
                     prefix="edited", follow_redirects=True)
    assert "The edits are kept as a new version of the data" in text(kept)
    assert store.data(ID).number == 2 and store.data(ID).by == TEAM["lead-inspector"]
    compared = text(lead.get(f"/reports/{ID}/compare?first=1&second=2"))
    assert "$.foreword[0]" in compared and "+ We inspected Luton in spring 2026." \
        in compared
    redline = lead.get(f"/reports/{ID}/redline/1-2.en.docx")
    assert redline.status_code == 200 and b"w:ins" in zip_part(redline.data)
    # A Word file that is not an edition of this report is refused, by place, and nothing kept.
    stray = Document()
    stray.add_paragraph("Not a report.")
    out = io.BytesIO()
    stray.save(out)
    refused = lead.post(f"/reports/{ID}/edited", {"edited-document": (io.BytesIO(
        out.getvalue()), "stray.docx")}, prefix="edited", follow_redirects=True)
    assert "Nothing was kept" in text(refused) and "an edition of luton-pdu-report" in \
        text(refused)
    assert store.data(ID).number == 2


def zip_part(content: bytes, name: str = "word/document.xml") -> bytes:
    import zipfile
    return zipfile.ZipFile(io.BytesIO(content)).read(name)


def test_welsh_translation_from_the_page(app, as_role):
    from reportgen.workflow import tracker
    s = app.extensions["reportgen"].store
    tracker.start(s, WALES / "pdus" / "gwent.json", "pdu-report", TEAM["lead-inspector"])
    translator = as_role("translator")
    page = text(translator.get("/reports/gwent-pdu-report"))
    n = welsh.status(s, "gwent-pdu-report")["segments"]  # every Welsh segment typed in
    assert f"0 missing, 0 stale, {n} unconfirmed of {n} segments" in page
    assert "Confirm the unconfirmed Welsh" not in page  # not before the translation stage
    # Each segment to do is listed by place, state, English and the Welsh held.
    import lxml.html
    rows = lxml.html.fromstring(page).xpath('//details[@id="welsh-segments"]//tbody/tr')
    assert len(rows) == n
    data = json.loads((WALES / "pdus" / "gwent.json").read_text())
    first = [c.text_content().strip() for c in rows[0]]
    assert first[1] == "Unconfirmed" and first[0].startswith("$.")
    assert any(c == data["foreword"][0]["cy"] for r in rows for c in
               [r[3].text_content().strip()])
    walk(s, "gwent-pdu-report", "initial-edit", "strategic-edit", "chief-inspector-review",
         "factual-accuracy")
    for stage in ("statistics-check", "translation"):
        s.move("gwent-pdu-report", s.report("gwent-pdu-report").revision, stage, "x", "")
    xliff = translator.get("/reports/gwent-pdu-report/translation/todo.xlf")
    assert xliff.status_code == 200 and b"<xliff" in xliff.data
    assert as_role("editor").post("/reports/gwent-pdu-report/translation/confirm",
                                  {}).status_code == 403
    translator.post("/reports/gwent-pdu-report/translation/confirm", {})
    page = text(translator.get("/reports/gwent-pdu-report"))
    assert f"0 missing, 0 stale, 0 unconfirmed of {n} segments" in page
    assert s.data("gwent-pdu-report").by == TEAM["translator"]


def test_correspondence_issued_is_kept_as_sent_and_downloaded_from_the_store(app, as_role):
    store = app.extensions["reportgen"].store
    admin = as_role("admin")
    admin.post("/inputs", {"input-documents": (io.BytesIO((FIXTURES / "wales" / "plan.json")
                                                          .read_bytes()), "plan.json")},
               prefix="input")
    [plan] = store.inputs("inspection-plan")
    assert as_role("editor").post(f"/correspondence/{plan.id}/issue").status_code == 403
    response = admin.post(f"/correspondence/{plan.id}/issue")
    assert response.status_code == 302
    [issue] = store.issues(plan.id)
    assert issue["by"] == TEAM["admin"] and "gwent-project-plan.cy.ics" in issue["files"]
    page = text(admin.get(f"/correspondence/{plan.id}"))
    assert f"Issued by {TEAM['admin']} on" in page
    sent = admin.get(f"/correspondence/{plan.id}/issued/{issue['id']}/gwent-project-plan.cy.ics")
    assert sent.data == store.issued_file(issue["id"], "gwent-project-plan.cy.ics")
    assert b"BEGIN:VCALENDAR" in sent.data
    assert admin.get(f"/correspondence/{plan.id}/issued/{issue['id']}/x.ics").status_code == 404


def test_no_plan_kept_says_why_and_where_to_upload_one(as_role):
    page = html.unescape(text(as_role("admin").get("/correspondence")))
    assert "tracking a region's reports keeps no plan" in page
    assert "Upload the plan on the Inputs page" in page


def _wales_files() -> dict[str, bytes]:
    files = {"region.json": (WALES / "region.json").read_bytes()}
    files |= {p.name: p.read_bytes() for p in sorted((WALES / "pdus").glob("*.json"))}
    return files


def _upload(client, files: dict[str, bytes]):
    return client.post("/inputs", {"input-documents": [(io.BytesIO(c), n)
                                                        for n, c in files.items()]},
                       prefix="input")


def test_a_region_uploaded_with_its_pdu_files_tracks_every_report(app, as_role):
    store = app.extensions["reportgen"].store
    response = _upload(as_role("lead-inspector"), _wales_files())
    assert response.status_code == 302 and response.location == "/"
    assert [i.kind for i in store.inputs()] == ["regional-inspection"]
    tracked = sorted(r.id for r in store.all_reports())
    assert tracked == sorted(["wales-regional-report", *(f"{p.stem}-pdu-report" for p in
                                                         (WALES / "pdus").glob("*.json"))])
    data = json.loads(store.data("wales-regional-report").content)
    assert "pdus/gwent.json" in data["files"]


def test_a_region_missing_a_pdu_file_names_the_entry_and_keeps_nothing(app, as_role):
    store = app.extensions["reportgen"].store
    files = _wales_files()
    del files["gwent.json"]
    files["notes.json"] = b'{"kind": "pdu-inspection"}'
    response = _upload(as_role("lead-inspector"), files)
    page = html.unescape(text(response))
    assert response.status_code == 400
    assert "$.pdus[1].file" in page and "gwent.json among the files handed in with the " \
        "region's file" in page
    assert "only the PDU files the region's file names" in page and "notes.json" in page
    assert store.inputs() == [] and store.all_reports() == []


def test_a_problem_in_one_pdu_file_of_a_region_names_that_file(app, as_role):
    store = app.extensions["reportgen"].store
    files = _wales_files()
    broken = json.loads(files["gwent.json"])
    broken["case_profile"]["women"] = -1
    files["gwent.json"] = json.dumps(broken).encode()
    page = text(_upload(as_role("lead-inspector"), files))
    assert "pdus/gwent.json" in page and "$.case_profile.women" in page
    assert store.inputs() == []


def test_a_generated_download_is_made_once_for_its_data_version(store, as_role):
    """A PDF was converted by LibreOffice again on every request (about a second each)."""
    import sqlalchemy as sa
    editor = as_role("editor")
    first = editor.get(f"/reports/{ID}/editions/en.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    with store.engine.begin() as conn:  # served from what was kept, not made again
        conn.execute(sa.text("UPDATE renditions SET content = :c WHERE format = 'pdf'"),
                     {"c": b"%PDF-kept"})
    assert editor.get(f"/reports/{ID}/editions/en.pdf").data == b"%PDF-kept"
    html = editor.get(f"/reports/{ID}/editions/en.html")
    assert html.status_code == 200 and b"<html" in html.data
    kept = store.rendition(ID, 1, "en", "html", store.latest(ID, "en").sha256)
    assert kept == html.data


def finish_jobs(store) -> None:
    from reportgen.workflow import jobs
    if jobs.is_shared(store):
        jobs.work(store, until_idle=True)
    else:
        jobs.runner(store).join()


def test_the_statistics_sign_off_workbook_is_downloaded_from_the_page(store, as_role):
    """The page offered the sign-off workbook as a command line; it is now a download of the
    last check run on the version held, with every figure of the edition on its rows."""
    import openpyxl
    walk(store, ID, "initial-edit", "strategic-edit", "chief-inspector-review",
         "factual-accuracy", "statistics-check")
    editor = as_role("editor")
    url = f"/reports/{ID}/statistics/signoff.xlsx"
    assert editor.get(url).status_code == 404  # no check run yet
    page = text(editor.get(f"/reports/{ID}"))
    assert "reportgen check" not in page and "sign-off workbook" in page
    started = editor.post(f"/reports/{ID}/statistics", {}, follow_redirects=True)
    assert "The statistics check of the version held has started" in text(started)
    finish_jobs(store)  # a job: a worker (PostgreSQL) or the service's thread (SQLite) runs it
    [result] = store.stats_results(ID)
    page = text(editor.get(f"/reports/{ID}"))
    assert "Download the sign-off workbook of the last check" in page
    response = editor.get(url)
    assert response.status_code == 200
    assert "luton-pdu-report-1.statistics-signoff.xlsx" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    rows = [r for ws in book.worksheets[1:] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == result["figures"] > 0


def test_an_edited_document_is_previewed_before_it_is_kept(store, as_role):
    """The editor sees what a Word file would change, old and new by place, and nothing is
    kept until they keep it; what is carried back is checked again as any upload."""
    import lxml.html
    lead = as_role("lead-inspector")
    draft = lead.get(f"/reports/{ID}/editions/en.docx").data
    edited = boxed_edit(draft, "$.foreword[0]", "We inspected Luton in <spring> 2026.")
    shown = lead.post(f"/reports/{ID}/edited/preview",
                      {"preview-document": (io.BytesIO(edited), "luton-edited.docx")},
                      prefix="preview")
    page = text(shown)
    assert shown.status_code == 200 and "What luton-edited.docx would change" in page
    assert "1 change to data version 1" in page and "$.foreword[0]" in page
    assert "<ins>We inspected Luton in &lt;spring&gt; 2026.</ins>" in page
    assert store.data(ID).number == 1  # nothing kept yet
    assert as_role("editor").post(f"/reports/{ID}/edited/preview", {
        "preview-document": (io.BytesIO(edited), "x.docx")}, prefix="preview").status_code == 403
    [carried] = lxml.html.fromstring(page).xpath('//input[@name="keep-content"]/@value')
    assert lead.post(f"/reports/{ID}/edited/keep", {"keep-content": "not base64!",
                                                    "keep-name": "x.docx"},
                     prefix="keep").status_code == 400
    kept = lead.post(f"/reports/{ID}/edited/keep", {"keep-content": carried,
                                                    "keep-name": "luton-edited.docx"},
                     prefix="keep", follow_redirects=True)
    assert "The edits are kept as a new version of the data" in text(kept)
    assert store.data(ID).number == 2 and store.data(ID).by == TEAM["lead-inspector"]
    # The same file previewed again changes nothing now, and says so.
    again = lead.post(f"/reports/{ID}/edited/preview",
                      {"preview-document": (io.BytesIO(edited), "luton-edited.docx")},
                      prefix="preview", follow_redirects=True)
    assert "luton-edited.docx was applied already: its changes are in data version 2" \
        in text(again) and "Keep these edits" not in text(again)


def test_a_previewed_edit_downloads_as_a_redline_before_it_is_kept(store, as_role):
    """The redline of a previewed document: the edition it would make, its change tracked as
    the editor's, to read in Word; nothing is kept."""
    import lxml.html
    lead = as_role("lead-inspector")
    draft = lead.get(f"/reports/{ID}/editions/en.docx").data
    edited = boxed_edit(draft, "$.foreword[0]", "We inspected Luton in the spring of 2026.")
    page = text(lead.post(f"/reports/{ID}/edited/preview",
                          {"preview-document": (io.BytesIO(edited), "luton-edited.docx")},
                          prefix="preview"))
    assert "Download the redline (.docx)" in page
    [carried] = lxml.html.fromstring(page).xpath('//input[@name="redline-content"]/@value')
    got = lead.post(f"/reports/{ID}/edited/redline", {"redline-content": carried,
                                                      "redline-name": "luton-edited.docx"},
                    prefix="redline")
    assert got.status_code == 200
    assert "luton-pdu-report-redline-luton-edited.docx" in got.headers["Content-Disposition"]
    body = zipfile.ZipFile(io.BytesIO(got.data)).read("word/document.xml").decode()
    # As Word shows it with the changes accepted: the new sentence; the changes are the lead's.
    assert "We inspected Luton in the spring of 2026." in visible_text(
        etree.fromstring(body.encode()))
    assert re.search(rf'<w:ins [^>]*w:author="{TEAM["lead-inspector"]}"', body)
    assert store.data(ID).number == 1 and len(store.versions(ID)) == 1  # nothing kept
    unchanged = lead.post(f"/reports/{ID}/edited/redline", {
        "redline-content": base64.b64encode(draft).decode(), "redline-name": "draft.docx"},
        prefix="redline", follow_redirects=True)
    assert "draft.docx changes nothing in the data" in text(unchanged)


def test_a_refused_document_is_refused_at_preview_by_place(store, as_role):
    lead = as_role("lead-inspector")
    stray = Document()
    stray.add_paragraph("Not a report.")
    out = io.BytesIO()
    stray.save(out)
    shown = lead.post(f"/reports/{ID}/edited/preview",
                      {"preview-document": (io.BytesIO(out.getvalue()), "stray.docx")},
                      prefix="preview", follow_redirects=True)
    assert "Nothing was kept" in text(shown) and "an edition of luton-pdu-report" in text(shown)
    assert store.data(ID).number == 1
