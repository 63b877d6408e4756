"""The service's wording in English and Welsh, through the project's one gettext catalogue
(reportgen/locale/cy/LC_MESSAGES/reportgen.po): the language of a request is the one its
session chose, or the account's."""

from __future__ import annotations

from typing import Any

from babel.support import LazyProxy
from flask import g, has_request_context

from reportgen.i18n import translations

LANGUAGES = {"en": "English", "cy": "Cymraeg"}


def lang() -> str:
    return getattr(g, "lang", "en") if has_request_context() else "en"


def _(message: str, **values: Any) -> str:
    text = translations(lang()).gettext(message)  # type: ignore[arg-type]
    return text % values if values else text


def plural(singular: str, plural: str, n: int) -> str:
    """The form of a message for `n`, in the page's language, its values not yet filled in."""
    return translations(lang()).ngettext(singular, plural, n)  # type: ignore[arg-type]


def ngettext(singular: str, plural_: str, n: int, **values: Any) -> str:
    return plural(singular, plural_, n) % ({"num": n} | values)


def _l(message: str) -> LazyProxy:
    """A label translated when shown, for the forms defined once at import."""
    return LazyProxy(_, message, enable_cache=False)
