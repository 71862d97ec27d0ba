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
