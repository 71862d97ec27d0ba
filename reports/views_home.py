"""The home page: the reports that are the signed-in user's to act on."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from orgs.http import AuthenticatedRequest
from orgs.models import Level, Period, Unit
from orgs.policy import may_approve, reviewed_units

from .selectors import ReportRow, my_reports
from .workflow import ReportState

S = ReportState

#: What the unit's own people have to do with a report in each state, per role.
_APPROVER_TASKS: dict[str, object] = {
    S.DRAFT: _("Kiểm tra và gửi báo cáo"),
    S.RETURNED: _("Sửa theo ý kiến trả lại và gửi lại"),
    S.ACCEPTED: _("Ký số báo cáo"),
}
_CLERK_TASKS: dict[str, object] = {
    S.DRAFT: _("Nhập số liệu, soạn báo cáo"),
    S.RETURNED: _("Sửa theo ý kiến trả lại"),
}


def _tasks(user: object, rows: list[ReportRow]) -> list[tuple[ReportRow, object]]:
    approves: dict[int, bool] = {}
    out = []
    for r in rows:
        if r.unit.pk not in approves:
            approves[r.unit.pk] = may_approve(user, r.unit)
        tasks = _APPROVER_TASKS if approves[r.unit.pk] else _CLERK_TASKS
        out.append((r, tasks.get(r.state, "")))
    return out


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """A reviewer's home is the inbox of the units below (review.views); a clerk's or approver's
    lists the reports of their own units."""
    reviewed = reviewed_units(request.user)
    if reviewed:
        from review.views import inbox

        return inbox(request, units=reviewed)
    periods = Period.objects.open().order_by("-year", "code")
    period_code = request.GET.get("period") or request.session.get("period")
    if period_code:
        periods = periods.filter(code=period_code) or periods
    rows = my_reports(user=request.user, periods=periods)
    tasks = _tasks(request.user, rows)
    visible = Unit.objects.visible_to(request.user)
    return render(
        request,
        "reports/home.html",
        {
            "rows": rows,
            "tasks": tasks,
            "sign_count": sum(1 for r, task in tasks if r.state == S.ACCEPTED and task),
            "my_units": visible.filter(memberships__user=request.user).distinct(),
            "commune_count": visible.filter(level=Level.COMMUNE).count(),
            "due_count": sum(1 for r in rows if r.open),
            "overdue_count": sum(1 for r in rows if r.overdue),
            "returned_count": sum(1 for r in rows if r.returned),
            "selected_period": period_code or "",
        },
    )
