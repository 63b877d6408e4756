"""The Welsh translation workflow: translate export, import, status, confirm."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from reportgen.cli.common import AS_OPTIONAL, DOCUMENT, STORE_OPTION, reports_errors, store_at
from reportgen.files import write_atomically
from reportgen.reading import read_file

TARGET = click.argument("target", metavar="REPORT_ID|FILE.json")


def _file(target: str) -> Path | None:
    """The input file a target names, or None for a tracked report."""
    return Path(target) if target.endswith(".json") else None


@click.group()
def translate() -> None:
    """The Welsh translation workflow: export segments, import translations, confirm Welsh,
    report what remains.

    TARGET is a tracked report (the data version held; an import or a confirmation makes a new
    one) or an input file. A segment is every translatable text of the data, narrative and
    names, named by its address. Welsh records a fingerprint of the English it translates, so a
    later edit to the English shows it stale; Welsh with no record of its English is
    unconfirmed until a translator confirms it.

    \b
    Example:
        reportgen translate export gwent-pdu-report --todo
        reportgen translate import gwent-pdu-report gwent-pdu-report.cy.xlf --as "Megan Harris"
        reportgen translate status fixtures/wales/pdus/gwent.json
    """


@translate.command("export")
@TARGET
@click.option("--format", "fmt", type=click.Choice(["xliff", "po"]), default="xliff",
              show_default=True, help="XLIFF 1.1 or gettext PO, for the translators' tools.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write (default: TARGET.cy.xlf or TARGET.cy.po).")
@click.option("--todo", is_flag=True,
              help="Only the segments missing, stale or unconfirmed in Welsh (a stale one with "
                   "its old English and old Welsh as context).")
@STORE_OPTION
@reports_errors
def translate_export(target: str, fmt: str, out: Path | None, todo: bool, store: str) -> None:
    """Export the data's segments for translation, with a word count.

    \b
    Example:
        reportgen translate export fixtures/east-of-england/pdus/luton.json --format po
        reportgen translate export gwent-pdu-report --todo
    """
    from reportgen import translation
    from reportgen.bundle import Bundle
    from reportgen.workflow import welsh
    path = _file(target)
    if path is not None:
        content, count, words = translation.export(Bundle.read(path).load(), path.name,
                                                   fmt, todo)  # type: ignore[arg-type]
        default = path.with_suffix(".cy.xlf" if fmt == "xliff" else ".cy.po")
    else:
        content, count, words = welsh.export(store_at(store, target), target, fmt, todo)  # type: ignore[arg-type]
        default = Path(f"{target}.cy.{'xlf' if fmt == 'xliff' else 'po'}")
    target_file = out or default
    write_atomically(target_file, content)
    click.echo(f"Wrote {count} segment(s), {words} English word(s) to translate, to "
               f"{target_file}")


@translate.command("import")
@TARGET
@click.argument("translated", type=DOCUMENT)
@STORE_OPTION
@AS_OPTIONAL
@reports_errors
def translate_import(target: str, translated: Path, store: str, by: str | None) -> None:
    """Bring translations (XLIFF or PO) back into the data.

    Every unit must name a segment of the data; any problem is listed and nothing is kept. A
    PO entry still marked fuzzy is not imported; a file with no translation in it is refused,
    and translations the data already holds make no new data version.

    \b
    Example:
        reportgen translate import fixtures/east-of-england/pdus/luton.json \\
            fixtures/east-of-england/pdus/luton.cy.xlf
        reportgen translate import gwent-pdu-report gwent-pdu-report.cy.xlf --as "Megan Harris"
    """
    from reportgen import translation
    from reportgen.bundle import Bundle
    from reportgen.errors import ReportgenError
    from reportgen.workflow import welsh
    path, content = _file(target), read_file(translated)
    if path is not None:
        bundle = Bundle.read(path)
        new, imported, stale = translation.import_translations(bundle, bundle.load(), content,
                                                               translated.name)
        changed = bool(bundle.diff(new))
        new.write_changes(path, bundle)
        where = str(path)
    else:
        if not by:
            raise ReportgenError("say which account imports it: --as ACCOUNT or REPORTGEN_USER")
        number, imported, stale, changed = welsh.import_translations(
            store_at(store, target), target, content, translated.name, by)
        where = f"{target} (data version {number})"
    if not changed:
        click.echo(f"Nothing changed: the {imported} translation(s) in {translated.name} are "
                   f"already in {where}")
        return
    click.echo(f"Imported {imported} translation(s) into {where}"
               + (f"; {stale} were made from English that has since changed (stale)"
                  if stale else ""))


@translate.command("confirm")
@TARGET
@click.argument("segments", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Confirm every unconfirmed segment.")
@STORE_OPTION
@AS_OPTIONAL
@reports_errors
def translate_confirm(target: str, segments: tuple[str, ...], every: bool, store: str,
                      by: str | None) -> None:
    """Confirm that Welsh already in the data translates the English now held (Welsh typed in,
    or still right after an English edit): it is recorded with that English's fingerprint.

    \b
    Example:
        reportgen translate confirm gwent-pdu-report '$.foreword[1]' --as "Megan Harris"
        reportgen translate confirm fixtures/wales/pdus/gwent.json --all
    """
    from reportgen import translation
    from reportgen.bundle import Bundle
    from reportgen.errors import ReportgenError
    from reportgen.workflow import welsh
    if not segments and not every:
        raise ReportgenError("name the segments to confirm, or give --all")
    path = _file(target)
    if path is not None:
        bundle = Bundle.read(path)
        new, confirmed = translation.confirm(bundle, bundle.load(), segments, every)
        new.write_changes(path, bundle)
        click.echo(f"Confirmed {len(confirmed)} Welsh segment(s) in {path}")
        return
    if not by:
        raise ReportgenError("say which account confirms it: --as ACCOUNT or REPORTGEN_USER")
    number, confirmed = welsh.confirm(store_at(store, target), target, segments, every, by)
    click.echo(f"Confirmed {len(confirmed)} Welsh segment(s) of {target}"
               + (f" (data version {number})" if number else ""))


@translate.command("status")
@click.argument("targets", nargs=-1, required=True, metavar="REPORT_ID|FILE.json...")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@STORE_OPTION
@reports_errors
def translate_status(targets: tuple[str, ...], as_json: bool, store: str) -> None:
    """For each target: the segments translated, missing, stale and unconfirmed, the words to
    translate, and (for Wales) the glossary's and framework's Welsh its Welsh edition uses that
    a Welsh editor has not yet confirmed. Exit status 1 when any segment is missing, stale or
    unconfirmed.

    \b
    Example:
        reportgen translate status fixtures/wales/pdus/*.json
        reportgen translate status gwent-pdu-report
    """
    from reportgen import translation
    from reportgen.bundle import Bundle
    from reportgen.workflow import welsh
    found: list[dict[str, Any]] = []
    for target in targets:
        path = _file(target)
        found.append(translation.status(Bundle.read(path).load(), str(path)) if path else
                     welsh.status(store_at(store, target), target))
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        for s in found:
            click.echo(f"{s['name']}: {s['translated']} translated, {s['missing']} missing, "
                       f"{s['stale']} stale, {s['unconfirmed']} unconfirmed of "
                       f"{s['segments']} ({s['words_to_translate']} words to translate)")
            for seg in s["to_translate"]:
                click.echo(f"  {seg['state']:<11} {seg['id']}")
            if s["unconfirmed_terms"]:
                click.echo(f"  Welsh wording not yet confirmed, used by its Welsh edition: "
                           f"{len(s['unconfirmed_terms'])} (reportgen glossary status "
                           "--unconfirmed)")
                for term in s["unconfirmed_terms"]:
                    click.echo(f"    {term['status']:<11} {term['en']} = {term['cy']}")
    if not all(translation.done(s) for s in found):
        sys.exit(1)

