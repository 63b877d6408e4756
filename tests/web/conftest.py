"""The service for the tests: the Flask application over a store on SQLite or PostgreSQL, its
test client, and a live server that a real Chromium drives."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.checks.accessibility import chromium
from reportgen.web import create_app
from reportgen.workflow.store import Store
from tests.conftest import PASSWORD, ROOT, TEAM, add_team, track_luton
from tests.postgres import free_port
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
    """The service on a free port of this machine. On SQLite, served by waitress in a thread of
    the tests; on PostgreSQL, as in production: `reportgen serve` with two processes, and a
    `reportgen worker` process taking the jobs."""
    instance = Path(tempfile.mkdtemp(prefix="reportgen-instance-"))
    add_team(Store(store_url), PASSWORD)
    if store_url.startswith("postgresql"):
        with served(store_url, instance) as (url, _):
            yield url
    else:
        import waitress
        app = create_app(store_url, instance, secret_key="live " * 8)
        server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        yield f"http://127.0.0.1:{server.effective_port}"
        server.close()
    shutil.rmtree(instance, ignore_errors=True)


@contextlib.contextmanager
def served(store_url: str, instance: Path, processes: int = 2
           ) -> Iterator[tuple[str, int]]:
    """`reportgen serve` and `reportgen worker` over a shared store, each in a process group
    of its own (ended with everything it started), until the block ends: the service's address
    and the process id of its first process."""
    port = free_port()
    env = {**os.environ, "REPORTGEN_SECRET_KEY": "live " * 8}
    started = [subprocess.Popen([sys.executable, "-m", "reportgen", *command, "--store",
                                 store_url], cwd=ROOT, env=env, start_new_session=True)
               for command in (["serve", "--port", str(port), "--instance", str(instance),
                                "--processes", str(processes), "--threads", "4"], ["worker"])]
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(url, started[0])
        yield url, started[0].pid
    finally:
        for process in started:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(60)


def _wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"reportgen serve stopped with status {server.returncode}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url + "/sign-in", timeout=2).close()
            return
        time.sleep(0.1)
    raise RuntimeError(f"reportgen serve did not answer at {url} in 30 s")


@pytest.fixture
def person(live_server, tmp_path):
    shots = Path(os.environ.get("REPORTGEN_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    browser = chromium(str(tmp_path / "profile"))
    yield journey.Person(browser, live_server, shots)
    browser.quit()
