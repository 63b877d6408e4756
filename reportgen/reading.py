"""Reading input: bytes -> UTF-8 text -> JSON -> model, each step's problem named by place.
(Checking the model against the framework and itself is reportgen.validation; both together,
for a file or for data held in memory, are reportgen.loading.)
"""

from __future__ import annotations

import json
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reportgen.errors import InputError, Problem
from reportgen.jsonpath import jsonpath, shown
from reportgen.model import InspectionPlan, NationalReview, PduInspection, RegionalInspection
from reportgen.ooxml import package

MAX_BYTES = 5 * 1024 * 1024  # the largest real file is well under 1 MiB

MODELS: dict[str, type[BaseModel]] = {
    "pdu-inspection": PduInspection,
    "regional-inspection": RegionalInspection,
    "inspection-plan": InspectionPlan,
    "national-review": NationalReview,
}


@dataclass
class Loaded:
    """A checked input file, with the PDU files a regional inspection refers to (keyed by PDU
    code, in the order of the region's file entries)."""

    path: Path
    data: PduInspection | RegionalInspection | InspectionPlan | NationalReview
    warnings: list[Problem] = field(default_factory=list)
    pdus: dict[str, PduInspection] = field(default_factory=dict)


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def read_file(path: Path, where: str = "", limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Anything else (missing, a folder, a
    FIFO or a device, which would block or never end, too big, unreadable) is an InputError
    naming the file."""

    def fail(expected: str, found: str) -> InputError:
        return InputError([Problem(where, expected, found, source=str(path))])

    too_big = f"a file of at most {limit / 1024 / 1024:g} MiB"
    try:
        found = path.stat()
        if stat.S_ISDIR(found.st_mode):
            raise fail("a file", "a directory")
        if not stat.S_ISREG(found.st_mode):
            raise fail("a regular file", "a special file (a FIFO, device or socket)")
        if found.st_size > limit:
            raise fail(too_big, f"{found.st_size / 1024 / 1024:.1f} MiB")
        with path.open("rb") as f:
            raw = f.read(limit + 1)  # no more, even if the file grew since
    except (FileNotFoundError, NotADirectoryError):
        raise fail("a readable file", "no such file") from None
    except OSError as exc:
        raise fail("a readable file", exc.strerror or str(exc)) from None
    except ValueError:  # a NUL byte in the name
        raise fail("a file name", "a name holding a NUL character") from None
    if len(raw) > limit:
        raise fail(too_big, "a file that grew past that while it was read")
    return raw


def model_of(text: str, obj: dict[str, Any], source: str, expect: str | None = None
             ) -> PduInspection | RegionalInspection | InspectionPlan | NationalReview:
    """The file's model, by its kind; with `expect`, a file of another kind is refused before
    it is read further. Every problem the model finds, in one InputError."""
    kind = obj.get("kind")
    model = MODELS.get(kind) if isinstance(kind, str) else None
    if model is None or expect not in (None, kind):
        wanted = f'"{expect}"' if expect else "one of " + ", ".join(f'"{k}"' for k in MODELS)
        raise InputError([Problem("$.kind", wanted, shown(kind) if "kind" in obj else "nothing",
                                  source=source)])
    try:
        return model.model_validate_json(text)  # type: ignore[return-value]
    except ValidationError as exc:
        raise InputError([_problem(e).at(source) for e in exc.errors()]) from None


def read_document(path: Path) -> bytes:
    """A Word document's bytes; an InputError naming the file if it is not one."""
    raw = read_file(path)
    if not package.is_word(raw):
        raise InputError([Problem("", "a Word document (.docx)", "a file that is not one",
                                  source=str(path))])
    return raw


def read_json(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its top-level object; InputError for anything else."""
    return json_of(read_file(path, "$"), str(path))


def json_of(raw: bytes, src: str) -> tuple[str, dict[str, Any]]:
    """The text and top-level object of a file's bytes (read from disk, or uploaded), named
    `src` in messages; InputError for anything that is not one JSON object in UTF-8."""

    def fail(expected: str, found: str, where: str = "$") -> InputError:
        return InputError([Problem(where, expected, found, source=src)])

    if len(raw) > MAX_BYTES:
        raise fail(f"a file of at most {MAX_BYTES / 1024 / 1024:g} MiB",
                   f"{len(raw) / 1024 / 1024:.1f} MiB")
    if not raw.strip():
        raise fail("a JSON object", "an empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail("UTF-8 text", f"byte 0x{raw[exc.start]:02X} at line {line} "
                   f"(byte {exc.start}); save the file as UTF-8") from None
    try:
        obj = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        raise fail("each key once in an object", f'"{exc}" given twice') from None
    except json.JSONDecodeError as exc:
        raise fail("valid JSON", f"a syntax error ({exc.msg.lower()})",
                   f"line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise fail("JSON nested to a sensible depth", "nesting too deep to read") from None
    except ValueError as exc:  # Python's limit on the digits of an integer it converts
        digits = re.search(r"has (\d+) digits", str(exc))
        raise fail(f"whole numbers of at most {sys.get_int_max_str_digits()} digits",
                   f"one of {digits.group(1) if digits else 'more'} digits") from None
    if not isinstance(obj, dict):
        raise fail("a JSON object", f"a JSON {type(obj).__name__}")
    surrogate = _lone_surrogate(obj)
    if surrogate:
        where, at = surrogate
        raise fail("text without lone surrogates (\\ud800 to \\udfff alone encode no "
                   "character, and no document can hold one)", at, where)
    return text, obj


def _lone_surrogate(value: Any, keys: tuple[str | int, ...] = ()) -> tuple[str, str] | None:
    """The JSON path and place of the first lone surrogate ("\\ud800" written in the file
    decodes to one) in any key or text of the value."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return (jsonpath(keys), f"\\u{ord(found.group()):04x} at character "
                f"{found.start() + 1}") if found else None
    items = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and _SURROGATE.search(key):
            return jsonpath(keys), f"a key holding a lone surrogate: {shown(key)}"
        found = _lone_surrogate(item, (*keys, key))
        if found:
            return found
    return None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


# Pydantic error types -> what the file should have held, in words a data team uses.
_EXPECTED = {
    "missing": "a value (this field is required)",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date written YYYY-MM-DD",
    "extra_forbidden": "no such field (check its spelling)",
    "string_pattern_mismatch": "text of the form {pattern}",
    "greater_than_equal": "a number of at least {ge}",
    "greater_than": "a number over {gt}",
    "less_than_equal": "a number of at most {le}",
    "too_short": "at least {min_length} item(s)",
    "too_long": "at most {max_length} item(s)",
    "string_too_long": "text of at most {max_length} characters",
    "enum": "one of {expected}",
    "literal_error": "{expected}",
    "tuple_length": "a list of {expected} items",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "decimal_max_places": "a number with at most {decimal_places} decimal place(s)",
}


def _problem(err: Any) -> Problem:
    ctx = err.get("ctx") or {}
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    if err["type"] == "reportgen":  # "at": a key inside the value, such as "formatted"
        return Problem(jsonpath(loc + tuple(ctx.get("at", ()))), ctx["expected"], ctx["found"])
    template = _EXPECTED.get(err["type"])
    try:
        expected = template.format(**ctx) if template else err["msg"].lower()
    except (KeyError, IndexError):
        expected = err["msg"].lower()
    if err["type"] == "missing":
        found = "nothing"
    elif err["type"] in ("too_long", "too_short") and "actual_length" in ctx:
        found = f"{ctx['actual_length']:,} item(s)"  # the count, not the items themselves
    else:
        found = shown(err.get("input"))
    return Problem(jsonpath(loc), expected, found)
