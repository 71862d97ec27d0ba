"""The unit/period switcher (the home page, which lists reports, is an output of reports)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


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
