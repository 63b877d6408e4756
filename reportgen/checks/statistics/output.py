"""The statistics check's results for a statistician: text grouped by section, a JSON form, and
a workbook listing every figure with its fact and status, to attach to the statistics check
stage's sign-off."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from reportgen.checks.statistics import STATUSES, Checked, summary
from reportgen.checks.statistics.editions import FINDINGS
from reportgen.checks.statistics.figures import Figure

LANGUAGES = {"en": "English", "cy": "Welsh"}
COLUMNS = (("Section", "section", 28), ("Where", "where", 26), ("Figure", "text", 16),
           ("Kind", "kind", 10), ("Status", "status", 11), ("Fact", "label", 48),
           ("Expected", "expected", 16), ("From", "source", 44), ("Note", "note", 50),
           ("Context", "context", 60))


def headline(c: Checked) -> str:
    s = summary(c.figures)
    verdict = "passes" if c.passed else "FAILS"
    found = f"; {s['findings']} relation(s) or counterpart(s) failing" if s["findings"] else ""
    return (f"{c.name} ({LANGUAGES.get(c.lang, c.lang)}, {c.format}): {s['figures']} figures: "
            f"{s['traced']} traced, {s['mismatched']} mismatched, {s['unbound']} unbound (to "
            f"confirm){found}: {verdict}")


def line(x: Figure) -> str:
    if x.kind in FINDINGS:
        said = x.note
    elif x.status == "unbound":
        said = "to confirm: no fact can be told from its context" + (
            f" ({x.note})" if x.note else "")
    elif x.status == "mismatched":
        said = f"{x.label}: the data gives {x.expected} (from {x.source})"
    else:
        said = f"{x.label} = {x.expected}"
    return f"  {x.status:<10} {x.text:<14} {x.where}: {said}"


def text(results: Sequence[Checked], everything: bool = False) -> str:
    """Each edition's figures that need a person (all, with `everything`), by section."""
    out = []
    for c in results:
        out.append(headline(c))
        shown = [x for x in c.figures if everything or x.status != "traced"]
        section = None
        for x in sorted(shown, key=lambda x: (x.section_index, x.section == "Headers and "
                                              "footers")):
            title = x.section or "(before the first heading)"
            if title != section:
                out.append(f" {title}")
                section = title
            out.append(line(x))
    return "\n".join(out)


def as_json(results: Sequence[Checked]) -> dict[str, Any]:
    return {"passed": all(c.passed for c in results),
            "editions": [{"file": c.name, "lang": c.lang, "format": c.format,
                          "sha256": c.sha256, "passed": c.passed,
                          "counts": {k: v for k, v in summary(c.figures).items()
                                     if k in ("figures", *STATUSES, "findings")},
                          "figures": [asdict(x) for x in c.figures]} for c in results]}


def workbook(results: Sequence[Checked], report: str, data_file: str) -> bytes:
    """A sign-off workbook: a summary sheet with space for the statistician's name and date,
    then every figure of each edition, one row each, as a table a person can filter."""
    # imported when needed: the CLI starts sooner
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = Workbook()
    cover = wb.active
    cover.title = "Sign-off"
    cover["A1"] = f"Statistics check of {report}"
    cover["A1"].font = Font(size=14, bold=True)
    rows: list[tuple[Any, ...]] = [("Inspection data", data_file), (), (
        "Edition", "Language", "Figures", "Traced", "Mismatched", "Unbound (to confirm)",
        "Relations or counterparts failing", "Result")]
    for c in results:
        s = summary(c.figures)
        rows.append((c.name, LANGUAGES.get(c.lang, c.lang), s["figures"], s["traced"],
                     s["mismatched"], s["unbound"], s["findings"],
                     "passes" if c.passed else "fails"))
    rows += [(), ("Checked by", ""), ("Date", ""),
             ("Every unbound figure confirmed", "yes / no")]
    for r in rows:
        cover.append(list(r))
    cover.column_dimensions["A"].width = 42
    for n, c in enumerate(results, 1):
        ws = wb.create_sheet(f"{n} {c.lang} {c.format}"[:31])
        ws.append([h for h, _, _ in COLUMNS] + ["Confirmed by"])
        for x in c.figures:
            ws.append([str(getattr(x, key) or "") for _, key, _ in COLUMNS] + [""])
        last = get_column_letter(len(COLUMNS) + 1)
        table = Table(displayName=f"Figures{n}", ref=f"A1:{last}{max(2, len(c.figures) + 1)}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
        ws.freeze_panes = "A2"
        for i, (_, _, width) in enumerate(COLUMNS, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
    wb.properties.title = f"Statistics check of {report}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
