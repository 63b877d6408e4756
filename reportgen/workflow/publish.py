"""Publishing: refused unless every stage is complete and every gate holds on the versions held
now; then the publication set, per language the final DOCX and PDF, the web edition and the data
workbook, with the factual accuracy log and a manifest of checksums. Every file is checked for
accessibility first; a set that fails a check is not written."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from reportgen.checks import accessibility
from reportgen.convert import pdf
from reportgen.workflow import factual_accuracy, tracker
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import Store, TrackError


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


def web_and_workbook(report, langs: list[str]) -> dict[str, bytes]:
    """Each language's web edition and data workbook, from the inspection data."""
    from reportgen import pipeline
    from reportgen.loading import parse

    loaded = parse(Path(report.inspection))
    files = {}
    for job in pipeline.jobs_for(loaded, [report.doc], langs):
        rendered = pipeline.render_files(job, formats=pipeline.PUBLICATION_FORMATS)
        for suffix in (".html", ".xlsx"):
            files[f"{report.id}.{job.lang}{suffix}"] = rendered[suffix]
    return files


def publish(store: Store, report_id: str, out: Path, by: str) -> Path:
    authorise(store, by, "publish", report_id)
    problems = refusals(store, report_id)
    if problems:
        raise TrackError(f"{report_id} cannot be published: " + "; ".join(problems))
    report = store.report(report_id)
    target = out / report_id
    if target.exists():
        raise TrackError(f"{target} exists already: a publication set is never overwritten")
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{report_id}.", dir=out))
    try:
        langs = ["en", "cy"] if report.in_wales else ["en"]
        docx = []
        for lang in langs:
            version = store.latest(report_id, lang)
            assert version is not None  # the gates hold
            path = staging / f"{report_id}.{lang}.docx"
            path.write_bytes(store.content(report_id, version.id))
            docx.append(path)
        pdf.convert(docx, staging)
        for name, content in web_and_workbook(report, langs).items():
            (staging / name).write_bytes(content)
        failures = [f.line(path.name) for path, found in accessibility.check_files(
            [p for p in sorted(staging.iterdir()) if p.suffix in (".docx", ".pdf", ".html")])
            .items() for f in found]
        if failures:
            raise TrackError(f"{report_id} was not published: the set fails the accessibility "
                             "checks:\n  " + "\n  ".join(failures))
        title = report_id
        (staging / f"{report_id}.factual-accuracy-log.docx").write_bytes(
            factual_accuracy.log(store, report_id, title))
        manifest = {"report": report_id, "revision": report.revision, "published_by": by,
                    "files": [{"name": p.name, "bytes": p.stat().st_size,
                               "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                              for p in sorted(staging.iterdir())]}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    store.move(report_id, report.revision, "published", by, f"published to {target}")
    return target
