"""Signing in and out, and the language of the pages."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from reportgen.errors import ReportgenError
from reportgen.web.extensions import store
from reportgen.web.forms import Button, LoginForm, PasswordForm, TokenForm
from reportgen.web.i18n import LANGUAGES, _
from reportgen.workflow import accounts, credentials, sessions

bp = Blueprint("auth", __name__)
log = logging.getLogger("reportgen.security")


def _client() -> str:
    return (request.remote_addr or "unknown")[:100]


@bp.route("/sign-in", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    failed, wait = False, 0
    if form.validate_on_submit():
        name = form.name.data.strip()
        wait = sessions.wait(store(), name, _client())
        if wait:  # refused unchecked: guessing stays slow, whatever the password
            store().audit(name[:100], "sign-in", None, False, f"too many failures: wait {wait}s")
            log.warning("refused: a sign-in as %r from %s, %d s early", name[:100], _client(),
                        wait)
            return render_template("login.html", form=form, wait=wait), 429
        account = accounts.verify(store(), name, form.password.data)
        if account is not None:
            sessions.succeeded(store(), name, _client())
            lang = session.get("lang")
            session.clear()  # a new session at sign-in: nothing carried from before
            session.permanent = True
            session["sid"] = sessions.start(store(), account.name, _client(),
                                            request.headers.get("User-Agent", "")).token
            if lang:
                session["lang"] = lang
            store().audit(account.name, "sign-in", None, True)
            return redirect(_safe_next(request.args.get("next")))
        failed = True
        sessions.failed(store(), name, _client())
        store().audit(name[:100], "sign-in", None, False, "wrong name or password")
        log.warning("refused: a sign-in as %r from %s", name[:100], _client())
    return render_template("login.html", form=form, failed=failed, wait=wait), \
        200 if not failed else 401


def _safe_next(target: str | None) -> str:
    """Only a path on this service: never an address elsewhere."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//"):
            return target
    return url_for("reports.dashboard")


@bp.route("/sign-out", methods=["POST"])
def logout() -> Any:
    if Button().validate_on_submit():
        if session.get("sid"):
            sessions.end(store(), session["sid"])
        session.clear()
        flash(_("You have signed out."))
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET"])
def account() -> Any:
    """The account's own page: its sessions (sign out everywhere), its password, its tokens."""
    return _account_page(PasswordForm(prefix="password"), TokenForm(prefix="token"))


def _account_page(password: Any, token: Any, made: str | None = None, status: int = 200
                  ) -> Any:
    s = store()
    return render_template("account.html", sessions=s.sessions(g.account.name),
                           this=lambda row: sessions.is_this(session.get("sid"), row.id_sha256),
                           tokens=s.tokens(g.account.name), password=password, token=token,
                           made=made, button=Button()), status


@bp.route("/account/sign-out-everywhere", methods=["POST"])
def sign_out_everywhere() -> Any:
    if not Button().validate_on_submit():
        abort(400)
    ended = sessions.end_all(store(), g.account.name, "signed out everywhere")
    store().audit(g.account.name, "sign-out-everywhere", None, True, f"{ended} session(s)")
    session.clear()
    flash(_("You have signed out everywhere: %(n)d session(s) ended.", n=ended))
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["POST"])
def change_password() -> Any:
    form = PasswordForm(prefix="password")
    if not form.validate_on_submit():
        return _account_page(form, TokenForm(prefix="token"), status=400)
    try:
        accounts.change_own_password(store(), g.account.name, form.current.data,
                                     form.new.data, keep_session=session.get("sid"))
    except ReportgenError as exc:
        field = form.current if isinstance(exc, accounts.Forbidden) else form.new
        field.errors = [str(exc)]
        return _account_page(form, TokenForm(prefix="token"), status=400)
    flash(_("Your password is changed; every other session of your account has ended."))
    return redirect(url_for("auth.account"))


@bp.route("/account/tokens", methods=["POST"])
def make_token() -> Any:
    form = TokenForm(prefix="token")
    if not form.validate_on_submit():
        return _account_page(PasswordForm(prefix="password"), form, status=400)
    token = credentials.make_token(store(), g.account.name, g.account.name, form.label.data)
    store().audit(g.account.name, "token.make", None, True, form.label.data)
    # Shown once, on this page only: the store keeps its hash.
    return _account_page(PasswordForm(prefix="password"), TokenForm(prefix="token"), made=token)


@bp.route("/account/tokens/revoke", methods=["POST"])
def revoke_tokens() -> Any:
    if not Button().validate_on_submit():
        abort(400)
    n = store().revoke_tokens(g.account.name)
    store().audit(g.account.name, "token.revoke", None, True, f"{n} token(s)")
    flash(_("%(n)d token(s) revoked.", n=n))
    return redirect(url_for("auth.account"))


@bp.route("/language/<code>", methods=["POST"])
def language(code: str) -> Any:
    if code not in LANGUAGES:
        abort(404)
    if Button().validate_on_submit():
        session["lang"] = code
        if g.account is not None:
            accounts.set_language(store(), g.account.name, code)
    return redirect(_safe_next(request.form.get("next")))
