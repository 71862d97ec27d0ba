"""Comments where they apply (issue 11, 3): on the whole report, on a section of the document or
on one indicator; open until the unit marks them addressed (with an optional reply).

A reviewer's comment counts as open; the unit's own comments are notes (nothing to address).
`version` of a comment is the submission it was made on: the number of submit transitions of
the report at that time (= ReportVersion.number of that submission)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs import policy

from .indicators import registry
from .models import Report, ReportComment, ReportState
from .sections import SECTION_KEYS
from .workflow import is_open


def submission_number(report: Report) -> int:
    """How many times the report was submitted so far (0 before its first submission)."""
    return report.transitions.filter(to_state=ReportState.SUBMITTED).count()


def open_comments(report: Report) -> QuerySet[ReportComment]:
    """The reviewers' comments not yet addressed, oldest first."""
    return report.comments.filter(by_reviewer=True, addressed_at__isnull=True)


def _check_anchor(section: str, indicator: str) -> None:
    if section and indicator:
        raise ValidationError(_("Một ý kiến gắn với một mục hoặc một chỉ tiêu, không cả hai."))
    if section and section not in SECTION_KEYS:
        raise ValidationError(_("Mục báo cáo không hợp lệ."))
    if indicator and indicator not in registry:
        raise ValidationError(_("Chỉ tiêu không hợp lệ."))


def comment_add(
    *, report: Report, by: User, text: str, section: str = "", indicator: str = ""
) -> ReportComment:
    """A comment on the report, a section or an indicator; by a reviewer of an ancestor unit
    (an open comment the unit must address) or by the unit's own clerk or approver (a note)."""
    if not policy.may_comment(by, report.unit):
        raise PermissionDenied
    text = (text or "").strip()
    section = (section or "").strip()
    indicator = (indicator or "").strip()
    if not text:
        raise ValidationError(_("Nội dung ý kiến không được để trống."))
    _check_anchor(section, indicator)
    return ReportComment.objects.create(
        report=report,
        by=by,
        text=text,
        section=section,
        indicator=indicator,
        version=submission_number(report),
        by_reviewer=policy.may_review(by, report.unit),
    )


def comment_address(*, comment: ReportComment, by: User, reply: str = "") -> ReportComment:
    """The unit's clerk or approver marks a reviewer's comment addressed, with an optional
    reply; only while the report is with the unit (draft or returned)."""
    with transaction.atomic():
        comment = (
            ReportComment.objects.select_for_update()
            .select_related("report__unit")
            .get(pk=comment.pk)
        )
        report = comment.report
        if not policy.may_address_comment(by, report.unit):
            raise PermissionDenied
        if not comment.by_reviewer:
            raise ValidationError(_("Chỉ ý kiến của cấp trên mới cần đánh dấu đã xử lý."))
        if comment.addressed_at is not None:
            raise ValidationError(_("Ý kiến này đã được đánh dấu đã xử lý."))
        if not is_open(report.state):
            raise ValidationError(_("Chỉ đánh dấu đã xử lý khi báo cáo đang soạn hoặc bị trả lại."))
        comment.addressed_at = timezone.now()
        comment.addressed_by = by
        comment.reply = (reply or "").strip()
        comment.save(update_fields=["addressed_at", "addressed_by", "reply"])
    return comment


def return_reason_check(report: Report, text: str) -> None:
    """Returning needs at least one open comment on the current submission: one already made
    or the one written in the return form (`text`)."""
    if (text or "").strip():
        return
    if open_comments(report).filter(version=submission_number(report)).exists():
        return
    raise ValidationError(
        _(
            "Cần ghi rõ lý do khi trả lại báo cáo: viết ý kiến trong ô lý do, hoặc góp ý vào "
            "báo cáo, một mục hay một chỉ tiêu trước khi trả lại."
        )
    )


@dataclass
class CommentBoard:
    """A report's comments grouped by anchor, for pages that show them beside what they
    concern; with what the user may do."""

    report: Report | None
    general: list[ReportComment] = field(default_factory=list)
    by_section: dict[str, list[ReportComment]] = field(default_factory=dict)
    by_indicator: dict[str, list[ReportComment]] = field(default_factory=dict)
    open_count: int = 0
    can_comment: bool = False
    can_review: bool = False
    can_address: bool = False

    def for_anchor(self, anchor: str, key: str = "") -> list[ReportComment]:
        if anchor == "section":
            return self.by_section.get(key, [])
        if anchor == "indicator":
            return self.by_indicator.get(key, [])
        return self.general


def comment_board(*, report: Report | None, user: User) -> CommentBoard:
    if report is None:
        return CommentBoard(report=None)
    board = CommentBoard(
        report=report,
        can_comment=policy.may_comment(user, report.unit),
        can_review=policy.may_review(user, report.unit),
        can_address=policy.may_address_comment(user, report.unit) and is_open(report.state),
    )
    for c in report.comments.select_related("by", "addressed_by"):
        if c.indicator:
            board.by_indicator.setdefault(c.indicator, []).append(c)
        elif c.section:
            board.by_section.setdefault(c.section, []).append(c)
        else:
            board.general.append(c)
        if c.is_open:
            board.open_count += 1
    return board
