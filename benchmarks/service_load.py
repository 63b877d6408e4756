"""Load test of the editorial service on this machine: 20 people at once for 60 seconds, each
signed in as their own account, browsing the dashboard and report pages and moving reports on
(and back) through the real forms of `reportgen serve` (in its own process). Every report's
page is warmed first, as in a running service, and each person starts at a random moment
within the first pause (`--think`) rather than all in the same millisecond.

    python3 benchmarks/service_load.py [--users 20] [--seconds 60] [--store URL]
        [--think SECONDS] [--publish N] [--workers N] [--processes N]

`--think`: each person pauses this long between one look-and-move and the next, as people do
(0, the default, has them click as fast as the service answers). `--publish N`: N more reports
are made ready to publish, and the publication team presses Publish on each in turn while the
others browse, waiting for each job to finish; with a PostgreSQL store, `--workers` worker
processes (`reportgen worker`) do the publishing beside the service, as in production.

Bounded in time and in traffic (127.0.0.1 only). Prints requests per second, latency (median,
95th percentile, maximum) by kind of request, the moves made and the moves refused because
someone else moved the report first; then checks the store: every move a person was told was
made is in the report's history exactly once, and nothing else is (no lost or duplicated
transition), and every history line starts where the one before it ended. Exit status 1 if
any request failed or the check does not hold. Not part of the tests.
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.workflow import accounts, stats_check, tracker  # noqa: E402
from reportgen.workflow.store import Store  # noqa: E402

PASSWORD = "load test password"
REPORTS = ["bedfordshire", "cambridgeshire-and-peterborough", "essex-north", "essex-south",
           "hertfordshire"]
# Every role that owns a stage from draft to the factual accuracy check, so anyone may move.
MOVER = ["lead-inspector", "editor", "coo", "chief-inspector"]


class Person:
    """One browser's worth of requests: a keep-alive connection, a session cookie, forms."""

    def __init__(self, port: int, name: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.name, self.cookie = name, ""
        self.timings: list[tuple[str, float, float]] = []  # (kind, seconds, when started)
        self.server: list[tuple[str, float]] = []  # the service's own time (Server-Timing)
        self.failures: list[str] = []
        self.moved: list[tuple[str, str]] = []  # (report, stage reached)
        self.refused = 0

    def request(self, kind: str, method: str, path: str, form: dict | None = None
                ) -> tuple[int, str, str]:
        body = urlencode(form or {}, doseq=True)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body if form is not None else None,
                              headers=headers)
            response = self.conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            raise OSError(f"{method} {path}: {exc!r}") from exc
        text = response.read().decode()
        self.timings.append((kind, time.perf_counter() - start, start))
        made = re.search(r"app;dur=([\d.]+)", response.getheader("Server-Timing") or "")
        if made:
            self.server.append((kind, float(made.group(1)) / 1000))
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        if response.status >= 400 and response.status != 409:
            self.failures.append(f"{method} {path}: {response.status}")
        return response.status, text, response.getheader("Location") or ""

    def sign_in(self) -> None:
        _, page, _ = self.request("sign-in page", "GET", "/sign-in")
        status, _, _ = self.request("sign in", "POST", "/sign-in", {
            "csrf_token": token(page), "name": self.name, "password": PASSWORD})
        if status != 302:
            raise SystemExit(f"{self.name} could not sign in ({status})")

    def step(self, report_id: str) -> None:
        """Look at the dashboard and a report; move it on from draft to the Chief Inspector's
        review, and from there send it back to initial editing."""
        self.request("dashboard", "GET", "/")
        _, page, _ = self.request("report page", "GET", f"/reports/{report_id}")
        if "move-submit" in page and "Move to Factual accuracy" not in page:
            form, path = {"move-csrf_token": token(page), "move-note": "",
                          "move-seen": seen(page, "move")}, "advance"
        else:  # at the Chief Inspector's review (or moved there meanwhile): back to editing
            form = {"back-csrf_token": token(page), "back-to": "initial-edit",
                    "back-reason": "load test", "back-seen": seen(page, "back")}
            path = "send-back"
        status, _, location = self.request("move", "POST", f"/reports/{report_id}/{path}", form)
        if status != 302:
            return  # a failure, counted by request()
        _, after, _ = self.request("report page", "GET", location.split("#")[0])
        done = re.search(r"(moved to|was sent back to) ([^.<]+)\.", after)
        if done:
            self.moved.append((report_id, done.group(2).strip()))
        elif "moved under you" in after or "it can move only to" in after \
                or "cannot be sent back" in after:
            self.refused += 1
        else:
            self.failures.append(f"{report_id}: a move neither made nor refused")


def token(page: str) -> str:
    return re.search(r'name="[\w-]*csrf_token"[^>]*value="([^"]+)"|'
                     r'name="[\w-]*csrf_token" value="([^"]+)"', page).group(1)


def seen(page: str, prefix: str) -> str:
    """The revision of the report the page showed, which its move form carries."""
    found = re.search(rf'name="{prefix}-seen"[^>]*value="(\d+)"', page)
    return found.group(1) if found else ""


def set_up(store_url: str, users: int, publish: int) -> list[str]:
    """The accounts, the reports people browse, and `publish` reports ready to publish (their
    ids)."""
    store = Store(store_url)
    accounts.add(store, "Load Admin", ["admin"], PASSWORD, None)
    accounts.add(store, "Publisher", ["publication"], PASSWORD, "Load Admin")
    accounts.add(store, "Load Editor", ["editor"], PASSWORD, "Load Admin")
    for i in range(users):
        accounts.add(store, f"Person {i}", MOVER, PASSWORD, "Load Admin")
    for code in REPORTS:
        tracker.start(store, ROOT / "fixtures" / "east-of-england" / "pdus" / f"{code}.json",
                      "pdu-report", "Person 0")
    ready = sorted(p.stem for p in (ROOT / "fixtures" / "east-of-england" / "pdus").glob("*.json")
                   if p.stem not in REPORTS)[:publish]
    for code in ready:
        report_id = tracker.start(store, ROOT / "fixtures" / "east-of-england" / "pdus" /
                                  f"{code}.json", "pdu-report", "Person 0")
        for stage in ("initial-edit", "strategic-edit", "chief-inspector-review",
                      "factual-accuracy", "statistics-check"):
            store.move(report_id, store.report(report_id).revision, stage, "Load Admin", "")
        stats_check.run(store, report_id, "Load Editor", confirm=True)  # as the data team does
        store.move(report_id, store.report(report_id).revision, "ready-to-publish",
                   "Load Admin", "")
    return [f"{code}-pdu-report" for code in ready]


def publish_each(person: Person, ready: list[str], deadline: float,
                 windows: list[tuple[float, float]]) -> list[float]:
    """Press Publish on each report in turn, through the page, and wait for its job to finish
    (reloading the page as a person would); the seconds from the press to the set shown.
    `windows` gets each job's (start, end) on the clock of `Person.request`."""
    taken = []
    for report_id in ready:
        if time.monotonic() > deadline:
            break
        _, page, _ = person.request("report page", "GET", f"/reports/{report_id}")
        forms = re.findall(r'<form[^>]*action="([^"]*/publish)"[^>]*>.*?name="csrf_token"[^>]*'
                           r'value="([^"]+)"', page, re.S)
        if not forms:
            person.failures.append(f"{report_id}: no Publish button")
            continue
        pressed, since = time.monotonic(), time.perf_counter()
        person.request("publish", "POST", forms[0][0], {"csrf_token": forms[0][1]})
        while time.monotonic() < deadline + 120:
            time.sleep(1)
            _, page, _ = person.request("report page", "GET", f"/reports/{report_id}")
            if "The whole set, as one zip file" in page or "Not done" in page:
                break
        if "The whole set, as one zip file" not in page:
            person.failures.append(f"{report_id}: not published")
        taken.append(time.monotonic() - pressed)
        windows.append((since, time.perf_counter()))
    return taken


def check(store_url: str, people: list[Person]) -> list[str]:
    """Every move someone was told was made is in the history once; nothing else is."""
    store = Store(store_url)
    titles = {s.title: s.id for s in tracker.stages(True)}
    told: dict[str, Counter] = defaultdict(Counter)
    for p in people:
        for report_id, title in p.moved:
            told[report_id][titles[title]] += 1
    problems = []
    for code in REPORTS:
        report_id = f"{code}-pdu-report"
        history = store.history(report_id)[1:]
        recorded = Counter(h.to_stage for h in history)
        if recorded != told[report_id]:
            problems.append(f"{report_id}: history {dict(recorded)}, told {dict(told[report_id])}")
        for before, after in zip([store.history(report_id)[0], *history], history):
            if after.from_stage != before.to_stage:
                problems.append(f"{report_id}: a move from {after.from_stage} after one to "
                                f"{before.to_stage}")
        if store.report(report_id).revision != 1 + len(history):
            problems.append(f"{report_id}: revision {store.report(report_id).revision}, "
                            f"{len(history)} moves")
    return problems


def published_once(store_url: str, ready: list[str]) -> list[str]:
    """Each report published once: one move to published, one set kept."""
    store = Store(store_url)
    problems = []
    for report_id in ready:
        moves = [h for h in store.history(report_id) if h.to_stage == "published"]
        if len(moves) != 1 or store.publication(report_id) is None:
            problems.append(f"{report_id}: {len(moves)} move(s) to published")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--store", default=None, help="a SQLAlchemy URL (default: a new "
                        "SQLite file)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--think", type=float, default=0.0)
    parser.add_argument("--publish", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--processes", type=int, default=None,
                        help="the service's processes (default: serve's own)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="reportgen-load-"))
    store_url = args.store or str(folder / "load.db")
    ready = set_up(store_url, args.users, args.publish)
    server = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "--store", store_url, "--port",
         str(args.port), "--instance", str(folder / "instance"),
         *(["--processes", str(args.processes)] if args.processes else [])],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers = [subprocess.Popen([sys.executable, "-m", "reportgen", "worker", "--store",
                                 store_url], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
               for _ in range(args.workers if ready and "://" in store_url else 0)]
    published: list[float] = []
    windows: list[tuple[float, float]] = []
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/")
                break
            except OSError:
                time.sleep(0.2)
        people = [Person(args.port, f"Person {i}") for i in range(args.users)]
        for p in people:
            p.sign_in()
            # The service warm (its templates compiled, its caches filled, in each of its
            # processes), as a running one is.
            p.request("warm-up", "GET", "/")
            for code in REPORTS:
                p.request("warm-up", "GET", f"/reports/{code}-pdu-report")
        publisher = Person(args.port, "Publisher")
        publisher.sign_in()
        deadline = time.monotonic() + args.seconds

        def browse(p: Person, seed: int) -> None:
            pick = random.Random(seed)
            # People come to the service one by one, not all in the same millisecond: each
            # starts within the first pause (a ramp-up, as load tools have).
            time.sleep(pick.uniform(0, args.think))
            while time.monotonic() < deadline:
                try:
                    p.step(f"{pick.choice(REPORTS)}-pdu-report")
                except (OSError, http.client.HTTPException) as exc:
                    p.failures.append(repr(exc))
                    return
                time.sleep(pick.uniform(0.5, 1.5) * args.think)

        started = time.monotonic()
        threads = [threading.Thread(target=browse, args=(p, i)) for i, p in enumerate(people)]
        threads.append(threading.Thread(
            target=lambda: published.extend(publish_each(publisher, ready, deadline, windows))))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    finally:
        for w in workers:
            w.terminate()
            w.wait(60)
        server.terminate()
        _, errors = server.communicate(timeout=30)
        said = [line for line in errors.decode().splitlines() if "queue depth" not in line]
        if said:  # waitress's notes that requests queued are expected at this load
            print("the server said:\n" + "\n".join(said[-40:]))
    timings = [t for p in people for t in p.timings
               if t[0] not in ("sign-in page", "sign in", "warm-up")]
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, seconds, _ in timings:
        by_kind[kind].append(seconds)
    kind = store_url.split("://")[0] if "://" in store_url else "sqlite"
    print(f"{args.users} users for {elapsed:.0f} s on {kind}: {len(timings)} requests, "
          f"{len(timings) / elapsed:.1f} requests/s")
    for kind, values in sorted(by_kind.items()):
        values.sort()
        print(f"  {kind:<12} {len(values):>6}  median {statistics.median(values) * 1000:6.0f} ms"
              f"  p95 {values[int(0.95 * (len(values) - 1))] * 1000:6.0f} ms"
              f"  max {values[-1] * 1000:6.0f} ms")
    every = sorted(s for _, s, _ in timings)
    print(f"  {'all':<12} {len(every):>6}  median {statistics.median(every) * 1000:6.0f} ms"
          f"  p95 {every[int(0.95 * (len(every) - 1))] * 1000:6.0f} ms")
    if windows:  # the pages asked for while a publication ran, and the others
        inside = [any(a <= at <= b for a, b in windows) for _, _, at in timings]
        for name, wanted in (("publishing", True), ("otherwise", False)):
            values = sorted(t[1] for t, i in zip(timings, inside) if i == wanted)
            if values:
                print(f"  {name:<12} {len(values):>6}  median "
                      f"{statistics.median(values) * 1000:6.0f} ms  p95 "
                      f"{values[int(0.95 * (len(values) - 1))] * 1000:6.0f} ms")
    made = sorted(s for p in people for k, s in p.server
                  if k not in ("sign-in page", "sign in", "warm-up"))
    if made:  # the service's own time, without the wait in its queue or in this client
        print(f"  {'in the app':<12} {len(made):>6}  median {statistics.median(made) * 1000:6.0f}"
              f" ms  p95 {made[int(0.95 * (len(made) - 1))] * 1000:6.0f} ms")
    if ready:
        print(f"  published {len(published)} of {len(ready)} report(s) while they browsed"
              + (f", each {min(published):.1f} to {max(published):.1f} s from the press to the "
                 "set on the page" if published else "")
              + (f" ({len(workers)} worker processes)" if workers else " (the service's thread)"))
    moved = sum(len(p.moved) for p in people)
    refused = sum(p.refused for p in people)
    print(f"  moves made {moved}, refused because the report had moved first {refused}")
    failures = [f for p in [*people, publisher] for f in p.failures]
    problems = check(store_url, people) + published_once(store_url, ready[:len(published)])
    for line in failures[:20] + problems:
        print("  FAILED " + line)
    print("no error; every move in the history exactly once" if not failures + problems
          else f"{len(failures)} failed request(s), {len(problems)} history problem(s)")
    return 1 if failures or problems else 0


if __name__ == "__main__":
    sys.exit(main())
