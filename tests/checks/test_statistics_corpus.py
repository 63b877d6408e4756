"""The planted-error corpus: every kind of error planted into every rendered fixture report,
English and Welsh; the catch rate printed per kind (pytest -s shows it)."""

from __future__ import annotations

from reportgen.checks.statistics import planting
from tests.conftest import rendered_inputs


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
