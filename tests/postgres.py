"""A real PostgreSQL server for the tests (Debian's postgresql package), started in a temporary
folder by the test session and stopped at its end. initdb refuses to run as root, so as root the
server runs as the `postgres` account the package creates."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    if not found or not found[-1]:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: run scripts/setup.sh")
    return found[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self) -> None:
        # Not under pytest's own temporary folder, which the postgres account cannot enter.
        folder = self.folder = Path(tempfile.mkdtemp(prefix="reportgen-postgres-"))
        self.data = folder / "data"
        self.port = free_port()
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(folder, "postgres")
        self._run(_bin("initdb"), "-D", str(self.data), "-U", "reportgen", "--auth=trust",
                  "-E", "UTF8", "--no-sync")
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(folder / "log"), "-w",
                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -k {folder} -F "
                  "-c max_connections=200", "start")
        self._names = itertools.count(1)
        self.admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=60)

    def url(self, database: str) -> str:
        return f"postgresql://reportgen@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        name = f"store_{next(self._names)}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
        return self.url(name)

    def stop(self) -> None:
        self.admin.dispose()
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
