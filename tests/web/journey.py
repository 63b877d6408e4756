"""A person at the service in a real browser (Debian's Chromium, headless, under Selenium), and
the whole journey of a report as seven accounts: upload, edit, factual accuracy, statistics
check, translation, publication, every file downloaded and uploaded through the pages. Every
form is filled in with the keyboard alone; axe-core finds no WCAG 2.2 AA violation on any page
shown; each page is saved as a screenshot (REPORTGEN_SCREENSHOTS names a folder to keep them)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait
from translate.storage import xliff

from reportgen.checks.accessibility import axe_violations
from reportgen.workflow import welsh
from reportgen.workflow.store import Store
from tests.conftest import PASSWORD, TEAM, WALES, boxed_edit, filled_form

ID = "gwent-pdu-report"
GWENT = WALES / "pdus" / "gwent.json"
EDITED = ("We thank the head of the PDU and all the staff who helped us during the inspection, "
          "and the people on probation who spoke to us.")
WELSH = ("Diolchwn i bennaeth yr Uned a'r holl staff a'n helpodd yn ystod yr arolygiad, ac i'r "
         "bobl ar brawf a siaradodd â ni.")


# The browser fetches a file with its own session, and hands its bytes back as base64.
DOWNLOAD = """
const [how, done] = arguments;
const request = how.label === undefined ? fetch(how.url, {credentials: "same-origin"}) : (() => {
  const button = [...document.querySelectorAll("button, input[type=submit]")]
    .find(b => (b.textContent || b.value || "").trim() === how.label);
  return fetch(button.form.action, {method: "POST", body: new FormData(button.form),
                                    credentials: "same-origin"});
})();
request.then(r => r.ok ? r.arrayBuffer() : null).then(b => {
  if (b === null) { done(null); return; }
  const bytes = new Uint8Array(b);
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  }
  done(btoa(text));
});
"""


def gone(element):  # type: ignore[no-untyped-def]
    """Whether the page an element was on has been replaced. ChromeDriver sometimes says so as
    "Node … does not belong to the document" rather than as a stale element."""
    def replaced(_driver) -> bool:  # type: ignore[no-untyped-def]
        try:
            return staleness_of(element)(_driver)
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
    return replaced


class Person:
    """Someone at the service with a browser and a keyboard (and no mouse)."""

    def __init__(self, browser, base: str, shots: Path) -> None:
        self.b, self.base, self.shots = browser, base, shots
        self.pages: list[str] = []
        self.id = ""  # the report the person is working on

    # ------------------------------------------------------------------- looking

    def look(self, name: str) -> str:
        """Check the page shown with axe-core and keep a screenshot of it; its text."""
        violations = axe_violations(self.b, name)
        assert not violations, f"{name}: " + "; ".join(v.line() for v in violations)
        self.b.save_screenshot(str(self.shots / f"{len(self.pages) + 1:02d}-{name}.png"))
        self.pages.append(name)
        return self.b.find_element(By.TAG_NAME, "body").text

    def go(self, path: str, name: str) -> str:
        self.b.get(self.base + path)
        return self.look(name)

    # ------------------------------------------------------------------ the keyboard

    def keys(self, *keys: str) -> None:
        ActionChains(self.b).send_keys(*keys).perform()

    def tab_to(self, element) -> None:
        self.b.execute_script("window.scrollTo(0, 0); document.activeElement.blur();")
        for _ in range(400):
            self.keys(Keys.TAB)
            if self.b.switch_to.active_element == element:
                return
        raise AssertionError(f"{element.get_attribute('outerHTML')[:120]} is not reachable "
                             "with the Tab key")

    def type_into(self, element_id: str, text: str) -> None:
        self.tab_to(self.b.find_element(By.ID, element_id))
        self.keys(text)

    def choose(self, name: str, value: str) -> None:
        """A radio button: Tab into its group, then arrow keys until it is chosen."""
        radios = self.b.find_elements(By.CSS_SELECTOR, f"input[type=radio][name='{name}']")
        self.tab_to(radios[0])
        self.keys(Keys.SPACE)
        target = next(r for r in radios if r.get_attribute("value") == value)
        for _ in radios:
            if target.is_selected():
                return
            self.keys(Keys.ARROW_DOWN)
        assert target.is_selected()

    def attach(self, element_id: str, *paths: Path) -> None:
        field = self.b.find_element(By.ID, element_id)
        self.tab_to(field)
        # What the file chooser would hand the field (several files: one a line).
        field.send_keys("\n".join(str(p) for p in paths))

    def press(self, element, navigates: bool = True) -> None:
        """Enter on the element; if it submits a form, wait for the next page."""
        page = self.b.find_element(By.TAG_NAME, "html")
        self.tab_to(element)
        self.keys(Keys.ENTER)
        if navigates:
            WebDriverWait(self.b, 60).until(gone(page))

    def button(self, text: str) -> None:
        """Press the button with this text (a submit input or a button)."""
        found = [e for e in self.b.find_elements(By.CSS_SELECTOR, "button, input[type=submit]")
                 if (e.text or e.get_attribute("value") or "").strip() == text]
        assert found, f"no button {text!r} on {self.b.current_url}"
        self.press(found[0])

    def download(self, link_text: str, which: int = 0) -> bytes:
        """What following a download link on the page gives (the first with this text, or
        whose address ends so, or another): fetched by the browser itself, with its session,
        as a person's is."""
        links = self.b.find_elements(By.PARTIAL_LINK_TEXT, link_text) or \
            self.b.find_elements(By.CSS_SELECTOR, f"a[href$='{link_text}']")
        assert links, f"no link {link_text!r} on {self.b.current_url}"
        return self._fetched({"url": links[which].get_attribute("href")})

    def download_form(self, label: str) -> bytes:
        """What pressing a form's button that answers with a file gives (the form posted by
        the browser, with its session and CSRF token)."""
        return self._fetched({"label": label})

    def _fetched(self, how: dict) -> bytes:
        self.b.set_script_timeout(120)
        encoded = self.b.execute_async_script(DOWNLOAD, how)
        assert encoded is not None, f"{how} gave no file"
        return base64.b64decode(encoded)

    # ------------------------------------------------------------------- sessions

    def sign_in(self, role: str) -> None:
        self.b.delete_all_cookies()
        self.go("/sign-in", f"sign-in-{role}")
        self.type_into("name", TEAM[role])
        self.type_into("password", PASSWORD)
        self.button("Sign in")
        assert f"Signed in as {TEAM[role]}" in self.b.find_element(By.TAG_NAME, "body").text

    def wait_for(self, path: str, name: str, text: str, seconds: float = 120) -> str:
        """Reload the page until it says `text` (work done in the background)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.b.get(self.base + path)
            if text in self.b.find_element(By.TAG_NAME, "body").text:
                return self.look(name)
            time.sleep(1)
        shown = self.b.find_element(By.TAG_NAME, "body").text
        raise AssertionError(f"{path} did not say {text!r} within {seconds} s:\n{shown}")

    def report(self, name: str) -> str:
        return self.go(f"/reports/{self.id}", name)

    def move_on(self, name: str, note: str = "") -> str:
        self.report(f"{name}-before")
        if note:
            self.type_into("move-note", note)
        stage = re.search(r"Move to (.+)", self.b.find_element(By.ID, "move-submit").text)[1]
        self.press(self.b.find_element(By.ID, "move-submit"))
        text = self.look(name)
        assert f"moved to {stage}" in text, text[:600]
        return text






def translated(exported: bytes) -> bytes:
    """What the translation team does with the XLIFF of what remains."""
    store = xliff.xlifffile.parsestring(exported)
    [unit] = store.units
    unit.target = WELSH
    return bytes(store)


@dataclass(frozen=True)
class Case:
    id: str
    files: tuple[Path, ...]  # what the lead inspector uploads
    tracked: int  # the reports tracked from it
    corrected: str  # a figure the inspected body asks to correct: its address
    value: int  # its value corrected


GWENT_CASE = Case(ID, (GWENT,), 1, "$.case_profile.women",
                  json.loads(GWENT.read_text())["case_profile"]["women"] + 1)
REGION = WALES / "region.json"
WALES_CASE = Case("wales-regional-report",
                  (REGION, *sorted((WALES / "pdus").glob("*.json"))),
                  1 + len(list((WALES / "pdus").glob("*.json"))),
                  "$.contextual_data.caseload.community",
                  json.loads(REGION.read_text())["contextual_data"]["caseload"]["community"] + 1)


def journey(p: Person, store: Store, case: Case, tmp_path: Path) -> None:
    """One report from its upload to its published set downloaded, in English and Welsh, each
    role at the service in turn, every file through the pages."""
    p.id = ID_ = case.id

    # The lead inspector uploads the inspection: its draft is tracked in both languages.
    p.sign_in("lead-inspector")
    p.go("/", "dashboard-empty")
    p.go("/inputs", "inputs")
    p.attach("input-documents", *case.files)
    p.button("Check and store")
    assert f"{case.tracked} report(s) are tracked from their drafts" in p.look("report-draft")
    p.move_on("report-initial-edit", note="Findings complete")

    # The editor downloads the English edition, edits it in Word, sees what it would change,
    # and keeps it: a new data version.
    p.sign_in("editor")
    p.report("report-to-edit")
    edit = tmp_path / "edited.docx"
    edit.write_bytes(boxed_edit(p.download("/editions/en.docx"), "$.foreword[1]", EDITED))
    p.attach("preview-document", edit)
    p.button("See what it would change")
    preview = p.look("edits-preview")  # nothing kept yet: what it would change, by place
    assert "1 change to data version 1" in preview and "$.foreword[1]" in preview
    assert "Success" not in preview  # nothing was done yet
    assert " ".join(EDITED.split()) in " ".join(preview.split())
    redline = p.download_form("Download the redline (.docx)")
    assert b"w:ins " in zipfile.ZipFile(io.BytesIO(redline)).read("word/document.xml")
    p.button("Keep these edits")
    assert "The edits are kept as a new version of the data" in p.look("report-edited")
    p.move_on("report-strategic-edit")

    # The COO and the Chief Inspector each move it on; nobody else could.
    p.sign_in("coo")
    p.move_on("report-chief-inspector-review")
    p.sign_in("chief-inspector")
    p.move_on("report-factual-accuracy")

    # Factual accuracy: the editor sends, imports the returned form and decides item 1.
    p.sign_in("editor")
    p.report("report-fa-open")
    p.button("Make the numbered draft and the response form")
    p.look("report-fa-sent")
    returned = tmp_path / "returned.docx"
    returned.write_bytes(filled_form(p.download(f"{ID_}-factual-accuracy-form.en.docx"), [
        ["3", "", "Say that the inspection took place over two weeks.", "A", ""],
        ["12", "", "Leadership should be rated Good.", "B", "Delivery plan, version 4"]]))
    p.attach("fa-document", returned)
    p.button("Import the form")
    text = p.look("report-fa-imported")
    assert "The returned form was imported" in text and "Undecided" in text
    assert "Decide item 2" not in text  # category B is the COO's
    p.press(p.b.find_element(By.XPATH, "//summary[contains(., 'Decide item 1')]"), False)
    p.choose("item1-decision", "accepted")
    p.type_into("item1-values", f"{case.corrected}={case.value}")
    p.press(p.b.find_element(By.ID, "item1-submit"))
    assert "The decision on item 1 is recorded" in p.look("report-fa-decided-1")

    p.sign_in("coo")
    p.report("report-fa-coo")
    p.press(p.b.find_element(By.XPATH, "//summary[contains(., 'Decide item 2')]"), False)
    p.choose("item2-decision", "not-accepted")
    p.type_into("item2-reason", "The plan was updated after the fieldwork.")
    p.press(p.b.find_element(By.ID, "item2-submit"))
    assert "The decision on item 2 is recorded" in p.look("report-fa-decided-2")

    # The statistics check on the version held, then translation.
    p.sign_in("editor")
    p.move_on("report-statistics-check")
    p.button("Run the statistics check on the version held")  # a job, run by a worker
    checked = p.wait_for(f"/reports/{ID_}", "report-statistics-checked",
                         "Checked data version")
    assert "to confirm." in checked
    signoff = p.download("Download the sign-off workbook of the last check")
    assert signoff[:2] == b"PK"
    p.button("Run it and confirm the unbound figures, which I have checked")
    text = p.wait_for(f"/reports/{ID_}", "report-statistics-passed",
                      f"Confirmed by {TEAM['editor']}")
    assert text.count("Passed") == 2 and f"Confirmed by {TEAM['editor']}" in text
    p.move_on("report-translation")

    # Translation: the translator checks the Welsh typed into the data and confirms it; the
    # edited sentence is stale in Welsh; translated and imported, the gate opens.
    p.sign_in("translator")
    n = welsh.status(store, ID_)["segments"]
    assert f"0 missing, 1 stale, {n - 1} unconfirmed of {n}" in p.report(
        "report-welsh-unconfirmed")
    p.button("Confirm the unconfirmed Welsh as it stands")
    text = p.look("report-translation-gate")
    assert "0 missing, 1 stale, 0 unconfirmed" in text
    assert "It cannot move on yet: the Welsh of data version" in text
    todo = tmp_path / "todo.xlf"
    todo.write_bytes(translated(p.download("What remains to translate, as XLIFF")))
    p.attach("translation-document", todo)
    p.button("Import the translation")
    assert "0 missing, 0 stale, 0 unconfirmed" in p.look("report-welsh-imported")
    p.move_on("report-ready-to-publish")

    # Publication, and the set on the page, downloaded as one zip.
    p.sign_in("publication")
    p.report("report-to-publish")
    p.button("Publish")
    text = p.look("report-publishing")
    assert f"Publishing {ID_} has started: its progress is shown below." in text
    # The job runs in a worker (or the service's own thread on SQLite); the page shows its
    # progress, then the set, as a person reloading it sees them.
    text = p.wait_for(f"/reports/{ID_}", "report-published", "The whole set, as one zip file")
    assert "manifest.json" in text and "Publishing" in text and "Done" in text
    published = zipfile.ZipFile(io.BytesIO(p.download("The whole set, as one zip file")))
    manifest = json.loads(published.read(f"{ID_}/manifest.json"))  # one folder: the report's
    names = set(published.namelist())
    for lang in ("en", "cy"):
        for fmt in ("docx", "pdf", "html", "xlsx"):
            assert f"{ID_}/{ID_}.{lang}.{fmt}" in names
    assert f"{ID_}/{ID_}.factual-accuracy-log.docx" in names
    assert {f"{ID_}/{e['name']}" for e in manifest["files"]} | {f"{ID_}/manifest.json"} == names
    for entry in manifest["files"]:
        assert hashlib.sha256(published.read(f"{ID_}/{entry['name']}")).hexdigest() == \
            entry["sha256"]
    held = store.data(ID_).content  # the data the set was made from: the edit and its Welsh
    assert EDITED in held and WELSH in held

    # The administrator's pages.
    p.sign_in("admin")
    p.go("/accounts", "accounts")
    p.go("/account", "your-account")
    p.go("/", "dashboard")
    p.go("/reports/nothing-here", "not-found")

    assert [(h.to_stage, h.by) for h in store.history(ID_)] == [
        ("draft", TEAM["lead-inspector"]), ("initial-edit", TEAM["lead-inspector"]),
        ("strategic-edit", TEAM["editor"]), ("chief-inspector-review", TEAM["coo"]),
        ("factual-accuracy", TEAM["chief-inspector"]), ("statistics-check", TEAM["editor"]),
        ("translation", TEAM["editor"]), ("ready-to-publish", TEAM["translator"]),
        ("published", TEAM["publication"])]
    assert [(i.decision, i.decided_by) for i in store.fa_items(ID_)] == [
        ("accepted", TEAM["editor"]), ("not-accepted", TEAM["coo"])]
    assert len(p.pages) >= 30
