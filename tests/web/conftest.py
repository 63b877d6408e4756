"""The service for the tests: the Flask application over a store on SQLite or PostgreSQL, its
test client, and a live server (waitress) that a real Chromium drives."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from reportgen.checks.accessibility import chromium
from reportgen.web import create_app
from reportgen.workflow.store import Store
from tests.conftest import PASSWORD, ROOT, TEAM, add_team, track_luton
from tests.web import journey


@pytest.fixture
def app(store_url, tmp_path, quick_hashing):
    add_team(Store(store_url), PASSWORD)
    return create_app(store_url, tmp_path / "instance", secret_key="test " * 8)


class Client:
    """A person at the service over HTTPS: signs in, and sends forms with the CSRF token the
    pages give them (under the form's prefix, as the page names it)."""

    def __init__(self, app, address: str = "127.0.0.1") -> None:
        self.http = app.test_client()
        self.http.environ_base["REMOTE_ADDR"] = address  # the client a request comes from

    def get(self, path: str):
        return self.http.get(path, base_url="https://localhost")

    def token(self) -> str:
        page = self.get("/sign-in").get_data(as_text=True)
        if "csrf_token" not in page:  # signed in: the sign-in page redirects nowhere, use /
            page = self.get("/").get_data(as_text=True)
        return re.search(r'name="[\w-]*csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def post(self, path: str, data: dict | None = None, prefix: str = "", token: bool = True,
             **kwargs):
        data = dict(data or {})
        if token:
            data[f"{prefix}-csrf_token" if prefix else "csrf_token"] = self.token()
        # Over HTTPS Flask-WTF also wants the Referer a browser sends to its own origin.
        kwargs.setdefault("headers", {"Referer": "https://localhost/"})
        return self.http.post(path, data=data, base_url="https://localhost", **kwargs)

    def sign_in(self, role: str, password: str = PASSWORD):
        return self.post("/sign-in", {"name": TEAM[role], "password": password})


@pytest.fixture
def tracked(app, luton_draft):
    """The service's store, tracking Luton's report at draft."""
    s = app.extensions["reportgen"].store
    track_luton(s, luton_draft)
    return s


@pytest.fixture
def client(app):
    return Client(app)


@pytest.fixture
def as_role(app):
    def _as(role: str) -> Client:
        c = Client(app)
        assert c.sign_in(role).status_code == 302
        return c
    return _as


@pytest.fixture
def live_server(store_url, quick_hashing):
    """The service on a free port of this machine, served by waitress in a thread."""
    import waitress

    instance = Path(tempfile.mkdtemp(prefix="reportgen-instance-"))
    add_team(Store(store_url), PASSWORD)
    app = create_app(store_url, instance, secret_key="live " * 8)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    # A shared store's jobs run in worker processes, as in production; SQLite's in the service.
    worker = subprocess.Popen([sys.executable, "-m", "reportgen", "worker", "--store",
                               store_url], cwd=ROOT, start_new_session=True) \
        if store_url.startswith("postgresql") else None
    yield f"http://127.0.0.1:{server.effective_port}"
    if worker is not None:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(60)
    server.close()
    shutil.rmtree(instance, ignore_errors=True)


@pytest.fixture
def person(live_server, tmp_path):
    shots = Path(os.environ.get("REPORTGEN_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    browser = chromium(str(tmp_path / "profile"))
    yield journey.Person(browser, live_server, shots)
    browser.quit()
