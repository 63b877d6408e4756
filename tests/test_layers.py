"""The package's layers (docs/architecture.md, pyproject.toml's import-linter contract) held
against its imports: every module in a layer, no import from a layer above, no import circle,
and no import hidden inside a function outside the command line without saying why."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "reportgen"
LINT = Path(sys.executable).with_name("lint-imports")


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [contract] = config["tool"]["importlinter"]["contracts"]
    return contract


def _lint(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--config", str(config), "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_the_imports_keep_the_layers() -> None:
    result = _lint(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_against_the_layers_is_caught(tmp_path: Path) -> None:
    """The contract with two layers swapped (the service under the workflow it calls) is
    broken, naming the import: the check can fail."""
    text = (ROOT / "pyproject.toml").read_text()
    swapped = text.replace('    "web",\n    "workflow",\n', '    "workflow",\n    "web",\n')
    assert swapped != text
    (tmp_path / "pyproject.toml").write_text(swapped)
    result = _lint(tmp_path / "pyproject.toml")
    assert result.returncode == 1
    assert "reportgen.web" in result.stdout and "reportgen.workflow" in result.stdout


def test_every_module_is_in_a_layer() -> None:
    named = {m.strip() for layer in _contract()["layers"] for m in layer.split("|")}
    present = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
               if (p.suffix == ".py" or (p / "__init__.py").exists())
               and p.name not in ("__init__.py", "__main__.py")}
    assert present - named == set()
    assert named - present == set()


def test_no_import_circle() -> None:
    graph = grimp.build_graph("reportgen")
    circles = sorted(
        (m, other) for m in graph.modules for other in graph.find_modules_directly_imported_by(m)
        if graph.chain_exists(importer=other, imported=m))
    assert circles == []


def _imports_in_functions(path: Path) -> list[tuple[int, str]]:
    lines = path.read_text().splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import | ast.ImportFrom):
                    found.append((sub.lineno, _said_why(lines, sub.lineno - 1)))
    return [(n, lines[n - 1].strip()) for n, why in found if not why]


def _said_why(lines: list[str], i: int) -> bool:
    """The import's line, or the comment or imports just above it, says it keeps start-up
    fast."""
    while i >= 0:
        line = lines[i].strip()
        if "starts sooner" in line:
            return True
        if not re.match(r"^(#|import |from \S+ import)", line):
            return False
        i -= 1
    return False


@pytest.mark.parametrize("path", sorted(
    p for p in PACKAGE.rglob("*.py")
    if p.relative_to(PACKAGE).parts[0] != "cli" and "migrations" not in p.parts),
    ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_inside_functions_say_why(path: Path) -> None:
    assert _imports_in_functions(path) == []



def test_the_picture_in_the_docs_is_the_contract() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("<!-- layers:", 1)[1].split("```", 2)[1]
    drawn = [re.split(r"\s{2,}", line.strip())[0] for line in block.strip().splitlines()]
    assert drawn == [" | ".join(m.strip() for m in layer.split("|"))
                     for layer in _contract()["layers"]]
