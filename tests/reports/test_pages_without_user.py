"""Records whose user is gone (imports run from the command line, deleted accounts) still show."""

import pytest
from django.urls import reverse

from imports.models import ImportBatch
from reports.models import Report, ReportTransition

pytestmark = pytest.mark.django_db


def test_import_page_lists_a_batch_imported_by_the_command_line(client, cast):
    ImportBatch.objects.create(
        kind="dossiers", unit=cast.commune_a, original_name="hs.csv", rows=3, by=None
    )
    client.force_login(cast.clerk_a)
    response = client.get(reverse("import_index", kwargs={"code": "21073", "period": "2023"}))
    assert response.status_code == 200
    assert "hs.csv" in response.content.decode()


def test_workspace_shows_a_step_by_a_deleted_user(client, cast):
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    ReportTransition.objects.create(
        report=report, from_state="draft", to_state="submitted", by=None
    )
    client.force_login(cast.clerk_a)
    html = client.get(
        reverse("workspace", kwargs={"code": "21073", "period": "2023"})
    ).content.decode()
    assert "—: Đang soạn → Đã gửi" in html
