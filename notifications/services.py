"""Who is told what: notices of workflow steps and deadline reminders, stored once per key and
mailed after the commit by a Celery task (notifications/tasks.py)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.formatting import format_date
from orgs.models import DATA_ROLES, Membership, Period, Role, Unit
from reports.comments import open_comments
from reports.models import Report, ReportTransition
from reports.workflow import OPEN_STATES

from .models import Notification, NotificationKind

logger = logging.getLogger(__name__)

K = NotificationKind

#: The workflow transition → the kind of its notice.
TRANSITION_KINDS = {
    "submit": K.SUBMITTED,
    "return": K.RETURNED,
    "accept": K.ACCEPTED,
    "sign": K.SIGNED,
}


def reviewers_of(unit: Unit) -> list[User]:
    """Reviewers of the unit's ancestors (the levels above that review its reports)."""
    ids = Membership.objects.filter(role=Role.REVIEWER, unit__in=unit.ancestors()).values("user")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def unit_people(unit: Unit) -> list[User]:
    """The unit's own approver(s) and clerks."""
    ids = Membership.objects.filter(role__in=DATA_ROLES, unit=unit).values("user")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def _enqueue_email(pk: int) -> None:
    """Hand the mail to the broker; a broker refusing now leaves the notice unmailed, and the
    daily task mails it later (send_pending_emails)."""
    from .tasks import send_notification_email

    try:
        send_notification_email.delay(pk)
    except Exception:  # the broker is down: the notice is stored, the mail goes later
        logger.warning("notification %s: mail not queued, the daily task will send it", pk)


def notify(
    users: Iterable[User],
    *,
    kind: str,
    key: str,
    subject: str,
    body: str,
    url: str = "",
    report: Report | None = None,
    unit: Unit | None = None,
    period: Period | None = None,
) -> list[Notification]:
    """One notice per user, unique by `key` + user: a notice already stored is not sent again.
    Returns the notices created now; each is mailed after the commit."""
    created = []
    for user in users:
        notice, new = Notification.objects.get_or_create(
            key=f"{key}:u{user.pk}",
            defaults={
                "user": user,
                "kind": kind,
                "subject": subject[:300],
                "body": body,
                "url": url,
                "report": report,
                "unit": unit or (report.unit if report else None),
                "period": period or (report.period if report else None),
            },
        )
        if new:
            created.append(notice)
            if user.email:
                transaction.on_commit(functools.partial(_enqueue_email, notice.pk))
    return created


def _texts(kind: str, report: Report, transition: ReportTransition) -> tuple[str, str]:
    unit, period = report.unit.name, report.period.code
    who = transition.by.get_full_name() or transition.by.username if transition.by else "—"
    if kind == K.SUBMITTED:
        return (
            _("[CCHC] %(unit)s đã gửi báo cáo kỳ %(period)s") % {"unit": unit, "period": period},
            _(
                "%(unit)s đã gửi báo cáo CCHC kỳ %(period)s (lần gửi thứ %(n)s). Mở báo cáo "
                "để xem, tiếp nhận hoặc trả lại."
            )
            % {
                "unit": unit,
                "period": period,
                "n": report.transitions.filter(to_state="submitted").count(),
            },
        )
    if kind == K.RETURNED:
        body = _(
            "%(who)s đã trả lại báo cáo CCHC kỳ %(period)s của %(unit)s: %(n)s ý kiến chưa xử "
            "lý. Sửa theo các ý kiến, đánh dấu đã xử lý rồi gửi lại."
        ) % {"who": who, "period": period, "unit": unit, "n": open_comments(report).count()}
        if transition.comment:
            body += "\n" + _("Lý do: %(reason)s") % {"reason": transition.comment}
        return (
            _("[CCHC] Báo cáo kỳ %(period)s của %(unit)s bị trả lại")
            % {"unit": unit, "period": period},
            body,
        )
    if kind == K.ACCEPTED:
        return (
            _("[CCHC] Báo cáo kỳ %(period)s của %(unit)s đã được tiếp nhận")
            % {"unit": unit, "period": period},
            _(
                "%(who)s đã tiếp nhận báo cáo CCHC kỳ %(period)s của %(unit)s. Lãnh đạo đơn vị "
                "ký số văn bản để hoàn tất."
            )
            % {"who": who, "period": period, "unit": unit},
        )
    return (
        _("[CCHC] %(unit)s đã ký số báo cáo kỳ %(period)s") % {"unit": unit, "period": period},
        _("%(unit)s đã ký số báo cáo CCHC kỳ %(period)s; bản đã ký có trên cổng.")
        % {"unit": unit, "period": period},
    )


def notify_transition(*, report: Report, transition: ReportTransition, name: str) -> None:
    """Submitted or signed → the reviewers above; returned or accepted → the unit's approver(s)
    and clerks."""
    kind = TRANSITION_KINDS.get(name)
    if kind is None:
        return
    users = (
        reviewers_of(report.unit) if kind in (K.SUBMITTED, K.SIGNED) else unit_people(report.unit)
    )
    code, period = report.unit.code, report.period.code
    url = reverse("workspace", args=[code, period])
    if kind == K.RETURNED:
        url = reverse("report_comments", args=[code, period])
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _texts(kind, report, transition)
    notify(
        users,
        kind=kind,
        key=f"{kind}:t{transition.pk}",
        subject=subject,
        body=body,
        url=url,
        report=report,
    )


def _stage(days_left: int) -> str | None:
    """7 days or less before the deadline, 1 day or less (the deadline day too), overdue."""
    if days_left < 0:
        return K.OVERDUE
    if days_left <= 1:
        return K.REMIND_1
    if days_left <= 7:
        return K.REMIND_7
    return None


def _reminder_texts(stage: str, unit: Unit, period: Period, days_left: int) -> tuple[str, str]:
    values = {
        "unit": unit.name,
        "period": period.code,
        "deadline": format_date(period.deadline),
        "n": abs(days_left),
    }
    if stage == K.OVERDUE:
        return (
            _("[CCHC] Báo cáo kỳ %(period)s của %(unit)s đã quá hạn") % values,
            _(
                "Báo cáo CCHC kỳ %(period)s của %(unit)s chưa được gửi; hạn nộp %(deadline)s "
                "đã qua %(n)s ngày."
            )
            % values,
        )
    return (
        _("[CCHC] Nhắc hạn nộp báo cáo kỳ %(period)s: còn %(n)s ngày") % values,
        _(
            "Báo cáo CCHC kỳ %(period)s của %(unit)s chưa được gửi. Hạn nộp: %(deadline)s "
            "(còn %(n)s ngày)."
        )
        % values,
    )


def send_deadline_reminders(today: dt.date | None = None) -> int:
    """For every open period with a deadline: the approver(s) and clerks of each unit whose
    report is not submitted (no report, draft or returned) get the reminder of the current
    stage — 7 days, 1 day, overdue — once (the key holds the stage, period, unit and user).
    Returns how many notices were created."""
    today = today or timezone.localdate()
    created = 0
    for period in Period.objects.open().filter(deadline__isnull=False):
        days_left = (period.deadline - today).days
        stage = _stage(days_left)
        if stage is None:
            continue
        sent = set(
            Report.objects.filter(period=period)
            .exclude(state__in=OPEN_STATES)
            .values_list("unit_id", flat=True)
        )
        units = (
            Unit.objects.filter(memberships__role__in=DATA_ROLES)
            .valid_during(period.start, period.end)
            .exclude(pk__in=sent)
            .distinct()
            .order_by("path")
        )
        for unit in units:
            with translation.override(settings.LANGUAGE_CODE):
                subject, body = _reminder_texts(stage, unit, period, days_left)
            created += len(
                notify(
                    unit_people(unit),
                    kind=stage,
                    key=f"{stage}:p{period.pk}:n{unit.pk}",
                    subject=subject,
                    body=body,
                    url=reverse("workspace", args=[unit.code, period.code]),
                    unit=unit,
                    period=period,
                )
            )
    return created


def absolute(url: str) -> str:
    return settings.CCHC_SITE_URL.rstrip("/") + url if url.startswith("/") else url


def email_notice(pk: int) -> bool:
    """Mail one notice, once: the row is claimed (emailed_at set) before the mail goes; a failed
    send releases it for the next try. Returns whether a mail was sent."""
    from django.core.mail import send_mail

    notice = Notification.objects.select_related("user").filter(pk=pk).first()
    if notice is None or not notice.user.email:
        return False
    now = timezone.now()
    if not Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(emailed_at=now):
        return False  # already mailed (or being mailed)
    body = notice.body
    if notice.url:
        body += "\n\n" + absolute(notice.url)
    try:
        send_mail(notice.subject, body, None, [notice.user.email])
    except Exception:
        Notification.objects.filter(pk=pk, emailed_at=now).update(emailed_at=None)
        raise
    return True


def pending_email_ids(max_age: dt.timedelta = dt.timedelta(days=2)) -> list[int]:
    """Notices of users with an address that were never mailed (the broker refused the task),
    younger than `max_age` and older than a minute (the after-commit task had its chance)."""
    now = timezone.now()
    return list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__gte=now - max_age,
            created_at__lte=now - dt.timedelta(minutes=1),
        )
        .exclude(user__email="")
        .values_list("pk", flat=True)
    )


def mark_read(user: Any, pk: int | None = None) -> int:
    """Mark one of the user's notices (or all of them) read; returns how many changed."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
