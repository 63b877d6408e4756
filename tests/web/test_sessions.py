"""Sessions held in the store, on SQLite and PostgreSQL: the cookie carries a random id only; a
session ends at sign-out, everywhere at once on request, when its account's password or roles
change or it is disabled, after an hour unused and after twelve hours in all. The session was a
signed cookie the server kept no record of: a copy taken before sign-out still worked after."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from reportgen.workflow import accounts
from reportgen.workflow.store import now
from tests.conftest import PASSWORD, TEAM
from tests.web.conftest import Client

ID = "luton-pdu-report"


def signed_in(app, role: str, address: str = "127.0.0.1") -> Client:
    person = Client(app, address)
    assert person.sign_in(role).status_code == 302
    return person


def copy_of(person: Client, app) -> Client:
    """Another browser holding a copy of the person's cookie (stolen, say)."""
    thief = Client(app, "198.51.100.7")
    cookie = person.http.get_cookie("reportgen_session", domain="localhost")
    thief.http.set_cookie("reportgen_session", cookie.value, domain="localhost")
    return thief


def works(person: Client) -> bool:
    return person.get("/").status_code == 200


def store_of(app):
    return app.extensions["reportgen"].store


def test_a_session_copied_before_sign_out_is_refused_after_it(app, tracked):
    editor = signed_in(app, "editor")
    thief = copy_of(editor, app)
    assert works(thief)  # the copy works while the session is open ...
    editor.post("/sign-out")
    assert not works(editor)
    assert thief.get(f"/reports/{ID}").location.startswith("/sign-in")  # ... and not after
    refused = thief.post(f"/reports/{ID}/advance", {"move-note": "", "move-seen": "1"},
                         prefix="move")
    assert refused.status_code in (302, 400) and "/sign-in" in (refused.location or "/sign-in")
    assert store_of(app).report(ID).stage == "draft"
    assert not [line for line in store_of(app).audit_lines(ID) if line.action == "advance"]


def test_changing_ones_password_ends_every_other_session(app):
    here, there = signed_in(app, "coo"), signed_in(app, "coo", "10.0.0.9")
    new = "a quite different passphrase"
    response = here.post("/account/password", {"password-current": PASSWORD,
                                                "password-new": new, "password-again": new},
                         prefix="password")
    assert response.status_code == 302
    assert works(here) and not works(there)
    assert Client(app).sign_in("coo", password=new).status_code == 302


def test_a_weak_or_common_new_password_is_refused_by_its_field(app):
    person = signed_in(app, "coo")
    for weak, says in (("aaaaaaaaaaaa", "Repeats like"), ("password1234", "very common"),
                       ("short", "at least 12 characters")):
        page = person.post("/account/password", {"password-current": PASSWORD,
                                                 "password-new": weak, "password-again": weak},
                           prefix="password")
        assert page.status_code == 400 and says in page.get_data(as_text=True)
    assert Client(app).sign_in("coo").status_code == 302  # unchanged


def test_a_role_change_or_disabling_ends_the_accounts_sessions_and_enabling_revives_none(app):
    store = store_of(app)
    editor = signed_in(app, "editor")
    accounts.change(store, TEAM["editor"], TEAM["admin"], roles=["editor", "translator"])
    assert not works(editor)
    editor = signed_in(app, "editor")
    thief = copy_of(editor, app)
    accounts.change(store, TEAM["editor"], TEAM["admin"], active=False)
    accounts.change(store, TEAM["editor"], TEAM["admin"], active=True)
    assert not works(editor) and not works(thief)
    assert works(signed_in(app, "editor"))


def test_a_session_ends_after_an_hour_unused_and_twelve_hours_in_all(app):
    store = store_of(app)
    idle, long = signed_in(app, "editor"), signed_in(app, "coo")
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE sessions SET seen_at = :t WHERE account = :a"),
                     {"t": now() - dt.timedelta(minutes=61), "a": TEAM["editor"]})
        conn.execute(sa.text("UPDATE sessions SET created_at = :t WHERE account = :a"),
                     {"t": now() - dt.timedelta(hours=12, minutes=1), "a": TEAM["coo"]})
    assert not works(idle) and not works(long)
    fresh = signed_in(app, "translator")
    for _ in range(3):  # in use, it stays open
        assert works(fresh)


def test_ones_sessions_are_listed_and_signed_out_everywhere(app):
    here, there = signed_in(app, "editor"), signed_in(app, "editor", "10.1.2.3")
    page = here.get("/account").get_data(as_text=True)
    assert "10.1.2.3" in page and "(this one)" in page and page.count("<tr class") == 3
    assert here.post("/account/sign-out-everywhere").location == "/sign-in"
    assert not works(here) and not works(there)
    assert store_of(app).sessions(TEAM["editor"]) == []


def test_the_cookie_holds_a_random_id_and_the_store_only_its_hash(app):
    import base64
    import json
    editor = signed_in(app, "editor")
    cookie = editor.http.get_cookie("reportgen_session", domain="localhost").value
    payload = cookie.split(".")[0]
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert "account" not in data and TEAM["editor"] not in json.dumps(data)
    [row] = store_of(app).sessions(TEAM["editor"])
    assert data["sid"] not in row.id_sha256 and len(row.id_sha256) == 64
