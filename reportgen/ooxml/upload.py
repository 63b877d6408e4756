"""Word documents handed in from outside (an edited report, a returned factual accuracy form):
checked before anything opens them, and rewritten before anything keeps or serves them.

A .docx is a zip of XML parts. It is refused if it is not one, if it would unpack to far more than
it weighs (a zip bomb), if a part's name could lead outside the package, if any part at all
declares a DTD or entities (external entities, entity expansion), if it carries macros or
embedded objects, if it holds a field that fetches content when Word updates it (INCLUDEPICTURE,
INCLUDETEXT, LINK, DDE), or if it links to anything outside itself other than a web or mail link (a
remote template, an OLE object linked to a network path: opening such a file makes Word fetch it,
and give the reader's Windows credentials to whoever runs the server). What is kept is the
document written afresh from its parts, with an attached template (which Word fetches on
opening) left out: never the file as it came.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from reportgen.errors import ReportgenError
from reportgen.ooxml.names import qn
from reportgen.ooxml.text import FLD_CHAR, FLD_SIMPLE, INSTR

MAX_PARTS = 1000
MAX_UNPACKED = 200 * 1024 * 1024  # the largest report unpacks to a few MiB
MAX_RATIO = 100  # deflate reaches about 10:1 on Word's XML; bombs reach thousands
MACRO_PARTS = re.compile(r"(vbaProject|vbaData|activeX|\.bin$)", re.I)
EMBEDDED = re.compile(r"^word/embeddings/", re.I)
DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
TEMPLATE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "attachedTemplate")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SAFE_LINK = re.compile(r"^(https?://|mailto:)[^\s\\]+$", re.I)
# Fields that fetch content from outside the document when Word updates them (a picture or
# text from another computer's share leaks the reader's Windows credentials).
FETCHING = re.compile(r"^\s*(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDE|DDEAUTO|IMPORT)\b",
                      re.I)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False)


class UnsafeDocument(ReportgenError):
    """A file that is not a plain Word document, with the reason."""


def check_docx(content: bytes, name: str) -> bytes:
    """The document rewritten from its parts, unless it is not a plain .docx: UnsafeDocument
    naming `name` and what it held."""
    def refuse(why: str) -> UnsafeDocument:
        return UnsafeDocument(f"{name}: {why}")

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise refuse("not a Word document (.docx): save it from Word as a .docx")
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        parts = package.infolist()
        _check_package(parts, refuse)
        names = {p.filename for p in parts}
        types = package.read("[Content_Types].xml")
        macros = sorted(n for n in names if MACRO_PARTS.search(n))
        if macros or b"macroEnabled" in types:
            raise refuse("it carries macros (" + (", ".join(macros) or "a macro-enabled "
                         "document type") + "): save it as a plain .docx without macros")
        embedded = sorted(n for n in names if EMBEDDED.search(n))
        if embedded:
            raise refuse(f"it embeds objects ({', '.join(embedded)}): paste their content as "
                         "text instead")
        files = {p.filename: package.read(p) for p in parts if not p.is_dir()}
    for part, data in files.items():
        if _is_xml(data):
            files[part] = _checked_xml(part, data, refuse)
    return _rewritten(files)


def _check_package(parts: list[zipfile.ZipInfo], refuse) -> None:  # type: ignore[no-untyped-def]
    if len(parts) > MAX_PARTS:
        raise refuse(f"{len(parts)} parts, more than a Word document has ({MAX_PARTS})")
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED or any(
            p.compress_size and p.file_size / p.compress_size > MAX_RATIO
            and p.file_size > 1024 * 1024 for p in parts):
        raise refuse("it would unpack to far more than it weighs (a zip bomb)")
    seen: set[str] = set()
    for p in parts:
        n = p.filename
        if (n.startswith("/") or "\\" in n or "\x00" in n or re.match(r"^[A-Za-z]:", n)
                or ".." in n.split("/") or n.casefold() in seen):
            raise refuse(f"a part named {n!r}, which could lead outside the document or "
                         "stands twice")
        seen.add(n.casefold())
    names = {p.filename for p in parts}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise refuse("not a Word document (.docx): it has no word/document.xml")


def _is_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def _checked_xml(part: str, data: bytes, refuse) -> bytes:  # type: ignore[no-untyped-def]
    """An XML part, whatever its name, with no DTD; a relationships part without the links to
    outside the package that Word would follow."""
    if DTD.search(data):
        raise refuse(f"{part} declares a DTD or entities, which a Word document never needs")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise refuse(f"{part} is not well-formed XML ({str(exc)[:80]})") from None
    if part.endswith(".rels"):
        return _checked_relationships(part, root, refuse)
    if part.startswith("word/"):
        _check_fields(part, root, refuse)
    if part == "word/settings.xml":
        for template in root.findall(f"{{{W}}}attachedTemplate"):
            root.remove(template)  # its relationship is left out too: nothing to fetch
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _check_fields(part: str, root, refuse) -> None:  # type: ignore[no-untyped-def]
    """No field that fetches content: its instruction is read whole, however Word or
    LibreOffice split it across runs."""
    instructions: list[str] = []
    for el in root.iter(FLD_CHAR, INSTR, FLD_SIMPLE):
        if el.tag == FLD_SIMPLE:
            instructions.append(el.get(qn("w:instr")) or "")
        elif el.tag == INSTR:
            if instructions:
                instructions[-1] += el.text or ""
        elif el.get(qn("w:fldCharType")) == "begin":
            instructions.append("")
    for code in instructions:
        if FETCHING.match(code):
            raise refuse(f"{part} holds a field that fetches content when Word updates it "
                         f"({code.strip()[:60]!r}): select the field in Word, press "
                         "Ctrl+Shift+F9 to keep what it shows as text, and upload again")


def _checked_relationships(part: str, root, refuse) -> bytes:  # type: ignore[no-untyped-def]
    folder = posixpath.dirname(posixpath.dirname(part))
    for rel in list(root):
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if kind == TEMPLATE:
            root.remove(rel)
        elif rel.get("TargetMode") == "External":
            if kind != HYPERLINK or not SAFE_LINK.match(target):
                raise refuse(f"it links to something outside itself ({target[:80]!r}, "
                             f"{kind.rsplit('/', 1)[-1]}): remove the link in Word, or paste "
                             "the content instead")
        elif posixpath.normpath(posixpath.join(folder, target)).startswith("../") or \
                target.startswith(("/..", "\\")):
            raise refuse(f"{part} points outside the document ({target[:80]!r})")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rewritten(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        # [Content_Types].xml first, as Word writes it.
        for name in sorted(files, key=lambda n: n != "[Content_Types].xml"):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, files[name])
    return out.getvalue()
