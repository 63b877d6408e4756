"""The statistics check on planted claims: every PDU and regional report of the bundled
fixtures, in English and Welsh, rendered to Word; each claim planted one at a time, right and
wrong (tools/claims_planting.py); the table printed, then every miss and every alarm.

    .venv/bin/python tools/claims_catch_rate.py

The same corpus runs as a test (tests/checks/test_claims_corpus.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import claims_planting as claims  # noqa: E402
from tools import stats_planting as planting  # noqa: E402


def main() -> None:
    reports = planting.fixture_reports()
    start = time.perf_counter()
    tally = claims.corpus(reports)
    print(f"{len(reports)} reports, {sum(len(e) for _, _, e in reports)} Word editions; "
          f"the corpus in {time.perf_counter() - start:.1f} s\n")
    print(tally.table())
    for line in tally.misses:
        print(line)


if __name__ == "__main__":
    main()
