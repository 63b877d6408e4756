"""The statistics check's catch rate on planted errors: every PDU and regional report of the
bundled fixtures (both regions, the minimal and maximal PDU files), in English and Welsh,
rendered to Word; each kind of error planted one at a time; the table printed.

    .venv/bin/python tools/stats_catch_rate.py

The same corpus runs as a test (tests/checks/test_statistics_corpus.py), which asserts every
planted error caught and no right figure flagged.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen import pipeline  # noqa: E402
from reportgen.checks.statistics import planting  # noqa: E402


def main() -> None:
    fixtures = ROOT / "fixtures"
    loaded = pipeline.inputs([fixtures / "wales", fixtures / "east-of-england",
                              fixtures / "pdu-minimal.json", fixtures / "pdu-maximal.json"])
    reports = planting.corpus_reports(loaded, pipeline.render_docx)
    start = time.perf_counter()
    tally = planting.corpus(reports)
    seconds = time.perf_counter() - start
    editions = sum(len(eds) for _, _, eds in reports)
    print(f"{len(reports)} reports, {editions} Word editions; checked in {seconds:.1f} s\n")
    print(tally.table())
    for line in tally.misses + tally.clean_alarms:
        print(line)


if __name__ == "__main__":
    main()
