"""DOCX to tagged PDF through LibreOffice, a whole batch in one LibreOffice process.

The worker (uno_worker.py) runs under the Python that carries LibreOffice's UNO bridge. Each PDF
is written under a temporary name and renamed when complete. A document that takes longer than
its timeout stops the batch: LibreOffice is killed and the document is named in the error."""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from reportgen.errors import ConversionError

WORKER = Path(__file__).with_name("uno_worker.py")
START_SECONDS = 90  # LibreOffice's first start with a new profile
PER_DOCUMENT_SECONDS = 90
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")


def uno_python() -> str:
    """A Python interpreter that can import LibreOffice's `uno` module."""
    for candidate in (os.environ.get("REPORTGEN_UNO_PYTHON"), *UNO_PYTHONS):
        if candidate and Path(candidate).exists() and subprocess.run(
                [candidate, "-c", "import uno"], env=_clean_env(),
                capture_output=True).returncode == 0:
            return candidate
    raise ConversionError("LibreOffice's Python bridge (python3-uno) is not installed: run "
                          "bash scripts/setup.sh")


def _clean_env() -> dict[str, str]:
    # The worker runs under another Python: this one's paths must not leak into it.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.setdefault("HOME", tempfile.gettempdir())
    return env


def convert(docx_files: Sequence[Path], out: Path, timeout: float = PER_DOCUMENT_SECONDS,
            progress: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Convert every file to PDF in `out`; the PDFs written, in order."""
    if not shutil.which("soffice"):
        raise ConversionError("LibreOffice (soffice) is not installed: run bash scripts/setup.sh")
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(src, out / f"{src.stem}.pdf") for src in docx_files]
    temps = {str(dst.with_name(f".{dst.name}.part")): dst for _, dst in jobs}
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        request = {"profile": profile, "jobs": [[str(src), tmp] for (src, _), tmp
                                                 in zip(jobs, temps, strict=True)]}
        proc = subprocess.Popen([uno_python(), str(WORKER)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=_clean_env(), start_new_session=True, text=True)
        try:
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(request))
            proc.stdin.close()
            written = _collect(proc, jobs, temps, timeout, progress)
        finally:
            _stop(proc)
            for tmp in temps:
                Path(tmp).unlink(missing_ok=True)
    return written


def _collect(proc: subprocess.Popen, jobs, temps, timeout, progress) -> list[Path]:
    written: list[Path] = []
    errors: list[str] = []
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    limit = START_SECONDS + timeout
    for src, _ in jobs:
        deadline = time.monotonic() + limit
        line = ""
        while not line:
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(timeout=left):
                raise ConversionError(f"{src}: LibreOffice did not convert it within "
                                      f"{limit:.0f} s; it was stopped")
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                err = proc.stderr.read().strip().splitlines()[-1:] if proc.stderr else []
                raise ConversionError(f"{src}: LibreOffice stopped before converting it"
                                      + (f" ({err[0]})" if err else ""))
        result = json.loads(line)
        if "ok" in result:
            dst = temps[result["ok"]]
            os.replace(result["ok"], dst)
            written.append(dst)
            progress(dst.name)
        else:
            errors.append(f"{result['file']}: LibreOffice could not convert it: {result['error']}")
        limit = timeout
    if errors:
        raise ConversionError("\n".join(errors))
    return written


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
