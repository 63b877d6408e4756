"""The statistics check stage (manual §7.3): the information and data team's check of every
figure, run on each language's edition of the data version held and recorded against that
version, so that the gate opens only for the documents that will be published."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from reportgen.checks import statistics
from reportgen.loading import Loaded
from reportgen.workflow import editions, tracker
from reportgen.workflow.store import Store, TrackError


def check_documents(loaded: Loaded, documents: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """The check's result for each language's document, by language."""
    return {lang: statistics.summary(statistics.check(content, loaded))
            for lang, content in documents.items()}


def run(store: Store, report_id: str) -> tuple[int, dict[str, dict[str, Any]]]:
    """Check the editions of the data version held, and record each result against it.
    Returns the version's number and the results by language."""
    report = store.report(report_id)
    number, bundle = editions.held(store, report_id)
    documents = {}
    for lang in tracker.languages(report):
        kept = store.latest(report_id, lang, data_version=number)
        if kept is None:
            raise TrackError(f"{report_id} has no {lang} edition of data version {number}")
        documents[lang] = store.content(report_id, kept.id)
    results = check_documents(bundle.load(editions.label(report_id, number)), documents)
    for lang, result in results.items():
        store.record_stats(report_id, hashlib.sha256(documents[lang]).hexdigest(),
                           result["passed"], json.dumps(result), number, lang)
    return number, results
