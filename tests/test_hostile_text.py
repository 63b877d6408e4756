"""Hostile text in any text field of any kind of input file: validation refuses it with a message
naming the field, or every document made from the file holds it exactly as written (DOCX, web
edition, workbook) and every XML part of them still parses. Property-based (Hypothesis): a few
examples in the default run, 10,000 in the slow one (pytest -m slow)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook

from reportgen import pipeline
from reportgen.errors import InputError
from reportgen.jsonpath import jsonpath
from reportgen.loading import parse
from reportgen.ooxml.text import visible_text as text_of
from tests.conftest import FIXTURES, WALES

# What each kind of input is tried with, and the documents made from it.
KINDS = {
    "pdu-inspection": (FIXTURES / "pdu-maximal.json", ["pdu-report"]),
    "regional-inspection": (WALES / "region.json", ["regional-report"]),
    "inspection-plan": (WALES / "plan.json", ["announcement-letter", "project-plan"]),
    "national-review": (FIXTURES / "national-review.json", ["national-review"]),
}

PIECES = [
    "<", ">", "&", '"', "'", "&amp;", "&#123;", "]]>", "<w:t>", "</w:t>", "<script>x</script>",
    "{{ 7*7 }}", "{% if x %}", "{%p if x %}", "{%tr for r in rows %}", "{# c #}", "{{", "}}",
    "{_{ 7*7 }_}", "{_% if x %_}", "%_}", "{{ title }}", "${x}", "=1+1", "=HYPERLINK(\"h\",\"x\")",
    "\x00", "\x01", "\x0b", "\x1f", "\r", "\n", "\t", "\ufffe", "\ud800", "\udfff",
    "\u202e", "\u2066", "\u200f", "\u200b", "\u00a0", "\u2028",
    "👩‍👩‍👧‍👦", "🏴󠁧󠁢󠁷󠁬󠁳󠁿", "🇨🇾", "e\u0301\u0301\u0301", "ŵ ŷ", "Ⅻ", "ﬃ", "ǅ",
    " ", "", "x" * 300, "y" * 20_000,
]
# Any Unicode text too, surrogates included; "$" is left to the chart tests, where matplotlib's
# mathtext is made literal.
HOSTILE = st.one_of(
    st.sampled_from(PIECES),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1,
             max_size=6).map("".join),
    st.text(st.characters(codec=None, exclude_characters="$"), min_size=1, max_size=30),
).filter(lambda s: "$" not in s)


def _leaves(value: Any, keys: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value of a JSON document, with the keys that lead to it."""
    if isinstance(value, str):
        yield keys, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*keys, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*keys, i))


def _set(obj: Any, keys: tuple, value: str) -> Any:
    obj = json.loads(json.dumps(obj))
    parent = obj
    for k in keys[:-1]:
        parent = parent[k]
    parent[keys[-1]] = value
    return obj


def _texts(files: dict[str, bytes]) -> dict[str, str]:
    """All the text a reader sees, by format; and every XML part parses."""
    found = {"docx": "", "html": "", "xlsx": ""}
    for name, content in files.items():
        suffix = name.rsplit(".", 1)[-1]
        if suffix in ("docx", "xlsx"):
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                for part in z.namelist():
                    if part.endswith((".xml", ".rels")):
                        etree.fromstring(z.read(part))  # raises if it does not parse
        if suffix == "docx":
            # Every paragraph, in tables and content controls too, as a reader sees it.
            body = Document(io.BytesIO(content)).element.body
            found["docx"] += "\n".join(text_of(p) for p in body.iter(qn("w:p"))) + "\n"
        elif suffix == "html":
            reader = _HtmlText()
            reader.feed(content.decode("utf-8"))
            reader.close()
            found["html"] += "".join(reader.parts) + "\n"
        elif suffix == "xlsx":
            wb = load_workbook(io.BytesIO(content))
            found["xlsx"] += "\n".join(str(c.value) for ws in wb.worksheets
                                       for row in ws.iter_rows() for c in row
                                       if isinstance(c.value, str)) + "\n"
    return found


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _render(path: Path, docs: list[str]) -> dict[str, str]:
    loaded = parse(path)
    files: dict[str, bytes] = {}
    for doc in docs:
        for job in pipeline.jobs_for(loaded, [doc], pipeline.languages(loaded, doc)):
            rendered = pipeline.render_files(job, formats=pipeline.PUBLICATION_FORMATS)
            files |= {f"{job.stem}{suffix}": content for suffix, content in rendered.items()
                      if suffix != ".ics"}
    return _texts(files)


@cache
def _original(kind: str) -> tuple[dict, list[tuple[tuple, str]]]:
    data = json.loads(KINDS[kind][0].read_text(encoding="utf-8"))
    if kind == "inspection-plan":  # two PDUs in two batches: every letter, fewer plans
        pdus = data["batches"][0]["pdus"]
        data["batches"] = [{"pdus": pdus[:1]}, {"pdus": pdus[1:2]}]
    return data, list(_leaves(data))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A copy of the Wales region, so that a region file written here finds its PDU files."""
    out = tmp_path_factory.mktemp("hostile") / "wales"
    shutil.copytree(WALES, out)
    return out


def _filled(data: dict, leaves: list[tuple[tuple, str]], texts: dict[tuple, str],
            path: Path, docs: list[str]) -> tuple[dict[tuple, str], dict[str, str]]:
    """The texts put in their fields, less those validation refuses (each refusal must name
    its field), and what the documents then show."""
    texts = dict(texts)
    while True:
        changed = data
        for keys, text in texts.items():
            changed = _set(changed, keys, text)
        path.write_text(json.dumps(changed), encoding="utf-8")
        try:
            return texts, _render(path, docs)
        except InputError as exc:
            refused = {keys for keys in texts
                       if any(_matches(p.path, jsonpath(keys)) for p in exc.problems)}
            assert refused, "problems naming no field given: " + "; ".join(
                p.line() for p in exc.problems)
            for keys in refused:
                del texts[keys]


def _matches(problem_path: str, where: str) -> bool:
    """A problem names this field: at it, inside it, or at the object that holds it."""
    return problem_path == where or problem_path.startswith((where + ".", where + "[")) \
        or where.startswith((problem_path + ".", problem_path + "["))


@cache
def _shown(kind: str, folder: Path) -> dict[tuple, set[str]]:
    """For every text field, the formats whose documents show it: found by giving every field a
    marker of its own at once."""
    data, leaves = _original(kind)
    markers = {keys: f"Mk{i}x" for i, (keys, _) in enumerate(leaves) if keys != ("kind",)}
    kept, seen = _filled(data, leaves, markers, folder / "input.json", KINDS[kind][1])
    return {keys: {fmt for fmt, text in seen.items() if f"{marker}\n" in text
                   or any(f"{marker}{c}" in text for c in " ,.:;)/\t")}
            for keys, marker in kept.items()}


def _check(folder: Path, kind: str, choice: int, text: str) -> None:
    data, leaves = _original(kind)
    keys = leaves[choice % len(leaves)][0]
    if keys == ("kind",):
        return  # another kind of file altogether
    shown = _shown(kind, folder)
    path = folder / "input.json"
    path.write_text(json.dumps(_set(data, keys, text)), encoding="utf-8")
    try:
        parse(path)
    except InputError as exc:
        assert any(_matches(p.path, jsonpath(keys)) for p in exc.problems), \
            f"{jsonpath(keys)}: {[p.line() for p in exc.problems]}"
        return
    seen = _render(path, KINDS[kind][1])
    for fmt in shown.get(keys, ()):
        assert text in seen[fmt], f"{fmt}: {jsonpath(keys)} = {text!r} is not shown as written"


SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture,
                                                        HealthCheck.too_slow]}


@settings(max_examples=5, **SETTINGS)
@given(kind=st.sampled_from(list(KINDS)), choice=st.integers(0, 10_000), text=HOSTILE)
def test_hostile_text_is_refused_by_name_or_shown_as_written(folder, kind, choice, text):
    _check(folder, kind, choice, text)


@pytest.mark.slow
@settings(max_examples=10_000, **SETTINGS)
@given(kind=st.sampled_from(list(KINDS)), choice=st.integers(0, 10_000), text=HOSTILE)
def test_hostile_text_at_scale(folder, kind, choice, text):
    _check(folder, kind, choice, text)


def _matches(problem_path: str, where: str) -> bool:
    """A problem names this field: at it, inside it, or at the object that holds it."""
    return problem_path == where or problem_path.startswith((where + ".", where + "[")) \
        or where.startswith((problem_path + ".", problem_path + "["))


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_text_field_at_once_refuses_by_name_or_shows_as_written(folder, kind):
    """Every text field of a file holds the same hostile text, told apart by a number: fields
    that refuse it are named and put back; every field the documents show is shown as
    written."""
    nasty = ("<&>\"' {{ 7*7 }} {% if x %} {_{ x }_} {_% y %_} =1+1 \u202e\u2066 "
             "👩‍👩‍👧‍👦 e\u0301\u0301 ŵ #")
    data, leaves = _original(kind)
    shown = _shown(kind, folder)
    texts = {keys: f"{nasty}{i}." for i, keys in enumerate(shown)}
    kept, seen = _filled(data, leaves, texts, folder / "input.json", KINDS[kind][1])
    checked = [(keys, fmt) for keys in kept for fmt in shown[keys]]
    for keys, fmt in checked:
        assert kept[keys] in seen[fmt], f"{fmt}: {jsonpath(keys)} is not shown as written"
    assert len(checked) >= 10
