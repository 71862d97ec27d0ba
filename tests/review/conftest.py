"""Helpers of the reviewer-side tests: reports moved through the real workflow service."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reports.models import Report, ReportTransition
from reports.services import report_get_or_create, report_transition


def move(cast, unit, *names, when: dt.datetime | None = None) -> Report:
    """Run the named transitions on the unit's report (approver of A or the district reviewer;
    other communes get an approver on the fly), stamping them at `when` if given."""
    from orgs.models import Role
    from tests.factories import member
    from tests.helpers.sending import name_signer

    report = report_get_or_create(unit=unit, period=cast.period)
    if "submit" in names:
        name_signer(unit, cast.period)  # a report without a signer cannot be sent
    approver = member(f"approver.{unit.code}", unit, Role.APPROVER)
    for name in names:
        by = approver if name == "submit" else cast.reviewer
        comment = "Sửa lại" if name == "return" else ""
        report = report_transition(report=report, name=name, by=by, comment=comment)
    if when is not None:
        ReportTransition.objects.filter(report=report).update(at=when)
        if report.submitted_at is not None:
            Report.objects.filter(pk=report.pk).update(submitted_at=when)
        report.refresh_from_db()
    return report


def local(y: int, m: int, d: int, h: int = 9) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=timezone.get_default_timezone())
