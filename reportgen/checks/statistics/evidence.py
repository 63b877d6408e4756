"""Survey and contextual figures bound by their context: a survey table's cell by its statement
(row) and its answer (column) under a caption naming the survey; a survey chart's alt text by
the statements it names; a caseload or staffing table's cell by its row (part of the caseload,
grade) and column, and in the data workbook by its area (the inspection's own, or one of a
region's PDUs). Full-time equivalents are read as decimals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportgen.checks.statistics.facts import Facts
from reportgen.checks.statistics.words import Mention, Vocabulary, norm, positions
from reportgen.model.evidence import CASELOAD, GRADES, SURVEYS

# Column headings (msgids of the catalogue) and the field of the fact each column holds.
COLUMNS = {
    "Agree": "agree", "Neither": "neither", "Disagree": "disagree", "Answered": "answered",
    "Agreed (%)": "pct", "Respondents": "respondents", "Share (%)": "share",
    "Target (FTE)": "target", "In post (FTE)": "in_post", "Vacancies (FTE)": "vacant",
    "Vacancy rate": "rate", "Vacancy rate (%)": "rate", "As at": "as_at",
    "Statement": "label", "Grade": "label",  # labels: their words are not figures
    **{label: f"caseload:{part}" for part, label in CASELOAD},
    "All people under supervision": "caseload:total",
}
PERCENT_COLUMNS = frozenset({"pct", "rate", "share"})
FTE_COLUMNS = frozenset({"target", "in_post", "vacant"})
SURVEY_FIELDS = frozenset({"agree", "neither", "disagree", "answered", "pct"})
CASELOAD_ROWS = {**{label: part for part, label in CASELOAD},
                 "All people under supervision": "total"}
GRADE_ROWS = {**{label: grade for grade, label in GRADES.items()}, "All these grades": "all"}


@dataclass(frozen=True)
class Row:
    """What a row of a survey, caseload or staffing table is about."""

    area: str  # the prefix of the area's facts: "" (the inspection's own) or "pdu:<code>:"
    kind: str  # survey, caseload, grade, area
    name: str = ""  # "staff:workload", "community", "probation-officer"


class Evidence:
    """The labels of the survey and contextual figures in one language."""

    def __init__(self, f: Facts, v: Vocabulary) -> None:
        lang = v.lang
        self.columns = {norm(k): c for k, c in COLUMNS.items()} | {
            norm(v.t(k)): c for k, c in COLUMNS.items()}
        self.caseload = {norm(v.t(k)): p for k, p in CASELOAD_ROWS.items()}
        self.grades = {norm(v.t(k)): g for k, g in GRADE_ROWS.items()}
        self.areas = {norm(name.get(lang) or name.en): prefix
                      for prefix, name in f.areas.items()}
        self.names = {kind: v.t(SURVEYS[kind][0]) for kind in f.surveys}
        # kind -> (code, form) -> the statement as shown, and in English (a draft's Welsh
        # shows the English of a statement whose translation is missing or stale)
        self.statements: dict[str, dict[tuple[str, str], str]] = {}
        self.rows: dict[str, list[str]] = {}  # a statement -> "kind:code"
        self.codes: dict[str, list[str]] = {}  # a code (the workbook's first column) -> ditto
        for kind, questions in f.surveys.items():
            self.statements[kind] = {}
            for q in questions:
                shown = q.statement.get(lang) or q.statement.en
                # an alt text names a statement without its full stop ("…my work: 47% agreed")
                self.statements[kind] |= {(q.code, "shown"): shown, (q.code, "en"): q.statement.en,
                                          (q.code, "bare"): shown.rstrip(". "),
                                          (q.code, "bare-en"): q.statement.en.rstrip(". ")}
                for label in {norm(shown), norm(q.statement.en)}:
                    self.rows.setdefault(label, []).append(f"{kind}:{q.code}")
                self.codes.setdefault(norm(q.code), []).append(f"{kind}:{q.code}")
        # in a draft, a statement not yet translated is shown in English after a marker
        self.untranslated = f"[{v.t('not translated')}] "
        self.cache: dict[tuple[tuple[str, ...], str], Row | None] = {}

    def column(self, heading: str) -> str | None:
        return self.columns.get(norm(heading))

    def survey_of(self, caption: str) -> str | None:
        """The survey a caption (or a sheet's name, cut to 31 characters) names."""
        text = norm(caption)
        return next((k for k, name in self.names.items()
                     if norm(name) in text or norm(name[:31]) == text), None)

    def row(self, cells: tuple[str, ...], caption: str) -> Row | None:
        if (cells, caption) not in self.cache:
            self.cache[cells, caption] = self._row(cells, caption)
        return self.cache[cells, caption]

    def _row(self, cells: tuple[str, ...], caption: str) -> Row | None:
        names = [norm(c.removeprefix(self.untranslated)) for c in cells]
        area = next((self.areas[n] for n in names if n in self.areas), None)
        survey = self.survey_of(caption)
        for n in names:
            questions = self.rows.get(n, []) + (self.codes.get(n, []) if survey else [])
            questions = [q for q in questions if survey is None or q.startswith(survey + ":")]
            if len(questions) == 1:
                return Row(area or "", "survey", questions[0])
            if n in self.caseload:
                return Row(area or "", "caseload", self.caseload[n])
            if n in self.grades:
                return Row(area or "", "grade", self.grades[n])
        return Row(area, "area") if area is not None else None

    def key(self, row: Row | None, column: str | None) -> str | None:
        """The fact of the cell at `row` and `column`."""
        if row is None or column is None:
            return None
        if row.kind == "survey":
            kind = row.name.split(":", 1)[0]
            if column in SURVEY_FIELDS:
                return f"survey:{row.name}:{column}"
            return f"survey:{kind}:respondents" if column == "respondents" else None
        if column == "as_at":
            return f"{row.area}context:as_at"
        if row.kind == "caseload" and column in ("count", "share"):
            return f"{row.area}caseload:{row.name}" + (":pct" if column == "share" else "")
        if row.kind == "grade" and column in (*FTE_COLUMNS, "rate"):
            return f"{row.area}staffing:{row.name}:{column}"
        if row.kind == "area" and column.startswith("caseload:"):
            return f"{row.area}{column}"
        return None

    # ---------------------------------------------------------------------- alt text

    def chart(self, text: str) -> str | None:
        """The survey a chart's alt text is about: it starts with the survey's name."""
        return next((k for k, name in self.names.items() if text.startswith(name)), None)

    def chart_keys(self, text: str, kind: str, found: list[Mention]
                   ) -> list[tuple[Mention, str | None, str]]:
        """Each figure of a survey chart's alt text and its fact: the share agreeing and the
        number who answered, of the statement named before them ("...: 42% of 52 agreed")."""
        places = positions(text, self.statements[kind])
        out: list[tuple[Mention, str | None, str]] = []
        for m in found:
            if any(s <= m.start < e for s, e, _ in places):
                continue  # a figure in a statement's own words: the statement, not the chart
            code = next((c for s, e, (c, _) in reversed(places) if e <= m.start), None)
            field = {"percent": "pct", "number": "answered"}.get(m.kind)
            key = f"survey:{kind}:{code}:{field}" if code and field else None
            out.append((m, key, "" if key else "no statement named before it"))
        return out


def as_decimal(m: Mention) -> Mention:
    """A count read in a column of full-time equivalents: a decimal ("44" for 44.0)."""
    return Mention("decimal", Decimal(m.value), m.start, m.end, m.text)


def decimal_cell(text: str) -> list[Mention]:
    """A cell holding one decimal number ("23.5", "1,575.8"): figures elsewhere are not read
    as decimals, where "2.1" is a section's number."""
    m = re.fullmatch(r"\s*((?:\d{1,3}(?:,\d{3})+|\d+)\.\d+)\s*", text)
    if m is None:
        return []
    return [Mention("decimal", Decimal(m.group(1).replace(",", "")), m.start(1), m.end(1),
                    m.group(1))]


def same(value: Any) -> str:
    """A value as compared between the places that state it: 44 and 44.0 FTE are one value."""
    return str(value.normalize()) if isinstance(value, Decimal) else str(value)
