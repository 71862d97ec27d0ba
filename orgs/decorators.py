"""View decorators that resolve (unit, period) from the URL through the scoping rule."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .policy import roles_may_edit_data
from .selectors import period_by_code, roles_of, unit_for_user


def unit_period_view(view=None, *, edit: bool = False):
    """Resolve `code` and `period` URL kwargs into request.unit / request.period.

    A unit outside the user's scope answers 404 (never leaked). With edit=True the user must be
    a clerk or approver of the unit itself (a reviewer may read, not write: 403).
    """

    def decorate(fn):
        @login_required
        @functools.wraps(fn)
        def wrapper(request, code: str, period: str, *args, **kwargs):
            request.period = period_by_code(period)
            request.unit = unit_for_user(user=request.user, code=code, period=request.period)
            request.roles = roles_of(request.user, request.unit)
            request.can_edit = roles_may_edit_data(request.roles)
            if edit and not request.can_edit:
                raise PermissionDenied
            return fn(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
