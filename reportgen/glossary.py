"""The Welsh editor's view of the settled wording: the glossary's terms (data/glossary.toml) and
the standards framework's Welsh (data/framework.toml), each with its status, and a way for a
Welsh-speaking editor to confirm what is still unconfirmed.

A confirmation is written into the same files, beside the wording it confirms (status
"confirmed", with who and when), so the files stay the one source of each term's status and
a later change to the Welsh is seen in review beside its confirmation. Files are rewritten with
tomlkit, which keeps their comments and layout.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

from reportgen.errors import ReportgenError
from reportgen.files import write_atomically

DATA = Path(__file__).parent / "data"
SETTLED = ("seen", "confirmed")  # a published source, or a Welsh-speaking editor, vouches for it
SCOPES = {"pdu": ("pdu",), "regional": ("regional", "pdu"), "national": ("national",)}


@dataclass(frozen=True)
class Wording:
    en: str
    cy: str
    status: str
    where: tuple[str, ...]  # "glossary", "framework P 2.1 title", ...
    confirmed_by: str | None = None
    confirmed_on: dt.date | None = None

    @property
    def settled(self) -> bool:
        return self.status in SETTLED

    def as_json(self) -> dict[str, Any]:
        return {"en": self.en, "cy": self.cy, "status": self.status, "where": list(self.where),
                "confirmed_by": self.confirmed_by,
                "confirmed_on": self.confirmed_on.isoformat() if self.confirmed_on else None}


@dataclass
class _Found:
    """One place a wording is written, and how to mark it confirmed there."""

    en: str
    cy: str
    status: str
    where: str
    table: Any  # the tomlkit table holding it (the framework: the table holding its table)
    file: str  # "glossary" or "framework"
    code: str | None = None  # the framework's standard or key question
    by: str | None = None
    on: dt.date | None = None
    field: str | None = None  # in the framework: the key of the inline table in `table`


def _framework_places(doc: Any) -> Iterator[_Found]:
    for scope in ("pdu", "regional", "national"):
        for std in doc.get(scope, []):
            for field in ("title", "statement"):
                yield from _wording(std, str(std["code"]), field)
            for q in std.get("key_questions", []):
                for field in ("text", "short"):
                    yield from _wording(q, str(q["code"]), field)


def _wording(parent: Any, code: str, field: str) -> Iterator[_Found]:
    table = parent.get(field)
    if table is not None and table.get("cy"):
        yield _Found(str(table["en"]), str(table["cy"]), str(table.get("cy_status", "unconfirmed")),
                     f"framework {code} {field}", parent, "framework", code,
                     table.get("cy_confirmed_by"), table.get("cy_confirmed_on"), field)


def _places(root: Path) -> tuple[dict[str, Any], list[_Found]]:
    docs = {name: tomlkit.parse((root / f"{name}.toml").read_text(encoding="utf-8"))
            for name in ("glossary", "framework")}
    found = [_Found(str(term["en"]), str(term["cy"]), str(term["status"]), "glossary", term,
                    "glossary",
                    None, term.get("confirmed_by"), term.get("confirmed_on"))
             for term in docs["glossary"]["terms"]]
    return docs, found + list(_framework_places(docs["framework"]))


def wordings(root: Path = DATA, scope: str | None = None) -> list[Wording]:
    """Every Welsh wording, once per English and Welsh pair, with every place it is written.
    `scope` ("pdu", "regional", "national") keeps the glossary and that part of the framework.
    Read again only when the files change (a report's page asks for it each time)."""
    return list(_wordings(root, scope, signature(root)))


def signature(root: Path = DATA) -> tuple[tuple[int, int], ...]:
    """The glossary's and framework's files as they are now (modification time and size): what
    is read from them is kept until this changes."""
    files = [root / f"{name}.toml" for name in ("glossary", "framework")]
    return tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files)


@functools.lru_cache(maxsize=16)
def _wordings(root: Path, scope: str | None, _signature: tuple) -> tuple[Wording, ...]:
    _, found = _places(root)
    if scope is not None:
        framework = tomllib.loads((root / "framework.toml").read_text(encoding="utf-8"))
        codes = {s["code"] for part in SCOPES[scope] for s in framework[part]}
        found = [f for f in found if f.code is None or f.code in codes
                 or f.code.rsplit(".", 1)[0] in codes]
    merged: dict[tuple[str, str], Wording] = {}
    for f in found:
        key = (f.en, f.cy)
        was = merged.get(key)
        status = f.status if was is None or _rank(f.status) < _rank(was.status) else was.status
        merged[key] = Wording(f.en, f.cy, status, (*(was.where if was else ()), f.where),
                              f.by or (was.confirmed_by if was else None),
                              _date(f.on) or (was.confirmed_on if was else None))
    return tuple(merged.values())


def _rank(status: str) -> int:
    """The weakest status wins when one wording is written in two places."""
    return ("unconfirmed", "elsewhere", "confirmed", "seen").index(status)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def unconfirmed(root: Path = DATA, scope: str | None = None) -> list[Wording]:
    return [w for w in wordings(root, scope) if not w.settled]


def confirm(term: str, by: str, on: dt.date, root: Path = DATA) -> list[Wording]:
    """Mark every place that writes `term` (its English, or a framework code) confirmed by
    `by` on `on`. Returns what was confirmed; nothing is written if the term is unknown or
    has two different Welsh wordings."""
    if not by.strip():
        raise ReportgenError("say who confirms it: --by NAME")
    docs, found = _places(root)
    term = term.strip()
    by_code = [f for f in found if f.code == term]
    # A code names its wordings; their English, wherever else it is written, is the same term.
    english = {f.en.casefold() for f in by_code} or {term.casefold()}
    chosen = [f for f in found if f.en.casefold() in english]
    if not chosen:
        near = sorted({f.en for f in found if term.casefold() in f.en.casefold()})[:5]
        raise ReportgenError(f"no Welsh wording of {term!r} in the glossary or the framework"
                             + (f"; did you mean: {'; '.join(near)}" if near else ""))
    # Copies that differ only in capitals (a title and the same words in a sentence) are one
    # wording; any other difference must be settled before it is confirmed.
    welsh = {f.cy.casefold() for f in chosen}
    if len(welsh) > 1:
        raise ReportgenError(f"{term!r} has {len(welsh)} different Welsh wordings ("
                             + "; ".join(sorted({f.cy for f in chosen}))
                             + "): make them one first, then confirm")
    todo = [f for f in chosen if f.status not in SETTLED]
    if not todo:
        status = ", ".join(sorted({f.status for f in chosen}))
        raise ReportgenError(f"{term!r} is settled already ({status}): nothing to confirm")
    for f in todo:
        if f.file == "glossary":
            f.table.update({"status": "confirmed", "confirmed_by": by.strip(),
                            "confirmed_on": on})
            continue
        wording = tomlkit.inline_table()  # written afresh, so it keeps one line, evenly spaced
        wording.update({k: v for k, v in f.table[f.field].items()
                        if k in ("en", "cy")} | {"cy_status": "confirmed",
                                                 "cy_confirmed_by": by.strip(),
                                                 "cy_confirmed_on": on})
        f.table[f.field] = wording
    for name in {f.file for f in todo}:
        write_atomically(root / f"{name}.toml", tomlkit.dumps(docs[name]).encode("utf-8"))
    return [Wording(f.en, f.cy, "confirmed", (f.where,), by.strip(), on) for f in todo]
