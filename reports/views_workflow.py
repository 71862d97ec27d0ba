"""Workflow pages around the transitions (issue 11, point 6): the confirmation that states what
a transition will do before the user confirms it, and the first-page image of the document the
approver is about to sign."""

from __future__ import annotations

import subprocess

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from orgs.decorators import unit_period_view
from orgs.http import UnitPeriodRequest
from orgs.policy import may_sign

from .gates import explained_rules
from .models import IndicatorSnapshot
from .services import report_get_or_create
from .snapshots import snapshot_findings
from .transition_texts import (
    confirm_text,
    document_reference,
    missing_document_facts,
    missing_text,
    target_label,
)
from .validation import ERROR, WARNING
from .workflow import STATE_LABELS, TRANSITIONS, is_final, may_perform


@require_GET
@unit_period_view
def transition_confirm(request: UnitPeriodRequest, name: str) -> HttpResponse:
    """Before submit / return / accept: what will happen, the figures' state, then «Xác nhận»
    (a POST to the transition itself). Signing has its own page (the signing service's)."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise Http404
    if not may_perform(request.user, request.unit, transition):
        raise PermissionDenied
    if transition.owner_url:
        return redirect(transition.owner_url, request.unit.code, request.period.code)
    report = report_get_or_create(unit=request.unit, period=request.period)
    if report.state not in transition.sources:
        messages.error(
            request,
            _("Không thể «%(action)s» khi báo cáo đang ở trạng thái «%(state)s».")
            % {"action": transition.label, "state": report.get_state_display()},
        )
        return redirect("workspace", request.unit.code, request.period.code)
    snapshot = IndicatorSnapshot.objects.filter(unit=request.unit, period=request.period).first()
    findings = snapshot_findings(snapshot)
    explained = explained_rules(unit=request.unit, period=request.period)
    warnings = [f for f in findings if f.severity == WARNING]
    return render(
        request,
        "reports/transition_confirm.html",
        {
            "unit": request.unit,
            "period": request.period,
            "report": report,
            "transition": transition,
            "what_happens": confirm_text(name),
            "from_label": STATE_LABELS[report.state],
            "to_label": target_label(name),
            "snapshot": snapshot,
            "errors": [f for f in findings if f.severity == ERROR],
            "warnings": len(warnings),
            "warnings_explained": sum(1 for f in warnings if f.rule in explained),
            "missing": missing_text(missing_document_facts(report)),
            "reference": document_reference(report),
        },
    )


@require_GET
@unit_period_view
def sign_preview(request: UnitPeriodRequest) -> HttpResponse:
    """The first page of the final document as a PNG (pdftoppm), for the sign page; only the
    approver, and only once the report is accepted (before that there is no final document)."""
    from .rendering.services import document_render

    if not may_sign(request.user, request.unit):
        raise PermissionDenied
    report = report_get_or_create(unit=request.unit, period=request.period)
    if not is_final(report.state):
        raise Http404
    doc = document_render(report=report, fmt="pdf", by=request.user)
    with doc.file.open("rb") as fh:
        pdf = fh.read()
    try:
        png = subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-"],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise Http404 from exc
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response
