"""The administrator's letters and project plans, and the journey of a regional report, in the
browser on SQLite (jobs run in the service's own thread), from an empty store to the region's
published set downloaded in English and Welsh (tests/web/journey.py)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from reportgen.workflow.store import Store
from tests.conftest import TEAM, WALES
from tests.web.journey import WALES_CASE, journey


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)  # jobs in the service's thread
def test_the_journey_of_a_regional_report_and_its_letters_in_the_browser(person, store_url,
                                                                         tmp_path):
    p, store = person, Store(store_url)
    # The administrator keeps the region's inspection plan and issues its letters and plans.
    p.sign_in("admin")
    p.go("/correspondence", "correspondence-empty")
    p.go("/inputs", "inputs-plan")
    p.attach("input-documents", WALES / "plan.json")
    p.button("Check and store")
    p.look("plan-kept")
    p.go("/correspondence", "correspondence")
    p.press(p.b.find_element(By.PARTIAL_LINK_TEXT, "Wales"))
    p.look("correspondence-plan")
    p.button("Issue the letters and project plans")
    issued = p.look("correspondence-issued")
    assert f"Issued by {TEAM['admin']} on" in issued
    calendar = p.download("gwent-project-plan.cy.ics", which=-1)  # as issued
    assert calendar.startswith(b"BEGIN:VCALENDAR") and b"LANGUAGE=cy-GB" in calendar
    letter = p.download("announcement-1", which=-1)
    assert letter[:2] == b"PK"
    journey(p, store, WALES_CASE, tmp_path)
