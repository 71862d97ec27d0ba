"""The NAIVE comparison page the dashboard is measured against (issue 11, Speed): a template
looping over the child units and calling the indicator registry for each one, plus one report
query per unit. Same scoping and role check as the dashboard; same columns; no snapshots."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import Context, Engine

from orgs.decorators import unit_period_view
from orgs.models import Unit
from orgs.policy import roles_may_review_children
from reports.indicators import compute, registry
from reports.models import Report
from review.comparison import KEY_CODES

TEMPLATE = Engine.get_default().from_string(
    """{% load cchc_format %}<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{{ unit.name }}</title></head><body><h1>{{ unit.name }} — {{ period.code }}</h1>
<table><thead><tr><th>Đơn vị</th>{% for ind in columns %}<th>{{ ind.label }}</th>{% endfor %}<th>Báo cáo</th></tr></thead>
<tbody>{% for r in rows %}<tr><td>{{ r.unit.name }}</td>{% for ind, v in r.values %}<td>{{ v|figure:ind.kind }}</td>{% endfor %}<td>{{ r.state }}</td></tr>{% endfor %}</tbody>
<tfoot><tr><th>{{ unit.name }}</th>{% for ind, v in total %}<td>{{ v|figure:ind.kind }}</td>{% endfor %}<td></td></tr></tfoot>
</table></body></html>"""
)


@unit_period_view
def naive_dashboard(request):
    if not roles_may_review_children(request.roles):
        raise PermissionDenied
    unit, period = request.unit, request.period
    columns = [registry.get(c) for c in KEY_CODES]
    rows = []
    for child in (
        Unit.objects.filter(parent=unit).valid_during(period.start, period.end).order_by("name")
    ):
        values = compute(child, period)  # the registry, per unit
        report = Report.objects.filter(unit=child, period=period).first()
        rows.append(
            {
                "unit": child,
                "values": [(ind, values.get(ind.code)) for ind in columns],
                "state": report.get_state_display() if report else "",
            }
        )
    totals = compute(unit, period)
    html = TEMPLATE.render(
        Context(
            {
                "unit": unit,
                "period": period,
                "columns": columns,
                "rows": rows,
                "total": [(ind, totals.get(ind.code)) for ind in columns],
            }
        )
    )
    return HttpResponse(html)
