"""Checks of a Word document handed in from outside (an edited report, a returned factual
accuracy form) before anything opens it: a .docx is a zip of XML parts, so it is refused if it
is not one, if it would unpack to far more than it weighs (a zip bomb), if any part declares a
DTD or entities (external entities, entity expansion), or if it carries macros."""

from __future__ import annotations

import io
import re
import zipfile

from reportgen.errors import ReportgenError

MAX_PARTS = 1000
MAX_UNPACKED = 200 * 1024 * 1024  # the largest report unpacks to a few MiB
MAX_RATIO = 100  # deflate reaches about 10:1 on Word's XML; bombs reach thousands
MACRO_PARTS = re.compile(r"(vbaProject|vbaData|activeX|\.bin$)", re.I)
DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


class UnsafeDocument(ReportgenError):
    """A file that is not a plain Word document, with the reason."""


def check_docx(content: bytes, name: str) -> None:
    """Raise UnsafeDocument naming `name` and what is wrong, unless `content` is a plain .docx."""
    def refuse(why: str) -> UnsafeDocument:
        return UnsafeDocument(f"{name}: {why}")

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise refuse("not a Word document (.docx): save it from Word as a .docx")
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        parts = package.infolist()
        if len(parts) > MAX_PARTS:
            raise refuse(f"{len(parts)} parts, more than a Word document has ({MAX_PARTS})")
        unpacked = sum(p.file_size for p in parts)
        if unpacked > MAX_UNPACKED or any(
                p.compress_size and p.file_size / p.compress_size > MAX_RATIO
                and p.file_size > 1024 * 1024 for p in parts):
            raise refuse("it would unpack to far more than it weighs (a zip bomb)")
        names = {p.filename for p in parts}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise refuse("not a Word document (.docx): it has no word/document.xml")
        macros = sorted(n for n in names if MACRO_PARTS.search(n))
        types = package.read("[Content_Types].xml")
        if macros or b"macroEnabled" in types:
            raise refuse("it carries macros (" + (", ".join(macros) or "a macro-enabled "
                         "document type") + "): save it as a plain .docx without macros")
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                with package.open(part) as f:
                    if DTD.search(f.read(MAX_UNPACKED)):
                        raise refuse(f"{part.filename} declares a DTD or entities, which a "
                                     "Word document never needs")
