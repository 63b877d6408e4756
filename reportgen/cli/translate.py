"""The Welsh translation workflow: translate export, import, status."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen.cli.common import (
    DOCUMENT,
    EXISTING,
    reports_errors,
)
from reportgen.files import write_atomically


@click.group()
def translate() -> None:
    """The Welsh translation workflow: export segments, import translations, report status.

    A segment is one piece of English narrative of an inspection file, named by its JSON path.
    Each carries a fingerprint of its English; a translation keeps the fingerprint of the English
    it was made from, so a later edit to the English shows it as stale.

    \b
    Example:
        reportgen translate export fixtures/east-of-england/pdus/luton.json --todo
        reportgen translate import fixtures/east-of-england/pdus/luton.json \\
            fixtures/east-of-england/pdus/luton.cy.xlf
        reportgen translate status fixtures/wales/pdus/*.json
    """


@translate.command("export")
@click.argument("file", type=EXISTING)
@click.option("--format", "fmt", type=click.Choice(["xliff", "po"]), default="xliff",
              show_default=True, help="XLIFF 1.1 or gettext PO, for the translators' tools.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write (default: beside FILE, .cy.xlf or .cy.po).")
@click.option("--todo", is_flag=True, help="Only the segments missing or stale in Welsh.")
@reports_errors
def translate_export(file: Path, fmt: str, out: Path | None, todo: bool) -> None:
    """Export an inspection file's English narrative for translation, with a word count.

    \b
    Example:
        reportgen translate export fixtures/east-of-england/pdus/luton.json --format po
    """
    from reportgen import translation
    content, count, words = translation.export(file, fmt, todo)  # type: ignore[arg-type]
    target = out or file.with_suffix(".cy.xlf" if fmt == "xliff" else ".cy.po")
    write_atomically(target, content)
    click.echo(f"Wrote {count} segment(s), {words} English word(s) to translate, to {target}")


@translate.command("import")
@click.argument("file", type=EXISTING)
@click.argument("translated", type=DOCUMENT)
@reports_errors
def translate_import(file: Path, translated: Path) -> None:
    """Bring translations (XLIFF or PO) back into the inspection file.

    Every unit must name a segment of FILE; any problem is listed and nothing is written.

    \b
    Example:
        reportgen translate import fixtures/east-of-england/pdus/luton.json \\
            fixtures/east-of-england/pdus/luton.cy.xlf
    """
    from reportgen import translation
    imported, stale = translation.import_translations(file, translated)
    click.echo(f"Imported {imported} translation(s) into {file}"
               + (f"; {stale} were made from English that has since changed (stale)"
                  if stale else ""))


@translate.command("status")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@reports_errors
def translate_status(files: tuple[Path, ...], as_json: bool) -> None:
    """For each file: the segments translated, missing and stale, and the words to translate.
    Exit status 1 when any segment is missing or stale.

    \b
    Example:
        reportgen translate status fixtures/wales/pdus/*.json
    """
    from reportgen import translation
    found = [translation.status(f) for f in files]
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        for s in found:
            click.echo(f"{s['file']}: {s['translated']} translated, {s['missing']} missing, "
                       f"{s['stale']} stale of {s['segments']} ({s['words_to_translate']} "
                       "words to translate)")
            for seg in s["to_translate"]:
                click.echo(f"  {seg['state']:<8} {seg['id']}")
    if any(s["missing"] or s["stale"] for s in found):
        sys.exit(1)
