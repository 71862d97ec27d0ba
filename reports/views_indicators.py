"""Indicators pages of a (unit, period): figures by section with formulas, last year's values,
validation findings with written explanations, recompute job, drill-down to the records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Field, Model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from common.formatting import format_date, format_datetime, format_number
from orgs.decorators import unit_period_view
from orgs.http import UnitPeriodRequest
from orgs.models import Unit

from .checklist import finding_anchor
from .formulas import formula_text
from .indicators import Indicator, Kind, Section, change_pct, registry
from .indicators.compute import subtree_ids, unit_filter_for
from .jobs import job_create, job_enqueue
from .locks import ensure_unlocked
from .models import JobKind, Report, ReportState, WarningExplanation
from .snapshots import snapshot_findings, snapshot_get, snapshot_values, snapshots_for
from .validation import ERROR, WARNING, Finding, findings_by_code

# Key figures of the reviewer's comparison of child units, with short column titles.
KEY_COLUMNS = (
    ("tthc.total", _lazy("Hồ sơ")),
    ("tthc.resolved_late", _lazy("Trễ hạn")),
    ("tthc.on_time_rate", _lazy("Đúng hạn")),
    ("tthc.online_rate", _lazy("Nộp trực tuyến")),
    ("egov.online_service_rate", _lazy("DVC trực tuyến")),
    ("egov.digitized_components_rate", _lazy("Số hóa hồ sơ")),
    ("egov.digitized_results_rate", _lazy("Số hóa kết quả")),
)
KEY_CODES = tuple(code for code, _title in KEY_COLUMNS)


def _formula(ind: Indicator) -> str:
    return formula_text(ind)


def _change(
    ind: Indicator, now: int | Decimal | None, before: int | Decimal | None
) -> Decimal | None:
    """Change against last year: percent for counts, percentage points for rates."""
    if now is None or before is None:
        return None
    if ind.kind == Kind.PERCENT:
        return Decimal(now) - Decimal(before)
    return change_pct(now, before)


@unit_period_view
def indicators(request: UnitPeriodRequest) -> HttpResponse:
    unit, period = request.unit, request.period
    snap = snapshot_get(unit=unit, period=period)
    values = snapshot_values(snap)
    findings = snapshot_findings(snap)
    last = period.same_period_last_year()
    previous = snapshot_values(snapshot_get(unit=unit, period=last)) if last else {}
    explanations = {
        e.rule: e
        for e in WarningExplanation.objects.filter(unit=unit, period=period).select_related("by")
    }
    by_code = findings_by_code(findings)
    drillable = {c for c in registry.codes() if registry.source_for(c) is not None}
    sections = []
    for section in Section:
        rows = []
        for ind in registry.by_section().get(section.value, []):
            now, before = values.get(ind.code), previous.get(ind.code)
            rows.append(
                {
                    "ind": ind,
                    "value": now,
                    "previous": before,
                    "change": _change(ind, now, before),
                    "formula": _formula(ind),
                    "findings": by_code.get(ind.code, []),
                    "drill": ind.code in drillable and bool(now),
                }
            )
        if rows:
            sections.append({"section": section, "rows": rows})
    report = Report.objects.filter(unit=unit, period=period).first()
    locked = bool(report and report.is_locked)
    children = list(
        Unit.objects.filter(parent=unit).valid_during(period.start, period.end).order_by("name")
    )
    child_rows = []
    if children:
        snaps = snapshots_for(units=children, period=period)
        states = dict(
            Report.objects.filter(unit__in=children, period=period).values_list("unit_id", "state")
        )
        for child in children:
            s = snaps.get(child.pk)
            cf = snapshot_findings(s)
            child_rows.append(
                {
                    "unit": child,
                    "values": [(registry.get(c), snapshot_values(s).get(c)) for c in KEY_CODES],
                    "errors": sum(1 for f in cf if f.severity == ERROR),
                    "warnings": sum(1 for f in cf if f.severity == WARNING),
                    "state": ReportState(states.get(child.pk, ReportState.DRAFT)),
                }
            )
    return render(
        request,
        "reports/indicators.html",
        {
            "unit": unit,
            "period": period,
            "last_period": last,
            "snapshot": snap,
            "sections": sections,
            "errors": [f for f in findings if f.severity == ERROR],
            **_warnings_context(findings, explanations),
            "can_explain": request.can_edit and not locked,
            "key_columns": [(registry.get(c), title) for c, title in KEY_COLUMNS],
            "child_rows": child_rows,
        },
    )


@require_POST
@unit_period_view
def recompute(request: UnitPeriodRequest) -> HttpResponse:
    """'Recompute now': a job the page polls for progress."""
    from .tasks import recompute_job

    job = job_create(
        kind=JobKind.RECOMPUTE, by=request.user, unit=request.unit, period=request.period
    )
    job_enqueue(job, recompute_job, job.pk)
    if request.htmx:
        return render(request, "reports/_job.html", {"job": job})
    messages.info(request, _("Đang tính lại các chỉ tiêu."))
    return redirect("indicators", code=request.unit.code, period=request.period.code)


@require_POST
@unit_period_view(edit=True)
def explain(request: UnitPeriodRequest, rule: str) -> HttpResponse:
    """The unit's written explanation of a warning; kept and shown to the reviewer."""
    unit, period = request.unit, request.period
    text = (request.POST.get("text") or "").strip()
    try:
        with transaction.atomic():
            ensure_unlocked(
                unit=unit, period=period, hold=True, channel="explanation", by=request.user
            )
            if not text:
                raise ValidationError(_("Nội dung giải trình không được để trống."))
            if len(rule) > 80:
                raise ValidationError(_("Cảnh báo không hợp lệ."))
            WarningExplanation.objects.update_or_create(
                unit=unit, period=period, rule=rule, defaults={"text": text, "by": request.user}
            )
    except ValidationError as exc:
        if request.htmx:
            return _warning_fragment(request, rule, text=text, errors=exc.messages)
        for m in exc.messages:
            messages.error(request, m)
    else:
        if request.htmx:
            return _warning_fragment(request, rule, saved=True)
        messages.success(request, _("Đã lưu giải trình."))
    url = reverse("indicators", args=[unit.code, period.code])
    return redirect(f"{url}#{finding_anchor(rule)}")


def _warnings_context(
    findings: list[Finding], explanations: dict[str, WarningExplanation]
) -> dict[str, Any]:
    """The warnings with their explanations, how many there are and how many are left."""
    warnings: list[dict[str, Any]] = [
        {"finding": f, "explanation": explanations.get(f.rule)}
        for f in findings
        if f.severity == WARNING
    ]
    explained = {rule for rule, e in explanations.items() if e.text.strip()}
    left = sum(1 for w in warnings if w["finding"].rule not in explained)
    return {"warnings": warnings, "warnings_total": len(warnings), "warnings_left": left}


def _warning_fragment(
    request: UnitPeriodRequest,
    rule: str,
    *,
    text: str = "",
    errors: list[str] | None = None,
    saved: bool = False,
) -> HttpResponse:
    """Explained in place (htmx): the warning's box alone, and the count of what is left out
    of band; the page keeps its scroll position."""
    unit, period = request.unit, request.period
    findings = snapshot_findings(snapshot_get(unit=unit, period=period))
    explanations = {
        e.rule: e
        for e in WarningExplanation.objects.filter(unit=unit, period=period).select_related("by")
    }
    ctx = _warnings_context(findings, explanations)
    w = next((w for w in ctx["warnings"] if w["finding"].rule == rule), None)
    if w is None:  # not (or no longer) a warning of these figures
        w = {"finding": Finding(rule=rule, severity=WARNING, message=rule)}
        w["explanation"] = explanations.get(rule)
    w = {**w, "text": text, "errors": errors or [], "saved": saved}
    return render(
        request,
        "reports/_warning_fragment.html",
        {"unit": unit, "period": period, "w": w, "can_explain": True, "oob": True, **ctx},
    )


def _cell(value: Any) -> str:
    """Dates as dd/mm/yyyy (times in local time), booleans as Có/Không, empty as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def _columns(model: type[Model]) -> list[Field[Any, Any]]:
    from tthc.models import Dossier

    if model is Dossier:
        names = [
            "code",
            "procedure_code",
            "procedure_name",
            "channel",
            "received_at",
            "due_at",
            "resolved_at",
            "status",
        ]
    else:
        skip = {"id", "unit", "period", "version", "updated_by", "created_at", "updated_at"}
        names = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in skip and not f.name.endswith("_ptr")
        ][:8]
    fields = [model._meta.get_field(n) for n in names]
    return [f for f in fields if isinstance(f, Field)]  # all are: concrete fields, no relations


@unit_period_view
def drilldown(request: UnitPeriodRequest, indicator: str) -> HttpResponse:
    """The records a count counts, with the same filter as the count itself."""
    unit, period = request.unit, request.period
    code = indicator
    if code not in registry:
        raise Http404
    ind = registry.get(code)
    source = registry.source_for(code)
    qs = None
    if source is not None:
        qs = source.records(code, unit_filter=unit_filter_for(subtree_ids(unit)), period=period)
    if qs is None:
        raise Http404
    model = qs.model
    has_unit = any(f.name == "unit" for f in model._meta.concrete_fields)
    if has_unit:
        qs = qs.select_related("unit")
    qs = qs.order_by(*(model._meta.ordering or ["pk"]), "pk")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    columns = _columns(model)
    rows = []
    for obj in page.object_list:
        cells = []
        for f in columns:
            display = getattr(obj, f"get_{f.name}_display", None)
            cells.append(
                display() if callable(display) and f.choices else _cell(getattr(obj, f.name))
            )
        rows.append({"obj": obj, "cells": cells})
    return render(
        request,
        "reports/drilldown.html",
        {
            "unit": unit,
            "period": period,
            "ind": ind,
            "formula": _formula(ind),
            "page": page,
            "columns": columns,
            "rows": rows,
            "show_unit": has_unit and unit.children.exists(),
        },
    )
