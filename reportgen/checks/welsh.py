"""A lint of Welsh wording for the patterns a Welsh editor corrects most often, over the gettext
catalogue, the Welsh templates, the framework and glossary, and the Welsh narrative of input
files:

- soft mutation after "Dylai …:" (a recommendation's verb-noun: "lleihau" -> "leihau");
- the article after a vowel: "graddio y graddiad" -> "graddio'r graddiad", and "yr" before a
  vowel ("y asesiad" -> "yr asesiad");
- the singular noun after a numeral: "4 o Unedau" -> "4 Uned";
- meaning turned round against the English: "Nid oedd gormod o…" for "Too many … did not",
  "Ychydig iawn" (very few) for "too few";
- soft mutation of an object after "gan" with a pronoun or an inflected verb ("ganddynt rhy
  ychydig" -> "ry ychydig", "rhoddodd digon" -> "ddigon");
- "Dylai'r Uned (…)" for "Dylai Uned …"; a full stop before a colon; a word repeated either side
  of a label's colon ("Adsefydlu: adsefydlu");
- in rendered Welsh files: English codes in a workbook's cells, and XML entities ("&apos;")
  written into a document's or a PDF's metadata as text.

It finds patterns, not grammar: each rule names what it saw and what it expects, and lists of
exceptions keep it quiet where the pattern is correct Welsh (the particle "y" before a verb:
"y bydd", "y cytunwyd"; "o bobl" after a numeral).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from pydantic import BaseModel

from reportgen.checks import Finding
from reportgen.i18n import catalogue_path
from reportgen.jsonpath import jsonpath
from reportgen.model.common import Text
from reportgen.ooxml.objects import element_of
from reportgen.ooxml.text import paragraph_text
from reportgen.paths import TEMPLATES

# Soft mutation of a radical initial consonant (the longest first).
SOFT = (("ll", "l"), ("rh", "r"), ("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"),
        ("g", ""), ("m", "f"))
# Initials that, unmutated, cannot be the soft-mutated form of another: a word starting with one
# of these after "Dylai" is certainly unmutated. b, d and g can be mutated forms (of p, t, c),
# so they are judged by the list of radical verb-nouns below.
UNAMBIGUOUS = ("ll", "rh", "p", "t", "c", "m")
NOT_RADICAL = ("ph", "th", "ch", "dd")  # aspirate or soft mutations already
RADICAL_VERB_NOUNS = {
    "blaenoriaethu", "bod", "datblygu", "darparu", "defnyddio", "dangos", "dilyn", "diweddaru",
    "dysgu", "gwella", "gweithredu", "gwneud", "gosod", "gweithio", "galluogi", "gwerthuso",
    "gwrando", "gwirio", "goruchwylio", "gofalu", "dadansoddi", "diogelu", "buddsoddi",
}
# After "y" these begin a verb: "y" is then the particle ("ichi y bydd", "y cytunwyd arnynt"),
# which keeps its form after a vowel.
PARTICLE_VERBS = ("bydd", "bu", "cytun", "dyl", "gall", "gell", "gwn", "mae", "câi", "caiff",
                  "cafodd", "ceir", "rhoddwyd", "gwelwyd", "canfu", "dylid")
VOWELS = "aeiouwyâêîôûŵŷáéíóú"
ARTICLE_AFTER_VOWEL = re.compile(rf"\b([^\W\d_]*[{VOWELS}])\s+(yr?)\s+([^\W\d_][\w'’-]*)",
                                 re.IGNORECASE)
Y_BEFORE_VOWEL = re.compile(r"(?<![\w'’-])([Yy])\s+([aeiouâêîôû]\w*)")
NUMERAL_O_NOUN = re.compile(r"(?<![\w.,])(\d+|\{\w*count\w*\}|\{\{\s*\w*count\w*\s*\}\}) o "
                            r"(?!['’]r\b)([^\W\d_]\w*)")
COLLECTIVE = {"bobl"}  # "deg o bobl": a collective noun takes "o" after a numeral
DYLAI_COLON = re.compile(r"\bDylai\b[^:]*:\s*([^\W\d_][\w'’-]*)")
# Words that follow "gan" with a pronoun ("ganddynt") or an inflected verb ("rhoddodd") as its
# object, and mutate softly there: "ganddynt rhy ychydig" -> "ganddynt ry ychydig".
GAN_PRONOUN = r"gandd(?:o|i|ynt|yn)|genn(?:ym|ych|yf|yt|ai)|gen (?:i|ti)"
INFLECTED = r"[^\W\d_]+(?:odd|asant|esant|ais|aist|som|soch|sant)"
OBJECTS = ("rhy", "digon", "llawer", "mwy", "peth", "cymaint", "gormod")
MUTATED_OBJECT = re.compile(rf"\b({GAN_PRONOUN}|{INFLECTED})\s+({'|'.join(OBJECTS)})\b",
                            re.IGNORECASE)
# Not an object after these: words that only look like a past tense, and "cael", whose noun
# after it is its subject ("Cafodd gormod o bobl eu rhyddhau"). The object of an impersonal
# form ("rhoddwyd rhy ychydig") does not mutate, so -wyd is not among the endings.
NOT_INFLECTED = {"rhodd", "lodd", "nodd", "cafodd", "cawsant", "cefais", "cafon", "cawsom",
                 "cawsoch", "cest"}
DYLAI_BRACKET = re.compile(r"\bDylai['’]r\s+(Uned|rhanbarth)\s*\(")
STOP_COLON = re.compile(r"(?<![\d§])\.\s*:")
REPEATED_LABEL = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]{2,}):\s+\1(?![\w'’-])", re.IGNORECASE)
ENTITY = re.compile(r"&(?:apos|quot|amp|lt|gt|#\d+|#x[0-9a-f]+);", re.IGNORECASE)


def _found(rule: str, where: str, found: str, expected: str) -> Finding:
    return Finding(rule, where, found=found, expected=expected)


def soft(word: str) -> str:
    low = word.lower()
    for radical, mutated in SOFT:
        if low.startswith(radical):
            return mutated + word[len(radical):]
    return word


def unmutated_after_dylai(word: str) -> bool:
    low = word.lower()
    if low.startswith(NOT_RADICAL):
        return False
    return low.startswith(UNAMBIGUOUS) or low in RADICAL_VERB_NOUNS


def check_text(cy: str, where: str, en: str | None = None,
               after_dylai: bool = False) -> Iterator[Finding]:
    """Every rule on one piece of Welsh (`en`: the English it translates, where known;
    `after_dylai`: it follows "Dylai …:", as a recommendation does)."""
    first = re.match(r"\s*([^\W\d_][\w'’-]*)", cy)
    if after_dylai and first and unmutated_after_dylai(first.group(1)):
        yield _found("soft mutation after Dylai", where, first.group(1),
                      f"{soft(first.group(1))!r} (it follows \"Dylai …:\")")
    for m in DYLAI_COLON.finditer(cy):
        if unmutated_after_dylai(m.group(1)):
            yield _found("soft mutation after Dylai", where, m.group(0),
                          f"{soft(m.group(1))!r} after \"Dylai …:\"")
    for m in ARTICLE_AFTER_VOWEL.finditer(cy):
        if not m.group(3).lower().startswith(PARTICLE_VERBS):
            yield _found("article after a vowel", where, m.group(0),
                          f"\"{m.group(1)}'r {m.group(3)}\"")
    for m in Y_BEFORE_VOWEL.finditer(cy):
        yield _found("article before a vowel", where, m.group(0),
                      f"\"{m.group(1)}r {m.group(2)}\"")
    for m in MUTATED_OBJECT.finditer(cy):
        if m.group(1).lower() not in NOT_INFLECTED:
            yield _found("soft mutation of an object", where, m.group(0),
                          f"\"{m.group(1)} {soft(m.group(2))}\" (after gan with a pronoun, or "
                          "an inflected verb, its object mutates)")
    for m in DYLAI_BRACKET.finditer(cy):
        yield _found("a name in brackets after Dylai'r", where, m.group(0),
                      f"\"Dylai {m.group(1)} <name>:\" (the name itself, without the article)")
    for m in STOP_COLON.finditer(cy):
        yield _found("a full stop before a colon", where, m.group(0).strip(),
                      "the colon alone")
    for m in REPEATED_LABEL.finditer(cy):
        yield _found("a word repeated across a label", where, m.group(0),
                      f"\"{m.group(1)}:\" once")
    for m in NUMERAL_O_NOUN.finditer(cy):
        if m.group(2).lower() not in COLLECTIVE:
            yield _found("singular noun after a numeral", where, m.group(0),
                          f"the singular noun straight after the numeral ({m.group(1)} …), "
                          "without \"o\"")
    yield from _meaning(cy, where, en)


def _meaning(cy: str, where: str, en: str | None) -> Iterator[Finding]:
    if re.match(r"\s*Nid oedd gormod o\b", cy):
        yield _found("meaning reversed", where, "Nid oedd gormod o",
                      "\"Roedd gormod o … nad oeddent …\" (it says there were not too many)")
    if en and re.search(r"\btoo few\b", en, re.IGNORECASE) and \
            re.search(r"\bychydig iawn\b", cy, re.IGNORECASE):
        yield _found("meaning changed", where, "ychydig iawn",
                      "\"rhy ychydig\" (the English says too few, not very few)")


# ------------------------------------------------------------------------------- sources


def catalogue(path: Path) -> Iterator[Finding]:
    # imported when needed: the CLI starts sooner
    from babel.messages.pofile import read_po
    with path.open("rb") as f:
        messages = read_po(f)
    for m in messages:
        if not m.id:
            continue
        msgid = m.id if isinstance(m.id, str) else m.id[0]
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            yield from check_text(text or "", f"{path.name}: msgid {msgid!r}", msgid)


def template(path: Path) -> Iterator[Finding]:
    doc = Document(str(path))
    parts = [doc.element.body, *(element_of(s.header) for s in doc.sections),
             *(element_of(s.footer) for s in doc.sections)]
    for part in parts:
        for p in part.iter(qn("w:p")):
            text = paragraph_text(p)
            yield from check_text(text, f"{path.parent.name}/{path.name}: {text[:40]!r}")


def wording(path: Path) -> Iterator[Finding]:
    """The Welsh of a data file (glossary.toml, framework.toml): every `cy` beside its `en`."""
    def walk(value: Any, where: str) -> Iterator[Finding]:
        if isinstance(value, dict):
            if isinstance(value.get("cy"), str):
                yield from check_text(value["cy"], f"{path.name}: {where}{value.get('en')!r}",
                                      value.get("en"))
            for v in value.values():
                yield from walk(v, where)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, where)
    yield from walk(tomllib.loads(path.read_text(encoding="utf-8")), "")


def narrative(data: BaseModel, name: str) -> Iterator[Finding]:
    """Every Welsh text of an input file, with its English and whether it follows "Dylai"."""
    for keys, text in _texts(data, ()):
        if text.cy:
            after_dylai = len(keys) >= 2 and keys[-1] == "text" and "recommendations" in keys
            yield from check_text(text.cy, f"{name}: {_path(keys)}", text.en, after_dylai)


def _texts(value: Any, keys: tuple) -> Iterator[tuple[tuple, Text]]:
    if isinstance(value, Text):
        yield keys, value
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from _texts(getattr(value, field), (*keys, field))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, (*keys, k))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _texts(v, (*keys, i))


# ----------------------------------------------------------------------- rendered files

CODE = re.compile(r"^[a-z]+(?:-[a-z]+)+$|^[a-z]{4,}$")  # workload, raise-concerns


def workbook(path: Path) -> Iterator[Finding]:
    """A Welsh workbook: no cell holding an English identifier (a survey question's code)."""
    # imported when needed: the CLI starts sooner
    from openpyxl import load_workbook
    book = load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and CODE.match(cell.value) and \
                        cell.value not in WELSH_CODE_WORDS:
                    yield _found("an English code in a Welsh cell",
                                  f"{path.name}: {sheet.title}!{cell.coordinate}",
                                  cell.value, "the Welsh wording, or no code")


# Lower-case single words a Welsh workbook holds that are Welsh, not codes.
WELSH_CODE_WORDS = {"gwir", "anwir", "dim", "cyfanswm"}


def metadata(path: Path) -> Iterator[Finding]:
    """A rendered document's or PDF's metadata: titles, subjects and keywords as text, never
    with XML entities written into them (a title escaped twice)."""
    for field, value in _metadata_values(path):
        for m in ENTITY.finditer(value):
            yield _found("an XML entity in metadata", f"{path.name}: {field}", m.group(0),
                          f"the character itself ({value[:60]!r})")


def _metadata_values(path: Path) -> Iterator[tuple[str, str]]:
    if path.suffix == ".pdf":
        # imported when needed: the CLI starts sooner
        import pikepdf
        with pikepdf.open(path) as pdf:
            for key in ("/Title", "/Subject", "/Keywords"):
                if key in pdf.docinfo:
                    yield key.lstrip("/"), str(pdf.docinfo[key])
            meta = pdf.open_metadata()
            for key in ("dc:title", "dc:description", "pdf:Keywords"):
                value = meta.get(key)
                if value:
                    yield key, str(value)
    elif path.suffix == ".docx":
        props = Document(str(path)).core_properties
        for key in ("title", "subject", "keywords"):
            yield key, getattr(props, key) or ""


def rendered(path: Path) -> Iterator[Finding]:
    """Every rule that reads a rendered Welsh file: its text, its metadata, its cells."""
    if path.suffix == ".xlsx":
        yield from workbook(path)
        return
    yield from metadata(path)
    if path.suffix == ".docx":
        doc = Document(str(path))
        for p in doc.element.body.iter(qn("w:p")):
            text = paragraph_text(p)
            yield from check_text(text, f"{path.name}: {text[:40]!r}")


def _path(keys: Iterable) -> str:
    return jsonpath(tuple(keys))


def project() -> list[Finding]:
    """The catalogue, every Welsh template, the framework and the glossary."""
    data = Path(__file__).parent.parent / "data"
    found = list(catalogue(catalogue_path("cy")))
    for path in sorted((TEMPLATES / "cy").glob("*.docx")):
        found += template(path)
    for name in ("framework", "glossary"):
        found += wording(data / f"{name}.toml")
    return found
