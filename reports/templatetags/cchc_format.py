"""Number style for figures at the edge (templates, PDF, DOCX): thin filters over
common.formatting, so a page follows the active language and the report (rendered in
Vietnamese) prints what officials write.

    {% load cchc_format %}
    {{ 1962|count }}              -> 1.962 (vi) / 1,962 (en)
    {{ value|rate }}              -> 99,05% (vi) / 99.05% (en)   (Decimal, "99.05" or None -> "—")
    {{ 5158000|vnd }}             -> 5.158.000
    {{ value|figure:"percent" }}  -> by the indicator's kind: count / vnd / percent
    {{ 1005.8|vn_number }}        -> 1.005,8 (any number; |vn_number:2 fixes the places)

Values are never rounded here beyond the registry's rule (rates already carry 2 places).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import User

from common.formatting import (
    DASH,
    format_count,
    format_figure,
    format_number,
    format_rate,
    format_vnd,
)

register = template.Library()

__all__ = ["DASH", "count", "figure", "format_number", "rate", "vn_number", "vnd", "who"]


@register.filter
def count(value: Any) -> str:
    """An integer count: 1962 -> '1.962'; None -> '—'."""
    return format_count(value)


@register.filter
def vnd(value: Any) -> str:
    """An amount in đồng: 5158000 -> '5.158.000'; None -> '—'."""
    return format_vnd(value)


@register.filter
def rate(value: Any) -> str:
    """A percentage with the registry's 2 places: Decimal('99.05') or '99.05' -> '99,05%'.

    None (zero denominator) -> '—'."""
    return format_rate(value)


@register.filter
def vn_number(value: Any, places: int | str | None = None) -> str:
    """Any number: 1005.8 -> '1.005,8'; with places: |vn_number:2."""
    return format_number(value, int(places) if places not in (None, "") else None)


@register.filter
def figure(value: Any, kind: str = "count") -> str:
    """Format by the indicator's kind ("count", "vnd", "percent")."""
    return format_figure(value, kind)


@register.filter
def who(user: User | None) -> str:
    """A user's full name, else the login, else "—" (imports by a command, deleted users)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
