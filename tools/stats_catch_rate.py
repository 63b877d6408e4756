"""The statistics check's catch rate on planted errors: every PDU and regional report of the
bundled fixtures (both regions, the minimal and maximal PDU files), in English and Welsh,
rendered to Word; each kind of error planted one at a time; the table printed.

    .venv/bin/python tools/stats_catch_rate.py

The same corpus runs as a test (tests/checks/test_statistics_corpus.py), which asserts every
planted error caught and no right figure flagged.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.checks.statistics import check_edition  # noqa: E402
from reportgen.checks.statistics.reading import read_word  # noqa: E402
from reportgen.checks.statistics.words import _mentions  # noqa: E402
from tools import stats_planting as planting  # noqa: E402


def main() -> None:
    reports = planting.fixture_reports()
    times = []
    for _, f, editions in reports:
        for lang, parts in editions.items():
            check_edition(read_word(parts), f, lang)  # the vocabulary, read once a process
            _mentions.cache_clear()  # each edition read afresh, as at a publication
            start = time.perf_counter()
            check_edition(read_word(parts), f, lang)
            times.append(time.perf_counter() - start)
    start = time.perf_counter()
    tally = planting.corpus(reports)
    seconds = time.perf_counter() - start
    print(f"{len(reports)} reports, {len(times)} Word editions; one edition checked in "
          f"{statistics.median(times) * 1000:.0f} ms (median; slowest "
          f"{max(times) * 1000:.0f} ms); the corpus in {seconds:.1f} s\n")
    print(tally.table())
    for line in tally.misses + tally.clean_alarms:
        print(line)


if __name__ == "__main__":
    main()
