"""Benchmark: the whole national programme (tools/make_national.py: 12 regions, 111 PDUs, Wales in
Welsh and English), every document in every due language, to DOCX and PDF, from cold.

    .venv/bin/python benchmarks/national.py              # everything (about 5 minutes)
    .venv/bin/python benchmarks/national.py --rows 1,12  # fewer growth rows

Each run is a fresh process with an empty cache folder (no charts, no LibreOffice profile, no
record of earlier renders), so it pays every start-up cost a first run pays. Printed:

- wall time and documents per second for 1, 3, 6 and 12 regions, and how far each row lies from
  the straight line through them (cost linear in the number of PDUs);
- for the whole programme: the time each stage kept a process busy (summed over the workers,
  which run side by side), the peak memory of every process, and the peak of all of them
  together; then the web edition and workbook of every report, as a second line;
- a PDU report to DOCX, cold (its charts not drawn before) in a warm process, beside a plain
  docxtpl + matplotlib script rendering the same reports (each chart drawn on a new figure);
- one PDU file changed, `reportgen render-all` of its region (a new process, as typed): DOCX
  only, then DOCX and PDF.

Targets (2 cores): national programme under 60 s; PDU report at least 3x the plain script;
one change re-rendered under 1 s (DOCX) and 3 s (with PDF); peak memory under 1 GiB; rows
within 15% of a straight line. Not part of the tests: timings are not assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

DATA = ROOT / "benchmarks" / ".national"  # the generated programme (not committed)
GENERATOR = [ROOT / "tools" / name for name in ("make_national.py", "make_fixtures.py",
                                                 "narrative.py")]


# -- the programme -----------------------------------------------------------------------------


def programme() -> list[Path]:
    """The national programme's region folders, generated on first use (and again if the
    generator changed)."""
    import make_national

    stamp = hashlib.sha256(b"".join(p.read_bytes() for p in GENERATOR)).hexdigest()
    marker = DATA / "generator.sha256"
    if not (marker.exists() and marker.read_text() == stamp):
        shutil.rmtree(DATA, ignore_errors=True)
        make_national.make(DATA)
        marker.write_text(stamp)
    return [DATA / code for code, _, _ in make_national.REGIONS]


def pdus(regions: list[Path]) -> int:
    return sum(len(list((r / "pdus").glob("*.json"))) for r in regions)


# -- one cold run, in a fresh process ----------------------------------------------------------


def child(request: dict) -> None:
    """In the fresh process: import, load, plan, render; print what each took, as JSON."""
    import resource

    started = time.perf_counter()
    from reportgen import pipeline

    imported = time.perf_counter()
    loaded = pipeline.inputs([Path(p) for p in request["paths"]])
    jobs = pipeline.all_jobs(loaded)
    loaded_at = time.perf_counter()
    plan = pipeline.plan(jobs, Path(request["out"]), request["formats"])
    outcome = pipeline.execute(plan)
    done = time.perf_counter()
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(json.dumps({"import": imported - started, "load": loaded_at - imported,
                      "render": done - loaded_at, "documents": len(jobs),
                      "files": len(outcome.written), "stages": dict(outcome.timings),
                      "cpu": sum(u.ru_utime + u.ru_stime for u in usage)}))


class Memory(threading.Thread):
    """Samples every process below `root` (in /proc): each one's peak resident memory, and the
    peak of all of them together."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.stop = root, threading.Event()
        self.peaks: dict[int, tuple[str, int]] = {}
        self.together = 0

    def run(self) -> None:
        while not self.stop.wait(0.1):
            total = 0
            for pid, role in self.tree().items():
                status = _status(pid)
                if "VmHWM" in status:
                    self.peaks[pid] = (role, max(status["VmHWM"], self.peaks.get(pid, ("", 0))[1]))
                    total += status.get("VmRSS", 0)
            self.together = max(self.together, total)

    def tree(self) -> dict[int, str]:
        parents: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                pid = int(stat.parent.name)
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(pid)
        found, todo = {}, [self.root]
        while todo:
            pid = todo.pop()
            found[pid] = _role(pid, self.root)
            todo += parents.get(pid, [])
        return found


def _status(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, _, v in (line.partition(":") for line in lines)
            if k in ("VmHWM", "VmRSS")}


def _role(pid: int, root: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"
    if pid == root:
        return "reportgen (main)"
    if "uno_worker.py" in cmd:
        return "LibreOffice worker (Python)"
    if "soffice.bin" in cmd:
        return "LibreOffice (soffice.bin)"
    if "oosplash" in cmd:
        return "LibreOffice launcher (oosplash)"
    if "national.py" in cmd:
        return "render worker"
    return cmd.split(" ")[0].rsplit("/", 1)[-1]


def cold_run(paths: list[Path], formats: list[str]) -> dict:
    """Render `paths` from cold in a fresh process with an empty cache folder."""
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        request = {"paths": [str(p) for p in paths], "out": str(Path(tmp) / "out"),
                   "formats": formats}
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(request)],
                                stdout=subprocess.PIPE, env=env, text=True)
        memory = Memory(proc.pid)
        memory.start()
        out, _ = proc.communicate()
        wall = time.perf_counter() - start
        memory.stop.set()
        memory.join()
        if proc.returncode:
            raise SystemExit(f"the run failed (exit {proc.returncode})")
        result = json.loads(out.strip().splitlines()[-1])
    return result | {"wall": wall, "peaks": list(memory.peaks.values()),
                     "together_kib": memory.together}


# -- a PDU report, reportgen beside a plain docxtpl + matplotlib script -----------------------


def baseline(job) -> bytes:
    """What a plain docxtpl script does: load the template, draw each chart on a new figure,
    render, save."""
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage

    from reportgen.documents.common import Edition
    from reportgen.documents.figures import ChartSpec
    from reportgen.render import charts, word

    context = job.doc.build(job.loaded, Edition(job.lang), job.variant.key)
    tpl = DocxTemplate(str(word.Template(job.doc.name, job.lang).path))

    def pictures(value):
        if isinstance(value, ChartSpec):
            import matplotlib

            with matplotlib.rc_context(charts.STYLE):
                png = charts.Frame(value).picture(value)  # a new figure, drawn whole
            return InlineImage(tpl, io.BytesIO(png), Cm(charts.WIDTH_CM))
        if isinstance(value, dict):
            return {k: pictures(v) for k, v in value.items()}
        if isinstance(value, list):
            return [pictures(v) for v in value]
        return value

    tpl.render(pictures(context))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def side_by_side(region: Path) -> tuple[list, list]:
    """(processor, wall) seconds per PDU report to DOCX: the plain script, and reportgen with no
    chart drawn before (in this process or on disk), in a warm process."""
    from reportgen import pipeline
    from reportgen.render import charts

    jobs = [j for j in pipeline.all_jobs(pipeline.inputs([region]))
            if j.doc.name == "pdu-report" and j.lang == "en"]
    pipeline.render_docx(jobs[0])  # warm the process: imports, templates, chart frames
    baseline(jobs[0])
    plain, ours = [], []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp  # no picture kept from earlier runs
        charts.draw.cache_clear()
        for job in jobs[1:]:
            plain.append(timed(lambda job=job: baseline(job)))
            ours.append(timed(lambda job=job: pipeline.render_docx(job)))
    return plain, ours


def timed(fn) -> tuple[float, float]:
    """(processor seconds, wall seconds) that `fn` took in this process."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


# -- one change, rendered again ----------------------------------------------------------------


def children_cpu() -> float:
    """Processor seconds of every finished child process (and theirs), so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_change(region: Path) -> list[tuple[str, float, float, str]]:
    """Render the region, change one sentence of one PDU file, and time `reportgen render-all`
    of the region, DOCX only and then DOCX and PDF (a new process each time, as typed)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        copy = Path(tmp) / region.name
        shutil.copytree(region, copy)
        out = Path(tmp) / "out"
        command = [sys.executable, "-m", "reportgen", "render-all", str(copy), "--out", str(out)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        pdu = sorted((copy / "pdus").glob("*.json"))[0]
        for label, formats in (("DOCX only", "docx"), ("DOCX and PDF", "docx,pdf")):
            data = json.loads(pdu.read_text(encoding="utf-8"))
            first = data["foreword"][0]
            data["foreword"][0] = (first | {"en": first["en"] + " One more sentence."}
                                   if isinstance(first, dict) else first + " One more sentence.")
            pdu.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            start, before = time.perf_counter(), children_cpu()
            done = subprocess.run([*command, "--format", formats], env=env, check=True,
                                  capture_output=True, text=True)
            wall, cpu = time.perf_counter() - start, children_cpu() - before
            skipped = next((line for line in done.stdout.splitlines()
                            if line.startswith("Unchanged")), "")
            count = skipped.split("(", 1)[1].split(";")[0] if skipped else "0"
            written = sum(1 for line in done.stdout.splitlines() if line.startswith("  "))
            rows.append((label, wall, cpu,
                         f"{written} files written, {count} documents skipped"))
    return rows


# -- report --------------------------------------------------------------------------------------


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    return (f"{dt.date.today()}, {os.cpu_count()} cores ({cpu}), {platform.system()} "
            f"{platform.release()}, load average {load}")


def line_fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    slope, intercept = statistics.linear_regression(xs, ys)
    return intercept, slope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child")
    parser.add_argument("--rows", default="1,3,6,12")
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    regions = programme()
    counts = [int(n) for n in args.rows.split(",")]
    print(f"Machine: {machine()}\n")

    cores = os.cpu_count() or 1
    rows = {}
    print("Each run from cold in a new process. Wall time depends on what else the machine is "
          "doing;\nprocessor time (all processes of the run) much less: on an otherwise idle "
          f"machine a run\ncannot take less than its processor time / {cores} cores.\n")
    print(f"{'regions':>8}{'PDUs':>6}{'documents':>11}{'files':>7}{'wall s':>9}{'docs/s':>8}"
          f"{'CPU s':>8}{'CPU/cores s':>13}")
    for n in counts:
        rows[n] = r = cold_run(regions[:n], ["docx", "pdf"])
        print(f"{n:>8}{pdus(regions[:n]):>6}{r['documents']:>11}{r['files']:>7}"
              f"{r['wall']:>9.1f}{r['documents'] / r['wall']:>8.1f}{r['cpu']:>8.1f}"
              f"{r['cpu'] / cores:>13.1f}")
    if len(rows) > 2:
        xs = [pdus(regions[:n]) for n in rows]
        for label, ys in (("wall", [r["wall"] for r in rows.values()]),
                          ("processor", [r["cpu"] for r in rows.values()])):
            a, b = line_fit(xs, ys)
            print(f"Straight line through the {label} times: {a:.1f} s + {b:.2f} s a PDU; each "
                  "row's distance from it: " + ", ".join(
                      f"{n} {100 * (y - (a + b * x)) / y:+.0f}%"
                      for n, x, y in zip(rows, xs, ys, strict=True)))

    whole = rows[max(rows)]
    print(f"\n{max(rows)} regions, DOCX and PDF: {whole['wall']:.1f} s wall, of which "
          f"{whole['import']:.1f} s starting Python and importing, {whole['load']:.1f} s "
          "loading and checking the data.")
    print("Processor time of each stage (seconds, summed over the processes that ran it):")
    for stage, seconds in sorted(whole["stages"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<14}{seconds:8.1f}  ({seconds / whole['documents']:.3f} a document)")
    print("Peak memory of each process:")
    by_role: dict[str, list[int]] = {}
    for role, kib in whole["peaks"]:
        by_role.setdefault(role, []).append(kib)
    for role, values in sorted(by_role.items()):
        print(f"  {role:<34}{len(values):>3} x, largest {mib(max(values))}")
    print(f"  all of them together, sampled every 0.1 s: peak {mib(whole['together_kib'])}")

    web = cold_run(regions[:max(counts)], ["html", "xlsx"])
    print(f"\nWeb edition and workbook of every report ({max(counts)} regions): "
          f"{web['files']} files in {web['wall']:.1f} s wall, {web['cpu']:.1f} s processor")

    region = regions[min(len(regions), 9) - 1]
    plain, ours = side_by_side(region)
    print(f"\nPDU report to DOCX, cold, warm process ({len(ours)} reports of {region.name}), "
          "median seconds:")
    print(f"  {'':<28}{'processor':>10}{'wall':>8}")
    for name, values in (("plain docxtpl + matplotlib", plain), ("reportgen", ours)):
        cpu, wall = (statistics.median(v[i] for v in values) for i in (0, 1))
        print(f"  {name:<28}{cpu:>10.3f}{wall:>8.3f}")
    ratio = [statistics.median(p[i] for p in plain) / statistics.median(o[i] for o in ours)
             for i in (0, 1)]
    print(f"  reportgen is {ratio[0]:.1f}x faster by processor time, {ratio[1]:.1f}x by wall")

    print(f"\nOne PDU file changed, reportgen render-all of its region ({region.name}, "
          f"{pdus([region])} PDUs), a new process, as typed:")
    for label, wall, cpu, what in one_change(region):
        print(f"  {label:<14}{wall:6.2f} s wall, {cpu:5.2f} s processor  ({what})")
    print(f"\nLoad average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
