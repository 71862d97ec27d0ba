"""«Thông báo»: what was sent to the signed-in user (only theirs), marked read one by one or
all at once."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from orgs.http import AuthenticatedRequest

from .models import Notification
from .services import mark_read


@require_safe
@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    qs = Notification.objects.filter(user=request.user).select_related("unit", "period")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": qs.filter(read_at__isnull=True).count()},
    )


@require_POST
@login_required
def notification_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Mark one notice read and open what it concerns; another user's notice is 404."""
    notice = Notification.objects.filter(pk=pk, user=request.user).first()
    if notice is None:
        raise Http404
    mark_read(request.user, pk)
    safe = url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if request.POST.get("open") and notice.url and safe:
        return redirect(notice.url)
    return redirect("notifications")


@require_POST
@login_required
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    mark_read(request.user)
    return redirect("notifications")
