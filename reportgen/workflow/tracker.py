"""The editing stages (reportgen/data/stages.toml) and the moves between them, over the report's
data versions. A move goes to the next stage only, and only once the current stage's gate holds
on the data version held; an edited Word document handed in with a move, or on its own, is read
back into a new data version, and the Word editions of that version are made from it and kept.
Due dates come from the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen import data, glossary, readback, translation
from reportgen.bundle import Bundle
from reportgen.errors import Problem, a
from reportgen.model import PduInspection
from reportgen.ooxml.upload import check_docx
from reportgen.reading import read_document
from reportgen.render import redline as redlines
from reportgen.rules.assessment import Assessment, assess
from reportgen.rules.calendar import inspection_calendar
from reportgen.workflow import editions, policy
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import MovedUnderYou, NewVersion, Store, TrackError, now

DOCS = ("pdu-report", "regional-report")


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    gate: str | None = None
    due: str | None = None
    wales_only: bool = False


def stages(in_wales: bool) -> list[Stage]:
    found = [Stage(**s) for s in data.load("stages")["stages"]]
    return [s for s in found if in_wales or not s.wales_only]


def stage_ids(in_wales: bool) -> list[str]:
    return [s.id for s in stages(in_wales)]


def start(store: Store, file: Path, doc: str, by: str) -> str:
    """Track a report from draft: its data becomes version 1, with its Word editions."""
    authorise(store, by, "track.start")
    return start_data(store, Bundle.read(file), doc, by, file.name)


def start_data(store: Store, bundle: Bundle, doc: str, by: str, source: str) -> str:
    """Track a report from draft, from data read already (`source` names where from)."""
    authorise(store, by, "track.start")
    if doc not in DOCS:
        raise TrackError(f"only reports are tracked: choose --doc from {', '.join(DOCS)}")
    loaded = bundle.load()
    kind = "pdu-inspection" if doc == "pdu-report" else "regional-inspection"
    if loaded.data.kind != kind:
        raise TrackError(f"{source}: {a(doc)} is made from {a(kind)} file")
    code = loaded.data.pdu.code if isinstance(loaded.data, PduInspection) else \
        loaded.data.region.code  # type: ignore[union-attr]
    report_id = f"{code}-{doc}"
    store.add(report_id, doc, loaded.data.region.in_wales, by,  # type: ignore[union-attr]
              editions.new_data(bundle, 1, f"read from {source}"),
              editions.documents(bundle, doc, report_id, 1))
    return report_id


# --------------------------------------------------------------------------- edits


@dataclass(frozen=True)
class Edits:
    """An edited document read back: the data version it was made from and its changes; of
    those, the ones the data held has already (the same document applied before)."""

    base: int
    changes: list[readback.Change]
    upload: NewVersion  # the document as handed in, kept with the version it makes
    held: int = 0  # the data version held when it was read
    already: tuple[readback.Change, ...] = ()

    @property
    def pending(self) -> list[readback.Change]:
        return [c for c in self.changes if c not in self.already]

    @property
    def applied_before(self) -> bool:
        """Every change it makes is in the data held already: applying it changes nothing."""
        return bool(self.changes) and not self.pending


def read_edits(store: Store, report_id: str, content: bytes, source: str,
               accept_tracked: bool = False) -> Edits:
    """Read an edited edition of the report back against the edition it was made from.
    EditsRefused (every reason, each with its place) if it cannot be. What is kept of the
    document is its rewritten form, never the file as handed in."""
    content = check_docx(content, source)
    edited = readback.read(content, source, accept_tracked)
    base = _base_version(report_id, edited.properties, source)
    handed_out = store.latest(report_id, edited.lang or "en", data_version=base)
    if handed_out is None:
        raise readback.EditsRefused([Problem("the document", f"an edition of {report_id}",
                                             f"a {edited.lang} document", source=source)])
    original = readback.read(store.content(report_id, handed_out.id), handed_out.name)
    changes = readback.compare(original, edited, source)
    held, bundle = editions.held(store, report_id)
    already = tuple(c for c in changes if held != base and readback.holds(bundle, c))
    return Edits(base, changes, NewVersion(f"{edited.lang}:edited", Path(source).name, content),
                 held, already)


def _base_version(report_id: str, props: dict[str, str], source: str) -> int:
    made_for = props.get(editions.REPORT_PROPERTY)
    version = props.get(editions.VERSION_PROPERTY, "")
    if made_for != report_id or not version.isdigit():
        found = f"an edition of {made_for}" if made_for else "a document that names no report"
        raise readback.EditsRefused([Problem(
            "the document's properties", f"an edition of {report_id} downloaded from the "
            "tracker (it names the report and data version it was made from)", found,
            source=source)])
    return int(version)


def with_edits(store: Store, report_id: str, found: list[Edits]) -> Bundle | None:
    """The data held with every change made (Welsh first, so that Welsh edited beside English
    that changed too is recorded as the translation of the English it was read against), or
    None if nothing changed. Edits made to an older version go onto the one held unless the
    same text changed since; a change the data held has already (the same document applied
    twice) is not made again."""
    changes = [c for e in found for c in e.pending]
    if not changes:
        return None
    number, bundle = editions.held(store, report_id)
    for edits in found:
        if edits.base != number and edits.pending:
            _refuse_conflicts(store, report_id, edits, number, bundle)
    ordered = sorted(changes, key=lambda c: c.lang != "cy")
    return readback.apply(bundle, ordered, editions.label(report_id, number + 1))


def _refuse_conflicts(store: Store, report_id: str, edits: Edits, held: int,
                      bundle: Bundle) -> None:
    _, old = editions.held(store, report_id, edits.base)
    clashes = [c for c in edits.pending if old.get(c.address) != bundle.get(c.address)]
    if clashes:
        raise readback.EditsRefused([Problem(
            c.address, f"text unchanged since data version {edits.base}, which "
            f"{edits.upload.name} was made from", f"it was changed again in a later version "
            f"(now {held}): download the current edition and make the edit there",
            source=edits.upload.name) for c in clashes])


def keep_edits(store: Store, report_id: str, content: bytes, source: str, by: str,
               note: str = "", accept_tracked: bool = False) -> tuple[Edits, int | None]:
    """Read an edited document back and keep its changes as a new data version at the report's
    current stage. Returns the edits and the new version's number (None if nothing changed).
    Only an owner of the report's current stage keeps edits at it."""
    authorise(store, by, "attach", report_id)
    return edits_to_data(store, report_id, content, source, by, note, accept_tracked)


def preview_edits(store: Store, report_id: str, content: bytes, source: str, by: str,
                  accept_tracked: bool = False) -> Edits:
    """What keep_edits would keep, changing nothing: for the person who would keep it to see
    first. The same checks and refusals as keeping."""
    authorise(store, by, "attach", report_id)
    return read_edits(store, report_id, content, source, accept_tracked)


def preview_redline(store: Store, report_id: str, content: bytes, source: str, by: str,
                    accept_tracked: bool = False) -> tuple[bytes, int]:
    """The edition in the edited document's language as keeping it would make it, its
    differences from the edition held marked as tracked changes (each by `by`), and how many:
    to see in Word before keeping. Nothing is kept."""
    edits = preview_edits(store, report_id, content, source, by, accept_tracked)
    bundle = with_edits(store, report_id, [edits])
    if bundle is None:
        raise TrackError(f"{Path(source).name} changes nothing in the data")
    lang = edits.pending[0].lang if edits.pending[0].lang in ("en", "cy") else "en"
    number = store.held_number(report_id)
    held = store.latest(report_id, lang, data_version=number)
    if held is None:
        raise TrackError(f"{report_id} has no {lang} edition of data version {number}")
    [after] = [v.content for v in editions.documents(bundle, store.report(report_id).doc,
                                                     report_id, number + 1) if v.lang == lang]
    return redlines.redline(store.content(report_id, held.id), after, (by, now()))


def edits_to_data(store: Store, report_id: str, content: bytes, source: str, by: str,
                  note: str = "", accept_tracked: bool = False) -> tuple[Edits, int | None]:
    """keep_edits, for an action already authorised (a factual accuracy decision's change)."""
    report = store.report(report_id)
    edits = read_edits(store, report_id, content, source, accept_tracked)
    bundle = with_edits(store, report_id, [edits])
    if bundle is None:
        return edits, None
    policy.check(store, by, report_id, editions.held(store, report_id)[1], bundle)
    number = store.held_number(report_id) + 1
    why = note or f"{len(edits.pending)} edit(s) read back from {Path(source).name}"
    return edits, store.add_data(report_id, by, editions.new_data(bundle, number, why),
                                 [edits.upload, *editions.documents(bundle, report.doc,
                                                                    report_id, number)],
                                 revision=report.revision)


def keep_data(store: Store, report_id: str, bundle: Bundle, by: str, note: str) -> int:
    """Keep changed data (a translation, a factual accuracy correction) as a new version, with
    its Word editions."""
    report = store.report(report_id)
    policy.check(store, by, report_id, editions.held(store, report_id)[1], bundle)
    number = store.held_number(report_id) + 1
    bundle.load(editions.label(report_id, number))
    return store.add_data(report_id, by, editions.new_data(bundle, number, note),
                          editions.documents(bundle, report.doc, report_id, number),
                          revision=report.revision)


# ----------------------------------------------------------------------------- gates


def gate_problem(store: Store, report_id: str, stage: Stage) -> str | None:
    """Why the report cannot leave `stage` yet, or None."""
    if stage.gate == "fa_decided":
        return _fa_problem(store, report_id)
    if stage.gate == "stats_passed":
        return _stats_problem(store, report_id)
    if stage.gate == "welsh_current":
        return welsh_problem(store, report_id)
    return None


def _stats_problem(store: Store, report_id: str) -> str | None:
    """The statistics check must have passed on every language's edition of the data held, or
    of an earlier version from which only Welsh text has changed since (a translation made
    after the check: publishing checks the final Welsh edition's figures again)."""
    report = store.report(report_id)
    number, bundle = editions.held(store, report_id)
    checked = number
    while True:
        if all(store.stats_passed(report_id, checked, lang) for lang in languages(report)):
            return None
        if checked == 1:
            break
        _, earlier = editions.held(store, report_id, checked - 1)
        if not earlier.only_welsh_differs(bundle):
            break
        checked -= 1
    return (f"the statistics check has not passed on the editions of data version {number}, "
            "the version held: run the check on it")


def _fa_problem(store: Store, report_id: str) -> str | None:
    items = store.fa_items(report_id)
    open_items = [i.number for i in items if i.decision is None]
    if open_items:
        return (f"factual accuracy item(s) {', '.join(map(str, open_items))} have no "
                "decision: decide each")
    needs_coo = [i.number for i in items if i.category == "B" and not i.decided_by_coo]
    if needs_coo:
        return (f"category B item(s) {', '.join(map(str, needs_coo))} need the chief "
                "operating officer's decision")
    unanswered = [i.number for i in items if i.decision != "not-accepted"
                  and i.data_version is None]
    if unanswered:
        return (f"accepted item(s) {', '.join(map(str, unanswered))} have no change to the data "
                "recorded: give each the corrected document or the values it changes")
    return None


def welsh_problem(store: Store, report_id: str) -> str | None:
    """Why the Welsh of the data held is not ready to publish, or None."""
    number, bundle = editions.held(store, report_id)
    found = translation.status(bundle.load(editions.label(report_id, number)), report_id)
    if translation.done(found):
        return None
    counts = ", ".join(f"{found[s]} {s}" for s in ("missing", "stale", "unconfirmed")
                       if found[s])
    return (f"the Welsh of data version {number} is not complete ({counts}): export what "
            "remains to translate, then import the translation or confirm the Welsh held")


def unconfirmed_note(doc: str) -> str:
    """What the translation sign-off records: the glossary's and framework's Welsh the edition
    uses that no Welsh editor has confirmed yet (a Welsh edition renders with it, and says so
    here)."""
    terms = glossary.unconfirmed(scope="pdu" if doc == "pdu-report" else "regional")
    if not terms:
        return ""
    return (f"The Welsh edition uses {len(terms)} glossary or framework wording(s) not yet "
            "confirmed by a Welsh editor: " + "; ".join(f"{t.en} = {t.cy}" for t in terms)
            + " (the glossary lists them for the Welsh editors).")


def languages(report: Any) -> list[str]:
    return ["en", "cy"] if report.in_wales else ["en"]


# ----------------------------------------------------------------------------- moves


def advance(store: Store, report_id: str, to: str, by: str, note: str = "",
            files: list[Path] | None = None, accept_tracked: bool = False,
            seen: int | None = None) -> int | None:
    """Move the report to its next stage, reading back any edited documents handed in with the
    move into a new data version made in the stage it leaves (all in one step). Returns that
    version's number, or None. `seen`: the revision the person acting looked at, if known."""
    report = _as_seen(store, report_id, seen)  # the move is refused if it moves after this
    authorise(store, by, "advance", report_id, seen=report)
    order = stages(report.in_wales)
    ids = [s.id for s in order]
    if to not in ids:
        raise TrackError(f"{to} is not a stage of {report_id}: stages are {', '.join(ids)}")
    here = ids.index(report.stage)
    if ids.index(to) != here + 1:
        following = ids[here + 1] if here + 1 < len(ids) else None
        raise TrackError(f"{report_id} is at {report.stage}: it can move only to "
                         f"{following or 'nowhere (it is published)'}, not to {to}")
    if to == "published":
        raise TrackError("a report is published by publishing it, which checks every gate "
                         "and keeps the publication set")
    if report.stage == "translation":  # the translation sign-off
        note = " ".join(filter(None, [note, unconfirmed_note(report.doc)]))
    found = [read_edits(store, report_id, _read(path), str(path), accept_tracked)
             for path in files or []]
    bundle = with_edits(store, report_id, found)
    uploads = [e.upload for e in found]
    problem = None if bundle is not None else gate_problem(store, report_id, order[here])
    if problem:
        raise TrackError(f"{report_id} cannot leave {report.stage}: {problem}")
    if bundle is None:
        store.move(report_id, report.revision, to, by, note, uploads)
        return None
    number = store.held_number(report_id) + 1
    why = note or f"{sum(len(e.pending) for e in found)} edit(s) read back"
    if order[here].gate:  # a gated stage is left only on data its gate has seen
        raise TrackError(f"{report_id} cannot leave {report.stage} with edits: keep them first as "
                         "a new version of the data, then let the gate see them")
    return store.move(report_id, report.revision, to, by, why,
                      [*uploads, *editions.documents(bundle, report.doc, report_id, number)],
                      editions.new_data(bundle, number, why))


def send_back(store: Store, report_id: str, to: str, by: str, reason: str,
              seen: int | None = None) -> None:
    """Return a report to an earlier stage (reportgen/data/roles.toml says which), with the
    reason, which the history keeps."""
    if not reason.strip():
        raise TrackError("a report is sent back with a reason (--reason)")
    report = _as_seen(store, report_id, seen)
    authorise(store, by, "send-back", report_id, to=to, seen=report)
    store.move(report_id, report.revision, to, by, f"sent back: {reason.strip()}")


def _as_seen(store: Store, report_id: str, seen: int | None) -> Any:
    """The report, unless it has moved since the person acting saw it at revision `seen`."""
    report = store.report(report_id)
    if seen is not None and seen != report.revision:
        raise MovedUnderYou(f"{report_id} moved under you: it is now at {report.stage}; look "
                            "at it again")
    return report


def _read(path: Path) -> bytes:
    return read_document(path)


# ---------------------------------------------------------------------------- status


def due_dates(store: Store, report: Any, held: Any = None) -> dict[str, dt.date]:
    """When the report should reach each stage that has a due milestone (from `held`, the row
    of its latest data version, if the caller has it)."""
    held = held or store.data_versions(report.id)[-1]
    return dict(_due_dates(store, report.id, held.number, held.sha256, report.in_wales))


@lru_cache(maxsize=4096)
def _due_dates(store: Store, report_id: str, number: int, sha256: str,
               in_wales: bool) -> tuple[tuple[str, dt.date], ...]:
    """due_dates of one data version (named by its number and checksum, so never stale): read
    and checked once, not on every look at the dashboard."""
    number, bundle = editions.held(store, report_id, number)
    inspection = bundle.load(editions.label(report_id, number)).data
    found = {m.id.split("_", 1)[1]: m.date for m in inspection_calendar(inspection)}  # type: ignore[arg-type]
    return tuple((s.id, found[s.due]) for s in stages(in_wales) if s.due and s.due in found)


def ratings(store: Store, report: Any) -> Assessment:
    """What the ratings rules give for the report's data held, beside the finalised ratings,
    and where they differ (each marked if the panel recorded its decision)."""
    held = store.data_versions(report.id)[-1]
    return _ratings(store, report.id, held.number, held.sha256)


@lru_cache(maxsize=1024)
def _ratings(store: Store, report_id: str, number: int, sha256: str) -> Assessment:
    """ratings of one data version (named by its number and checksum, so never stale)."""
    number, bundle = editions.held(store, report_id, number)
    return assess(bundle.load(editions.label(report_id, number)))


def status(store: Store, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    held = store.held_versions()
    for report in store.all_reports():
        ids = stage_ids(report.in_wales)
        reached = ids.index(report.stage)
        due = due_dates(store, report, held[report.id])
        pending = {s: d for s, d in due.items() if ids.index(s) > reached}
        overdue = {s: d for s, d in pending.items() if d < today}
        rows.append({
            "id": report.id, "stage": report.stage, "revision": report.revision,
            "data_version": held[report.id].number,
            "next": ids[reached + 1] if reached + 1 < len(ids) else None,
            "due": {s: d.isoformat() for s, d in pending.items()},
            "overdue": {s: d.isoformat() for s, d in overdue.items()},
        })
    return rows
