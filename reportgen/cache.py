"""Incremental rendering: a document whose inputs have not changed is not rendered again.

A document's key is one hash of everything it is made from: its data (the checked model, and a
region's PDU files), its templates, the house styles, the gettext catalogue, reportgen's own
code and version, and the versions of the libraries and the LibreOffice that render it. After a
run, the key of each document and the checksum of each file it wrote are kept in a record for
that output folder, in the user's cache folder (never in the output folder itself). A document is
skipped only when its key is the same and every file it needs is still there, a regular file,
with the checksum recorded; anything else (a changed input, a file edited, deleted or replaced,
a record missing or unreadable) renders it again. Deleting the record is always safe."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import reportgen
from reportgen import i18n, paths
from reportgen.files import write_atomically

PACKAGE = Path(reportgen.__file__).parent
LIBRARIES = ("docxtpl", "python-docx", "docxcompose", "jinja2", "matplotlib", "pillow", "lxml",
             "babel", "holidays", "icalendar", "openpyxl", "pydantic")
LIBREOFFICE_VERSION = Path("/usr/lib/libreoffice/program/versionrc")
RECORD_VERSION = 1


def _digest_files(files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for file in sorted(files):
        h.update(str(file.name).encode() + b"\0")
        with contextlib.suppress(OSError):
            h.update(hashlib.sha256(file.read_bytes()).digest())
    return h.hexdigest()


def _tree(root: Path, patterns: Iterable[str] = ("*",)) -> list[Path]:
    return [p for pattern in patterns for p in root.rglob(pattern)
            if p.is_file() and "__pycache__" not in p.parts]


def folder() -> Path:
    """reportgen's folder in the user's cache folder."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportgen"


def code() -> str:
    return _code(PACKAGE)


@cache
def _code(package: Path) -> str:
    """reportgen's code and data files, and what renders: libraries, LibreOffice, Python."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    try:
        office = LIBREOFFICE_VERSION.read_bytes()
    except OSError:
        office = b""
    return hashlib.sha256("\n".join([
        _digest_files(_tree(package, ("*.py", "*.toml", "*.po", "*.j2"))), *versions,
        hashlib.sha256(office).hexdigest(), sys.version]).encode()).hexdigest()


def environment() -> str:
    """Every input shared by all documents of a run: code, version, styles, catalogue."""
    return hashlib.sha256("\n".join([
        reportgen.__version__, code(),
        _digest_files(_tree(paths.STYLES)),
        _digest_files(_tree(i18n.LOCALE_DIR)),
        _digest_files(_tree(paths.TEMPLATES / "html")),
    ]).encode()).hexdigest()


def key(parts: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def file_digest(path: Path) -> str:
    return _digest_files([path])


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass
class Record:
    """The keys and files of the documents last rendered into one output folder."""

    out: Path
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)

    @staticmethod
    def location(out: Path) -> Path:
        name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:32]
        return folder() / "renders" / f"{name}.json"

    @classmethod
    def load(cls, out: Path) -> Record:
        try:
            raw = json.loads(cls.location(out).read_text(encoding="utf-8"))
            if raw.get("version") != RECORD_VERSION or raw.get("out") != str(out.resolve()):
                raise ValueError("another record")
            return cls(out, dict(raw["documents"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(out)

    def fresh(self, stem: str, key: str, needed: Iterable[str]) -> bool:
        """The document was made from the same inputs and its files are as it left them."""
        entry = self.documents.get(stem)
        if not entry or entry.get("key") != key:
            return False
        files: Mapping[str, str] = entry.get("files", {})
        extra = [name for name in files if Path(name).suffix not in FORMAT_SUFFIXES]
        for name in [*needed, *extra]:
            path = self.out / name
            if name not in files or path.is_symlink() or not path.is_file():
                return False
            try:
                if sha256(path.read_bytes()) != files[name]:
                    return False
            except OSError:
                return False
        return True

    def update(self, stem: str, key: str, files: Mapping[str, str]) -> None:
        self.documents[stem] = {"key": key, "files": dict(files)}

    def save(self) -> None:
        """Best effort: a record that cannot be written only means rendering again."""
        raw = {"version": RECORD_VERSION, "out": str(self.out.resolve()),
               "documents": self.documents}
        with contextlib.suppress(Exception):
            write_atomically(self.location(self.out),
                             json.dumps(raw, sort_keys=True).encode("utf-8"))


FORMAT_SUFFIXES = (".docx", ".pdf", ".html", ".xlsx")
