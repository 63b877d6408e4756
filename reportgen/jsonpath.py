"""JSON paths for messages: ("domain_two", "P 2.1", "key_questions") -> $.domain_two["P 2.1"]..."""

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
