"""Reads for units, periods and the user's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from .models import Membership, Period, Role, Unit

if TYPE_CHECKING:
    from .models import AnyUser


def unit_for_user(*, user: AnyUser, code: str, period: Period | None = None) -> Unit:
    """The unit with `code` (valid in `period`) if the user may see it; 404 otherwise, so that
    a unit outside scope is indistinguishable from a missing one."""
    qs = Unit.objects.visible_to(user).filter(code=str(code).strip())
    if period is not None:
        qs = qs.valid_during(period.start, period.end)
    unit = qs.order_by("-valid_from").first()
    if unit is None:
        raise Http404
    return unit


def period_by_code(code: str) -> Period:
    period = Period.objects.filter(code=str(code).strip().upper()).first()
    if period is None:
        raise Http404
    return period


def roles_of(user: AnyUser, unit: Unit) -> set[str]:
    """Roles the user holds on this unit, including reviewer/admin roles inherited from an ancestor."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.ADMIN, Role.REVIEWER}
    roles = set()
    for path, role in Membership.objects.filter(user=user).values_list("unit__path", "role"):
        if path == unit.path or unit.path.startswith(path) and role in (Role.REVIEWER, Role.ADMIN):
            roles.add(role)
    return roles
