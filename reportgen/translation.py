"""The translation workflow for Welsh editions: export every English narrative segment of an
inspection file (XLIFF or PO, through translate-toolkit) with its id and the fingerprint of its
English; import the translations back, each keeping the fingerprint of the English it was made
from; report which segments are translated, missing, or stale (the English changed since).

A segment's id is its JSON path in the file ($.domain_one["P 1.1"].strengths[0]), so a
translation goes back exactly where its English came from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from translate.storage import po, xliff

from reportgen.errors import InputError, Problem
from reportgen.files import write_atomically
from reportgen.jsonpath import jsonpath
from reportgen.loading import parse, read_file, read_json
from reportgen.model import Name, Text
from reportgen.model.common import fingerprint

Format = Literal["xliff", "po"]
State = Literal["translated", "missing", "stale"]


@dataclass(frozen=True)
class Segment:
    keys: tuple[str | int, ...]  # where it is in the JSON
    text: Text

    @property
    def id(self) -> str:
        return jsonpath(self.keys)

    @property
    def state(self) -> State:
        if self.text.cy is None:
            return "missing"
        return "stale" if self.text.stale else "translated"

    @property
    def words(self) -> int:
        return len(self.text.en.split())


def segments(value: Any, keys: tuple[str | int, ...] = ()) -> Iterator[Segment]:
    """Every narrative Text of a model, in file order. Names are proper names, given by the data
    team with their Welsh forms, so they are not translation segments."""
    if isinstance(value, Name):
        return
    if isinstance(value, Text):
        yield Segment(keys, value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from segments(getattr(value, name), (*keys, name))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from segments(v, (*keys, k))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from segments(v, (*keys, i))


def file_segments(path: Path) -> list[Segment]:
    return list(segments(parse(path).data))


# ------------------------------------------------------------------------------- export


def export(path: Path, fmt: Format, todo_only: bool = False) -> tuple[bytes, int, int]:
    """The file's segments for translators: bytes, segments exported, English words in them
    (to quote from). With `todo_only`, only the missing and stale ones."""
    chosen = [s for s in file_segments(path) if not todo_only or s.state != "translated"]
    if fmt == "xliff":
        store: Any = xliff.xlifffile(sourcelanguage="en")
        store.settargetlanguage("cy")
    else:
        store = po.pofile()
        store.updateheader(add=True, Language="cy", Project_Id_Version=path.name,
                           Plural_Forms="nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
                                        "n==3 ? 3 : n==6 ? 4 : 5);")
    for seg in chosen:
        unit = store.addsourceunit(seg.text.en)
        if fmt == "xliff":
            unit.setid(seg.id)
        else:
            unit.setcontext(seg.id)
        unit.addnote(f"fingerprint: {seg.text.fingerprint}", origin="developer")
        unit.addnote(f"status: {seg.state}", origin="developer")
        if seg.state == "translated" and seg.text.cy:
            unit.target = seg.text.cy
    if fmt == "xliff":  # name the file the segments come from
        store.setfilename(store.getfilenode("NoName"), path.name)
    return bytes(store), len(chosen), sum(s.words for s in chosen)


# ------------------------------------------------------------------------------- import


def _units(translated: Path) -> list[tuple[str, str, str]]:
    """(segment id, English source, Welsh target) of every translated unit."""
    raw = read_file(translated)
    suffix = translated.suffix.lower()
    try:
        if suffix in (".xlf", ".xliff"):
            store: Any = xliff.xlifffile.parsestring(raw)
            units = [(u.getid().split("\x04")[-1], u.source, u.target) for u in store.units]
        elif suffix == ".po":
            store = po.pofile.parsestring(raw)
            units = [(u.getcontext(), u.source, u.target) for u in store.units if not u.isheader()]
        else:
            raise InputError([Problem("$", "a .xlf, .xliff or .po file", f"a {suffix} file",
                                      source=str(translated))])
    except InputError:
        raise
    except Exception as exc:  # the toolkit's parsers raise many kinds
        raise InputError([Problem("$", "a readable XLIFF or PO file", str(exc)[:120],
                                  source=str(translated))]) from None
    return [(i, s or "", t or "") for i, s, t in units if t and t.strip()]


def import_translations(path: Path, translated: Path) -> tuple[int, int]:
    """Write the translations into the inspection file (atomically, all or nothing). Returns
    (translations imported, of which stale: made from English that has since changed)."""
    by_id = {s.id: s for s in file_segments(path)}
    _, raw = read_json(path)
    problems, imported, stale = [], 0, 0
    for n, (unit_id, source, target) in enumerate(_units(translated), start=1):
        seg = by_id.get(unit_id)
        if seg is None:
            problems.append(Problem(f"unit {n}", "the id of a segment of " + path.name,
                                    repr(unit_id), source=str(translated)))
            continue
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", target):
            problems.append(Problem(f"unit {n} ({unit_id})", "text without control characters",
                                    "a control character", source=str(translated)))
            continue
        _set(raw, seg.keys, target, fingerprint(source))
        imported += 1
        stale += fingerprint(source) != seg.text.fingerprint
    if problems:
        raise InputError(problems)
    content = (json.dumps(raw, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    _check(path, content)
    write_atomically(path, content)
    return imported, stale


def _set(raw: Any, keys: tuple[str | int, ...], welsh: str, source: str) -> None:
    parent = raw
    for key in keys[:-1]:
        parent = parent[key]
    current = parent[keys[-1]]
    english = current if isinstance(current, str) else current["en"]
    parent[keys[-1]] = {"en": english, "cy": welsh, "cy_source": source}


def _check(path: Path, content: bytes) -> None:
    """The file as it would be written must still be valid: checked beside the original (so
    relative references resolve), then removed."""
    probe = path.with_name(f".{path.name}.import-check")
    try:
        probe.write_bytes(content)
        parse(probe)
    finally:
        probe.unlink(missing_ok=True)


# ------------------------------------------------------------------------------- status


def status(path: Path) -> dict[str, Any]:
    segs = file_segments(path)
    counts = {state: sum(s.state == state for s in segs) for state in
              ("translated", "missing", "stale")}
    return {
        "file": str(path), "segments": len(segs), **counts,
        "words_to_translate": sum(s.words for s in segs if s.state != "translated"),
        "to_translate": [{"id": s.id, "state": s.state, "english": s.text.en}
                         for s in segs if s.state != "translated"],
    }
