"""The ratings panel summary (§7.2): written by the panel chair, sent to the PDU or region by
the end of week +2. It is not rendered while a finalised rating differs from the ratings rules
without the panel having recorded that decision with a reason."""

from __future__ import annotations

from typing import Any

from reportgen import formatting
from reportgen.documents import common
from reportgen.documents.common import Edition, person
from reportgen.documents.regional_report import staffing_sentence
from reportgen.errors import RenderError
from reportgen.framework import load_framework
from reportgen.model import PduInspection
from reportgen.reading import Loaded
from reportgen.rules.assessment import Assessment, assess
from reportgen.rules.calendar import inspection_calendar, milestone


def _assess(ld: Loaded) -> tuple[Assessment, list]:
    fw = load_framework()
    return assess(ld, fw), list(fw.pdu if isinstance(ld.data, PduInspection) else fw.regional)


def refuse_unrecorded(ld: Loaded, a: Assessment) -> None:
    if ld.data.panel is None:  # type: ignore[union-attr]
        raise RenderError(f"{ld.path}: a panel summary needs $.panel (the panel's date, chair "
                          "and members)")
    if a.unrecorded:
        lines = "\n".join(f"  {d.line()}" for d in a.unrecorded)
        raise RenderError(
            f"{ld.path}: the panel summary cannot be rendered while finalised ratings differ "
            f"from the ratings rules:\n{lines}\nCorrect the rating, or record the panel's "
            "decision in $.panel.departures with the standard and the reason.")


def context(ld: Loaded, ed: Edition) -> dict[str, Any]:
    a, standards = _assess(ld)
    refuse_unrecorded(ld, a)
    data: Any = ld.data
    panel = data.panel
    is_pdu = isinstance(data, PduInspection)
    place = ed.text(data.pdu.name if is_pdu else data.region.name,
                    "$.pdu.name" if is_pdu else "$.region.name")
    send_by = milestone(inspection_calendar(data),
                        "pdu_panel_summary" if is_pdu else "regional_panel_summary",
                        data.pdu.code if is_pdu else None).date
    titles = {s.code: s.title.get(ed.lang) for s in standards} | {"overall": ed.t("Overall")}
    departures = [{
        "standard": titles[d.standard] if d.standard == "overall"
        else f"{common.number(d.standard)} {titles[d.standard]}",
        "reason": ed.text(d.reason, f"$.panel.departures[{i}].reason"),
        "rules": ed.rating(r.computed) if (r := a.standards.get(d.standard)) and r.computed
        else "–",
    } for i, d in enumerate(panel.departures)]
    ctx: dict[str, Any] = {
        "title": ed.t("Ratings panel summary: inspection of probation services {place_in}")
        .format(place_in=ed.place_in(data.pdu.name if is_pdu else data.region.name,
                                     "$.pdu.name" if is_pdu else "$.region.name")),
        "subject": ed.t("Ratings panel summary"),
        "keywords": ", ".join([place, ed.t("ratings panel"), ed.t("inspection")]),
        "place": place,
        # Who receives it: the body, not the place ("the Wales region", "rhanbarth Cymru").
        "recipient": (ed.t("{name} PDU") if is_pdu else ed.t("{name} region")).format(
            name=place),
        "is_pdu": is_pdu,
        "panel_date": formatting.date(panel.date, ed.lang),
        "fieldwork": formatting.date_range(
            data.fieldwork.start if is_pdu else data.fieldwork.casework.start,
            data.fieldwork.end, ed.lang),
        "chair": person(ed, panel.chair, "$.panel.chair"),
        "members": [person(ed, m, f"$.panel.members[{i}]") for i, m in enumerate(panel.members)],
        "ratings": common.ratings_rows(ed, standards, a),
        "overall": common.overall(ed, a),
        "departures": departures,
        "key_findings": ed.texts(panel.key_findings, "$.panel.key_findings"),
        "previous": common.previous(ed, data.previous_recommendations,
                                    "$.previous_recommendations"),
        "send_by": formatting.weekday_date(send_by, ed.lang, in_sentence=True),
        "staffing": "",
    }
    if not is_pdu:
        ctx["staffing"] = staffing_sentence(data, a, ed)
    return ctx
