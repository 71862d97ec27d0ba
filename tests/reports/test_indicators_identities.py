"""Sums the registry computes itself hold on real records, for a commune and for a parent.

These identities can never fail as validation rules (the registry derives the total from its
parts), so they are checked here, on records, against each figure's own drill-down list: the
derived total counts exactly the records its list shows.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from reports.indicators import compute, compute_many, registry
from reports.indicators.compute import subtree_ids, unit_filter_for
from staff.models import Person, StaffCategory
from tthc.models import Channel, Dossier, DossierStatus, OnlineLevel

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()

# The identities that used to be validation rules (named by their old rule codes).
IDENTITIES = {
    "tthc.received_new_sum": (
        "tthc.received_new",
        ("tthc.received_online", "tthc.received_direct", "tthc.received_postal"),
    ),
    "tthc.total_sum": ("tthc.total", ("tthc.received_new", "tthc.carried_over")),
    "tthc.total_balance": ("tthc.total", ("tthc.resolved", "tthc.withdrawn", "tthc.pending")),
    "egov.online_eligible_sum": (
        "egov.online_eligible",
        ("egov.online_eligible.partial", "egov.online_eligible.full"),
    ),
    "egov.online_eligible_online_sum": (
        "egov.online_eligible_online",
        ("egov.online_eligible_online.partial", "egov.online_eligible_online.full"),
    ),
    "staff.filled_sum": ("staff.filled", ("staff.cadres", "staff.civil_servants")),
}


def at(y: int, m: int, d: int, h: int = 9) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=TZ)


def _dossiers(unit, tag: str) -> list[Dossier]:
    """Every channel × online level × fate, received in the window, before it or after it."""
    received = {
        "in": at(2023, 3, 1),
        "first_instant": dt.datetime(2022, 12, 15, tzinfo=TZ),
        "before": at(2022, 11, 20),
        "after": at(2023, 11, 2),
    }
    fates = {
        "on_time": (DossierStatus.RESOLVED, 3, 10),
        "late": (DossierStatus.RESOLVED, 12, 10),
        "no_due_date": (DossierStatus.RESOLVED, 3, None),
        "withdrawn": (DossierStatus.WITHDRAWN, 2, 10),
        "rejected": (DossierStatus.REJECTED, 1, 10),
        "pending": (DossierStatus.PENDING, None, 10),
        "resolved_after_the_window": (DossierStatus.RESOLVED, 300, 10),
        "resolved_before_the_window": (DossierStatus.RESOLVED, -40, 10),
    }
    rows = []
    for n, (when, channel, level, fate) in enumerate(
        itertools.product(received, Channel.values, OnlineLevel.values, fates)
    ):
        status, resolved_after, due_after = fates[fate]
        start = received[when]
        resolved = None if resolved_after is None else start + dt.timedelta(days=resolved_after)
        if fate == "resolved_before_the_window":
            resolved = at(2022, 12, 10)
            if start > resolved:
                continue
        rows.append(
            Dossier(
                unit=unit,
                code=f"{tag}-{n}",
                procedure_code="1.000001",
                channel=channel,
                online_level=level,
                received_at=start,
                due_at=None if due_after is None else start + dt.timedelta(days=due_after),
                resolved_at=resolved,
                status=status,
            )
        )
    return rows


def _people(unit) -> None:
    for n, (category, in_post) in enumerate(
        itertools.product(
            StaffCategory.values,
            [
                (None, None),
                (dt.date(2020, 1, 1), dt.date(2023, 10, 30)),
                (None, dt.date(2024, 1, 1)),
            ],
        )
    ):
        Person.objects.create(
            unit=unit,
            full_name=f"Người {n}",
            category=category,
            position="x",
            education="university",
            political_theory="intermediate",
            in_post_from=in_post[0],
            in_post_to=in_post[1],
        )


@pytest.fixture
def records(cast):
    Dossier.objects.bulk_create(
        _dossiers(cast.commune_a, "A") + _dossiers(cast.commune_b, "B")[::2]
    )
    _people(cast.commune_a)
    _people(cast.commune_b)
    return cast


def _listed(code: str, unit, period) -> int:
    """How many records the figure's drill-down list shows (its own filter, its own query)."""
    source = registry.source_for(code)
    return source.records(
        code, unit_filter=unit_filter_for(subtree_ids(unit)), period=period
    ).count()


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("who", ["commune_a", "commune_b", "district"])
def test_a_derived_sum_equals_its_parts_and_the_records_it_lists(records, identity, who):
    unit, period = getattr(records, who), records.period
    total, parts = IDENTITIES[identity]
    values = compute(unit, period)
    assert values[total] > 0 and all(values[p] >= 0 for p in parts)
    assert values[total] == sum(values[p] for p in parts)
    assert values[total] == _listed(total, unit, period)
    for part in parts:
        assert values[part] == _listed(part, unit, period), part
    assert compute_many([unit], period)[unit.pk][total] == values[total]


def test_the_dossiers_of_the_window_are_the_ones_the_total_counts(records):
    unit, period = records.commune_a, records.period
    window = Dossier.objects.filter(unit=unit).in_window(period)
    lo, hi = period.window_bounds()
    assert window.count() == compute(unit, period)["tthc.total"]
    assert not window.filter(received_at__gte=hi).exists()
    # received before the window: only those still open at its start
    carried = window.filter(received_at__lt=lo)
    assert carried.exists()
    assert not carried.filter(resolved_at__lt=lo).exists()
    assert carried.count() == compute(unit, period)["tthc.carried_over"]
