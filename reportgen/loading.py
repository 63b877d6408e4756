"""Loading input: a file on disk, or data held in memory (a version of a report's data), read
(reportgen.reading) and checked (reportgen.validation) the same way, with the PDU files a region
names. Every problem found is collected and raised together as one InputError, so a data team
fixes a file in one pass rather than one error per run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from reportgen.errors import InputError, Problem
from reportgen.jsonpath import shown
from reportgen.reading import Loaded, model_of, read_json
from reportgen.validation import check


class Files(Protocol):
    """Where the files a region names are read from: a folder on disk, or data in memory."""

    def read(self, name: str, where: str) -> tuple[str, dict[str, Any], str] | Problem:
        """(text, object, source for messages) of the file `name`, or why it cannot be one;
        InputError for a file that cannot be read as JSON."""
        ...


def parse(path: Path, expect: str | None = None) -> Loaded:
    """Read, parse and check one input file (and, for a region, the PDU files it names); with
    `expect`, a file of another kind is refused before it is read further."""
    text, obj = read_json(path)
    return _loaded(text, obj, str(path), path, expect, _Folder(path))


def parse_data(files: Mapping[str, Any], main: str, label: str | None = None) -> Loaded:
    """Data held in memory (file name -> JSON), checked exactly as the same files on disk would
    be, without writing them anywhere; problems name `label/<file>` (the report and version),
    or the file's name alone without a label."""
    memory = _Memory(files, main, label)
    return _loaded(json.dumps(files[main]), files[main], memory.source(main), Path(main), None,
                   memory)


def _loaded(text: str, obj: dict[str, Any], source: str, path: Path, expect: str | None,
            files: Files) -> Loaded:
    loaded = Loaded(path=path, data=model_of(text, obj, source, expect))

    def pdu(name: str, where: str) -> Loaded | Problem:
        found = files.read(name, where)
        if isinstance(found, Problem):
            return found
        text, obj, source = found
        return _loaded(text, obj, source, Path(name), "pdu-inspection", files)

    problems = [p.at(source) for p in check(loaded, pdu)]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
    loaded.warnings = [p for p in problems if p.severity == "warning"]
    return loaded


class _Folder:
    """A region's PDU files on disk: in the region file's folder or below it (a symbolic link
    may not lead out), and not the region file itself."""

    def __init__(self, region_file: Path) -> None:
        self.region_file = region_file

    def read(self, name: str, where: str) -> tuple[str, dict[str, Any], str] | Problem:
        folder = self.region_file.parent.resolve()
        try:
            target = (folder / name).resolve()
        except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop, 3.13 OSError
            return Problem(where, "a PDU inspection file",
                           f"{shown(name)}, a symbolic link that leads round in a loop")
        if not target.is_relative_to(folder):
            return Problem(where, "a file in the region file's folder or below",
                           f"{shown(name)}, which leads to {target}")
        if target == self.region_file.resolve():
            return Problem(where, "a PDU inspection file, not the region file itself",
                           shown(name))
        text, obj = read_json(target)  # InputError for a file that is not JSON
        return text, obj, str(target)


class _Memory:
    """A region's PDU files held with it in memory."""

    def __init__(self, files: Mapping[str, Any], main: str, label: str | None) -> None:
        self.files, self.main, self.label = files, main, label

    def source(self, name: str) -> str:
        return f"{self.label}/{name}" if self.label else name

    def read(self, name: str, where: str) -> tuple[str, dict[str, Any], str] | Problem:
        if name == self.main:
            return Problem(where, "a PDU inspection file, not the region file itself",
                           shown(name))
        if name not in self.files:
            return Problem(where, "a PDU file given with the region's file", shown(name))
        obj = self.files[name]
        return json.dumps(obj), obj, self.source(name)
