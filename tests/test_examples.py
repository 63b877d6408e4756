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
from translate.storage import xliff

from reportgen.cli.main import cli
from reportgen.workflow.store import Store
from tests.conftest import FIXTURES, PASSWORD, ROOT, TEAM, owner
from tests.test_docs import _commands
from tests.workflow.test_journey import EDITED, WELSH, edit_box, fill_form

ID = "gwent-pdu-report"
# Run by CI, by setup.sh, by test_benchmark.py and the benchmarks themselves, not here.
OTHER_README_COMMANDS = {"bash scripts/setup.sh", ".venv/bin/python -m pytest -q",
                         ".venv/bin/python benchmarks/national.py",
                         ".venv/bin/python benchmarks/service_load.py",
                         ".venv/bin/python benchmarks/service_load.py --store postgresql://..."}


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
    """The README's command lines; a command shown again later (comments aside) is run once."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        for line in _lines(block):
            found.setdefault(" ".join(shlex.split(line, comments=True)), line)
    return list(found.values())


# A web service runs until it is stopped, here or on a database server: shown, not run.
NOT_RUN = re.compile(r"^reportgen (serve|worker)\b")


class Shell:
    """Runs one example line as a shell would: `export`, quoting, globs, `>`, `<` and comments;
    a password asked for is typed in."""

    def __init__(self) -> None:
        # What the person types when a command acting as an account asks for its password
        # (each account of the examples is given this one when it is added).
        self.env: dict[str, str] = {"REPORTGEN_PASSWORD": PASSWORD}

    def __call__(self, line: str) -> Result | None:
        words = shlex.split(line, comments=True)
        if words[0] == "export":
            self.env |= dict(w.split("=", 1) for w in words[1:])
            return None
        target, typed = None, f"{PASSWORD}\n{PASSWORD}\n"
        if ">" in words:
            target, words = words[words.index(">") + 1], words[:words.index(">")]
        if "<" in words:
            typed = Path(words[words.index("<") + 1]).read_text(encoding="utf-8")
            words = words[:words.index("<")]
        assert words[0] == "reportgen", line
        args = [m for w in words[1:] for m in (sorted(glob.glob(w)) if "*" in w else [w])]
        result = CliRunner(env=self.env).invoke(cli, args, input=typed, prog_name="reportgen")
        if target:
            Path(target).write_text(result.stdout, encoding="utf-8")
        return result


def _ok(sh: Shell, line: str) -> Result:
    result = sh(line)
    assert result is not None and result.exit_code == 0, \
        f"{line}\nexit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return result


# ----------------------------------------------------- what people do between two examples


def _held(sh: Shell, out: str, lang: str = "en") -> None:
    """The edition of the data version held now, as a person downloads it."""
    _ok(sh, f"reportgen track versions {ID} --get latest --lang {lang} --out {out}")


def _edited(sh: Shell, out: str, text: str) -> None:
    """An editor's change in Word: the foreword's second sentence retyped in its box."""
    _held(sh, "held.docx")
    shutil.copy(edit_box(Path("held.docx"), "$.foreword[1]", text), out)


def _fill_form(form: str, returned: str, rows: list[list[str]]) -> None:
    """The PDU types its changes into the response form."""
    shutil.copy(fill_form(Path(form), rows), returned)


FORM_ROWS = [
    ["Table 6, row 4", "", "One more of the inspected cases was a woman's.", "A", "Case list"],
    ["12", "", "Leadership should be rated Good.", "B", "PDU delivery plan, v4"],
    ["3", "", "Say that the inspection took place over two weeks.", "A", ""]]


def _translate(exported: str) -> None:
    """The translators fill in every unit of the XLIFF they were sent."""
    store = xliff.xlifffile.parsestring(Path(exported).read_bytes())
    for unit in store.units:
        unit.target = WELSH if "foreword" in unit.getid() else f"Cymraeg: {unit.source}"
    Path(exported).write_bytes(bytes(store))


def _through(sh: Shell, *stages: str) -> None:
    """Each move made by the account that owns the stage it leaves."""
    for stage in stages:
        store = sh.env.get("REPORTGEN_STORE", "reportgen-tracker.db")
        by = owner(Store(store).report(ID).stage)
        _ok(sh, f"reportgen track advance {ID} --to {stage} --as '{by}'")


def _passwords() -> None:
    """Where the examples read passwords from."""
    for name in ("secret.txt", "pw.txt"):
        Path(name).write_text(PASSWORD + "\n", encoding="utf-8")


def _team(sh: Shell) -> None:
    """The administrator adds an account for each role the examples act in."""
    added = {line.split()[0] for line in _ok(sh, "reportgen users list").stdout.splitlines()}
    for role, name in TEAM.items():
        if name.split()[0] not in added:
            _ok(sh, f"reportgen users add '{name}' --role {role} --password --as 'Ada Admin'")


Steps = dict[str, Callable[[Shell], object]]

# The help's examples, in the order of one report's journey: the test fails when an example is
# added or changed until it has its place here.
HELP_JOURNEY = [
    "reportgen validate fixtures/wales/region.json",
    "reportgen validate fixtures/wales/region.json fixtures/wales/plan.json",
    "reportgen ratings fixtures/wales/pdus/gwent.json",
    "reportgen ratings fixtures/wales/region.json --json",
    "reportgen plan fixtures/wales/plan.json",
    "reportgen plan fixtures/wales/plan.json --json",
    "reportgen schema pdu-inspection > pdu.schema.json",
    "reportgen render fixtures/wales/pdus/gwent.json --doc pdu-report --lang cy",
    "reportgen render fixtures/wales/pdus/gwent.json --doc pdu-report --out out/",
    "reportgen render fixtures/wales/pdus/gwent.json --doc pdu-report --format html,xlsx",
    "reportgen render fixtures/wales/region.json --doc regional-report --format pdf",
    "reportgen render-all fixtures/wales fixtures/east-of-england --out out/",
    "reportgen check stats out/gwent-pdu-report.en.docx --data fixtures/wales/pdus/gwent.json",
    "reportgen check stats out/gwent-pdu-report.*.docx --data fixtures/wales/pdus/gwent.json",
    "reportgen check layout out/gwent-pdu-report.cy.pdf out/wales-regional-report.en.pdf",
    "reportgen check accessibility out/gwent-pdu-report.cy.pdf out/gwent-pdu-report.cy.html",
    "reportgen check welsh fixtures/wales/pdus/*.json fixtures/wales/region.json",
    "reportgen check welsh out/wales-regional-report.cy.pdf out/gwent-pdu-report.cy.docx",
    "reportgen glossary status --unconfirmed",
    'reportgen glossary confirm "Inadequate" --by "Mererid Hopwood"',
    'reportgen glossary confirm "Not sufficient" --by "Mererid Hopwood"',
    'reportgen glossary confirm "P 2.3" --by "Mererid Hopwood" --on 2026-11-25',
    "reportgen translate status fixtures/wales/pdus/gwent.json",
    "reportgen translate export fixtures/east-of-england/pdus/luton.json --format po",
    "reportgen translate import fixtures/east-of-england/pdus/luton.json "
    "fixtures/east-of-england/pdus/luton.cy.xlf",
    "reportgen translate confirm fixtures/wales/pdus/gwent.json --all",
    "reportgen translate status fixtures/wales/pdus/*.json",
    'reportgen users add "Ada Admin" --role admin --password-stdin < secret.txt',
    'reportgen users add "Lorna Achebe" --role coo --password-stdin --as "Ada Admin" < pw.txt',
    'reportgen users add "Sam Editor" --role editor --password --as "Ada Admin"',
    "reportgen users list",
    'reportgen users token "Ada Admin" --label "my laptop" --as "Ada Admin"',
    'reportgen track start fixtures/wales/pdus/gwent.json --doc pdu-report --as "Owain Davies"',
    "reportgen track status",
    "reportgen track status --today 2026-04-20",
    "reportgen translate status gwent-pdu-report",
    "reportgen edits diff gwent-pdu-report gwent-edited.docx",
    'reportgen track advance gwent-pdu-report --to strategic-edit --as "Sam Editor" '
    "--file gwent-edited.docx",
    'reportgen track send-back gwent-pdu-report --to initial-edit --reason "The summary repeats '
    'the findings" --as "Lorna Achebe"',
    'reportgen edits apply gwent-pdu-report gwent-edited.docx --as "Sam Editor"',
    'reportgen users change "Sam Editor" --role editor --role translator --as "Ada Admin"',
    "reportgen track history gwent-pdu-report",
    "reportgen track versions gwent-pdu-report",
    "reportgen track versions gwent-pdu-report --get latest --out gwent-current.docx",
    "reportgen track versions gwent-pdu-report --get 1 --out gwent-v1.json",
    "reportgen track diff gwent-pdu-report 1 3",
    "reportgen track diff gwent-pdu-report 1 3 --out gwent-redline.docx",
    'reportgen fa send gwent-pdu-report --out fa/ --as "Sam Editor"',
    'reportgen fa import gwent-pdu-report returned-form.docx --as "Sam Editor"',
    "reportgen fa decide gwent-pdu-report 1 --decision accepted --set '$.case_profile.women=9' "
    '--as "Owain Davies"',
    "reportgen fa decide gwent-pdu-report 3 --decision accepted --file gwent-corrected.docx "
    '--as "Owain Davies"',
    'reportgen fa decide gwent-pdu-report 2 --decision not-accepted --reason "The case was '
    'inspected as recorded" --as "Lorna Achebe"',
    "reportgen fa log gwent-pdu-report --out fa/log.docx",
    "reportgen fa log gwent-pdu-report --out gwent-fa-log.docx",
    'reportgen check stats --track gwent-pdu-report --signoff gwent-statistics.xlsx --as "Sam '
    'Editor"',
    'reportgen check stats --track wales-regional-report --confirm --as "Sam Editor"',
    "reportgen translate export gwent-pdu-report --todo",
    "reportgen translate confirm gwent-pdu-report '$.foreword[1]' --as \"Megan Harris\"",
    'reportgen translate import gwent-pdu-report gwent-pdu-report.cy.xlf --as "Megan Harris"',
    'reportgen publish gwent-pdu-report --out published/ --as "Publication team"',
]

HELP_STEPS: Steps = {
    "reportgen translate import fixtures/east-of-england/pdus/luton.json": lambda sh: (
        _ok(sh, "reportgen translate export fixtures/east-of-england/pdus/luton.json"),
        _translate("fixtures/east-of-england/pdus/luton.cy.xlf")),
    "reportgen edits diff": lambda sh: (
        _through(sh, "initial-edit"), _edited(sh, "gwent-edited.docx", EDITED)),
    "reportgen edits apply": lambda sh: _edited(sh, "gwent-edited.docx", EDITED + " Again."),
    "reportgen fa send": lambda sh: _through(sh, "strategic-edit", "chief-inspector-review",
                                             "factual-accuracy"),
    'reportgen users add "Ada Admin"': lambda sh: _passwords(),
    "reportgen track start": _team,
    "reportgen fa import": lambda sh: _fill_form(
        f"fa/{ID}-factual-accuracy-form.en.docx", "returned-form.docx", FORM_ROWS),
    "reportgen fa decide gwent-pdu-report 3": lambda sh: _edited(
        sh, "gwent-corrected.docx", EDITED + " Every word was checked."),
    "reportgen check stats --track gwent": lambda sh: _through(sh, "statistics-check"),
    "reportgen check stats --track wales": lambda sh: _ok(
        sh, "reportgen track start fixtures/wales/region.json --doc regional-report "
            "--as 'Owain Davies'"),
    "reportgen translate export gwent-pdu-report": lambda sh: _through(sh, "translation"),
    "reportgen translate import gwent-pdu-report": lambda sh: _translate(f"{ID}.cy.xlf"),
    "reportgen publish": lambda sh: _through(sh, "ready-to-publish"),
}

README_STEPS: Steps = {
    f"reportgen edits diff {ID} gwent-edited.docx": lambda sh: shutil.copy(
        edit_box(Path("gwent.docx"), "$.foreword[1]", EDITED), "gwent-edited.docx"),
    f"reportgen fa import {ID} fa/returned-form.docx": lambda sh: _fill_form(
        f"fa/{ID}-factual-accuracy-form.en.docx", "fa/returned-form.docx", FORM_ROWS[:2]),
    f"reportgen translate import {ID} {ID}.cy.xlf": lambda sh: _translate(f"{ID}.cy.xlf"),
}

# Examples that show a check finding something: exit status 1 is what they demonstrate.
FINDS_SOMETHING = {
    "reportgen ratings fixtures/pdu-disagreement.json --json": 1,  # a rating the rules differ on
    "reportgen translate status fixtures/wales/pdus/gwent.json": 1,  # Welsh not yet confirmed
    "reportgen translate status fixtures/wales/pdus/*.json": 1,  # the other PDUs' still not
    "reportgen glossary status --unconfirmed": 1,  # wording not yet settled
}


def _journey(examples: list[str], steps: Steps, tmp_path: Path, monkeypatch) -> list[str]:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    monkeypatch.chdir(tmp_path)
    for name in ("REPORTGEN_STORE", "REPORTGEN_USER"):
        monkeypatch.delenv(name, raising=False)
    sh, used, failed = Shell(), set(), []
    for line in examples:  # every example is tried, and every failure listed
        try:
            for key, step in steps.items():
                if line.startswith(key) and key not in used:
                    used.add(key)
                    step(sh)
            result = sh(line)
        except Exception as exc:  # a step between two examples failed
            failed.append(f"{line}\n  (before it) {str(exc)[:300]}")
            continue
        if result is not None and result.exit_code != FINDS_SOMETHING.get(line, 0):
            failed.append(f"{line}\n  exit {result.exit_code}: {result.output[-600:]}"
                          f"{result.exception!r}")
    assert used == set(steps), f"steps for no example: {set(steps) - used}"
    assert not failed, "\n".join(failed)
    return examples


def test_every_help_example_runs(tmp_path, monkeypatch):
    """`glossary confirm` writes beside the wording it confirms: here, in a copy of the data."""
    from reportgen import glossary
    shown = help_examples()
    assert sorted(line for line in shown if not NOT_RUN.match(line)) == sorted(HELP_JOURNEY)
    assert [line for line in shown if NOT_RUN.match(line)]  # the web service's, shown only
    shutil.copytree(glossary.DATA, tmp_path / "data")
    monkeypatch.setattr(glossary, "DATA", tmp_path / "data")
    _journey(HELP_JOURNEY, HELP_STEPS, tmp_path, monkeypatch)
    assert (tmp_path / "published" / ID / "manifest.json").exists()
    assert (tmp_path / "pdu.schema.json").read_text().startswith("{")


def test_every_readme_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    others = {" ".join(shlex.split(line, comments=True))
              for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
              for line in _lines(block) if not line.startswith(("reportgen ", "export "))}
    assert others == OTHER_README_COMMANDS  # run by CI, by setup.sh and by test_benchmark.py
    examples = [line for line in readme_examples()
                if line.startswith(("reportgen ", "export ")) and not NOT_RUN.match(line)]
    _journey(examples, README_STEPS, tmp_path, monkeypatch)
    assert (tmp_path / "published" / ID / "manifest.json").exists()
    assert (tmp_path / "tracker.db").exists()

