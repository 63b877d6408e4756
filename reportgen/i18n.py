"""Labels shared by many documents (rating names, standard headings, chart axes, alt text),
through gettext catalogues in reportgen/locale/<lang>/LC_MESSAGES/reportgen.mo, extracted and
compiled with Babel (see docs/translation.md). English is the source language: an English
document needs no catalogue."""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from reportgen.model.common import Language

LOCALE_DIR = Path(__file__).parent / "locale"
BABEL_LOCALES: dict[Language, str] = {"en": "en_GB", "cy": "cy_GB"}
BCP47: dict[Language, str] = {"en": "en-GB", "cy": "cy-GB"}


@cache
def translations(lang: Language) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("reportgen", LOCALE_DIR, languages=[lang], fallback=True)


def gettext_for(lang: Language):
    """The `_` function of a language."""
    return translations(lang).gettext


def ngettext_for(lang: Language):
    return translations(lang).ngettext
