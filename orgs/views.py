from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from reports.selectors import my_reports

from .decorators import AuthedRequest
from .models import Level, Period, Unit


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    periods = Period.objects.open().order_by("-year", "code")
    period_code = request.GET.get("period") or request.session.get("period")
    if period_code:
        periods = periods.filter(code=period_code) or periods
    rows = my_reports(user=request.user, periods=periods)
    visible = Unit.objects.visible_to(request.user)
    return render(
        request,
        "orgs/home.html",
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


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponseRedirect:
    """The unit/period switcher: go to a unit's workspace for a period."""
    code = request.POST.get("unit", "").strip()
    period = request.POST.get("period", "").strip()
    if code and period:
        request.session["period"] = period
        return redirect("workspace", code=code, period=period)
    if period:
        request.session["period"] = period
    return redirect("home")
