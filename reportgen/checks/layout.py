"""Print layout, read from a tagged PDF's structure tree: no table row split across two pages,
no caption parted from its table or figure, and no short table parted from the chart drawn
from it.

The structure tree says on which page each piece of a row's content is drawn, so a row whose
text appears on two pages is found without guessing from positions. LibreOffice names each
paragraph's structure element after its style and maps it to a standard type (a table's
caption to /Caption), which is how captions are told from other paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from reportgen.rules.layout import KEPT_WITH_WHAT_FOLLOWS


@dataclass(frozen=True)
class LayoutProblem:
    rule: str  # "split-row", "detached-caption" or "parted-chart"
    where: str
    pages: tuple[int, ...]

    def line(self, name: str = "") -> str:
        pages = " and ".join(str(p) for p in self.pages)
        what = {"split-row": "a table row runs over pages",
                "detached-caption": "a caption is on a different page from its table or figure, "
                                    "pages",
                "parted-chart": "the table and the chart drawn from it are on pages"}[self.rule]
        return f"{name + ': ' if name else ''}{self.where}: {what} {pages}"


def _kids(node: pikepdf.Object) -> list[pikepdf.Object]:
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


class _Tree:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.numbers = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
        root = pdf.Root.get("/StructTreeRoot")
        self.root = root
        roles = root.get("/RoleMap", {}) if root is not None else {}
        self.roles = {str(k): str(v) for k, v in roles.items()}

    def role(self, node: pikepdf.Object) -> str:
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return ""
        own = str(node.S)
        return self.roles.get(own, own)

    def pages(self, node: pikepdf.Object, inherited: int | None = None) -> set[int]:
        """The pages on which the content under `node` is drawn."""
        if not isinstance(node, pikepdf.Dictionary):  # a marked-content id on the parent's page
            return {inherited} if inherited is not None else set()
        page = node.get("/Pg")
        here = self.numbers.get(page.objgen, inherited) if page is not None else inherited
        if node.get("/Type") == "/MCR":
            return {here} if here is not None else set()
        found: set[int] = set()
        for kid in _kids(node):
            found |= self.pages(kid, here)
        return found

    def elements(self, node: pikepdf.Object | None = None) -> Iterator[tuple[pikepdf.Object,
                                                                             list, int]]:
        """Every structure element, with the list of its siblings and its place among them."""
        node = self.root if node is None else node
        kids = [k for k in _kids(node) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        for i, kid in enumerate(kids):
            yield kid, kids, i
            yield from self.elements(kid)


def check(path: Path) -> list[LayoutProblem]:
    with pikepdf.open(path) as pdf:
        tree = _Tree(pdf)
        if tree.root is None:
            return []
        return [*_split_rows(tree), *_detached_captions(tree), *_parted_charts(tree)]


def _split_rows(tree: _Tree) -> Iterator[LayoutProblem]:
    tables = [el for el, _, _ in tree.elements() if tree.role(el) == "/Table"]
    for t, table in enumerate(tables, 1):
        rows = [el for el, _, _ in tree.elements(table) if tree.role(el) == "/TR"]
        for r, row in enumerate(rows, 1):
            pages = tree.pages(row)
            if len(pages) > 1:
                yield LayoutProblem("split-row", f"table {t}, row {r}", tuple(sorted(pages)))


def _detached_captions(tree: _Tree) -> Iterator[LayoutProblem]:
    """A table's caption stands before it; a figure's after the paragraph holding it."""
    tables = figures = 0
    for el, siblings, i in tree.elements():
        role = tree.role(el)
        if role == "/Table":
            tables += 1
            caption = siblings[i - 1] if i > 0 else None
            first_row = next((r for r, _, _ in tree.elements(el) if tree.role(r) == "/TR"),
                             None)
            if caption is not None and tree.role(caption) == "/Caption" and first_row is not None:
                before, start = tree.pages(caption), tree.pages(first_row)
                if before and start and max(before) != min(start):
                    yield LayoutProblem("detached-caption", f"table {tables}",
                                        (max(before), min(start)))
        elif (role == "/Figure" and len(siblings) > 1) or \
                any(tree.role(k) == "/Figure" for k in _kids(el)):  # a figure, or its paragraph
            figures += 1
            caption = siblings[i + 1] if i + 1 < len(siblings) else None
            if caption is not None and tree.role(caption) == "/Caption":
                drawn, below = tree.pages(el), tree.pages(caption)
                if drawn and below and max(drawn) != min(below):
                    yield LayoutProblem("detached-caption", f"figure {figures}",
                                        (max(drawn), min(below)))


def _is_figure(tree: _Tree, el: pikepdf.Object) -> bool:
    return tree.role(el) == "/Figure" or any(tree.role(k) == "/Figure" for k in _kids(el))


def _parted_charts(tree: _Tree) -> Iterator[LayoutProblem]:
    """A short table and the chart after it (past any empty paragraph) start on one page."""
    tables = 0
    for el, siblings, i in tree.elements():
        if tree.role(el) != "/Table":
            continue
        tables += 1
        rows = [r for r, _, _ in tree.elements(el) if tree.role(r) == "/TR"]
        after = next((s for s in siblings[i + 1:] if tree.pages(s)), None)
        if len(rows) > KEPT_WITH_WHAT_FOLLOWS or after is None or not _is_figure(tree, after):
            continue
        ends, drawn = tree.pages(el), tree.pages(after)
        if ends and drawn and max(ends) != min(drawn) and not _heads_its_page(tree, siblings, i):
            yield LayoutProblem("parted-chart", f"table {tables}", (max(ends), min(drawn)))


def _heads_its_page(tree: _Tree, siblings: list, i: int) -> bool:
    """The table, with the caption, lead-in paragraph and heading kept with it, begins its page:
    the block was moved as far as it can go and still does not fit, so its chart follows."""
    start = min(tree.pages(siblings[i]) or {0})
    j = i - 1
    while j >= 0 and (tree.role(siblings[j]) in ("/Caption", "/P") or
                      tree.role(siblings[j]).startswith("/H")) and i - j <= 3:
        if min(tree.pages(siblings[j]) or {start}) < start:
            return False
        j -= 1
    return j < 0 or max(tree.pages(siblings[j]) or {0}) < start
