"""Runs under the Python that has LibreOffice's `uno` module (Debian's /usr/bin/python3 with
python3-uno), not reportgen's own: it starts one headless LibreOffice, and for each document
given on stdin updates its indexes (the contents) and fields, then exports a tagged PDF.

Input (stdin, JSON): {"profile": DIR, "jobs": [[docx, pdf], ...]}
Output (stdout): one JSON line per document: {"ok": pdf} or {"error": message, "file": docx}.
"""

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


PDF_OPTIONS = {
    "UseTaggedPDF": True,  # structure tree: headings, tables, figures with their alt text
    "PDFUACompliance": True,  # PDF/UA: title shown, language set, alt text required
    "DisplayPDFDocumentTitle": True,  # the window bar shows the title, not the file name
    "ExportBookmarks": True,  # headings become the PDF's outline
    "EmbedStandardFonts": True,
    "ExportFormFields": False,
}


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def convert(desktop, src, dst):
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        doc.refresh()
        data = uno.Any("[]com.sun.star.beans.PropertyValue",
                       tuple(prop(k, v) for k, v in PDF_OPTIONS.items()))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", "writer_pdf_Export"), prop("FilterData", data)))
    finally:
        doc.close(True)


def main():
    request = json.load(sys.stdin)
    pipe = f"reportgen-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", f"--accept=pipe,name={pipe};urp;",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(request["profile"])],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = connect(pipe)
        for src, dst in request["jobs"]:
            try:
                convert(desktop, src, dst)
                print(json.dumps({"ok": dst}), flush=True)
            except Exception as exc:  # reported per document; the batch goes on
                print(json.dumps({"error": str(exc), "file": src}), flush=True)
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
