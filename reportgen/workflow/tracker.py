"""The editing stages (reportgen/data/stages.toml) and the moves between them. A move goes to
the next stage only, and only once the current stage's gate is met; due dates come from the
calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen import data
from reportgen.errors import a
from reportgen.loading import Loaded, parse, read_document
from reportgen.model import PduInspection
from reportgen.rules.calendar import inspection_calendar
from reportgen.workflow.store import NewVersion, Store, TrackError

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


def render_versions(loaded: Loaded, doc: str, english_sha: str | None = None) -> list[NewVersion]:
    """The draft of a report in each of its languages, rendered from the inspection file."""
    from reportgen import pipeline  # rendering is the pipeline's; imported when needed

    found = []
    for job in pipeline.jobs_for(loaded, [doc], pipeline.languages(loaded, doc)):
        content = pipeline.render_docx(job)
        found.append(NewVersion(str(job.lang), f"{job.stem}.docx", content))
    english = next(v for v in found if v.lang == "en")
    return [v if v.lang == "en" else NewVersion(v.lang, v.name, v.content,
                                                english_sha or english.sha256) for v in found]


def start(store: Store, file: Path, doc: str, by: str) -> str:
    if doc not in DOCS:
        raise TrackError(f"only reports are tracked: choose --doc from {', '.join(DOCS)}")
    loaded = parse(file)
    kind = "pdu-inspection" if doc == "pdu-report" else "regional-inspection"
    if loaded.data.kind != kind:
        raise TrackError(f"{file}: {a(doc)} is made from {a(kind)} file")
    code = loaded.data.pdu.code if isinstance(loaded.data, PduInspection) else \
        loaded.data.region.code  # type: ignore[union-attr]
    report_id = f"{code}-{doc}"
    store.add(report_id, doc, str(file.resolve()), loaded.data.region.in_wales, by,  # type: ignore[union-attr]
              render_versions(loaded, doc))
    return report_id


def gate_problem(store: Store, report_id: str, stage: Stage) -> str | None:
    """Why the report cannot leave `stage` yet, or None."""
    if stage.gate == "fa_decided":
        items = store.fa_items(report_id)
        open_items = [i.number for i in items if i.decision is None]
        if open_items:
            return (f"factual accuracy item(s) {', '.join(map(str, open_items))} have no "
                    "decision (reportgen fa decide)")
        needs_coo = [i.number for i in items if i.category == "B" and not i.decided_by_coo]
        if needs_coo:
            return (f"category B item(s) {', '.join(map(str, needs_coo))} need the chief "
                    "operating officer's decision (reportgen fa decide ... --coo)")
    if stage.gate == "stats_passed":
        latest = store.latest(report_id, "en")
        if latest is None or not store.stats_passed(report_id, latest.sha256):
            return ("the statistics check has not passed on the version now held "
                    "(reportgen check stats ... --track ID)")
    if stage.gate == "welsh_current":
        problem = welsh_problem(store, report_id)
        if problem:
            return problem
    return None


def welsh_problem(store: Store, report_id: str) -> str | None:
    english, welsh = store.latest(report_id, "en"), store.latest(report_id, "cy")
    if welsh is None:
        return "no Welsh edition is held"
    if english is not None and welsh.source_sha256 != english.sha256:
        return ("the Welsh edition was made from an earlier English version: attach the Welsh "
                "of the version now held (reportgen track advance ... --file-cy)")
    return None


def advance(store: Store, report_id: str, to: str, by: str, note: str = "",
            files: dict[str, Path] | None = None) -> None:
    report = store.report(report_id)
    order = stages(report.in_wales)
    ids = [s.id for s in order]
    if to not in ids:
        raise TrackError(f"{to} is not a stage of {report_id}: stages are {', '.join(ids)}")
    here = ids.index(report.stage)
    if ids.index(to) != here + 1:
        following = ids[here + 1] if here + 1 < len(ids) else None
        raise TrackError(f"{report_id} is at {report.stage}: it can move only to "
                         f"{following or 'nowhere (it is published)'}, not to {to}")
    problem = gate_problem(store, report_id, order[here])
    if problem:
        raise TrackError(f"{report_id} cannot leave {report.stage}: {problem}")
    if to == "published":
        raise TrackError("a report is published by reportgen publish, which checks every gate "
                         "and writes the publication set")
    store.move(report_id, report.revision, to, by, note, attachments(store, report_id, files))


def attach(store: Store, report_id: str, by: str, files: dict[str, Path]) -> None:
    """Keep edited documents at the report's current stage, without moving it."""
    report = store.report(report_id)
    if report.stage == "published":
        raise TrackError(f"{report_id} is published: its documents no longer change")
    new = attachments(store, report_id, files)
    if not new:
        raise TrackError("nothing to attach: give --file and/or --file-cy")
    store.add_versions(report_id, report.stage, by, new)


def attachments(store: Store, report_id: str, files: dict[str, Path] | None) -> list[NewVersion]:
    """Edited documents handed in with a move: the English, and the Welsh made from it."""
    new: list[NewVersion] = []
    english_sha = None
    for lang in ("en", "cy"):
        path = (files or {}).get(lang)
        if path is None:
            continue
        content = read_document(path)
        source = None
        if lang == "cy":
            english = store.latest(report_id, "en")
            source = english_sha or (english.sha256 if english else None)
        version = NewVersion(lang, path.name, content, source)
        english_sha = version.sha256 if lang == "en" else english_sha
        new.append(version)
    return new


def due_dates(report: Any) -> dict[str, dt.date]:
    """When the report should reach each stage that has a due milestone."""
    inspection = parse(Path(report.inspection)).data
    found = {m.id.split("_", 1)[1]: m.date for m in inspection_calendar(inspection)}  # type: ignore[arg-type]
    return {s.id: found[s.due] for s in stages(report.in_wales) if s.due and s.due in found}


def status(store: Store, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for report in store.all_reports():
        ids = stage_ids(report.in_wales)
        reached = ids.index(report.stage)
        due = due_dates(report)
        pending = {s: d for s, d in due.items() if ids.index(s) > reached}
        overdue = {s: d for s, d in pending.items() if d < today}
        rows.append({
            "id": report.id, "stage": report.stage, "revision": report.revision,
            "next": ids[reached + 1] if reached + 1 < len(ids) else None,
            "due": {s: d.isoformat() for s, d in pending.items()},
            "overdue": {s: d.isoformat() for s, d in overdue.items()},
        })
    return rows
