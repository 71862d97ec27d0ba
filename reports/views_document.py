"""Pages of the report document: narrative editor with live preview, document settings,
HTML preview, PDF/DOCX export through a job, downloads, signing, signature verification."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from orgs.decorators import unit_period_view
from orgs.http import AuthenticatedRequest, UnitPeriodRequest
from orgs.policy import may_edit_document, may_sign

from . import workflow
from .forms_document import DocumentSettingsForm, ReportNumberForm, SignForm, VerifyForm
from .formulas import formula_text
from .indicators import compute, registry
from .indicators.compute import IndicatorValues
from .locks import PeriodLocked, period_is_locked
from .models import DocumentKind, RenderedDocument
from .narrative.citations import editor_entries
from .narrative.defaults import DEFAULT_TEXTS
from .narrative.figures import check_text
from .narrative.level import default_texts_for
from .narrative.placeholders import (
    DOCUMENT_PLACEHOLDERS,
    document_values,
    render_runs,
    unknown_placeholders,
)
from .narrative.selectors import stored_sections
from .narrative.services import narrative_fix_figure, narrative_reset, narrative_save
from .rendering.context import build_context
from .rendering.formatting import document_figure
from .rendering.html import render_html, render_section_html
from .rendering.level import level_values
from .rendering.services import document_render_enqueue, document_settings_save, report_number_save
from .sections import SECTION_KEYS, SECTIONS, section_numbers
from .services import report_get_or_create
from .transition_texts import confirm_text, document_reference, done_message, signing_refusal
from .versions import document_settings_of


def _section_rows(
    request: UnitPeriodRequest,
    values: IndicatorValues,
    *,
    posted: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    saved: str = "",
) -> list[dict[str, Any]]:
    stored = stored_sections(unit=request.unit, period=request.period)
    numbers = section_numbers()
    doc_values = document_values(unit=request.unit, period=request.period)
    defaults = default_texts_for(request.unit, request.period) or DEFAULT_TEXTS
    rows = []
    for key, _part, title in SECTIONS:
        row = stored.get(key)
        text = (posted or {}).get(key)
        if text is None:
            text = row.text if row else defaults.get(key, "")
        runs = render_runs(text, values=values, doc_values=doc_values)
        rows.append(
            {
                "key": key,
                "number": numbers[key],
                "title": title,
                "text": text,
                "version": row.version if row else 0,
                "is_default": row is None,
                "preview": render_section_html([[r.__dict__ for r in p] for p in runs]),
                "errors": (errors or {}).get(key, []),
                "findings": check_text(text, values=values, section=key),
                "saved": key == saved,
            }
        )
    return rows


def _placeholders(values: IndicatorValues, doc_values: dict[str, str]) -> list[dict[str, Any]]:
    out = [
        {"code": code, "label": label, "value": doc_values[code]}
        for code, label in DOCUMENT_PLACEHOLDERS.items()
    ]
    for ind in registry.all():
        out.append(
            {
                "code": ind.code,
                "label": ind.label,
                "value": document_figure(values.get(ind.code), ind.kind),
                "formula": formula_text(ind),
            }
        )
    return out


def _editor(
    request: UnitPeriodRequest,
    *,
    posted: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    saved: str = "",
) -> HttpResponse:
    report = report_get_or_create(unit=request.unit, period=request.period)
    values = level_values(request.unit, request.period, compute(request.unit, request.period))
    doc_values = document_values(unit=request.unit, period=request.period)
    return render(
        request,
        "reports/editor.html",
        {
            "unit": request.unit,
            "period": request.period,
            "report": report,
            "sections": _section_rows(request, values, posted=posted, errors=errors, saved=saved),
            "placeholders": _placeholders(values, doc_values),
            "citations": editor_entries(unit=request.unit, period=request.period),
            "locked": period_is_locked(unit=request.unit, period=request.period),
            "documents": report.documents.select_related("by")[:10],
        },
        status=status,
    )


@unit_period_view
def document_editor(request: UnitPeriodRequest) -> HttpResponse:
    return _editor(request)


@require_POST
@unit_period_view(edit=True)
def section_save(request: UnitPeriodRequest, key: str) -> HttpResponse:
    if key not in SECTION_KEYS:
        raise Http404
    text = request.POST.get("text", "")
    # With htmx the page's section alone is swapped (hx-select): the others keep their unsaved
    # edits, and a refused save shows its error beside the section (200: htmx swaps it).
    htmx = bool(request.htmx)
    try:
        if request.POST.get("action") == "reset":
            narrative_reset(
                unit=request.unit,
                period=request.period,
                key=key,
                version=int(request.POST.get("version") or 0),
                by=request.user,
            )
            if not htmx:
                messages.success(request, _("Đã khôi phục nội dung mặc định."))
        else:
            narrative_save(
                unit=request.unit,
                period=request.period,
                key=key,
                text=text,
                version=int(request.POST.get("version") or 0),
                by=request.user,
            )
            if not htmx:
                messages.success(request, _("Đã lưu nội dung mục."))
    except (ValidationError, ValueError) as exc:
        msgs = exc.messages if isinstance(exc, ValidationError) else [_("Dữ liệu không hợp lệ.")]
        status = 200 if htmx else 400
        return _editor(request, posted={key: text}, errors={key: msgs}, status=status)
    if htmx:
        return _editor(request, saved=key)
    url = reverse("document_editor", args=[request.unit.code, request.period.code])
    return redirect(f"{url}#sec-{key}")


@require_POST
@unit_period_view(edit=True)
def section_fix(request: UnitPeriodRequest, key: str) -> HttpResponse:
    """The one-click fix of a figure that contradicts its indicator: the typed number becomes
    the indicator's placeholder (refused, nothing changed, when the period is locked or the
    section was saved by someone else in between)."""
    if key not in SECTION_KEYS:
        raise Http404
    try:
        narrative_fix_figure(
            unit=request.unit,
            period=request.period,
            key=key,
            rule=request.POST.get("rule", ""),
            version=int(request.POST.get("version") or 0),
            by=request.user,
        )
    except (ValidationError, ValueError) as exc:
        msgs = exc.messages if isinstance(exc, ValidationError) else [_("Dữ liệu không hợp lệ.")]
        return _editor(request, errors={key: msgs}, status=400)
    messages.success(request, _("Đã thay số liệu gõ tay bằng số liệu tự động của chỉ tiêu."))
    url = reverse("document_editor", args=[request.unit.code, request.period.code])
    return redirect(f"{url}#sec-{key}")


@require_POST
@unit_period_view
def section_preview(request: UnitPeriodRequest, key: str) -> HttpResponse:
    """The section re-rendered with live values (htmx)."""
    if key not in SECTION_KEYS:
        raise Http404
    text = request.POST.get("text", "")
    values = level_values(request.unit, request.period, compute(request.unit, request.period))
    doc_values = document_values(unit=request.unit, period=request.period)
    runs = render_runs(text, values=values, doc_values=doc_values)
    html = render_section_html([[r.__dict__ for r in p] for p in runs])
    unknown = unknown_placeholders(text, doc_values)
    findings = check_text(text, values=values, section=key)
    return render(
        request,
        "reports/editor_preview.html",
        {"html": html, "unknown": unknown, "findings": findings},
    )


@unit_period_view
def document_settings(request: UnitPeriodRequest) -> HttpResponse:
    report = report_get_or_create(unit=request.unit, period=request.period)
    # Once submitted, the page shows the settings frozen with the version that was sent.
    instance = document_settings_of(report)
    may_edit = may_edit_document(request.user, request.unit)
    editable = workflow.document_settings_are_editable(report.state)
    status = 400 if request.method == "POST" else 200
    settings_form = DocumentSettingsForm(instance=instance, prefix="doc")
    number_form = ReportNumberForm(instance=report, prefix="num")
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        settings_form = DocumentSettingsForm(request.POST, instance=instance, prefix="doc")
        number_form = ReportNumberForm(request.POST, instance=report, prefix="num")
        if settings_form.is_valid() and number_form.is_valid():
            try:
                with transaction.atomic():
                    report_number_save(report=report, form=number_form, by=request.user)
                    document_settings_save(report=report, form=settings_form, by=request.user)
            except PeriodLocked as exc:
                status = 403
                for m in exc.messages:
                    messages.error(request, m)
            except ValidationError as exc:
                for m in exc.messages:
                    messages.error(request, m)
            else:
                messages.success(request, _("Đã lưu thông tin văn bản."))
                return redirect("document_settings", request.unit.code, request.period.code)
    return render(
        request,
        "reports/editor_settings.html",
        {
            "unit": request.unit,
            "period": request.period,
            "report": report,
            "settings_form": settings_form,
            "number_form": number_form,
            "may_edit": may_edit and editable,
            "frozen": not editable,
            "drafted": instance.pk is None and editable,
        },
        status=status,
    )


@unit_period_view
def document_preview(request: UnitPeriodRequest) -> HttpResponse:
    """The whole document as HTML in the browser: the same context and template as the PDF."""
    report = report_get_or_create(unit=request.unit, period=request.period)
    return HttpResponse(render_html(build_context(report=report), for_print=False))


@require_POST
@unit_period_view
def document_export(request: UnitPeriodRequest, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "docx"):
        raise Http404
    report = report_get_or_create(unit=request.unit, period=request.period)
    job = document_render_enqueue(report=report, fmt=fmt, by=request.user)
    if request.htmx:
        return render(request, "reports/_job.html", {"job": job})
    return render(
        request,
        "reports/document/job_page.html",
        {"unit": request.unit, "period": request.period, "job": job},
    )


@unit_period_view
def document_download(request: UnitPeriodRequest, pk: int) -> HttpResponseBase:
    report = report_get_or_create(unit=request.unit, period=request.period)
    doc = get_object_or_404(RenderedDocument, pk=pk, report=report)
    if not doc.file.name or not doc.file.storage.exists(doc.file.name):
        raise Http404
    ext = "docx" if doc.kind == DocumentKind.DOCX else "pdf"
    suffix = {"preview": "du-thao", "final": "", "docx": "", "signed": "da-ky-so"}.get(doc.kind, "")
    name = f"bao-cao-cchc-{request.unit.code}-{request.period.code}"
    name += f"-{suffix}" if suffix else ""
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=f"{name}.{ext}")


@sensitive_variables("password", "data")
@sensitive_post_parameters("password")
@unit_period_view
def document_sign(request: UnitPeriodRequest) -> HttpResponse:
    from .signing import Pkcs12Signer, SigningError, sign_report

    report = report_get_or_create(unit=request.unit, period=request.period)
    if not may_sign(request.user, request.unit):
        raise PermissionDenied
    form = SignForm()
    status = 200
    refusal = signing_refusal(report)
    if request.method == "POST":
        form = SignForm(request.POST, request.FILES)
        status = 400
        if refusal and workflow.is_signable(report.state):
            form.add_error(None, refusal)  # refused before the certificate is even read
        elif form.is_valid():
            data = form.cleaned_data["certificate"].read()
            password = form.cleaned_data["password"]
            try:
                signer = Pkcs12Signer(data, password)
                doc = sign_report(report=report, signer=signer, by=request.user)
            except (SigningError, ValidationError) as exc:
                text = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                for m in text:
                    form.add_error(None, m)
            else:
                report.refresh_from_db()
                messages.success(
                    request,
                    done_message("sign", report)
                    + " "
                    + _("Mã SHA-256: %(sha)s") % {"sha": doc.sha256},
                )
                return redirect("document_sign", request.unit.code, request.period.code)
    signed = report.documents.filter(kind=DocumentKind.SIGNED).first()
    return render(
        request,
        "reports/sign.html",
        {
            "unit": request.unit,
            "period": request.period,
            "report": report,
            "form": form,
            "can_sign": workflow.is_signable(report.state),
            "signed": signed,
            "refusal": refusal,
            "reference": document_reference(report),
            "what_happens": confirm_text("sign"),
        },
        status=status,
    )


@login_required
def verify(request: AuthenticatedRequest) -> HttpResponse:
    """Upload any PDF: is each signature intact, who signed, when, trusted or not."""
    from .signing import stored_copies, verify_pdf

    result = None
    form = VerifyForm()
    status = 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            result = verify_pdf(form.cleaned_data["file"].read())
            result.stored = stored_copies(result.sha256, request.user)
        else:
            status = 400
    return render(request, "reports/verify.html", {"form": form, "result": result}, status=status)
