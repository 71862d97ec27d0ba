"""Pages of the reviewer's side: the inbox (the reviewer's home page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from orgs.http import AuthenticatedRequest
from orgs.models import Period, Unit
from orgs.policy import reviewed_units

from .inbox import GROUP_KEYS, GROUPS, inbox_groups, inbox_period


@login_required
def inbox(request: AuthenticatedRequest, units: list[Unit] | None = None) -> HttpResponse:
    """Per period, the reports of the units below each unit the user reviews, by state.
    `?period=` picks the period (default: the latest with submissions), `?state=` one group."""
    if units is None:
        units = reviewed_units(request.user)
    period = inbox_period(units, request.GET.get("period", ""))
    state = request.GET.get("state", "")
    if state not in GROUP_KEYS:
        state = ""
    boxes = []
    if period is not None:
        boxes = [
            inbox_groups(u, period, state)
            for u in units
            if u.is_valid_on(period.end) or u.is_valid_on(period.start)
        ]
    return render(
        request,
        "review/inbox.html",
        {
            "boxes": boxes,
            "period": period,
            "periods": Period.objects.order_by("-end", "code"),
            "state": state,
            "groups": GROUPS,
            "reviewed": units,
        },
    )
