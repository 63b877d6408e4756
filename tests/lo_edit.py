"""Edits a Word document in LibreOffice, for the tests, as an editor would: opens it, replaces
one piece of text, saves it as Word. Runs under the Python that has LibreOffice's `uno`.

    python3 lo_edit.py IN.docx OUT.docx OLD NEW PROFILE_DIR
"""

import contextlib
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    src, dst, old, new, profile = sys.argv[1:6]
    pipe = "reportgen-test-" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{os.path.abspath(profile)}",
         f"--accept=pipe,name={pipe};urp;"],
        start_new_session=True)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.2)
        else:
            sys.exit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)),
                                           "_blank", 0, (prop("Hidden", True),))
        search = doc.createReplaceDescriptor()
        search.SearchString, search.ReplaceString = old, new
        if doc.replaceAll(search) != 1:
            sys.exit(f"expected one {old!r} in the document")
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        with contextlib.suppress(Exception):  # it may be gone before it answers
            desktop.terminate()
        office.wait(60)
    finally:
        if office.poll() is None:
            office.kill()


if __name__ == "__main__":
    main()
