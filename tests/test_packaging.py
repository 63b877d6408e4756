"""The set-up contract: every module of the package imports in the project's environment, and
every package the code imports is declared in pyproject.toml."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata as md
import pkgutil
import re
import sys
import tomllib

import pytest

import reportgen
from tests.conftest import ROOT

# Runs under LibreOffice's own Python, where `uno` lives; reportgen's environment has no `uno`.
OTHER_PYTHON = {"reportgen.convert.uno_worker"}


def _modules() -> list[str]:
    found = [m.name for m in pkgutil.walk_packages(reportgen.__path__, "reportgen.")]
    return sorted(m for m in found if m not in OTHER_PYTHON and ".migrations" not in m)


@pytest.mark.parametrize("name", _modules())
def test_every_module_imports(name):
    importlib.import_module(name)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(spec: str) -> str:
    return _norm(re.split(r"[ <>=!~;\[(]", spec, maxsplit=1)[0])


def _declared(group: str | None) -> set[str]:
    """The packages pyproject.toml declares, and what they declare in turn (pydantic brings
    pydantic-core, whose errors are part of pydantic's documented interface)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] if group is None else \
        project["dependencies"] + project["optional-dependencies"][group]
    names = {_requirement_name(s) for s in specs}
    for name in list(names):
        names |= {_requirement_name(r) for r in md.requires(name) or [] if "extra ==" not in r}
    return names


def _imports(folder: str) -> dict[str, str]:
    """Top-level third-party module -> a file that imports it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        if path.name in ("uno_worker.py", "lo_edit.py"):  # run by LibreOffice's Python
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("reportgen", "tests"):
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize(("folder", "group"), [("reportgen", None), ("tests", "dev")])
def test_every_imported_package_is_declared(folder, group):
    owners = md.packages_distributions()
    declared = _declared(group)
    undeclared = {top: where for top, where in _imports(folder).items()
                  if not {_norm(d) for d in owners.get(top, [top])} & declared}
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
