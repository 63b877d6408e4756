"""The statistics check stage (manual §7.3): the information and data team's check of every
figure, run on each language's edition of the data version held, the editions checked against
each other too, and recorded against that version, so that the gate opens only for the
documents that will be published.

A figure whose fact cannot be told from its context (unbound) is listed for the statistician to
confirm: the gate opens once they have confirmed them (`--confirm`), and publishing checks that
every unbound figure of the final documents was confirmed.

Each run keeps its sign-off workbook (every figure, one row each, with space for the
statistician's name) in the store beside the data version it checked, for the page to offer."""

from __future__ import annotations

import json
from collections.abc import Mapping

from reportgen.checks import statistics
from reportgen.checks.statistics import output
from reportgen.reading import Loaded
from reportgen.workflow import editions, tracker
from reportgen.workflow.accounts import authorise
from reportgen.workflow.store import Store, TrackError


def check_documents(loaded: Loaded, documents: Mapping[str, bytes]
                    ) -> dict[str, statistics.Checked]:
    """The check's result for each language's document (by language), English and Welsh each
    checked against the data and against the other."""
    results = statistics.check_editions([(f"{lang}.docx", content)
                                         for lang, content in documents.items()], loaded)
    return dict(zip(documents, results, strict=True))


def run(store: Store, report_id: str, by: str, confirm: bool = False
        ) -> tuple[int, dict[str, statistics.Checked]]:
    """Check the editions of the data version held, and record each result against it, as the
    account `by`: passed when no figure is mismatched and every unbound figure is confirmed
    (`confirm`: `by` has checked each one listed). Returns the version's number and the results
    by language."""
    authorise(store, by, "stats.check", report_id)
    confirmed_by = by if confirm else None
    report = store.report(report_id)
    number, bundle = editions.held(store, report_id)
    kept = {}
    for lang in tracker.languages(report):
        kept[lang] = store.latest(report_id, lang, data_version=number)
        if kept[lang] is None:
            raise TrackError(f"{report_id} has no {lang} edition of data version {number}")
    documents = {lang: store.content(report_id, v.id) for lang, v in kept.items()}
    results = check_documents(bundle.load(editions.label(report_id, number)), documents)
    for lang, result in results.items():
        result.name = kept[lang].name
        summary = {k: v for k, v in statistics.summary(result.figures).items()
                   if k not in ("problems", "to_confirm")}
        confirmed = result.to_confirm if confirmed_by else []
        store.record_stats(report_id, result.sha256, result.cleared(set(confirmed)),
                           json.dumps(summary | {"compared_with": result.compared_with,
                                                 "confirmed": confirmed,
                                                 "confirmed_by": confirmed_by}),
                           number, lang, by)
    first = next(iter(kept))
    store.keep_rendition(report_id, number, first, SIGNOFF, kept[first].sha256,
                         output.workbook(list(results.values()), editions.label(report_id, number),
                                         f"data version {number}"))
    return number, results


SIGNOFF = "signoff"  # the sign-off workbook's kind among a data version's kept downloads


def signoff(store: Store, report_id: str) -> tuple[int, bytes] | None:
    """The sign-off workbook of the last check run on the data version held (its number and
    the workbook), or None when none was run on it since its editions were made."""
    number = store.held_number(report_id)
    first = tracker.languages(store.report(report_id))[0]
    edition = store.latest(report_id, first, data_version=number)
    kept = edition and store.rendition(report_id, number, first, SIGNOFF, edition.sha256)
    return (number, kept) if kept else None


def confirmed(store: Store, report_id: str, lang: str) -> set[tuple[str, ...]]:
    """The unbound figures of a language's editions that a statistician has confirmed, each by
    its section, sentence and text (Checked.to_confirm)."""
    return {tuple(x) for r in store.stats_results(report_id)  # type: ignore[misc]
            if r["lang"] == lang and r["passed"] for x in r.get("confirmed", [])}


def final_problems(store: Store, report_id: str, loaded: Loaded,
                   documents: Mapping[str, bytes]) -> list[str]:
    """What stops the final documents being published: a mismatched figure, or an unbound one
    no statistician confirmed."""
    found = []
    for lang, result in check_documents(loaded, documents).items():
        if not result.passed:
            found.append(f"the statistics check fails on the final {lang} edition")
        elif not result.cleared(confirmed(store, report_id, lang)):
            new = sorted(result.unconfirmed(confirmed(store, report_id, lang)))
            found.append(f"the final {lang} edition has figure(s) no statistician confirmed: "
                         + ", ".join(f"{text} ({where})" for where, text in new))
    return found
