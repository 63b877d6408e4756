"""Every example shown in every command's --help and in the README runs as shown, in a copy of the
repository's fixtures: the help's examples as one journey, the README's as another. What a person
does between two examples (an editor's change, a filled-in form, a translation) is done here the
same way, in Word files and XLIFF, before the example that needs it."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result
from docx import Document
from translate.storage import xliff

from reportgen.cli.main import cli
from tests.conftest import FIXTURES, ROOT
from tests.test_docs import _commands

ID = "gwent-pdu-report"
OTHER_README_COMMANDS = {"bash scripts/setup.sh", ".venv/bin/python -m pytest -q",
                         "python3 benchmarks/render_region.py"}


def _lines(block: str) -> list[str]:
    """Command lines of a block of examples, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", "", block)
    return [line.strip() for line in joined.splitlines() if shlex.split(line, comments=True)]


def help_examples() -> list[str]:
    """Every example line of every --help, top level first, in the order of the command tree;
    a line shown by a group and by its command again is run once."""
    found: list[str] = []
    for names in [(), *(names for names, _ in _commands(cli))]:
        text = CliRunner().invoke(cli, [*names, "--help"]).stdout
        block = text.split("Example:", 1)[1].split("\n\n", 1)[0]
        found += [line for line in _lines(block) if line not in found]
    return found


def readme_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
            for line in _lines(block)]


class Shell:
    """Runs one example line as a shell would: `export`, quoting, globs, `>` and comments."""

    def __init__(self) -> None:
        self.env: dict[str, str] = {}

    def __call__(self, line: str) -> Result | None:
        words = shlex.split(line, comments=True)
        if words[0] == "export":
            self.env |= dict(w.split("=", 1) for w in words[1:])
            return None
        target = None
        if ">" in words:
            target, words = words[words.index(">") + 1], words[:words.index(">")]
        assert words[0] == "reportgen", line
        args = [m for w in words[1:] for m in (sorted(glob.glob(w)) if "*" in w else [w])]
        result = CliRunner(env=self.env).invoke(cli, args)
        if target:
            Path(target).write_text(result.stdout, encoding="utf-8")
        return result


def _ok(sh: Shell, line: str) -> Result:
    result = sh(line)
    assert result is not None and result.exit_code == 0, \
        f"{line}\nexit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return result


# ----------------------------------------------------- what people do between two examples


def _edited(source: str, target: str, old: str, new: str) -> None:
    """An editor's change in Word: one sentence reworded."""
    doc = Document(source)
    para = next(p for p in doc.paragraphs if old in p.text)
    run = next(r for r in para.runs if old in r.text)
    run.text = run.text.replace(old, new)
    doc.save(target)


def _held(sh: Shell, lang: str, out: str) -> None:
    """The version of `lang` the tracker holds now, written to `out`."""
    listing = _ok(sh, f"reportgen track versions {ID}").stdout.splitlines()
    number = [line.split()[0] for line in listing if line.split()[2] == lang][-1]
    _ok(sh, f"reportgen track versions {ID} --get {number} --out {out}")


def _fill_form(form: str, returned: str) -> None:
    """The PDU types two changes into the response form: a typo (A), a judgement (B)."""
    doc = Document(form)
    rows = [["3", "", "Say that the inspection took place over two weeks.", "A", ""],
            ["12", "", "Leadership should be rated Good.", "B", "PDU delivery plan, v4"]]
    for row, values in zip(doc.tables[0].rows[1:], rows, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    doc.save(returned)


def _translate(exported: str) -> None:
    """The translators fill in every unit of the XLIFF they were sent."""
    store = xliff.xlifffile.parsestring(Path(exported).read_bytes())
    for unit in store.units:
        unit.target = f"Cymraeg: {unit.source}"
    Path(exported).write_bytes(bytes(store))


def _through(sh: Shell, *stages: str) -> None:
    for stage in stages:
        _ok(sh, f"reportgen track advance {ID} --to {stage} --by 'Owain Davies'")


def _to_ready_to_publish(sh: Shell, english: str) -> None:
    """Statistics check on the English held, then its Welsh, then ready to publish."""
    _through(sh, "statistics-check")
    _held(sh, "en", english)
    _ok(sh, f"reportgen check stats {english} --data fixtures/wales/pdus/gwent.json "
            f"--track {ID}")
    _through(sh, "translation")
    _held(sh, "cy", "welsh.docx")
    _ok(sh, f"reportgen track attach {ID} --file-cy welsh.docx --by 'Owain Davies'")
    _through(sh, "ready-to-publish")


Steps = dict[str, Callable[[Shell], None]]

HELP_STEPS: Steps = {
    "reportgen translate import fixtures/east-of-england/pdus/luton.json": lambda sh: _translate(
        "fixtures/east-of-england/pdus/luton.cy.xlf"),
    f"reportgen track advance {ID} --to initial-edit": lambda sh: (
        _held(sh, "en", "draft.docx"),
        _edited("draft.docx", "gwent-edited.docx", "We thank", "We are grateful to")),
    f"reportgen track attach {ID} --file gwent-corrected.docx": lambda sh: _edited(
        "gwent-edited.docx", "gwent-corrected.docx", "We are grateful to", "We thank"),
    f"reportgen fa send {ID}": lambda sh: _through(
        sh, "strategic-edit", "chief-inspector-review", "factual-accuracy"),
    f"reportgen fa import {ID} returned-form.docx": lambda sh: _fill_form(
        f"fa/{ID}-factual-accuracy-form.docx", "returned-form.docx"),
    f"reportgen publish {ID}": lambda sh: _to_ready_to_publish(sh, "final.docx"),
}

README_STEPS: Steps = {
    f"reportgen track advance {ID} --to initial-edit --file edited.docx": lambda sh: (
        _held(sh, "en", "draft.docx"),
        _edited("draft.docx", "edited.docx", "We thank", "We are grateful to")),
    f"reportgen fa import {ID} fa/returned-form.docx": lambda sh: _fill_form(
        f"fa/{ID}-factual-accuracy-form.docx", "fa/returned-form.docx"),
    f"reportgen track attach {ID} --file-cy gwent-welsh.docx": lambda sh: _held(
        sh, "cy", "gwent-welsh.docx"),
}

# Examples that show a check finding something: exit status 1 is what they demonstrate.
FINDS_SOMETHING = {"reportgen ratings fixtures/pdu-disagreement.json --json": 1}


def _journey(examples: list[str], steps: Steps, tmp_path: Path, monkeypatch) -> list[str]:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    monkeypatch.chdir(tmp_path)
    for name in ("REPORTGEN_STORE", "REPORTGEN_USER"):
        monkeypatch.delenv(name, raising=False)
    sh, used, ran = Shell(), set(), []
    for line in examples:
        for key, step in steps.items():
            if line.startswith(key) and key not in used:
                step(sh)
                used.add(key)
        result = sh(line)
        if result is not None:
            want = FINDS_SOMETHING.get(line, 0)
            assert result.exit_code == want, \
                f"{line}\nexit {result.exit_code}\n{result.output}\n{result.exception!r}"
        ran.append(line)
    assert used == set(steps), f"steps for no example: {set(steps) - used}"
    return ran


def test_every_help_example_runs(tmp_path, monkeypatch):
    examples = help_examples()
    assert len(examples) > 30 and examples[0].startswith("reportgen validate")
    _journey(examples, HELP_STEPS, tmp_path, monkeypatch)
    assert (tmp_path / "published" / ID / "manifest.json").exists()
    assert (tmp_path / "pdu.schema.json").read_text().startswith("{")


def test_every_readme_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    others = {line for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
              for line in _lines(block) if not line.startswith(("reportgen ", "export "))}
    assert others == OTHER_README_COMMANDS  # run by CI, by setup.sh and by test_benchmark.py
    examples = [line for line in readme_examples() if line not in OTHER_README_COMMANDS]
    _journey(examples, README_STEPS, tmp_path, monkeypatch)
    assert (tmp_path / "published" / ID / "manifest.json").exists()
    assert (tmp_path / "tracker.db").exists()

