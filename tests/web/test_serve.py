"""`reportgen serve` itself: its processes over a shared store, one over a SQLite file."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.conftest import ROOT
from tests.web.conftest import served


def test_a_sqlite_store_is_served_by_one_process_and_asking_for_more_says_why(tmp_path):
    done = subprocess.run([sys.executable, "-m", "reportgen", "serve", "--create", "--store",
                           str(tmp_path / "store.db"), "--instance", str(tmp_path / "instance"),
                           "--processes", "2", "--port", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "--processes 2: a SQLite store is served by one process" in done.stderr
    assert "PostgreSQL" in done.stderr and "Traceback" not in done.stderr


def test_a_postgresql_store_is_served_by_as_many_processes_as_asked(postgres_server, tmp_path):
    url = postgres_server.new_database()
    subprocess.run([sys.executable, "-m", "reportgen", "users", "add", "Ada Admin", "--role",
                    "admin", "--store", url, "--password-stdin"], input="a long enough secret "
                   "phrase for the admin", cwd=ROOT, check=True, capture_output=True, text=True)
    with served(url, tmp_path / "instance", processes=3) as (address, master):
        with ThreadPoolExecutor(6) as pool:
            pages = list(pool.map(lambda _: _page(address + "/sign-in"), range(24)))
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    assert len(children) == 3
    assert all(status == 200 and "Sign in" in text for status, text in pages)


def _page(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode()

