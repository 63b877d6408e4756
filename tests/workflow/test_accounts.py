"""Accounts and roles, on SQLite and PostgreSQL: each role refused what it may not do (and the
refusal audited), decisions kept and final, nothing changed after publication, send-back moves,
and the command line acting as a named account."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from reportgen.cli.main import cli
from reportgen.workflow import accounts, factual_accuracy, stats_check, tracker, welsh
from reportgen.workflow.accounts import Forbidden
from reportgen.workflow.store import Store, TrackError
from tests.conftest import EAST, PASSWORD, TEAM, add_team, run, walk

LUTON = EAST / "pdus" / "luton.json"
ID = "luton-pdu-report"
ITEM = {"paragraph": 1, "current_text": "x", "proposed": "y", "evidence": ""}
WOMEN = factual_accuracy.Answer(values=(("$.case_profile.women", 5),))
TO_FA = ("initial-edit", "strategic-edit", "chief-inspector-review", "factual-accuracy")


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    add_team(s)
    tracker.start(s, LUTON, "pdu-report", TEAM["lead-inspector"])
    return s


def at_factual_accuracy(store: Store, categories: str = "AB") -> Store:
    walk(store, ID, *TO_FA)
    if categories:
        store.add_fa_items(ID, [ITEM | {"category": c} for c in categories], "form-1",
                           "f.docx", TEAM["editor"])
    return store


@pytest.mark.parametrize(("role", "stage"), [
    ("editor", "draft"), ("translator", "draft"), ("admin", "draft"), ("publication", "draft"),
    ("coo", "draft"), ("chief-inspector", "draft")])
def test_only_the_owner_of_a_stage_moves_a_report_on(store, role, stage, caplog):
    with caplog.at_level(logging.WARNING, "reportgen.security"), \
            pytest.raises(Forbidden, match=f"does not own the {stage} stage of {ID}: that is "
                                           "for Lead inspector"):
        tracker.advance(store, ID, "initial-edit", TEAM[role])
    assert store.report(ID).stage == "draft"
    [line] = store.audit_lines(ID, refused_only=True)
    assert (line.account, line.action, line.allowed) == (TEAM[role], "advance", False)
    assert f"refused: {TEAM[role]} may not advance {ID}" in caplog.text


def test_each_stage_is_moved_on_by_its_own_role(store):
    for stage, role in [("initial-edit", "lead-inspector"), ("strategic-edit", "editor"),
                        ("chief-inspector-review", "coo"),
                        ("factual-accuracy", "chief-inspector")]:
        others = [r for r in TEAM if r != role]
        for other in others:
            with pytest.raises(Forbidden):
                tracker.advance(store, ID, stage, TEAM[other])
        tracker.advance(store, ID, stage, TEAM[role])
    assert [h.by for h in store.history(ID)][1:] == [
        TEAM["lead-inspector"], TEAM["editor"], TEAM["coo"], TEAM["chief-inspector"]]


@pytest.mark.parametrize(("role", "action"), [
    ("translator", "track.start"), ("editor", "track.start"), ("publication", "track.start"),
    ("coo", "track.start")])
def test_starting_a_report_is_for_lead_inspectors_and_administrators(store_url, role, action):
    s = Store(store_url)
    add_team(s)
    with pytest.raises(Forbidden, match=f"may not {action}"):
        tracker.start(s, LUTON, "pdu-report", TEAM[role])
    assert s.all_reports() == []


def test_an_unknown_or_disabled_account_acts_on_nothing(store):
    with pytest.raises(Forbidden, match="no active account of that name"):
        tracker.advance(store, ID, "initial-edit", "Somebody Else")
    accounts.change(store, TEAM["lead-inspector"], TEAM["admin"], active=False)
    with pytest.raises(Forbidden, match="no active account"):
        tracker.advance(store, ID, "initial-edit", TEAM["lead-inspector"])


def test_only_the_coo_decides_category_b(store):
    at_factual_accuracy(store)
    factual_accuracy.decide(store, ID, 1, "not-accepted", "As recorded.", TEAM["lead-inspector"])
    for role in ("editor", "lead-inspector", "translator", "admin"):
        with pytest.raises(Forbidden, match=r"may not fa\.decide"):
            factual_accuracy.decide(store, ID, 2, "not-accepted", "No.", TEAM[role])
    factual_accuracy.decide(store, ID, 2, "not-accepted", "No.", TEAM["coo"])
    items = store.fa_items(ID)
    assert [(i.decided_by, i.decided_by_coo) for i in items] == [
        (TEAM["lead-inspector"], False), (TEAM["coo"], True)]


def test_a_changed_decision_keeps_the_old_one_and_is_final_once_the_stage_ends(store):
    at_factual_accuracy(store, "AA")
    factual_accuracy.decide(store, ID, 1, "not-accepted", "The record says so.", TEAM["editor"])
    factual_accuracy.decide(store, ID, 1, "accepted", "", TEAM["lead-inspector"], WOMEN)
    factual_accuracy.decide(store, ID, 2, "not-accepted", "No.", TEAM["editor"])
    assert [(d.number, d.decision, d.by) for d in store.fa_decisions(ID)] == [
        (1, "not-accepted", TEAM["editor"]), (1, "accepted", TEAM["lead-inspector"]),
        (2, "not-accepted", TEAM["editor"])]
    assert store.fa_items(ID)[0].decision == "accepted"
    walk(store, ID, "statistics-check")
    with pytest.raises(TrackError, match="is at statistics-check: factual accuracy decisions "
                                         "are made while it is at factual-accuracy, and are "
                                         "final once it ends"):
        factual_accuracy.decide(store, ID, 1, "not-accepted", "Changed mind.", TEAM["editor"])
    assert len(store.fa_decisions(ID)) == 3


def test_a_decision_made_before_a_send_back_stays_final_when_the_report_returns(store):
    at_factual_accuracy(store, "A")
    factual_accuracy.decide(store, ID, 1, "not-accepted", "No.", TEAM["editor"])
    tracker.send_back(store, ID, "chief-inspector-review", TEAM["editor"], "Rating wording")
    walk(store, ID, "factual-accuracy")
    with pytest.raises(TrackError, match="the decision on item 1 is final"):
        factual_accuracy.decide(store, ID, 1, "not-accepted", "Again.", TEAM["editor"])


def test_a_decision_on_what_has_since_moved_is_refused(store):
    at_factual_accuracy(store, "A")
    seen = store.report(ID).revision
    store.move(ID, seen, "chief-inspector-review", TEAM["editor"], "sent back")
    with pytest.raises(TrackError, match="moved under you"):
        store.decide(ID, 1, "accepted", "", TEAM["editor"], False, seen)


def test_send_back_needs_the_owner_a_listed_stage_and_a_reason(store):
    walk(store, ID, "initial-edit", "strategic-edit")
    with pytest.raises(TrackError, match="with a reason"):
        tracker.send_back(store, ID, "initial-edit", TEAM["coo"], " ")
    with pytest.raises(Forbidden, match="does not own the strategic-edit stage"):
        tracker.send_back(store, ID, "initial-edit", TEAM["editor"], "Too long")
    tracker.send_back(store, ID, "initial-edit", TEAM["coo"], "Too long")
    assert store.report(ID).stage == "initial-edit"
    assert store.history(ID)[-1].note == "sent back: Too long"
    walk(store, ID, "strategic-edit", "chief-inspector-review", "factual-accuracy",
         "statistics-check")
    with pytest.raises(Forbidden, match="cannot be sent back from statistics-check to "
                                        "factual-accuracy: this stage sends nothing back"):
        tracker.send_back(store, ID, "factual-accuracy", TEAM["editor"], "Reopen")


def test_nothing_changes_after_publication(store):
    at_factual_accuracy(store, "A")
    factual_accuracy.decide(store, ID, 1, "not-accepted", "No.", TEAM["editor"])
    walk(store, ID, "statistics-check")
    store.move(ID, store.report(ID).revision, "ready-to-publish", "x", "")
    store.move(ID, store.report(ID).revision, "published", "x", "")  # as publish() does
    attempts = [
        lambda: factual_accuracy.decide(store, ID, 1, "not-accepted", "Late.", TEAM["coo"]),
        lambda: factual_accuracy.import_form(store, ID, b"PK", "late.docx", TEAM["editor"]),
        lambda: factual_accuracy.send(store, ID, TEAM["editor"]),
        lambda: tracker.keep_edits(store, ID, b"PK", "late.docx", TEAM["publication"]),
        lambda: tracker.send_back(store, ID, "ready-to-publish", TEAM["publication"], "Oops"),
        lambda: stats_check.run(store, ID, TEAM["editor"]),
        lambda: welsh.confirm(store, ID, [], True, TEAM["translator"]),
    ]
    for attempt in attempts:
        with pytest.raises(Forbidden, match="is published: nothing about it changes"):
            attempt()
    assert len(store.audit_lines(ID, refused_only=True)) == len(attempts)


def test_a_form_is_imported_once(store):
    at_factual_accuracy(store, "A")
    with pytest.raises(TrackError, match="this form was imported already, as f.docx by "
                                         f"{TEAM['editor']}"):
        store.add_fa_items(ID, [ITEM | {"category": "A"}], "form-1", "again.docx", "x")
    assert store.add_fa_items(ID, [ITEM | {"category": "A"}] * 2, "form-2", "g.docx", "x") \
        == [2, 3]


def test_accounts_are_added_by_an_administrator_only(store_url):
    s = Store(store_url)
    with pytest.raises(TrackError, match="the first account of a store is an administrator"):
        accounts.add(s, "Ed", ["editor"], None, None)
    accounts.add(s, "Ada", ["admin"], None, None)
    with pytest.raises(Forbidden, match="accounts exist already"):
        accounts.add(s, "Ed", ["editor"], None, None)
    accounts.add(s, "Ed", ["editor"], None, "Ada")
    with pytest.raises(Forbidden, match=r"Ed \(Editor\) may not accounts.manage"):
        accounts.add(s, "Eve", ["admin"], None, "Ed")
    with pytest.raises(TrackError, match="an account named Ed exists already"):
        accounts.add(s, "Ed", ["coo"], None, "Ada")
    with pytest.raises(TrackError, match="boss: a role is one of lead-inspector, editor"):
        accounts.add(s, "Bo", ["boss"], None, "Ada")
    assert [(a.name, a.roles) for a in accounts.all_accounts(s)] == [
        ("Ada", ("admin",)), ("Ed", ("editor",))]


def test_passwords_are_argon2_hashes_and_verified(store_url, quick_hashing):
    s = Store(store_url)
    accounts.add(s, "Ada", ["admin"], PASSWORD, None)
    assert s.account("Ada").password_hash.startswith("$argon2id$")
    assert PASSWORD not in s.account("Ada").password_hash
    assert accounts.verify(s, "Ada", PASSWORD).name == "Ada"
    assert accounts.verify(s, "Ada", PASSWORD + "x") is None
    assert accounts.verify(s, "Nobody", PASSWORD) is None
    with pytest.raises(TrackError, match="at least 12 characters"):
        accounts.add(s, "Ed", ["editor"], "short", "Ada")


def test_the_command_line_acts_as_a_named_account(tmp_path):
    store = str(tmp_path / "cli.db")
    first = run("users", "add", "Ada Admin", "--role", "admin", "--store", store)
    assert first.exit_code == 0, first.output
    assert run("users", "add", "Ed", "--role", "editor", "--store", store).exit_code == 2
    alone = run("users", "add", "Lee", "--role", "lead-inspector", "--store", store, "--as",
                "Ada Admin")
    assert alone.exit_code == 0
    assert "acting as Ada Admin with no credential checked: this store has one account" in \
        alone.stderr
    made = run("users", "token", "Lee", "--store", store, "--as", "Ada Admin",
               env={"REPORTGEN_PASSWORD": ""})
    assert made.exit_code == 2 and "not the password of an active account Ada Admin" in \
        made.stderr  # two accounts now: the administrator's credential is checked
    from reportgen.workflow import accounts
    from reportgen.workflow.store import Store
    accounts.change(Store(store), "Ada Admin", "Ada Admin", password=PASSWORD)
    token = run("users", "token", "Lee", "--store", store, "--as", "Ada Admin").stdout.strip()
    assert token.startswith("rgt_")
    as_lee = {"REPORTGEN_TOKEN": token, "REPORTGEN_PASSWORD": ""}
    assert run("track", "start", LUTON, "--doc", "pdu-report", "--store", store, "--as", "Lee",
               env=as_lee).exit_code == 0
    borrowed = run("track", "advance", ID, "--to", "initial-edit", "--store", store, "--as",
                   "Ada Admin", env=as_lee)
    assert borrowed.exit_code == 2 and "the token in REPORTGEN_TOKEN is Lee's" in \
        borrowed.stderr
    refused = run("track", "advance", ID, "--to", "initial-edit", "--store", store, "--as",
                  "Ada Admin")
    assert refused.exit_code == 2
    assert "Ada Admin (Administrator) does not own the draft stage" in refused.stderr
    no_flag = run("fa", "decide", ID, "1", "--decision", "accepted", "--coo", "--store", store,
                  "--as", "Lee", env=as_lee)
    assert no_flag.exit_code == 2 and "No such option '--coo'" in no_flag.output
    listing = run("users", "list", "--store", store).stdout
    assert "Lee" in listing and "lead-inspector" in listing and "command line only" in listing


def test_acting_as_an_account_without_its_credential_is_refused(tmp_path):
    """Anyone who could open the store acted as the administrator or the Chief Inspector with
    no credential at all."""
    from reportgen.workflow.store import Store
    store = tmp_path / "t.db"
    add_team(Store(str(store)))
    for env, says in (({"REPORTGEN_PASSWORD": ""}, "not the password"),
                      ({"REPORTGEN_PASSWORD": "a wrong guess at it"}, "not the password"),
                      ({"REPORTGEN_TOKEN": "rgt_made-up"}, "that token is not known")):
        result = run("users", "add", "Mallory", "--role", "admin", "--store", store, "--as",
                     TEAM["admin"], env=env)
        assert result.exit_code == 2 and says in result.stderr, result.output
    assert [a.name for a in Store(str(store)).accounts() if a.name == "Mallory"] == []
    unset = CliRunner(env={"REPORTGEN_PASSWORD": None}).invoke(
        cli, ["users", "add", "Mallory", "--role", "admin", "--store", str(store), "--as",
              TEAM["admin"]])
    assert unset.exit_code == 2 and "needs its password" in unset.stderr
    good = tmp_path / "pw"
    good.write_text(PASSWORD + "\n")
    assert run("users", "list", "--store", store).exit_code == 0
    assert run("users", "add", "Mallory", "--role", "editor", "--store", store, "--as",
               TEAM["admin"], "--password-file", good, env={"REPORTGEN_PASSWORD": ""}
               ).exit_code == 0


