"""Labels shared by many documents (rating names, headings built in code, chart axes and
legends, alt text, milestone titles), through gettext catalogues extracted and compiled with
Babel. The source of a translation is reportgen/locale/<lang>/LC_MESSAGES/reportgen.po, which
translators edit; it is compiled when first needed, so no compiled file can go stale. English is
the source language and needs no catalogue (see docs/welsh.md)."""

from __future__ import annotations

import gettext
import io
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from reportgen.model.common import N_, Language

__all__ = ["BABEL_LOCALES", "BCP47", "N_", "Language"]

LOCALE_DIR = Path(__file__).parent / "locale"
BABEL_LOCALES: dict[Language, str] = {"en": "en_GB", "cy": "cy_GB"}
BCP47: dict[Language, str] = {"en": "en-GB", "cy": "cy-GB"}


def catalogue_path(lang: Language) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "reportgen.po"


@cache
def translations(lang: Language) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    with catalogue_path(lang).open("rb") as f:
        catalogue = read_po(f, locale=BABEL_LOCALES[lang].split("_")[0])
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def gettext_for(lang: Language):
    """The `_` function of a language."""
    return translations(lang).gettext


def ngettext_for(lang: Language):
    return translations(lang).ngettext


def extract_toml_titles(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                        options: Any) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """A Babel extraction method: every `title` of a TOML data file is a message (milestones,
    editing stages, roles)."""
    text = fileobj.read().decode("utf-8")
    found = tomllib.loads(text)
    titles = {m["title"] for m in found.get("milestones", []) + found.get("stages", [])} | {
        r["title"] for r in found.get("roles", {}).values()}
    for lineno, line in enumerate(text.splitlines(), start=1):
        found = re.match(r'^title = "(.*)"$', line)
        if found and found.group(1) in titles:
            yield lineno, None, found.group(1), ["a milestone of the inspection calendar"]
