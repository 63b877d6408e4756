"""Publishing: refused unless every stage is complete and every gate holds on the data version
held; then the day of publication goes into the data (a last data version), and every edition is
made from that version: per language the DOCX, the PDF, the web edition and the data workbook,
with the factual accuracy log and a manifest of checksums. Every file is checked (accessibility,
and the statistics check of the final documents) first; a set that fails a check is not
written."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from reportgen import pipeline
from reportgen.bundle import Bundle
from reportgen.checks import accessibility
from reportgen.convert import pdf
from reportgen.loading import Loaded
from reportgen.workflow import editions, factual_accuracy, stats_check, tracker
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import NewVersion, Store, TrackError


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


def publish(store: Store, report_id: str, out: Path, by: str,
            on: dt.date | None = None) -> Path:
    authorise(store, by, "publish", report_id)
    problems = refusals(store, report_id)
    if problems:
        raise TrackError(f"{report_id} cannot be published: " + "; ".join(problems))
    report = store.report(report_id)
    target = out / report_id
    if target.exists():
        raise TrackError(f"{target} exists already: a publication set is never overwritten")
    day = on or dt.date.today()
    number, final, changed, files = final_editions(store, report_id, day)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{report_id}.", dir=out))
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        pdf.convert(sorted(staging.glob("*.docx")), staging)
        _check(store, staging, report_id, final.load(editions.label(report_id, number)))
        (staging / f"{report_id}.factual-accuracy-log.docx").write_bytes(
            factual_accuracy.log(store, report_id, report_id))
        manifest = {"report": report_id, "data_version": number, "data_sha256": final.sha256,
                    "published_on": day.isoformat(), "published_by": by,
                    "files": [{"name": p.name, "bytes": p.stat().st_size,
                               "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                              for p in sorted(staging.iterdir())]}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    kept = [NewVersion(lang, f"{report_id}.{lang}.docx",
                       (target / f"{report_id}.{lang}.docx").read_bytes(), data_version=number)
            for lang in tracker.languages(report)]
    try:
        store.move(report_id, report.revision, "published", by, f"published to {target}",
                   kept, editions.new_data(final, number, f"published on {day}")
                   if changed else None)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # the store says what is published
        raise
    return target


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
