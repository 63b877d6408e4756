"""The planted-error corpus: every kind of error planted into every rendered fixture report,
English and Welsh; the catch rate printed per kind (pytest -s shows it)."""

from __future__ import annotations

import pytest

from tests.conftest import rendered_inputs
from tools import stats_planting as planting


def test_every_planted_error_is_caught_and_no_right_figure_is_flagged(rendered):
    reports = planting.corpus_reports(
        rendered_inputs(), lambda job: (rendered / f"{job.stem}.docx").read_bytes())
    assert len(reports) == 21 and sum(len(e) for _, _, e in reports) == 28
    tally = planting.corpus(reports)
    print("\n" + tally.table())
    assert tally.clean == 35 and tally.clean_alarms == []
    assert tally.misses == []
    assert {k for k in planting.KINDS if tally.planted[k]} == set(planting.KINDS)
    assert tally.caught == tally.planted
    assert sum(tally.controls.values()) == 56 and not tally.control_alarms


@pytest.mark.slow
def test_every_web_edition_and_workbook_passes_in_each_language_and_each_pair():
    """The corpus's reports as web editions and workbooks: every figure bound, nothing
    mismatched, the two languages each other's counterparts."""
    from reportgen import pipeline
    from reportgen.checks import statistics as st

    checked = 0
    for ld in rendered_inputs():
        doc = {"pdu-inspection": "pdu-report",
               "regional-inspection": "regional-report"}.get(ld.data.kind)
        if doc is None:
            continue
        f = st.facts(ld)
        found: dict[tuple[str, str], list] = {}
        for job in pipeline.jobs_for(ld, [doc], pipeline.languages(ld, doc)):
            files = pipeline.render_files(job, formats=("html", "xlsx"))
            for fmt in ("html", "xlsx"):
                found[job.lang, fmt] = st.check_edition(st.read(files[f".{fmt}"]), f, job.lang)
                problems = [x for x in found[job.lang, fmt] if x.status == "mismatched"]
                assert problems == [], (job.stem, fmt, problems[:3])
                checked += 1
        for fmt in ("html", "xlsx"):
            if ("cy", fmt) in found:
                assert st.compare(found["en", fmt], found["cy", fmt]) == [], (ld.path, fmt)
    assert checked == 56
