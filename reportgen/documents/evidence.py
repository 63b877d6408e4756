"""Survey results and contextual data in a report: beside each standard, what the staff
questionnaire and people on probation said about it (a table, a chart, a sentence); in an annex,
the caseload and staffing figures. Every share through the one rounding function, every number
through Babel, so the table, the chart's alt text and the data workbook agree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from reportgen import formatting
from reportgen.documents.common import Edition, join
from reportgen.documents.figures import Bar, ChartSpec
from reportgen.i18n import BABEL_LOCALES
from reportgen.model.evidence import (
    CASELOAD,
    GRADES,
    SURVEYS,
    ContextualData,
    StaffingLine,
    Survey,
    Surveys,
    surveys_of,
)
from reportgen.rules.rounding import percent, tenths_share


def fte(value: Decimal, lang: str) -> str:
    """Full-time equivalents, always with their one decimal place: "23.5", "12.0"."""
    return format_decimal(value, "#,##0.0", locale=BABEL_LOCALES[lang])  # type: ignore[index]


def survey_blocks(ed: Edition, surveys: Surveys | None, standard: str, title: str,
                  closed: dt.date | None = None) -> list[dict[str, Any]]:
    """What each survey said on one standard: a sentence, a table and a chart, numbered."""
    blocks = []
    for kind, survey in surveys_of(surveys):
        chosen = [(i, q) for i, q in enumerate(survey.questions) if q.standard == standard]
        if not chosen:
            continue
        where = f"$.surveys.{kind}.questions"
        rows, bars, phrases = [], [], []
        for i, q in chosen:
            statement = ed.text(q.statement, f"{where}[{i}].statement")
            share = percent(q.agree, q.answered)
            rows.append({"statement": statement, "agree": formatting.number(q.agree, ed.lang),
                         "neither": formatting.number(q.neither, ed.lang),
                         "disagree": formatting.number(q.disagree, ed.lang),
                         "answered": formatting.number(q.answered, ed.lang),
                         "percent_agree": ed.percent(share)})
            label = ed.text(q.short, f"{where}[{i}].short") if q.short else statement
            bars.append(Bar(label, share))
            phrases.append(ed.t("{statement}: {percent} of {answered} agreed").format(
                statement=str(statement).rstrip(". "),  # "work.: 47%" read as a typo
                percent=ed.percent(share),
                answered=formatting.number(q.answered, ed.lang)))
        name, caption = SURVEYS[kind]
        caption = ed.t(caption).format(title=title)
        chart = ChartSpec(
            kind="shares", title=caption, bars=tuple(bars),
            alt=ed.t("{title}: {figures}.").format(title=caption,
                                                   figures=join(ed, phrases)),
            axis_label=ed.t("Share of respondents who answered (%)"),
            series=(ed.t("Agreed"), ed.t("Did not agree")))
        blocks.append({"name": ed.t(name), "intro": _intro(ed, kind, survey, closed),
                       "table_number": ed.next_table(), "caption": caption, "rows": rows,
                       "chart": chart, "figure_number": ed.next_figure()})
    return blocks


def _intro(ed: Edition, kind: str, survey: Survey, closed: dt.date | None) -> str:
    n = ed.lang
    counts = {"respondents": formatting.number(survey.respondents, n),
              "invited": formatting.number(survey.invited or 0, n),
              "rate": ed.percent(percent(survey.respondents, survey.invited)
                                 if survey.invited else None)}
    if kind == "staff":
        text = (ed.t("Staff who answered our questionnaire: {respondents} of {invited} "
                     "({rate}).") if survey.invited else
                ed.t("Staff who answered our questionnaire: {respondents}.")).format(**counts)
        if closed:
            text += " " + ed.t("The questionnaire closed on {date}.").format(
                date=formatting.weekday_date(closed, n, in_sentence=True))
        return text
    by = getattr(survey, "gathered_by", "")
    text = (ed.t("People on probation who answered the survey: {respondents} of the {invited} "
                 "we contacted ({rate}).") if survey.invited else
            ed.t("People on probation who answered the survey: {respondents}.")).format(**counts)
    return text + " " + ed.t("The survey was run by {by}.").format(by=by)


def contextual(ed: Edition, data: ContextualData | None, annex: int) -> dict[str, Any] | None:
    """The annex of caseload and staffing figures, or None when the data has none."""
    if data is None:
        return None
    n = ed.lang
    c = data.caseload
    caseload = [{"label": ed.t(label), "number": formatting.number(getattr(c, key), n),
                 "percent": ed.percent(percent(getattr(c, key), c.total))}
                for key, label in CASELOAD]
    caseload.append({"label": ed.t("All people under supervision"),
                     "number": formatting.number(c.total, n),
                     "percent": ed.percent(percent(c.total, c.total))})
    staffing = [_staffing_row(ed, ed.t(GRADES[line.grade]), line.target_fte, line.in_post_fte,
                              line.vacant_fte) for line in data.staffing]
    if data.staffing:
        staffing.append(_staffing_row(
            ed, ed.t("All these grades"), sum((x.target_fte for x in data.staffing), Decimal(0)),
            sum((x.in_post_fte for x in data.staffing), Decimal(0)),
            sum((x.vacant_fte for x in data.staffing), Decimal(0))))
    return {
        "heading": ed.t("Annex {number}: Contextual data").format(number=annex),
        "as_at": ed.t("The figures describe the position on {date}, as the organisational data "
                      "spreadsheet gave them.").format(date=formatting.date(data.as_at, n)),
        "caseload_table_number": ed.next_table(), "caseload": caseload,
        "staffing_table_number": ed.next_table() if staffing else 0, "staffing": staffing,
    }


def _staffing_row(ed: Edition, label: str, target: Decimal, in_post: Decimal,
                  vacant: Decimal) -> dict[str, str]:
    # One decimal place throughout, so tenths are exact whole numbers for the rounding function.
    return {"grade": label, "target": fte(target, ed.lang), "in_post": fte(in_post, ed.lang),
            "vacant": fte(vacant, ed.lang),
            "rate": ed.percent(tenths_share(vacant, target))}


def vacancy_rate(line: StaffingLine) -> int | None:
    return tenths_share(line.vacant_fte, line.target_fte)
