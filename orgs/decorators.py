"""View decorators that resolve (unit, period) from the URL through the scoping rule."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, cast, overload

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .http import UnitPeriodRequest
from .policy import roles_may_approve, roles_may_edit_data
from .selectors import period_by_code, roles_of, unit_for_user

ViewFunc = Callable[..., HttpResponseBase]


@overload
def unit_period_view(view: ViewFunc, *, edit: bool = False) -> ViewFunc: ...
@overload
def unit_period_view(
    view: None = None, *, edit: bool = False
) -> Callable[[ViewFunc], ViewFunc]: ...
def unit_period_view(
    view: ViewFunc | None = None, *, edit: bool = False
) -> ViewFunc | Callable[[ViewFunc], ViewFunc]:
    """Resolve `code` and `period` URL kwargs into request.unit / request.period.

    A unit outside the user's scope answers 404 (never leaked). With edit=True the user must be
    a clerk or approver of the unit itself (a reviewer may read, not write: 403).
    """

    def decorate(fn: ViewFunc) -> ViewFunc:
        @login_required
        @functools.wraps(fn)
        def wrapper(
            request: HttpRequest, code: str, period: str, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            req = cast(UnitPeriodRequest, request)
            req.period = period_by_code(period)
            req.unit = unit_for_user(user=req.user, code=code, period=req.period)
            req.roles = roles_of(req.user, req.unit)
            req.can_edit = roles_may_edit_data(req.roles)
            req.can_approve = roles_may_approve(req.roles)
            if edit and not req.can_edit:
                raise PermissionDenied
            return fn(req, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
