"""The Django admin of the kernel's models obeys the lock and the workflow like every other
channel (issue 10, 2): a submitted report's narrative, document settings and number/date are
read-only there, and a rendered document's file is offered only through the scoped view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from reports.models import (
    DocumentKind,
    DocumentSettings,
    NarrativeSection,
    RenderedDocument,
    Report,
    ReportState,
)
from tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(cast) -> Client:
    client = Client()
    client.force_login(cast.admin)
    return client


def _report(cast, state: str) -> Report:
    return Report.objects.create(unit=cast.commune_a, period=cast.period, state=state)


def test_narrative_of_a_submitted_report_cannot_be_changed_in_the_admin(cast, admin_client):
    section = NarrativeSection.objects.create(
        unit=cast.commune_a, period=cast.period, key="direction", text="Văn bản đã gửi."
    )
    url = f"/admin/reports/narrativesection/{section.pk}/change/"
    assert admin_client.get(url).status_code == 200  # editable while a draft
    _report(cast, ReportState.SUBMITTED)

    page = admin_client.get(url)
    assert page.status_code == 200  # still viewable …
    assert b'name="text"' not in page.content  # … but with no editable field
    answer = admin_client.post(
        url, {"unit": cast.commune_a.pk, "period": cast.period.pk, "key": "direction", "text": "x"}
    )
    assert answer.status_code == 403
    section.refresh_from_db()
    assert section.text == "Văn bản đã gửi."
    delete = admin_client.post(
        f"/admin/reports/narrativesection/{section.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert NarrativeSection.objects.filter(pk=section.pk).exists()


def test_document_settings_are_read_only_once_their_periods_report_is_submitted(cast, admin_client):
    settings_row = DocumentSettings.objects.create(
        unit=cast.commune_a, period=cast.period, place_name="Bình Phước"
    )
    url = f"/admin/reports/documentsettings/{settings_row.pk}/change/"
    report = _report(cast, ReportState.ACCEPTED)
    answer = admin_client.post(
        url, {"unit": cast.commune_a.pk, "period": cast.period.pk, "place_name": "Nơi khác"}
    )
    assert answer.status_code == 403
    settings_row.refresh_from_db()
    assert settings_row.place_name == "Bình Phước"

    report.state = ReportState.SIGNED  # signed: that period's settings stay as printed …
    report.save(update_fields=["state"])
    assert b'name="place_name"' not in admin_client.get(url).content
    # … while the next period has its own row, editable
    nxt = PeriodFactory(
        code="2024", start=dt.date(2023, 12, 15), end=dt.date(2024, 10, 31), deadline=None
    )
    other = DocumentSettings.objects.create(unit=cast.commune_a, period=nxt, place_name="X")
    page = admin_client.get(f"/admin/reports/documentsettings/{other.pk}/change/")
    assert b'name="place_name"' in page.content


def test_the_number_and_date_of_a_submitted_report_are_read_only_in_the_admin(cast, admin_client):
    report = _report(cast, ReportState.DRAFT)
    url = f"/admin/reports/report/{report.pk}/change/"
    assert b'name="doc_number"' in admin_client.get(url).content
    report.state = ReportState.SUBMITTED
    report.save(update_fields=["state"])
    assert b'name="doc_number"' not in admin_client.get(url).content


def test_a_rendered_document_is_linked_through_the_scoped_view_not_media(cast, admin_client):
    report = _report(cast, ReportState.ACCEPTED)
    doc = RenderedDocument(report=report, kind=DocumentKind.FINAL, sha256="0" * 64)
    doc.file.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    doc.save()
    page = admin_client.get(f"/admin/reports/rendereddocument/{doc.pk}/change/").content.decode()
    assert f"/u/{cast.commune_a.code}/{cast.period.code}/report/files/{doc.pk}/" in page
    assert "/media/" not in page
