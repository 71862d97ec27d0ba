"""The notice's mail is sent by a real Celery worker after the transition's commit."""

from __future__ import annotations

import pytest
from django.core import mail

from notifications.models import Notification
from reports.models import Report
from reports.services import report_transition
from tests.helpers.waiting import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_submit_mail_goes_through_the_worker(cast, celery_worker):
    cast.reviewer.email = "reviewer.d@example.vn"
    cast.reviewer.save()
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    report_transition(report=report, name="submit", by=cast.approver_a)
    notice = Notification.objects.get()
    wait_until(
        lambda: Notification.objects.filter(pk=notice.pk, emailed_at__isnull=False).exists(),
        timeout=30,
        message="the worker did not mail the notice",
    )
    assert [m.to for m in mail.outbox] == [["reviewer.d@example.vn"]]
    assert mail.outbox[0].subject == "[CCHC] Xã Bình Phước đã gửi báo cáo kỳ 2023"
