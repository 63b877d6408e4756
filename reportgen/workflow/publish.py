"""Publishing: refused unless every stage is complete and every gate holds on the data version
held; then the day of publication goes into the data (a last data version), and every edition is
made from that version: per language the DOCX, the PDF, the web edition and the data workbook,
with the factual accuracy log and a manifest of checksums. Every file is checked (accessibility,
and the statistics check of the final documents) first; a set that fails a check is not kept.
The set is kept in the store, with the move to published: the store is the one record of what
was published, whichever interface published it, and a folder is written from it on request."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from reportgen import pipeline
from reportgen.bundle import Bundle
from reportgen.checks import accessibility
from reportgen.convert import pdf
from reportgen.files import output_folder, place_folder, sweep, workspace
from reportgen.i18n import N_
from reportgen.reading import Loaded
from reportgen.workflow import editions, factual_accuracy, policy, stats_check, tracker
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import NewVersion, Publication, Store, TrackError


def refusals(store: Store, report_id: str) -> list[str]:
    report = store.report(report_id)
    found = []
    if report.stage != "ready-to-publish":
        found.append(f"it is at {report.stage}, not ready-to-publish")
    for stage in tracker.stages(report.in_wales):
        problem = tracker.gate_problem(store, report_id, stage) if stage.gate else None
        if problem:
            found.append(problem)
    return found


def final_editions(store: Store, report_id: str, on: dt.date
                   ) -> tuple[int, Bundle, bool, dict[str, bytes]]:
    """The data held with its publication date (its number, the data, whether that made a new
    version), and every edition made from it: DOCX, web edition and workbook per language, by
    file name."""
    report = store.report(report_id)
    number, bundle = editions.held(store, report_id)
    day = on.isoformat()
    changed = bundle.files[bundle.main].get("publication_date") != day
    if changed:
        bundle = bundle.with_value("$.publication_date", day, new_field=True)
        number += 1
    loaded = bundle.load(editions.label(report_id, number))
    files: dict[str, bytes] = {}
    for job in editions.jobs(loaded, report.doc, report_id, number, bundle.sha256,
                             tracker.languages(report)):
        rendered = pipeline.render_files(job, formats=pipeline.PUBLICATION_FORMATS)
        for suffix in (".docx", ".html", ".xlsx"):
            files[f"{report_id}.{job.lang}{suffix}"] = rendered[suffix]
    return number, bundle, changed, files


def publish(store: Store, report_id: str, by: str, on: dt.date | None = None,
            out: Path | None = None, step: Callable[[str], None] = lambda _: None
            ) -> Path | None:
    """Publish the report: the set is made and checked in a private workspace, then kept in the
    store with the move to published, in one transaction; with `out`, also written to
    `out/<report>` (never over a set already there). `step` hears what is being done."""
    authorise(store, by, "publish", report_id)
    problems = refusals(store, report_id)
    if problems:
        raise TrackError(f"{report_id} cannot be published: " + "; ".join(problems))
    report = store.report(report_id)
    if out is not None:
        _unwritten(out / report_id)
        output_folder(out, create=False)
    day = on or dt.date.today()
    step(N_("making every edition"))
    number, final, changed, files = final_editions(store, report_id, day)
    policy.check(store, by, report_id, editions.held(store, report_id)[1], final)
    with workspace("publish") as work:
        staging = work / report_id
        staging.mkdir()
        for name, content in files.items():
            (staging / name).write_bytes(content)
        step(N_("converting to PDF"))
        pdf.convert(sorted(staging.glob("*.docx")), staging)
        step(N_("checking the set"))
        _check(store, staging, report_id, final.load(editions.label(report_id, number)))
        (staging / f"{report_id}.factual-accuracy-log.docx").write_bytes(
            factual_accuracy.log(store, report_id))
        made = {p.name: p.read_bytes() for p in sorted(staging.iterdir())}
    manifest = json.dumps({
        "report": report_id, "data_version": number, "data_sha256": final.sha256,
        "published_on": day.isoformat(), "published_by": by,
        "files": [{"name": name, "bytes": len(content),
                   "sha256": hashlib.sha256(content).hexdigest()}
                  for name, content in made.items()]}, indent=2) + "\n"
    made["manifest.json"] = manifest.encode()
    kept = [NewVersion(lang, f"{report_id}.{lang}.docx", made[f"{report_id}.{lang}.docx"],
                       data_version=number) for lang in tracker.languages(report)]
    step(N_("keeping the published set"))
    store.move(report_id, report.revision, "published", by, f"published on {day}", kept,
               editions.new_data(final, number, f"published on {day}") if changed else None,
               publication=Publication(number, day, manifest, made))
    return export(store, report_id, out) if out is not None else None


def _unwritten(target: Path) -> None:
    if target.exists():
        raise TrackError(f"{target} exists already: a publication set is never overwritten")


def export(store: Store, report_id: str, out: Path) -> Path:
    """The published set, as the store keeps it, written to `out/<report>` whole (made in a
    private workspace and moved into place in one step), each file checked against the
    manifest."""
    target = out / report_id
    _unwritten(target)
    files = published(store, report_id)
    output_folder(out, create=False)
    if out.is_dir():
        sweep(out)
    with workspace("publish") as work:
        staging = work / report_id
        staging.mkdir()
        for name, content in files.items():
            (staging / name).write_bytes(content)
        _unwritten(target)
        output_folder(out)
        place_folder(staging, target)
    return target


def published(store: Store, report_id: str) -> dict[str, bytes]:
    """Every file of the report's published set by name, each checked against the manifest
    kept with it: a file that differs is never handed out."""
    if store.publication(report_id) is None:
        raise TrackError(f"{report_id} is not published")
    files = {row.name: store.published_file(report_id, row.name)
             for row in store.published_files(report_id)}
    listed = json.loads(files["manifest.json"])["files"]
    for entry in listed:
        content = files.get(entry["name"])
        if content is None or hashlib.sha256(content).hexdigest() != entry["sha256"]:
            raise TrackError(f"{report_id}'s published {entry['name']} does not match its "
                             "manifest: the store has been altered")
    return files


def zipped(store: Store, report_id: str) -> bytes:
    """The published set as one zip file, for the publication team to download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in published(store, report_id).items():
            z.writestr(f"{report_id}/{name}", content)
    return buffer.getvalue()


def _check(store: Store, staging: Path, report_id: str, loaded: Loaded) -> None:
    failures = [f.line(path.name) for path, found in accessibility.check_files(
        [p for p in sorted(staging.iterdir()) if p.suffix in (".docx", ".pdf", ".html")])
        .items() for f in found]
    if failures:
        raise TrackError(f"{report_id} was not published: the set fails the accessibility "
                         "checks:\n  " + "\n  ".join(failures))
    documents = {p.name.split(".")[-2]: p.read_bytes() for p in staging.glob("*.docx")
                 if p.name.split(".")[-2] in ("en", "cy")}
    problems = stats_check.final_problems(store, report_id, loaded, documents)
    if problems:
        raise TrackError(f"{report_id} was not published: " + "; ".join(problems))
