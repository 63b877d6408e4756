"""Accounts, for administrators: who may act, with which roles; and the audit trail."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from reportgen.errors import ReportgenError
from reportgen.web.extensions import store
from reportgen.web.forms import AccountForm, Button
from reportgen.web.i18n import _
from reportgen.workflow import accounts
from reportgen.workflow.accounts import Forbidden

bp = Blueprint("accounts", __name__)


def _form() -> AccountForm:
    form = AccountForm(prefix="account")
    form.roles.choices = [(r.id, _(r.title)) for r in accounts.role_table().values()]
    return form


@bp.route("/accounts", methods=["GET", "POST"])
def index() -> Any:
    if not g.account.may("accounts.manage"):
        accounts.authorise(store(), g.account.name, "accounts.manage")  # refused and recorded
    form = _form()
    refusal = None
    if form.validate_on_submit():
        try:
            accounts.add(store(), form.name.data, form.roles.data, form.password.data,
                         g.account.name, form.language.data)
        except Forbidden:
            raise
        except ReportgenError as exc:
            refusal = str(exc)
        else:
            flash(_("Added %(name)s.", name=form.name.data))
            return redirect(url_for("accounts.index"))
    return render_template("accounts.html", form=form, refusal=refusal,
                           people=accounts.all_accounts(store()), roles=accounts.role_table(),
                           refused=store().audit_lines(refused_only=True)[-20:],
                           button=Button()), 400 if refusal or form.errors else 200


@bp.route("/accounts/<name>/<change>", methods=["POST"])
def toggle(name: str, change: str) -> Any:
    if change not in ("disable", "enable") or not Button().validate_on_submit():
        abort(400)
    try:
        accounts.change(store(), name, g.account.name, active=change == "enable")
    except Forbidden:
        raise
    except ReportgenError as exc:
        flash({"title": _("That was refused"), "problems": [str(exc)]}, "error")
    return redirect(url_for("accounts.index"))
