"""Notifications (issue 11, 5): who is told of each workflow step, by e-mail after the commit
and in the app; deadline reminders sent once; each user sees only their own notices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from notifications.models import Notification, NotificationKind
from notifications.services import notify_transition
from notifications.tasks import send_deadline_reminders, send_notification_email
from orgs.models import Period
from reports.models import Report, ReportState, ReportTransition
from reports.services import report_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    for user in (
        cast.clerk_a,
        cast.approver_a,
        cast.clerk_b,
        cast.reviewer,
        cast.other_reviewer,
    ):
        user.email = f"{user.username}@example.vn"
        user.save()
    return cast


def step(report, name, by, capture, **kw):
    with capture(execute=True):
        return report_transition(report=report, name=name, by=by, **kw)


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_submit_tells_the_reviewers_above_by_mail_and_in_the_app(
    people, django_capture_on_commit_callbacks
):
    cast = people
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    step(report, "submit", cast.approver_a, django_capture_on_commit_callbacks)
    notes = Notification.objects.all()
    assert [(n.user, n.kind) for n in notes] == [(cast.reviewer, NotificationKind.SUBMITTED)]
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["reviewer.d@example.vn"]
    assert msg.subject == "[CCHC] Xã Bình Phước đã gửi báo cáo kỳ 2023"
    assert "lần gửi thứ 1" in msg.body
    assert msg.body.rstrip().endswith("http://127.0.0.1:8000/u/21073/2023/")
    assert notes[0].emailed_at is not None


def test_return_and_accept_tell_the_units_approver_and_clerks(
    people, django_capture_on_commit_callbacks
):
    cast = people
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    step(report, "submit", cast.approver_a, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    step(
        report,
        "return",
        cast.reviewer,
        django_capture_on_commit_callbacks,
        comment="Thiếu số liệu II.5",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["approver.a@example.vn", "clerk.a@example.vn"]
    msg = mail.outbox[0]
    assert msg.subject == "[CCHC] Báo cáo kỳ 2023 của Xã Bình Phước bị trả lại"
    assert "1 ý kiến chưa xử lý" in msg.body and "Lý do: Thiếu số liệu II.5" in msg.body
    assert msg.body.rstrip().endswith("/u/21073/2023/comments/")
    assert not any("clerk.b" in m.to[0] for m in mail.outbox)

    mail.outbox.clear()
    step(report, "submit", cast.approver_a, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["reviewer.d@example.vn"]]
    assert "lần gửi thứ 2" in mail.outbox[0].body
    mail.outbox.clear()
    step(report, "accept", cast.reviewer, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["approver.a@example.vn", "clerk.a@example.vn"]
    assert mail.outbox[0].subject == "[CCHC] Báo cáo kỳ 2023 của Xã Bình Phước đã được tiếp nhận"


def test_signed_tells_the_reviewers(people, django_capture_on_commit_callbacks):
    cast = people
    report = Report.objects.create(
        unit=cast.commune_a, period=cast.period, state=ReportState.SIGNED
    )
    t = ReportTransition.objects.create(
        report=report, from_state="accepted", to_state="signed", by=cast.approver_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify_transition(report=report, transition=t, name="sign")
        notify_transition(report=report, transition=t, name="sign")  # once per transition
    assert [m.to for m in mail.outbox] == [["reviewer.d@example.vn"]]
    assert mail.outbox[0].subject == "[CCHC] Xã Bình Phước đã ký số báo cáo kỳ 2023"


def test_a_notice_is_mailed_once(people, django_capture_on_commit_callbacks):
    cast = people
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    step(report, "submit", cast.approver_a, django_capture_on_commit_callbacks)
    n = Notification.objects.get()
    assert send_notification_email(n.pk) is False  # already mailed
    assert len(mail.outbox) == 1


def test_no_mail_without_an_address_but_the_notice_is_kept(
    cast, django_capture_on_commit_callbacks
):
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    step(report, "submit", cast.approver_a, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    n = Notification.objects.get()
    assert n.user == cast.reviewer and n.emailed_at is None


def test_deadline_reminders_sent_once_per_stage(people, django_capture_on_commit_callbacks):
    cast = people
    today = timezone.localdate()
    Period.objects.filter(pk=cast.period.pk).update(deadline=today + dt.timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        first = send_deadline_reminders.delay().get()
        second = send_deadline_reminders.delay().get()
    # Commune A's approver and clerk, commune B's clerk; nothing the second time.
    assert (first, second) == (3, 0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "approver.a@example.vn",
        "clerk.a@example.vn",
        "clerk.b@example.vn",
    ]
    assert mail.outbox[0].subject == "[CCHC] Nhắc hạn nộp báo cáo kỳ 2023: còn 7 ngày"
    assert "Hạn nộp: " + (today + dt.timedelta(days=7)).strftime("%d/%m/%Y") in mail.outbox[0].body
    assert not Notification.objects.filter(user__in=[cast.reviewer, cast.other_reviewer]).exists()

    # Commune A submits; one day before, only B is reminded (once).
    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    Period.objects.filter(pk=cast.period.pk).update(deadline=today + dt.timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders.delay().get() == 1
        assert send_deadline_reminders.delay().get() == 0
    assert [m.to for m in mail.outbox] == [["clerk.b@example.vn"]]
    assert "còn 1 ngày" in mail.outbox[0].subject

    # Overdue: once.
    Period.objects.filter(pk=cast.period.pk).update(deadline=today - dt.timedelta(days=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders.delay().get()
        send_deadline_reminders.delay().get()
    assert [m.subject for m in mail.outbox] == ["[CCHC] Báo cáo kỳ 2023 của Xã Bình Trị đã quá hạn"]
    assert "đã qua 2 ngày" in mail.outbox[0].body
    kinds = Notification.objects.filter(user=cast.clerk_b).values_list("kind", flat=True)
    assert sorted(kinds) == ["overdue", "remind_1", "remind_7"]


def test_closed_periods_and_far_deadlines_send_nothing(people):
    cast = people
    today = timezone.localdate()
    Period.objects.filter(pk=cast.period.pk).update(deadline=today + dt.timedelta(days=8))
    assert send_deadline_reminders.delay().get() == 0
    Period.objects.filter(pk=cast.period.pk).update(
        deadline=today - dt.timedelta(days=1), is_closed=True
    )
    assert send_deadline_reminders.delay().get() == 0


def test_users_see_only_their_own_notices_and_mark_them_read(
    people, django_capture_on_commit_callbacks
):
    cast = people
    today = timezone.localdate()
    Period.objects.filter(pk=cast.period.pk).update(deadline=today + dt.timedelta(days=3))
    send_deadline_reminders.delay().get()
    mine = Notification.objects.get(user=cast.clerk_a)
    theirs = Notification.objects.get(user=cast.clerk_b)
    clerk = client_for(cast.clerk_a)
    page = clerk.get("/notifications/").content.decode()
    assert "Xã Bình Phước" in page and "Xã Bình Trị" not in page
    assert 'id="notifications-unread">1<' in page  # the header's unread count
    assert clerk.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    resp = clerk.post(f"/notifications/{mine.pk}/read/", {"open": "1"})
    assert resp.status_code == 302 and resp["Location"] == "/u/21073/2023/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "notifications-unread" not in clerk.get("/notifications/").content.decode()
    # The reviewer has none.
    page = client_for(cast.reviewer).get("/notifications/").content.decode()
    assert "Chưa có thông báo nào." in page


def test_read_all_marks_only_the_users_own(people):
    cast = people
    Period.objects.filter(pk=cast.period.pk).update(
        deadline=timezone.localdate() + dt.timedelta(days=3)
    )
    send_deadline_reminders.delay().get()
    client_for(cast.clerk_a).post("/notifications/read-all/")
    assert not Notification.objects.filter(user=cast.clerk_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=cast.clerk_b, read_at__isnull=True).exists()
