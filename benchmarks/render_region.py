"""Benchmark: the East of England region (eleven PDU reports and the regional report) rendered to
DOCX and to PDF, beside a plain one-process docxtpl baseline rendering the same reports.

    python3 benchmarks/render_region.py

Prints seconds per document (cold: first render, charts drawn; warm: rendered again), the
region's total wall time to DOCX and PDF, and peak memory (this process, and LibreOffice).
Targets on a 2-core machine: a PDU report DOCX under 0.15 s warm, the region to DOCX and PDF
under 20 s, peak memory under 1 GiB. Not part of the tests: timings are not assertions.
"""

from __future__ import annotations

import io
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen import pipeline  # noqa: E402
from reportgen.documents.common import Edition  # noqa: E402
from reportgen.documents.figures import ChartSpec  # noqa: E402
from reportgen.render import charts, word  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def baseline(job: pipeline.Job) -> bytes:
    """What a plain docxtpl script does: load the template, draw the charts, render, save."""
    context = job.doc.build(job.loaded, Edition(job.lang), job.variant.key)
    tpl = DocxTemplate(str(word.Template(job.doc.name, job.lang).path))

    def pictures(value):
        if isinstance(value, ChartSpec):
            return InlineImage(tpl, io.BytesIO(charts.draw.__wrapped__(value)), Cm(16))
        if isinstance(value, dict):
            return {k: pictures(v) for k, v in value.items()}
        if isinstance(value, list):
            return [pictures(v) for v in value]
        return value

    tpl.render(pictures(context))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def report_jobs(region: Path) -> list[pipeline.Job]:
    """The region's reports: its PDU reports and its regional report."""
    return [j for j in pipeline.all_jobs(pipeline.inputs([region]))
            if j.doc.name in ("pdu-report", "regional-report")]


def main(region: Path = ROOT / "fixtures" / "east-of-england") -> None:
    jobs = report_jobs(region)
    pdu_jobs = [j for j in jobs if j.doc.name == "pdu-report"]
    print(f"{len(jobs)} documents: {len(pdu_jobs)} PDU reports and "
          f"{len(jobs) - len(pdu_jobs)} regional report(s)\n")

    base = [timed(lambda j=j: baseline(j)) for j in pdu_jobs]
    cold = [timed(lambda j=j: pipeline.render_docx(j)) for j in pdu_jobs]
    warm = [timed(lambda j=j: pipeline.render_docx(j)) for j in pdu_jobs]
    rows = [("plain docxtpl baseline", base), ("reportgen, cold (charts drawn)", cold),
            ("reportgen, warm", warm)]
    print(f"{'PDU report to DOCX':<34}{'median s':>10}{'max s':>10}")
    for name, values in rows:
        print(f"{name:<34}{statistics.median(values):>10.3f}{max(values):>10.3f}")

    charts.draw.cache_clear()
    with tempfile.TemporaryDirectory() as tmp:
        docx = timed(lambda: pipeline.run(jobs, Path(tmp) / "docx", ["docx"]))
        charts.draw.cache_clear()
        both = timed(lambda: pipeline.run(jobs, Path(tmp) / "both", ["docx", "pdf"]))
    print(f"\nWhole region, from cold, {len(jobs)} documents:")
    print(f"  to DOCX            {docx:6.1f} s  ({docx / len(jobs):.2f} s a document)")
    print(f"  to DOCX and PDF    {both:6.1f} s  ({both / len(jobs):.2f} s a document)")
    print("\nPeak memory:")
    print(f"  reportgen          {peak_mib(resource.RUSAGE_SELF):6.0f} MiB")
    print(f"  LibreOffice        {peak_mib(resource.RUSAGE_CHILDREN):6.0f} MiB")


if __name__ == "__main__":
    main()
