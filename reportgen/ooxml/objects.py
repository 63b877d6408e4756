"""python-docx's objects below their public surface, reached here only.

python-docx gives every proxy (Paragraph, Table, _Cell, Run, a header, the core properties) the
lxml element it stands for as `_element`; it is not public API, so every use goes through
`element_of`, and `pyproject.toml` bounds python-docx to the releases where it holds (a test
renders and reads documents through it)."""

from __future__ import annotations

from typing import Any


def element_of(proxy: Any) -> Any:
    """The lxml element a python-docx object stands for (an element is its own element)."""
    return getattr(proxy, "_element", proxy)
