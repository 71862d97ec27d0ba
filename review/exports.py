"""The comparison table as an XLSX workbook (openpyxl, already a dependency of the exports).

Numbers stay numbers (rates with two places, counts whole), the total row comes last in bold,
cells below their target get a red fill and a note row says so; every text cell goes through
records.exports.spreadsheet_safe, like every other export of the portal."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from common.formatting import format_number
from records.exports import spreadsheet_safe

from .comparison import ComparisonTable, Row

BELOW = PatternFill(start_color="F8D7DA", end_color="F8D7DA", fill_type="solid")
BOLD = Font(bold=True)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cells(row: Row) -> list[object]:
    return [
        spreadsheet_safe(row.unit.code),
        spreadsheet_safe(row.unit.name),
        *[c.value for c in row.cells],
        spreadsheet_safe(str(row.state.label)),
        row.errors,
        row.warnings,
    ]


def comparison_xlsx(table: ComparisonTable) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = spreadsheet_safe(table.period.code)[:31]
    ws.append(
        [
            spreadsheet_safe(
                _("So sánh các đơn vị trực thuộc %(unit)s — kỳ %(period)s")
                % {"unit": table.unit.name, "period": table.period.code}
            )
        ]
    )
    ws["A1"].font = BOLD
    headers = [
        _("Mã"),
        _("Đơn vị"),
        *[f"{c.title} ({c.code})" for c in table.columns],
        _("Trạng thái"),
        _("Lỗi"),
        _("Cảnh báo"),
    ]
    ws.append([spreadsheet_safe(h) for h in headers])
    for cell in ws[2]:
        cell.font = BOLD
    targets = [
        _("Mục tiêu"),
        "",
        *[c.target for c in table.columns],
    ]
    if any(c.target is not None for c in table.columns):
        ws.append([spreadsheet_safe(v) if isinstance(v, str) else v for v in targets])
    first_col = 3
    for row in [*table.rows, *([table.total] if table.total else [])]:
        ws.append(_cells(row))
        excel_row = ws.max_row
        for i, cell in enumerate(row.cells):
            target = ws.cell(row=excel_row, column=first_col + i)
            if isinstance(cell.value, Decimal):
                target.number_format = "0.00"
            elif isinstance(cell.value, int):
                target.number_format = "#,##0"
            if cell.below_target:
                target.fill = BELOW
        if row.is_total:
            for cell in ws[excel_row]:
                cell.font = BOLD
    if table.below_target_count:
        ws.append([])
        ws.append(
            [
                spreadsheet_safe(
                    _("Ô tô đỏ: dưới mục tiêu (%(n)s ô).")
                    % {"n": format_number(table.below_target_count)}
                )
            ]
        )
    ws.column_dimensions["B"].width = 32
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
