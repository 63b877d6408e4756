"""The Welsh translation workflow on a tracked report: the segments of the data version held
out to the translators (a stale one with the English its Welsh was made from, found in the
report's earlier versions), their translations back in as a new data version, Welsh confirmed,
and what remains."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from reportgen import glossary, translation
from reportgen.bundle import AddressError, Bundle
from reportgen.model.common import fingerprint
from reportgen.workflow import editions, tracker
from reportgen.workflow.accounts import Forbidden, authorise
from reportgen.workflow.store import Store, TrackError


def _at_translation(store: Store, report_id: str, what: str) -> None:
    """Welsh comes in and is confirmed at the translation stage, as every other stage's work is
    done at its own stage (the translators own it)."""
    stage = store.report(report_id).stage
    if stage != "translation":
        raise TrackError(f"{what} at the translation stage: {report_id} is at {stage}")


def _writers(store: Store, report_id: str, ids: Iterable[str]) -> dict[str, str]:
    """Who last wrote each segment's Welsh: the account of the data version that last changed
    it (the first version's, for Welsh that came with the inspection file)."""
    versions = store.data_versions(report_id)
    found: dict[str, str] = {}
    later = Bundle.from_json(store.data(report_id, versions[-1].number).content)
    for row in reversed(versions):
        earlier = Bundle.from_json(store.data(report_id, row.number - 1).content) \
            if row.number > 1 else None
        for seg_id in ids:
            if seg_id in found:
                continue
            now = _welsh(later, seg_id)
            if earlier is None or _welsh(earlier, seg_id) != now:
                found[seg_id] = row.by
        later = earlier if earlier is not None else later
    return found


def _welsh(bundle: Bundle, seg_id: str) -> Any:
    """A segment's Welsh (its "in <place>" form, for a name's cy_in segment)."""
    field = "cy_in" if seg_id.endswith(".cy_in") else "cy"
    address = seg_id.removesuffix(".cy_in")
    try:
        value = bundle.get(address)
    except AddressError:
        return None
    return value.get(field) if isinstance(value, dict) else None


def _held(store: Store, report_id: str) -> tuple[int, Bundle, Any]:
    report = store.report(report_id)
    if not report.in_wales:
        raise TrackError(f"{report_id} is not an inspection in Wales: it has no Welsh edition")
    number, bundle = editions.held(store, report_id)
    return number, bundle, bundle.load(editions.label(report_id, number))


def earlier_english(store: Store, report_id: str) -> translation.Previous:
    """Finds the English a segment's Welsh was made from, in the report's earlier versions."""
    versions = [Bundle.from_json(store.data(report_id, v.number).content)
                for v in reversed(store.data_versions(report_id))]

    def previous(seg: translation.Segment) -> str | None:
        for bundle in versions:
            try:
                value = bundle.get(seg.text_address)
            except AddressError:
                continue
            english = value["en"] if isinstance(value, dict) else value
            if fingerprint(english) == seg.text.cy_source:
                return f"in {english}" if seg.place_in else english
        return None

    return previous


def export(store: Store, report_id: str, fmt: translation.Format,
           todo: bool) -> tuple[bytes, int, int]:
    number, _, loaded = _held(store, report_id)
    return translation.export(loaded, editions.label(report_id, number), fmt, todo,
                              earlier_english(store, report_id))


def import_translations(store: Store, report_id: str, content: bytes, name: str,
                        by: str) -> tuple[int, int, int, bool]:
    """(the data version that holds them, translations imported, of which stale on arrival,
    whether a new version was made): translations already held make no new version."""
    authorise(store, by, "translate", report_id)
    _at_translation(store, report_id, "Translations are imported")
    held, bundle, loaded = _held(store, report_id)
    new, imported, stale = translation.import_translations(bundle, loaded, content, name)
    if not bundle.diff(new):
        return held, imported, stale, False
    number = tracker.keep_data(store, report_id, new, by,
                               f"{imported} translation(s) imported from {name}")
    return number, imported, stale, True


def status(store: Store, report_id: str) -> dict[str, Any]:
    """How far the Welsh of the data held has come (a report's page shows it on every look)."""
    if not store.report(report_id).in_wales:
        _held(store, report_id)  # says why there is no Welsh
    held = store.data_versions(report_id)[-1]
    return dict(_status(store, report_id, held.number, held.sha256, glossary.signature()))


@lru_cache(maxsize=256)
def _status(store: Store, report_id: str, number: int, sha256: str,
            _glossary: tuple) -> dict[str, Any]:
    """status of one data version (named by its number and checksum, so never stale) and one
    state of the glossary's files."""
    number, bundle = editions.held(store, report_id, number)
    loaded = bundle.load(editions.label(report_id, number))
    return translation.status(loaded, editions.label(report_id, number))


def confirm(store: Store, report_id: str, ids: Iterable[str], every_unconfirmed: bool,
            by: str) -> tuple[int | None, list[str]]:
    authorise(store, by, "translate", report_id)
    _at_translation(store, report_id, "Welsh is confirmed")
    _, bundle, loaded = _held(store, report_id)
    new, confirmed = translation.confirm(bundle, loaded, ids, every_unconfirmed)
    if not confirmed:
        return None, []
    own = sorted(i for i, writer in _writers(store, report_id, confirmed).items() if writer == by)
    if own:  # a second pair of eyes: nobody confirms Welsh they wrote themselves
        raise Forbidden(f"{by} wrote the Welsh of {', '.join(own[:5])}"
                        + (f" and {len(own) - 5} more" if len(own) > 5 else "")
                        + ": another translator confirms it")
    return tracker.keep_data(store, report_id, new, by,
                             f"{len(confirmed)} Welsh segment(s) confirmed"), confirmed
