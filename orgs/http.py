"""Typed requests: what the middleware and `unit_period_view` add to Django's HttpRequest.

A view annotates its request with the class that describes what it may read:

    @unit_period_view
    def workspace(request: UnitPeriodRequest) -> HttpResponse:
        request.unit, request.period, request.roles, request.can_edit, request.user (a User)
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import Period, Unit


class HtmxRequest(HttpRequest):
    """Any request: django-htmx's middleware adds `htmx`."""

    htmx: HtmxDetails


class AuthenticatedRequest(HtmxRequest):
    """A request of a signed-in user (behind `login_required`)."""

    user: User


class UnitPeriodRequest(AuthenticatedRequest):
    """A request through `unit_period_view`: the (unit, period) of the URL resolved in the
    user's scope, the user's roles on the unit and whether they may edit its data."""

    unit: Unit
    period: Period
    roles: set[str]
    can_edit: bool
    can_approve: bool
