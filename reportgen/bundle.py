"""The inspection data of one report as one value: its main file and the files it names (a
region's PDU files), kept together so that a version of the data can be stored, changed and
rendered without the files on disk.

A change to the data (an edit read back from Word, a translation, a factual accuracy
correction) is made here, at an address (reportgen.documents.bound), and gives a new Bundle;
`load` checks it exactly as a file on disk is checked."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.files import write_atomically
from reportgen.jsonpath import address, jsonpath, keys_of, split_address
from reportgen.loading import parse, parse_data
from reportgen.model import RegionalInspection, formatted
from reportgen.model.common import fingerprint
from reportgen.reading import Loaded, read_json


class AddressError(ValueError):
    """An address that names nothing in the data."""


@dataclass(frozen=True)
class Bundle:
    main: str  # the main file's name, e.g. "gwent.json" or "region.json"
    files: Mapping[str, Any] = field(hash=False)  # name (relative to the main file) -> JSON

    # ----------------------------------------------------------------- reading and storing

    @classmethod
    def read(cls, path: Path) -> Bundle:
        """The checked file at `path` and, for a region, the PDU files it names."""
        loaded = parse(path)
        files = {path.name: read_json(path)[1]}
        if isinstance(loaded.data, RegionalInspection):
            for entry in loaded.data.pdus:
                if entry.file is not None:
                    files[entry.file] = read_json(path.parent / entry.file)[1]
        return cls(path.name, files)

    @classmethod
    def from_json(cls, text: str) -> Bundle:
        stored = json.loads(text)
        return cls(stored["main"], stored["files"])

    def to_json(self) -> str:
        return json.dumps({"main": self.main, "files": self.files}, indent=1,
                          ensure_ascii=False, sort_keys=False) + "\n"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    def file_text(self, name: str) -> str:
        """One file as it would be written to disk."""
        return json.dumps(self.files[name], indent=2, ensure_ascii=False) + "\n"

    def write(self, folder: Path) -> Path:
        """Every file into `folder` (as laid out on disk); the main file's path."""
        for name in self.files:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.file_text(name), encoding="utf-8")
        return folder / self.main

    def write_changes(self, main_path: Path, since: Bundle) -> list[Path]:
        """Write over the input files on disk those that differ from `since` (the data as read
        from them), each atomically. The paths written."""
        written = []
        for name in self.files:
            if self.files[name] != since.files.get(name):
                target = main_path if name == self.main else main_path.parent / name
                write_atomically(target, self.file_text(name).encode("utf-8"))
                written.append(target)
        return written

    def load(self, label: str | None = None) -> Loaded:
        """The data checked as files on disk are (in memory: nothing is written); problems name
        `label` (the report and version)."""
        loaded = parse_data(self.files, self.main, label)
        loaded.path = Path(self.main)
        return loaded

    # ------------------------------------------------------------------------- changes

    def get(self, addr: str) -> Any:
        """The JSON value at an address."""
        parent, key = self._locate(self.files, addr)
        return parent[key]

    def with_value(self, addr: str, value: Any, new_field: bool = False) -> Bundle:
        """A copy with the value at `addr` replaced (a figure corrected in the data), or, with
        `new_field`, given where the object has no such field yet."""
        files = copy.deepcopy(dict(self.files))
        parent, key = self._locate(files, addr, must_exist=not new_field)
        parent[key] = value
        return Bundle(self.main, files)

    def with_text(self, addr: str, lang: str, text: str) -> Bundle:
        """A copy with the narrative at `addr` reading `text` in `lang` (plain text, or a
        Formatted written as {"formatted": markup}).

        English replaces the English and leaves any Welsh in place, where its fingerprint shows
        it stale (Welsh never confirmed is first recorded as made from the English it came
        with). Welsh is recorded as the translation of the English now held (the person who
        wrote it read that English). The "in <place>" form of a Welsh name ($.pdu.name.cy_in) is
        a field of its own."""
        files = copy.deepcopy(dict(self.files))
        parent, key = self._locate(files, addr)
        current = parent[key]
        text = formatted.to_json(text)
        if key == "cy_in":
            parent[key] = text
            parent["cy_source"] = fingerprint(parent["en"])
        elif lang == "en":
            if isinstance(current, dict) and _is_text(current):
                if current.get("cy") is not None and current.get("cy_source") is None:
                    # Welsh that came with the English, never confirmed, was made from the
                    # English it came with: recorded, it shows stale, never confirmed as the
                    # translation of text it was not made from.
                    current["cy_source"] = fingerprint(current["en"])
                current["en"] = text
            else:  # a string alone is English text; formatted English needs its "en"
                parent[key] = {"en": text} if isinstance(text, dict) else text
        else:
            is_text = isinstance(current, dict) and _is_text(current)
            english = current["en"] if is_text else current
            node = current if is_text else {"en": english}
            node.update(cy=text, cy_source=fingerprint(english))
            parent[key] = node
        return Bundle(self.main, files)

    def diff(self, later: Bundle) -> list[tuple[str, Any, Any]]:
        """(address, value here, value in `later`) of every value that differs, in file order;
        None stands for a value one side lacks."""
        found: list[tuple[str, Any, Any]] = []
        for name in dict.fromkeys([*self.files, *later.files]):
            _leaves_differ(self.files.get(name), later.files.get(name), (),
                           None if name == self.main else name, found)
        return found

    def only_welsh_differs(self, later: Bundle) -> bool:
        """Whether `later` differs from this data in its Welsh alone (no figure, no English)."""
        return all(isinstance(a, dict) and isinstance(b, dict) and _is_text(a) and _is_text(b)
                   and a["en"] == b["en"] for _, a, b in self.diff(later))

    def _locate(self, files: Mapping[str, Any], addr: str,
                must_exist: bool = True) -> tuple[Any, str | int]:
        file, path = split_address(addr)
        name = file or self.main
        if name not in files:
            raise AddressError(f"{addr}: the data has no file {name}")
        try:
            keys = keys_of(path)
        except ValueError as exc:
            raise AddressError(str(exc)) from None
        if not keys:
            raise AddressError(f"{addr}: names the whole file, not a value in it")
        node: Any = files[name]
        try:
            for key in keys[:-1]:
                node = node[key]
            if must_exist or not isinstance(node, dict):
                node[keys[-1]]  # the value must exist
        except (KeyError, IndexError, TypeError):
            raise AddressError(f"{addr}: there is no such value in {name}") from None
        return node, keys[-1]


def _leaves_differ(a: Any, b: Any, keys: tuple[str | int, ...], file: str | None,
                   found: list[tuple[str, Any, Any]]) -> None:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict) and not _is_text(a) and not _is_text(b):
        for key in dict.fromkeys([*a, *b]):
            _leaves_differ(a.get(key), b.get(key), (*keys, key), file, found)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _leaves_differ(x, y, (*keys, i), file, found)
    else:
        found.append((address(jsonpath(keys), file), a, b))


def _is_text(value: dict) -> bool:
    """A bilingual text ({"en": ..., "cy": ...}): compared as one value."""
    return "en" in value and set(value) <= {"en", "cy", "cy_source", "cy_in"}
