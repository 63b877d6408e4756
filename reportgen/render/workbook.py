"""Data workbooks with openpyxl: a cover sheet (title, inspection, contents, notes), then one
sheet a table, each a named Excel table with a header row, no merged cells, and numbers stored
as numbers."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.documents.workbook import WorkbookSpec
from reportgen.i18n import BCP47, gettext_for
from reportgen.render.postprocess import AUTHOR


def _cell(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """A cell holding the value as it is: text is always stored as text, never read as a
    formula (a title "=HYPERLINK(...)" stays those characters, not a live link)."""
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def write(spec: WorkbookSpec) -> bytes:
    _ = gettext_for(spec.lang)  # type: ignore[arg-type]
    wb = Workbook()
    cover = wb.active
    cover.title = _("Cover")
    _cell(cover, 1, 1, spec.title).font = Font(size=16, bold=True)
    row = 3
    for label, value in spec.cover:
        _cell(cover, row, 1, label).font = Font(bold=True)
        _cell(cover, row, 2, value)
        row += 1
    row += 1
    _cell(cover, row, 1, _("Contents")).font = Font(size=13, bold=True)
    for sheet in spec.sheets:
        row += 1
        _cell(cover, row, 1, sheet.name)
        _cell(cover, row, 2, sheet.title)
    for note in dict.fromkeys(n for s in spec.sheets for n in s.notes):  # in sheet order
        row += 2
        _cell(cover, row, 1, _("Note")).font = Font(bold=True)
        _cell(cover, row, 2, note)
    cover.column_dimensions["A"].width = 22
    cover.column_dimensions["B"].width = 90
    for sheet in spec.sheets:
        ws = wb.create_sheet(sheet.name[:31])
        for r, values in enumerate([sheet.headers, *sheet.rows], 1):
            for c, value in enumerate(values, 1):
                _cell(ws, r, c, value)
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
