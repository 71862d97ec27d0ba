"""The hook every writer calls after changing records: keeps indicator snapshots fresh.

    from reports.recompute import records_changed
    records_changed(unit=unit, period=period)   # period=None: every open period

Call it once per logical change (after an import of 100 000 rows: once, not per row), inside or
outside a transaction: the recomputation is enqueued on commit and debounced — however many
changes arrive within CCHC_RECOMPUTE_DEBOUNCE seconds, one job runs for each (unit, period).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from orgs.models import Period, Unit

from .tasks import pending_key, refresh_snapshot


def debounce_seconds() -> int:
    return int(getattr(settings, "CCHC_RECOMPUTE_DEBOUNCE", 5))


def records_changed(*, unit: Unit, period: Period | None = None) -> int:
    """Schedule a debounced recomputation of the unit's indicator snapshots (and its
    ancestors'). Returns how many (unit, period) jobs were newly scheduled."""
    periods = [period] if period is not None else list(Period.objects.open())
    delay = debounce_seconds()
    scheduled = 0
    for p in periods:
        # cache.add is atomic: only the first change in the debounce window schedules a job;
        # the job clears the key when it starts, so later changes schedule the next one.
        if cache.add(pending_key(unit.pk, p.pk), 1, timeout=delay + 60):
            scheduled += 1
            args = (unit.pk, p.pk)

            def enqueue(args: tuple[int, int] = args) -> None:
                refresh_snapshot.apply_async(args=args, countdown=delay)

            transaction.on_commit(enqueue)
    return scheduled
