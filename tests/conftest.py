"""Shared helpers: the bundled fixtures, and a way to write variants of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from reportgen.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
WALES = FIXTURES / "wales"
EAST = FIXTURES / "east-of-england"


def fixture(name: str) -> dict[str, Any]:
    """A fixture file's JSON, to change in a test."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def all_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.json"))


@pytest.fixture
def write(tmp_path: Path):
    """write(obj, name) -> the path of `obj` written as JSON in a temporary folder."""

    def _write(obj: Any, name: str = "input.json") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
        return path

    return _write


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def rendered_inputs() -> list:
    """What the `rendered` fixture renders: both regions, the national review, and the minimal
    and maximal PDU files (their codes changed so that no file names clash)."""
    from reportgen import pipeline
    loaded = pipeline.inputs([WALES, EAST, FIXTURES / "national-review.json",
                              FIXTURES / "pdu-minimal.json", FIXTURES / "pdu-maximal.json"])
    for ld, code in ((loaded[-2], "minimal"), (loaded[-1], "maximal")):
        ld.data = ld.data.model_copy(update={"pdu": ld.data.pdu.model_copy(update={"code": code})})
    return loaded


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Path:
    """Every document of rendered_inputs(), rendered once to DOCX and PDF."""
    from reportgen import pipeline
    out = tmp_path_factory.mktemp("rendered")
    pipeline.run(pipeline.all_jobs(rendered_inputs()), out, ["docx", "pdf"])
    return out
