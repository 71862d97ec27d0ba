"""The Decree 30/2020 pieces of the report document (numbers and dates are common.formatting's,
printed in Vietnamese because the document renders under translation.override("vi")).

Dates follow Decree 30/2020: a day below 10 and the months 1 and 2 get a leading zero
("ngày 05 tháng 01 năm 2024")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation

from common.formatting import format_figure, format_money


def pad2(n: int) -> str:
    return f"{n:02d}"


def doc_number(number: int | None) -> str:
    """The number of 'Số: 05/BC-UBND': below 10 zero-padded; blank (spaces) until issued."""
    if not number:
        return "\u00a0" * 8
    return pad2(number) if number < 10 else str(number)


def vn_date_line(place: str, day: dt.date | None, year: int) -> str:
    """'Bình Phước, ngày 05 tháng 01 năm 2024' (Decree 30/2020 box 4); blanks in drafts."""
    if day is None:
        blank = "\u00a0" * 6
        return f"{place}, ngày{blank}tháng{blank}năm {year}"
    d = pad2(day.day) if day.day < 10 else str(day.day)
    m = pad2(day.month) if day.month < 3 else str(day.month)
    return f"{place}, ngày {d} tháng {m} năm {day.year}"


def document_figure(value: Any, kind: str) -> str:
    """An indicator value as the (Vietnamese) document prints it, whatever the interface
    language: the editor's preview and the figure checks show what the document prints.
    Amounts as officials write them ("6,648 tỷ đồng", "1.005,8 triệu đồng")."""
    with translation.override("vi"):
        if kind == "vnd":
            return format_money(value)
        return format_figure(value, kind)
