"""The Flask application: configuration, security headers, sign-in on every page, errors."""

from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import (
    Flask,
    abort,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError, CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.exceptions import HTTPException

from reportgen.errors import ReportgenError
from reportgen.web import i18n, views_accounts, views_auth, views_inputs, views_reports
from reportgen.web.extensions import ROOT, reportgen, store
from reportgen.workflow import accounts, sessions
from reportgen.workflow.accounts import Forbidden

GOVUK_FRONTEND = Path(os.environ.get("REPORTGEN_GOVUK_FRONTEND",
                                     ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"))
MAX_UPLOAD = 10 * 1024 * 1024  # a report with its charts is under 1 MiB
STATIC_ENDPOINTS = {"assets", "static", "frontend"}
OPEN_ENDPOINTS = {"auth.login", "auth.language", *STATIC_ENDPOINTS}
log = logging.getLogger("reportgen.security")
MIN_SECRET_BYTES = 32


STORE_AWAY = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not available - reportgen</title></head>
<body><h1>The service is not available</h1>
<p>It cannot reach its database just now. Nothing you sent was kept: wait a minute, then go back
and try again. If it goes on, tell the service's administrator.</p>
<p lang="cy">Nid yw'r gwasanaeth ar gael: ni all gyrraedd ei gronfa ddata ar hyn o bryd. Ni
chadwyd dim a anfonwyd gennych: arhoswch funud, yna ewch yn ôl a rhoi cynnig arall arni.</p>
</body></html>"""


def create_app(store: str, instance: Path, secret_key: str | None = None,
               testing: bool = False) -> Flask:
    """The service over `store` (a SQLite file or a SQLAlchemy URL), keeping what it makes
    under `instance`."""
    if not (GOVUK_FRONTEND / "govuk-frontend.min.css").exists():
        raise ReportgenError(f"govuk-frontend is not installed in {GOVUK_FRONTEND}: run "
                             "scripts/setup.sh (npm ci)")
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    app = Flask(__name__, static_folder=None)
    app.config.update(
        SECRET_KEY=_checked_key(secret_key or os.environ.get("REPORTGEN_SECRET_KEY")
                                or _key(instance)),
        SESSION_COOKIE_SECURE=True,  # browsers keep Secure cookies on http://localhost too
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="reportgen_session",
        # The browser's copy; the store decides whether the session is still open.
        PERMANENT_SESSION_LIFETIME=sessions.LIFETIME,
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        TESTING=testing,
    )
    reportgen.init_app(app, store, instance)
    app.jinja_loader = ChoiceLoader([  # type: ignore[assignment]
        PackageLoader("reportgen.web"),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                      "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf")}),
    ])
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n._, i18n.plural,  # newstyle: Jinja fills in the values
        newstyle=True)
    CSRFProtect(app)
    WTFormsHelpers(app)
    _assets(app)
    _hooks(app)
    for module in (views_auth, views_reports, views_inputs, views_accounts):
        app.register_blueprint(module.bp)
    return app


def _checked_key(key: str) -> str:
    """A session-signing key long enough not to be guessed (REPORTGEN_SECRET_KEY included)."""
    if len(key.encode()) < MIN_SECRET_BYTES:
        raise ReportgenError(f"the session-signing key (REPORTGEN_SECRET_KEY) is "
                             f"{len(key.encode())} bytes: it must be at least {MIN_SECRET_BYTES} "
                             "random bytes (python3 -c 'import secrets; "
                             "print(secrets.token_hex(32))' makes one)")
    return key


def _key(instance: Path) -> str:
    """The session-signing key kept in the instance folder, made on first start."""
    path = instance / "secret-key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def _assets(app: Flask) -> None:
    """govuk-frontend's CSS, JavaScript, fonts and images, from this machine (no CDN)."""
    def assets(name: str) -> Any:
        return send_from_directory(GOVUK_FRONTEND / "assets", name, max_age=86400)

    def frontend(name: str) -> Any:
        if name not in ("govuk-frontend.min.css", "govuk-frontend.min.js"):
            abort(404)
        return send_from_directory(GOVUK_FRONTEND, name, max_age=86400)

    def static(name: str) -> Any:
        return send_from_directory(Path(__file__).with_name("static"), name, max_age=86400)

    app.add_url_rule("/assets/<path:name>", "assets", assets)
    app.add_url_rule("/frontend/<name>", "frontend", frontend)
    app.add_url_rule("/static/<name>", "static", static)


def _hooks(app: Flask) -> None:
    @app.before_request
    def who_and_which_language() -> Any:
        g.started = time.perf_counter()
        g.csp_nonce = secrets.token_urlsafe(16)
        g.account = None
        if request.endpoint in STATIC_ENDPOINTS:
            return None
        name = sessions.current(store(), session.get("sid"))
        g.account = accounts.get(store(), name) if name else None
        if g.account is not None and not g.account.active:
            g.account = None
        if g.account is None and "sid" in session:
            session.pop("sid")  # ended, expired or never ours
        g.lang = session.get("lang") or (g.account.language if g.account else "en")
        if g.account is None and request.endpoint not in OPEN_ENDPOINTS:
            return redirect(url_for("auth.login", next=request.full_path
                                    if request.method == "GET" else None))
        return None

    @app.after_request
    def security_headers(response: Any) -> Any:
        nonce = getattr(g, "csp_nonce", "")
        if "started" in g:  # how long the page took to make (the browser's developer tools show it)
            response.headers["Server-Timing"] = \
                f"app;dur={(time.perf_counter() - g.started) * 1000:.1f}"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self'; "
            "img-src 'self' data:; font-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.endpoint not in ("assets", "frontend", "static"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.context_processor
    def page_context() -> dict[str, Any]:
        nonce = g.get("csp_nonce")
        return {"account": g.get("account"), "lang": g.get("lang", "en"), "csp_nonce": nonce,
                "languages": i18n.LANGUAGES, "cspNonce": nonce, "htmlLang": g.get("lang", "en"),
                "assetPath": "/assets"}

    @app.errorhandler(Forbidden)
    def forbidden(exc: Forbidden) -> Any:
        # The refusal is already in the audit trail and the security log (accounts.authorise).
        return render_template("error.html", title=i18n._("You cannot do this"),
                               message=str(exc)), 403

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> Any:
        log.warning("refused: a form without a valid CSRF token, from %s to %s",
                    request.remote_addr, request.path)
        return render_template("error.html", title=i18n._("The form has expired"),
                               message=i18n._("Go back, reload the page and try again.")), 400

    @app.errorhandler(sa.exc.OperationalError)
    @app.errorhandler(sa.exc.InterfaceError)
    def store_away(exc: Exception) -> Any:
        # The database cannot be reached: a plain page that needs nothing from it.
        log.error("the store cannot be reached: %s", str(exc).splitlines()[0][:200])
        return (STORE_AWAY, 503, {"Content-Type": "text/html; charset=utf-8",
                                  "Retry-After": "30"})

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        if exc.code == 403:
            log.warning("refused: %s to %s %s", g.get("account") and g.account.name,
                        request.method, request.path)
        titles = {403: i18n._("You cannot do this"), 404: i18n._("Page not found"),
                  413: i18n._("The file is too large"),
                  429: i18n._("Too many attempts"), 405: i18n._("Page not found")}
        messages = {413: i18n._("Files of up to %(mib)d MiB are accepted.",
                                mib=MAX_UPLOAD // 1024 // 1024),
                    429: i18n._("Wait a few minutes, then try again.")}
        return render_template("error.html", title=titles.get(exc.code or 500, exc.name),
                               message=messages.get(exc.code or 500, "")), exc.code
