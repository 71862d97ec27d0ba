"""Comments where they apply (issue 11, 3): add a comment on the report, a section or an
indicator; the list of a report's comments by submission; mark one addressed with a reply."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from orgs.decorators import unit_period_view
from orgs.http import UnitPeriodRequest

from .comments import comment_address, comment_board, submission_number
from .models import Report, ReportComment
from .services import report_comment_add, report_get_or_create


def _back(request: UnitPeriodRequest, default: str) -> HttpResponse:
    """To the page the form was on (`next`, same site only), or to `default`."""
    target = request.POST.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if target and safe:
        return redirect(target)
    return redirect(default, code=request.unit.code, period=request.period.code)


@require_POST
@unit_period_view
def comment_add_view(request: UnitPeriodRequest) -> HttpResponse:
    """A reviewer's (or the unit's) comment; anchored by `section` or `indicator` if given.
    Who may comment is asked inside the service (orgs.policy.may_comment)."""
    report = report_get_or_create(unit=request.unit, period=request.period)
    try:
        report_comment_add(
            report=report,
            by=request.user,
            text=request.POST.get("text", ""),
            section=request.POST.get("section", ""),
            indicator=request.POST.get("indicator", ""),
        )
        messages.success(request, _("Đã ghi ý kiến."))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return _back(request, "workspace")


@require_safe
@unit_period_view
def comments_list(request: UnitPeriodRequest) -> HttpResponse:
    """Every comment of the report, by the submission it was made on, with its state."""
    report = Report.objects.filter(unit=request.unit, period=request.period).first()
    board = comment_board(report=report, user=request.user)
    versions: dict[int, list[ReportComment]] = {}
    if report is not None:
        for c in report.comments.select_related("by", "addressed_by").order_by("-version", "at"):
            versions.setdefault(c.version, []).append(c)
    return render(
        request,
        "reports/comments/list.html",
        {
            "unit": request.unit,
            "period": request.period,
            "report": report,
            "board": board,
            "versions": [
                {
                    "number": n,
                    "comments": cs,
                    "open": sum(1 for c in cs if c.is_open),
                    "addressed": sum(1 for c in cs if c.by_reviewer and c.addressed_at),
                }
                for n, cs in versions.items()
            ],
            "submissions": submission_number(report) if report else 0,
            "next": request.get_full_path(),
        },
    )


@require_POST
@unit_period_view
def comment_address_view(request: UnitPeriodRequest, pk: int) -> HttpResponse:
    """The unit marks a reviewer's comment addressed (reply optional); the comment must belong
    to this unit's report (another unit's id is 404)."""
    comment = get_object_or_404(
        ReportComment, pk=pk, report__unit=request.unit, report__period=request.period
    )
    try:
        comment_address(comment=comment, by=request.user, reply=request.POST.get("reply", ""))
        messages.success(request, _("Đã đánh dấu ý kiến là đã xử lý."))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return _back(request, "report_comments")
