"""Reads about reports: the 'my reports' list of the home page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from orgs.models import Level, Period, Unit

from .models import Report, ReportState
from .workflow import is_open

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class ReportRow:
    unit: Unit
    period: Period
    state: str
    state_label: StrOrPromise
    due: dt.date | None
    overdue: bool
    returned: bool
    open: bool = False  # not yet sent (draft or returned)


def my_reports(
    *, user: User | AnonymousUser, periods: Iterable[Period] | None = None
) -> list[ReportRow]:
    """Per reporting unit in the user's scope and per period: the state of its report."""
    periods = list(
        periods if periods is not None else Period.objects.open().order_by("-year", "code")
    )
    units = list(Unit.objects.visible_to(user).filter(level=Level.COMMUNE).order_by("name"))
    reports = {
        (r.unit_id, r.period_id): r
        for r in Report.objects.filter(unit__in=units, period__in=periods)
    }
    today = timezone.localdate()
    rows = []
    for period in periods:
        for unit in units:
            if not unit.is_valid_on(period.end) and not unit.is_valid_on(period.start):
                continue
            report = reports.get((unit.pk, period.pk))
            state = report.state if report else ReportState.DRAFT
            not_sent = is_open(state)
            rows.append(
                ReportRow(
                    unit=unit,
                    period=period,
                    state=state,
                    state_label=ReportState(state).label,
                    due=period.deadline,
                    overdue=bool(period.deadline and not_sent and period.deadline < today),
                    returned=state == ReportState.RETURNED,
                    open=not_sent,
                )
            )
    return rows
