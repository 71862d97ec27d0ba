"""Login throttling (django-axes), structured security log lines and the health check.

Throttling: `LoginThrottleBackend` (first in AUTHENTICATION_BACKENDS) refuses a login while the
user name or the client address is locked out; `LoggingAxesHandler` records each failure
(django-axes' database handler) and writes one structured log line per failure;
`lockout_response` shows the login page with a clear message. Limits: settings.AXES_*
(CCHC_LOGIN_FAILURE_LIMIT, CCHC_LOGIN_COOLOFF_MINUTES). An administrator unlocks with
`manage.py axes_reset_username <name>` / `axes_reset_ip <address>` / `axes_reset`, or by
deleting the rows under «Access attempts» in the Django admin.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger("cchc.security")


def log_event(event: str, /, *, level: int = logging.INFO, **fields: object) -> None:
    """One structured log line: `event=<name> key=value …` (values JSON-quoted when needed),
    with the same fields in the record's `extra` for JSON log handlers."""
    parts = [f"event={event}"]
    for key, value in fields.items():
        text = value if isinstance(value, int | float | bool) or value is None else str(value)
        rendered = json.dumps(text, ensure_ascii=False)
        if isinstance(text, str) and text and not any(c in text for c in ' "=\\'):
            rendered = text
        parts.append(f"{key}={rendered}")
    log.log(level, " ".join(parts), extra={"event": event, **fields})


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check on every login made through an HTTP request.

    `authenticate()` called without a request (the test client's `login()`, a shell) has no
    address to throttle and no form to show a message on: it is passed on to the model backend
    instead of raising, as axes' own backend does."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class LoggingAxesHandler(AxesDatabaseHandler):
    """axes' database handler, plus a structured log line for every failed login."""

    def user_login_failed(
        self,
        sender: object,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        log_event(
            "login_failed",
            level=logging.WARNING,
            username=get_client_username(request, credentials) or "",
            ip=getattr(request, "axes_ip_address", "") or "",
            path=request.path,
            locked_out=bool(getattr(request, "axes_locked_out", False)),
        )


def _cooloff_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    return int(cooloff.total_seconds() // 60) if cooloff else 0


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The login page again, with the lockout message (HTTP 429)."""
    username = get_client_username(request, credentials) or ""
    log_event(
        "login_locked_out",
        level=logging.WARNING,
        username=username,
        ip=getattr(request, "axes_ip_address", "") or "",
        path=request.path,
    )
    form = AuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "locked_out": True,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": _cooloff_minutes(),
            "next": request.POST.get("next", "") or request.GET.get("next", ""),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# --- health check ------------------------------------------------------------------------------


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        log.warning("healthz: database check failed")
        return False


def _broker_state() -> str:
    """ "eager" (no broker: tasks run in-process), "ok" or "error"."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
        )
        try:
            return "ok" if client.ping() else "error"
        finally:
            client.close()
    except Exception:
        log.warning("healthz: broker check failed")
        return "error"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Database and broker reachable? JSON; 200 when healthy, 503 naming the failed part.

    No authentication and nothing but the state of each part (no host names, no errors)."""
    checks = {"database": "ok" if _database_ok() else "error", "broker": _broker_state()}
    healthy = all(state in ("ok", "eager") for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
