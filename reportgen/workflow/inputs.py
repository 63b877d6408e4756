"""Input files handed to the service: checked whole before anything is kept (every problem
with its file, JSON path and what was expected), then kept in the store; the reports they make
tracked from their drafts; and the correspondence an inspection plan makes (announcement
letters, project plans and their calendars), each in its addressee's language, issued and kept
as issued."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from reportgen import pipeline
from reportgen.bundle import Bundle
from reportgen.documents import report_for
from reportgen.errors import InputError, Problem
from reportgen.jsonpath import jsonpath, shown
from reportgen.loading import parse_data
from reportgen.model import RegionalInspection
from reportgen.reading import Loaded, json_of
from reportgen.workflow import tracker
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import Store, TrackError

KINDS = ("pdu-inspection", "regional-inspection", "inspection-plan")
CORRESPONDENCE = ("announcement-letter", "project-plan")


def checked(uploads: Mapping[str, bytes]) -> tuple[Bundle, Loaded]:
    """The files handed in (by name, as the browser gives them: no folders) read and checked as
    `reportgen validate` does: one PDU inspection or plan file, or a region's file with the PDU
    files it names (found by their names). InputError lists every problem, by file."""
    objects = {}
    problems: list[Problem] = []
    for name, content in uploads.items():
        try:
            objects[name] = json_of(content, name)[1]
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    mains = [n for n, obj in objects.items() if obj.get("kind") != "pdu-inspection"] \
        or list(objects)
    if len(mains) != 1 or not (len(objects) == 1 or
                               objects[mains[0]].get("kind") == "regional-inspection"):
        raise InputError([Problem("the files", "one PDU inspection or plan file, or one "
                                  "region's file with its PDU files",
                                  ", ".join(sorted(uploads)) or "none", "the upload")])
    main = mains[0]
    files = {main: objects[main], **_pdu_files(main, objects)}
    loaded = parse_data(files, main)
    if loaded.data.kind not in KINDS:
        raise InputError([Problem("$.kind", "a PDU or regional inspection or an inspection plan",
                                  loaded.data.kind, main)])
    return Bundle(main, files), loaded


def _pdu_files(main: str, objects: Mapping[str, dict]) -> dict[str, dict]:
    """The region's PDU files by the names its entries give them (pdus/gwent.json), each found
    among the files handed in by its own name (gwent.json); one missing is named by its
    entry."""
    region = objects[main]
    if region.get("kind") != "regional-inspection" or not isinstance(region.get("pdus"), list):
        return {}
    found, problems = {}, []
    for i, entry in enumerate(region["pdus"]):
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            continue
        base = posixpath.basename(name.replace("\\", "/"))
        if base in objects and base != main:
            found[name] = objects[base]
        else:
            problems.append(Problem(jsonpath("pdus", i, "file"), f"{base} among the files "
                                    "handed in with the region's file", "no such file", main))
    extra = sorted(set(objects) - {main} - {posixpath.basename(n) for n in found})
    problems += [Problem("the files", "only the PDU files the region's file names",
                         f"{shown(n)}, which it does not name", n) for n in extra]
    if problems:
        raise InputError(problems)
    return found


def keep(store: Store, uploads: Mapping[str, bytes], by: str) -> tuple[int, Loaded, Bundle]:
    """Check the files and keep them (a region with its PDU files, as one input); the input's id
    in the store. Nothing is kept unless every file is valid."""
    authorise(store, by, "inputs.upload")
    bundle, loaded = checked(uploads)
    data = loaded.data
    code = data.pdu.code if data.kind == "pdu-inspection" else data.region.code  # type: ignore[union-attr]
    name = data.pdu.name if data.kind == "pdu-inspection" else data.region.name  # type: ignore[union-attr]
    content = bundle.to_json() if isinstance(data, RegionalInspection) else \
        uploads[bundle.main].decode("utf-8-sig")
    return store.add_input(data.kind, code, name.en, content, by), loaded, bundle


def start_reports(store: Store, bundle: Bundle, loaded: Loaded, by: str) -> list[str]:
    """Track the reports the kept data makes, from their drafts: a PDU's report, or a region's
    and each of its PDUs'; those tracked already are left as they are. The ids started."""
    kind = loaded.data.kind
    report = report_for(kind)
    if report is None:
        return []
    known = {r.id for r in store.all_reports()}
    wanted = [(bundle, report)]
    if isinstance(loaded.data, RegionalInspection):
        wanted += [(Bundle(posixpath.basename(n), {posixpath.basename(n): obj}), "pdu-report")
                   for n, obj in bundle.files.items() if n != bundle.main]
    started = []
    for data, doc in wanted:
        code = data.files[data.main].get(
            "pdu" if doc == "pdu-report" else "region", {}).get("code")
        if f"{code}-{doc}" not in known:
            started.append(tracker.start_data(store, data, doc, by, data.main))
    return started


def kept(store: Store, input_id: int) -> Loaded:
    """A kept input, read again."""
    content = store.input_content(input_id)
    if store.input_kind(input_id) == "regional-inspection":
        return Bundle.from_json(content).load(f"input {input_id}")
    return checked({f"input-{input_id}.json": content.encode()})[1]


def correspondence(store: Store, input_id: int, by: str) -> dict[str, bytes]:
    """Every letter, project plan and calendar a kept inspection plan makes, by file name."""
    authorise(store, by, "correspondence")
    loaded = kept(store, input_id)
    if loaded.data.kind != "inspection-plan":
        raise TrackError(f"input {input_id} is not an inspection plan")
    files: dict[str, bytes] = {}
    for doc in CORRESPONDENCE:
        for job in pipeline.jobs_for(loaded, [doc], pipeline.languages(loaded, doc)):
            for suffix, content in pipeline.render_files(job).items():
                files[f"{job.stem}{suffix}"] = content
    return files


def issue(store: Store, input_id: int, by: str) -> int:
    """Issue a plan's letters and project plans: made now and kept in the store exactly as
    sent, with who issued them and when (issuing again keeps a new issue beside the first).
    The number of files issued."""
    files = correspondence(store, input_id, by)
    store.add_issue(input_id, by, files)
    return len(files)
