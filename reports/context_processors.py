"""The banner of a returned report on every page of that report (issue 11, 3)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .comments import open_comments
from .models import Report, ReportState


def returned_banner(request: HttpRequest) -> dict[str, Any]:
    """On a page of a (unit, period) (resolved by `orgs.decorators.unit_period_view`) whose
    report is returned: how many reviewers' comments are still open."""
    unit = getattr(request, "unit", None)
    period = getattr(request, "period", None)
    if unit is None or period is None:
        return {}
    report = Report.objects.filter(unit=unit, period=period, state=ReportState.RETURNED).first()
    if report is None:
        return {}
    return {"returned_open_comments": open_comments(report).count()}
