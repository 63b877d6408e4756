"""Writes the house styles (styles/house-styles.docx) and the first versions of the Word templates
(templates/<lang>/*.docx).

The templates are the source from then on: editors change them in Word, and reportgen reads them.
This script is how they were first laid out, kept so that a new document type starts from the same
styles; running it again overwrites any edit made in Word.

    python tools/build_templates.py
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).parent))
from template_wording_cy import CY

from reportgen.render.postprocess import repeat_header, save, set_document_language

ROOT = Path(__file__).resolve().parent.parent
PALETTE = tomllib.loads((ROOT / "styles" / "palette.toml").read_text())
FONT = "Arial"  # the house font; LibreOffice uses the metric-compatible Liberation Sans


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


# --------------------------------------------------------------------------------------- styles


def style_font(style, size: float, bold: bool = False, colour: str | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = rgb(colour or PALETTE["text"])
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    # A theme font (the default headings' "majorHAnsi") overrides the named one: drop it.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]


def paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    return style


def house_styles(lang: str = "en-GB") -> Document:
    doc = Document()
    set_document_language(doc, lang)
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.2))
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    s = doc.styles
    style_font(s["Normal"], 11)
    s["Normal"].paragraph_format.space_after = Pt(8)
    s["Normal"].paragraph_format.line_spacing = 1.15
    style_font(s["Title"], 26, True, PALETTE["heading"])
    s["Title"].paragraph_format.space_after = Pt(12)
    style_font(s["Subtitle"], 16, False, PALETTE["heading"])
    for level, size in ((1, 18), (2, 14), (3, 12)):
        h = s[f"Heading {level}"]
        style_font(h, size, True, PALETTE["heading"])
        h.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.keep_with_next = True
        h.font.italic = False
    s["Heading 1"].paragraph_format.page_break_before = False
    style_font(s["Caption"], 10, False, PALETTE["text"])
    s["Caption"].font.italic = False
    s["Caption"].paragraph_format.space_after = Pt(12)
    table_caption = paragraph_style(doc, "Table Caption", "Caption")
    table_caption.paragraph_format.keep_with_next = True  # never stranded above a page break
    table_caption.paragraph_format.space_after = Pt(4)
    for name in ("List Bullet", "List Number"):
        style_font(s[name], 11)
        s[name].paragraph_format.space_after = Pt(4)
    rating = paragraph_style(doc, "Rating")
    style_font(rating, 12, True, PALETTE["heading"])
    table_text = paragraph_style(doc, "Table Text")
    style_font(table_text, 9)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0
    table_head = paragraph_style(doc, "Table Heading", "Table Text")
    style_font(table_head, 9, True)
    # For wide tables (a column per standard): small enough that "improvement" fits a column.
    compact = paragraph_style(doc, "Table Text Compact", "Table Text")
    style_font(compact, 7.5)
    compact_head = paragraph_style(doc, "Table Heading Compact", "Table Text Compact")
    style_font(compact_head, 7.5, True)
    # Not named "Figure": LibreOffice tags a paragraph in a style of that name as a /Figure.
    figure = paragraph_style(doc, "Chart Paragraph")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    cover = paragraph_style(doc, "Cover Detail")
    style_font(cover, 13, False, PALETTE["heading"])
    small = paragraph_style(doc, "Footer Text")
    style_font(small, 9)
    letter = paragraph_style(doc, "Letter Address")
    style_font(letter, 11)
    letter.paragraph_format.space_after = Pt(0)
    # Looks like Heading 1 but has no outline level, so the contents do not list themselves.
    toc_head = paragraph_style(doc, "Contents Heading", "Normal")
    toc_head.paragraph_format.keep_with_next = True
    toc_head.paragraph_format.space_after = Pt(6)
    style_font(toc_head, 18, True, PALETTE["heading"])
    return doc


def clear_body(doc: Document) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# ----------------------------------------------------------------------------- building blocks


class Builder:
    """Adds template paragraphs and tables in named styles only."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def p(self, text: str, style: str = "Normal"):
        return self.doc.add_paragraph(text, style=style)

    def tag(self, text: str) -> None:
        """A docxtpl paragraph tag ({%p ... %}): the paragraph itself disappears when rendered."""
        self.doc.add_paragraph(f"{{%p {text} %}}", style="Normal")

    def h(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level)

    def each(self, var: str, items: str, style: str, text: str | None = None) -> None:
        """One paragraph in `style` for each item of a list."""
        self.tag(f"for {var} in {items}")
        self.p(text or f"{{{{ {var} }}}}", style)
        self.tag("endfor")

    def section(self, landscape: bool) -> None:
        """A new page in landscape or portrait (for tables too wide for a portrait page)."""
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        long, short = Cm(29.7), Cm(21.0)
        sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = (long, short) if landscape else (short, long)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def contents(self, heading: str, placeholder: str) -> None:
        self.p(heading, "Contents Heading")
        para = self.doc.add_paragraph(style="Normal")
        field(para, 'TOC \\o "1-2" \\h \\z \\u', placeholder)

    def table(self, headings: list[str], cells: list[str], loop: str | None,
              widths: list[float] | None = None, after: list[list[str]] | None = None,
              compact: bool = False, compact_head: bool = False) -> None:
        """A table whose first row is its header (repeated on each page); `loop` repeats the
        data row ({%tr for ... %}); `after` adds fixed rows (totals) after it."""
        rows = 1 + (3 if loop else 1) + len(after or [])
        table = self.doc.add_table(rows=rows, cols=len(headings))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        text_style, head_style = (("Table Text Compact", "Table Heading Compact") if compact
                                  else ("Table Text", "Table Heading"))
        if compact_head:
            head_style = "Table Heading Compact"
        cell_margins(table, 0.1)
        header = table.rows[0]
        repeat_header(header)
        for cell, text in zip(header.cells, headings):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = self.doc.styles[head_style]
            shade(cell, "E8E4EE")
        body_rows = table.rows[1:]
        if loop:
            body_rows[0].cells[0].paragraphs[0].text = f"{{%tr for {loop} %}}"
            body_rows[2].cells[0].paragraphs[0].text = "{%tr endfor %}"
            data, rest = body_rows[1], body_rows[3:]
        else:
            data, rest = body_rows[0], body_rows[1:]
        for cell, text in zip(data.cells, cells):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = self.doc.styles[text_style]
        for row, texts in zip(rest, after or []):
            for cell, text in zip(row.cells, texts):
                cell.paragraphs[0].text = text
                cell.paragraphs[0].style = self.doc.styles[head_style]
        for row in table.rows:
            for cell in row.cells:
                if not cell.paragraphs[0].style.name.startswith("Table"):
                    cell.paragraphs[0].style = self.doc.styles[text_style]
        if widths:
            fixed_widths(table, widths)
        self.p("", "Table Text")  # a gap after the table


def fixed_widths(table, widths: list[float]) -> None:
    """Column widths Word and LibreOffice both honour: a fixed layout, the grid and each cell."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(widths) * 567)))
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = Cm(w)


def cell_margins(table, cm: float) -> None:
    """Narrow left and right cell margins, so that short column headings fit their column."""
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(cm * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    table._tbl.tblPr.append(mar)


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:shd")
    el.set(qn("w:val"), "clear")
    el.set(qn("w:color"), "auto")
    el.set(qn("w:fill"), fill)
    tcpr.append(el)


def field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (TOC, PAGE): updated by LibreOffice when converting, and by Word on open."""
    def run_with(el):
        r = OxmlElement("w:r")
        r.append(el)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def footer(doc: Document, text: str) -> None:
    para = doc.sections[0].footer.paragraphs[0]
    para.style = doc.styles["Footer Text"]
    para.text = text + "    "
    field(para, "PAGE", "1")


def core_properties(doc: Document) -> None:
    # docxtpl renders the core properties too: title and subject come from the context.
    props = doc.core_properties
    props.title = "{{ title }}"
    props.subject = "{{ subject }}"
    props.author = "HM Inspectorate of Probation"
    props.comments = ""


def update_fields_on_open(doc: Document) -> None:
    settings = doc.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


# ------------------------------------------------------------------------------- the templates

EN = {
    "inspectorate": "HM Inspectorate of Probation",
    "contents": "Contents",
    "toc_placeholder": "The contents are updated when the document is converted; in Word, "
                       "right-click here and choose Update field.",
}


def cover(b: Builder, kind: str) -> None:
    b.p("HM Inspectorate of Probation", "Cover Detail")
    b.p("{{ title }}", "Title")
    b.p(kind, "Subtitle")
    b.p("Fieldwork: {{ fieldwork }}", "Cover Detail")
    b.p("Published: {{ publication_date }}", "Cover Detail")
    b.p("Lead inspector: {{ lead_inspector }}", "Cover Detail")
    b.page_break()
    b.contents(EN["contents"], EN["toc_placeholder"])
    b.page_break()


def findings_block(b: Builder, var: str) -> None:
    """A standard's heading, rating and findings (inside a loop over `var`)."""
    b.p(f"{{{{ {var}.number }}}} {{{{ {var}.title }}}}", "Heading 2")
    b.p(f"Rating: {{{{ {var}.rating_label }}}}", "Rating")
    b.each("para", f"{var}.summary", "Normal")
    b.tag(f"if {var}.strengths")
    b.p("Strengths", "Heading 3")
    b.each("item", f"{var}.strengths", "List Bullet")
    b.tag("endif")
    b.tag(f"if {var}.areas")
    b.p("Areas for improvement", "Heading 3")
    b.each("item", f"{var}.areas", "List Bullet")
    b.tag("endif")


def key_question_table(b: Builder, var: str) -> None:
    b.p(f"Table {{{{ {var}.table_number }}}}: {{{{ {var}.title }}}}: cases judged sufficient, "
        "by key question", "Table Caption")
    b.table(["Key question", "Core: yes", "Core: no", "Adjusted: yes", "Adjusted: no",
             "All: yes", "All: no", "Yes (%)", "No (%)"],
            ["{{ q.text }}", "{{ q.core_yes }}", "{{ q.core_no }}", "{{ q.adjusted_yes }}",
             "{{ q.adjusted_no }}", "{{ q.yes }}", "{{ q.no }}", "{{ q.percent_yes }}",
             "{{ q.percent_no }}"],
            f"q in {var}.key_questions", [4.9, 1.3, 1.3, 1.95, 1.95, 1.3, 1.3, 1.3, 1.3],
            compact_head=True)


def chart(b: Builder, var: str) -> None:
    b.p(f"{{{{ {var}.chart }}}}", "Chart Paragraph")
    b.p(f"Figure {{{{ {var}.figure_number }}}}: {{{{ {var}.chart_caption }}}}", "Caption")


def recommendations(b: Builder) -> None:
    b.h("Recommendations", 1)
    b.tag("for group in recommendation_groups")
    b.p("{{ group.heading }}", "Normal")
    b.each("item", "group.entries", "List Number")
    b.tag("endfor")


def previous_section(b: Builder) -> None:
    """Progress on previous recommendations: reported, but never changes a rating."""
    b.tag("if previous")
    b.h("Progress on previous recommendations", 1)
    b.each("para", "previous.summary", "Normal")
    b.tag("for item in previous.entries")
    b.p("{{ item.recommendation }}", "List Bullet")
    b.p("{{ item.progress }}", "Normal")
    b.tag("endfor")
    b.tag("endif")


def optional_sections(b: Builder) -> None:
    previous_section(b)
    b.tag("if practice")
    b.h("Effective or innovative practice", 1)
    b.tag("for item in practice")
    b.p("{{ item.title }}", "Heading 2")
    b.p("{{ item.text }}", "Normal")
    b.tag("endfor")
    b.tag("endif")


def document(header: str | None = None) -> tuple[Document, Builder]:
    doc = house_styles()
    clear_body(doc)
    core_properties(doc)
    if header:
        para = doc.sections[0].header.paragraphs[0]
        para.style = doc.styles["Footer Text"]
        para.text = header
    footer(doc, "{{ title }}")
    return doc, Builder(doc)


def report_opening(kind: str, place: str) -> tuple[Document, Builder]:
    """What both reports open with: cover, contents, foreword, ratings, overall findings,
    recommendations."""
    doc, b = document()
    update_fields_on_open(doc)
    cover(b, kind)
    b.tag("if foreword")
    b.h("Foreword", 1)
    b.each("para", "foreword", "Normal")
    b.tag("endif")
    b.h("Ratings", 1)
    b.p(f"Table {{{{ ratings_table_number }}}}: Ratings of {{{{ {place} }}}}, by standard",
        "Table Caption")
    ratings_table(b)
    b.tag("if overall_findings")
    b.h("Overall findings", 1)
    b.each("para", "overall_findings", "Normal")
    b.tag("endif")
    b.tag("if recommendation_groups")
    recommendations(b)
    b.tag("endif")
    return doc, b


def ratings_table(b: Builder) -> None:
    b.table(["Standard", "Rating"], ["{{ r.number }} {{ r.title }}", "{{ r.rating_label }}"],
            "r in ratings", [10.5, 6],
            after=[["Overall rating (score {{ overall.score }}/{{ overall.max }})",
                    "{{ overall.rating_label }}"]])


def case_standards(b: Builder, explanation: str) -> None:
    """Service delivery: each case-rated standard with its findings, table and chart."""
    b.h("2. Service delivery", 1)
    b.p(explanation, "Normal")
    b.tag("for s in domain_two")
    findings_block(b, "s")
    key_question_table(b, "s")
    chart(b, "s")
    b.tag("endfor")


def pdu_report() -> Document:
    doc, b = report_opening("PDU inspection report", "pdu_name")
    b.h("1. Organisational arrangements and activity", 1)
    b.tag("for s in domain_one")
    findings_block(b, "s")
    b.tag("endfor")
    case_standards(b, "For each standard we judged every inspected case against each key "
                   "question. The standard's rating is the band of its lowest key question: "
                   "under 50% of cases judged sufficient is Inadequate, 50% to 64% Requires "
                   "improvement, 65% to 79% Good, and 80% or more Outstanding.")
    optional_sections(b)
    b.h("Annex 1: The inspected cases", 1)
    b.p("We inspected {{ profile.cases }} cases in which the sentence or licence began in two "
        "weeks between 26 and 33 weeks before the fieldwork.", "Normal")
    b.p("Table {{ profile.table_number }}: The inspected cases", "Table Caption")
    b.table(["Cases", "Number", "Share of all cases"],
            ["{{ row.label }}", "{{ row.number }}", "{{ row.percent }}"], "row in profile.rows",
            [9, 3.5, 4])
    return doc


def regional_report() -> Document:
    doc, b = report_opening("Regional inspection report", "region_name")
    b.section(landscape=True)
    b.h("The PDUs in the region", 1)
    b.p("We inspected each of the {{ pdu_count }} PDUs {{ region_in }} before the regional "
        "fieldwork. Their ratings are below; each PDU's report gives its findings.", "Normal")
    b.p("Table {{ pdu_table_number }}: Ratings of the PDUs {{ region_in }}",
        "Table Caption")
    b.table(["PDU", "Leadership", "Staffing", "Services", "Assessment", "Planning",
             "Implementation and delivery", "Reviewing", "Overall rating (score of 21)"],
            ["{{ p.name }}", "{{ p.ratings[0] }}", "{{ p.ratings[1] }}", "{{ p.ratings[2] }}",
             "{{ p.ratings[3] }}", "{{ p.ratings[4] }}", "{{ p.ratings[5] }}",
             "{{ p.ratings[6] }}", "{{ p.overall }} ({{ p.score }})"],
            "p in pdus", [3.7, 2.6, 2.6, 2.6, 2.6, 2.6, 2.9, 2.6, 3.3])
    chart(b, "pdu_chart")
    b.section(landscape=False)
    b.h("1. Organisational arrangements and activity", 1)
    b.tag("for s in domain_one")
    findings_block(b, "s")
    b.tag("if s.staffing")
    b.p("{{ s.staffing }}", "Normal")
    b.tag("endif")
    b.tag("endfor")
    case_standards(b, "Public protection and desistance are rated from every case inspected in "
                   "the region's PDUs; court work and resettlement from the PDU cases where that "
                   "work was done; unpaid work and victim work from the region's own cohorts. A "
                   "standard's rating is the band of its lowest key question: under 50% of cases "
                   "judged sufficient is Inadequate, 50% to 64% Requires improvement, 65% to 79% "
                   "Good, and 80% or more Outstanding.")
    optional_sections(b)
    return doc


LETTERHEAD = ("HM Inspectorate of Probation, 1st Floor Civil Justice Centre, 1 Bridge Street West, "
              "Manchester M3 3FX")


def announcement_letter() -> Document:
    doc, b = document(LETTERHEAD)
    b.p("HM Inspectorate of Probation", "Cover Detail")
    for line in ("{{ addressee.name }}", "{{ addressee.role }}", "Probation Service, {{ region_name }}"):
        b.p(line, "Letter Address")
    b.p("", "Normal")
    b.p("Our reference: {{ reference }}", "Letter Address")
    b.p("Date: {{ date }}", "Letter Address")
    b.p("", "Normal")
    b.p("Dear {{ addressee.name }}", "Normal")
    b.h("{{ title }}", 1)
    b.tag("if first_batch")
    b.p("I am writing to tell you that HM Inspectorate of Probation will inspect probation "
        "services {{ region_in }}. We inspect each of the region's {{ pdu_count }} probation "
        "delivery units (PDUs) in turn, each over two weeks (cases in the first week, meetings "
        "in the second), and then the region itself. {% if batch_total > 1 %}We announce the "
        "PDUs in {{ batches }} batches; this letter announces the first.{% else %}This letter "
        "announces all of them.{% endif %}", "Normal")
    b.p("The regional inspection rates leadership and staffing, and the quality of public "
        "protection, desistance, court work, unpaid work, resettlement and victim work, drawing "
        "on every case we inspect in the region's PDUs.", "Normal")
    b.h("The first PDUs to be inspected", 2)
    b.p("Table 1: PDUs in the first batch, with their fieldwork", "Table Caption")
    b.table(["PDU", "Where we will be", "Fieldwork"],
            ["{{ p.name }}", "{{ p.sites }}", "{{ p.fieldwork }}"], "p in pdus", [4.5, 7.1, 5])
    b.p("The regional fieldwork is provisionally planned for {{ regional_fieldwork }}.", "Normal")
    b.h("What we ask of you", 2)
    b.p("Please name the link senior manager for the inspection by {{ link_manager_by }}.",
        "List Bullet")
    b.p("The initial regional planning meeting will be held on {{ planning_meeting.date }} at "
        "{{ planning_meeting.time }} ({{ planning_meeting.minutes }} minutes, "
        "{{ planning_meeting.where }}), with {{ spoc.name }} as the region's single point of "
        "contact.", "List Bullet")
    b.p("Please send the organisational structure and office locations of the region and its "
        "PDUs to {{ mailbox }} by {{ structure_by }}, not to the portal.", "List Bullet")
    b.p("Please upload the regional evidence in advance, with the organisational data "
        "spreadsheet enclosed with this letter, to the evidence in advance portal by "
        "{{ evidence_by }}. The enclosed instructions explain how to reach the portal.",
        "List Bullet")
    b.p("The staff questionnaire opens on {{ questionnaire_opens }}; please share its link with "
        "all staff in the region.", "List Bullet")
    b.tag("else")
    b.p("I am writing to confirm the PDUs in batch {{ batch_number }} of {{ batches }} of our "
        "inspection of probation services {{ region_in }}, with their fieldwork dates. "
        "Each PDU's project plan is enclosed.", "Normal")
    b.p("Table 1: PDUs in batch {{ batch_number }}, with their key dates", "Table Caption")
    b.table(["PDU", "Where we will be", "Fieldwork", "Planning meeting", "Evidence in advance by"],
            ["{{ p.name }}", "{{ p.sites }}", "{{ p.fieldwork }}", "{{ p.planning_meeting }}",
             "{{ p.evidence }}"], "p in pdus", [3.2, 3.6, 3.2, 3.3, 3.3])
    b.tag("endif")
    b.p("Please send all correspondence to {{ mailbox }}. {{ administrator.name }} "
        "({{ administrator.role }}) will be in touch about the arrangements.", "Normal")
    b.p("Yours sincerely", "Normal")
    b.p("", "Normal")
    b.p("{{ signatory.name }}", "Letter Address")
    b.p("{{ signatory.role }}", "Letter Address")
    b.p("", "Normal")
    b.p("Copy: {{ copies|join(', ') }}", "Normal")
    return doc


def project_plan() -> Document:
    doc, b = document()
    b.p("HM Inspectorate of Probation", "Cover Detail")
    b.p("{{ title }}", "Title")
    b.p("Reference: {{ reference }}. Issued: {{ issued }}.", "Cover Detail")
    b.h("Key dates", 1)
    b.p("The dates follow the inspection manual from the fieldwork dates. Please check them and "
        "raise any issue with the administrator, {{ administrator.name }} ({{ mailbox }}).{% if flagged_count %} "
        "Dates that fall on a bank holiday are flagged in the notes ({{ flagged }} in this "
        "plan): we will agree another date with you.{% endif %}", "Normal")
    b.p("Table 1: Key dates and activities of the inspection of {{ place }}", "Table Caption")
    b.table(["Activity", "Date", "Who acts", "Notes"],
            ["{{ r.activity }}", "{{ r.date }}", "{{ r.who }}", "{{ r.notes }}"], "r in rows",
            [6.6, 3.8, 2.8, 3.4])
    b.h("Contacts", 1)
    b.p("Lead inspector: {{ lead_inspector.name }}", "List Bullet")
    b.p("Administrator: {{ administrator.name }}", "List Bullet")
    b.p("Single point of contact: {{ spoc.name }}", "List Bullet")
    b.p("Inspection mailbox: {{ mailbox }}", "List Bullet")
    return doc


def panel_summary() -> Document:
    doc, b = document()
    b.p("HM Inspectorate of Probation", "Cover Detail")
    b.p("{{ title }}", "Title")
    b.p("Panel held on {{ panel_date }}, after fieldwork from {{ fieldwork }}.", "Cover Detail")
    b.h("The panel", 1)
    b.p("Chair: {{ chair.name }}, {{ chair.role }}", "Normal")
    b.tag("if members")
    b.p("Members:", "Normal")
    b.each("m", "members", "List Bullet", "{{ m.name }}{% if m.role %}, {{ m.role }}{% endif %}")
    b.tag("endif")
    b.h("Agreed ratings", 1)
    b.p("Table 1: Ratings agreed by the panel for {{ place }}", "Table Caption")
    ratings_table(b)
    b.tag("if staffing")
    b.p("{{ staffing }}", "Normal")
    b.tag("endif")
    b.tag("if departures")
    b.h("Decisions of the panel", 2)
    b.p("The panel agreed these ratings although the ratings rules give another, for the "
        "reasons given.", "Normal")
    b.p("Table 2: Ratings the panel agreed against the rules", "Table Caption")
    b.table(["Standard", "Rating the rules give", "Reason"],
            ["{{ d.standard }}", "{{ d.rules }}", "{{ d.reason }}"], "d in departures",
            [4.5, 3.5, 8.6])
    b.tag("endif")
    b.tag("if key_findings")
    b.h("Key findings", 1)
    b.each("item", "key_findings", "List Bullet")
    b.tag("endif")
    previous_section(b)
    b.h("What happens next", 1)
    b.p("This summary is sent to {{ place }} by {{ send_by }}. The lead inspector will explain "
        "the panel's decisions. The full evidence is in the draft report, sent for a factual "
        "accuracy check: that is the time to raise any challenge to a rating, on which the chief "
        "operating officer's decision is final.", "Normal")
    return doc


def national_review() -> Document:
    doc, b = document()
    cover_lines = ("Covering {{ period }}", "Published: {{ publication_date }}",
                   "Lead: {{ lead_inspector.name }}, {{ lead_inspector.role }}")
    b.p("HM Inspectorate of Probation", "Cover Detail")
    b.p("{{ title }}", "Title")
    for line in cover_lines:
        b.p(line, "Cover Detail")
    b.page_break()
    b.contents(EN["contents"], EN["toc_placeholder"])
    b.page_break()
    b.h("Introduction", 1)
    b.each("para", "introduction", "Normal")
    b.p("We do not rate the national level. For each of the four national standards (framework "
        "{{ framework }}) we set out what we found against each key question, and the evidence "
        "it rests on.", "Normal")
    b.h("Evidence", 1)
    b.each("item", "evidence_sources", "List Bullet")
    b.tag("for s in standards")
    b.p("{{ s.number }} {{ s.title }}", "Heading 1")
    b.p("{{ s.statement }}", "Normal")
    b.each("para", "s.summary", "Normal")
    b.tag("for q in s.key_questions")
    b.p("{{ q.number }} {{ q.text }}", "Heading 2")
    b.each("para", "q.findings", "Normal")
    b.tag("if q.evidence")
    b.p("Evidence", "Heading 3")
    b.each("item", "q.evidence", "List Bullet")
    b.tag("endif")
    b.tag("endfor")
    b.tag("endfor")
    return doc


TEMPLATES = {"pdu-report": pdu_report, "regional-report": regional_report,
             "announcement-letter": announcement_letter, "project-plan": project_plan,
             "panel-summary": panel_summary, "national-review": national_review}


def _fixed(text: str) -> bool:
    """Whether a run holds words to translate, rather than only template tags."""
    bare = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text)
    return bool(re.search(r"[A-Za-z]{2,}", bare))


def in_welsh(doc: Document) -> Document:
    """The same layout with every fixed text in Welsh (tools/template_wording_cy.py), and the
    document language cy-GB. A text with no Welsh is an error, not English left behind."""
    set_document_language(doc, "cy-GB")
    parts = [doc.element.body, doc.sections[0].header._element, doc.sections[0].footer._element]
    missing = []
    for part in parts:
        for t in part.iter(qn("w:t")):
            text = (t.text or "").strip()
            if not text or not _fixed(text) or text.startswith("{%"):
                continue
            if text in CY:
                t.text = CY[text]
            else:
                missing.append(text)
    if missing:
        raise SystemExit("no Welsh for:\n" + "\n".join(missing))
    return doc


def main() -> None:
    (ROOT / "styles").mkdir(exist_ok=True)
    styles = house_styles()
    clear_body(styles)
    styles.add_paragraph("House styles of reportgen's documents. Templates are built on these.")
    # Saved through reportgen's post-processing, in the schema's shape Word expects.
    (ROOT / "styles" / "house-styles.docx").write_bytes(save(styles))
    names = sys.argv[1:] or list(TEMPLATES)
    for lang in ("en", "cy"):
        out = ROOT / "templates" / lang
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            doc = TEMPLATES[name]()
            (out / f"{name}.docx").write_bytes(save(in_welsh(doc) if lang == "cy" else doc))
            print(f"wrote templates/{lang}/{name}.docx")


if __name__ == "__main__":
    main()
