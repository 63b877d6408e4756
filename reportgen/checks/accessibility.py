"""Accessibility checks of published files (WCAG 2.2 AA; tagged PDF), each rule reported with
where it failed. They read the files as published, not what the renderer meant to write.

- DOCX: a title; a document language matching the edition; heading levels that never skip; no
  empty headings; alt text on every picture (not a file name); a header row on every table.
- PDF: tagged (marked, with a structure tree); a language; the title shown in the window bar;
  alt text on every figure; headings in order; fonts embedded.
- HTML: axe-core in headless Chromium, at WCAG 2.2 AA.
- Charts: the palette's contrast against the background and between the two series (3:1).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import wcag_contrast_ratio as wcag
from docx import Document
from docx.oxml.ns import qn
from matplotlib.colors import to_rgb

from reportgen.checks import Finding
from reportgen.errors import InputError, Problem, ReportgenError
from reportgen.files import workspace
from reportgen.ooxml.text import paragraph_text
from reportgen.paths import ROOT, STYLES
from reportgen.processes import process_group
from reportgen.reading import read_document, read_file

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def expected_language(path: Path) -> str | None:
    """The edition's language from its file name (gwent-pdu-report.cy.docx is Welsh)."""
    found = re.search(r"\.(en|cy)\.[a-z]+$", path.name)
    return {"en": "en-GB", "cy": "cy-GB"}[found.group(1)] if found else None


# -------------------------------------------------------------------------------- DOCX


def check_docx(content: bytes, lang: str | None = None) -> list[Finding]:
    doc = Document(io.BytesIO(content))
    found: list[Finding] = []
    if not (doc.core_properties.title or "").strip():
        found.append(Finding("title", "document properties", "the document has no title"))
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang")) if rpr is not None else None
    actual = el.get(qn("w:val")) if el is not None else None
    if not actual:
        found.append(Finding("language", "style defaults", "no document language is set"))
    elif lang and actual != lang:
        found.append(Finding("language", "style defaults",
                             f"the document language is {actual}, the edition is {lang}"))
    found += list(_headings(doc))
    for i, pr in enumerate(doc.element.body.iter(qn("wp:docPr")), 1):
        alt = (pr.get("descr") or "").strip()
        if not alt or re.search(r"\.(png|jpe?g|gif|svg|emf)$", alt, re.I):
            found.append(Finding("alt-text", f"picture {i}",
                                 "no alt text" if not alt else f"alt text is a file name: {alt}"))
    for t, table in enumerate(doc.tables, 1):
        trpr = table.rows[0]._tr.trPr
        if trpr is None or trpr.find(qn("w:tblHeader")) is None:
            found.append(Finding("table-header", f"table {t}",
                                 "its first row is not marked as a header row"))
    return found


def _headings(doc) -> Iterator[Finding]:
    last = 0
    for i, p in enumerate(doc.paragraphs, 1):
        name = p.style.name if p.style is not None else ""
        if not name.startswith("Heading "):
            continue
        level = int(name.split()[-1]) if name.split()[-1].isdigit() else 1
        if not paragraph_text(p).strip():
            yield Finding("empty-heading", f"paragraph {i}", f"an empty {name}")
        if level > last + 1:
            yield Finding("heading-order", f"paragraph {i}",
                          f"{name} follows Heading {last}" if last else f"the first heading "
                          f"is {name}")
        last = level


# --------------------------------------------------------------------------------- PDF


def _walk(node, found: list) -> list:
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                _walk(kid, found)
    return found


def check_pdf(content: bytes, lang: str | None = None) -> list[Finding]:
    found: list[Finding] = []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        marked = "/MarkInfo" in root and bool(root.MarkInfo.get("/Marked", False))
        if not marked or "/StructTreeRoot" not in root:
            found.append(Finding("pdf-tagged", "document catalogue",
                                 "the PDF is not tagged (no MarkInfo or structure tree)"))
        actual = str(root.get("/Lang", "")) or None
        if not actual:
            found.append(Finding("pdf-language", "document catalogue", "no /Lang"))
        elif lang and actual != lang:
            found.append(Finding("pdf-language", "document catalogue",
                                 f"/Lang is {actual}, the edition is {lang}"))
        prefs = root.get("/ViewerPreferences")
        if not str(pdf.docinfo.get("/Title", "")).strip():
            found.append(Finding("pdf-title", "document information", "no title"))
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            found.append(Finding("pdf-title", "viewer preferences",
                                 "the window bar shows the file name, not the title"))
        elements = _walk(root.StructTreeRoot, []) if "/StructTreeRoot" in root else []
        for n, el in enumerate(e for e in elements if e.get("/S") == "/Figure"):
            if not str(el.get("/Alt", "")).strip():
                found.append(Finding("pdf-alt-text", f"figure {n + 1}", "no /Alt"))
        last = 0
        for el in elements:
            tag = str(el.get("/S"))
            if re.fullmatch(r"/H[1-6]", tag):
                level = int(tag[2])
                if level > last + 1:
                    found.append(Finding("pdf-heading-order", tag[1:],
                                         f"{tag[1:]} follows H{last}" if last else
                                         f"the first heading is {tag[1:]}"))
                last = level
        for p, page in enumerate(pdf.pages, 1):
            for name, font in (page.Resources.get("/Font") or {}).items():
                if not _embedded(font):
                    found.append(Finding("pdf-fonts", f"page {p}",
                                         f"font {name} ({font.get('/BaseFont')}) is not embedded"))
    return found


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    desc = font.get("/FontDescriptor")
    if desc is None and "/DescendantFonts" in font:
        desc = font.DescendantFonts[0].get("/FontDescriptor")
    return desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


# -------------------------------------------------------------------------------- HTML


def chromium(user_data_dir: str, window: tuple[int, int] = (1280, 1024),
             process_group: int | None = None) -> Any:
    """Debian's headless Chromium under Selenium, with a fresh profile in `user_data_dir` and
    nothing that reaches for the network on its own; the driver and the browser in
    `process_group` if given (see reportgen.processes.process_group)."""
    # imported when needed: the CLI starts sooner
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver and AXE.exists()):
        raise ReportgenError("the HTML check needs Chromium, chromedriver and axe-core: run "
                             "bash scripts/setup.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={user_data_dir}",
                f"--window-size={window[0]},{window[1]}"):
        options.add_argument(arg)
    # Its temporary files beside its profile, unless that path is too long for the socket
    # Chromium makes there (108 bytes in all).
    scratch = str(Path(user_data_dir).parent)
    env = os.environ | ({"TMPDIR": scratch} if len(scratch) <= 60 else {})
    popen = {"process_group": process_group} if process_group is not None else {}
    found = webdriver.Chrome(service=Service(driver, env=env, popen_kw=popen), options=options)
    found.set_script_timeout(60)
    return found


def axe_violations(browser: Any, where: str) -> list[Finding]:
    """axe-core at WCAG 2.2 AA on the page the browser shows; each violation a Finding."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    outcome = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations)).catch(e => done({error: String(e)}));",
        AXE_TAGS)
    if isinstance(outcome, dict):
        raise ReportgenError(f"{where}: axe-core failed: {outcome['error']}")
    return [Finding(f"axe:{v['id']}", ", ".join(
        n["target"][0] if isinstance(n["target"][0], str) else str(n["target"][0])
        for n in v["nodes"][:3]), v["help"]) for v in outcome]


def check_html(paths: list[Path]) -> dict[Path, list[Finding]]:
    """axe-core, in one headless Chromium, on every page."""
    results: dict[Path, list[Finding]] = {}
    # The driver and the browser in a process group that ends with this process however it
    # ends, their profile in a workspace removed with them (or by the next run, if killed).
    with workspace("browser") as work, process_group() as group:
        browser = chromium(str(work / "profile"), process_group=group)
        try:
            for path in paths:
                browser.get(path.resolve().as_uri())
                results[path] = axe_violations(browser, str(path))
        finally:
            browser.quit()
    return results


# ------------------------------------------------------------------------------ charts


def check_palette(palette: dict[str, str] | None = None) -> list[Finding]:
    p = palette or tomllib.loads((STYLES / "palette.toml").read_text(encoding="utf-8"))

    def ratio(a: str, b: str) -> float:
        return wcag.rgb(to_rgb(p[a]), to_rgb(p[b]))

    found = []
    for colour in ("sufficient", "insufficient", "grid"):
        if ratio(colour, "background") < 3:
            found.append(Finding("chart-contrast", f"palette {colour}",
                                 f"{ratio(colour, 'background'):.2f}:1 against the background"))
    if ratio("sufficient", "insufficient") < 3:
        found.append(Finding("chart-contrast", "palette sufficient/insufficient",
                             f"{ratio('sufficient', 'insufficient'):.2f}:1 between the series"))
    return found


def _checked_pdf(path: Path) -> list[Finding]:
    try:
        return check_pdf(read_file(path), expected_language(path))
    except pikepdf.PdfError as exc:
        raise InputError([Problem("", "a PDF file", f"one pikepdf cannot read ({exc})"[:120],
                                  source=str(path))]) from None


def check_files(paths: list[Path]) -> dict[Path, list[Finding]]:
    """Every file by its kind; HTML pages share one browser. A file of another kind, or one
    that cannot be read as its kind, is an InputError."""
    results: dict[Path, list[Finding]] = {}
    pages = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".docx":
            results[path] = check_docx(read_document(path), expected_language(path))
        elif suffix == ".pdf":
            results[path] = _checked_pdf(path)
        elif suffix in (".html", ".htm"):
            read_file(path)  # a regular file: the browser would wait for ever on a FIFO
            pages.append(path)
        else:
            found = f"a {suffix} file" if suffix else "a file with no suffix"
            raise InputError([Problem("", "a .docx, .pdf or .html file", found,
                                      source=str(path))])
    if pages:
        results |= check_html(pages)
    return results
