"""Print layout: no table row of any rendered fixture split over two pages, captions on the
page of their table or figure (read from the PDFs' structure trees), rows marked to stay whole
and figures right-aligned in the Word files."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from reportgen.checks import layout
from reportgen.convert import pdf
from reportgen.render import postprocess


def test_no_row_of_any_rendered_report_is_split_and_no_caption_is_parted(rendered):
    pdfs = sorted(Path(rendered).glob("*.pdf"))
    assert sum(".cy." in p.name for p in pdfs) >= 22 and len(pdfs) > 80
    problems = [f.line(p.name) for p in pdfs for f in layout.check(p)]
    assert problems == []


def test_the_check_finds_a_row_run_over_two_pages(tmp_path):
    doc = Document()
    doc.add_paragraph("A caption above a table\n" * 30, style="Caption")
    table = doc.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Heading"
    table.rows[1].cells[0].text = "\n".join(f"line {n}" for n in range(40))
    table.rows[1].cells[1].width = Cm(4)
    source = tmp_path / "split.docx"
    doc.save(str(source))
    out = pdf.convert([source], tmp_path / "out")[0]
    found = layout.check(out)
    assert [(f.rule, f.where) for f in found] == [("split-row", "table 1, row 2")]
    assert found[0].pages == (1, 2)


def test_every_row_stays_whole_and_figures_are_right_aligned(rendered):
    doc = Document(str(rendered / "gwent-pdu-report.cy.docx"))
    order = postprocess.TRPR_ORDER
    for table in doc.tables:
        for tr in table._tbl.tr_lst:
            names = [el.tag.split("}")[1] for el in tr.trPr]
            assert "cantSplit" in names
            assert names == sorted(names, key=order.index)  # in the schema's order
    key_questions = next(t for t in doc.tables if t.rows[0].cells[0].text == "Cwestiwn allweddol")
    for row in key_questions.rows:
        assert row.cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
        assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in row.cells[1:])
    ratings = doc.tables[0]
    assert all(c.paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
               for r in ratings.rows for c in r.cells)
    header = key_questions.rows[0].cells[0]._tc
    assert header.find(f".//{qn('w:keepNext')}") is not None  # the header stays with row 1


def test_figure_columns():
    doc = Document()
    table = doc.add_table(rows=3, cols=4)
    for r, values in enumerate([["Name", "Count", "Share", "Note"], ["Gwent", "1,234", "75%", "x"],
                                ["Powys", "–", "23.5", "7 (Da)"]]):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    assert postprocess.figure_columns(table) == {1, 2}


def _table_then_chart(path: Path, lay_out: bool) -> Path:
    """Filler, then a short table near the page's foot and a tall picture after it."""
    import io

    from PIL import Image

    doc = Document(str(Path(postprocess.__file__).parents[2] / "templates/en/pdu-report.docx"))
    body = doc.element.body
    for el in list(body)[:-1]:  # keep the section properties
        body.remove(el)
    for n in range(25):
        doc.add_paragraph(f"Paragraph {n} of the text before the table.")
    doc.add_paragraph("Table 1: Cases", style="Table Caption")
    table = doc.add_table(rows=3, cols=2)
    for r, row in enumerate(table.rows):
        row.cells[0].text, row.cells[1].text = f"Key question {r}", str(r)
    doc.add_paragraph(style="Table Text")
    png = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(png, "PNG")
    doc.add_paragraph(style="Chart Paragraph").add_run().add_picture(png, width=Cm(15))
    doc.add_paragraph("Figure 1: Cases", style="Caption")
    if lay_out:
        postprocess.lay_out_tables(doc)
    doc.save(str(path))
    return pdf.convert([path], path.parent / path.stem)[0]


def test_a_short_table_is_kept_with_its_chart_and_the_check_finds_them_parted(tmp_path):
    parted = layout.check(_table_then_chart(tmp_path / "parted.docx", lay_out=False))
    assert [(f.rule, f.where, f.pages) for f in parted] == [("parted-chart", "table 1", (1, 2))]
    assert layout.check(_table_then_chart(tmp_path / "kept.docx", lay_out=True)) == []
