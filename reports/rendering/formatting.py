"""Vietnamese number and date style for the report document (formatting only at the edge).

Counts and VND use "." as the thousands separator (1.962, 5.158.000), rates "," as the decimal
mark (99,05%), a missing value is "—" — the template filters of reports/templatetags/cchc_format.py,
so the document prints exactly what the pages show. Dates follow Decree 30/2020: a day below 10 and the
months 1 and 2 get a leading zero ("ngày 05 tháng 01 năm 2024")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reports.templatetags.cchc_format import figure, format_number

DASH = "—"


def group(n: int) -> str:
    """1962 -> '1.962', -1005 -> '-1.005'."""
    sign = "-" if n < 0 else ""
    return sign + f"{abs(int(n)):,}".replace(",", ".")


def fmt_decimal(value, places: int = 2) -> str:
    return format_number(value, places)


def fmt_value(value, kind: str) -> str:
    """Format an indicator value by its kind ('count', 'vnd', 'percent')."""
    return figure(value, kind)


def fmt_change(current, previous, kind: str) -> str:
    """Signed change against last year: '+12', '−3', '+1,25 điểm %'; '—' when either is missing."""
    if current is None or previous is None:
        return DASH
    diff = Decimal(current) - Decimal(previous)
    if diff == 0:
        return "0"
    sign = "+" if diff > 0 else "−"
    if kind == "percent":
        return f"{sign}{fmt_decimal(abs(diff), 2)} điểm %"
    return sign + group(int(abs(diff)))


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


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else DASH
