"""Heavy work as jobs: publishing queued in the store and run by a worker (the service's own
thread on SQLite; `reportgen worker` processes on PostgreSQL), its progress and result kept with
the job, the published set kept in the store; a worker killed mid-job leaves the job to another,
which does it once."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from reportgen.workflow import editions, jobs
from reportgen.workflow.publish import published, zipped
from reportgen.workflow.store import Store, TrackError
from tests.conftest import EAST, ROOT, TEAM, add_team

ID = "luton-pdu-report"


def ready(store: Store) -> None:
    """Luton's report at ready-to-publish in `store`, every gate holding."""
    from reportgen.workflow import tracker
    add_team(store)
    tracker.start(store, EAST / "pdus" / "luton.json", "pdu-report", TEAM["lead-inspector"])
    for stage in ("initial-edit", "strategic-edit", "chief-inspector-review",
                  "factual-accuracy", "statistics-check"):
        store.move(ID, store.report(ID).revision, stage, "x", "")
    number, _ = editions.held(store, ID)
    store.record_stats(ID, "", True, "{}", number, "en")
    store.move(ID, store.report(ID).revision, "ready-to-publish", "x", "")


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


def assert_published_once(store: Store, job_id: int) -> None:
    job = store.job(job_id)
    assert job.state == "done", job.result
    assert job.result.startswith("Published on ") and "files" in job.result
    assert store.report(ID).stage == "published"
    moves = [h for h in store.history(ID) if h.to_stage == "published"]
    assert len(moves) == 1
    files = published(store, ID)
    manifest = json.loads(files["manifest.json"])
    assert {f["name"] for f in manifest["files"]} | {"manifest.json"} == set(files)
    assert {f"{ID}.en.{x}" for x in ("docx", "pdf", "html", "xlsx")} <= set(files)
    with zipfile.ZipFile(io.BytesIO(zipped(store, ID))) as z:
        assert sorted(z.namelist()) == sorted(f"{ID}/{name}" for name in files)


def test_on_sqlite_the_services_own_thread_publishes_and_keeps_the_set(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    ready(store)
    job_id = jobs.submit(store, "publish", ID, TEAM["publication"])
    assert store.job(job_id).state in ("queued", "running")
    jobs.runner(store).join()
    assert_published_once(store, job_id)
    assert store.job(job_id).attempts == 1


def test_a_job_the_account_may_not_do_is_refused_before_it_is_queued(tmp_path):
    from reportgen.workflow.accounts import Forbidden
    store = Store(str(tmp_path / "t.db"))
    ready(store)
    with pytest.raises(Forbidden):
        jobs.submit(store, "publish", ID, TEAM["editor"])
    assert store.jobs() == []


def test_a_refused_publication_is_the_jobs_result_and_changes_nothing(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    ready(store)
    store.move(ID, store.report(ID).revision, "statistics-check", TEAM["publication"],
               "sent back")
    job_id = jobs.submit(store, "publish", ID, TEAM["publication"])
    jobs.runner(store).join()
    job = store.job(job_id)
    assert job.state == "failed"
    assert "cannot be published: it is at statistics-check, not ready-to-publish" in job.result
    assert store.publication(ID) is None
    with pytest.raises(TrackError, match="is not published"):
        published(store, ID)


def test_a_published_file_that_no_longer_matches_its_manifest_is_never_handed_out(tmp_path):
    import sqlalchemy as sa
    store = Store(str(tmp_path / "t.db"))
    ready(store)
    jobs.submit(store, "publish", ID, TEAM["publication"])
    jobs.runner(store).join()
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE published_files SET content = :c WHERE name = :n"),
                     {"c": b"tampered", "n": f"{ID}.en.html"})
    with pytest.raises(TrackError, match=f"published {ID}.en.html does not match its manifest"):
        zipped(store, ID)


def _worker(url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reportgen", "worker", "--store", url],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


def test_a_worker_killed_mid_job_leaves_it_to_another_which_publishes_once(postgres_server):
    url = postgres_server.new_database()
    store = Store(url)
    ready(store)
    workers = [_worker(url), _worker(url)]
    try:
        job_id = jobs.submit(store, "publish", ID, TEAM["publication"])
        # Killed once it is at work: LibreOffice converting, or the set being checked.
        job = wait_for(lambda: (j := store.job(job_id)).step in (
            "converting to PDF", "checking the set") and j, 120, "the job at work")
        pid = int(job.worker.rsplit(":", 1)[1])
        taker = next(w for w in workers if w.pid == pid)
        os.killpg(taker.pid, signal.SIGKILL)  # the worker and its LibreOffice, at once
        taker.wait(10)
        assert store.report(ID).stage == "ready-to-publish"
        other = next(w for w in workers if w is not taker)
        wait_for(lambda: store.job(job_id).state in ("done", "failed"), 180,
                 "the other worker to finish the job")
        assert_published_once(store, job_id)
        job = store.job(job_id)
        assert job.attempts == 2 and job.worker.endswith(f":{other.pid}")
    finally:
        for w in workers:
            if w.poll() is None:
                os.killpg(w.pid, signal.SIGTERM)
                w.wait(30)


def test_a_worker_refuses_a_sqlite_store(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    add_team(store)
    done = subprocess.run([sys.executable, "-m", "reportgen", "worker", "--store",
                           str(tmp_path / "t.db")], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "a SQLite store's jobs run inside `reportgen serve`" in done.stderr
