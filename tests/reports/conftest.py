"""Fixtures shared by the report tests."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.models import Report, ReportState
from reports.services import report_get_or_create
from tests.helpers.documents import load_seed_commune


@pytest.fixture
def accepted_report(cast):
    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.ACCEPTED, doc_number=5, issued_on=dt.date(2024, 1, 5)
    )
    report.refresh_from_db()
    return report
