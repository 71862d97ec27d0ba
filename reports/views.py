from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import stored_file_response
from orgs.decorators import unit_period_view
from orgs.http import HtmxRequest, UnitPeriodRequest
from orgs.models import Unit

from .checklist import report_checklist
from .gates import submission_check
from .jobs import job_retry
from .models import Job
from .services import (
    TransitionOwned,
    report_get_or_create,
    report_transition,
)
from .transition_texts import done_message
from .workflow import actions_for


@unit_period_view
def workspace(request: UnitPeriodRequest) -> HttpResponse:
    """The hub of a (unit, period): report state, sections, actions."""
    report = report_get_or_create(unit=request.unit, period=request.period)
    actions = actions_for(request.user, request.unit, report.state)
    return render(
        request,
        "reports/workspace.html",
        {
            "unit": request.unit,
            "period": request.period,
            "report": report,
            "actions": actions,
            "checklist": report_checklist(report=report, user=request.user),
            "transitions": report.transitions.select_related("by"),
            "comments": report.comments.select_related("by"),
            "children": Unit.objects.filter(parent=request.unit).valid_during(
                request.period.start, request.period.end
            ),
        },
    )


def _posted_version(request: UnitPeriodRequest) -> int | None:
    """The submitted version the reviewer had on screen (hidden field), if any."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


@require_POST
@unit_period_view
def transition(request: UnitPeriodRequest, name: str) -> HttpResponse:
    report = report_get_or_create(unit=request.unit, period=request.period)
    try:
        report = report_transition(
            report=report,
            name=name,
            by=request.user,
            comment=request.POST.get("comment", ""),
            check=submission_check if name == "submit" else None,
            expected_version=_posted_version(request),
        )
        messages.success(request, done_message(name, report))  # names the NEW state
    except PermissionDenied:
        raise
    except TransitionOwned as exc:
        # A service owns it (e.g. «sign» needs the signed PDF): refused, state unchanged.
        return HttpResponse(" ".join(exc.messages), status=409, content_type="text/plain")
    except ValidationError as exc:
        if name == "submit":
            # The checklist lists each blocking finding with a link to it: one message here.
            messages.error(request, _("Chưa gửi được báo cáo: xử lý các mục trong «Việc cần làm»."))
            url = reverse("workspace", args=[request.unit.code, request.period.code])
            return redirect(f"{url}#checklist-findings")
        for m in exc.messages:
            messages.error(request, m)
    return redirect("workspace", code=request.unit.code, period=request.period.code)


def _visible_job(request: HtmxRequest, pk: int) -> Job:
    """A job the user started, or of a unit in the user's scope; anything else is 404."""
    if not request.user.is_authenticated:
        raise Http404
    job = get_object_or_404(Job, pk=pk)
    own = job.created_by_id == request.user.pk or request.user.is_superuser
    in_scope = job.unit_id and Unit.objects.visible_to(request.user).filter(pk=job.unit_id).exists()
    if not (own or in_scope):
        raise Http404
    return job


def job_file(request: HtmxRequest, pk: int) -> HttpResponseBase:
    """The result file of a job (e.g. an export), only through the job's scope (issue 10, 8)."""
    job = _visible_job(request, pk)
    return stored_file_response(
        job.result_file,
        download_name=job.params.get("download_name") or job.params.get("name") or "",
    )


def job_status(request: HtmxRequest, pk: int) -> HttpResponse:
    """Progress of a background job, as JSON (polled) or as an htmx fragment."""
    job = _visible_job(request, pk)
    if request.htmx or request.GET.get("fragment"):
        return render(request, "reports/_job.html", {"job": job})
    return JsonResponse(
        {
            "id": job.pk,
            "kind": job.kind,
            "status": job.status,
            "progress": job.progress,
            "message": job.message,
            "error": job.error,
            "result": job.result,
            "result_url": reverse("job_file", args=[job.pk]) if job.result_file else None,
            "delayed": job.is_delayed,
            "can_retry": job.can_retry,
        }
    )


@require_POST
def job_retry_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """«Thử lại»: a failed job is queued again, by the user who started it (or an admin)."""
    job = _visible_job(request, pk)
    if not (job.created_by_id == request.user.pk or request.user.is_superuser):
        raise PermissionDenied
    if not job_retry(job):
        messages.error(request, _("Công việc này không thể chạy lại."))
    job.refresh_from_db()
    if request.htmx:
        return render(request, "reports/_job.html", {"job": job})
    target = request.POST.get("next") or request.headers.get("referer") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe else "/")
