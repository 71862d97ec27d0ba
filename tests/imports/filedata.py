"""Building spreadsheet files for import tests of any kind (XLSX bytes, a named file object)."""

from __future__ import annotations

import io


def xlsx_bytes(rows: list[list], *, headers: list, sheet: str = "Hồ sơ") -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append(list(headers))
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "hoso.csv") -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f
