"""Pages of the submitted versions of a report: the list, and version N against N-1 (what
changed since the previous submission). Read by the unit and the reviewers above it (the
report's own scope, `unit_period_view`)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from orgs.decorators import unit_period_view
from orgs.http import UnitPeriodRequest
from orgs.models import Period, Unit

from .indicators import from_json
from .models import DocumentSettings, Report, ReportVersion
from .narrative.placeholders import document_values, render_runs
from .services import report_get_or_create
from .versions import TextOf, version_diff


def _field_label(name: str) -> str:
    for model in (DocumentSettings, Report):
        try:
            found = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return str(getattr(found, "verbose_name", name))
    return name


def printed_text_of(unit: Unit, period: Period) -> TextOf:
    """A section's text as the document printed it for that version: placeholders resolved with
    the version's own frozen values (so a reviewer compares sentences, not template codes)."""
    doc_values = document_values(unit=unit, period=period)
    cache: dict[int, dict] = {}

    def text_of(version: ReportVersion, key: str) -> str:
        if version.pk not in cache:
            cache[version.pk] = from_json(version.values)
        runs = render_runs(
            version.narrative.get(key, ""), values=cache[version.pk], doc_values=doc_values
        )
        return "\n".join("".join(run.text for run in paragraph) for paragraph in runs)

    return text_of


@require_GET
@unit_period_view
def version_list(request: UnitPeriodRequest) -> HttpResponse:
    report = report_get_or_create(unit=request.unit, period=request.period)
    versions = list(report.versions.select_related("submitted_by").order_by("-number"))
    by_number = {v.number: v for v in versions}
    text_of = printed_text_of(request.unit, request.period)
    rows = []
    for v in versions:
        previous = by_number.get(v.number - 1)
        diff = version_diff(previous, v, text_of=text_of) if previous is not None else None
        rows.append({"version": v, "diff": diff})
    return render(
        request,
        "reports/versions.html",
        {"unit": request.unit, "period": request.period, "report": report, "rows": rows},
    )


@require_GET
@unit_period_view
def version_diff_page(request: UnitPeriodRequest, number: int) -> HttpResponse:
    report = report_get_or_create(unit=request.unit, period=request.period)
    versions = {
        v.number: v
        for v in ReportVersion.objects.filter(
            report=report, number__in=(number - 1, number)
        ).select_related("submitted_by")
    }
    new = versions.get(number)
    if new is None:
        raise Http404
    old = versions.get(number - 1)
    text_of = printed_text_of(request.unit, request.period)
    diff = version_diff(old, new, text_of=text_of) if old is not None else None
    settings_rows = (
        [(_field_label(name), a, b) for name, a, b in diff.settings] if diff is not None else []
    )
    return render(
        request,
        "reports/version_diff.html",
        {
            "unit": request.unit,
            "period": request.period,
            "report": report,
            "new": new,
            "old": old,
            "diff": diff,
            "settings_rows": settings_rows,
        },
    )
