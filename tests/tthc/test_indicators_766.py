"""Decision 766/QĐ-TTg quantities computed from the records (issue 12, point 6): the
satisfaction measure 5.4 apart from the survey share, online payment over fee-bearing dossiers
(3.6), procedures offered online (3.1), petitions handled on time (5.2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reports.indicators import compute, registry
from tests.helpers.documents import load_seed_commune
from tests.helpers.dossiers import dossier, local, make
from tthc.models import Channel, DossierStatus, Feedback

pytestmark = pytest.mark.django_db


def test_the_seed_records_give_the_766_measures(cast):
    load_seed_commune(cast)
    v = compute(cast.commune_a, cast.period)
    # 5.4: 100 % − (18 late + 0 overdue) / 1886 − 1 petition / 1886 = 98,99 %, while the survey
    # share (217/217) is its own indicator under its own name
    assert (v["tthc.assessed_766"], v["tthc.overdue_766"], v["tthc.satisfied_766"]) == (
        1886,
        18,
        1867,
    )
    assert v["tthc.satisfaction_766"] == Decimal("98.99")
    assert v["survey.satisfaction_rate"] == Decimal("100.00")
    assert "phiếu khảo sát" in str(registry.get("survey.satisfaction_rate").label)
    assert "766" in str(registry.get("tthc.satisfaction_766").label)
    # 3.6: 445 paid online of 1442 dossiers with a fee
    assert (v["egov.fee_dossiers_paid_online"], v["egov.fee_dossiers"]) == (445, 1442)
    assert v["egov.online_payment_rate"] == Decimal("30.86")
    # 3.1: 51 of the 59 procedures of the catalogue have an online service
    assert (v["egov.procedures_online"], v["egov.procedures"]) == (51, 59)
    assert v["egov.procedures_online_rate"] == Decimal("86.44")
    # 5.2: the one petition (12/6 → 19/6) was handled within 15 working days
    assert (v["feedback.resolved_on_time"], v["feedback.resolved"]) == (1, 1)
    assert v["feedback.on_time_rate"] == Decimal("100.00")


def test_rates_are_named_by_what_they_compute():
    assert "quốc gia" in str(registry.get("egov.online_service_rate.partial").label)
    assert "quốc gia" in str(registry.get("egov.online_service_rate.partial").formula)
    assert "đã hoàn thành" in str(registry.get("directives.on_time_rate").label)


def test_petitions_on_time_use_the_recorded_deadline_else_three_weeks(cast):
    a, p = cast.commune_a, cast.period
    kw = {"unit": a, "subject": "x"}
    # no deadline recorded: 21 days after receipt is on time, 22 is late
    Feedback.objects.create(received_on=dt.date(2023, 3, 1), resolved_on=dt.date(2023, 3, 22), **kw)
    Feedback.objects.create(received_on=dt.date(2023, 3, 1), resolved_on=dt.date(2023, 3, 23), **kw)
    # a recorded deadline decides, shorter or longer
    Feedback.objects.create(
        received_on=dt.date(2023, 4, 1),
        due_on=dt.date(2023, 4, 5),
        resolved_on=dt.date(2023, 4, 6),
        **kw,
    )
    Feedback.objects.create(
        received_on=dt.date(2023, 4, 1),
        due_on=dt.date(2023, 6, 1),
        resolved_on=dt.date(2023, 5, 30),
        **kw,
    )
    Feedback.objects.create(received_on=dt.date(2023, 5, 1), **kw)  # not handled yet
    v = compute(a, p)
    assert (v["feedback.received"], v["feedback.resolved"], v["feedback.resolved_on_time"]) == (
        5,
        4,
        2,
    )
    assert v["feedback.on_time_rate"] == Decimal("50.00")


def test_online_payment_rate_counts_only_dossiers_with_a_fee(cast):
    a, p = cast.commune_a, cast.period
    day = local(2023, 5, 2, 8)
    make(
        dossier(a, received=day, fee=20000, paid_online=True, channel=Channel.ONLINE),
        dossier(a, received=day, fee=20000),
        dossier(a, received=day, fee=8000),
        dossier(a, received=day, fee=None),
        dossier(a, received=day, fee=0),
        # received before the window: not counted
        dossier(a, received=local(2022, 12, 1, 8), fee=20000, paid_online=True),
    )
    v = compute(a, p)
    assert (v["egov.fee_dossiers_paid_online"], v["egov.fee_dossiers"]) == (1, 3)
    assert v["egov.online_payment_rate"] == Decimal("33.33")


def test_satisfaction_766_counts_overdue_pending_dossiers_and_petitions(cast):
    a, p = cast.commune_a, cast.period
    r = local(2023, 5, 2, 8)
    make(
        *[
            dossier(
                a,
                received=r,
                status=DossierStatus.RESOLVED,
                resolved=local(2023, 5, 3, 8),
                due=local(2023, 5, 4, 17),
            )
            for _ in range(8)
        ],
        dossier(
            a,
            received=r,
            status=DossierStatus.RESOLVED,
            resolved=local(2023, 5, 9, 8),
            due=local(2023, 5, 4, 17),
        ),
        dossier(a, received=r, due=local(2023, 6, 1, 17)),  # pending, overdue at the end
    )
    Feedback.objects.create(unit=a, subject="x", received_on=dt.date(2023, 5, 10))
    v = compute(a, p)
    # assessed = 9 resolved + 1 overdue; unsatisfied = 1 late + 1 overdue + 1 petition
    assert (v["tthc.assessed_766"], v["tthc.overdue_766"], v["tthc.satisfied_766"]) == (10, 2, 7)
    assert v["tthc.satisfaction_766"] == Decimal("70.00")
