"""Vietnamese number style for figures, at the edge (templates, PDF, DOCX).

    {% load cchc_format %}
    {{ 1962|count }}              -> 1.962
    {{ value|rate }}              -> 99,05%     (Decimal, "99.05" or None -> "—")
    {{ 5158000|vnd }}             -> 5.158.000
    {{ value|figure:"percent" }}  -> by the indicator's kind: count / vnd / percent
    {{ 1005.8|vn_number }}        -> 1.005,8

Values are never rounded here beyond the registry's rule (rates already carry 2 places).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()

DASH = "—"


def _group(digits: str) -> str:
    """'1234567' -> '1.234.567' (thousands separated by dots)."""
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def format_number(value, places: int | None = None) -> str:
    """Vietnamese style: '.' groups thousands, ',' marks decimals. None -> '—'.

    `places` fixes the number of decimals (half-up was applied by the registry already);
    without it, the value's own decimals are kept, trailing zeros dropped."""
    d = _to_decimal(value)
    if d is None:
        return DASH
    sign = "-" if d < 0 else ""
    d = abs(d)
    if places is not None:
        text = f"{d:.{places}f}"
    else:
        text = format(d.normalize(), "f") if d != d.to_integral_value() else f"{d:.0f}"
    whole, _dot, frac = text.partition(".")
    result = _group(whole)
    if frac:
        result += "," + frac
    return sign + result


@register.filter
def count(value) -> str:
    """An integer count: 1962 -> '1.962'; None -> '—'."""
    d = _to_decimal(value)
    if d is None:
        return DASH
    return format_number(int(d))


@register.filter
def vnd(value) -> str:
    """An amount in đồng: 5158000 -> '5.158.000'; None -> '—'."""
    return count(value)


@register.filter
def rate(value) -> str:
    """A percentage with the registry's 2 places: Decimal('99.05') or '99.05' -> '99,05%'.

    None (zero denominator) -> '—'."""
    d = _to_decimal(value)
    if d is None:
        return DASH
    return format_number(d, 2) + "%"


@register.filter
def vn_number(value, places=None) -> str:
    """Any number in Vietnamese style: 1005.8 -> '1.005,8'; with places: |vn_number:2."""
    return format_number(value, int(places) if places not in (None, "") else None)


@register.filter
def figure(value, kind: str = "count") -> str:
    """Format by the indicator's kind ("count", "vnd", "percent")."""
    kind = str(kind)
    if kind == "percent":
        return rate(value)
    if kind == "vnd":
        return vnd(value)
    return count(value)


@register.filter
def who(user) -> str:
    """A user's full name, else the login, else "—" (imports by a command, deleted users)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
