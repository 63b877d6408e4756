"""The documentation keeps step with the code."""

from __future__ import annotations

import re

from reportgen.cli.main import cli
from reportgen.reading import MODELS
from tests.conftest import ROOT, run

INPUT_DOC = (ROOT / "docs" / "input.md").read_text(encoding="utf-8")


def _fields(schema: dict) -> set[str]:
    names = set(schema.get("properties", {}))
    for sub in schema.get("$defs", {}).values():
        names |= set(sub.get("properties", {}))
    return names


def test_every_input_field_is_documented():
    documented = set(re.findall(r"`([a-z_]+)`", INPUT_DOC))
    for kind, model in MODELS.items():
        missing = _fields(model.model_json_schema()) - documented
        assert not missing, f"{kind}: fields not in docs/input.md: {sorted(missing)}"


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


def test_every_command_has_help_with_an_example():
    for names, command in _commands(cli):
        result = run(*names, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, f"reportgen {' '.join(names)} --help has no example"
        assert command.help and len(command.help) > 40


def test_readme_names_the_two_set_up_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh" in readme
    test_command = ".venv/bin/python -m pytest -q"
    assert test_command in readme and test_command in ci
