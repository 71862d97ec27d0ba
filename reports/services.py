"""Writes on reports: workflow transitions and comments (jobs: `reports.jobs`; the lock of a
submitted period: `reports.locks`)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc_portal.security import log_event
from common.history import history_user_set
from orgs.models import Period, Role, Unit

from .comments import comment_add, return_reason_check, submission_number
from .models import Report, ReportComment, ReportState, ReportTransition
from .signals import report_transitioned
from .workflow import TRANSITIONS, may_perform


def report_get_or_create(*, unit: Unit, period: Period) -> Report:
    report, _created = Report.objects.get_or_create(unit=unit, period=period)
    return report


class TransitionOwned(ValidationError):
    """The transition belongs to a service (e.g. «sign» to the signing service)."""


def report_transition(
    *,
    report: Report,
    name: str,
    by: User,
    comment: str = "",
    check: Callable[[Report], None] | None = None,
    owner: str | None = None,
    expected_version: int | None = None,
) -> Report:
    """Move a report through the workflow. `check` is an optional callable run inside the
    transaction before submitting (validation gate); it raises ValidationError to refuse.
    A transition owned by a service (`Transition.owner`) is refused unless that service performs
    it (passing its own name as `owner`).

    A submit freezes a `ReportVersion` (reports/versions.py) in the same transaction; every
    other step records the version it acts on. `expected_version`, when given (the version the
    reviewer had on screen), refuses the step if the report was resubmitted since."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Thao tác không hợp lệ."))
    if transition.owner is not None and owner != transition.owner:
        raise TransitionOwned(
            _("Thao tác «%(action)s» chỉ thực hiện được qua chức năng riêng của nó.")
            % {"action": transition.label}
        )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not may_perform(by, report.unit, transition):
            if transition.actor == Role.APPROVER:
                raise PermissionDenied(_("Chỉ lãnh đạo đơn vị mới được thực hiện thao tác này."))
            raise PermissionDenied(
                _("Chỉ chuyên viên Nội vụ cấp trên mới được thực hiện thao tác này.")
            )
        if report.state not in transition.sources:
            raise ValidationError(
                _("Không thể «%(action)s» khi báo cáo đang ở trạng thái «%(state)s».")
                % {"action": transition.label, "state": report.get_state_display()}
            )
        comment = (comment or "").strip()
        if transition.needs_comment:
            # An open comment on this submission, or the one written in the return form.
            return_reason_check(report, comment)
        from .versions import version_freeze, version_latest

        if check is not None:
            check(report)
        elif transition.target == ReportState.SUBMITTED:
            # No gate ran: the figures frozen below are still recomputed now.
            from .snapshots import snapshot_refresh

            snapshot_refresh(unit=report.unit, period=report.period, ancestors=False)
        latest = version_latest(report)
        if expected_version is not None and (latest is None or latest.number != expected_version):
            raise ValidationError(
                _(
                    "Báo cáo đã được gửi lại (lần %(n)s) sau khi bạn mở trang: "
                    "hãy xem lại trước khi thao tác."
                )
                % {"n": latest.number if latest else 0}
            )
        old = report.state
        report.state = transition.target
        if transition.target == ReportState.SUBMITTED:
            report.submitted_at = timezone.now()
            latest = version_freeze(report=report, by=by)
        report.version += 1
        history_user_set(report, by)
        report.save()
        stored = ReportTransition.objects.create(
            report=report,
            from_state=old,
            to_state=report.state,
            by=by,
            comment=comment,
            version_number=latest.number if latest is not None else None,
        )
        if transition.needs_comment and comment:
            # The reason written in the return form is a comment on the whole report: the
            # unit sees it in the comments box and marks it addressed like any other.
            ReportComment.objects.create(
                report=report,
                by=by,
                text=comment,
                version=submission_number(report),
                by_reviewer=True,
            )
    log_event(
        "report_transition",
        report=report.pk,
        unit=report.unit_id,
        period=report.period_id,
        transition=name,
        from_state=old,
        to_state=report.state,
        version=report.version,
        by=getattr(by, "username", None),
    )
    report_transitioned.send(sender=Report, report=report, transition=stored, name=name, by=by)
    return report


def report_comment_add(
    *, report: Report, by: User, text: str, section: str = "", indicator: str = ""
) -> ReportComment:
    """A comment on the report, a section or an indicator (see reports/comments.py)."""
    return comment_add(report=report, by=by, text=text, section=section, indicator=indicator)
