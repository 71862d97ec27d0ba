"""The one place that turns numbers and dates into text: pages, PDF, DOCX, exports, messages.

Built on Django's localisation with our formats (cchc_portal/formats/{vi,en}/formats.py), so
the text follows the active language:

    vi: 1.962   5.158.000   99,05%   1.005,8
    en: 1,962   5,158,000   99.05%   1,005.8

Dates read dd/mm/yyyy in both languages, times HH:MM after the date, in local time. The report
document is rendered under ``translation.override("vi")`` and so stays Vietnamese whatever the
interface language. A missing value is DASH ("—"). Values are never re-rounded here: a rate
carries the registry's 2 places (half-up applied there)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats, timezone

DASH = "—"
DATE = "d/m/Y"
DATETIME = "d/m/Y H:i"
DATETIME_SECONDS = "d/m/Y H:i:s"


def to_decimal(value: Any) -> Decimal | None:
    """A Decimal from an int, float, Decimal or numeric string; None for None, "" or junk."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def format_number(value: Any, places: int | None = None) -> str:
    """A number in the active language's style, thousands grouped; None -> DASH.

    ``places`` fixes the number of decimals; without it the value's own decimals are kept,
    trailing zeros dropped (1029.70 -> 1.029,7 in vi)."""
    d = to_decimal(value)
    if d is None:
        return DASH
    if places is not None:
        # Python's own fixed-point text first: Django's number_format truncates extra places.
        d = Decimal(f"{d:.{places}f}")
    elif d == d.to_integral_value():
        d = Decimal(int(d))
    else:
        d = d.normalize()
    return formats.number_format(d, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_count(value: Any) -> str:
    """A whole count: 1962 -> '1.962' (vi) / '1,962' (en); None -> DASH."""
    d = to_decimal(value)
    if d is None:
        return DASH
    return format_number(int(d))


def format_vnd(value: Any) -> str:
    """An amount in đồng, whole: 5158000 -> '5.158.000' (vi) / '5,158,000' (en)."""
    return format_count(value)


def format_rate(value: Any) -> str:
    """A percentage with the registry's 2 places: 99.05 -> '99,05%' (vi) / '99.05%' (en).

    Officials' habit: a whole percentage drops its ",00" only (100,00 -> '100%', 0 -> '0%'),
    any other keeps both places (98,50 -> '98,50%'). None (zero denominator) -> DASH."""
    d = to_decimal(value)
    if d is None:
        return DASH
    if d == d.to_integral_value():
        return format_number(int(d)) + "%"
    return format_number(d, 2) + "%"


BILLION = 1_000_000_000
MILLION = 1_000_000
# Below this an amount is written in full đồng ("5.158.000 đồng"), as the seed writes fees.
MILLIONS_FROM = 100 * MILLION


def format_money(value: Any) -> str:
    """An amount in đồng as officials write it in a report, with its unit word:

    6.648.000.000 -> '6,648 tỷ đồng'      (whole millions: in tỷ, at most 3 decimals)
    1.005.800.000 -> '1.005,8 triệu đồng'  (not whole millions: in triệu)
      278.399.000 -> '278,399 triệu đồng'  (from 100 million: in triệu)
        5.158.000 -> '5.158.000 đồng'      (small amounts in full)

    Never rounded: an amount that would need more places (1.234.567.891) stays in đồng."""
    d = to_decimal(value)
    if d is None:
        return DASH
    amount = int(d)
    if abs(amount) >= BILLION and amount % MILLION == 0:
        return f"{format_number(Decimal(amount) / BILLION)} tỷ đồng"
    if abs(amount) >= MILLIONS_FROM and amount % 1000 == 0:
        return f"{format_number(Decimal(amount) / MILLION)} triệu đồng"
    return f"{format_count(amount)} đồng"


def format_doc_count(value: Any) -> str:
    """A count as the report's text writes it: 1–9 with a leading zero ('02 nhiệm vụ', as the
    register of official reports does), any other as format_count; None -> DASH."""
    d = to_decimal(value)
    if d is not None and d == d.to_integral_value() and 0 < d < 10:
        return f"{int(d):02d}"
    return format_count(value)


def format_doc_date(value: dt.date | None, default: str = DASH) -> str:
    """A date inside the report's text, zero-padded as Decree 30/2020 pads the date line: a
    day below 10 and the months 1 and 2 ('05/02/2024', '30/9/2023'); None -> ``default``."""
    if value is None or value == "":
        return default
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def format_figure(value: Any, kind: str = "count") -> str:
    """An indicator value by its kind ("count", "vnd", "percent")."""
    kind = str(kind)
    if kind == "percent":
        return format_rate(value)
    if kind == "vnd":
        return format_vnd(value)
    return format_count(value)


def format_change(current: Any, previous: Any, kind: str) -> str:
    """Signed change against last year: '+12', '−3', '+1,25 điểm %'; DASH if either is missing.

    Only the report's appendix prints it (in Vietnamese), hence the Vietnamese unit word."""
    if current is None or previous is None:
        return DASH
    diff = Decimal(current) - Decimal(previous)
    if diff == 0:
        return "0"
    sign = "+" if diff > 0 else "−"
    if kind == "percent":
        places = None if diff == diff.to_integral_value() else 2
        return f"{sign}{format_number(abs(diff), places)} điểm %"
    if kind == "vnd":
        return sign + format_money(abs(diff))
    return sign + format_count(abs(diff))


def format_date(value: dt.date | None, default: str = DASH) -> str:
    """dd/mm/yyyy in every language (an aware datetime in local time); None -> ``default``."""
    if value is None or value == "":
        return default
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return formats.date_format(value, DATE)


def format_datetime(
    value: dt.datetime | None, *, seconds: bool = False, offset: bool = False, default: str = DASH
) -> str:
    """'dd/mm/yyyy HH:MM' (':SS' with seconds, ' +07:00' with offset), aware values in local
    time; a plain date prints as a date; None -> ``default``."""
    if value is None or value == "":
        return default
    if not isinstance(value, dt.datetime):
        return format_date(value, default)
    value = _local(value)
    text = formats.date_format(value, DATETIME_SECONDS if seconds else DATETIME)
    if offset:
        tz = formats.date_format(value, "O")  # +0700
        text += f" {tz[:-2]}:{tz[-2:]}"
    return text


def format_moment(value: dt.datetime, *, tz: dt.tzinfo | None = None) -> str:
    """A moment as officials enter it: the date alone at midnight, else date and time."""
    local = value.astimezone(tz) if tz is not None else _local(value)
    if local.time() == dt.time.min:
        return formats.date_format(local, DATE)
    return formats.date_format(local, DATETIME)


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value
