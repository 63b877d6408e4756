"""The planted-claims corpus (tools/claims_planting.py) on the Welsh region's report and
Gwent's, in English and Welsh: every kind of claim planted right and wrong, the thresholds of
the full corpus (tools/claims_catch_rate.py, all 21 reports) held on this sample (at most 12
right wordings of each kind in each edition, and as many wrong)."""

from __future__ import annotations

from tests.conftest import rendered_inputs
from tools import claims_planting as claims
from tools import stats_planting as planting

SAMPLE = ("wales-regional-report", "gwent-pdu-report")


def test_planted_claims_are_mismatched_at_their_place_and_right_ones_only_traced(rendered):
    reports = [r for r in planting.corpus_reports(
        rendered_inputs(), lambda job: (rendered / f"{job.stem}.docx").read_bytes())
        if r[0] in SAMPLE]
    assert sorted(r[0] for r in reports) == sorted(SAMPLE)
    tally = claims.corpus(reports, per_kind=12)
    print("\n" + tally.table())
    planted, caught = sum(tally.planted.values()), sum(tally.caught.values())
    controls, alarms = sum(tally.controls.values()), sum(tally.alarms.values())
    assert controls >= planted > 0
    assert caught >= 0.98 * planted, tally.misses[:10]
    assert alarms <= 0.01 * controls, tally.misses[:10]
    for lang in ("en", "cy"):
        assert tally.by_lang[f"{lang}:caught"] >= 0.98 * tally.by_lang[f"{lang}:planted"]
        assert tally.by_lang[f"{lang}:alarms"] <= 0.01 * tally.by_lang[f"{lang}:controls"]
    # every kind planted, in the PDU report and the regional one alike
    assert {k for k in claims.KINDS if tally.planted[k]} == set(claims.KINDS)
