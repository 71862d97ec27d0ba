"""The hook every writer calls after changing records: keeps indicator snapshots fresh.

    from reports.recompute import records_changed
    records_changed(unit=unit, period=period)   # period=None: every open period

Call it once per logical change (after an import of 100 000 rows: once, not per row), inside or
outside a transaction: the recomputation is enqueued on commit and debounced — however many
changes arrive within CCHC_RECOMPUTE_DEBOUNCE seconds, one job runs for each (unit, period).

Nothing is lost when the broker (or the cache, both Redis) is down: the change is also written
to the unit's snapshot row (`changed_at`, in the writer's transaction), and the reconciler
(`reports.tasks.snapshots_resend`, every minute) recomputes every snapshot older than its data. A broker or
cache error never fails the writer's request.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from cchc_portal.security import log_event
from orgs.models import Period, Unit

from .models import IndicatorSnapshot
from .tasks import pending_key, send_refresh


def debounce_seconds() -> int:
    return int(getattr(settings, "CCHC_RECOMPUTE_DEBOUNCE", 5))


def _debounce(unit_id: int, period_id: int, delay: int) -> bool:
    """True when this change should schedule a job (the first in its window). With the cache
    unreachable every change schedules one (at worst a few extra recomputations)."""
    try:
        return bool(cache.add(pending_key(unit_id, period_id), 1, timeout=delay + 60))
    except Exception as exc:  # the cache is Redis too: down or stalled
        log_event("cache_unavailable", level=logging.WARNING, error=exc.__class__.__name__)
        return True


def records_changed(*, unit: Unit, period: Period | None = None) -> int:
    """Schedule a debounced recomputation of the unit's indicator snapshots (and its
    ancestors'). Returns how many (unit, period) jobs were newly scheduled."""
    periods = [period] if period is not None else list(Period.objects.open())
    delay = debounce_seconds()
    now = timezone.now()
    IndicatorSnapshot.objects.filter(unit=unit, period__in=[p.pk for p in periods]).update(
        changed_at=now
    )
    scheduled = 0
    for p in periods:
        # cache.add is atomic: only the first change in the debounce window schedules a job;
        # the job clears the key when it starts, so later changes schedule the next one.
        if _debounce(unit.pk, p.pk, delay):
            scheduled += 1
            args = (unit.pk, p.pk)

            def enqueue(args: tuple[int, int] = args) -> None:
                send_refresh(*args, countdown=delay)

            transaction.on_commit(enqueue)
    return scheduled
