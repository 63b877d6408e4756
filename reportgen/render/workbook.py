"""Data workbooks with openpyxl: a cover sheet (title, inspection, contents, notes), then one
sheet a table, each a named Excel table with a header row, no merged cells, and numbers stored
as numbers."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from reportgen.documents.workbook import WorkbookSpec
from reportgen.i18n import BCP47, gettext_for
from reportgen.render.postprocess import AUTHOR


def write(spec: WorkbookSpec) -> bytes:
    _ = gettext_for(spec.lang)  # type: ignore[arg-type]
    wb = Workbook()
    cover = wb.active
    cover.title = _("Cover")
    cover["A1"] = spec.title
    cover["A1"].font = Font(size=16, bold=True)
    row = 3
    for label, value in spec.cover:
        cover.cell(row, 1, label).font = Font(bold=True)
        cover.cell(row, 2, value)
        row += 1
    row += 1
    cover.cell(row, 1, _("Contents")).font = Font(size=13, bold=True)
    for sheet in spec.sheets:
        row += 1
        cover.cell(row, 1, sheet.name)
        cover.cell(row, 2, sheet.title)
    for note in dict.fromkeys(n for s in spec.sheets for n in s.notes):  # in sheet order
        row += 2
        cover.cell(row, 1, _("Note")).font = Font(bold=True)
        cover.cell(row, 2, note)
    cover.column_dimensions["A"].width = 22
    cover.column_dimensions["B"].width = 90
    for sheet in spec.sheets:
        ws = wb.create_sheet(sheet.name[:31])
        ws.append(list(sheet.headers))
        for values in sheet.rows:
            ws.append(list(values))
        ref = f"A1:{get_column_letter(len(sheet.headers))}{len(sheet.rows) + 1}"
        table = Table(displayName=sheet.table, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
        ws.freeze_panes = "A2"
        for i, header in enumerate(sheet.headers, 1):
            longest = max([len(str(header))] + [len(str(r[i - 1])) for r in sheet.rows])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest + 2))
    wb.properties.title = spec.title
    wb.properties.language = BCP47[spec.lang]  # type: ignore[index]
    wb.properties.creator = _(AUTHOR)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
