"""The home page: the reports that are the signed-in user's to act on."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from orgs.http import AuthenticatedRequest
from orgs.models import Level, Period, Unit
from orgs.policy import reviewed_units

from .selectors import my_reports


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
    visible = Unit.objects.visible_to(request.user)
    return render(
        request,
        "reports/home.html",
        {
            "rows": rows,
            "my_units": visible.filter(memberships__user=request.user).distinct(),
            "commune_count": visible.filter(level=Level.COMMUNE).count(),
            "due_count": sum(1 for r in rows if r.open),
            "overdue_count": sum(1 for r in rows if r.overdue),
            "returned_count": sum(1 for r in rows if r.returned),
            "selected_period": period_code or "",
        },
    )
