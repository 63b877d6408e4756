"""The benchmark still runs against the current code (its figures are not asserted)."""

import importlib.util

from tests.conftest import ROOT


def test_the_benchmark_finds_the_regions_reports():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks/render_region.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    jobs = bench.report_jobs(ROOT / "fixtures" / "east-of-england")
    assert [j.doc.name for j in jobs].count("pdu-report") == 11 and len(jobs) == 12
    assert bench.baseline(jobs[0]).startswith(b"PK")
