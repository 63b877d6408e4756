"""Edits a Word document in LibreOffice, for the tests, as an editor would: opens it, makes each
edit through the commands LibreOffice's own menus and keys run, saves it as Word. Runs under the
Python that has LibreOffice's `uno`.

    python3 lo_edit.py IN.docx OUT.docx PROFILE_DIR STEPS_JSON

STEPS_JSON is a list of edits, each a list: ["replace", OLD, NEW] (one occurrence),
["bold", TEXT], ["italic", TEXT], ["underline", TEXT], ["break", AFTER] (a line break, as
Shift+Enter), ["tab", AFTER], ["bullets", FIRST, LAST] (the paragraphs from the one holding
FIRST to the one holding LAST made a bulleted list, as the toolbar's button does),
["paste", FILE.docx, AFTER] (FILE's whole text copied and pasted after AFTER),
["paste-before", FILE.docx, TEXT] (pasted at the start of TEXT's paragraph),
["paragraph-before", TEXT, STYLE, WORDS] (a paragraph in STYLE, as LibreOffice names it: "List 1"
for Word's List Bullet, typed before TEXT's), ["record"]
(changes tracked from here), ["enter-at-end"] (Enter pressed at the very end of the document).
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.awt.FontSlant import ITALIC
from com.sun.star.awt.FontUnderline import SINGLE
from com.sun.star.awt.FontWeight import BOLD
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Editor:
    def __init__(self, ctx, desktop, doc):
        self.ctx, self.desktop, self.doc = ctx, desktop, doc
        self.controller = doc.getCurrentController()
        self.frame = self.controller.getFrame()
        self.cursor = self.controller.getViewCursor()
        self.dispatch = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)

    def run(self, command, frame=None, **args):
        self.dispatch.executeDispatch(frame or self.frame, f".uno:{command}", "", 0,
                                      tuple(prop(k, v) for k, v in args.items()))

    def find(self, text):
        search = self.doc.createSearchDescriptor()
        search.SearchString = text
        found = self.doc.findFirst(search)
        if found is None:
            sys.exit(f"expected {text!r} in the document")
        return found

    def replace(self, old, new):
        search = self.doc.createReplaceDescriptor()
        search.SearchString, search.ReplaceString = old, new
        if self.doc.replaceAll(search) != 1:
            sys.exit(f"expected one {old!r} in the document")

    def bold(self, text):
        self.find(text).CharWeight = BOLD

    def italic(self, text):
        self.find(text).CharPosture = ITALIC

    def underline(self, text):
        self.find(text).CharUnderline = SINGLE

    def _after(self, text):
        self.cursor.gotoRange(self.find(text).getEnd(), False)

    def break_(self, after):
        self._after(after)
        self.run("InsertLinebreak")

    def tab(self, after):
        self._after(after)
        self.run("InsertText", Text="\t")

    def bullets(self, first, last):
        self.cursor.gotoRange(self.find(first).getStart(), False)
        self.cursor.gotoRange(self.find(last).getEnd(), True)
        self.run("DefaultBullet")

    def paste(self, path, after, before=None):
        other = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
        frame = other.getCurrentController().getFrame()
        self.run("SelectAll", frame)
        self.run("SelectAll", frame)  # a second time: a table's whole, not its cell
        self.run("Copy", frame)
        if before is None:
            self._after(after)
        else:
            self.cursor.gotoRange(self.find(before).getStart(), False)
        self.run("Paste")
        other.close(True)

    def paste_before(self, path, before):
        self.paste(path, None, before)

    def paragraph_before(self, text, style, words):
        """A new paragraph typed before the one holding `text`: Enter at its start, up a
        line, the style chosen from the sidebar's list, the words typed."""
        self.cursor.gotoRange(self.find(text).getStart(), False)
        self.run("InsertPara")
        self.cursor.goUp(1, False)
        self.cursor.ParaStyleName = style
        self.run("InsertText", Text=words)

    def record(self):
        self.doc.RecordChanges = True

    def enter_at_end(self):
        self.cursor.gotoEnd(False)
        self.run("InsertPara")


def main():
    src, dst, profile, steps = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
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
        editor = Editor(ctx, desktop, doc)
        for name, *args in steps:
            getattr(editor, {"break": "break_"}.get(name, name.replace("-", "_")))(*args)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        with contextlib.suppress(Exception):  # it may be gone before it answers
            desktop.terminate()
        office.wait(60)
    finally:
        with contextlib.suppress(ProcessLookupError):  # soffice.bin too, not only its wrapper
            os.killpg(office.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
