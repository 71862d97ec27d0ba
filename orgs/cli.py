"""Shared helpers for management commands: argument parsing with Vietnamese messages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def parse_date_arg(value: str | None, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise CommandError(
        _("%(name)s «%(value)s» không phải ngày hợp lệ (dùng YYYY-MM-DD).")
        % {"name": name, "value": value}
    )


def validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(" ".join(str(m) for m in msgs) for msgs in exc.message_dict.values())
    return "; ".join(str(m) for m in exc.messages)


def resolve_unit_period(unit_code: str, period_code: str):
    """(unit, period) for the CLI: the unit with that code valid during that period."""
    from orgs.models import Period, Unit

    period = Period.objects.filter(code=str(period_code).strip().upper()).first()
    if period is None:
        raise CommandError(_("Không có kỳ báo cáo %(code)s.") % {"code": period_code})
    try:
        unit = Unit.objects.for_code(unit_code, period)
    except Unit.DoesNotExist:
        raise CommandError(
            _("Không có đơn vị mã %(code)s có hiệu lực trong kỳ %(period)s.")
            % {"code": unit_code, "period": period.code}
        ) from None
    return unit, period
