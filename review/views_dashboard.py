"""The reviewer's dashboard of a unit and period (issue 11, point 4): completeness of the child
units' reports, the comparison table of the key indicators (sorted on the server, targets
highlighted), a bar chart of one indicator across the units and a trend of one unit over
periods (SVG drawn here), the XLSX export, bulk acceptance, and the targets form.

Every page: a reviewer of the unit or of an ancestor (orgs.policy.roles_may_review_children);
a unit outside the user's scope is 404 (unit_period_view), a reader without the role 403.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models.fields.json import KeyTransform
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orgs.decorators import unit_period_view
from orgs.http import UnitPeriodRequest
from orgs.models import Period, Unit
from orgs.policy import roles_may_review_children
from reports.indicators import pct
from reports.models import IndicatorSnapshot, Report
from reports.workflow import ReportState

from .bulk import bulk_accept
from .charts import Bar, Point, bar_chart, trend_chart
from .comparison import KEY_CODES, SORT_NAME, SORT_STATE, ComparisonTable, comparison_table
from .exports import XLSX_TYPE, comparison_xlsx
from .models import IndicatorTarget
from .render import rows_html, total_html
from .selectors import children_status, completeness_of
from .targets import TargetsForm, own_targets, targets_for, targets_save

DEFAULT_CHART = "tthc.on_time_rate"
TREND_PERIODS = 6
QUERY_KEYS = ("sort", "dir", "chart", "trend")
# The rendered page parts are cached under a key holding the data version (data_version), so a
# change shows at once; the lifetime only bounds what a unit renamed in the admin may show.
CACHE_SECONDS = 600
# Part of the cache key: change it when the markup of the cached parts changes (a deploy then
# never serves the previous markup).
RENDER_VERSION = 3


def _require_reviewer(request: UnitPeriodRequest) -> None:
    if not roles_may_review_children(request.roles):
        raise PermissionDenied


def _table(request: UnitPeriodRequest, children: list[Unit] | None = None) -> ComparisonTable:
    return comparison_table(
        request.unit,
        request.period,
        sort=request.GET.get("sort") or SORT_NAME,
        descending=request.GET.get("dir") == "desc",
        targets=targets_for(request.unit, request.period),
        children=children,
    )


def _trend_points(unit: Unit, period: Period, code: str) -> list[Point]:
    """The unit's stored value of `code` in the periods of the same kind up to this one (one
    query; a period without a snapshot is a gap, never computed here)."""
    periods = list(
        Period.objects.filter(kind=period.kind, start__lte=period.start).order_by("-start")[
            :TREND_PERIODS
        ]
    )[::-1]
    stored = dict(
        IndicatorSnapshot.objects.filter(unit=unit, period__in=periods).values_list(
            "period_id", KeyTransform(code, "values")
        )
    )
    points = []
    for p in periods:
        raw = stored.get(p.pk)
        value: int | Decimal | None
        if raw is None or isinstance(raw, bool):
            value = None
        elif isinstance(raw, int):
            value = raw
        else:
            value = Decimal(str(raw))
        points.append(Point(p.code, value, key=p.code))
    return points


def _query(request: UnitPeriodRequest, **changes: str) -> str:
    params = {k: v for k, v in request.GET.items() if k in QUERY_KEYS}
    params.update(changes)
    return "?" + urlencode({k: v for k, v in params.items() if v})


def _body(request: UnitPeriodRequest) -> dict[str, Any]:
    """The page's data-dependent parts, rendered: completeness, the comparison table, the
    charts (no CSRF token, nothing of the user but the query: cached by data_version)."""
    unit, period = request.unit, request.period
    statuses = children_status(unit, period)
    done = completeness_of(statuses)
    table = _table(request, children=[s.unit for s in statuses])
    by_unit = {s.unit.pk: s for s in statuses}

    counts = Counter(s.state for s in statuses)
    expected = len(statuses)
    per_state = [
        {"state": st, "count": counts[st.value], "rate": pct(counts[st.value], expected)}
        for st in ReportState
    ]
    overdue = sum(1 for s in statuses if s.overdue)

    columns = {c.code: c for c in table.columns}
    chart_code = request.GET.get("chart") or (
        table.sort if table.sort in columns else DEFAULT_CHART
    )
    if chart_code not in columns:
        chart_code = DEFAULT_CHART
    chart_col = columns[chart_code]
    bar_svg = bar_chart(
        [Bar(r.unit.name, r.value(chart_code), key=r.unit.code) for r in table.rows],
        title=_("%(indicator)s — các đơn vị trực thuộc %(unit)s, kỳ %(period)s")
        % {"indicator": chart_col.indicator.label, "unit": unit.name, "period": period.code},
        kind=chart_col.kind,
        target=chart_col.target,
        target_label=_("Mục tiêu"),
    )
    trend_choices = [unit, *[r.unit for r in table.rows]]
    trend_unit = _trend_unit(request, trend_choices)
    trend_svg = trend_chart(
        _trend_points(trend_unit, period, chart_code),
        title=_("%(indicator)s — %(unit)s qua các kỳ")
        % {"indicator": chart_col.indicator.label, "unit": trend_unit.name},
        kind=chart_col.kind,
        target=chart_col.target if trend_unit.pk != unit.pk else None,
        target_label=_("Mục tiêu"),
    )

    headers = []
    for key, title, numeric in [
        (SORT_NAME, _("Đơn vị"), False),
        *[(c.code, c.title, True) for c in table.columns],
        (SORT_STATE, _("Báo cáo"), False),
    ]:
        active = table.sort == key
        if active:
            next_dir = "asc" if table.descending else "desc"
        else:
            next_dir = "desc" if numeric else "asc"
        headers.append(
            {
                "key": key,
                "title": title,
                "numeric": numeric,
                "column": columns.get(key),
                "href": _query(request, sort=key, dir=next_dir),
                "aria_sort": (
                    ("descending" if table.descending else "ascending") if active else "none"
                ),
            }
        )
    items = []
    for r in table.rows:
        status = by_unit.get(r.unit.pk)
        items.append(
            {
                "row": r,
                "report_id": status.report_id if status else None,
                "acceptable": r.state == ReportState.SUBMITTED and not r.errors,
            }
        )
    context = {
        "unit": unit,
        "period": period,
        "done": done,
        "expected": expected,
        "overdue": overdue,
        "per_state": per_state,
        "table": table,
        "headers": headers,
        "rows": items,
        "rows_html": rows_html(items, period, rank_code=table.sort),
        "total_html": total_html(table.total) if table.total else "",
        "chart_code": chart_code,
        "chart_choices": table.columns,
        "trend_unit": trend_unit,
        "trend_choices": trend_choices,
        # Built by review.charts: every text in it is escaped there.
        "bar_svg": mark_safe(bar_svg),  # noqa: S308
        "trend_svg": mark_safe(trend_svg),  # noqa: S308
        "export_query": _query(request),
        "targets_set": bool(table.targets),
    }
    return {
        "body": render_to_string("review/_dashboard_body.html", context),
        "charts": render_to_string("review/_dashboard_charts.html", context),
        "submitted_count": counts[ReportState.SUBMITTED.value],
    }


def _trend_unit(request: UnitPeriodRequest, choices: list[Unit]) -> Unit:
    code = request.GET.get("trend") or request.unit.code
    return next((u for u in choices if u.code == code), request.unit)


def data_version(unit: Unit, period: Period) -> str | None:
    """What the dashboard of (unit, period) shows depends on: the snapshots of the unit (every
    period: the trend) and of its children (this period; the trend of a child: every period),
    the children's reports, the targets of the unit and its ancestors, and the children
    themselves. Four aggregates in one statement (it runs on every view); any write to those
    rows changes the result (every workflow transition saves the report and raises its version,
    every refresh stamps computed_at)."""
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p] or [unit.pk]
    snap, rep, tgt, units = (
        m._meta.db_table for m in (IndicatorSnapshot, Report, IndicatorTarget, Unit)
    )
    children = f"SELECT id FROM {units} WHERE parent_id = %s"
    marks = ", ".join(["%s"] * len(ancestors))
    # Plain SQL both PostgreSQL and SQLite (the embedded default) run.
    sql = f"""
        SELECT
          (SELECT count(*) FROM {snap} WHERE unit_id = %s OR unit_id IN ({children})),
          (SELECT max(computed_at) FROM {snap} WHERE unit_id = %s OR unit_id IN ({children})),
          (SELECT count(*) FROM {rep} WHERE period_id = %s AND unit_id IN ({children})),
          (SELECT max(updated_at) FROM {rep} WHERE period_id = %s AND unit_id IN ({children})),
          (SELECT sum(version) FROM {rep} WHERE period_id = %s AND unit_id IN ({children})),
          (SELECT count(*) FROM {tgt} WHERE unit_id IN ({marks})),
          (SELECT max(updated_at) FROM {tgt} WHERE unit_id IN ({marks})),
          (SELECT count(*) FROM {units} WHERE parent_id = %s
            AND (valid_from IS NULL OR valid_from <= %s) AND (valid_to IS NULL OR valid_to >= %s)),
          (SELECT max(id) FROM {units} WHERE parent_id = %s
            AND (valid_from IS NULL OR valid_from <= %s) AND (valid_to IS NULL OR valid_to >= %s))
    """
    u, p = unit.pk, period.pk
    params: list[int | dt.date] = [
        *(u, u),
        *(u, u),
        *(p, u),
        *(p, u),
        *(p, u),
        *ancestors,
        *ancestors,
        *(u, period.end, period.start),
        *(u, period.end, period.start),
    ]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    if not row or not row[0]:
        # No snapshot yet: the page computes them (so the version changes under it), and a
        # version of counts alone could repeat on a database whose ids restart: never cached.
        return None
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


@require_GET
@unit_period_view
def dashboard(request: UnitPeriodRequest) -> HttpResponse:
    _require_reviewer(request)
    unit, period = request.unit, request.period
    version = data_version(unit, period)
    key = (
        "review:dashboard:"
        + hashlib.sha256(
            repr(
                (
                    RENDER_VERSION,
                    unit.pk,
                    period.pk,
                    get_language(),
                    timezone.localdate().isoformat(),  # "overdue" turns at midnight
                    sorted((k, request.GET.get(k)) for k in QUERY_KEYS),
                    version,
                )
            ).encode()
        ).hexdigest()
    )
    parts = cache.get(key) if version is not None else None
    if parts is None:
        parts = _body(request)
        if version is not None:
            cache.set(key, parts, CACHE_SECONDS)
    return render(
        request,
        "review/dashboard.html",
        {
            "unit": unit,
            "period": period,
            "body": mark_safe(parts["body"]),  # noqa: S308 - rendered by our templates
            "charts": mark_safe(parts["charts"]),  # noqa: S308
            "submitted_count": parts["submitted_count"],
        },
    )


@require_GET
@unit_period_view
def dashboard_export(request: UnitPeriodRequest) -> HttpResponse:
    """The comparison table as XLSX, in the page's sort order."""
    _require_reviewer(request)
    table = _table(request)
    response = HttpResponse(comparison_xlsx(table), content_type=XLSX_TYPE)
    name = slugify(f"so-sanh-{request.unit.code}-{request.period.code}") or "so-sanh"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_POST
@unit_period_view
def dashboard_accept(request: UnitPeriodRequest) -> HttpResponse:
    """Accept the selected submitted reports; those with open errors are skipped and named."""
    _require_reviewer(request)
    ids: list[int] = []
    for raw in request.POST.getlist("report"):
        try:
            ids.append(int(raw))
        except ValueError:
            continue
    back = redirect("review_dashboard", code=request.unit.code, period=request.period.code)
    if not ids:
        messages.error(request, _("Chưa chọn báo cáo nào để tiếp nhận."))
        return back
    result = bulk_accept(unit=request.unit, period=request.period, report_ids=ids, by=request.user)
    if result.accepted:
        messages.success(
            request,
            _("Đã tiếp nhận %(n)s báo cáo: %(units)s.")
            % {"n": len(result.accepted), "units": ", ".join(u.name for u in result.accepted)},
        )
    for skipped_unit, reason in result.skipped:
        messages.error(
            request,
            _("Bỏ qua %(unit)s: %(reason)s.")
            % {"unit": skipped_unit.name if skipped_unit else _("(không rõ)"), "reason": reason},
        )
    return back


@require_http_methods(["GET", "POST"])
@unit_period_view
def dashboard_targets(request: UnitPeriodRequest) -> HttpResponse:
    """The targets the unit's reviewers set for its children (empty removes one)."""
    _require_reviewer(request)
    unit, period = request.unit, request.period
    if request.method == "POST":
        form = TargetsForm(request.POST)
        if form.is_valid():
            targets_save(
                unit=unit,
                period=period,
                values=form.targets(),
                by=request.user,
                this_period_only=form.cleaned_data["this_period_only"],
            )
            messages.success(request, _("Đã lưu mục tiêu các chỉ tiêu."))
            return redirect("review_dashboard", code=unit.code, period=period.code)
    else:
        form = TargetsForm(initial=dict(own_targets(unit, period)))
    inherited = {
        code: value
        for code, value in targets_for(unit, period).items()
        if code not in own_targets(unit, period)
    }
    return render(
        request,
        "review/targets.html",
        {
            "unit": unit,
            "period": period,
            "form": form,
            "inherited": inherited,
            "codes": KEY_CODES,
        },
    )
