"""Hand-built dossiers for the indicator formulas, with times in the portal's time zone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tthc.models import Channel, Dossier, DossierStatus

TZ = timezone.get_default_timezone()
_seq = iter(range(10**9))


def local(y, m, d, h=0, mi=0, s=0, us=0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, s, us, tzinfo=TZ)


def end_of_day(day: dt.date) -> dt.datetime:
    """A due date given without a time means the end of that day (SPEC §4)."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=TZ)


def dossier(unit, *, received, status=DossierStatus.PENDING, resolved=None, due=None, **kw):
    kw.setdefault("channel", Channel.DIRECT)
    kw.setdefault("procedure_code", "1.000001")
    return Dossier(
        unit=unit,
        code=f"HS-{next(_seq)}",
        received_at=received,
        resolved_at=resolved,
        due_at=due if due is not None else received + dt.timedelta(days=5),
        status=status,
        **kw,
    )


def make(*dossiers):
    Dossier.objects.bulk_create(dossiers)
