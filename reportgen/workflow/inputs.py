"""Input files handed to the service: checked whole before anything is kept (every problem
with its JSON path and what was expected), then kept in the store; and the correspondence an
inspection plan makes (announcement letters, project plans and their calendars), each in its
addressee's language."""

from __future__ import annotations

import tempfile
from pathlib import Path

from reportgen.errors import InputError, Problem
from reportgen.loading import parse
from reportgen.reading import Loaded
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import Store

KEPT = ("pdu-inspection", "inspection-plan")
CORRESPONDENCE = ("announcement-letter", "project-plan")


def checked(content: bytes, source: str) -> Loaded:
    """The file read and checked as `reportgen validate` does; InputError lists every problem."""
    with tempfile.TemporaryDirectory(prefix="reportgen-input-") as folder:
        path = Path(folder) / "input.json"  # a name of our own: nothing from the upload
        path.write_bytes(content)
        try:
            loaded = parse(path)
        except InputError as exc:
            raise InputError([Problem(p.path, p.expected, p.found, source, p.severity)
                              for p in exc.problems]) from None
    loaded.path = Path(source)
    if loaded.data.kind not in KEPT:
        raise InputError([Problem("$.kind", "a PDU inspection or an inspection plan (a "
                                  "regional inspection comes with its PDU files: load its "
                                  "region folder)", loaded.data.kind, source)])
    return loaded


def keep(store: Store, content: bytes, source: str, by: str) -> tuple[int, Loaded]:
    """Check a file and keep it; its id in the store. Nothing is kept unless it is valid."""
    authorise(store, by, "inputs.upload")
    loaded = checked(content, source)
    data = loaded.data
    code = data.pdu.code if data.kind == "pdu-inspection" else data.region.code  # type: ignore[union-attr]
    name = data.pdu.name if data.kind == "pdu-inspection" else data.region.name  # type: ignore[union-attr]
    return store.add_input(data.kind, code, name.en, content.decode("utf-8-sig"), by), loaded


def kept(store: Store, input_id: int) -> Loaded:
    """A kept input, read again."""
    content = store.input_content(input_id).encode()
    return checked(content, f"input {input_id}")


def correspondence(store: Store, input_id: int, by: str) -> dict[str, bytes]:
    """Every letter, project plan and calendar a kept inspection plan makes, by file name."""
    from reportgen import pipeline

    authorise(store, by, "correspondence")
    loaded = kept(store, input_id)
    files: dict[str, bytes] = {}
    for doc in CORRESPONDENCE:
        for job in pipeline.jobs_for(loaded, [doc], pipeline.languages(loaded, doc)):
            for suffix, content in pipeline.render_files(job).items():
                files[f"{job.stem}{suffix}"] = content
    return files
