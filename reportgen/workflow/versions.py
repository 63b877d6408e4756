"""Comparing two versions of a report's data: what changed, as text for a terminal and as a
redline of the Word edition (tracked changes by the author of the later version)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from reportgen.render import redline as redlines
from reportgen.workflow import editions
from reportgen.workflow.store import Store, TrackError


def text_diff(store: Store, report_id: str, first: int, second: int) -> Iterator[str]:
    """One block a changed value: its address, then - before and + after."""
    _, old = editions.held(store, report_id, first)
    _, new = editions.held(store, report_id, second)
    changes = old.diff(new)
    rows = {v.number: v for v in store.data_versions(report_id)}
    yield (f"{report_id}: data version {first} -> {second}: {len(changes)} change(s)"
           + "".join(f"\n  {n}: {rows[n].note} ({rows[n].by}, {rows[n].stage})"
                     for n in range(first + 1, second + 1) if n in rows))
    for addr, before, after in changes:
        yield addr
        yield from _side("-", before)
        yield from _side("+", after)


def _side(sign: str, value: Any) -> Iterator[str]:
    if value is None:
        return
    if isinstance(value, dict) and "en" in value:
        for lang in ("en", "cy", "cy_in"):
            if value.get(lang) is not None:
                yield f"  {sign} [{lang}] {value[lang]}"
    else:
        yield f"  {sign} {value}"


def redline(store: Store, report_id: str, first: int, second: int,
            lang: str) -> tuple[bytes, int]:
    """The `lang` edition of the later version, its differences from the earlier marked."""
    if first >= second:
        raise TrackError(f"a redline goes from an earlier version to a later one, not from "
                         f"{first} to {second}")
    docs = []
    for number in (first, second):
        held = store.latest(report_id, lang, data_version=number)
        if held is None:
            raise TrackError(f"{report_id} has no {lang} edition of data version {number}")
        docs.append(store.content(report_id, held.id))
    later = store.data(report_id, second)
    return redlines.redline(docs[0], docs[1], (later.by, later.at),
                            authors(store, report_id, first, second, lang))


def authors(store: Store, report_id: str, first: int, second: int, lang: str
            ) -> dict[str, tuple[str, dt.datetime]]:
    """Who last changed the `lang` text (or value) at each address between two versions, and
    when."""
    found: dict[str, tuple[str, dt.datetime]] = {}
    _, before = editions.held(store, report_id, first)
    for number in range(first + 1, second + 1):
        row = store.data(report_id, number)
        _, after = editions.held(store, report_id, number)
        for addr, old, new in before.diff(after):
            for key, field in ((addr, lang), (f"{addr}.cy_in", "cy_in")):
                if _in(old, field) != _in(new, field):
                    found[key] = (row.by, row.at)
        before = after
    return found


def _in(value: Any, field: str) -> Any:
    """A text's value in one language (a plain string is English), or any other value."""
    if isinstance(value, dict) and "en" in value:
        return value.get(field)
    return value if field == "en" or not isinstance(value, str) else None
