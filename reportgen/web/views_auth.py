"""Signing in and out, and the language of the pages."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from reportgen.web.app import limiter, store
from reportgen.web.forms import Button, LoginForm
from reportgen.web.i18n import LANGUAGES, _
from reportgen.workflow import accounts

bp = Blueprint("auth", __name__)
log = logging.getLogger("reportgen.security")


def _account_tried() -> str:
    return (request.form.get("name") or "").strip().lower()[:100]


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("60 per minute", methods=["POST"])  # from one address (or one office proxy)
@limiter.limit("5 per 15 minutes", key_func=_account_tried, methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)  # failures, per account
def login() -> Any:
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        account = accounts.verify(store(), form.name.data.strip(), form.password.data)
        if account is not None:
            lang = session.get("lang")
            session.clear()  # a new session at sign-in: nothing carried from before
            session.permanent = True
            session["account"] = account.name
            if lang:
                session["lang"] = lang
            store().audit(account.name, "sign-in", None, True)
            return redirect(_safe_next(request.args.get("next")))
        failed = True
        store().audit(form.name.data.strip()[:100], "sign-in", None, False,
                      "wrong name or password")
        log.warning("refused: a sign-in as %r from %s", form.name.data[:100], request.remote_addr)
    return render_template("login.html", form=form, failed=failed), 200 if not failed else 401


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
        session.clear()
        flash(_("You have signed out."))
    return redirect(url_for("auth.login"))


@bp.route("/language/<code>", methods=["POST"])
def language(code: str) -> Any:
    if code not in LANGUAGES:
        abort(404)
    if Button().validate_on_submit():
        session["lang"] = code
        if g.account is not None:
            accounts.set_language(store(), g.account.name, code)
    return redirect(_safe_next(request.form.get("next")))
