"""The journey of a PDU report in the browser, on PostgreSQL with a worker process taking its
jobs, from an empty store (its accounts added, as `reportgen users add` does) to its published
set downloaded in English and Welsh (tests/web/journey.py)."""

from __future__ import annotations

import pytest

from reportgen.workflow.store import Store
from tests.web.journey import GWENT_CASE, journey


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)  # the shared server's
def test_the_journey_of_a_pdu_report_in_the_browser(person, store_url, tmp_path):
    journey(person, Store(store_url), GWENT_CASE, tmp_path)
