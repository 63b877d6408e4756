"""The benchmark still runs against the current code (its figures are not asserted), and the
national programme it renders is valid data whose ratings agree with the rules."""

import importlib.util

from reportgen import pipeline
from reportgen.rules import assessment
from tests.conftest import ROOT


def script(path: str, name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_national = script("tools/make_national.py", "make_national")


def benchmark():
    return script("benchmarks/national.py", "bench")


def test_the_national_programme_is_valid_and_agrees_with_the_rules(tmp_path):
    wales, north_east = make_national.make(tmp_path, regions=2)
    loaded = pipeline.inputs([wales, north_east])  # every file checked, as render-all does
    pdus = [ld for ld in loaded if ld.data.kind == "pdu-inspection"]
    assert len(pdus) == 6 + 7
    for ld in pdus:
        assert assessment.assess_pdu(ld.data).unrecorded == []
    for ld in loaded:
        if ld.data.kind == "regional-inspection":
            assert assessment.assess_region(ld.data, ld.pdus).unrecorded == []
    shares = [kq.total.yes * 100 / kq.total.total for ld in pdus
              for std in assessment.assess_pdu(ld.data).standards.values()
              for kq in std.key_questions]
    edges = [s for s in shares if any(abs(s - e) < 0.5 for e in make_national.EDGES)]
    assert len(edges) >= 5  # key questions on a band's edge, where rounding decides
    plan = [ld for ld in loaded if ld.data.kind == "inspection-plan" and ld.path.parent == wales]
    for job in pipeline.all_jobs(plan):  # Welsh and English, one bilingual letter
        assert pipeline.render_docx(job).startswith(b"PK")


def test_the_benchmark_runs_a_cold_run_and_the_plain_script(tmp_path):
    bench = benchmark()
    wales = make_national.make(tmp_path / "programme", regions=1)[0]
    gwent = wales / "pdus" / "gwent.json"
    result = bench.cold_run([gwent], ["docx"])
    assert result["documents"] == 4 and result["files"] == 4
    assert {"context", "charts", "word", "post-process"} <= set(result["stages"])
    assert any(role == "reportgen (main)" for role, _ in result["peaks"])
    job = pipeline.all_jobs(pipeline.inputs([gwent]))[0]
    assert bench.baseline(job).startswith(b"PK")
