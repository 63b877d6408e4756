"""Runs under the Python that has LibreOffice's `uno` module (Debian's /usr/bin/python3 with
python3-uno), not reportgen's own: it starts one headless LibreOffice with the profile folder
given as its argument, then for each document asked for updates its indexes (the contents) and
fields and exports a tagged PDF.

Input (stdin), one JSON object a line: {"src": docx, "dst": pdf}, and {"stop": true} to end.
Output (stdout), one JSON object a line: {"ready": true} once LibreOffice answers, then for each
document {"ok": pdf, "seconds": wall, "cpu": LibreOffice's processor seconds} or
{"error": message}.

The worker leads its own process group, LibreOffice included. If its input ends without
{"stop": true}, the process that started it is gone: it kills the whole group at once, even in
the middle of a conversion, so no LibreOffice outlives a killed run.
"""

import json
import os
import queue
import signal
import subprocess
import sys
import threading
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


def connect(pipe, office):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if time.monotonic() > deadline or office.poll() is not None:
                raise
            time.sleep(0.05)


def convert(desktop, src, dst):
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise ValueError("LibreOffice could not open it")
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


def alive(desktop, office):
    """LibreOffice still answers (after a failure, which may have been its death)."""
    if office.poll() is not None:
        return False
    try:
        desktop.getComponents()
        return True
    except Exception:
        return False


def group_cpu(pids):
    """Processor seconds used so far by these processes (LibreOffice's)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def group_members():
    """The other processes of this worker's group: LibreOffice's launcher and LibreOffice."""
    me, group, found = os.getpid(), os.getpgrp(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != me:
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[2]) == group:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def end_group():
    os.killpg(os.getpgrp(), signal.SIGKILL)


def read_requests(requests):
    """Pass each request on; if the input ends without a stop, the parent is gone."""
    for line in sys.stdin:
        request = json.loads(line)
        requests.put(request)
        if request.get("stop"):
            return
    end_group()


def say(obj):
    print(json.dumps(obj), flush=True)


def main():
    profile = sys.argv[1]
    requests = queue.Queue()
    threading.Thread(target=read_requests, args=(requests,), daemon=True).start()
    pipe = f"reportgen-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", f"--accept=pipe,name={pipe};urp;",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = connect(pipe, office)
    office_pids = group_members()
    say({"ready": True})
    while True:
        request = requests.get()
        if request.get("stop"):
            break
        start, cpu = time.monotonic(), group_cpu(office_pids)
        try:
            convert(desktop, request["src"], request["dst"])
        except Exception as exc:  # the document's own failure: reported, the worker goes on
            if not alive(desktop, office):
                end_group()  # LibreOffice itself died: the parent replaces this worker
            say({"error": str(exc).strip().splitlines()[0] if str(exc).strip()
                 else type(exc).__name__})
            continue
        say({"ok": request["dst"], "seconds": round(time.monotonic() - start, 3),
             "cpu": round(group_cpu(office_pids) - cpu, 3)})
    try:
        desktop.terminate()
        office.wait(timeout=20)
    except Exception:
        end_group()


if __name__ == "__main__":
    main()
