"""JSON paths: ("domain_two", "P 2.1", "key_questions") -> $.domain_two["P 2.1"]..., for messages
and as addresses of values in the data (a file a region names prefixes its paths:
pdus/luton.json#$.pdu.name)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def jsonpath(*parts: str | int | Iterable[str | int]) -> str:
    flat: list[str | int] = []
    for part in parts:
        if isinstance(part, str | int):
            flat.append(part)
        else:
            flat.extend(part)
    out = "$"
    for part in flat:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENT.match(part):
            out += f".{part}"
        else:
            out += f"[{_dumps(part)}]"
    return out


def shown(value: object, limit: int = 60) -> str:
    """A value as it would appear in the file, shortened for a one-line message."""
    text = _dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _dumps(value: object) -> str:
    """JSON text; a lone surrogate, which cannot be printed or encoded, escaped as JSON writes
    it."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

_STEP = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def keys_of(path: str) -> tuple[str | int, ...]:
    """The keys a path written by `jsonpath` names: $.domain_two["P 2.1"].summary[0] ->
    ("domain_two", "P 2.1", "summary", 0). ValueError for anything else."""
    if not path.startswith("$"):
        raise ValueError(f"not a JSON path: {path!r}")
    keys: list[str | int] = []
    at = 1
    while at < len(path):
        m = _STEP.match(path, at)
        if m is None:
            raise ValueError(f"not a JSON path: {path!r} (at character {at + 1})")
        name, index, quoted = m.groups()
        keys.append(name if name is not None else int(index) if index is not None
                    else json.loads(quoted))
        at = m.end()
    return tuple(keys)


def address(path: str, file: str | None = None) -> str:
    """The address of `path` in `file` (a file named by a region), or in the main file."""
    return f"{file}#{path}" if file else path


def split_address(addr: str) -> tuple[str | None, str]:
    """(file or None for the main file, JSON path)."""
    file, sep, path = addr.rpartition("#$")
    return (file, "$" + path) if sep else (None, addr)
