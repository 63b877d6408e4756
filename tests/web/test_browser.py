"""The whole journey in a real browser (Debian's Chromium, headless, under Selenium), as seven
accounts, on PostgreSQL (the pages' own tests run on SQLite too): upload, edit, factual
accuracy, statistics check, translation, publication. Every form is filled in with the
keyboard alone; axe-core finds no WCAG 2.2 AA violation on any page shown; each page is saved
as a screenshot (REPORTGEN_SCREENSHOTS names a folder to keep them)."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait
from translate.storage import xliff

from reportgen.checks.accessibility import axe_violations, chromium
from reportgen.workflow import welsh
from reportgen.workflow.store import Store
from tests.conftest import PASSWORD, TEAM, WALES, boxed_edit, filled_form

ID = "gwent-pdu-report"
GWENT = WALES / "pdus" / "gwent.json"
EDITED = ("We thank the head of the PDU and all the staff who helped us during the inspection, "
          "and the people on probation who spoke to us.")
WELSH = ("Diolchwn i bennaeth yr Uned a'r holl staff a'n helpodd yn ystod yr arolygiad, ac i'r "
         "bobl ar brawf a siaradodd â ni.")


class Person:
    """Someone at the service with a browser and a keyboard (and no mouse)."""

    def __init__(self, browser, base: str, shots: Path) -> None:
        self.b, self.base, self.shots = browser, base, shots
        self.pages: list[str] = []

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

    def attach(self, element_id: str, path: Path) -> None:
        field = self.b.find_element(By.ID, element_id)
        self.tab_to(field)
        field.send_keys(str(path))  # what the file chooser would hand the field

    def press(self, element, navigates: bool = True) -> None:
        """Enter on the element; if it submits a form, wait for the next page."""
        page = self.b.find_element(By.TAG_NAME, "html")
        self.tab_to(element)
        self.keys(Keys.ENTER)
        if navigates:
            WebDriverWait(self.b, 60).until(staleness_of(page))

    def button(self, text: str) -> None:
        """Press the button with this text (a submit input or a button)."""
        found = [e for e in self.b.find_elements(By.CSS_SELECTOR, "button, input[type=submit]")
                 if (e.text or e.get_attribute("value") or "").strip() == text]
        assert found, f"no button {text!r} on {self.b.current_url}"
        self.press(found[0])

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
        return self.go(f"/reports/{ID}", name)

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


@pytest.fixture
def person(live_server, tmp_path):
    shots = Path(os.environ.get("REPORTGEN_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    browser = chromium(str(tmp_path / "profile"))
    yield Person(browser, live_server, shots)
    browser.quit()


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)  # the shared server's
def test_the_journey_of_a_report_in_the_browser(person, store_url, tmp_path):
    store = Store(store_url)
    p = person

    # The lead inspector uploads the inspection: its draft is tracked in both languages.
    p.sign_in("lead-inspector")
    p.go("/", "dashboard-empty")
    p.go("/inputs", "inputs")
    p.attach("input-documents", GWENT)
    p.button("Check and store")
    assert "1 report(s) are tracked from their drafts" in p.look("report-draft")
    p.move_on("report-initial-edit", note="Findings complete")

    # The editor edits the English in Word; the edit becomes data version 3.
    p.sign_in("editor")
    held = store.latest(ID, "en", data_version=store.data(ID).number)
    edit = tmp_path / "edited.docx"
    edit.write_bytes(boxed_edit(store.content(ID, held.id), "$.foreword[1]", EDITED))
    p.report("report-to-edit")
    p.attach("preview-document", edit)
    p.button("See what it would change")
    preview = p.look("edits-preview")  # nothing kept yet: what it would change, by place
    assert "1 change to data version 1" in preview and "$.foreword[1]" in preview
    assert "Success" not in preview  # nothing was done yet
    assert " ".join(EDITED.split()) in " ".join(preview.split())
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
    form = store.latest(ID, "en:fa-form")
    returned = tmp_path / "returned.docx"
    returned.write_bytes(filled_form(store.content(ID, form.id), [
        ["3", "", "Say that the inspection took place over two weeks.", "A", ""],
        ["12", "", "Leadership should be rated Good.", "B", "Delivery plan, version 4"]]))
    p.attach("fa-document", returned)
    p.button("Import the form")
    text = p.look("report-fa-imported")
    assert "The returned form was imported" in text and "Undecided" in text
    assert "Decide item 2" not in text  # category B is the COO's
    p.press(p.b.find_element(By.XPATH, "//summary[contains(., 'Decide item 1')]"), False)
    p.choose("item1-decision", "accepted")
    women = json.loads(GWENT.read_text())["case_profile"]["women"] + 1
    p.type_into("item1-values", f"$.case_profile.women={women}")
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
    checked = p.wait_for(f"/reports/{ID}", "report-statistics-checked",
                         "Checked data version")
    assert "to confirm." in checked
    p.b.find_element(By.LINK_TEXT, "Download the sign-off workbook of the last check "
                     "(every figure, one row each)")
    p.button("Run it and confirm the unbound figures, which I have checked")
    text = p.wait_for(f"/reports/{ID}", "report-statistics-passed",
                      f"Confirmed by {TEAM['editor']}")
    assert text.count("Passed") == 2 and f"Confirmed by {TEAM['editor']}" in text
    p.move_on("report-translation")

    # Translation: the translator checks the Welsh typed into the data and confirms it; the
    # edited sentence is stale in Welsh; translated and imported, the gate opens.
    p.sign_in("translator")
    n = welsh.status(store, ID)["segments"]
    assert f"0 missing, 1 stale, {n - 1} unconfirmed of {n}" in p.report(
        "report-welsh-unconfirmed")
    p.button("Confirm the unconfirmed Welsh as it stands")
    text = p.look("report-translation-gate")
    assert "0 missing, 1 stale, 0 unconfirmed" in text
    assert "It cannot move on yet: the Welsh of data version" in text
    todo = tmp_path / "todo.xlf"
    todo.write_bytes(translated(welsh.export(store, ID, "xliff", True)[0]))
    p.attach("translation-document", todo)
    p.button("Import the translation")
    assert "0 missing, 0 stale, 0 unconfirmed" in p.look("report-welsh-imported")
    p.move_on("report-ready-to-publish")

    # Publication, and the set on the page.
    p.sign_in("publication")
    p.report("report-to-publish")
    p.button("Publish")
    text = p.look("report-publishing")
    assert f"Publishing {ID} has started: its progress is shown below." in text
    # The job runs in the service's own thread (a SQLite store); the page shows its progress,
    # then the set, as a person reloading it sees them.
    text = p.wait_for(f"/reports/{ID}", "report-published", "The whole set, as one zip file")
    assert "manifest.json" in text and "Publishing" in text and "Done" in text
    assert f"{ID}.cy.pdf" in text and f"{ID}.factual-accuracy-log.docx" in text

    # The administrator's pages.
    p.sign_in("admin")
    p.go("/accounts", "accounts")
    p.go("/account", "your-account")
    p.go("/correspondence", "correspondence")
    p.go("/", "dashboard")
    p.go("/reports/nothing-here", "not-found")

    assert [(h.to_stage, h.by) for h in store.history(ID)] == [
        ("draft", TEAM["lead-inspector"]), ("initial-edit", TEAM["lead-inspector"]),
        ("strategic-edit", TEAM["editor"]), ("chief-inspector-review", TEAM["coo"]),
        ("factual-accuracy", TEAM["chief-inspector"]), ("statistics-check", TEAM["editor"]),
        ("translation", TEAM["editor"]), ("ready-to-publish", TEAM["translator"]),
        ("published", TEAM["publication"])]
    assert [(i.decision, i.decided_by) for i in store.fa_items(ID)] == [
        ("accepted", TEAM["editor"]), ("not-accepted", TEAM["coo"])]
    assert len(p.pages) >= 30
